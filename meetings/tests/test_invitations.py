import datetime

import pytest
from django.utils import timezone

from meetings.models import Invitation
from meetings.services import invitation_add_extra, invitation_respond, meeting_create
from meetings.tests.factories import MeetingFactory, at
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership
from participants.services import membership_add, membership_change_role, membership_end
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def invited(meeting):
    return set(meeting.invitations.current().values_list("participant__name", flat=True))


@pytest.fixture
def network():
    return NetworkFactory(start_date=timezone.localdate() - datetime.timedelta(days=30))


def phase(network, order):
    return network.phases.get(order=order)


def test_core_participant_is_invited_to_every_meeting(network):
    first = MeetingFactory(network=network, phase=phase(network, 1))
    later = MeetingFactory(network=network, phase=phase(network, 3))
    membership_add(network=network, participant=ParticipantFactory(name="Kerne"), role="core")
    assert invited(first) == {"Kerne"}
    assert invited(later) == {"Kerne"}


def test_involved_participant_is_invited_only_to_meetings_of_their_phases(network):
    insight = MeetingFactory(network=network, phase=phase(network, 1))
    trial = MeetingFactory(network=network, phase=phase(network, 3))
    membership_add(
        network=network,
        participant=ParticipantFactory(name="Forsker"),
        role="involved",
        phases=[phase(network, 3)],
    )
    assert invited(insight) == set()
    assert invited(trial) == {"Forsker"}


def test_new_meeting_invites_the_members_it_concerns(network):
    membership_add(network=network, participant=ParticipantFactory(name="Kerne"), role="core")
    membership_add(
        network=network,
        participant=ParticipantFactory(name="Borger"),
        role="involved",
        phases=[phase(network, 2)],
    )
    start = at(timezone.localdate() + datetime.timedelta(days=20), 13)
    meeting = meeting_create(
        network=network,
        phase=phase(network, 2),
        title="Idéværksted",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    assert invited(meeting) == {"Kerne", "Borger"}
    assert meeting.place == network.default_place


def test_role_change_moves_future_invitations_and_keeps_responses(network):
    insight = MeetingFactory(network=network, phase=phase(network, 1))
    trial = MeetingFactory(network=network, phase=phase(network, 3))
    person = ParticipantFactory(name="Pårørende")
    membership = membership_add(network=network, participant=person, role="core")
    invitation_respond(
        invitation=insight.invitations.get(participant=person), response="yes", comment="Kørestol"
    )

    membership_change_role(
        membership=membership, role=Membership.Role.INVOLVED, phases=[phase(network, 3)]
    )
    assert invited(insight) == set()
    assert invited(trial) == {"Pårørende"}

    membership_change_role(membership=membership, role=Membership.Role.CORE)
    kept = insight.invitations.get(participant=person)
    assert kept.withdrawn_at is None
    assert (kept.response, kept.response_comment) == ("yes", "Kørestol")


def test_membership_changes_leave_past_meetings_alone(network):
    person = ParticipantFactory(name="Kerne")
    membership = membership_add(
        network=network, participant=person, role="core", joined_on=network.start_date
    )
    past = MeetingFactory(
        network=network,
        phase=phase(network, 1),
        starts_at=at(timezone.localdate() - datetime.timedelta(days=7)),
    )
    assert invited(past) == {"Kerne"}
    membership_end(membership=membership)
    assert invited(past) == {"Kerne"}


def test_ended_membership_withdraws_future_invitations(network):
    future = MeetingFactory(network=network, phase=phase(network, 1))
    membership = membership_add(network=network, participant=ParticipantFactory(), role="core")
    membership_end(membership=membership)
    assert invited(future) == set()
    assert Invitation.objects.filter(meeting=future).count() == 1  # kept, withdrawn


def test_extra_invitation_survives_membership_changes(network):
    meeting = MeetingFactory(network=network, phase=phase(network, 1))
    guest = ParticipantFactory(name="Politiker")
    invitation_add_extra(meeting=meeting, participant=guest)
    membership = membership_add(
        network=network, participant=guest, role="involved", phases=[phase(network, 4)]
    )
    membership_end(membership=membership)
    assert invited(meeting) == {"Politiker"}
