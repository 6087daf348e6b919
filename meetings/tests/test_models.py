import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from meetings.models import TASK_LEAD_DAYS, Invitation
from meetings.services import (
    attendance_register,
    invitation_add_extra,
    invitation_respond,
    meeting_cancel,
    meeting_update,
    task_create,
    task_mark_done,
)
from meetings.tests.factories import (
    InvitationFactory,
    MeetingFactory,
    PreparationTaskFactory,
    TaskAssignmentFactory,
)
from netvaerk.tests.factories import NetworkFactory
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_meeting_that_ends_before_it_starts():
    meeting = MeetingFactory()
    meeting.ends_at = meeting.starts_at
    with pytest.raises(IntegrityError):
        meeting.save()


def test_meeting_phase_must_belong_to_its_network():
    meeting = MeetingFactory()
    meeting.phase = NetworkFactory().phases.first()
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "phase" in error.value.message_dict


def test_database_refuses_two_invitations_of_one_person_to_one_meeting():
    invitation = InvitationFactory()
    with pytest.raises(IntegrityError):
        InvitationFactory(meeting=invitation.meeting, participant=invitation.participant)


def test_database_refuses_a_response_without_a_time():
    with pytest.raises(IntegrityError):
        InvitationFactory(response=Invitation.Response.YES, responded_at=None)


def test_response_is_stored_with_time_and_comment():
    invitation = InvitationFactory()
    invitation_respond(invitation=invitation, response="maybe", comment=" Kommer måske sent ")
    invitation.refresh_from_db()
    assert invitation.response == "maybe"
    assert invitation.response_comment == "Kommer måske sent"
    assert invitation.responded_at is not None


def test_pending_is_not_a_response_one_can_give():
    invitation = InvitationFactory()
    with pytest.raises(ValidationError):
        invitation_respond(invitation=invitation, response="pending")
    invitation.refresh_from_db()
    assert invitation.responded_at is None


def test_no_response_to_a_cancelled_meeting():
    invitation = InvitationFactory()
    meeting_cancel(meeting=invitation.meeting, reason="Sygdom")
    with pytest.raises(ValidationError):
        invitation_respond(invitation=invitation, response="yes")


def test_cancelling_needs_a_reason():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, reason="  ")
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_attendance_waits_for_the_meeting_to_begin():
    invitation = InvitationFactory()
    with pytest.raises(ValidationError):
        attendance_register(invitation=invitation, attendance="attended")
    past = InvitationFactory(
        meeting=MeetingFactory(starts_at=timezone.now() - datetime.timedelta(days=1))
    )
    attendance_register(invitation=past, attendance="excused")
    past.refresh_from_db()
    assert past.attendance == "excused"


def test_moving_a_meeting_raises_its_revision_but_editing_the_agenda_does_not():
    meeting = MeetingFactory()
    meeting_update(meeting=meeting, agenda="1. Velkomst")
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    meeting_update(
        meeting=meeting,
        starts_at=meeting.starts_at + datetime.timedelta(days=1),
        ends_at=meeting.ends_at + datetime.timedelta(days=1),
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    meeting_cancel(meeting=meeting, reason="Aflyst")
    meeting.refresh_from_db()
    assert meeting.sequence == 2


def test_a_cancelled_meeting_cannot_be_changed():
    meeting = MeetingFactory()
    meeting_cancel(meeting=meeting, reason="Aflyst")
    with pytest.raises(ValidationError):
        meeting_update(meeting=meeting, place="Et andet sted")


def test_task_is_due_some_days_before_the_meeting_by_default():
    invitation = InvitationFactory()
    task = task_create(
        meeting=invitation.meeting,
        title="Læs rapporten",
        kind="reading",
        assignees=[invitation.participant],
    )
    meeting_day = timezone.localdate(invitation.meeting.starts_at)
    assert task.due_date == meeting_day - datetime.timedelta(days=TASK_LEAD_DAYS)
    assert list(task.assignees.all()) == [invitation.participant]


def test_task_cannot_be_due_after_its_meeting():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        task_create(
            meeting=meeting,
            title="Oplæg",
            due_date=timezone.localdate(meeting.starts_at) + datetime.timedelta(days=1),
        )
    assert "due_date" in error.value.message_dict
    assert not meeting.preparation_tasks.exists()


def test_only_invitees_can_be_assigned_a_task():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        task_create(meeting=meeting, title="Oplæg", assignees=[ParticipantFactory()])
    assert not meeting.preparation_tasks.exists()


def test_done_is_recorded_per_assignee():
    first = TaskAssignmentFactory()
    second = TaskAssignmentFactory(task=first.task)
    task_mark_done(assignment=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_done and not second.is_done
    task_mark_done(assignment=first, done=False)
    first.refresh_from_db()
    assert not first.is_done


def test_a_meeting_marked_cancelled_without_a_reason_does_not_validate():
    meeting = MeetingFactory(status="cancelled", cancellation_reason="")
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "Angiv en årsag til aflysningen." in error.value.message_dict["cancellation_reason"]


def test_an_assignment_to_someone_not_invited_does_not_validate():
    assignment = TaskAssignmentFactory.build(
        task=PreparationTaskFactory(), participant=ParticipantFactory()
    )
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert "participant" in error.value.message_dict
    invited = InvitationFactory(meeting=assignment.task.meeting).participant
    TaskAssignmentFactory.build(task=assignment.task, participant=invited).full_clean()


def test_a_cancelled_meeting_takes_no_extra_invitees_or_tasks():
    meeting = MeetingFactory()
    meeting_cancel(meeting=meeting, reason="Aflyst")
    with pytest.raises(ValidationError):
        invitation_add_extra(meeting=meeting, participant=ParticipantFactory())
    with pytest.raises(ValidationError):
        task_create(meeting=meeting, title="Oplæg")
    assert not meeting.invitations.exists()
    assert not meeting.preparation_tasks.exists()
