"""Danish formats: Django's, with times written the Danish way (14.30, not 14:30)."""

from django.conf.locale.da.formats import *  # noqa: F403

TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j. F Y, H.i"
SHORT_DATETIME_FORMAT = "d.m.Y H.i"
TIME_INPUT_FORMATS = ["%H.%M", "%H:%M", "%H.%M.%S", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H.%M",
    *DATETIME_INPUT_FORMATS,  # noqa: F405
]
