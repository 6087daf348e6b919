"""iCalendar (RFC 5545) for meetings: the mails' invitations, changes and cancellations, the
.ics download of one meeting, and each person's private calendar feed.

One builder, ``meeting_event``, makes every VEVENT, so a meeting looks the same in all of
them: the same UID, SEQUENCE the meeting's revision (it rises whenever its time, place or
status changes), times in Europe/Copenhagen with the zone spelled out in a VTIMEZONE, the
participant's page of the meeting as URL, and a reminder the day before. A calendar that
already has the event replaces it instead of adding a second one, and STATUS:CANCELLED (or
a CANCEL in mail) removes it.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vText

from netvaerk.mail import absolute_url

from .models import Invitation, Meeting

REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"
PRODID = "-//netvaerk//netvaerksstruktur//DA"
ALARM_BEFORE = timedelta(days=1)
TZID = "Europe/Copenhagen"
# Denmark's rule since 1996 (EU summer time: the last Sundays of March and October), written
# as yearly rules the way calendar programs write it. icalendar's own generated VTIMEZONE
# lists every transition as RDATEs up to 2038, which vobject misreads.
VTIMEZONE = f"""BEGIN:VTIMEZONE
TZID:{TZID}
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19810329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19961027T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{site_domain()}"


def meeting_page_url(meeting: Meeting) -> str:
    """The participant's page of the meeting (agenda, answer, minutes)."""
    return absolute_url(reverse("mine:meeting", args=[meeting.pk]))


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(TZID))


def _organizer() -> vCalAddress:
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{email}")
    if name:
        organizer.params["cn"] = vText(name)
    return organizer


def meeting_event(
    meeting: Meeting,
    *,
    cancelled: bool = False,
    attendee_name: str = "",
    attendee_email: str = "",
    now: datetime | None = None,
) -> Event:
    """The VEVENT of ``meeting``; ``cancelled`` also for a person no longer invited."""
    cancelled = cancelled or meeting.is_cancelled
    url = meeting_page_url(meeting)
    summary = f"{meeting.title} – {meeting.network.name}"
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now or timezone.now())
    if meeting.updated_at:
        event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("dtstart", _local(meeting.starts_at))
    event.add("dtend", _local(meeting.ends_at))
    event.add("summary", summary)
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    description = "\n\n".join(part for part in (meeting.network.name, meeting.agenda, url) if part)
    event.add("description", description)
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    event.add("organizer", _organizer())
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        if attendee_name:
            attendee.params["cn"] = vText(attendee_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        # Answers are given in the application, not by calendar reply.
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)
    if not cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -ALARM_BEFORE)
        alarm.add("description", summary)
        event.add_component(alarm)
    return event


def _calendar(events: Iterable[Event], *, method: str, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("name", name)  # RFC 7986
        calendar.add("x-wr-calname", name)  # what Outlook and Google read
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(Timezone.from_ical(VTIMEZONE))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def meeting_calendar(
    meeting: Meeting, *, method: str = REQUEST, attendee_name: str = "", attendee_email: str = ""
) -> bytes:
    """The calendar part of a mail about ``meeting``: METHOD ``REQUEST`` or ``CANCEL``."""
    event = meeting_event(
        meeting,
        cancelled=method == CANCEL,
        attendee_name=attendee_name,
        attendee_email=attendee_email,
    )
    return _calendar([event], method=method)


def meeting_download(meeting: Meeting) -> bytes:
    """The .ics file of one meeting, to open in a calendar program."""
    return _calendar([meeting_event(meeting)], method=PUBLISH)


def feed_invitations(participant, *, now: datetime | None = None):
    """What a person's feed shows: their invitations to meetings from a year back on,
    withdrawn ones included (as cancelled, so calendars remove them)."""
    since = (now or timezone.now()) - timedelta(days=365)
    return (
        Invitation.objects.filter(participant=participant, meeting__ends_at__gte=since)
        .select_related("meeting__network")
        .order_by("meeting__starts_at", "meeting_id")
    )


def participant_feed(participant, *, name: str, now: datetime | None = None) -> bytes:
    """The person's private calendar feed."""
    now = now or timezone.now()
    events = [
        meeting_event(invitation.meeting, cancelled=invitation.withdrawn_at is not None, now=now)
        for invitation in feed_invitations(participant, now=now)
    ]
    return _calendar(events, method=PUBLISH, name=name)
