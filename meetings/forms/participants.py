"""Forms of the participant pages: the list's filters, a person's details, their memberships.

The rules themselves live in participants/services.py; these forms collect input, limit the
choices to what makes sense (a network's own phases) and catch a duplicate email early.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.forms.fields import ModelMultipleIdsField
from meetings.forms.widgets import DateInput
from meetings.selectors import ROLE_CO_DRIVER, ParticipantStatus, participants_addable_to
from netvaerk.models import Network
from participants.models import Membership, Participant


class ParticipantFilterForm(forms.Form):
    """The participant list's search and filters. Invalid values are ignored, not errors."""

    q = forms.CharField(
        label=_("Search name, email or organisation"), required=False, max_length=200
    )
    background = forms.ChoiceField(
        label=_("Background"),
        required=False,
        choices=[("", _("All backgrounds")), *Participant.Background.choices],
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        required=False,
        queryset=Network.objects.order_by("name"),
        empty_label=_("All networks"),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[
            ("", _("All roles")),
            *Membership.Role.choices,
            (ROLE_CO_DRIVER, _("Co-driver")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (ParticipantStatus.CURRENT, _("Current people")),
            (ParticipantStatus.ARCHIVED, _("Archived people")),
            (ParticipantStatus.ALL, _("Everyone")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {
                "class": "form-control",
                "type": "search",
                "autocomplete": "off",
            }
        )
        for name in ("background", "network", "role", "status"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def filters(self) -> dict:
        """The valid filters, for ``participants_for_list``; invalid ones are dropped."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "search": data.get("q") or "",
            "background": data.get("background") or "",
            "network": data.get("network"),
            "role": data.get("role") or "",
            "status": data.get("status") or ParticipantStatus.CURRENT,
        }


class ParticipantForm(forms.ModelForm):
    """A person's details. An email that another person already has (in any case) is caught
    here with a link to that person; the database constraint stays the last line."""

    class Meta:
        model = Participant
        fields = [
            "name",
            "email",
            "phone",
            "organisation",
            "background",
            "language",
            "competence_professional",
            "competence_personal",
            "competence_methodical",
            "perspective",
            "motivation",
            "is_municipal_staff",
            "manager_name",
            "manager_email",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "competence_professional",
                "competence_personal",
                "competence_methodical",
                "perspective",
                "motivation",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicate: Participant | None = None
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's own <form> carries the token
        self.helper.layout = Layout(
            Fieldset(
                _("Contact details"),
                Div(
                    Div(Field("name"), css_class="col-md-6"),
                    Div(Field("email"), css_class="col-md-6"),
                    Div(Field("phone"), css_class="col-md-6"),
                    Div(Field("organisation"), css_class="col-md-6"),
                    Div(Field("background"), css_class="col-md-6"),
                    Div(Field("language"), css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Competences and perspective"),
                "competence_professional",
                "competence_personal",
                "competence_methodical",
                "perspective",
                "motivation",
            ),
            Fieldset(
                _("Municipal staff"),
                "is_municipal_staff",
                Div(
                    Div(Field("manager_name"), css_class="col-md-6"),
                    Div(Field("manager_email"), css_class="col-md-6"),
                    css_class="row",
                ),
            ),
        )

    def find_duplicate(self, email: str) -> Participant | None:
        others = Participant.objects.filter(email__iexact=email.strip())
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        return others.first()

    @staticmethod
    def duplicate_error(person: Participant) -> forms.ValidationError:
        return forms.ValidationError(
            _("%(name)s already has this email address; nothing was saved.")
            % {"name": person.name},
            code="duplicate",
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.duplicate = self.find_duplicate(email)
        if self.duplicate is not None:
            raise self.duplicate_error(self.duplicate)
        return email

    def clean(self):
        data = super().clean()
        if not data.get("is_municipal_staff"):
            for name in ("manager_name", "manager_email"):
                if data.get(name):
                    self.add_error(
                        name, _("Only municipal staff have a line manager registered here.")
                    )
        return data


class ChooseNetworkForm(forms.Form):
    """The first step of adding a person to a network: which network (its phases follow)."""

    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        error_messages={
            "invalid_choice": _("Choose a running network the person is not already a member of.")
        },
    )

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        field.queryset = (
            Network.objects.exclude(memberships__participant=participant)
            .exclude(status=Network.Status.CONCLUDED)
            .order_by("name")
        )
        field.empty_label = _("Choose a network")
        field.help_text = _("The network's phases are offered on the next step.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's own <form> carries the token


class MembershipForm(forms.Form):
    """Role, phases, co-driver and manager agreement of a membership of one network. Only that
    network's phases can be chosen; the services check the rest (an involved participant names
    at least one phase)."""

    participant = forms.ModelChoiceField(label=_("Person"), queryset=Participant.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, widget=forms.RadioSelect
    )
    phases = ModelMultipleIdsField(
        label=_("Phases"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Involved participants take part in the phases ticked here. "
            "Core participants take part in all phases."
        ),
    )
    is_co_driver = forms.BooleanField(
        label=_("Co-driver"),
        required=False,
        help_text=_("Leads the network with the secretariat and may manage its meetings."),
    )
    manager_agreement = forms.ChoiceField(
        label=_("Manager agreement"), choices=Membership.ManagerAgreement.choices
    )
    manager_agreement_on = forms.DateField(
        label=_("Manager agreement date"), required=False, widget=DateInput
    )
    joined_on = forms.DateField(label=_("Joined"), widget=DateInput)

    def __init__(
        self,
        *args,
        network: Network,
        participant: Participant | None = None,
        membership: Membership | None = None,
        **kwargs,
    ):
        if membership is not None:
            kwargs.setdefault(
                "initial",
                {
                    "role": membership.role,
                    "phases": list(membership.phases.all()),
                    "is_co_driver": membership.is_co_driver,
                    "manager_agreement": membership.manager_agreement,
                    "manager_agreement_on": membership.manager_agreement_on,
                },
            )
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["phases"].queryset = network.phases.order_by("order")
        if participant is None and membership is None:
            self.fields["participant"].queryset = participants_addable_to(network).order_by(
                "name", "pk"
            )
            self.fields["participant"].empty_label = _("Choose a person")
            # The person is not known yet: let the service decide unless staff choose.
            agreement = self.fields["manager_agreement"]
            agreement.required = False
            agreement.choices = [
                ("", _("Pending for municipal staff, otherwise not needed")),
                *Membership.ManagerAgreement.choices,
            ]
        else:
            del self.fields["participant"]
        if membership is not None:
            del self.fields["joined_on"]
        else:
            self.fields["joined_on"].initial = timezone.localdate()
            if participant is not None:
                self.fields["manager_agreement"].initial = (
                    Membership.ManagerAgreement.PENDING
                    if participant.is_municipal_staff
                    else Membership.ManagerAgreement.NOT_NEEDED
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's own <form> carries the token

    def service_fields(self) -> dict:
        """The cleaned values, named as ``membership_add`` takes them."""
        data = dict(self.cleaned_data)
        data["phases"] = list(data.get("phases") or [])
        if not data.get("manager_agreement"):
            data.pop("manager_agreement", None)
        return data


class MembershipEndForm(forms.Form):
    left_on = forms.DateField(
        label=_("Ends on"),
        widget=DateInput,
        help_text=_("From this day on, the person is not invited to the network's meetings."),
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = max(timezone.localdate(), membership.joined_on)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's own <form> carries the token


class ConfirmForm(forms.Form):
    """An empty form: a POST that confirms an action."""
