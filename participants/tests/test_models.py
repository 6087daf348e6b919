import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from participants.models import Membership
from participants.services import membership_add, membership_end, participant_create
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_email_is_unique_regardless_of_case():
    ParticipantFactory(email="Anne.Hansen@Albertslund.dk")
    with pytest.raises(IntegrityError):
        ParticipantFactory(email="anne.hansen@albertslund.DK")


def test_participant_create_reports_a_duplicate_email_in_danish():
    participant_create(name="Anne", email="anne@example.dk", background="citizen")
    with pytest.raises(ValidationError) as error:
        participant_create(name="Anne H.", email=" ANNE@example.dk ", background="citizen")
    assert "En deltager med denne e-mail findes allerede." in str(error.value)


def test_email_is_stored_in_lower_case():
    person = participant_create(name="Bo", email="Bo@Example.DK", background="company")
    assert person.email == "bo@example.dk"


def test_database_refuses_a_second_membership_of_the_same_network():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        MembershipFactory(network=membership.network, participant=membership.participant)


def test_database_refuses_a_membership_that_ends_before_it_began():
    membership = MembershipFactory()
    membership.left_on = membership.joined_on - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError):
        membership.save()


def test_database_refuses_an_unknown_role():
    with pytest.raises(IntegrityError):
        MembershipFactory(role="observer")


def test_involved_participant_must_name_a_phase():
    network = MembershipFactory().network
    with pytest.raises(ValidationError) as error:
        membership_add(network=network, participant=ParticipantFactory(), role="involved")
    assert "mindst én fase" in str(error.value)
    assert not Membership.objects.filter(role="involved").exists()


def test_phases_must_belong_to_the_network():
    network = MembershipFactory().network
    other = MembershipFactory().network
    with pytest.raises(ValidationError):
        membership_add(
            network=network,
            participant=ParticipantFactory(),
            role="involved",
            phases=[other.phases.first()],
        )


def test_municipal_staff_start_with_a_pending_manager_agreement():
    staff = ParticipantFactory(is_municipal_staff=True, background="municipal_staff")
    membership = membership_add(network=MembershipFactory().network, participant=staff, role="core")
    assert membership.manager_agreement == Membership.ManagerAgreement.PENDING


def test_ended_membership_is_no_longer_active():
    membership = MembershipFactory()
    membership_end(membership=membership, left_on=membership.joined_on)
    assert not Membership.objects.active().filter(pk=membership.pk).exists()
    assert Membership.objects.active(on=membership.joined_on - datetime.timedelta(days=1)).filter(
        pk=membership.pk
    )
