"""The reminder sweep and sender, with the clock moved through a meeting's life.

Each test sweeps (as beat would) and sends what was handed over (as the worker would),
then reads the mail outbox and the delivery log.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from icalendar import Calendar

from meetings import reminders
from meetings.models import Delivery, Invitation, Meeting
from meetings.services import (
    attendance_register,
    invitation_respond,
    meeting_cancel,
    meeting_update,
    task_create,
    task_mark_done,
)
from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
Kind, Status = Delivery.Kind, Delivery.Status


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CPH)


START = local(2025, 3, 3, 10)  # a Monday; the meeting is on Thursday 20 March
MEETING_AT = local(2025, 3, 20, 13)


class World:
    """A network with one meeting and four core members: Anna (Danish), Bo (English),
    Carl (who declines) and Dina (co-driver); Anna has a preparation task."""

    def __init__(self, clock):
        self.clock = clock
        clock.move_to(START, tick=False)
        self.network = NetworkFactory(
            start_date=datetime.date(2025, 2, 1), end_date=datetime.date(2025, 8, 1)
        )
        self.meeting = MeetingFactory(
            network=self.network,
            starts_at=MEETING_AT,
            ends_at=MEETING_AT + datetime.timedelta(hours=3, minutes=30),
            agenda="Velkomst og præsentation af udfordringen",
        )
        self.anna, self.bo, self.carl, self.dina = (
            ParticipantFactory(name=name, language=language)
            for name, language in (("Anna", "da"), ("Bo", "en"), ("Carl", "da"), ("Dina", "da"))
        )
        for person in (self.anna, self.bo, self.carl, self.dina):
            MembershipFactory(
                network=self.network, participant=person, is_co_driver=person is self.dina
            )
        self.task = task_create(
            meeting=self.meeting, title="Læs rapporten om ensomhed", assignees=[self.anna]
        )

    def at(self, moment: datetime.datetime) -> "World":
        self.clock.move_to(moment, tick=False)
        return self

    def run(self, moment: datetime.datetime | None = None) -> reminders.SweepReport:
        """Sweep at ``moment`` and send everything the sweep handed over."""
        if moment is not None:
            self.at(moment)
        report = reminders.sweep()
        for pk in report.queued:
            reminders.delivery_send(pk)
        return report

    def invitation(self, person) -> Invitation:
        return self.meeting.invitations.get(participant=person)


@pytest.fixture
def world(time_machine):
    return World(time_machine)


def mails(outbox, kind=None):
    return [m for m in outbox if kind is None or m.extra_headers["X-Netvaerk-Kind"] == kind]


def recipients(outbox, kind=None) -> set[str]:
    return {address.split("<")[0].strip() for m in mails(outbox, kind) for address in m.to}


def calendar_of(message) -> Calendar:
    part = next(a for a in message.attachments if a.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True))


# --- Invitations, changes, cancellations -----------------------------------------------------


def test_scheduled_meeting_sends_every_invitee_one_invitation_with_a_calendar_request(
    world, mailoutbox
):
    world.run()
    world.run(START + datetime.timedelta(minutes=1))

    assert recipients(mailoutbox) == {"Anna", "Bo", "Carl", "Dina"}
    assert len(mailoutbox) == 4
    invitation = mails(mailoutbox, Kind.INVITATION)[0]
    calendar = calendar_of(invitation)
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"meeting-{world.meeting.pk}@localhost"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == MEETING_AT
    assert Delivery.objects.filter(kind=Kind.INVITATION, status=Status.SENT).count() == 4


def test_mail_is_written_in_the_recipients_language_with_absolute_links(
    world, mailoutbox, settings
):
    settings.SITE_URL = "https://netvaerk.example.dk"
    world.run()

    danish = next(m for m in mailoutbox if "Anna" in m.to[0])
    english = next(m for m in mailoutbox if "Bo" in m.to[0])
    assert "torsdag 20. marts 2025" in danish.body
    assert "Thursday" in english.body
    page = f"https://netvaerk.example.dk/mit/moede/{world.meeting.pk}/"
    assert f"Læs dagsordenen og svar på invitationen på din side: {page}" in danish.body
    html, mimetype = danish.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{page}"' in html
    assert "Velkomst og præsentation af udfordringen" in html
    assert danish.extra_headers["Message-ID"].startswith("<delivery-")


def test_moved_meeting_sends_an_update_with_a_higher_sequence_and_the_same_uid(world, mailoutbox):
    world.run()
    uid = str(calendar_of(mailoutbox[0]).walk("VEVENT")[0]["UID"])
    mailoutbox.clear()

    world.at(START + datetime.timedelta(days=1))
    new_start = MEETING_AT + datetime.timedelta(days=1)
    meeting_update(
        meeting=world.meeting, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=3)
    )
    world.run()

    assert recipients(mailoutbox, Kind.UPDATE) == {"Anna", "Bo", "Carl", "Dina"}
    event = calendar_of(mails(mailoutbox, Kind.UPDATE)[0]).walk("VEVENT")[0]
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == new_start
    mailoutbox.clear()
    world.run(START + datetime.timedelta(days=1, minutes=5))
    assert mailoutbox == []


def test_a_change_before_the_invitation_went_out_sends_only_the_invitation(world, mailoutbox):
    meeting_update(meeting=world.meeting, place="Biblioteket")
    world.run()

    assert {m.extra_headers["X-Netvaerk-Kind"] for m in mailoutbox} == {Kind.INVITATION}
    assert "Biblioteket" in mailoutbox[0].body
    world.run(START + datetime.timedelta(minutes=1))
    assert len(mailoutbox) == 4


def test_two_changes_between_sweeps_send_one_update_for_the_latest(world, mailoutbox):
    world.run()
    mailoutbox.clear()
    meeting_update(meeting=world.meeting, place="Biblioteket")
    late = reminders.sweep()  # records updates for revision 1; the worker is slow
    meeting_update(meeting=world.meeting, place="Kulturhuset")
    for pk in late.queued:
        reminders.delivery_send(pk)
    world.run(START + datetime.timedelta(minutes=1))

    updates = mails(mailoutbox, Kind.UPDATE)
    assert len(updates) == 4
    assert all("Kulturhuset" in m.body for m in updates)
    superseded = Delivery.objects.filter(kind=Kind.UPDATE, revision=1)
    assert set(superseded.values_list("status", flat=True)) == {Status.SKIPPED}


def test_cancelled_meeting_sends_a_cancellation_and_no_reminders(world, mailoutbox):
    world.run()
    mailoutbox.clear()
    meeting_cancel(meeting=world.meeting, reason="Lokalet er ikke ledigt")
    world.run(START + datetime.timedelta(hours=1))

    assert recipients(mailoutbox, Kind.CANCELLATION) == {"Anna", "Bo", "Carl", "Dina"}
    calendar = calendar_of(mails(mailoutbox, Kind.CANCELLATION)[0])
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["SEQUENCE"] == 1
    assert "Lokalet er ikke ledigt" in mailoutbox[0].body
    mailoutbox.clear()
    for moment in (local(2025, 3, 12, 9), local(2025, 3, 13, 13), local(2025, 3, 19, 13)):
        world.run(moment)
    assert mailoutbox == []


def test_meeting_cancelled_before_its_invitation_went_out_sends_nothing(world, mailoutbox):
    late = reminders.sweep()  # invitations recorded and queued; the worker is slow
    meeting_cancel(meeting=world.meeting, reason="Aflyst")
    for pk in late.queued:
        reminders.delivery_send(pk)
    world.run(START + datetime.timedelta(minutes=1))

    assert mailoutbox == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.SKIPPED}


# --- Meeting reminders and answer nudges ------------------------------------------------------


def test_meeting_reminders_go_out_at_the_network_offsets_to_invitees_who_have_not_declined(
    world, mailoutbox
):
    world.run()
    invitation_respond(invitation=world.invitation(world.carl), response="no")
    mailoutbox.clear()

    world.run(local(2025, 3, 13, 12, 59))
    assert mails(mailoutbox, Kind.MEETING_REMINDER) == []
    world.run(local(2025, 3, 13, 13))
    assert recipients(mailoutbox, Kind.MEETING_REMINDER) == {"Anna", "Bo", "Dina"}
    world.run(local(2025, 3, 19, 13, 30))
    assert len(mails(mailoutbox, Kind.MEETING_REMINDER)) == 6

    anna = next(m for m in mails(mailoutbox, Kind.MEETING_REMINDER) if "Anna" in m.to[0])
    assert "Velkomst og præsentation af udfordringen" in anna.body
    assert "Læs rapporten om ensomhed" in anna.body
    bo = next(m for m in mails(mailoutbox, Kind.MEETING_REMINDER) if "Bo" in m.to[0])
    assert "Læs rapporten om ensomhed" not in bo.body


def test_network_sets_its_own_reminder_days(world, mailoutbox):
    world.network.reminder_offsets = [2]
    world.network.save()
    world.run()
    for moment in (local(2025, 3, 13, 13), local(2025, 3, 18, 13), local(2025, 3, 19, 13)):
        world.run(moment)

    due = set(Delivery.objects.filter(kind=Kind.MEETING_REMINDER).values_list("due_at", flat=True))
    assert due == {local(2025, 3, 18, 13)}


def test_participant_who_switched_meeting_reminders_off_gets_none(world, mailoutbox):
    world.bo.wants_meeting_reminders = False
    world.bo.save()
    world.run()
    world.run(local(2025, 3, 13, 13))

    assert recipients(mailoutbox, Kind.MEETING_REMINDER) == {"Anna", "Carl", "Dina"}


def test_preference_switched_off_after_recording_is_respected_at_sending(world, mailoutbox):
    world.run()
    world.at(local(2025, 3, 13, 13))
    report = reminders.sweep()
    world.anna.wants_meeting_reminders = False
    world.anna.save()
    for pk in report.queued:
        reminders.delivery_send(pk)

    assert "Anna" not in recipients(mailoutbox, Kind.MEETING_REMINDER)
    row = Delivery.objects.get(kind=Kind.MEETING_REMINDER, participant=world.anna)
    assert row.status == Status.SKIPPED


def test_moved_meeting_gets_reminders_for_its_new_time_and_none_for_the_old(world, mailoutbox):
    world.run()
    world.at(local(2025, 3, 13, 13))
    late = reminders.sweep()  # the 7-day reminders for 20 March; the worker is slow
    new_start = local(2025, 3, 27, 13)
    meeting_update(
        meeting=world.meeting, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=3)
    )
    mailoutbox.clear()
    for pk in late.queued:
        reminders.delivery_send(pk)
    world.run(local(2025, 3, 13, 13, 1))

    assert mails(mailoutbox, Kind.MEETING_REMINDER) == []
    assert recipients(mailoutbox, Kind.UPDATE) == {"Anna", "Bo", "Carl", "Dina"}
    old = Delivery.objects.filter(kind=Kind.MEETING_REMINDER, due_at=local(2025, 3, 13, 13))
    assert set(old.values_list("status", flat=True)) == {Status.SKIPPED}

    world.run(local(2025, 3, 19, 13))
    assert mails(mailoutbox, Kind.MEETING_REMINDER) == []
    world.run(local(2025, 3, 20, 13))
    assert recipients(mailoutbox, Kind.MEETING_REMINDER) == {"Anna", "Bo", "Carl", "Dina"}


def test_reminder_that_could_not_be_sent_in_time_is_marked_missed_not_sent(world, mailoutbox):
    world.run()
    world.at(local(2025, 3, 13, 13))
    reminders.sweep()  # recorded and queued, but no worker runs for a day
    mailoutbox.clear()
    report = world.run(local(2025, 3, 14, 13))

    assert mails(mailoutbox, Kind.MEETING_REMINDER) == []
    assert report.missed == 4
    statuses = Delivery.objects.filter(kind=Kind.MEETING_REMINDER).values_list("status", flat=True)
    assert set(statuses) == {Status.MISSED}


def test_reminders_are_not_sent_for_a_day_the_sweep_was_down(world, mailoutbox):
    world.run()
    mailoutbox.clear()
    world.run(local(2025, 3, 14, 13))  # the 7-day reminder was due a day ago

    assert mails(mailoutbox, Kind.MEETING_REMINDER) == []
    assert not Delivery.objects.filter(kind=Kind.MEETING_REMINDER).exists()


def test_person_invited_after_a_reminder_was_due_does_not_get_that_reminder(world, mailoutbox):
    world.at(local(2025, 3, 13, 13, 30))
    late = ParticipantFactory(name="Eva")
    MembershipFactory(network=world.network, participant=late)
    world.run()

    assert "Eva" in recipients(mailoutbox, Kind.INVITATION)
    assert "Eva" not in recipients(mailoutbox, Kind.MEETING_REMINDER)
    assert "Anna" in recipients(mailoutbox, Kind.MEETING_REMINDER)


def test_reminder_keeps_its_local_hour_across_the_change_to_summer_time(world, mailoutbox):
    after_dst = local(2025, 4, 2, 13)  # summer time began on 30 March
    meeting = MeetingFactory(
        network=world.network,
        starts_at=after_dst,
        ends_at=after_dst + datetime.timedelta(hours=3),
    )
    world.run()

    world.run(local(2025, 3, 26, 12, 30))  # 24 × 7 hours before would be 12:00
    assert not Delivery.objects.filter(kind=Kind.MEETING_REMINDER, meeting=meeting).exists()
    world.run(local(2025, 3, 26, 13))
    row = Delivery.objects.filter(kind=Kind.MEETING_REMINDER, meeting=meeting).first()
    assert row.due_at == local(2025, 3, 26, 13)
    assert row.due_at.astimezone(datetime.UTC).hour == 12
    assert after_dst.astimezone(datetime.UTC).hour == 11


def test_unanswered_invitees_are_nudged_three_days_before(world, mailoutbox):
    world.run()
    invitation_respond(invitation=world.invitation(world.anna), response="yes")
    invitation_respond(invitation=world.invitation(world.carl), response="no")
    world.bo.wants_response_reminders = False
    world.bo.save()
    mailoutbox.clear()
    world.run(local(2025, 3, 17, 13))

    assert recipients(mailoutbox, Kind.RESPONSE_NUDGE) == {"Dina"}
    world.run(local(2025, 3, 17, 14))
    assert len(mails(mailoutbox, Kind.RESPONSE_NUDGE)) == 1


# --- Preparation tasks -----------------------------------------------------------------------


def test_task_reminder_goes_three_days_before_due_to_assignees_not_done(world, mailoutbox):
    task_mark_done(assignment=world.task.assignments.get(participant=world.anna))
    other = task_create(
        meeting=world.meeting,
        title="Forbered oplæg om frivillighed",
        assignees=[world.bo, world.dina],
        due_date=datetime.date(2025, 3, 15),
    )
    task_mark_done(assignment=other.assignments.get(participant=world.dina))
    world.run()
    mailoutbox.clear()

    world.run(local(2025, 3, 12, 8, 59))
    assert mails(mailoutbox, Kind.TASK_REMINDER) == []
    world.run(local(2025, 3, 12, 9))
    assert recipients(mailoutbox, Kind.TASK_REMINDER) == {"Bo"}
    assert "Forbered oplæg om frivillighed" in mails(mailoutbox, Kind.TASK_REMINDER)[0].subject


def test_overdue_task_is_reminded_once_unless_done(world, mailoutbox):
    world.run()
    mailoutbox.clear()
    for day in (16, 17, 18):
        world.run(local(2025, 3, day, 9, 30))

    overdue = mails(mailoutbox, Kind.TASK_OVERDUE)
    assert [m.to[0].split("<")[0].strip() for m in overdue] == ["Anna"]
    assert "Læs rapporten om ensomhed" in overdue[0].body


def test_task_done_after_the_reminder_was_recorded_is_not_reminded(world, mailoutbox):
    world.run()
    world.at(local(2025, 3, 12, 9))
    report = reminders.sweep()
    task_mark_done(assignment=world.task.assignments.get(participant=world.anna))
    for pk in report.queued:
        reminders.delivery_send(pk)

    assert mails(mailoutbox, Kind.TASK_REMINDER) == []
    row = Delivery.objects.get(kind=Kind.TASK_REMINDER)
    assert (row.status, row.last_error) == (Status.SKIPPED, "The task is done.")


def test_participant_who_switched_task_reminders_off_gets_none(world, mailoutbox):
    world.anna.wants_task_reminders = False
    world.anna.save()
    world.run()
    world.run(local(2025, 3, 12, 9))
    world.run(local(2025, 3, 16, 9))

    assert mails(mailoutbox, Kind.TASK_REMINDER) + mails(mailoutbox, Kind.TASK_OVERDUE) == []


# --- After the meeting -----------------------------------------------------------------------


def test_co_driver_is_asked_for_attendance_and_minutes_after_the_meeting(
    world, mailoutbox, settings
):
    settings.SITE_URL = "https://netvaerk.example.dk"
    world.run()
    mailoutbox.clear()
    world.run(local(2025, 3, 20, 18, 29))
    assert mails(mailoutbox, Kind.FOLLOW_UP) == []
    world.run(local(2025, 3, 20, 18, 30))

    follow_ups = mails(mailoutbox, Kind.FOLLOW_UP)
    assert recipients(mailoutbox, Kind.FOLLOW_UP) == {"Dina"}
    assert "4" in follow_ups[0].body
    assert f"https://netvaerk.example.dk{world.meeting.get_absolute_url()}" in follow_ups[0].body
    world.run(local(2025, 3, 21, 9))
    assert len(mails(mailoutbox, Kind.FOLLOW_UP)) == 1


def test_no_follow_up_when_attendance_and_minutes_are_registered(world, mailoutbox):
    world.run()
    world.at(local(2025, 3, 20, 17))
    for person in (world.anna, world.bo, world.carl, world.dina):
        attendance_register(invitation=world.invitation(person), attendance="attended")
    world.meeting.minutes = "Vi aftalte tre idéer."
    world.meeting.save()
    mailoutbox.clear()
    world.run(local(2025, 3, 20, 18, 30))

    assert mails(mailoutbox, Kind.FOLLOW_UP) == []


def test_an_uploaded_minutes_file_counts_as_minutes(world, mailoutbox):
    world.run()
    world.at(local(2025, 3, 20, 17))
    for person in (world.anna, world.bo, world.carl, world.dina):
        attendance_register(invitation=world.invitation(person), attendance="attended")
    Meeting.objects.filter(pk=world.meeting.pk).update(minutes_file="referater/moede.pdf")
    mailoutbox.clear()
    world.run(local(2025, 3, 20, 18, 30))

    assert mails(mailoutbox, Kind.FOLLOW_UP) == []


# --- Failures, claims and leases ---------------------------------------------------------------


def test_failed_send_is_retried_with_backoff_then_left_failed_and_visible(world, monkeypatch):
    def refuse(message, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    world.at(START)
    report = reminders.sweep()
    pk = report.queued[0]
    assert reminders.delivery_send(pk) == "retry"
    row = Delivery.objects.get(pk=pk)
    assert (row.status, row.attempts) == (Status.PENDING, 1)
    assert row.next_attempt_at == START + datetime.timedelta(minutes=1)
    assert "mail server down" in row.last_error

    assert reminders.delivery_send(pk) == "not claimed"  # not before its back-off
    moment = START
    for _attempt in range(reminders.MAX_ATTEMPTS - 1):
        moment = Delivery.objects.get(pk=pk).next_attempt_at
        world.at(moment)
        reminders.delivery_send(pk)
    row = Delivery.objects.get(pk=pk)
    assert (row.status, row.attempts) == (Status.FAILED, reminders.MAX_ATTEMPTS)


def test_a_row_is_sent_once_however_often_its_task_runs(world, mailoutbox):
    report = reminders.sweep()
    pk = report.queued[0]

    assert reminders.delivery_send(pk) == Status.SENT
    assert reminders.delivery_send(pk) == "not claimed"
    assert len(mailoutbox) == 1


def test_the_same_occasion_cannot_be_recorded_twice(world):
    reminders.sweep()
    row = Delivery.objects.first()
    row.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_a_second_sweep_records_nothing_new_and_does_not_hand_over_queued_rows(world):
    first = reminders.sweep()
    second = reminders.sweep()

    assert len(first.queued) == 4
    assert second.queued == []
    assert Delivery.objects.count() == 4


def test_row_of_a_worker_killed_mid_send_is_handed_over_again_when_its_lease_ends(
    world, mailoutbox, settings
):
    settings.NETVAERK_DELIVERY_SEND_LEASE = 120
    report = reminders.sweep()
    pk = report.queued[0]
    reminders._claim(pk, START)  # a worker took it and died before sending

    world.at(START + datetime.timedelta(seconds=119))
    assert pk not in reminders.sweep().queued
    world.at(START + datetime.timedelta(seconds=121))
    assert pk in reminders.sweep().queued
    assert reminders.delivery_send(pk) == Status.SENT
    assert Delivery.objects.get(pk=pk).attempts == 2


def test_row_whose_broker_message_was_lost_is_handed_over_again_after_the_queue_lease(
    world, settings
):
    settings.NETVAERK_DELIVERY_QUEUE_LEASE = 300
    report = reminders.sweep()  # queued, but the message never reaches a worker

    world.at(START + datetime.timedelta(seconds=299))
    assert reminders.sweep().queued == []
    world.at(START + datetime.timedelta(seconds=301))
    assert sorted(reminders.sweep().queued) == sorted(report.queued)


def test_sweep_queues_the_send_tasks_only_after_its_commit(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("meetings.tasks.send_delivery.delay", queued.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = reminders.sweep()
    assert queued == []
    for callback in callbacks:
        callback()
    assert sorted(queued) == sorted(report.queued)


def test_broker_failure_while_queueing_loses_nothing(world, monkeypatch, settings):
    def broker_down(pk):
        raise ConnectionError("redis is gone")

    monkeypatch.setattr("meetings.tasks.send_delivery.delay", broker_down)
    report = reminders.sweep()
    reminders.enqueue(report.queued)

    world.at(START + datetime.timedelta(seconds=settings.NETVAERK_DELIVERY_QUEUE_LEASE + 1))
    assert sorted(reminders.sweep().queued) == sorted(report.queued)


def test_send_again_resends_a_sent_message(world, mailoutbox, django_capture_on_commit_callbacks):
    world.run()
    row = Delivery.objects.get(participant=world.anna)
    with django_capture_on_commit_callbacks(execute=False):
        assert reminders.deliveries_send_again([row.pk]) == 1
    assert reminders.delivery_send(row.pk) == Status.SENT
    assert len(mails(mailoutbox)) == 5


# --- The command ----------------------------------------------------------------------------


def test_send_reminders_dry_run_reports_and_changes_nothing(world, capsys):
    call_command("send_reminders", "--dry-run")

    out = capsys.readouterr().out
    assert "would record 4 × invitation" in out
    assert "would hand 4 message(s) to the worker" in out
    assert not Delivery.objects.exists()


def test_send_reminders_records_and_sends_in_process(world, mailoutbox, capsys):
    call_command("send_reminders", "--send")

    out = capsys.readouterr().out
    assert "did record 4 × invitation" in out
    assert "sent here: 4 × sent" in out
    assert len(mailoutbox) == 4
