"""Reminders: what is due, the delivery rows that record it, and sending them.

The database is the source of truth; the broker only carries row ids.

1. ``sweep()`` (beat runs it every minute; so does ``manage.py send_reminders``) computes
   from database state which messages are due now, records each as a ``Delivery`` row —
   the unique constraint ``delivery_once_per_occasion`` turns a second sweep's insert into
   a no-op — marks rows that are too late as *missed*, and hands due rows to the workers:
   a row becomes *queued* with a short lease and its id is queued after the commit.
2. ``delivery_send(id)`` (the worker's task) claims the row — ``select_for_update(
   skip_locked=True, of=("self",))`` on PostgreSQL, a conditional UPDATE elsewhere — by
   making it *sending* with a lease, checks that it is still due, sends the mail and marks it
   *sent*. A failed send waits in the row with back-off, then stays *failed* and visible.
3. A message the broker lost, or a worker killed mid-send, leaves the row queued or sending;
   when its lease runs out the next sweep hands it over again. Nothing waits in the broker
   as a far-future ETA task.

Email cannot be exactly-once. If a worker dies after the mail server accepted a message but
before the commit that marks the row sent, the message goes out a second time when the
lease runs out. That is the only duplicate; the Message-ID is derived from the row, so a
mail client can fold the two.
"""

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext

from netvaerk.models import Network
from participants.models import Membership

from . import emails
from .models import Delivery, Invitation, Meeting, TaskAssignment

logger = logging.getLogger(__name__)

Kind, Status = Delivery.Kind, Delivery.Status

# Timing. A reminder is due at a wall-clock time in Copenhagen, so it keeps its hour across
# a change to or from summer time.
GRACE = timedelta(hours=12)  # how late a reminder may still go out
OVERDUE_GRACE = timedelta(hours=24)
RESPONSE_NUDGE_DAYS = 3  # nudge unanswered invitees this many days before the meeting
NUDGE_AFTER_INVITED = timedelta(days=1)  # ... if they have had a day to answer
TASK_REMINDER_DAYS = 3  # remind assignees this many days before a task is due
REMINDER_HOUR = 9  # task reminders go out at this hour, local time
FOLLOW_UP_DELAY = timedelta(hours=2)  # after a meeting ends, ask co-drivers for minutes
FOLLOW_UP_GRACE = timedelta(days=3)
DST_SLACK = timedelta(hours=2)  # widens UTC windows that local-time arithmetic narrows
MAX_ATTEMPTS = 5
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
SEND_AGAIN_WINDOW = timedelta(days=1)
BATCH_SIZE = 5000  # rows handed over per sweep; the rest follow in the next one

ACTIVE_NETWORKS = (Network.Status.PLANNED, Network.Status.ACTIVE)


def queue_lease() -> timedelta:
    """How long a queued row waits for a worker before a sweep hands it over again."""
    return timedelta(seconds=getattr(settings, "NETVAERK_DELIVERY_QUEUE_LEASE", 300))


def send_lease() -> timedelta:
    """How long a worker may take to send one row before another may take it over."""
    return timedelta(seconds=getattr(settings, "NETVAERK_DELIVERY_SEND_LEASE", 300))


# --- When each kind falls due ---------------------------------------------------------------


def local_days_before(moment: datetime, days: int) -> datetime:
    """The same Copenhagen wall-clock time ``days`` days earlier."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    return timezone.make_aware(local - timedelta(days=days))


def local_at(day: date, hour: int = REMINDER_HOUR) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def meeting_reminder_times(meeting: Meeting) -> set[datetime]:
    return {local_days_before(meeting.starts_at, days) for days in meeting.network.reminder_offsets}


def response_nudge_time(meeting: Meeting) -> datetime:
    return local_days_before(meeting.starts_at, RESPONSE_NUDGE_DAYS)


def task_reminder_time(due_date: date) -> datetime:
    return local_at(due_date - timedelta(days=TASK_REMINDER_DAYS))


def task_overdue_time(due_date: date) -> datetime:
    return local_at(due_date + timedelta(days=1))


def follow_up_time(meeting: Meeting) -> datetime:
    return meeting.ends_at + FOLLOW_UP_DELAY


# --- What is due now (the sweep's queries) ---------------------------------------------------


def _live_meeting_filter(prefix: str = "meeting__") -> Q:
    return Q(
        **{f"{prefix}status": Meeting.Status.PLANNED},
        **{f"{prefix}network__status__in": ACTIVE_NETWORKS},
    )


def _sent_calendar_rows():
    """Sent invitations and change notices for the outer invitation's meeting and person."""
    return Delivery.objects.filter(
        kind__in=(Kind.INVITATION, Kind.UPDATE),
        status=Status.SENT,
        meeting=OuterRef("meeting_id"),
        participant=OuterRef("participant_id"),
    )


def _rows_of(kind, **extra):
    """Rows of ``kind`` for the outer invitation's meeting and person."""
    return Delivery.objects.filter(
        kind=kind, meeting=OuterRef("meeting_id"), participant=OuterRef("participant_id"), **extra
    )


def _calendar_messages(kind, now: datetime, invitations) -> list[Delivery]:
    """A message of ``kind`` for each of ``invitations``: due since the person was invited,
    handed over at once, of no use once the meeting has started. Only a change notice
    records the meeting revision it announces."""
    rows = invitations.order_by().values_list(
        "meeting_id", "participant_id", "invited_at", "meeting__starts_at", "meeting__sequence"
    )
    return [
        Delivery(
            kind=kind,
            meeting_id=meeting_id,
            participant_id=participant_id,
            due_at=invited_at,
            revision=sequence if kind == Kind.UPDATE else 0,
            next_attempt_at=now,
            expires_at=starts_at,
        )
        for meeting_id, participant_id, invited_at, starts_at, sequence in rows
    ]


def due_invitations(now: datetime) -> list[Delivery]:
    """Everyone invited to a coming meeting who has not had an invitation recorded.

    Only invitations that await their mail are read (a partial index; ``sweep`` clears the flag
    when it records the mail), so the rule costs what is due, not every invitation to a coming
    meeting. The delivery log still decides: a row recorded elsewhere is never sent twice."""
    invitations = (
        Invitation.objects.current()
        .filter(awaits_invitation_mail=True)
        .filter(_live_meeting_filter(), meeting__starts_at__gt=now)
        .filter(~Exists(_rows_of(Kind.INVITATION)))
    )
    return _calendar_messages(Kind.INVITATION, now, invitations)


def invitations_mark_mailed(rows) -> int:
    """The invitations whose invitation mail ``rows`` record no longer await one: one UPDATE
    of just those invitations, so its cost follows what was recorded."""
    people = defaultdict(set)
    for row in rows:
        if row.kind == Kind.INVITATION:
            people[row.meeting_id].add(row.participant_id)
    if not people:
        return 0
    which = Q()
    for meeting_id, participant_ids in people.items():
        which |= Q(meeting_id=meeting_id, participant_id__in=sorted(participant_ids))
    return Invitation.objects.filter(which, awaits_invitation_mail=True).update(
        awaits_invitation_mail=False
    )


def due_updates(now: datetime) -> list[Delivery]:
    """Invitees whose last calendar message describes an older revision of the meeting."""
    known = _sent_calendar_rows().order_by("-sent_sequence").values("sent_sequence")[:1]
    invitations = (
        Invitation.objects.current()
        .filter(_live_meeting_filter(), meeting__starts_at__gt=now, meeting__sequence__gt=0)
        .annotate(known=Subquery(known))
        .filter(known__lt=F("meeting__sequence"))
        .filter(~Exists(_rows_of(Kind.UPDATE, revision=OuterRef("meeting__sequence"))))
    )
    return _calendar_messages(Kind.UPDATE, now, invitations)


def due_cancellations(now: datetime) -> list[Delivery]:
    """Everyone who was sent a calendar invitation to a coming meeting that is now cancelled."""
    invitations = (
        Invitation.objects.filter(
            meeting__status=Meeting.Status.CANCELLED,
            meeting__network__status__in=ACTIVE_NETWORKS,
            meeting__starts_at__gt=now,
        )
        .filter(Exists(_sent_calendar_rows()))
        .filter(~Exists(_rows_of(Kind.CANCELLATION)))
    )
    return _calendar_messages(Kind.CANCELLATION, now, invitations)


def _meetings_starting_in(now: datetime, days: set[int]):
    """Live meetings whose start lies ``days`` ahead, give or take the grace and DST slack."""
    if not days:
        return Meeting.objects.none()
    window = Q()
    for offset in days:
        ahead = now + timedelta(days=offset)
        window |= Q(starts_at__gt=ahead - GRACE - DST_SLACK, starts_at__lte=ahead + DST_SLACK)
    return (
        Meeting.objects.filter(_live_meeting_filter(prefix=""), starts_at__gt=now)
        .filter(window)
        .select_related("network")
    )


def _is_due(due_at: datetime, now: datetime, grace: timedelta = GRACE) -> bool:
    return now - grace < due_at <= now


def _meeting_occasions(kind, now: datetime, meetings, times, person_filter: Q, not_before):
    """Rows of ``kind`` for invitees of ``meetings`` at ``times(meeting)``, not yet recorded.

    ``not_before(due_at)`` is the latest invitation time that still earns the reminder.
    """
    occasions = {
        meeting.pk: (meeting, due_at)
        for meeting in meetings
        for due_at in times(meeting)
        if _is_due(due_at, now) and due_at < meeting.starts_at
    }
    if not occasions:
        return []
    recorded = set(
        Delivery.objects.filter(kind=kind, meeting_id__in=occasions)
        .order_by()
        .values_list("meeting_id", "participant_id", "due_at")
    )
    invitations = (
        Invitation.objects.current()
        .filter(person_filter, meeting_id__in=occasions)
        .order_by()
        .values_list("meeting_id", "participant_id", "invited_at")
    )
    rows = []
    for meeting_id, participant_id, invited_at in invitations:
        meeting, due_at = occasions[meeting_id]
        if invited_at > not_before(due_at) or (meeting_id, participant_id, due_at) in recorded:
            continue
        rows.append(
            Delivery(
                kind=kind,
                meeting_id=meeting_id,
                participant_id=participant_id,
                due_at=due_at,
                next_attempt_at=due_at,
                expires_at=min(due_at + GRACE, meeting.starts_at),
            )
        )
    return rows


def due_meeting_reminders(now: datetime) -> list[Delivery]:
    """Invitees who have not declined, at each of the network's reminder days."""
    offsets = {
        days
        for network_offsets in Network.objects.filter(status__in=ACTIVE_NETWORKS)
        .order_by()
        .values_list("reminder_offsets", flat=True)
        for days in network_offsets or ()
    }
    return _meeting_occasions(
        Kind.MEETING_REMINDER,
        now,
        _meetings_starting_in(now, offsets),
        meeting_reminder_times,
        ~Q(response=Invitation.Response.NO) & Q(participant__wants_meeting_reminders=True),
        not_before=lambda due_at: due_at,
    )


def due_response_nudges(now: datetime) -> list[Delivery]:
    """Invitees who have not answered, a few days before the meeting."""
    return _meeting_occasions(
        Kind.RESPONSE_NUDGE,
        now,
        _meetings_starting_in(now, {RESPONSE_NUDGE_DAYS}),
        lambda meeting: {response_nudge_time(meeting)},
        Q(response=Invitation.Response.PENDING, participant__wants_response_reminders=True),
        not_before=lambda due_at: due_at - NUDGE_AFTER_INVITED,
    )


def _due_task_rows(kind, now: datetime, grace: timedelta, day_shift: int, time_of) -> list:
    first, last = timezone.localdate(now - grace), timezone.localdate(now)
    assignments = (
        TaskAssignment.objects.filter(
            _live_meeting_filter("task__meeting__"),
            done_at__isnull=True,
            task__due_date__range=(
                first + timedelta(days=day_shift),
                last + timedelta(days=day_shift),
            ),
            task__meeting__starts_at__gt=now,
            participant__wants_task_reminders=True,
        )
        .order_by()
        .values_list(
            "task_id",
            "task__meeting_id",
            "participant_id",
            "task__due_date",
            "task__created_at",
            "task__meeting__starts_at",
        )
    )
    candidates = []
    for task_id, meeting_id, participant_id, due_date, created_at, starts_at in assignments:
        due_at = time_of(due_date)
        if _is_due(due_at, now, grace) and created_at <= due_at and due_at < starts_at:
            candidates.append((task_id, meeting_id, participant_id, due_at, starts_at))
    if not candidates:
        return []
    recorded = set(
        Delivery.objects.filter(kind=kind, task_id__in={task_id for task_id, *_ in candidates})
        .order_by()
        .values_list("task_id", "participant_id", "due_at")
    )
    return [
        Delivery(
            kind=kind,
            meeting_id=meeting_id,
            task_id=task_id,
            participant_id=participant_id,
            due_at=due_at,
            next_attempt_at=due_at,
            expires_at=min(due_at + grace, starts_at),
        )
        for task_id, meeting_id, participant_id, due_at, starts_at in candidates
        if (task_id, participant_id, due_at) not in recorded
    ]


def due_task_reminders(now: datetime) -> list[Delivery]:
    """Assignees who have not marked a task done, some days before it is due."""
    return _due_task_rows(Kind.TASK_REMINDER, now, GRACE, TASK_REMINDER_DAYS, task_reminder_time)


def due_task_overdue(now: datetime) -> list[Delivery]:
    """Assignees who have not marked a task done, once, the morning after it was due."""
    return _due_task_rows(Kind.TASK_OVERDUE, now, OVERDUE_GRACE, -1, task_overdue_time)


def _needs_follow_up(meeting_filter: Q):
    unregistered = Invitation.objects.current().filter(
        meeting=OuterRef("pk"), attendance=Invitation.Attendance.UNKNOWN
    )
    no_minutes = Q(minutes="") & (Q(minutes_file="") | Q(minutes_file__isnull=True))
    return Meeting.objects.filter(meeting_filter).filter(no_minutes | Exists(unregistered))


def _co_drivers(meeting: Meeting, memberships) -> list[int]:
    day = timezone.localdate(meeting.starts_at)
    return [
        membership.participant_id
        for membership in memberships
        if membership.network_id == meeting.network_id
        and membership.joined_on <= day
        and (membership.left_on is None or membership.left_on > day)
    ]


def due_follow_ups(now: datetime) -> list[Delivery]:
    """Co-drivers, after a meeting whose attendance or minutes are not yet registered."""
    meetings = list(
        _needs_follow_up(
            ~Q(status=Meeting.Status.CANCELLED)
            & Q(network__status__in=ACTIVE_NETWORKS)
            & Q(ends_at__gt=now - FOLLOW_UP_DELAY - FOLLOW_UP_GRACE)
            & Q(ends_at__lte=now - FOLLOW_UP_DELAY)
        )
    )
    if not meetings:
        return []
    memberships = list(
        Membership.objects.filter(
            network_id__in={meeting.network_id for meeting in meetings},
            is_co_driver=True,
            participant__wants_follow_up_reminders=True,
        )
    )
    recorded = set(
        Delivery.objects.filter(kind=Kind.FOLLOW_UP, meeting__in=meetings)
        .order_by()
        .values_list("meeting_id", "participant_id")
    )
    rows = []
    for meeting in meetings:
        due_at = follow_up_time(meeting)
        for participant_id in _co_drivers(meeting, memberships):
            if (meeting.pk, participant_id) not in recorded:
                rows.append(
                    Delivery(
                        kind=Kind.FOLLOW_UP,
                        meeting=meeting,
                        participant_id=participant_id,
                        due_at=due_at,
                        next_attempt_at=due_at,
                        expires_at=due_at + FOLLOW_UP_GRACE,
                    )
                )
    return rows


RULES = (
    due_invitations,
    due_updates,
    due_cancellations,
    due_meeting_reminders,
    due_response_nudges,
    due_task_reminders,
    due_task_overdue,
    due_follow_ups,
)


# --- The sweep ----------------------------------------------------------------------------


@dataclass
class SweepReport:
    recorded: Counter = field(default_factory=Counter)
    queued: list[int] = field(default_factory=list)
    missed: int = 0
    failed: int = 0
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "would" if self.dry_run else "did"
        lines = [f"{verb} record {count} × {kind}" for kind, count in sorted(self.recorded.items())]
        lines.append(f"{verb} hand {len(self.queued)} message(s) to the worker")
        if self.missed:
            lines.append(f"{verb} mark {self.missed} message(s) missed (too late to send)")
        if self.failed:
            lines.append(f"{verb} mark {self.failed} message(s) failed (workers died sending)")
        return lines


def _skips_locked() -> bool:
    return connection.features.has_select_for_update_skip_locked


def sweep(*, now: datetime | None = None, dry_run: bool = False) -> SweepReport:
    """Record what is due, mark what is too late, and hand due rows to the workers.

    Safe to run concurrently: the unique constraint absorbs a second insert, and on
    PostgreSQL each sweep takes the due rows the other has not locked.
    """
    now = now or timezone.now()
    report = SweepReport(dry_run=dry_run)
    with transaction.atomic():
        rows = [row for rule in RULES for row in rule(now)]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        report.recorded.update(row.kind for row in rows)
        invitations_mark_mailed(rows)
        _hand_over(now, report)
        if dry_run:
            transaction.set_rollback(True)
        else:
            queued = list(report.queued)
            transaction.on_commit(lambda: enqueue(queued))
    return report


def _hand_over(now: datetime, report: SweepReport) -> None:
    due = Delivery.objects.unsent().filter(next_attempt_at__lte=now).order_by("next_attempt_at")
    if _skips_locked():
        due = due.select_for_update(skip_locked=True)
    missed, failed = [], []
    for pk, status, attempts, expires_at in due.values_list(
        "pk", "status", "attempts", "expires_at"
    )[:BATCH_SIZE]:
        if expires_at < now:
            missed.append(pk)
        elif status == Status.SENDING and attempts >= MAX_ATTEMPTS:
            failed.append(pk)
        else:
            report.queued.append(pk)
    Delivery.objects.filter(pk__in=missed).update(
        status=Status.MISSED, last_error="Not sent in time."
    )
    Delivery.objects.filter(pk__in=failed).update(
        status=Status.FAILED, last_error="The worker stopped while sending, too often."
    )
    for start in range(0, len(report.queued), 1000):
        Delivery.objects.filter(pk__in=report.queued[start : start + 1000]).update(
            status=Status.QUEUED, next_attempt_at=now + queue_lease()
        )
    report.missed, report.failed = len(missed), len(failed)


def enqueue(ids: list[int]) -> None:
    """Queue a send task per row. A broker failure loses nothing: the lease brings them back."""
    from .tasks import send_delivery

    for position, pk in enumerate(ids):
        try:
            send_delivery.delay(pk)
        except Exception:
            logger.exception(
                "Broker refused delivery %s; %s row(s) wait for the next sweep.",
                pk,
                len(ids) - position,
            )
            return


@transaction.atomic
def deliveries_send_again(ids) -> int:
    """Hand rows to the workers again (admin action), unless a worker holds them now."""
    now = timezone.now()
    rows = Delivery.objects.filter(pk__in=list(ids)).exclude(
        status__in=(Status.QUEUED, Status.SENDING)
    )
    if _skips_locked():
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    pks = list(rows.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=pks).update(
        status=Status.QUEUED,
        attempts=0,
        last_error="",
        next_attempt_at=now + queue_lease(),
        expires_at=Greatest(F("expires_at"), now + SEND_AGAIN_WINDOW),
    )
    transaction.on_commit(lambda: enqueue(pks))
    return len(pks)


# --- Sending one row ------------------------------------------------------------------------


def _claimable(now: datetime) -> Q:
    return Q(status=Status.QUEUED) | Q(
        status__in=(Status.PENDING, Status.SENDING), next_attempt_at__lte=now
    )


def _claim(delivery_id: int, now: datetime) -> Delivery | None:
    """Take the row for this worker: sending, with a lease. None if someone else has it."""
    rows = Delivery.objects.select_related("meeting__network", "participant", "task")
    claim = {
        "status": Status.SENDING,
        "attempts": F("attempts") + 1,
        "next_attempt_at": now + send_lease(),
    }
    with transaction.atomic():
        if _skips_locked():
            # Lock only the delivery row (not the joined meeting), and skip a row another
            # worker is claiming rather than wait for it.
            locked = list(
                rows.select_for_update(skip_locked=True, of=("self",))
                .filter(_claimable(now), pk=delivery_id)
                .values_list("pk", flat=True)
            )
            if not locked:
                return None
            Delivery.objects.filter(pk=delivery_id).update(**claim)
        elif not Delivery.objects.filter(_claimable(now), pk=delivery_id).update(**claim):
            return None
        return rows.get(pk=delivery_id)


def _invitation(delivery: Delivery) -> Invitation | None:
    return Invitation.objects.filter(
        meeting_id=delivery.meeting_id, participant_id=delivery.participant_id
    ).first()


def _assignment(delivery: Delivery) -> TaskAssignment | None:
    return TaskAssignment.objects.filter(
        task_id=delivery.task_id, participant_id=delivery.participant_id
    ).first()


def why_not_send(delivery: Delivery, now: datetime) -> tuple[str, str] | None:
    """(status, reason) if the row should not be sent now, after what changed since it was
    recorded; None if it should."""
    meeting, person = delivery.meeting, delivery.participant
    if now > delivery.expires_at:
        return Status.MISSED, "Not sent in time."
    if meeting.network.status not in ACTIVE_NETWORKS:
        return Status.SKIPPED, "The network is not active."
    kind = delivery.kind
    if kind == Kind.CANCELLATION:
        if not meeting.is_cancelled:
            return Status.SKIPPED, "The meeting is no longer cancelled."
        return None
    if meeting.is_cancelled:
        return Status.SKIPPED, "The meeting is cancelled."
    if kind == Kind.FOLLOW_UP:
        return _why_not_follow_up(delivery)
    if meeting.starts_at <= now:
        return Status.MISSED, "The meeting has begun."
    if kind in Delivery.TASK_KINDS:
        return _why_not_task(delivery)
    invitation = _invitation(delivery)
    if invitation is None or invitation.withdrawn_at is not None:
        return Status.SKIPPED, "The invitation has been withdrawn."
    if kind == Kind.UPDATE and delivery.revision != meeting.sequence:
        return Status.SKIPPED, "A later change superseded this one."
    if kind == Kind.MEETING_REMINDER:
        if not person.wants_meeting_reminders:
            return Status.SKIPPED, "The recipient has switched these reminders off."
        if invitation.response == Invitation.Response.NO:
            return Status.SKIPPED, "The recipient has declined."
        if delivery.due_at not in meeting_reminder_times(meeting):
            return Status.SKIPPED, "The meeting has moved or the reminder days have changed."
    if kind == Kind.RESPONSE_NUDGE:
        if not person.wants_response_reminders:
            return Status.SKIPPED, "The recipient has switched these reminders off."
        if invitation.response != Invitation.Response.PENDING:
            return Status.SKIPPED, "The recipient has answered."
        # A scheduled nudge falls due a set time before the meeting; one staff asked for
        # (remind_unanswered_now) carries the revision it was asked about instead.
        if (
            delivery.due_at != response_nudge_time(meeting)
            and delivery.revision != meeting.sequence
        ):
            return Status.SKIPPED, "The meeting has moved."
    return None


def _why_not_task(delivery: Delivery) -> tuple[str, str] | None:
    assignment = _assignment(delivery)
    if assignment is None:
        return Status.SKIPPED, "The task is no longer assigned to the recipient."
    if assignment.is_done:
        return Status.SKIPPED, "The task is done."
    if not delivery.participant.wants_task_reminders:
        return Status.SKIPPED, "The recipient has switched these reminders off."
    time_of = task_reminder_time if delivery.kind == Kind.TASK_REMINDER else task_overdue_time
    if delivery.due_at != time_of(delivery.task.due_date):
        return Status.SKIPPED, "The task's due date has changed."
    return None


def _why_not_follow_up(delivery: Delivery) -> tuple[str, str] | None:
    meeting = delivery.meeting
    if not delivery.participant.wants_follow_up_reminders:
        return Status.SKIPPED, "The recipient has switched these reminders off."
    co_drivers = Membership.objects.filter(network_id=meeting.network_id, is_co_driver=True)
    if delivery.participant_id not in _co_drivers(meeting, co_drivers):
        return Status.SKIPPED, "The recipient is no longer a co-driver."
    if not _needs_follow_up(Q(pk=meeting.pk)).exists():
        return Status.SKIPPED, "Attendance and minutes are registered."
    if delivery.due_at != follow_up_time(meeting):
        return Status.SKIPPED, "The meeting has moved."
    return None


def _finish(delivery: Delivery, **fields) -> bool:
    """Record the outcome unless another worker took the row over when our lease ran out."""
    updated = Delivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, attempts=delivery.attempts
    ).update(**fields)
    if not updated:
        logger.warning("Delivery %s was taken over before its outcome was recorded.", delivery.pk)
    return bool(updated)


def delivery_send(delivery_id: int) -> str:
    """Claim, check, send and record one row. Safe to run twice: returns what happened."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return "not claimed"
    skip = why_not_send(delivery, now)
    if skip is not None:
        status, reason = skip
        _finish(delivery, status=status, last_error=reason)
        return status
    try:
        message, sequence = emails.delivery_message(delivery)
        message.send()
    except Exception as error:
        logger.exception("Sending delivery %s failed (attempt %s).", delivery.pk, delivery.attempts)
        return _record_failure(delivery, error)
    _finish(
        delivery,
        status=Status.SENT,
        sent_at=timezone.now(),
        sent_sequence=sequence,
        last_error="",
    )
    return Status.SENT


def _record_failure(delivery: Delivery, error: Exception) -> str:
    reason = f"{type(error).__name__}: {error}"[:2000]
    if delivery.attempts >= MAX_ATTEMPTS:
        _finish(delivery, status=Status.FAILED, last_error=reason)
        return Status.FAILED
    backoff = BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
    _finish(
        delivery,
        status=Status.PENDING,
        last_error=reason,
        next_attempt_at=timezone.now() + backoff,
    )
    return "retry"


# --- Reminders staff ask for ------------------------------------------------------------------

REQUESTED_NUDGE_PAUSE = timedelta(hours=1)  # nobody is nudged twice within this time


@dataclass
class NudgeReport:
    reminded: int = 0  # rows recorded and handed to the workers now
    recently_reminded: int = 0  # nudged within the pause, or a nudge is still on its way
    opted_out: int = 0  # have switched reminders to answer off


def remind_unanswered_now(
    *, meeting: Meeting, requested_by=None, now: datetime | None = None
) -> NudgeReport:
    """Nudge the invitees of a coming meeting who have not answered, now, at staff's request.

    Records one response-nudge row per person, due now and stamped with the meeting's revision
    (so the sender does not take it for a scheduled nudge of a moved meeting), and hands the
    rows to the workers after the commit. Anyone nudged within ``REQUESTED_NUDGE_PAUSE``, or
    whose nudge has not gone out yet, is left out, and requests for the same meeting take turns
    (a lock on the meeting row), so pressing the button twice does not send twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("network")
            .get(pk=meeting.pk)
        )
        if meeting.is_cancelled:
            raise ValidationError(gettext("The meeting has been cancelled."))
        if meeting.starts_at <= now:
            raise ValidationError(
                gettext("The meeting has begun; it is too late to remind anyone.")
            )
        if meeting.network.status not in ACTIVE_NETWORKS:
            raise ValidationError(
                gettext("Reminders are sent only for the meetings of planned and active networks.")
            )
        recent = Delivery.objects.filter(kind=Kind.RESPONSE_NUDGE, meeting=meeting).filter(
            Q(status__in=Delivery.UNSENT) | Q(sent_at__gt=now - REQUESTED_NUDGE_PAUSE)
        )
        pending = (
            Invitation.objects.current()
            .filter(meeting=meeting, response=Invitation.Response.PENDING)
            .annotate(recent=Exists(recent.filter(participant=OuterRef("participant_id"))))
            .order_by()
            .values_list("participant_id", "participant__wants_response_reminders", "recent")
        )
        report, rows = NudgeReport(), []
        for participant_id, wants_reminders, recently in pending:
            if recently:
                report.recently_reminded += 1
            elif not wants_reminders:
                report.opted_out += 1
            else:
                rows.append(
                    Delivery(
                        kind=Kind.RESPONSE_NUDGE,
                        meeting=meeting,
                        participant_id=participant_id,
                        due_at=now,
                        revision=meeting.sequence,
                        status=Status.QUEUED,
                        next_attempt_at=now + queue_lease(),
                        expires_at=meeting.starts_at,
                    )
                )
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        ids = list(
            Delivery.objects.filter(
                kind=Kind.RESPONSE_NUDGE, meeting=meeting, due_at=now, status=Status.QUEUED
            ).values_list("pk", flat=True)
        )
        report.reminded = len(ids)
        transaction.on_commit(lambda: enqueue(ids))
    logger.info(
        "%s asked to remind %s unanswered invitee(s) of meeting %s.",
        requested_by or "Someone",
        report.reminded,
        meeting.pk,
    )
    return report
