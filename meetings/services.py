"""Writes and rules for meetings, invitations and preparation tasks."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.models import Network, Phase
from participants.models import Membership, Participant

from .models import Invitation, Meeting, PreparationTask, TaskAssignment
from .uploads import validate_minutes_file

# --- Who is invited ------------------------------------------------------------------------


def membership_invites_to(membership: Membership, meeting: Meeting) -> bool:
    """Core members are invited to every meeting, involved ones to the meetings of their phases."""
    meeting_day = timezone.localdate(meeting.starts_at)
    if membership.joined_on > meeting_day:
        return False
    if membership.left_on is not None and membership.left_on <= meeting_day:
        return False
    if membership.role == Membership.Role.CORE:
        return True
    return any(phase.pk == meeting.phase_id for phase in membership.phases.all())


def _sync(meetings: list[Meeting], memberships: list[Membership]) -> None:
    """Bring the invitations of these meetings for these members in step with membership."""
    if not meetings or not memberships:
        return
    now = timezone.now()
    existing = {
        (row.meeting_id, row.participant_id): row
        for row in Invitation.objects.filter(
            meeting__in=meetings, participant__in={m.participant_id for m in memberships}
        )
    }
    to_create, to_restore, to_withdraw = [], [], []
    for meeting in meetings:
        for membership in memberships:
            row = existing.get((meeting.pk, membership.participant_id))
            if membership_invites_to(membership, meeting):
                if row is None:
                    to_create.append(
                        Invitation(meeting=meeting, participant_id=membership.participant_id)
                    )
                elif row.withdrawn_at is not None:
                    to_restore.append(row.pk)
            elif row is not None and row.withdrawn_at is None and not row.is_extra:
                to_withdraw.append(row.pk)
    Invitation.objects.bulk_create(to_create)
    Invitation.objects.filter(pk__in=to_restore).update(withdrawn_at=None)
    Invitation.objects.filter(pk__in=to_withdraw).update(withdrawn_at=now)


def _memberships_with_phases(network_id: int):
    return Membership.objects.filter(network_id=network_id).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.only("id"))
    )


def invitations_sync_meeting(meeting: Meeting) -> None:
    """Invite the members a meeting concerns; called when a meeting is created or moved phase."""
    _sync([meeting], list(_memberships_with_phases(meeting.network_id)))


def invitations_sync_membership(membership: Membership) -> None:
    """Follow a changed membership through the network's future meetings."""
    meetings = list(
        Meeting.objects.filter(
            network_id=membership.network_id, starts_at__gt=timezone.now()
        ).exclude(status=Meeting.Status.CANCELLED)
    )
    membership = _memberships_with_phases(membership.network_id).get(pk=membership.pk)
    _sync(meetings, [membership])


@transaction.atomic
def invitation_add_extra(*, meeting: Meeting, participant: Participant) -> Invitation:
    """Invite a person explicitly, whatever their membership."""
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting has been cancelled."))
    invitation, created = Invitation.objects.get_or_create(
        meeting=meeting, participant=participant, defaults={"is_extra": True}
    )
    if not created and (invitation.withdrawn_at is not None or not invitation.is_extra):
        invitation.is_extra = True
        invitation.withdrawn_at = None
        invitation.save(update_fields=["is_extra", "withdrawn_at"])
    return invitation


@transaction.atomic
def invitation_respond(*, invitation: Invitation, response: str, comment: str = "") -> Invitation:
    if invitation.withdrawn_at is not None:
        raise ValidationError(_("This invitation has been withdrawn."))
    if invitation.meeting.is_cancelled:
        raise ValidationError(_("The meeting has been cancelled."))
    if response not in Invitation.Response.values or response == Invitation.Response.PENDING:
        raise ValidationError({"response": _("Choose yes, no or maybe.")})
    invitation.response = response
    invitation.response_comment = comment.strip()
    invitation.responded_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["response", "response_comment", "responded_at"])
    return invitation


@transaction.atomic
def attendance_register(*, invitation: Invitation, attendance: str) -> Invitation:
    if invitation.meeting.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be registered once the meeting has begun."))
    if attendance not in Invitation.Attendance.values:
        raise ValidationError({"attendance": _("Choose attended, absent or excused.")})
    invitation.attendance = attendance
    invitation.save(update_fields=["attendance"])
    return invitation


# --- Meetings ------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *, network: Network, phase: Phase, title: str, starts_at, ends_at, **fields
) -> Meeting:
    """Schedule a meeting; the members it concerns are invited."""
    fields.setdefault("place", network.default_place)
    meeting = Meeting(
        network=network, phase=phase, title=title, starts_at=starts_at, ends_at=ends_at, **fields
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, **fields) -> Meeting:
    """Change a meeting; a new phase re-derives its invitations, a new time raises its revision."""
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str) -> Meeting:
    if not reason.strip():
        raise ValidationError({"cancellation_reason": _("Give a reason for the cancellation.")})
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason.strip()
    meeting.save(update_fields=["status", "cancellation_reason"])
    return meeting


class MeetingPlanInvalid(ValidationError):
    """A meeting plan with errors; ``row_errors`` maps each failing row's index to its error."""

    def __init__(self, row_errors: dict[int, ValidationError]):
        self.row_errors = row_errors
        super().__init__(_("Some of the meetings in the plan have errors."))


@transaction.atomic
def meeting_plan_save(*, network: Network, meetings: Sequence[Mapping]) -> list[Meeting]:
    """Schedule a network's accepted meeting plan: all meetings or, on any error, none.

    Each item holds the fields of ``meeting_create`` (phase, title, starts_at, ends_at, place,
    …). Every row is validated before the first is saved, so the error of each is reported;
    the members each meeting concerns are invited as it is created.
    """
    if not meetings:
        raise ValidationError(_("The plan has no meetings to save."))
    row_errors = {}
    for index, fields in enumerate(meetings):
        candidate = Meeting(network=network, **{"place": network.default_place, **fields})
        try:
            candidate.full_clean()
        except ValidationError as error:
            row_errors[index] = error
    if row_errors:
        raise MeetingPlanInvalid(row_errors)
    return [meeting_create(network=network, **fields) for fields in meetings]


# --- Preparation tasks ---------------------------------------------------------------------


@transaction.atomic
def task_create(
    *,
    meeting: Meeting,
    title: str,
    kind: str = PreparationTask.Kind.OTHER,
    assignees: Iterable[Participant] = (),
    due_date: date | None = None,
    description: str = "",
) -> PreparationTask:
    """Create a preparation task for a meeting, due some days before it unless said otherwise."""
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting has been cancelled."))
    assignees = list(assignees)
    task = PreparationTask(
        meeting=meeting, title=title, kind=kind, due_date=due_date, description=description
    )
    if task.uninvited(assignees):
        message = _("Only people invited to the meeting can be assigned.")
        raise ValidationError({"assignees": message})
    task.full_clean()
    task.save()
    TaskAssignment.objects.bulk_create(
        TaskAssignment(task=task, participant=person) for person in assignees
    )
    return task


@transaction.atomic
def task_mark_done(*, assignment: TaskAssignment, done: bool = True) -> TaskAssignment:
    assignment.done_at = timezone.now() if done else None
    assignment.save(update_fields=["done_at"])
    return assignment


# --- The secretariat's meeting pages --------------------------------------------------------


@transaction.atomic
def attendance_register_meeting(*, meeting: Meeting, attendance: Mapping[int, str]) -> int:
    """Register the attendance of several invitees of a meeting at once: all or nothing.

    ``attendance`` maps invitation ids to attended/absent/excused. Returns how many changed.
    """
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting was cancelled; there is no attendance to register."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be registered once the meeting has begun."))
    invitations = {
        row.pk: row
        for row in Invitation.objects.current()
        .filter(meeting=meeting, pk__in=list(attendance))
        .select_related("meeting")
    }
    if set(attendance) - set(invitations):
        raise ValidationError(_("Some of the people are not invited to this meeting."))
    changed = 0
    for pk, value in attendance.items():
        if invitations[pk].attendance != value:
            attendance_register(invitation=invitations[pk], attendance=value)
            changed += 1
    return changed


@transaction.atomic
def meeting_minutes_save(
    *, meeting: Meeting, minutes: str, file=None, remove_file: bool = False
) -> Meeting:
    """Save a meeting's minutes: the text, and a new file (checked by name, content and size)
    or the removal of the old one. A replaced file is deleted from storage after the commit."""
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting was cancelled; it has no minutes."))
    old_name = meeting.minutes_file.name
    if file is not None:
        validate_minutes_file(file)
        meeting.minutes_file = file
    elif remove_file:
        meeting.minutes_file = ""
    meeting.minutes = minutes.strip()
    meeting.full_clean()
    meeting.save(update_fields=["minutes", "minutes_file", "updated_at"])
    if old_name and old_name != meeting.minutes_file.name:
        storage = meeting.minutes_file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return meeting


@transaction.atomic
def task_update(
    *, task: PreparationTask, assignees: Iterable[Participant] | None = None, **fields
) -> PreparationTask:
    """Change a preparation task; with ``assignees``, its assignees become exactly those
    (people kept keep their done mark)."""
    for name, value in fields.items():
        setattr(task, name, value)
    if assignees is not None:
        assignees = list(assignees)
        if task.uninvited(assignees):
            message = _("Only people invited to the meeting can be assigned.")
            raise ValidationError({"assignees": message})
    task.full_clean()
    task.save()
    if assignees is not None:
        wanted = {person.pk for person in assignees}
        task.assignments.exclude(participant_id__in=wanted).delete()
        kept = set(task.assignments.values_list("participant_id", flat=True))
        TaskAssignment.objects.bulk_create(
            TaskAssignment(task=task, participant=person)
            for person in assignees
            if person.pk not in kept
        )
    return task


@transaction.atomic
def task_delete(*, task: PreparationTask) -> None:
    """Delete a preparation task with its assignments (and its reminders in the delivery log)."""
    task.delete()


# --- The participant's own answers and tasks ("Mit overblik") -------------------------------


@transaction.atomic
def invitation_answer(
    *, invitation: Invitation, response: str, comment: str = "", now=None
) -> Invitation:
    """The person's own answer to an invitation: yes, no or maybe, with an optional comment
    (access needs, arriving late). Besides the rules of ``invitation_respond`` (not withdrawn,
    not cancelled), a meeting that has begun can no longer be answered."""
    now = now or timezone.now()
    meeting = invitation.meeting
    if invitation.withdrawn_at is None and not meeting.is_cancelled and meeting.starts_at <= now:
        raise ValidationError(
            _("The meeting has begun or is over, so it can no longer be answered.")
        )
    return invitation_respond(invitation=invitation, response=response, comment=comment)


@transaction.atomic
def invitation_report_absence(*, invitation: Invitation, reason: str, now=None) -> Invitation:
    """The person cannot come after all: the answer becomes no, with the reason as comment."""
    if not reason.strip():
        raise ValidationError({"reason": _("Tell us briefly why you cannot come.")})
    return invitation_answer(
        invitation=invitation, response=Invitation.Response.NO, comment=reason, now=now
    )


@transaction.atomic
def assignment_mark_done(*, assignment: TaskAssignment, done: bool = True) -> TaskAssignment:
    """The person marks their own preparation task done (or not done after all). A task for a
    cancelled meeting is left as it is."""
    if assignment.task.meeting.is_cancelled:
        raise ValidationError(_("The meeting has been cancelled, so the task is no longer needed."))
    return task_mark_done(assignment=assignment, done=done)
