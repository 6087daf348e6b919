"""Forms of the participant's own "Mine oplysninger" pages: their details, which reminders
they want, and the consent to be shown to fellow participants.

The rules live in participants/services.py and participants/consent.py; these forms collect
input in plain words and catch an email that someone else already uses (without saying who).
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from participants.models import Participant


def _helper(layout: Layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's own <form> carries the token
    helper.layout = layout
    return helper


class MyDetailsForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "name",
            "email",
            "phone",
            "organisation",
            "language",
            "perspective",
            "competence_professional",
            "competence_personal",
            "competence_methodical",
            "motivation",
        ]
        labels = {
            "name": _("Your name"),
            "email": _("Your email"),
            "phone": _("Phone"),
            "organisation": _("Organisation or workplace"),
            "language": _("Language of the pages and mail"),
            "perspective": _("Your perspective"),
            "competence_professional": _("Professional competence"),
            "competence_personal": _("Personal competence"),
            "competence_methodical": _("Methodical competence"),
            "motivation": _("Your motivation"),
        }
        help_texts = {
            "email": _("We send invitations, reminders and sign-in links here."),
            "phone": _("Optional. Used only if the secretariat needs to reach you quickly."),
            "organisation": _("Optional. Leave it empty if you take part as a private person."),
            "perspective": _(
                "What you see from where you stand, for example as a relative, a citizen or "
                "an employee."
            ),
            "competence_professional": _("What you know from your work or education."),
            "competence_personal": _("What you know from your own life."),
            "competence_methodical": _(
                "Ways of working you master, for example interviews or testing ideas."
            ),
            "motivation": _("Why you want to take part."),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "perspective",
                "competence_professional",
                "competence_personal",
                "competence_methodical",
                "motivation",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "tel"})
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.helper = _helper(
            Layout(
                Fieldset(
                    _("Contact details"),
                    Div(
                        Div(Field("name"), css_class="col-md-6"),
                        Div(Field("email"), css_class="col-md-6"),
                        Div(Field("phone"), css_class="col-md-6"),
                        Div(Field("organisation"), css_class="col-md-6"),
                        Div(Field("language"), css_class="col-md-6"),
                        css_class="row",
                    ),
                ),
                Fieldset(
                    _("What you bring to the network"),
                    "perspective",
                    "competence_professional",
                    "competence_personal",
                    "competence_methodical",
                    "motivation",
                ),
            )
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = Participant.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _(
                    "Another person in the network structure already uses this email address. "
                    "Use a different one, or contact the secretariat."
                ),
                code="duplicate",
            )
        return email


class RemindersForm(forms.ModelForm):
    """Which reminders the person wants. Invitations, changes and cancellations always come."""

    class Meta:
        model = Participant
        fields = [
            "wants_meeting_reminders",
            "wants_response_reminders",
            "wants_task_reminders",
            "wants_follow_up_reminders",
        ]
        labels = {
            "wants_meeting_reminders": _("Remind me before a meeting"),
            "wants_response_reminders": _("Remind me if I have not answered an invitation"),
            "wants_task_reminders": _("Remind me of my preparation tasks"),
            "wants_follow_up_reminders": _("Follow-up after meetings I co-drive"),
        }
        help_texts = {
            "wants_meeting_reminders": _(
                "A mail with time, place and agenda some days before, and the day before."
            ),
            "wants_response_reminders": _(
                "A short nudge a few days before the meeting if you have not said yes or no."
            ),
            "wants_task_reminders": _(
                "A mail before a task is due, for example a talk you have promised to give, "
                "and one if it is overdue."
            ),
            "wants_follow_up_reminders": _(
                "Only for co-drivers: a reminder to register attendance and minutes."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Layout(*self.Meta.fields))


class ChoiceActionForm(forms.Form):
    """A button that does one of two things (give/withdraw, ask/take back)."""

    ACTIONS: tuple[str, str] = ("give", "withdraw")

    action = forms.ChoiceField(choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(action, action) for action in self.ACTIONS]


class PeerConsentForm(ChoiceActionForm):
    ACTIONS = ("give", "withdraw")


class RemovalForm(ChoiceActionForm):
    ACTIONS = ("request", "withdraw")
