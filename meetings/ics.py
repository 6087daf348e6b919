"""iCalendar (RFC 5545) for meeting invitations, changes and cancellations.

Every message about a meeting carries the same UID, and SEQUENCE is the meeting's revision,
which rises whenever its time, place or status changes; so a calendar replaces the event it
already has instead of adding a second one, and a CANCEL removes it.
"""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .models import Meeting

REQUEST, CANCEL = "REQUEST", "CANCEL"


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{site_domain()}"


def meeting_calendar(
    meeting: Meeting,
    *,
    method: str = REQUEST,
    attendee_name: str = "",
    attendee_email: str = "",
    description: str = "",
    url: str = "",
) -> bytes:
    """One VEVENT for ``meeting`` in a calendar with METHOD ``REQUEST`` or ``CANCEL``."""
    calendar = Calendar()
    calendar.add("prodid", "-//netvaerk//netvaerksstruktur//DA")
    calendar.add("version", "2.0")
    calendar.add("method", method)

    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.title} – {meeting.network.name}")
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")

    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{organizer_email}")
    if organizer_name:
        organizer.params["cn"] = vText(organizer_name)
    event.add("organizer", organizer)
    if attendee_email:
        attendee = vCalAddress(f"mailto:{attendee_email}")
        if attendee_name:
            attendee.params["cn"] = vText(attendee_name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        # Answers are given in the application, not by calendar reply.
        attendee.params["rsvp"] = vText("FALSE")
        event.add("attendee", attendee)

    calendar.add_component(event)
    return calendar.to_ical()
