"""A proposed meeting plan for a network, which the secretariat adjusts before saving.

``propose_meeting_plan`` spreads 4–6 meetings of 3–4 hours over about six months from the
network's start date, on the same weekday where it can, never on a weekend, a Danish public
holiday (``holidays.Denmark``) or a day most workplaces close (Christmas Eve, New Year's Eve,
Constitution Day). Each phase gets at least one meeting, in order, when there are at least as
many meetings as phases.

A network that already has meetings keeps them: they count towards the plan's size, and the
proposal completes the plan after the last of them. The function reads only the network,
``network.phases.all()`` and ``network.meetings.all()``, so prefetching those makes it free
of queries; it writes nothing. Saving is ``meetings.services.meeting_plan_save``.
"""

import datetime
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.models import Network, Phase

from .models import Meeting
from .plan import MAX_DURATION, MAX_MEETINGS, MIN_DURATION, MIN_MEETINGS, danish_holidays

DEFAULT_COUNT = 5
DEFAULT_START = time(9, 0)
DEFAULT_DURATION = timedelta(hours=3, minutes=30)
PLAN_WEEKS = 25  # start to last meeting: under six months, leaving room to dodge a holiday
MIN_GAP = timedelta(weeks=2)  # meetings after existing ones, or in a short network
CLOSED_DAYS = {(12, 24), (12, 31), (6, 5)}  # not public holidays, but most workplaces close


@dataclass(frozen=True)
class ProposedMeeting:
    title: str
    phase: Phase
    day: date
    start: time
    end: time
    place: str

    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.day, self.start))

    @property
    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.day, self.end))


def is_meeting_day(day: date) -> bool:
    """A weekday that is neither a Danish public holiday nor a day workplaces close."""
    return (
        day.weekday() < 5
        and day not in danish_holidays(day.year)
        and (day.month, day.day) not in CLOSED_DAYS
    )


def next_meeting_day(day: date) -> date:
    """``day`` itself if meetings can be held then, otherwise the next day they can."""
    while not is_meeting_day(day):
        day += timedelta(days=1)
    return day


def phases_for(phases: list[Phase], count: int) -> list[Phase]:
    """``count`` phases in order, spread so each gets at least one when there are enough
    meetings (5 meetings over 4 phases: 1, 1, 2, 3, 4)."""
    if not phases or count <= 0:
        return []
    if count == 1:
        return [phases[0]]
    if count >= len(phases):
        return [phases[i * len(phases) // count] for i in range(count)]
    # Fewer meetings than phases: first and last phase, the rest spread between.
    return [phases[round(i * (len(phases) - 1) / (count - 1))] for i in range(count)]


def _spread_days(first: date, last: date, count: int) -> list[date]:
    """``count`` meeting days from ``first`` towards ``last``, whole weeks apart when the
    gap allows it, each moved forward past weekends and holidays."""
    if count == 1:
        return [next_meeting_day(first)]
    gap_days = max((last - first).days // (count - 1), MIN_GAP.days)
    if gap_days >= 7:
        gap_days -= gap_days % 7  # keep the weekday
    days, previous = [], None
    for i in range(count):
        day = next_meeting_day(first + timedelta(days=i * gap_days))
        if previous is not None and day <= previous:
            day = next_meeting_day(previous + timedelta(days=1))
        days.append(day)
        previous = day
    return days


def propose_meeting_plan(
    network: Network,
    count: int = DEFAULT_COUNT,
    start_time: time = DEFAULT_START,
    duration: timedelta = DEFAULT_DURATION,
    *,
    today: date | None = None,
) -> list[ProposedMeeting]:
    """Propose the meetings that complete a plan of ``count`` meetings for ``network``.

    Raises ValidationError (with a message for the user) when the network has no start date
    or no phases, or the count or duration is outside the model (4–6 meetings, 3–4 hours).
    Returns an empty list when the network already has ``count`` meetings or more. No day is
    proposed before ``today`` + 1 (default: the current date in Copenhagen).
    """
    if network.start_date is None:
        raise ValidationError(_("Give the network a start date before planning its meetings."))
    phases = sorted(network.phases.all(), key=lambda phase: phase.order)
    if not phases:
        raise ValidationError(_("The network has no phases to plan meetings in."))
    if not MIN_MEETINGS <= count <= MAX_MEETINGS:
        raise ValidationError(_("A plan has 4–6 meetings."))
    if not MIN_DURATION <= duration <= MAX_DURATION:
        raise ValidationError(_("A meeting in the plan lasts 3–4 hours."))
    end_of_day = datetime.datetime.combine(date.min, start_time) + duration
    if end_of_day.date() != date.min:
        raise ValidationError(_("A meeting in the plan must end on the day it starts."))

    today = today or timezone.localdate()
    existing = sorted(
        (m for m in network.meetings.all() if m.status != Meeting.Status.CANCELLED),
        key=lambda meeting: meeting.starts_at,
    )
    remaining = count - len(existing)
    if remaining <= 0:
        return []

    first = max(network.start_date, today + timedelta(days=1))
    if existing:
        first = max(first, timezone.localdate(existing[-1].starts_at) + MIN_GAP)
        last_order = max(meeting.phase.order for meeting in existing)
        later = [phase for phase in phases if phase.order > last_order]
        phases = later or [phase for phase in phases if phase.order == last_order] or phases[-1:]
    last = network.start_date + timedelta(weeks=PLAN_WEEKS)
    if network.end_date is not None:
        last = min(last, network.end_date)
    last = max(last, first + MIN_GAP * (remaining - 1))

    numbering = len(existing) + 1
    return [
        ProposedMeeting(
            title=f"Netværksmøde {numbering + i}: {phase.name}",
            phase=phase,
            day=day,
            start=start_time,
            end=end_of_day.time(),
            place=network.default_place,
        )
        for i, (day, phase) in enumerate(
            zip(_spread_days(first, last, remaining), phases_for(phases, remaining), strict=True)
        )
    ]


def uncovered_phases(network: Network, proposal: list[ProposedMeeting]) -> list[Phase]:
    """The network's phases that neither an existing meeting nor the proposal covers."""
    covered = {m.phase_id for m in network.meetings.all() if m.status != Meeting.Status.CANCELLED}
    covered |= {proposed.phase.pk for proposed in proposal}
    return [phase for phase in network.phases.all() if phase.pk not in covered]
