"""Inviting a person to a network: the signed link in the mail, opening it, accepting (the
membership, the person's answers and consents), declining, withdrawing, and the line
manager's answer. Through the services in participants/onboarding.py."""

import smtplib
import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from netvaerk.tests.factories import NetworkFactory
from participants import onboarding
from participants.consent import CURRENT_VERSION
from participants.models import Consent, Membership, NetworkInvitation
from participants.onboarding import (
    LinkExpired,
    LinkInvalid,
    membership_from_manager_token,
    membership_manager_answer,
    network_invitation_accept,
    network_invitation_create,
    network_invitation_decline,
    network_invitation_from_token,
    network_invitation_open,
    network_invitation_resend,
    network_invitation_withdraw,
)
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(name="Ensomme ældre", challenge="Ældre borgere, der sidder alene")


@pytest.fixture
def person():
    return ParticipantFactory(name="Karen Holm", email="karen@example.dk")


def invite(network, person, **fields):
    return network_invitation_create(
        network=network, participant=person, role=fields.pop("role", "core"), **fields
    )


def token_in_mail(message) -> str:
    """The token of the /invitation/<token>/ link in the mail's text."""
    for word in message.body.split():
        if "/invitation/" in word:
            return word.rstrip("/").rsplit("/", 1)[1]
    raise AssertionError("no invitation link in the mail")


def answers(**overrides):
    return {
        "perspective": "Pårørende til en ældre mor",
        "motivation": "Jeg vil gerne gøre en forskel",
        "competence_personal": "Erfaring som pårørende",
        "consent_processing": True,
        "consent_show_to_peers": True,
        "consent_version": CURRENT_VERSION,
        **overrides,
    }


# --- Creating and sending ----------------------------------------------------------------------


def test_inviting_mails_the_person_a_link_that_opens_their_invitation(network, person):
    invitation = invite(network, person, message="Vi håber, du har lyst.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Karen Holm <karen@example.dk>"]
    assert "Ensomme ældre" in message.subject
    assert "Vi håber, du har lyst." in message.body
    html = message.alternatives[0][0]
    assert "/invitation/" in html
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert invitation.expires_at - invitation.sent_at == timedelta(days=21)
    expiry = timezone.localtime(invitation.expires_at)
    assert f"{expiry.day}. " in message.body  # the day the link stops working
    assert network_invitation_from_token(token_in_mail(message)) == invitation


def test_the_mail_is_written_in_the_persons_language(network):
    english = ParticipantFactory(language="en")
    invite(network, english)
    assert "You are" not in mail.outbox[0].subject
    assert "Invitation to the network" in mail.outbox[0].subject


def test_a_member_of_the_network_cannot_be_invited_again(network, person):
    MembershipFactory(network=network, participant=person)
    with pytest.raises(ValidationError) as error:
        invite(network, person)
    assert "er allerede medlem af Ensomme ældre" in error.value.messages[0]
    assert not NetworkInvitation.objects.exists()
    assert mail.outbox == []


def test_a_former_member_is_pointed_to_their_membership_instead(network, person):
    MembershipFactory(network=network, participant=person, left_on=network.start_date)
    with pytest.raises(ValidationError) as error:
        invite(network, person)
    assert "har været medlem af Ensomme ældre før" in error.value.messages[0]
    assert not NetworkInvitation.objects.exists()


def test_a_second_open_invitation_to_the_same_network_is_refused(network, person):
    invite(network, person)
    with pytest.raises(ValidationError) as error:
        invite(network, person, role="involved", phases=network.phases.all()[:1])
    assert "allerede en åben invitation" in error.value.messages[0]
    assert NetworkInvitation.objects.count() == 1


def test_an_involved_participant_is_invited_to_at_least_one_phase_of_the_network(network, person):
    with pytest.raises(ValidationError):
        invite(network, person, role="involved", phases=[])
    other_phase = NetworkFactory().phases.first()
    with pytest.raises(ValidationError):
        invite(network, person, role="involved", phases=[other_phase])
    assert not NetworkInvitation.objects.exists()


def test_archived_people_and_concluded_networks_cannot_be_invited(network, person):
    person.archived_at = timezone.now()
    person.save()
    with pytest.raises(ValidationError):
        invite(network, person)
    concluded = NetworkFactory(status="concluded")
    with pytest.raises(ValidationError):
        invite(concluded, ParticipantFactory())
    assert not NetworkInvitation.objects.exists()


def test_a_mail_that_cannot_be_sent_leaves_the_invitation_unsent_and_sending_again_works(
    network, person, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("no server")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        invitation = invite(network, person)
    invitation.refresh_from_db()
    assert invitation.status == "open"
    assert invitation.sent_at is None and invitation.expires_at is None

    assert network_invitation_resend(invitation=invitation) is True
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1


def test_sending_again_gives_a_new_expiry_date(network, person):
    invitation = invite(network, person)
    first_expiry = invitation.expires_at
    network_invitation_resend(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.expires_at >= first_expiry
    assert len(mail.outbox) == 2


def test_only_an_open_invitation_can_be_withdrawn_or_sent(network, person):
    invitation = invite(network, person)
    network_invitation_withdraw(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    withdrawn_at = invitation.withdrawn_at
    assert withdrawn_at is not None
    with pytest.raises(ValidationError):
        network_invitation_withdraw(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.withdrawn_at == withdrawn_at
    with pytest.raises(ValidationError):
        network_invitation_resend(invitation=invitation)
    # A withdrawn invitation does not stand in the way of a new one.
    assert invite(network, person).status == "open"


# --- The link ------------------------------------------------------------------------------------


def test_an_altered_link_is_invalid(network, person):
    invitation = invite(network, person)
    token = token_in_mail(mail.outbox[0])
    with pytest.raises(LinkInvalid):
        network_invitation_from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    with pytest.raises(LinkInvalid):
        network_invitation_from_token("not-a-token")
    # A token signed for another purpose (the manager's page) opens no invitation.
    forged = signing.dumps(
        {"i": invitation.pk, "p": person.pk}, salt=onboarding.MANAGER_SALT, compress=True
    )
    with pytest.raises(LinkInvalid):
        network_invitation_from_token(forged)


def test_a_link_opens_only_the_invitation_and_person_it_was_made_for(network, person):
    invitation = invite(network, person)
    other = invite(NetworkFactory(), ParticipantFactory())
    token = onboarding.network_invitation_token(invitation)
    assert network_invitation_from_token(token) == invitation
    # Same invitation id, another person: not ours.
    mixed = signing.dumps(
        {"i": invitation.pk, "p": other.participant_id},
        salt=onboarding.INVITATION_SALT,
        compress=True,
    )
    with pytest.raises(LinkInvalid):
        network_invitation_from_token(mixed)


def test_a_link_older_than_the_invitation_days_has_expired(network, person, monkeypatch):
    invite(network, person)
    token = token_in_mail(mail.outbox[0])
    later = time.time() + timedelta(days=21, minutes=1).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(LinkExpired):
        network_invitation_from_token(token)


def test_opening_records_the_first_time_only(network, person):
    invitation = invite(network, person)
    network_invitation_open(invitation=invitation)
    first = NetworkInvitation.objects.get().opened_at
    assert first is not None
    network_invitation_open(invitation=NetworkInvitation.objects.get())
    assert NetworkInvitation.objects.get().opened_at == first


# --- Accepting and declining ---------------------------------------------------------------------


def test_accepting_makes_the_person_a_member_in_the_role_and_phases_of_the_invitation(
    network, person
):
    phases = list(network.phases.order_by("order")[1:3])
    invitation = invite(network, person, role="involved", phases=phases, is_co_driver=True)

    membership = network_invitation_accept(invitation=invitation, **answers())

    assert membership.role == Membership.Role.INVOLVED
    assert set(membership.phases.all()) == set(phases)
    assert membership.is_co_driver
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.answered_at is not None
    assert invitation.membership == membership
    person.refresh_from_db()
    assert person.perspective == "Pårørende til en ældre mor"
    assert person.competence_personal == "Erfaring som pårørende"
    assert person.motivation == "Jeg vil gerne gøre en forskel"
    consents = {c.kind: c.text_version for c in Consent.objects.filter(participant=person)}
    assert consents == {
        Consent.Kind.PROCESSING: CURRENT_VERSION,
        Consent.Kind.SHOW_TO_PEERS: CURRENT_VERSION,
    }


def test_showing_ones_name_to_fellow_participants_is_a_separate_choice(network, person):
    invitation = invite(network, person)
    network_invitation_accept(invitation=invitation, **answers(consent_show_to_peers=False))
    assert list(Consent.objects.values_list("kind", flat=True)) == [Consent.Kind.PROCESSING]


def test_accepting_without_consent_or_perspective_changes_nothing(network, person):
    invitation = invite(network, person)
    with pytest.raises(ValidationError) as error:
        network_invitation_accept(
            invitation=invitation, **answers(consent_processing=False, perspective=" ")
        )
    assert set(error.value.message_dict) == {"consent_processing", "perspective"}
    assert not Membership.objects.exists()
    assert not Consent.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == "open"


def test_municipal_staff_name_their_line_manager_when_accepting(network):
    employee = ParticipantFactory(is_municipal_staff=True, background="municipal_staff")
    invitation = invite(network, employee)
    with pytest.raises(ValidationError) as error:
        network_invitation_accept(invitation=invitation, **answers())
    assert "manager_name" in error.value.message_dict

    membership = network_invitation_accept(
        invitation=invitation,
        **answers(manager_name="Lone Berg", manager_email="lone.berg@example.dk"),
    )
    employee.refresh_from_db()
    assert (employee.manager_name, employee.manager_email) == ("Lone Berg", "lone.berg@example.dk")
    assert membership.manager_agreement == Membership.ManagerAgreement.PENDING


def test_an_invitation_is_answered_once(network, person):
    invitation = invite(network, person)
    network_invitation_accept(invitation=invitation, **answers())
    with pytest.raises(ValidationError):
        network_invitation_accept(invitation=invitation, **answers())
    with pytest.raises(ValidationError):
        network_invitation_decline(invitation=invitation, reason="Alligevel ikke")
    assert Membership.objects.count() == 1


def test_declining_records_the_reason_and_the_time(network, person):
    invitation = invite(network, person)
    network_invitation_decline(invitation=invitation, reason="  Jeg har ikke tid i foråret ")
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert invitation.decline_reason == "Jeg har ikke tid i foråret"
    assert invitation.answered_at is not None
    with pytest.raises(ValidationError):
        network_invitation_accept(invitation=invitation, **answers())
    assert not Membership.objects.exists()


def test_a_withdrawn_or_expired_invitation_cannot_be_accepted(network, person):
    invitation = invite(network, person)
    network_invitation_withdraw(invitation=invitation)
    with pytest.raises(ValidationError):
        network_invitation_accept(invitation=invitation, **answers())

    other = invite(network, ParticipantFactory())
    NetworkInvitation.objects.filter(pk=other.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError) as error:
        network_invitation_accept(invitation=other, **answers())
    assert "udløbet" in error.value.messages[0]
    assert not Membership.objects.exists()


def test_someone_added_as_member_meanwhile_gets_a_clear_message(network, person):
    invitation = invite(network, person)
    MembershipFactory(network=network, participant=person)
    with pytest.raises(ValidationError) as error:
        network_invitation_accept(invitation=invitation, **answers())
    assert "allerede medlem" in error.value.messages[0]


# --- The line manager ----------------------------------------------------------------------------


@pytest.fixture
def staff_membership(network):
    employee = ParticipantFactory(
        is_municipal_staff=True,
        background="municipal_staff",
        manager_name="Lone Berg",
        manager_email="lone.berg@example.dk",
    )
    return MembershipFactory(network=network, participant=employee, manager_agreement="pending")


def test_the_manager_link_opens_the_membership_and_records_the_answer(staff_membership):
    token = onboarding.manager_token(staff_membership)
    membership = membership_from_manager_token(token)
    assert membership == staff_membership

    membership_manager_answer(membership=membership, agreed=True)
    membership.refresh_from_db()
    assert membership.manager_agreement == Membership.ManagerAgreement.AGREED
    assert membership.manager_agreement_on == timezone.localdate()

    membership_manager_answer(membership=membership, agreed=False)
    membership.refresh_from_db()
    assert membership.manager_agreement == Membership.ManagerAgreement.DECLINED


def test_a_manager_link_stops_working_when_the_person_names_another_manager(staff_membership):
    token = onboarding.manager_token(staff_membership)
    person = staff_membership.participant
    person.manager_email = "ny.leder@example.dk"
    person.save()
    with pytest.raises(LinkInvalid):
        membership_from_manager_token(token)


def test_a_manager_link_expires_after_the_manager_link_days(staff_membership, monkeypatch):
    token = onboarding.manager_token(staff_membership)
    later = time.time() + timedelta(days=30, minutes=1).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(LinkExpired):
        membership_from_manager_token(token)
