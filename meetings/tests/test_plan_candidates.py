"""``with_plan_warning_count``: the warnings of the plan rules, counted in SQL for the network
list and the overview, must be exactly as many as the rules give."""

import datetime

import pytest
from django.utils import timezone

from meetings import demo
from meetings.models import Meeting
from meetings.plan import danish_holidays, network_plan_warnings, with_plan_warning_count
from meetings.tests.factories import MeetingFactory, at
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory
from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
FEBRUARY = datetime.date(THIS_YEAR + 1, 2, 1)
TUESDAY = FEBRUARY + datetime.timedelta(days=(1 - FEBRUARY.weekday()) % 7)  # no holiday on
# a Tuesday from February to October; the plans step whole weeks


def good(name: str, *, count=5, hours=3.5, every_days=35, first=TUESDAY) -> Network:
    """A network that follows the model: five meetings, a core team with a co-driver, an
    involved member in a phase, staff with agreements."""
    network = NetworkFactory(name=name)
    phases = list(network.phases.all())
    for n in range(count):
        start = at(first + datetime.timedelta(days=n * every_days), 9)
        MeetingFactory(
            network=network,
            phase=phases[min(n, len(phases) - 1)],
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
        )
    MembershipFactory(network=network, is_co_driver=True, participant__is_municipal_staff=False)
    MembershipFactory(
        network=network,
        role="involved",
        phases=[phases[0]],
        participant__is_municipal_staff=True,
        manager_agreement="agreed",
    )
    return network


def with_each_warning() -> dict[str, Network]:
    networks = {
        "none": good("Uden advarsler"),
        "too_few_meetings": good("For få", count=3),
        "too_many_meetings": good("For mange", count=7, every_days=28),
        "meeting_too_short": good("Korte", hours=2.5),
        "meeting_too_long": good("Lange", hours=4.5),
        "spread_too_long": good("Spredt", every_days=63),
        "public_holiday": good("Helligdag"),
    }
    holiday = networks["public_holiday"].meetings.order_by("starts_at").first()
    day = min(
        d
        for d in danish_holidays(THIS_YEAR + 1)
        if TUESDAY < d < TUESDAY + datetime.timedelta(days=100)
    )
    holiday.starts_at = at(day, 9)
    holiday.ends_at = holiday.starts_at + datetime.timedelta(hours=3)
    holiday.save()
    networks["no_core"] = good("Ingen kerne")
    networks["no_core"].memberships.filter(role="involved").update(is_co_driver=True)
    networks["no_core"].memberships.filter(role="core").delete()
    networks["no_co_driver"] = good("Ingen co-driver")
    networks["no_co_driver"].memberships.update(is_co_driver=False)
    networks["involved_without_phase"] = good("Uden fase")
    networks["involved_without_phase"].memberships.get(role="involved").phases.clear()
    networks["manager_agreement_missing"] = good("Uden aftale")
    networks["manager_agreement_missing"].memberships.filter(
        participant__is_municipal_staff=True
    ).update(manager_agreement="pending")
    cancelled = good("Aflyst møde tæller ikke")
    for meeting in cancelled.meetings.order_by("starts_at")[:2]:
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancellation_reason = "Sygdom"
        meeting.save()
    networks["too_few_meetings (cancelled)"] = cancelled
    left = good("Tidligere co-driver")
    MembershipFactory(network=left, participant__is_municipal_staff=False)
    left.memberships.filter(is_co_driver=True).update(left_on=timezone.localdate())
    networks["no_co_driver (left)"] = left
    return networks


def test_each_rule_is_found_in_sql_and_a_network_without_warnings_is_not():
    networks = with_each_warning()
    for code, network in networks.items():
        found = {w.code for w in network_plan_warnings(network)}
        assert found == (set() if code == "none" else {code.split(" ")[0]}), (code, found)

    counted = with_plan_warning_count(Network.objects.all())

    assert {network.name: network.plan_warning_count for network in counted} == {
        network.name: len(network_plan_warnings(network)) for network in networks.values()
    }


def test_two_warnings_of_one_kind_count_twice_and_one_person_can_bring_two():
    network = good("Flere")
    for meeting in network.meetings.all()[:2]:
        meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=5)
        meeting.save()
    involved = network.memberships.get(role="involved")
    involved.phases.clear()
    network.memberships.filter(pk=involved.pk).update(manager_agreement="declined")

    assert len(network_plan_warnings(network)) == 4
    assert (
        with_plan_warning_count(Network.objects.filter(pk=network.pk)).get().plan_warning_count == 4
    )


def test_the_count_agrees_with_the_rules_on_generated_history():
    now = timezone.now()
    volume = demo.HistoryVolume(blocks=1, networks_per_block=8, participants_per_block=100)
    demo.seed_history(volume, today=timezone.localdate(now), now=now)

    counted = with_plan_warning_count(Network.objects.all())

    assert {n.pk: n.plan_warning_count for n in counted} == {
        n.pk: len(network_plan_warnings(n)) for n in Network.objects.all()
    }
