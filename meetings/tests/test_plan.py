import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from meetings.plan import network_plan_warnings, networks_with_plan_data
from meetings.tests.factories import MeetingFactory, at
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 3, 1)


def codes(network):
    return [warning.code for warning in network_plan_warnings(network)]


def plan(network, count=5, *, hours=3.5, every_days=35, first=MONDAY):
    phases = list(network.phases.all())
    for n in range(count):
        start = at(first + datetime.timedelta(days=n * every_days), 9)
        MeetingFactory(
            network=network,
            phase=phases[min(n, len(phases) - 1)],
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
        )


@pytest.fixture
def good_network():
    """A network that follows the model: five meetings, a core team with a co-driver."""
    network = NetworkFactory(start_date=MONDAY - datetime.timedelta(days=7))
    plan(network)
    MembershipFactory(network=network, is_co_driver=True)
    MembershipFactory(network=network, role="involved", phases=[network.phases.first()])
    return network


def test_a_network_that_follows_the_model_has_no_warnings(good_network):
    assert network_plan_warnings(good_network) == []


@pytest.mark.parametrize(("count", "code"), [(3, "too_few_meetings"), (7, "too_many_meetings")])
def test_meeting_count_outside_four_to_six_is_warned(count, code):
    network = NetworkFactory()
    plan(network, count, every_days=28)
    assert code in codes(network)


def test_a_cancelled_meeting_does_not_count(good_network):
    for meeting in good_network.meetings.order_by("starts_at")[:2]:
        meeting.status = Meeting.Status.CANCELLED
        meeting.save()
    assert codes(good_network) == ["too_few_meetings"]


def test_too_few_meetings_message_reads_well_in_danish():
    network = NetworkFactory()
    plan(network, 1)
    messages = [warning.message for warning in network_plan_warnings(network)]
    assert "Der er kun planlagt 1 møde; et netværk holder normalt 4–6." in messages


@pytest.mark.parametrize(("hours", "code"), [(2.5, "meeting_too_short"), (4.5, "meeting_too_long")])
def test_meeting_length_outside_three_to_four_hours_is_warned(good_network, hours, code):
    meeting = good_network.meetings.first()
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=hours)
    meeting.save()
    warnings = [w for w in network_plan_warnings(good_network) if w.code == code]
    assert len(warnings) == 1
    assert meeting.title in warnings[0].message


def test_meetings_spread_over_much_more_than_six_months_are_warned():
    network = NetworkFactory()
    plan(network, 5, every_days=60)  # eight months
    assert "spread_too_long" in codes(network)


def test_six_months_of_meetings_are_fine():
    network = NetworkFactory()
    plan(network, 6, every_days=36)  # 180 days
    assert "spread_too_long" not in codes(network)


def test_a_meeting_on_a_danish_public_holiday_is_warned(good_network):
    meeting = good_network.meetings.first()
    meeting.starts_at = at(datetime.date(2027, 5, 6), 9)  # Kristi himmelfartsdag 2027
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=3)
    meeting.save()
    warnings = [w for w in network_plan_warnings(good_network) if w.code == "public_holiday"]
    assert len(warnings) == 1
    assert "Kristi himmelfartsdag" in warnings[0].message


def test_no_core_participants_and_no_co_driver_are_warned():
    network = NetworkFactory()
    plan(network)
    MembershipFactory(network=network, role="involved", phases=[network.phases.first()])
    assert codes(network) == ["no_core", "no_co_driver"]


def test_involved_participant_without_a_phase_is_warned_by_name(good_network):
    MembershipFactory(
        network=good_network, role="involved", participant=ParticipantFactory(name="Søren Borger")
    )
    messages = [w.message for w in network_plan_warnings(good_network)]
    assert any("Søren Borger" in m for m in messages)
    assert codes(good_network) == ["involved_without_phase"]


@pytest.mark.parametrize(
    ("agreement", "warned"),
    [("pending", True), ("declined", True), ("not_needed", True), ("agreed", False)],
)
def test_municipal_staff_need_an_agreed_manager_agreement(good_network, agreement, warned):
    staff = ParticipantFactory(is_municipal_staff=True, background="municipal_staff")
    MembershipFactory(network=good_network, participant=staff, manager_agreement=agreement)
    assert ("manager_agreement_missing" in codes(good_network)) is warned


def test_members_who_left_do_not_count(good_network):
    co_driver = Membership.objects.get(network=good_network, is_co_driver=True)
    co_driver.joined_on = timezone.localdate() - datetime.timedelta(days=30)
    co_driver.left_on = timezone.localdate()
    co_driver.save()
    assert "no_co_driver" in codes(good_network)


def test_checking_many_networks_costs_a_fixed_number_of_queries(
    good_network, django_assert_num_queries
):
    for _ in range(3):
        network = NetworkFactory()
        plan(network, 4)
        MembershipFactory(network=network, role="involved", phases=[network.phases.first()])
    with django_assert_num_queries(3):
        networks = list(networks_with_plan_data(Network.objects.all()))
        results = {network.pk: network_plan_warnings(network) for network in networks}
    assert len(results) == 4
