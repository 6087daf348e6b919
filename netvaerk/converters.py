"""Path converters of the project's URLs."""

from django.urls.converters import IntConverter

MAX_ID = 2**63 - 1  # the largest id a 64-bit id column holds (BigAutoField)


class IdConverter(IntConverter):
    """A database id in a URL, ``<id:pk>``: a whole number an id column can hold. A longer
    number does not match the URL (404), where ``<int:…>`` handed it to the database driver,
    which fails on it (SQLite: "Python int too large to convert to SQLite INTEGER")."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("larger than any id")
        return number
