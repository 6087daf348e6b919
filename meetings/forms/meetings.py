"""Forms of the meeting pages. They collect input; the rules live in meetings/services.py.

Times are entered as a day and two clock times in Copenhagen time.
"""

import datetime
from collections.abc import Mapping
from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.forms.fields import ModelMultipleIdsField, local_datetime, skipped_time_error
from meetings.forms.widgets import DateInput, TimeInput
from meetings.models import TASK_LEAD_DAYS, Invitation, Meeting, PreparationTask
from meetings.selectors import MeetingWhen
from meetings.uploads import validate_minutes_file
from netvaerk.models import Network
from participants.models import Participant


def add_service_error(
    form: forms.Form, error: ValidationError, renamed: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: on the field it names when the form has
    that field, otherwise above the form. ``renamed`` maps a model field to the form field
    that holds it (``starts_at`` to ``starts``)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = (renamed or {}).get(field, field)
        form.add_error(name if name in form.fields else None, errors)


class MeetingFilterForm(forms.Form):
    """The meeting list's filters. Invalid values are ignored, not errors."""

    visning = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (MeetingWhen.COMING, _("Coming meetings")),
            (MeetingWhen.PAST, _("Past meetings")),
        ],
    )
    netvaerk = forms.ModelChoiceField(
        label=_("Network"),
        required=False,
        queryset=Network.objects.none(),
        empty_label=_("All networks"),
    )

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["netvaerk"].queryset = networks.order_by("name", "pk")
        self.fields["netvaerk"].widget.attrs["class"] = "form-select"

    def value(self, name, default=None):
        """The filter's value; a bad value is dropped, the others still apply."""
        self.is_valid()
        return self.cleaned_data.get(name) or default


class MeetingForm(forms.Form):
    """A meeting's phase, title, time and place. The phase is one of the network's own."""

    title = forms.CharField(label=_("Title"), max_length=200)
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=None, empty_label=None)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("Starts"), widget=TimeInput())
    ends = forms.TimeField(label=_("Ends"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For example a Teams or Zoom link, if people can join online."),
    )
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, network: Network, meeting: Meeting | None = None, **kwargs):
        if meeting is not None:
            start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
            defaults = {
                "title": meeting.title,
                "phase": meeting.phase_id,
                "day": start.date(),
                "starts": start.time(),
                "ends": end.time(),
                "place": meeting.place,
                "online_url": meeting.online_url,
                "agenda": meeting.agenda,
            }
        else:
            defaults = {
                "place": network.default_place,
                "starts": datetime.time(9),
                "ends": datetime.time(12, 30),
            }
        kwargs["initial"] = {**defaults, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["phase"].queryset = network.phases.order_by("order")

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            starts_at, ends_at = local_datetime(day, starts), local_datetime(day, ends)
            if starts_at is None:
                self.add_error("starts", skipped_time_error(day, starts))
            if ends_at is None:
                self.add_error("ends", skipped_time_error(day, ends))
            if starts_at is None or ends_at is None:
                return data
            data["starts_at"], data["ends_at"] = starts_at, ends_at
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("A meeting must end after it starts."))
        return data

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "phase": data["phase"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "online_url": data["online_url"],
            "agenda": data["agenda"],
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_error(self, error, {"starts_at": "starts", "ends_at": "ends"})


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The invitees are told the meeting is cancelled."),
        error_messages={"required": _("Give a reason for the cancellation.")},
    )


class InviteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search name, email or organisation"), required=False, max_length=200
    )


class InviteForm(forms.Form):
    participant = forms.ModelChoiceField(
        queryset=Participant.objects.filter(archived_at__isnull=True),
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )


class AttendanceForm(forms.Form):
    """One choice per standing invitation: attended, absent or excused."""

    CHOICES = [
        (Invitation.Attendance.ATTENDED, Invitation.Attendance.ATTENDED.label),
        (Invitation.Attendance.ABSENT, Invitation.Attendance.ABSENT.label),
        (Invitation.Attendance.EXCUSED, Invitation.Attendance.EXCUSED.label),
    ]

    def __init__(self, *args, invitations: list[Invitation], **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for invitation in invitations:
            registered = invitation.attendance != Invitation.Attendance.UNKNOWN
            self.fields[self.field_name(invitation)] = forms.ChoiceField(
                label=invitation.participant.name,
                choices=self.CHOICES,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,
                initial=invitation.attendance if registered else None,
            )

    @staticmethod
    def field_name(invitation: Invitation) -> str:
        return f"invitation_{invitation.pk}"

    def rows(self):
        """(invitation, bound field) per invitee, for the template."""
        return [(row, self[self.field_name(row)]) for row in self.invitations]

    def attendance(self) -> dict[int, str]:
        """The choices made: invitation id → attendance. Rows left empty are not changed."""
        return {
            row.pk: self.cleaned_data[self.field_name(row)]
            for row in self.invitations
            if self.cleaned_data.get(self.field_name(row))
        }


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    minutes_file = forms.FileField(
        label=_("Minutes as a file"),
        required=False,
        max_length=255,
        validators=[validate_minutes_file],
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) or text (.txt), at most 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt,.txt"}),
    )
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_file:
            del self.fields["remove_file"]


class TaskForm(forms.Form):
    """A preparation task and who does it: some of the invitees, or all of them."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=PreparationTask.Kind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    assign_all = forms.BooleanField(label=_("Assign to everyone invited"), required=False)
    assignees = ModelMultipleIdsField(
        label=_("Assign to"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(
        self, *args, meeting: Meeting, invitees, task: PreparationTask | None = None, **kwargs
    ):
        if task is not None:
            defaults = {
                "title": task.title,
                "kind": task.kind,
                "description": task.description,
                "due_date": task.due_date,
                "assignees": [assignment.participant_id for assignment in task.assignments.all()],
            }
        else:
            meeting_day = timezone.localdate(meeting.starts_at)
            defaults = {
                "due_date": meeting_day - timedelta(days=TASK_LEAD_DAYS),
                "kind": PreparationTask.Kind.TALK,
            }
        kwargs["initial"] = {**defaults, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.fields["assignees"].queryset = invitees

    def clean(self):
        data = super().clean()
        if data.get("assign_all"):
            data["assignees"] = list(self.fields["assignees"].queryset)
        return data

    def task_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "description": data["description"],
            "due_date": data["due_date"],
        }
