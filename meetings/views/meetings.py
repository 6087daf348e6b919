"""The meeting pages: list, page, create/edit/cancel, invitees, attendance, minutes and
preparation tasks. Each view is permission → form → service → redirect with a message."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import ListView, TemplateView
from django.views.generic.edit import FormView

from meetings import plan, reminders, services
from meetings.forms.meetings import (
    AttendanceForm,
    CancelForm,
    InviteForm,
    InviteSearchForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesForm,
    TaskForm,
    add_service_error,
)
from meetings.models import Invitation, Meeting, PreparationTask, TaskAssignment
from meetings.selectors import (
    MeetingWhen,
    attendance_counts,
    meeting_for_page,
    meetings_for_list,
    meetings_visible_to,
    networks_visible_to,
    participants_to_invite,
    response_counts,
)
from meetings.uploads import minutes_file_response
from netvaerk.models import Network
from participants.models import Participant

from .base import ForgivingList, ObjectPage, SecretariatPage

# --- Who may open a page ---------------------------------------------------------------------


class MeetingPage(ObjectPage):
    """A page about one meeting, run by the secretariat or the network's co-drivers."""

    permission_required = "meetings.run_meeting"

    def get_permission_object(self):
        return self.meeting

    def load_meeting(self) -> Meeting:
        return get_object_or_404(
            meetings_visible_to(self.request.user).select_related("network", "phase"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def meeting(self) -> Meeting:
        return self.load_meeting()

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def back_to_meeting(self, anchor: str = ""):
        return redirect(self.meeting.get_absolute_url() + (f"#{anchor}" if anchor else ""))

    def refuse_if_cancelled(self):
        """A redirect with a message if the meeting is cancelled, else None."""
        if self.meeting.is_cancelled:
            messages.error(self.request, _("A cancelled meeting cannot be changed."))
            return self.back_to_meeting()
        return None


class NetworkPage(ObjectPage):
    """A page about one network that runs it (creating a meeting in it)."""

    permission_required = "netvaerk.run_network"

    def get_permission_object(self):
        return self.network

    @cached_property
    def network(self) -> Network:
        return get_object_or_404(
            networks_visible_to(self.request.user), pk=self.kwargs["network_pk"]
        )


def meeting_warnings(meeting: Meeting, others: list[Meeting]) -> list[plan.PlanWarning]:
    """The plan rules on one meeting, and on the network's count of meetings with it."""
    planned = [m for m in others if m.pk != meeting.pk and not m.is_cancelled]
    if not meeting.is_cancelled:
        planned.append(meeting)
    return [
        *plan.meeting_duration_warnings([meeting]),
        *plan.holiday_warnings([meeting]),
        *plan.meeting_count_warnings(planned),
    ]


# --- The list --------------------------------------------------------------------------------


class MeetingListView(SecretariatPage, ForgivingList, ListView):
    template_name = "meetings/list.html"
    context_object_name = "meetings"
    paginate_by = 25

    @cached_property
    def filters(self) -> MeetingFilterForm:
        return MeetingFilterForm(self.request.GET, networks=networks_visible_to(self.request.user))

    @cached_property
    def when(self) -> str:
        return self.filters.value("visning", MeetingWhen.COMING)

    def get_queryset(self):
        return meetings_for_list(
            self.request.user, when=self.when, network=self.filters.value("netvaerk")
        )

    def get_context_data(self, **kwargs):
        network = self.filters.value("netvaerk")
        params = {"visning": self.when, **({"netvaerk": network.pk} if network else {})}
        tabs = [
            (value, label, urlencode({**params, "visning": value}))
            for value, label in self.filters.fields["visning"].choices
        ]
        return super().get_context_data(
            filters=self.filters,
            when=self.when,
            is_past=self.when == MeetingWhen.PAST,
            network=network,
            tabs=tabs,
            query_string=urlencode(params),
            **kwargs,
        )


class ChooseNetworkView(SecretariatPage, TemplateView):
    """Where a new meeting starts: choose the network it belongs to."""

    template_name = "meetings/choose_network.html"

    def get_context_data(self, **kwargs):
        networks = (
            networks_visible_to(self.request.user)
            .exclude(status=Network.Status.CONCLUDED)
            .order_by("name", "pk")
        )
        return super().get_context_data(networks=networks, **kwargs)


# --- One meeting -----------------------------------------------------------------------------


class MeetingDetailView(MeetingPage, TemplateView):
    template_name = "meetings/detail.html"

    def load_meeting(self) -> Meeting:
        try:
            return meeting_for_page(meetings_visible_to(self.request.user), self.kwargs["pk"])
        except Meeting.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        invitations = meeting.current_invitations
        begun = meeting.starts_at <= timezone.now()
        return super().get_context_data(
            invitations=invitations,
            counts=response_counts(invitations),
            attendance=attendance_counts(invitations) if begun else None,
            has_begun=begun,
            is_upcoming=not begun and not meeting.is_cancelled,
            warnings=[
                *plan.meeting_duration_warnings([meeting]),
                *plan.holiday_warnings([meeting]),
            ]
            if not meeting.is_cancelled
            else [],
            tasks=meeting.tasks,
            minutes_file_name=PurePath(meeting.minutes_file.name).name
            if meeting.minutes_file
            else "",
            **kwargs,
        )


class MeetingFormMixin:
    template_name = "meetings/form.html"
    form_class = MeetingForm

    def warnings_for(self, form) -> list[plan.PlanWarning]:
        """Plan warnings for what the form holds, when its times are valid."""
        data = getattr(form, "cleaned_data", None)
        if data is None:
            meeting = getattr(self, "existing_meeting", None)
            return meeting_warnings(meeting, self.other_meetings()) if meeting else []
        if not {"starts_at", "ends_at"} <= set(data) or "ends" in form.errors:
            return []
        candidate = Meeting(
            network=self.target_network,
            title=data.get("title") or _("The meeting"),
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        )
        if getattr(self, "existing_meeting", None):
            candidate.pk = self.existing_meeting.pk
        return meeting_warnings(candidate, self.other_meetings())

    def other_meetings(self) -> list[Meeting]:
        return list(self.target_network.meetings.all())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.target_network}

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid() or "check" in request.POST:
            return self.render_to_response(self.get_context_data(form=form, checked=True))
        try:
            meeting = self.save(form)
        except ValidationError as error:
            form.add_service_error(error)
            return self.render_to_response(self.get_context_data(form=form))
        for warning in meeting_warnings(meeting, self.other_meetings()):
            messages.warning(request, warning.message)
        messages.success(request, self.success_message % {"title": meeting.title})
        return redirect(meeting)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.target_network
        context["warnings"] = self.warnings_for(context["form"])
        return context


class MeetingCreateView(MeetingFormMixin, NetworkPage, FormView):
    success_message = gettext_lazy(
        "The meeting “%(title)s” is scheduled; the members it concerns are invited."
    )

    @property
    def target_network(self) -> Network:
        return self.network

    def save(self, form) -> Meeting:
        return services.meeting_create(network=self.network, **form.meeting_fields())


class MeetingUpdateView(MeetingFormMixin, MeetingPage, FormView):
    success_message = gettext_lazy("The meeting “%(title)s” is saved.")

    @property
    def target_network(self) -> Network:
        return self.meeting.network

    @property
    def existing_meeting(self) -> Meeting:
        return self.meeting

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        return self.refuse_if_cancelled() or super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def save(self, form) -> Meeting:
        return services.meeting_update(meeting=self.meeting, **form.meeting_fields())


class MeetingCancelView(MeetingPage, FormView):
    """Cancelling needs a reason and a confirmation; only a POST cancels."""

    template_name = "meetings/cancel.html"
    form_class = CancelForm

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        if self.meeting.is_cancelled:
            messages.info(request, _("The meeting has been cancelled."))
            return self.back_to_meeting()
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.meeting_cancel(meeting=self.meeting, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The meeting “%(title)s” is cancelled; the invitees will be told.")
            % {"title": self.meeting.title},
        )
        return self.back_to_meeting()


# --- Invitees --------------------------------------------------------------------------------


class InviteView(MeetingPage, TemplateView):
    """Search for a person and invite them as an extra invitee."""

    template_name = "meetings/invite.html"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        return self.refuse_if_cancelled() or super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        search = InviteSearchForm(self.request.GET or None)
        query = search.cleaned_data["q"] if search.is_valid() else ""
        return super().get_context_data(
            search=search,
            query=query,
            results=participants_to_invite(self.meeting, query) if query else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a person from the list."))
            return redirect(reverse("meetings:invite", args=[self.meeting.pk]))
        person = form.cleaned_data["participant"]
        services.invitation_add_extra(meeting=self.meeting, participant=person)
        messages.success(
            request,
            _("%(name)s is invited to the meeting as an extra participant.")
            % {"name": person.name},
        )
        return self.back_to_meeting("invitees")


class RemindUnansweredView(MeetingPage, TemplateView):
    """Remind those who have not answered, now (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            report = reminders.remind_unanswered_now(
                meeting=self.meeting, requested_by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.back_to_meeting("invitees")
        if report.reminded:
            messages.success(
                request,
                ngettext(
                    "%(count)d person who has not answered is reminded now.",
                    "%(count)d people who have not answered are reminded now.",
                    report.reminded,
                )
                % {"count": report.reminded},
            )
        else:
            messages.info(request, _("Nobody was reminded."))
        if report.recently_reminded:
            messages.info(
                request,
                ngettext(
                    "%(count)d was reminded less than an hour ago and is not reminded again yet.",
                    "%(count)d were reminded less than an hour ago and are not reminded again yet.",
                    report.recently_reminded,
                )
                % {"count": report.recently_reminded},
            )
        if report.opted_out:
            messages.info(
                request,
                ngettext(
                    "%(count)d has turned reminders to answer off.",
                    "%(count)d have turned reminders to answer off.",
                    report.opted_out,
                )
                % {"count": report.opted_out},
            )
        return self.back_to_meeting("invitees")


# --- After the meeting -----------------------------------------------------------------------


class AttendanceView(MeetingPage, FormView):
    """One form with a row per invitee; saved in one transaction."""

    template_name = "meetings/attendance.html"
    form_class = AttendanceForm

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        if self.meeting.is_cancelled:
            messages.error(
                request, _("The meeting was cancelled; there is no attendance to register.")
            )
            return self.back_to_meeting()
        if self.meeting.starts_at > timezone.now():
            messages.error(request, _("Attendance can be registered once the meeting has begun."))
            return self.back_to_meeting()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def invitations(self) -> list[Invitation]:
        return list(
            Invitation.objects.current()
            .filter(meeting=self.meeting)
            .select_related("participant")
            .order_by("participant__name", "pk")
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "invitations": self.invitations}

    def form_valid(self, form):
        try:
            changed = services.attendance_register_meeting(
                meeting=self.meeting, attendance=form.attendance()
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Attendance is saved (%(count)d change).",
                "Attendance is saved (%(count)d changes).",
                changed,
            )
            % {"count": changed},
        )
        return self.back_to_meeting("invitees")


class MinutesView(MeetingPage, FormView):
    template_name = "meetings/minutes.html"
    form_class = MinutesForm

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        if self.meeting.is_cancelled:
            messages.error(request, _("The meeting was cancelled; it has no minutes."))
            return self.back_to_meeting()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"minutes": self.meeting.minutes}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "has_file": bool(self.meeting.minutes_file)}

    def get_context_data(self, **kwargs):
        name = self.meeting.minutes_file.name
        return super().get_context_data(
            minutes_file_name=PurePath(name).name if name else "", **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.meeting_minutes_save(
                meeting=self.meeting,
                minutes=data["minutes"],
                file=data.get("minutes_file"),
                remove_file=data.get("remove_file", False),
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The minutes are saved."))
        return self.back_to_meeting("minutes")


class MinutesFileView(MeetingPage, TemplateView):
    """The minutes file, for those who may see the meeting; never a public media URL."""

    def get(self, request, *args, **kwargs):
        return minutes_file_response(self.meeting)


# --- Preparation tasks -----------------------------------------------------------------------


class TaskPage(MeetingPage):
    @cached_property
    def task(self) -> PreparationTask:
        return get_object_or_404(
            PreparationTask.objects.prefetch_related("assignments"),
            pk=self.kwargs["task_pk"],
            meeting=self.meeting,
        )

    def invitees(self):
        return Participant.objects.filter(
            pk__in=Invitation.objects.current()
            .filter(meeting=self.meeting)
            .values("participant_id")
        ).order_by("name", "pk")


class TaskFormMixin:
    template_name = "meetings/task_form.html"
    form_class = TaskForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting, "invitees": self.invitees()}

    def form_valid(self, form):
        try:
            task = self.save(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"title": task.title})
        return self.back_to_meeting("tasks")


class TaskCreateView(TaskFormMixin, TaskPage, FormView):
    success_message = gettext_lazy("The task “%(title)s” is created.")

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        return self.refuse_if_cancelled() or super().dispatch(request, *args, **kwargs)

    def save(self, form) -> PreparationTask:
        return services.task_create(
            meeting=self.meeting,
            assignees=form.cleaned_data["assignees"],
            **form.task_fields(),
        )


class TaskUpdateView(TaskFormMixin, TaskPage, FormView):
    success_message = gettext_lazy("The task “%(title)s” is saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "task": self.task}

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, **kwargs)

    def save(self, form) -> PreparationTask:
        return services.task_update(
            task=self.task, assignees=form.cleaned_data["assignees"], **form.task_fields()
        )


class TaskDeleteView(TaskPage, TemplateView):
    template_name = "meetings/task_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, **kwargs)

    def post(self, request, *args, **kwargs):
        title = self.task.title
        services.task_delete(task=self.task)
        messages.success(request, _("The task “%(title)s” is deleted.") % {"title": title})
        return self.back_to_meeting("tasks")


class TaskDoneView(TaskPage, TemplateView):
    """Mark one assignee's task done or not done (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        assignment = get_object_or_404(
            TaskAssignment.objects.select_related("participant"),
            pk=self.kwargs["assignment_pk"],
            task=self.task,
        )
        done = request.POST.get("done") == "1"
        services.task_mark_done(assignment=assignment, done=done)
        message = (
            _("%(name)s has done “%(title)s”.")
            if done
            else _("%(name)s has not done “%(title)s” after all.")
        )
        messages.success(
            request, message % {"name": assignment.participant.name, "title": self.task.title}
        )
        return self.back_to_meeting(f"task-{self.task.pk}")
