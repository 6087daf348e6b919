"""Forms of the network pages: the list's filters, a network's details, the meeting plan.

The rules live in netvaerk/services.py, meetings/services.py and meetings/planning.py; these
forms collect input and say clearly, in the user's language, what is wrong with it.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meetings.forms.fields import local_datetime, skipped_time_error
from meetings.forms.meetings import add_service_error
from meetings.forms.widgets import DateInput, TimeInput
from meetings.plan import MAX_MEETINGS, MIN_MEETINGS
from meetings.planning import DEFAULT_COUNT, DEFAULT_DURATION, DEFAULT_START, ProposedMeeting
from netvaerk.models import Network, Phase, Theme, default_reminder_offsets


class NetworkFilterForm(forms.Form):
    """The network list's search and filters. Invalid values are ignored, not errors."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Network.Status.choices],
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.order_by("name"),
        empty_label=_("All themes"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "type": "search", "autocomplete": "off"}
        )
        self.fields["q"].help_text = _("Name, theme or challenge")
        for name in ("status", "theme"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def filters(self) -> dict:
        """The valid filters, for ``networks_for_list``; invalid ones are dropped."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "search": data.get("q") or "",
            "status": data.get("status") or "",
            "theme": data.get("theme"),
        }


class ReminderDaysField(forms.CharField):
    """Reminder days as the user writes them, "7, 1", stored as a list of numbers."""

    default_error_messages = {
        "invalid": _("Write whole numbers of days separated by commas, e.g. 7, 1."),
    }

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(days) for days in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        parts = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
        try:
            return [int(part) for part in parts]
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class NetworkForm(forms.ModelForm):
    """A network's details. The model's rules (and the services) are the authority; the
    checks here put the messages beside the fields they concern."""

    reminder_offsets = ReminderDaysField(
        label=_("Reminder days before meetings"),
        required=False,
        initial=default_reminder_offsets,
        help_text=_(
            "Invitees are reminded this many days before each meeting, e.g. 7, 1. "
            "Leave empty to send no meeting reminders."
        ),
    )

    class Meta:
        model = Network
        fields = [
            "theme",
            "name",
            "challenge",
            "purpose",
            "status",
            "start_date",
            "end_date",
            "default_place",
            "reminder_offsets",
        ]
        widgets = {
            "challenge": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The end date must be after the start date."))
        return data

    def service_fields(self) -> dict:
        """The cleaned values, as keyword arguments for network_create/network_update."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# --- The meeting plan ----------------------------------------------------------------------

DURATION_CHOICES = [
    (180, _("3 hours")),
    (210, _("3½ hours")),
    (240, _("4 hours")),
]


class MeetingPlanOptionsForm(forms.Form):
    """How many meetings to propose and when in the day they are (a GET form)."""

    count = forms.TypedChoiceField(
        label=_("Number of meetings"),
        coerce=int,
        choices=[(n, str(n)) for n in range(MIN_MEETINGS, MAX_MEETINGS + 1)],
        initial=DEFAULT_COUNT,
    )
    start_time = forms.TimeField(
        label=_("Meetings start at"), initial=DEFAULT_START, widget=TimeInput()
    )
    duration = forms.TypedChoiceField(
        label=_("Length"),
        coerce=int,
        choices=DURATION_CHOICES,
        initial=int(DEFAULT_DURATION.total_seconds() // 60),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"].widget.attrs["class"] = "form-select"
        self.fields["duration"].widget.attrs["class"] = "form-select"
        self.fields["start_time"].widget.attrs["class"] = "form-control"

    def clean(self):
        data = super().clean()
        start, minutes = data.get("start_time"), data.get("duration")
        if start and minutes:
            end = datetime.datetime.combine(datetime.date.min, start) + datetime.timedelta(
                minutes=minutes
            )
            if end.date() != datetime.date.min:
                raise ValidationError(_("A meeting must end on the day it starts."))
        return data

    @classmethod
    def defaults(cls) -> dict:
        """The initial options as a user would send them."""
        return {
            "count": str(DEFAULT_COUNT),
            "start_time": DEFAULT_START.strftime("%H:%M"),
            "duration": str(int(DEFAULT_DURATION.total_seconds() // 60)),
        }

    def options(self) -> dict:
        """The chosen options for ``propose_meeting_plan``; defaults for whatever is invalid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if self.non_field_errors():
            data = {}
        return {
            "count": data.get("count") or DEFAULT_COUNT,
            "start_time": data.get("start_time") or DEFAULT_START,
            "duration": datetime.timedelta(minutes=data["duration"])
            if data.get("duration")
            else DEFAULT_DURATION,
        }


class PlannedMeetingForm(forms.Form):
    """One meeting of the plan, as staff adjust it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    phase = forms.TypedChoiceField(label=_("Phase"), coerce=int)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end = forms.TimeField(label=_("Ends"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)

    def __init__(self, *args, phases: list[Phase], **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = {phase.pk: phase for phase in phases}
        self.fields["phase"].choices = [(phase.pk, str(phase)) for phase in phases]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting must end after it starts."))
        day = data.get("day")
        for name in ("start", "end"):
            if day and data.get(name) and local_datetime(day, data[name]) is None:
                self.add_error(name, skipped_time_error(day, data[name]))
        return data

    def meeting_fields(self) -> dict:
        """The meeting as keyword arguments for ``meeting_create``, in Copenhagen time."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "phase": self.phases[data["phase"]],
            "starts_at": local_datetime(data["day"], data["start"]),
            "ends_at": local_datetime(data["day"], data["end"]),
            "place": data["place"],
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_error(self, error, {"starts_at": "start", "ends_at": "end"})

    @staticmethod
    def initial_from(proposed: ProposedMeeting) -> dict:
        return {
            "title": proposed.title,
            "phase": proposed.phase.pk,
            "day": proposed.day,
            "start": proposed.start,
            "end": proposed.end,
            "place": proposed.place,
        }


class BasePlanFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Leave this meeting out")

    def clean(self):
        if any(self.errors):
            return
        kept = [form for form in self.forms if not self._should_delete_form(form)]
        if not kept:
            raise ValidationError(_("Keep at least one meeting, or leave the page without saving."))
        days = [form.cleaned_data["day"] for form in kept]
        if len(set(days)) != len(days):
            raise ValidationError(_("Two meetings of the plan are on the same day."))

    def kept_forms(self) -> list[PlannedMeetingForm]:
        """The forms of the meetings to save, in order."""
        return [form for form in self.forms if not self._should_delete_form(form)]


MeetingPlanFormSet = forms.formset_factory(
    PlannedMeetingForm,
    formset=BasePlanFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_MEETINGS,
    validate_max=True,
    absolute_max=MAX_MEETINGS,
)
