"""The participant's calendar: a private feed to subscribe to, the page that explains it
(and makes a new address), and the .ics file of one meeting."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from netvaerk.mail import absolute_url
from participants.models import Participant
from participants.signin import calendar_token_ensure, calendar_token_reset

from .. import ics
from ..models import Invitation, Meeting
from .base import ParticipantPage

CALENDAR = "text/calendar; charset=utf-8"
MAX_TOKEN_LENGTH = 64  # the model's field


def feed_name() -> str:
    return _("Network meetings")


def calendar_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=CALENDAR)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


class FeedView(View):
    """The private feed: no login, the secret in the address is the key. A person removed
    from the register, or an old address after a reset, is 404."""

    def get(self, request, token):
        if len(token) > MAX_TOKEN_LENGTH:
            raise Http404
        participant = get_object_or_404(
            Participant.objects.only("pk", "language"),
            calendar_token=token,
            anonymised_at__isnull=True,
        )
        with translation.override(participant.language):
            content = ics.participant_feed(participant, name=feed_name())
        response = calendar_response(content, "netvaerk.ics", attachment=False)
        response["X-Robots-Tag"] = "noindex"
        return response


class MeetingDownloadView(ParticipantPage, View):
    """The .ics file of one meeting the person is invited to; any other meeting is 404."""

    def get(self, request, meeting_pk):
        invitation = get_object_or_404(
            Invitation.objects.current()
            .filter(participant=self.participant)
            .select_related("meeting__network"),
            meeting_id=meeting_pk,
        )
        meeting = invitation.meeting
        day = timezone.localdate(meeting.starts_at).isoformat()
        return calendar_response(
            ics.meeting_download(meeting), f"netvaerksmoede-{day}.ics", attachment=True
        )


def feed_urls(participant: Participant) -> dict:
    https = absolute_url(
        reverse("calendar:feed", kwargs={"token": calendar_token_ensure(participant=participant)})
    )
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


class SettingsView(ParticipantPage, TemplateView):
    """How to subscribe, the address itself, and a file per coming meeting."""

    template_name = "calendar/settings.html"

    def get_context_data(self, **kwargs):
        coming = (
            Invitation.objects.current()
            .filter(participant=self.participant, meeting__ends_at__gte=timezone.now())
            .exclude(meeting__status=Meeting.Status.CANCELLED)
            .select_related("meeting__network")
            .order_by("meeting__starts_at")
        )
        return super().get_context_data(
            feed=feed_urls(self.participant),
            coming=[invitation.meeting for invitation in coming],
            **kwargs,
        )


class ResetView(ParticipantPage, TemplateView):
    """Asks first; a new address makes the old one stop working."""

    template_name = "calendar/reset.html"

    def post(self, request):
        calendar_token_reset(participant=self.participant)
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old one no longer works: subscribe "
                "again with the new address, and remove the old calendar."
            ),
        )
        return redirect("calendar:settings")
