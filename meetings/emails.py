"""Mail for one delivery row: plain text and HTML in the recipient's language, absolute links
from ``SITE_URL``, and an .ics attachment on invitations, changes and cancellations."""

from email.mime.text import MIMEText
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from netvaerk.mail import absolute_url

from . import ics
from .models import Delivery, Invitation, Meeting, TaskAssignment

Kind = Delivery.Kind


def meeting_url(delivery: Delivery) -> str:
    """Where the mail points: the meeting's page for the co-drivers who run it; for invitees,
    their own page of the meeting, where they read the agenda and answer."""
    meeting = delivery.meeting
    if delivery.kind == Kind.FOLLOW_UP:
        return absolute_url(meeting.get_absolute_url())
    return absolute_url(reverse("mine:meeting", args=[meeting.pk]))


def _day(moment) -> str:
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'l')} {formats.date_format(local, 'DATE_FORMAT')}"


def _when(meeting: Meeting) -> str:
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": _day(start),
        "start": formats.time_format(start),
        "end": formats.time_format(end),
    }


def _subject(delivery: Delivery) -> str:
    meeting = delivery.meeting
    values = {"title": meeting.title, "day": _day(meeting.starts_at)}
    if delivery.task_id:
        values["task"] = delivery.task.title
        values["due"] = formats.date_format(delivery.task.due_date, "DATE_FORMAT")
    subjects = {
        Kind.INVITATION: _("Invitation: %(title)s, %(day)s"),
        Kind.UPDATE: _("Changed: %(title)s, %(day)s"),
        Kind.CANCELLATION: _("Cancelled: %(title)s, %(day)s"),
        Kind.MEETING_REMINDER: _("Reminder: %(title)s, %(day)s"),
        Kind.RESPONSE_NUDGE: _("Will you come? %(title)s, %(day)s"),
        Kind.TASK_REMINDER: _("Due %(due)s: %(task)s"),
        Kind.TASK_OVERDUE: _("Overdue: %(task)s"),
        Kind.FOLLOW_UP: _("After the meeting: attendance and minutes for %(title)s"),
    }
    return subjects[delivery.kind] % values


def _context(delivery: Delivery) -> dict:
    meeting, person = delivery.meeting, delivery.participant
    open_tasks = (
        TaskAssignment.objects.filter(
            task__meeting=meeting, participant=person, done_at__isnull=True
        )
        .select_related("task")
        .order_by("task__due_date", "task__title")
    )
    context = {
        "delivery": delivery,
        "kind": delivery.kind,
        "person": person,
        "meeting": meeting,
        "network": meeting.network,
        "when": _when(meeting),
        "meeting_url": meeting_url(delivery),
        "site_url": absolute_url("/"),
        "open_tasks": [assignment.task for assignment in open_tasks],
        "task": delivery.task,
    }
    if delivery.kind == Kind.FOLLOW_UP:
        context["unregistered"] = (
            Invitation.objects.current()
            .filter(meeting=meeting, attendance=Invitation.Attendance.UNKNOWN)
            .count()
        )
        context["minutes_missing"] = not meeting.minutes.strip()
    return context


def _calendar_part(delivery: Delivery) -> MIMEText:
    meeting, person = delivery.meeting, delivery.participant
    method = ics.CANCEL if delivery.kind == Kind.CANCELLATION else ics.REQUEST
    content = ics.meeting_calendar(
        meeting, method=method, attendee_name=person.name, attendee_email=person.email
    )
    part = MIMEText(content.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    return part


def delivery_message(delivery: Delivery) -> tuple[EmailMultiAlternatives, int]:
    """The mail for ``delivery``, and the meeting revision it describes."""
    person = delivery.participant
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = _context(delivery)
        subject = _subject(delivery)
        template = f"meetings/email/{delivery.kind}"
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[formataddr((person.name, person.email))],
        headers={
            # The same for every attempt, so a repeat after a crash can be recognised.
            "Message-ID": f"<delivery-{delivery.pk}@{ics.site_domain()}>",
            "X-Netvaerk-Delivery": str(delivery.pk),
            "X-Netvaerk-Kind": delivery.kind,
        },
    )
    message.attach_alternative(html, "text/html")
    if delivery.kind in Delivery.CALENDAR_KINDS:
        message.attach(_calendar_part(delivery))
    return message, delivery.meeting.sequence
