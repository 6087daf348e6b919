"""Admin for participants and memberships.

Membership forms check their phases through ``membership_check_phases``, the rule the
services use; the network admin (meetings/admin.py) reuses ``MembershipAdminForm`` for
its membership inline.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netvaerk.history_admin import HistoryAdmin
from netvaerk.models import Network, Phase

from .models import Consent, Membership, NetworkInvitation, Participant, SignInLink
from .services import membership_check_phases, participant_anonymise


class PhaseWithNetworkChoiceField(forms.ModelMultipleChoiceField):
    """Phase choices that name their network, for when phases of many networks are offered."""

    def label_from_instance(self, phase):
        return f"{phase.network.name}: {phase}"


class MembershipAdminForm(forms.ModelForm):
    """A membership form whose phases obey the same rules as the services."""

    class Meta:
        model = Membership
        fields = [
            "network",
            "participant",
            "role",
            "phases",
            "is_co_driver",
            "manager_agreement",
            "manager_agreement_on",
            "manager_summary_sent_at",
            "joined_on",
            "left_on",
        ]
        widgets = {"phases": forms.CheckboxSelectMultiple}

    def limit_phases_to(self, network: Network | None) -> None:
        """Offer only the network's phases; without a network, every phase named by network."""
        field = self.fields.get("phases")
        if field is None:
            return
        if network is not None:
            field.queryset = network.phases.all() if network.pk else Phase.objects.none()
            return
        self.fields["phases"] = PhaseWithNetworkChoiceField(
            queryset=Phase.objects.select_related("network").order_by("network__name", "order"),
            required=False,
            label=field.label,
            help_text=field.help_text,
            widget=forms.SelectMultiple,
        )

    def clean(self):
        cleaned_data = super().clean()
        network, role = cleaned_data.get("network"), cleaned_data.get("role")
        if network is not None and role and "phases" in cleaned_data:
            try:
                membership_check_phases(network=network, role=role, phases=cleaned_data["phases"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


@admin.register(Participant)
class ParticipantAdmin(HistoryAdmin):
    list_display = [
        "name",
        "email",
        "organisation",
        "background",
        "is_municipal_staff",
        "membership_count",
    ]
    list_filter = ["background", "is_municipal_staff", "memberships__network"]
    search_fields = ["name", "email", "organisation"]
    autocomplete_fields = ["user"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "removal_requested_at",
        "anonymised_at",
        "retention_warned_at",
        "calendar_token",
    ]
    fieldsets = [
        (None, {"fields": ["name", "email", "phone", "organisation", "background", "language"]}),
        (
            _("Competences"),
            {
                "fields": [
                    "competence_professional",
                    "competence_personal",
                    "competence_methodical",
                    "perspective",
                    "motivation",
                ]
            },
        ),
        (
            _("Municipal staff"),
            {"fields": ["is_municipal_staff", "manager_name", "manager_email"]},
        ),
        (
            _("Reminders"),
            {
                "fields": [
                    "wants_meeting_reminders",
                    "wants_task_reminders",
                    "wants_response_reminders",
                    "wants_follow_up_reminders",
                ]
            },
        ),
        (
            _("Login and history"),
            {
                "fields": [
                    "user",
                    "calendar_token",
                    "archived_at",
                    "removal_requested_at",
                    "anonymised_at",
                    "retention_warned_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(membership_count=Count("memberships", distinct=True))
        )

    @admin.display(description=_("memberships"), ordering="membership_count")
    def membership_count(self, participant):
        return participant.membership_count

    actions = ["anonymise"]

    @admin.action(
        description=_("Anonymise the selected people (cannot be undone)"),
        permissions=["change"],
    )
    def anonymise(self, request, queryset):
        people = list(queryset.filter(anonymised_at__isnull=True))
        for participant in people:
            participant_anonymise(participant=participant, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d person was anonymised.", "%(count)d people were anonymised.", len(people)
            )
            % {"count": len(people)},
            messages.SUCCESS,
        )


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    form = MembershipAdminForm
    list_display = [
        "participant",
        "network",
        "role",
        "phase_names",
        "is_co_driver",
        "manager_agreement",
        "joined_on",
        "left_on",
    ]
    list_filter = ["role", "is_co_driver", "manager_agreement", "network__status", "network"]
    search_fields = ["participant__name", "participant__email", "network__name"]
    autocomplete_fields = ["network", "participant"]
    list_select_related = ["network", "participant"]
    date_hierarchy = "joined_on"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("phases")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        network = obj.network if obj is not None else self._network_from_query(request)

        class Form(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.limit_phases_to(network)

        return Form

    @staticmethod
    def _network_from_query(request) -> Network | None:
        """The network named in ``?network=<id>`` on the add page, if any."""
        network_id = request.GET.get("network", "")
        if not network_id.isdigit():
            return None
        return Network.objects.filter(pk=network_id).first()

    @admin.display(description=_("phases"))
    def phase_names(self, membership):
        return ", ".join(phase.name for phase in membership.phases.all())


class RecordOnly:
    """A log kept by the application itself: administrators read it, never write it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(RecordOnly, admin.ModelAdmin):
    list_display = ["participant", "kind", "text_version", "given_at", "withdrawn_at"]
    list_filter = ["kind", "text_version"]
    search_fields = ["participant__name", "participant__email"]
    list_select_related = ["participant"]
    date_hierarchy = "given_at"


@admin.register(NetworkInvitation)
class NetworkInvitationAdmin(RecordOnly, admin.ModelAdmin):
    list_display = ["participant", "network", "role", "status", "sent_at", "answered_at"]
    list_filter = ["status", "role", "network"]
    search_fields = ["participant__name", "participant__email", "network__name"]
    list_select_related = ["participant", "network"]
    date_hierarchy = "created_at"


@admin.register(SignInLink)
class SignInLinkAdmin(RecordOnly, admin.ModelAdmin):
    list_display = ["participant", "created_at", "expires_at", "used_at"]
    search_fields = ["participant__name", "participant__email"]
    list_select_related = ["participant"]
