"""Forms of the participant's own pages. They collect input; the rules live in
meetings/services.py (invitation_answer, invitation_report_absence, assignment_mark_done)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import Invitation

ANSWERS = [
    (Invitation.Response.YES, pgettext_lazy("answer to an invitation", "Yes, I will come")),
    (Invitation.Response.MAYBE, pgettext_lazy("answer to an invitation", "Maybe")),
    (Invitation.Response.NO, pgettext_lazy("answer to an invitation", "No, I cannot come")),
]


class AnswerForm(forms.Form):
    """Yes, no or maybe to a meeting, with an optional comment."""

    response = forms.ChoiceField(
        label=_("Will you come?"), choices=ANSWERS, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example if you need step-free access, a sign language interpreter or a "
            "hearing loop, or if you will arrive late."
        ),
    )

    def __init__(self, *args, invitation: Invitation | None = None, **kwargs):
        if invitation is not None and "initial" not in kwargs:
            answered = invitation.response != Invitation.Response.PENDING
            kwargs["initial"] = {
                "response": invitation.response if answered else None,
                "comment": invitation.response_comment,
            }
        super().__init__(*args, **kwargs)


class AbsenceForm(forms.Form):
    """Cannot come after all: the reason is required, so the others know."""

    reason = forms.CharField(
        label=_("Why can you not come?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words are enough, for example illness or a clash with work."),
        error_messages={"required": _("Tell us briefly why you cannot come.")},
    )


class DoneForm(forms.Form):
    """Mark one's own task done (1) or not done after all (0)."""

    done = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )
