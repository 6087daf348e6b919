"""Settings for ``make bench``: the real settings, the real URLs plus a floor view, and no
mail leaving the machine. The database comes from DATABASE_URL, which bench/run.py points
at its own databases (never the developer's)."""

from netvaerk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# Logins are made with Client.force_login and session cookies; no password is hashed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
