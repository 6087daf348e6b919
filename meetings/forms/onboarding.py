"""Forms of onboarding: the secretariat's invitation, the person's answer, the manager's
answer. The rules live in participants/onboarding.py; these collect input and offer only
choices that make sense (a network's own phases, people who can be invited)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings.forms.fields import ModelMultipleIdsField
from netvaerk.models import Network
from participants.consent import CURRENT_VERSION, consent_text
from participants.models import Consent, Membership, NetworkInvitation, Participant


def invitable_people(network: Network):
    """People who can be invited to the network: not archived, never a member of it, and
    without an invitation awaiting an answer."""
    members = Membership.objects.filter(network=network, participant=OuterRef("pk"))
    open_invitations = NetworkInvitation.objects.filter(
        network=network, participant=OuterRef("pk"), status=NetworkInvitation.Status.OPEN
    )
    return (
        Participant.objects.filter(archived_at__isnull=True, anonymised_at__isnull=True)
        .exclude(Exists(members))
        .exclude(Exists(open_invitations))
        .order_by("name", "pk")
    )


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's own <form> carries the token
    return helper


class InviteForm(forms.Form):
    """Whom to invite, in which role and phases, and a personal message for the mail."""

    participant = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Participant.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Choose a person who is not a member of the network and has no open invitation."
            )
        },
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, widget=forms.RadioSelect
    )
    phases = ModelMultipleIdsField(
        label=_("Phases"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Involved participants are invited to the meetings of the phases ticked here. "
            "Core participants take part in all phases."
        ),
    )
    is_co_driver = forms.BooleanField(
        label=_("Invite as co-driver"),
        required=False,
        help_text=_("Leads the network with the secretariat and may manage its meetings."),
    )
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown in the mail and on the invitation page. Optional."),
    )

    def __init__(self, *args, network: Network, participant: Participant | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["phases"].queryset = network.phases.order_by("order")
        if participant is None:
            field = self.fields["participant"]
            field.queryset = invitable_people(network)
            field.empty_label = _("Choose a person")
            field.help_text = _(
                "People who are or have been members, or have an open invitation, are not offered."
            )
        else:
            del self.fields["participant"]
        self.helper = _helper()

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["phases"] = list(data.get("phases") or [])
        return data


class AcceptForm(forms.Form):
    """The person's answer: their perspective, competences and motivation, their line manager
    if they work for the municipality, and the two consents with the text beside each."""

    perspective = forms.CharField(
        label=_("What is your perspective?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example as a relative, as a nurse on a night shift, as a researcher in the "
            "field, or as someone who uses the service."
        ),
        error_messages={"required": _("Tell us briefly which perspective you bring.")},
    )
    competence_professional = forms.CharField(
        label=_("Professional competence"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Your education, job or field of knowledge."),
    )
    competence_personal = forms.CharField(
        label=_("Personal competence"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Experience from your own life that matters for the theme."),
    )
    competence_methodical = forms.CharField(
        label=_("Methodical competence"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example facilitation, interviews, evaluation or trying out ideas."),
    )
    motivation = forms.CharField(
        label=_("What motivates you to take part?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    manager_name = forms.CharField(label=_("Your line manager's name"), max_length=200)
    manager_email = forms.EmailField(label=_("Your line manager's email"))
    consent_processing = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("We can only include you in the network if we may keep your details.")
        },
    )
    consent_show_to_peers = forms.BooleanField(required=False)
    consent_version = forms.CharField(widget=forms.HiddenInput, initial=CURRENT_VERSION)

    def __init__(self, *args, participant: Participant, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "perspective": participant.perspective,
                "competence_professional": participant.competence_professional,
                "competence_personal": participant.competence_personal,
                "competence_methodical": participant.competence_methodical,
                "motivation": participant.motivation,
                "manager_name": participant.manager_name,
                "manager_email": participant.manager_email,
            },
        )
        super().__init__(*args, **kwargs)
        self.participant = participant
        self.fields["consent_processing"].label = consent_text(Consent.Kind.PROCESSING)
        self.fields["consent_show_to_peers"].label = consent_text(Consent.Kind.SHOW_TO_PEERS)
        self.fields["manager_name"].widget.attrs["autocomplete"] = "off"
        self.fields["manager_email"].widget.attrs["autocomplete"] = "off"
        manager = []
        if participant.is_municipal_staff:
            manager = [
                Fieldset(
                    _("Your line manager"),
                    Div(
                        Div(Field("manager_name"), css_class="col-md-6"),
                        Div(Field("manager_email"), css_class="col-md-6"),
                        css_class="row",
                    ),
                    css_class="onboarding-fieldset",
                )
            ]
        else:
            del self.fields["manager_name"]
            del self.fields["manager_email"]
        self.helper = _helper()
        self.helper.layout = Layout(
            Fieldset(
                _("You and the network"),
                "perspective",
                "competence_professional",
                "competence_personal",
                "competence_methodical",
                "motivation",
                css_class="onboarding-fieldset",
            ),
            *manager,
            Fieldset(
                _("Your consent"),
                HTML(
                    format_html(
                        '<p class="small">{}</p>',
                        gettext(
                            "The first consent is needed to take part. The second is your own "
                            "choice and does not change your place in the network."
                        ),
                    )
                ),
                Field("consent_processing", wrapper_class="consent"),
                Field("consent_show_to_peers", wrapper_class="consent"),
                "consent_version",
                css_class="onboarding-fieldset",
            ),
        )

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Would you tell us why? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It helps us put the network together. Only the secretariat sees it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ManagerAnswerForm(forms.Form):
    AGREED, DECLINED = "agreed", "declined"

    answer = forms.ChoiceField(
        choices=[(AGREED, _("Yes, we have agreed it")), (DECLINED, _("No, not this time"))]
    )

    @property
    def agreed(self) -> bool:
        return self.cleaned_data["answer"] == self.AGREED
