"""The participant's own pages ("Mit overblik"): their meetings across networks, answers,
absence, preparation tasks, minutes and their networks.

Every lookup goes through ``self.participant``, so another person's ids are 404 and leak
nothing. Each write is permission → form → service → redirect with a message."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from meetings import services
from meetings.forms.meetings import add_service_error
from meetings.forms.mine import AbsenceForm, AnswerForm, DoneForm
from meetings.models import Invitation, Meeting, TaskAssignment
from meetings.selectors import (
    my_invitations,
    my_meeting_tasks,
    my_network,
    my_past_invitations,
    my_schedule,
)
from meetings.uploads import minutes_file_response
from participants.models import Membership

from .base import ForgivingList, ParticipantPage


def url_if_exists(name: str, *args) -> str:
    """The address of another part of the participant's side, or "" while it is not there."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


class IndexView(ParticipantPage, TemplateView):
    template_name = "mine/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.participant, schedule=my_schedule(self.participant), **kwargs
        )


class PastView(ParticipantPage, ForgivingList, ListView):
    """Every past meeting of the person, page by page."""

    template_name = "mine/past.html"
    context_object_name = "invitations"
    paginate_by = 20

    def get_queryset(self):
        return my_past_invitations(self.participant)


# --- One meeting ---------------------------------------------------------------------------


class MyMeetingPage(ParticipantPage, TemplateView):
    """The person's page of one meeting they are (or were) invited to."""

    template_name = "mine/meeting.html"

    @cached_property
    def invitation(self) -> Invitation:
        return get_object_or_404(my_invitations(self.participant), meeting_id=self.kwargs["pk"])

    @property
    def meeting(self) -> Meeting:
        return self.invitation.meeting

    @property
    def meeting_url(self) -> str:
        return reverse("mine:meeting", args=[self.meeting.pk])

    def get_context_data(self, **kwargs):
        invitation, meeting = self.invitation, self.meeting
        now = timezone.now()
        withdrawn = invitation.withdrawn_at is not None
        has_begun = meeting.starts_at <= now
        can_answer = not (withdrawn or meeting.is_cancelled or has_begun)
        kwargs.setdefault("answer_form", AnswerForm(invitation=invitation))
        kwargs.setdefault("absence_form", AbsenceForm())
        show_minutes = has_begun and not meeting.is_cancelled and not withdrawn
        return super().get_context_data(
            invitation=invitation,
            meeting=meeting,
            network=meeting.network,
            withdrawn=withdrawn,
            has_begun=has_begun,
            has_ended=meeting.ends_at <= now,
            can_answer=can_answer,
            may_report_absence=can_answer
            and invitation.response in (Invitation.Response.YES, Invitation.Response.MAYBE),
            tasks=[] if withdrawn else my_meeting_tasks(self.participant, meeting),
            today=timezone.localdate(now),
            show_minutes=show_minutes,
            minutes_file_name=PurePath(meeting.minutes_file.name).name
            if show_minutes and meeting.minutes_file
            else "",
            ics_url=""
            if withdrawn or meeting.is_cancelled or meeting.ends_at <= now
            else url_if_exists("calendar:meeting", meeting.pk),
            runs_meeting=self.request.user.has_perm("meetings.run_meeting", meeting),
            **kwargs,
        )


class MeetingView(MyMeetingPage):
    pass


def refused(request, error: ValidationError) -> bool:
    """A service refused for the state of things (cancelled, over, withdrawn), not for what
    was typed: say so in a message above the page, which explains it too."""
    if hasattr(error, "error_dict"):
        return False
    for message in error.messages:
        messages.error(request, message)
    return True


class AnswerView(MyMeetingPage):
    """Yes, no or maybe, with an optional comment."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AnswerForm(request.POST, invitation=self.invitation)
        if form.is_valid():
            try:
                services.invitation_answer(
                    invitation=self.invitation,
                    response=form.cleaned_data["response"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                if refused(request, error):
                    return HttpResponseRedirect(self.meeting_url)
                add_service_error(form, error)
            else:
                messages.success(request, _("Thank you. Your answer is saved."))
                return HttpResponseRedirect(self.meeting_url)
        return self.render_to_response(self.get_context_data(answer_form=form), status=400)


class AbsenceView(MyMeetingPage):
    """Cannot come after all: the answer becomes no, with a reason."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AbsenceForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_report_absence(
                    invitation=self.invitation, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                if refused(request, error):
                    return HttpResponseRedirect(self.meeting_url)
                add_service_error(form, error)
            else:
                messages.success(
                    request, _("Your absence is registered. Thank you for letting us know.")
                )
                return HttpResponseRedirect(self.meeting_url)
        return self.render_to_response(self.get_context_data(absence_form=form), status=400)


class MinutesFileView(ParticipantPage, View):
    """The minutes file of a meeting the person stands invited to; never a public media URL."""

    def get(self, request, *args, **kwargs):
        invitation = get_object_or_404(
            Invitation.objects.current()
            .filter(participant=self.participant)
            .select_related("meeting"),
            meeting_id=kwargs["pk"],
        )
        meeting = invitation.meeting
        if meeting.is_cancelled or meeting.starts_at > timezone.now():
            raise Http404
        return minutes_file_response(meeting)


# --- Tasks -----------------------------------------------------------------------------------


class TaskDoneView(ParticipantPage, View):
    """Mark one's own preparation task done, or not done after all."""

    def post(self, request, *args, **kwargs):
        assignment = get_object_or_404(
            TaskAssignment.objects.filter(participant=self.participant).select_related(
                "task__meeting"
            ),
            pk=kwargs["pk"],
        )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("mine:index")
        form = DoneForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Something went wrong. Please try again."))
            return HttpResponseRedirect(back)
        done = form.cleaned_data["done"]
        try:
            services.assignment_mark_done(assignment=assignment, done=done)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            title = assignment.task.title
            if done:
                messages.success(
                    request, _("Well done! “%(title)s” is marked as done.") % {"title": title}
                )
            else:
                messages.info(request, _("“%(title)s” is marked as not done.") % {"title": title})
        return HttpResponseRedirect(back)


# --- My networks -----------------------------------------------------------------------------


class NetworkView(ParticipantPage, TemplateView):
    """A network the person is or was a member of; any other network is 404."""

    template_name = "mine/network.html"

    def get_context_data(self, **kwargs):
        try:
            mine = my_network(self.participant, self.kwargs["pk"])
        except Membership.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(
            mine=mine,
            network=mine.network,
            membership=mine.membership,
            mydata_url=url_if_exists("mydata:index"),
            **kwargs,
        )
