"""The invitation rule reads only invitations that await their mail (issue #6): the flag is
set on a new invitation, cleared once the mail is in the delivery log, and never decides alone
whether a mail goes out."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings import reminders
from meetings.models import Delivery, Invitation
from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory
from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    monkeypatch.setattr(reminders, "enqueue", lambda ids: None)


@pytest.fixture
def invitation():
    network = NetworkFactory(status="active")
    start = timezone.now() + datetime.timedelta(days=20)
    meeting = MeetingFactory(
        network=network, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    MembershipFactory(network=network)
    return Invitation.objects.get(meeting=meeting)


def test_a_new_invitation_awaits_its_mail_until_the_sweep_records_it(invitation):
    assert invitation.awaits_invitation_mail

    report = reminders.sweep()

    assert report.recorded[Delivery.Kind.INVITATION] == 1
    invitation.refresh_from_db()
    assert not invitation.awaits_invitation_mail
    assert reminders.due_invitations(timezone.now()) == []


def test_a_mail_recorded_elsewhere_is_not_sent_again(invitation):
    Delivery.objects.create(
        kind=Delivery.Kind.INVITATION,
        meeting=invitation.meeting,
        participant=invitation.participant,
        due_at=invitation.invited_at,
        status=Delivery.Status.SENT,
        next_attempt_at=invitation.invited_at,
        expires_at=invitation.meeting.starts_at,
    )

    assert reminders.due_invitations(timezone.now()) == []
    report = reminders.sweep()

    assert report.recorded[Delivery.Kind.INVITATION] == 0


def test_an_invitation_no_longer_awaiting_is_not_read_by_the_rule(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(awaits_invitation_mail=False)

    assert reminders.due_invitations(timezone.now()) == []


def test_the_rule_reads_the_awaiting_invitations_only(invitation):
    reminders.sweep()
    with CaptureQueriesContext(connection) as queries:
        reminders.due_invitations(timezone.now())
    (sql,) = [query["sql"] for query in queries]
    assert "awaits_invitation_mail" in sql


def test_the_sweep_clears_the_flag_of_exactly_the_invitations_it_recorded(invitation):
    other = Invitation.objects.create(
        meeting=invitation.meeting,
        participant=MembershipFactory(network=NetworkFactory()).participant,
        withdrawn_at=timezone.now(),  # withdrawn: gets no invitation mail
    )

    reminders.sweep()

    assert list(
        Invitation.objects.filter(awaits_invitation_mail=True).values_list("pk", flat=True)
    ) == [other.pk]
