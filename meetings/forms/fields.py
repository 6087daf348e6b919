"""Form fields shared by the forms of the pages."""

from django import forms
from django.core.exceptions import ValidationError

from netvaerk.converters import MAX_ID


class ModelMultipleIdsField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses an id no id column can hold with its usual
    message, before the database sees it: Django passes the ids to an ``IN`` lookup as they
    are, and SQLite's driver fails on a number beyond 64 bits (a 500)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # Django's own check refuses it with the same message
            if abs(number) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
