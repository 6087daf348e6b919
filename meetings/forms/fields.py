"""Form fields shared by the forms of the pages."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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


def local_datetime(day: datetime.date, clock: datetime.time) -> datetime.datetime | None:
    """The aware time of ``clock`` on ``day`` in Copenhagen, or None if the clocks skip it
    that day (02.00–03.00 when summer time begins). An hour that comes twice, when summer time
    ends, means its first pass."""
    naive = datetime.datetime.combine(day, clock)
    aware = timezone.make_aware(naive)
    # Through UTC: astimezone() to the same zone returns the time unchanged.
    if timezone.localtime(aware.astimezone(datetime.UTC)).replace(tzinfo=None) != naive:
        return None
    return aware


def skipped_time_error(day: datetime.date, clock: datetime.time) -> ValidationError:
    return ValidationError(
        _("%(time)s does not exist on %(day)s: the clocks go forward from 02.00 to 03.00.")
        % {"time": time_format(clock, "H.i"), "day": date_format(day, "j. F Y")},
        code="skipped_time",
    )
