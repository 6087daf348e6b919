"""Anonymisation (GDPR): identity goes, statistics stay, and a second run changes nothing.
Also the person's own removal request, which the secretariat then carries out."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import Delivery, Invitation
from meetings.services import attendance_register, invitation_respond
from meetings.tests.factories import DeliveryFactory, MeetingFactory, at
from netvaerk.tests.factories import NetworkFactory
from participants.consent import has_consent
from participants.models import Consent, Membership, NetworkInvitation, Participant
from participants.rules import SECRETARIAT_GROUP
from participants.services import (
    participant_anonymise,
    participant_request_removal,
    participant_withdraw_removal_request,
)
from participants.tests.factories import (
    ConsentFactory,
    MembershipFactory,
    NetworkInvitationFactory,
    ParticipantFactory,
    SignInLinkFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def network():
    return NetworkFactory(start_date=TODAY() - datetime.timedelta(days=90))


@pytest.fixture
def person(network):
    user = User.objects.create_user("deltager-x", email="karen@example.dk", first_name="Karen")
    person = ParticipantFactory(
        name="Karen Lund",
        email="karen@example.dk",
        phone="+45 22 33 44 55",
        organisation="Pårørendeforeningen",
        background=Participant.Background.RELATIVE,
        competence_personal="Mor til en ung med autisme",
        perspective="Den pårørendes hverdag",
        motivation="Vil gøre overgangen lettere for andre",
        is_municipal_staff=True,
        manager_name="Leif Leder",
        manager_email="leif@example.dk",
        calendar_token="hemmelig-kalendernoegle",
        user=user,
    )
    MembershipFactory(network=network, participant=person)
    ConsentFactory(participant=person, kind=Consent.Kind.PROCESSING)
    ConsentFactory(participant=person, kind=Consent.Kind.SHOW_TO_PEERS)
    SignInLinkFactory(participant=person)
    return person


def attend(person, meeting, attendance, comment=""):
    invitation = Invitation.objects.get(meeting=meeting, participant=person)
    invitation_respond(invitation=invitation, response=Invitation.Response.YES, comment=comment)
    attendance_register(invitation=invitation, attendance=attendance)
    return invitation


def test_anonymising_removes_everything_that_identifies_the_person(person):
    user_pk = person.user_id
    result = participant_anonymise(participant=person)
    person.refresh_from_db()
    assert result.pk == person.pk
    assert person.name == f"Anonymiseret deltager {person.pk}"
    assert person.email == f"anonym-{person.pk}@anonymiseret.invalid"
    for field in (
        "phone",
        "organisation",
        "competence_professional",
        "competence_personal",
        "competence_methodical",
        "perspective",
        "motivation",
        "manager_name",
        "manager_email",
    ):
        assert getattr(person, field) == "", field
    assert person.calendar_token is None
    assert person.user is None
    assert not User.objects.filter(pk=user_pk).exists()
    assert not person.sign_in_links.exists()
    assert not has_consent(person, Consent.Kind.PROCESSING)
    assert not has_consent(person, Consent.Kind.SHOW_TO_PEERS)
    assert person.consents.count() == 2  # the history of what was agreed stays
    assert person.anonymised_at is not None
    assert person.archived_at is not None
    assert not any(
        (
            person.wants_meeting_reminders,
            person.wants_task_reminders,
            person.wants_response_reminders,
            person.wants_follow_up_reminders,
        )
    )


def test_anonymised_email_is_unique_and_valid_for_a_later_edit(person):
    other = ParticipantFactory()
    participant_anonymise(participant=person)
    participant_anonymise(participant=other)
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.email != other.email
    person.full_clean()  # the secretariat may still open and save the anonymous record


def test_background_memberships_and_attendance_are_kept_for_the_statistics(person, network):
    first = MeetingFactory(network=network, starts_at=at(TODAY() - datetime.timedelta(days=30)))
    second = MeetingFactory(network=network, starts_at=at(TODAY() - datetime.timedelta(days=10)))
    attend(person, first, Invitation.Attendance.ATTENDED, comment="Jeg tager kage med til Karen")
    attend(person, second, Invitation.Attendance.EXCUSED)
    participant_anonymise(participant=person)
    person.refresh_from_db()
    assert person.background == Participant.Background.RELATIVE
    membership = person.memberships.get()
    assert membership.role == Membership.Role.CORE
    assert membership.left_on == TODAY()
    attendance = sorted(person.invitations.values_list("attendance", "response"))
    assert attendance == [("attended", "yes"), ("excused", "yes")]
    assert not person.invitations.exclude(response_comment="").exists()
    history = Invitation.history.filter(participant_id=person.pk)
    assert history.filter(response="yes").exists()
    assert not history.exclude(response_comment="").exists()


def test_invitations_to_coming_meetings_are_withdrawn_and_unsent_mail_is_skipped(person, network):
    coming = MeetingFactory(network=network)
    invitation = Invitation.objects.get(meeting=coming, participant=person)
    delivery = DeliveryFactory(
        meeting=coming,
        participant=person,
        status=Delivery.Status.PENDING,
        sent_at=None,
        last_error="550 karen@example.dk: mailbox full",
    )
    participant_anonymise(participant=person)
    invitation.refresh_from_db()
    delivery.refresh_from_db()
    assert invitation.withdrawn_at is not None
    assert delivery.status == Delivery.Status.SKIPPED
    assert "karen" not in delivery.last_error


def test_free_text_in_network_invitations_is_cleared(person, network):
    invitation = NetworkInvitationFactory(
        participant=person,
        status=NetworkInvitation.Status.DECLINED,
        answered_at=timezone.now(),
        message="Kære Karen, vi håber du vil være med",
        decline_reason="Min søn er syg",
    )
    participant_anonymise(participant=person)
    invitation.refresh_from_db()
    assert (invitation.message, invitation.decline_reason) == ("", "")
    assert invitation.status == NetworkInvitation.Status.DECLINED


def test_the_change_history_keeps_no_earlier_version_of_the_person(person):
    person.phone = "+45 99 99 99 99"
    person.save()
    assert person.history.filter(name="Karen Lund").exists()
    participant_anonymise(participant=person)
    assert not person.history.filter(anonymised_at__isnull=True).exists()
    assert set(person.history.values_list("name", flat=True)) == {
        f"Anonymiseret deltager {person.pk}"
    }


def test_a_second_anonymisation_changes_nothing(person):
    participant_anonymise(participant=person)
    person.refresh_from_db()
    before = (person.anonymised_at, person.updated_at, person.history.count())
    participant_anonymise(participant=person)
    person.refresh_from_db()
    assert (person.anonymised_at, person.updated_at, person.history.count()) == before


def test_a_staff_login_linked_to_the_person_is_kept_but_unlinked(person):
    staff = person.user
    staff.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    participant_anonymise(participant=person)
    person.refresh_from_db()
    assert person.user is None
    assert User.objects.filter(pk=staff.pk, is_active=True).exists()


def test_removal_request_is_recorded_once_and_can_be_withdrawn(person):
    participant_request_removal(participant=person)
    asked = person.removal_requested_at
    assert asked is not None
    participant_request_removal(participant=person)
    person.refresh_from_db()
    assert person.removal_requested_at == asked
    participant_withdraw_removal_request(participant=person)
    person.refresh_from_db()
    assert person.removal_requested_at is None


def test_an_anonymised_person_cannot_ask_again(person):
    participant_anonymise(participant=person)
    person.refresh_from_db()
    with pytest.raises(ValidationError):
        participant_request_removal(participant=person)


def test_the_admin_action_anonymises_the_selected_people(admin_client, person):
    other = ParticipantFactory(name="Bent Berg")
    response = admin_client.post(
        "/admin/participants/participant/",
        {"action": "anonymise", "_selected_action": [person.pk, other.pk]},
    )
    assert response.status_code == 302
    assert not Participant.objects.filter(name__in=["Karen Lund", "Bent Berg"]).exists()
    assert Participant.objects.filter(anonymised_at__isnull=False).count() == 2
