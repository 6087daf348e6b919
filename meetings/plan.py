"""Plan rules: readable warnings about a network's plan.

Warnings, not errors: the secretariat may decide otherwise. The checks read
``network.meetings.all()`` and ``network.memberships.all()`` (with ``participant``, and
``phases`` unless annotated ``in_a_phase``), so a caller that prefetches them pays no further
queries; see ``networks_with_plan_data``. ``with_plan_warning_count`` counts the same warnings
in SQL.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

import holidays
from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netvaerk.models import Network
from participants.models import Membership

from .models import Meeting

MIN_MEETINGS, MAX_MEETINGS = 4, 6
MIN_DURATION, MAX_DURATION = timedelta(hours=3), timedelta(hours=4)
MAX_SPAN = timedelta(days=213)  # about seven months: "much more than six"


@dataclass(frozen=True)
class PlanWarning:
    code: str
    message: str


# What the rules read of a membership and its person (their long profile texts are left out).
PLAN_MEMBERSHIP_FIELDS = (
    "network_id",
    "participant_id",
    "role",
    "is_co_driver",
    "manager_agreement",
    "left_on",
    "participant__name",
    "participant__is_municipal_staff",
)


def networks_with_plan_data(networks: QuerySet[Network]) -> QuerySet[Network]:
    """Prefetch what the plan rules read, so checking many networks costs a fixed few queries."""
    return networks.prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.exclude(status=Meeting.Status.CANCELLED)),
        Prefetch(
            "memberships",
            # Whether a member takes part in a phase, not the phases themselves: prefetching
            # them costs a queryset per membership, the bulk of the time for a page of networks.
            queryset=Membership.objects.active()
            .select_related("participant")
            .only(*PLAN_MEMBERSHIP_FIELDS)
            .annotate(
                in_a_phase=Exists(
                    Membership.phases.through.objects.filter(membership_id=OuterRef("pk"))
                )
            ),
        ),
    )


HOLIDAY_YEARS_AROUND = 5  # a planned or active network's meetings fall within this many years


def count_of(rows) -> Coalesce:
    """The number of ``rows`` (a subquery on the outer network), 0 if none."""
    counted = rows.order_by().values("network").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), Value(0))


def _one_if(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0))


def with_plan_warning_count(networks: QuerySet[Network], today=None) -> QuerySet[Network]:
    """``networks`` with ``plan_warning_count``: how many warnings ``network_plan_warnings``
    gives, counted in SQL, so a list of networks or the overview need not load every plan.

    Each term mirrors one rule, on the meetings that are not cancelled and the current
    memberships. Public holidays are looked up for the years around ``today``.
    """
    today = today or timezone.localdate()
    meetings = Meeting.objects.filter(network=OuterRef("pk")).exclude(
        status=Meeting.Status.CANCELLED
    )
    first_start = (
        Meeting.objects.filter(network=OuterRef(OuterRef("pk")))
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    duration = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
    from_first = ExpressionWrapper(
        F("ends_at") - Subquery(first_start), output_field=DurationField()
    )
    holidays_ = [
        day
        for year in range(today.year - HOLIDAY_YEARS_AROUND, today.year + HOLIDAY_YEARS_AROUND + 1)
        for day in danish_holidays(year)
    ]
    members = Membership.objects.active(today).filter(network=OuterRef("pk"))
    return networks.annotate(_plan_meetings=count_of(meetings)).annotate(
        plan_warning_count=ExpressionWrapper(
            _one_if(Q(_plan_meetings__lt=MIN_MEETINGS) | Q(_plan_meetings__gt=MAX_MEETINGS))
            + count_of(
                meetings.annotate(_duration=duration).filter(
                    Q(_duration__lt=MIN_DURATION) | Q(_duration__gt=MAX_DURATION)
                )
            )
            + _one_if(
                Q(_plan_meetings__gte=2)
                & Exists(meetings.annotate(_from_first=from_first).filter(_from_first__gt=MAX_SPAN))
            )
            + count_of(meetings.filter(starts_at__date__in=holidays_))
            + _one_if(~Exists(members.filter(role=Membership.Role.CORE)))
            + _one_if(~Exists(members.filter(is_co_driver=True)))
            + count_of(members.filter(role=Membership.Role.INVOLVED, phases__isnull=True))
            + count_of(
                members.filter(participant__is_municipal_staff=True).exclude(
                    manager_agreement=Membership.ManagerAgreement.AGREED
                )
            ),
            output_field=IntegerField(),
        )
    )


@cache
def danish_holidays(year: int) -> holidays.HolidayBase:
    """Denmark's public holidays in ``year``, named in Danish."""
    return holidays.Denmark(years=year, language="da")


def _day(meeting: Meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")


def _hours(duration: timedelta) -> str:
    return formats.number_format(duration.total_seconds() / 3600, decimal_pos=1)


def meeting_count_warnings(meetings: list[Meeting]) -> list[PlanWarning]:
    count = len(meetings)
    if count < MIN_MEETINGS:
        message = ngettext(
            "Only %(count)d meeting is planned; a network usually holds 4–6.",
            "Only %(count)d meetings are planned; a network usually holds 4–6.",
            count,
        )
        return [PlanWarning("too_few_meetings", message % {"count": count})]
    if count > MAX_MEETINGS:
        message = _("%(count)d meetings are planned; a network usually holds 4–6.")
        return [PlanWarning("too_many_meetings", message % {"count": count})]
    return []


def meeting_duration_warnings(meetings: list[Meeting]) -> list[PlanWarning]:
    warnings = []
    for meeting in meetings:
        if MIN_DURATION <= meeting.duration <= MAX_DURATION:
            continue
        code = "meeting_too_short" if meeting.duration < MIN_DURATION else "meeting_too_long"
        message = _("“%(title)s” on %(day)s lasts %(hours)s hours; meetings usually last 3–4.")
        values = {"title": meeting.title, "day": _day(meeting), "hours": _hours(meeting.duration)}
        warnings.append(PlanWarning(code, message % values))
    return warnings


def meeting_span_warnings(meetings: list[Meeting]) -> list[PlanWarning]:
    if len(meetings) < 2:
        return []
    first = min(meeting.starts_at for meeting in meetings)
    last = max(meeting.ends_at for meeting in meetings)
    if last - first <= MAX_SPAN:
        return []
    months = round((last - first).days / 30.4)
    message = _("The meetings are spread over about %(months)d months; a network runs about 6.")
    return [PlanWarning("spread_too_long", message % {"months": months})]


def holiday_warnings(meetings: list[Meeting]) -> list[PlanWarning]:
    warnings = []
    for meeting in meetings:
        day = timezone.localdate(meeting.starts_at)
        holiday = danish_holidays(day.year).get(day)
        if holiday:
            message = _("“%(title)s” is on %(day)s, a public holiday (%(holiday)s).")
            values = {"title": meeting.title, "day": _day(meeting), "holiday": holiday}
            warnings.append(PlanWarning("public_holiday", message % values))
    return warnings


def _in_a_phase(membership: Membership) -> bool:
    """From ``networks_with_plan_data``'s annotation, or else from the membership's phases."""
    known = getattr(membership, "in_a_phase", None)
    return bool(membership.phases.all()) if known is None else known


def membership_warnings(memberships: list[Membership]) -> list[PlanWarning]:
    warnings = []
    if not any(m.role == Membership.Role.CORE for m in memberships):
        warnings.append(PlanWarning("no_core", _("The network has no core participants.")))
    if not any(m.is_co_driver for m in memberships):
        warnings.append(PlanWarning("no_co_driver", _("The network has no co-driver.")))
    for membership in memberships:
        name = membership.participant.name
        if membership.role == Membership.Role.INVOLVED and not _in_a_phase(membership):
            message = _("%(name)s is an involved participant but takes part in no phase.")
            warnings.append(PlanWarning("involved_without_phase", message % {"name": name}))
        if (
            membership.participant.is_municipal_staff
            and membership.manager_agreement != Membership.ManagerAgreement.AGREED
        ):
            message = _("%(name)s is municipal staff and has no agreement with their manager.")
            warnings.append(PlanWarning("manager_agreement_missing", message % {"name": name}))
    return warnings


def network_plan_warnings(network: Network) -> list[PlanWarning]:
    """Every plan warning for a network, in the order a planner would read them."""
    meetings = [m for m in network.meetings.all() if m.status != Meeting.Status.CANCELLED]
    today = timezone.localdate()
    memberships = [m for m in network.memberships.all() if m.left_on is None or m.left_on > today]
    return [
        *meeting_count_warnings(meetings),
        *meeting_duration_warnings(meetings),
        *meeting_span_warnings(meetings),
        *holiday_warnings(meetings),
        *membership_warnings(memberships),
    ]
