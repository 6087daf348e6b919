import datetime

import holidays
import pytest
from django.core.exceptions import ValidationError

from meetings.models import Meeting
from meetings.planning import (
    ProposedMeeting,
    is_meeting_day,
    phases_for,
    propose_meeting_plan,
    uncovered_phases,
)
from meetings.tests.factories import MeetingFactory, at
from netvaerk.models import Phase
from netvaerk.tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 5)
DANISH_HOLIDAYS = holidays.Denmark(years=range(2026, 2030))
SIX_MONTHS = datetime.timedelta(days=183)


def propose(network, count=5, **kwargs):
    return propose_meeting_plan(network, count, today=TODAY, **kwargs)


def network_starting(day, **kwargs):
    return NetworkFactory(start_date=day, end_date=day + datetime.timedelta(days=183), **kwargs)


@pytest.mark.parametrize("count", [4, 5, 6])
def test_the_plan_has_the_chosen_number_of_meetings(count):
    assert len(propose(network_starting(datetime.date(2026, 2, 2)), count)) == count


def test_the_default_plan_has_five_meetings_from_nine_to_half_past_twelve():
    plan = propose_meeting_plan(network_starting(datetime.date(2026, 2, 2)), today=TODAY)
    assert len(plan) == 5
    assert {(m.start, m.end) for m in plan} == {(datetime.time(9), datetime.time(12, 30))}


@pytest.mark.parametrize("count", [3, 7])
def test_a_plan_outside_four_to_six_meetings_is_refused(count):
    with pytest.raises(ValidationError):
        propose(network_starting(datetime.date(2026, 2, 2)), count)


@pytest.mark.parametrize("hours", [2.5, 4.5])
def test_meetings_shorter_than_three_or_longer_than_four_hours_are_refused(hours):
    with pytest.raises(ValidationError):
        propose(
            network_starting(datetime.date(2026, 2, 2)),
            duration=datetime.timedelta(hours=hours),
        )


@pytest.mark.parametrize("hours", [3, 4])
def test_meetings_last_the_chosen_three_to_four_hours(hours):
    plan = propose(
        network_starting(datetime.date(2026, 2, 2)),
        start_time=datetime.time(12),
        duration=datetime.timedelta(hours=hours),
    )
    for meeting in plan:
        assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=hours)


def test_the_plan_starts_on_the_start_date_and_spreads_over_at_most_six_months():
    start = datetime.date(2026, 2, 2)  # a Monday
    for count in (4, 5, 6):
        days = [m.day for m in propose(network_starting(start), count)]
        assert days[0] == start
        assert days == sorted(set(days))
        assert days[-1] - start <= SIX_MONTHS
        assert days[-1] - start >= datetime.timedelta(days=140), "spread, not bunched"


def test_meetings_keep_the_weekday_of_the_first_when_no_holiday_is_in_the_way():
    days = [m.day for m in propose(network_starting(datetime.date(2026, 8, 4)), 5)]
    assert {day.weekday() for day in days} == {1}  # all Tuesdays


@pytest.mark.parametrize(
    "start",
    [
        datetime.date(2027, 3, 24),  # the Wednesday before Easter 2027
        datetime.date(2026, 4, 2),  # Maundy Thursday 2026
        datetime.date(2026, 12, 23),  # just before Christmas
        datetime.date(2026, 12, 26),  # a Saturday, Boxing Day
        datetime.date(2027, 5, 5),  # the day before Ascension Day 2027
        datetime.date(2026, 11, 12),  # a Thursday; six weeks on is Christmas Eve
    ],
)
def test_no_meeting_falls_on_a_weekend_or_a_danish_public_holiday(start):
    for count in (4, 5, 6):
        for meeting in propose(network_starting(start), count):
            assert meeting.day.weekday() < 5, meeting
            assert meeting.day not in DANISH_HOLIDAYS, (meeting, DANISH_HOLIDAYS.get(meeting.day))
            assert (meeting.day.month, meeting.day.day) not in {(12, 24), (12, 31)}


def test_a_start_on_maundy_thursday_moves_the_first_meeting_past_easter():
    plan = propose(network_starting(datetime.date(2027, 3, 25)))
    assert plan[0].day == datetime.date(2027, 3, 30)  # Tuesday after Easter Monday


def test_a_start_on_christmas_eve_moves_the_first_meeting_past_christmas():
    plan = propose(network_starting(datetime.date(2026, 12, 24)))
    assert plan[0].day == datetime.date(2026, 12, 28)


def test_a_meeting_that_would_fall_on_christmas_eve_moves_to_the_next_working_day():
    days = [m.day for m in propose(network_starting(datetime.date(2026, 11, 12)), 5)]
    assert days[:3] == [
        datetime.date(2026, 11, 12),
        datetime.date(2026, 12, 28),
        datetime.date(2027, 2, 4),
    ]


def test_is_meeting_day_knows_holidays_and_weekends():
    assert is_meeting_day(datetime.date(2026, 4, 7))  # Tuesday after Easter
    assert not is_meeting_day(datetime.date(2026, 4, 6))  # Easter Monday
    assert not is_meeting_day(datetime.date(2026, 5, 14))  # Ascension Day
    assert not is_meeting_day(datetime.date(2026, 4, 4))  # Saturday


@pytest.mark.parametrize("count", [4, 5, 6])
def test_every_phase_gets_a_meeting_in_order(count):
    network = network_starting(datetime.date(2026, 2, 2))
    plan = propose(network, count)
    orders = [meeting.phase.order for meeting in plan]
    assert orders == sorted(orders)
    assert set(orders) == {1, 2, 3, 4}
    assert uncovered_phases(network, plan) == []


def test_five_meetings_over_four_phases_give_the_first_phase_two():
    network = network_starting(datetime.date(2026, 2, 2))
    assert [m.phase.order for m in propose(network, 5)] == [1, 1, 2, 3, 4]


def test_with_more_phases_than_meetings_the_first_and_last_phase_get_one():
    phases = [Phase(order=n, name=f"Fase {n}") for n in range(1, 8)]
    assert [p.order for p in phases_for(phases, 4)] == [1, 3, 5, 7]


def test_a_meeting_is_titled_by_number_and_phase_and_held_at_the_default_place():
    network = network_starting(datetime.date(2026, 2, 2), default_place="Borgerhuset")
    first = propose(network)[0]
    assert first.title == "Netværksmøde 1: Indsigt"
    assert first.place == "Borgerhuset"


def test_a_network_without_a_start_date_cannot_be_planned():
    network = NetworkFactory(start_date=None, end_date=None)
    with pytest.raises(ValidationError) as error:
        propose(network)
    assert "startdato" in " ".join(error.value.messages) or "start date" in str(error.value)


def test_a_network_without_phases_cannot_be_planned():
    network = NetworkFactory(start_date=datetime.date(2026, 2, 2), with_phases=False)
    with pytest.raises(ValidationError):
        propose(network)


def test_no_meeting_is_proposed_in_the_past():
    network = network_starting(datetime.date(2026, 2, 2))
    plan = propose_meeting_plan(network, 5, today=datetime.date(2026, 3, 10))
    assert plan[0].day > datetime.date(2026, 3, 10)
    assert len(plan) == 5


def test_a_short_network_keeps_its_meetings_before_its_end_date():
    start = datetime.date(2026, 2, 2)
    network = NetworkFactory(start_date=start, end_date=start + datetime.timedelta(days=90))
    days = [m.day for m in propose(network, 4)]
    assert days[-1] <= network.end_date


def test_existing_meetings_count_towards_the_plan_and_the_rest_follow_them():
    start = datetime.date(2026, 2, 2)
    network = network_starting(start)
    phases = list(network.phases.order_by("order"))
    MeetingFactory(network=network, phase=phases[0], starts_at=at(start), ends_at=at(start, 12))
    second = start + datetime.timedelta(days=35)
    MeetingFactory(network=network, phase=phases[1], starts_at=at(second), ends_at=at(second, 12))
    plan = propose(network, 5)
    assert len(plan) == 3
    assert plan[0].day >= second + datetime.timedelta(days=14)
    assert [m.phase.order for m in plan] == [3, 3, 4]
    assert plan[0].title.startswith("Netværksmøde 3")


def test_a_cancelled_meeting_does_not_count_towards_the_plan():
    start = datetime.date(2026, 2, 2)
    network = network_starting(start)
    MeetingFactory(
        network=network,
        starts_at=at(start),
        ends_at=at(start, 12),
        status=Meeting.Status.CANCELLED,
        cancellation_reason="Sygdom",
    )
    assert len(propose(network, 5)) == 5


def test_nothing_is_proposed_when_the_network_has_enough_meetings():
    start = datetime.date(2026, 2, 2)
    network = network_starting(start)
    for week in range(0, 24, 6):
        day = start + datetime.timedelta(weeks=week)
        MeetingFactory(network=network, starts_at=at(day), ends_at=at(day, 12))
    assert propose(network, 4) == []
    assert len(propose(network, 6)) == 2


def test_a_proposed_meeting_is_in_copenhagen_time():
    meeting = ProposedMeeting(
        title="x",
        phase=Phase(order=1, name="Indsigt"),
        day=datetime.date(2026, 7, 1),
        start=datetime.time(9),
        end=datetime.time(12, 30),
        place="",
    )
    assert meeting.starts_at.isoformat() == "2026-07-01T09:00:00+02:00"
