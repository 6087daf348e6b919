"""Admin for meetings, invitations and preparation tasks — and for networks.

``NetworkAdmin`` is registered here, not in netvaerk/admin.py: its change page has inlines
for phases (netvaerk), memberships (participants) and meetings (this app) and shows the plan
warnings of ``meetings.plan``, so it lives in the highest app it needs.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.history_admin import HistoryAdmin, ValidInitialData
from netvaerk.models import Network, Phase
from netvaerk.services import phases_from_template
from participants.admin import MembershipAdminForm
from participants.models import Membership

from .models import Invitation, Meeting, PreparationTask, TaskAssignment
from .plan import network_plan_warnings, networks_with_plan_data


def _network_from_query(request) -> Network | None:
    """The network named in ``?network=<id>`` on an add page, if any."""
    network_id = request.GET.get("network", "")
    if not network_id.isdigit():
        return None
    return Network.objects.filter(pk=network_id).first()


class CompactInline(admin.TabularInline):
    """A tabular inline without the add/change/delete/view icons beside related fields,
    which crowd a row; the related objects have their own admin pages."""

    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield


# --- Networks ------------------------------------------------------------------------------


class PhaseInline(admin.TabularInline):
    model = Phase
    fields = ["order", "name", "start_date", "end_date"]
    extra = 0


class MembershipInline(CompactInline):
    model = Membership
    form = MembershipAdminForm
    fields = ["participant", "role", "phases", "is_co_driver", "manager_agreement"]
    autocomplete_fields = ["participant"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        network = obj if obj is not None else Network()

        class Form(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.limit_phases_to(network)

        formset.form = Form
        return formset


class MeetingInline(CompactInline):
    """The network's meetings, compact; each links to its own page for the rest."""

    model = Meeting
    fields = ["title", "phase", "starts_at", "ends_at", "status"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("phase")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields["phase"]
        field.queryset = obj.phases.all() if obj is not None else Phase.objects.none()
        return formset


class NetworkChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The plan data of one page of networks costs a fixed few queries.
        return networks_with_plan_data(super().get_queryset(request, exclude_parameters))


@admin.register(Network)
class NetworkAdmin(HistoryAdmin):
    change_form_template = "admin/meetings/network_change_form.html"
    list_display = [
        "name",
        "status",
        "start_date",
        "member_count",
        "meeting_count",
        "plan_warning_count",
    ]
    list_filter = ["status", "theme"]
    search_fields = ["name", "challenge", "theme__name"]
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "theme", "status", "challenge", "purpose"]}),
        (
            _("Period and place"),
            {"fields": ["start_date", "end_date", "default_place", "created_at", "updated_at"]},
        ),
        (_("Reminders"), {"fields": ["reminder_offsets"]}),
    ]
    inlines = [PhaseInline, MembershipInline, MeetingInline]

    class Media:
        css = {"all": ["netvaerk/admin.css"]}

    def has_delete_permission(self, request, obj=None):
        """Only an empty network (no members, no meetings) may be deleted; one with history
        is concluded instead, so nothing a user does deletes what happened."""
        if obj is None or obj.memberships.exists() or obj.meetings.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_changelist(self, request, **kwargs):
        return NetworkChangeList

    @admin.display(description=_("members"))
    def member_count(self, network):
        return len(network.memberships.all())

    @admin.display(description=_("meetings"))
    def meeting_count(self, network):
        return len(network.meetings.all())

    @admin.display(description=_("plan warnings"))
    def plan_warning_count(self, network):
        return len(network_plan_warnings(network))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            network = networks_with_plan_data(Network.objects.filter(pk=obj.pk)).get()
            context["plan_warnings"] = network_plan_warnings(network)
            context["show_plan_warnings"] = True
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        network = form.instance
        if not change and not network.phases.exists():
            phases_from_template(network)


# --- Meetings ------------------------------------------------------------------------------


class PhaseWithNetworkChoiceField(forms.ModelChoiceField):
    """Phase choices that name their network, for when phases of many networks are offered."""

    def label_from_instance(self, phase):
        return f"{phase.network.name}: {phase}"


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "network",
            "phase",
            "title",
            "starts_at",
            "ends_at",
            "status",
            "place",
            "online_url",
            "agenda",
            "minutes",
            "cancellation_reason",
        ]

    def limit_phases_to(self, network: Network | None) -> None:
        field = self.fields.get("phase")
        if field is None:
            return
        if network is not None:
            field.queryset = network.phases.all()
            return
        self.fields["phase"] = PhaseWithNetworkChoiceField(
            queryset=Phase.objects.select_related("network").order_by("network__name", "order"),
            label=field.label,
        )


class InvitationAdminForm(forms.ModelForm):
    """An invitation entered by hand is an extra one; a response given here gets its time."""

    class Meta:
        model = Invitation
        fields = [
            "meeting",
            "participant",
            "is_extra",
            "response",
            "response_comment",
            "attendance",
        ]
        widgets = {"response_comment": forms.Textarea(attrs={"rows": 1, "cols": 20})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "is_extra" in self.fields:
            self.fields["is_extra"].initial = True

    def clean(self):
        cleaned_data = super().clean()
        response = cleaned_data.get("response")
        if response is not None and "response" in self.changed_data:
            pending = response == Invitation.Response.PENDING
            self.instance.responded_at = None if pending else timezone.now()
        return cleaned_data


class InvitationInline(CompactInline):
    model = Invitation
    form = InvitationAdminForm
    fields = [
        "participant",
        "is_extra",
        "response",
        "response_comment",
        "attendance",
        "withdrawn_at",
    ]
    readonly_fields = ["withdrawn_at"]
    autocomplete_fields = ["participant"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant")


class PreparationTaskInline(admin.TabularInline):
    model = PreparationTask
    fields = ["title", "kind", "due_date"]
    show_change_link = True
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    form = MeetingAdminForm
    list_display = ["title", "network", "phase", "starts_at", "status", "invitee_count"]
    list_filter = ["status", "network__status", "network"]
    search_fields = ["title", "place", "network__name"]
    autocomplete_fields = ["network"]
    list_select_related = ["network", "phase"]
    date_hierarchy = "starts_at"
    readonly_fields = ["sequence", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["network", "phase", "title", "starts_at", "ends_at", "status"]}),
        (_("Place"), {"fields": ["place", "online_url"]}),
        (_("Content"), {"fields": ["agenda", "minutes", "minutes_file", "cancellation_reason"]}),
        (_("History"), {"fields": ["sequence", "created_at", "updated_at"]}),
    ]
    inlines = [InvitationInline, PreparationTaskInline]

    class Media:
        css = {"all": ["netvaerk/admin.css"]}

    def get_queryset(self, request):
        current = Q(invitations__withdrawn_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .annotate(invitee_count=Count("invitations", filter=current, distinct=True))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        network = obj.network if obj is not None else _network_from_query(request)

        class Form(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.limit_phases_to(network)

        return Form

    @admin.display(description=_("invitees"), ordering="invitee_count")
    def invitee_count(self, meeting):
        return meeting.invitee_count


@admin.register(Invitation)
class InvitationAdmin(HistoryAdmin):
    form = InvitationAdminForm
    list_display = ["meeting", "participant", "response", "attendance", "is_extra", "withdrawn_at"]
    list_filter = [
        "response",
        "attendance",
        "is_extra",
        ("withdrawn_at", admin.EmptyFieldListFilter),
        "meeting__network",
    ]
    search_fields = ["participant__name", "participant__email", "meeting__title"]
    autocomplete_fields = ["meeting", "participant"]
    list_select_related = ["meeting", "participant"]
    date_hierarchy = "meeting__starts_at"
    readonly_fields = ["responded_at", "invited_at", "withdrawn_at"]
    fields = [
        "meeting",
        "participant",
        "is_extra",
        "response",
        "response_comment",
        "responded_at",
        "attendance",
        "invited_at",
        "withdrawn_at",
    ]


# --- Preparation tasks ---------------------------------------------------------------------


class TaskAssignmentInline(CompactInline):
    model = TaskAssignment
    fields = ["participant", "done_at"]
    autocomplete_fields = ["participant"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant")


@admin.register(PreparationTask)
class PreparationTaskAdmin(ValidInitialData, admin.ModelAdmin):
    list_display = ["title", "meeting", "network", "kind", "due_date", "assignee_count", "done"]
    list_filter = ["kind", "meeting__network"]
    search_fields = ["title", "description", "meeting__title"]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting__network"]
    date_hierarchy = "due_date"
    readonly_fields = ["created_at"]
    inlines = [TaskAssignmentInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                assignee_count=Count("assignments", distinct=True),
                done_count=Count(
                    "assignments", filter=Q(assignments__done_at__isnull=False), distinct=True
                ),
            )
        )

    @admin.display(description=_("network"), ordering="meeting__network__name")
    def network(self, task):
        return task.meeting.network

    @admin.display(description=_("assignees"), ordering="assignee_count")
    def assignee_count(self, task):
        return task.assignee_count

    @admin.display(description=_("done"), ordering="done_count")
    def done(self, task):
        return task.done_count


@admin.register(TaskAssignment)
class TaskAssignmentAdmin(ValidInitialData, admin.ModelAdmin):
    list_display = ["participant", "task", "meeting", "done_at"]
    list_filter = [("done_at", admin.EmptyFieldListFilter), "task__meeting__network"]
    search_fields = ["participant__name", "task__title", "task__meeting__title"]
    autocomplete_fields = ["task", "participant"]
    list_select_related = ["participant", "task__meeting"]

    @admin.display(description=_("meeting"), ordering="task__meeting__starts_at")
    def meeting(self, assignment):
        return assignment.task.meeting


# --- Delivery log (meetings/reminders.py) ---------------------------------------------------

from . import reminders  # noqa: E402  (kept beside the delivery admin it serves)
from .models import Delivery  # noqa: E402


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The reminder log: read-only, filterable, with "send again" for whoever may change it."""

    list_display = [
        "kind",
        "participant",
        "meeting",
        "task",
        "due_at",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "kind", ("sent_at", admin.DateFieldListFilter), "meeting__network"]
    search_fields = ["participant__name", "participant__email", "meeting__title", "task__title"]
    date_hierarchy = "due_at"
    list_select_related = ["participant", "meeting", "task"]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_send_permission(self, request):
        return request.user.has_perm("meetings.change_delivery")

    @admin.action(description=_("Send again"), permissions=["send"])
    def send_again(self, request, queryset):
        count = reminders.deliveries_send_again(queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            _("%(count)d message(s) handed to the worker; messages being sent now are left alone.")
            % {"count": count},
        )
