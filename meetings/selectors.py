"""Non-trivial reads for the secretariat's pages."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.models import Network, Phase, Theme
from participants.models import Consent, Membership, Participant
from participants.rules import co_driven_network_ids, is_secretariat

from .models import Invitation, Meeting, PreparationTask, TaskAssignment
from .plan import (
    count_of,
    network_plan_warnings,
    networks_with_plan_data,
    with_plan_warning_count,
)


def networks_visible_to(user) -> QuerySet[Network]:
    """All networks for the secretariat; a co-driver sees only the networks they co-drive."""
    networks = Network.objects.select_related("theme")
    if is_secretariat(user):
        return networks
    return networks.filter(pk__in=co_driven_network_ids(user))


# --- Networks --------------------------------------------------------------------------------


def networks_for_list(
    user, *, search: str = "", status: str = "", theme: Theme | None = None
) -> QuerySet[Network]:
    """The networks a user may see, matching the list's search and filters, each with
    ``core_count``, ``involved_count`` (current members), ``next_meeting_at`` and
    ``plan_warning_count``, all counted in the one query."""
    networks = networks_visible_to(user)
    for word in search.split():
        networks = networks.filter(
            Q(name__icontains=word) | Q(theme__name__icontains=word) | Q(challenge__icontains=word)
        )
    if status:
        networks = networks.filter(status=status)
    if theme is not None:
        networks = networks.filter(theme=theme)
    members = Membership.objects.active().filter(network=OuterRef("pk"))
    next_meeting = (
        Meeting.objects.filter(network=OuterRef("pk"), starts_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    networks = networks.annotate(
        # Subqueries rather than a join and GROUP BY, so each is counted for the page's rows only.
        core_count=count_of(members.filter(role=Membership.Role.CORE)),
        involved_count=count_of(members.filter(role=Membership.Role.INVOLVED)),
        next_meeting_at=Subquery(next_meeting),
    )
    return with_plan_warning_count(networks).order_by("name", "pk")


def network_for_page(user) -> QuerySet[Network]:
    """The networks a user may see, with everything a network's page shows: phases in order,
    every meeting (phase loaded; ``yes_count``, ``no_count``, ``maybe_count`` and
    ``pending_count`` of current invitations) and the current members (person and phases).
    It holds what ``meetings.plan.network_plan_warnings`` reads, so the page's warnings and
    composition cost no further queries."""
    current = Q(invitations__withdrawn_at__isnull=True)

    def responses(answer):
        return Count("invitations", filter=current & Q(invitations__response=answer))

    meetings = (
        Meeting.objects.select_related("phase")
        .annotate(
            yes_count=responses(Invitation.Response.YES),
            no_count=responses(Invitation.Response.NO),
            maybe_count=responses(Invitation.Response.MAYBE),
            pending_count=responses(Invitation.Response.PENDING),
        )
        .order_by("starts_at", "pk")
    )
    return networks_visible_to(user).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("order")),
        Prefetch("meetings", queryset=meetings),
        Prefetch(
            "memberships",
            queryset=Membership.objects.active()
            .select_related("participant")
            .order_by("role", "participant__name", "pk"),
        ),
        Prefetch("memberships__phases", queryset=Phase.objects.order_by("order")),
    )


@dataclass(frozen=True)
class PhaseOnTimeline:
    phase: Phase
    meetings: list[Meeting]


def network_timeline(network: Network) -> list[PhaseOnTimeline]:
    """The network's phases in order, each with its meetings (from the prefetched rows)."""
    by_phase = defaultdict(list)
    for meeting in network.meetings.all():
        by_phase[meeting.phase_id].append(meeting)
    return [PhaseOnTimeline(phase, by_phase[phase.pk]) for phase in network.phases.all()]


@dataclass(frozen=True)
class Tally:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Composition:
    """How a network's current members are mixed, so the secretariat sees what is missing."""

    total: int
    core: int
    involved: int
    municipal_staff: int
    others: int
    backgrounds: list[Tally]  # every background, in the order of Participant.Background
    competences: list[Tally]  # professional, personal, methodical: members who describe one

    @property
    def missing_backgrounds(self) -> list[Tally]:
        return [tally for tally in self.backgrounds if tally.count == 0]


COMPETENCE_FIELDS = {
    "professional": ("competence_professional", _("Professional")),
    "personal": ("competence_personal", _("Personal")),
    "methodical": ("competence_methodical", _("Methodical")),
}


def network_composition(memberships: list[Membership]) -> Composition:
    """Count the mix of a network's members: backgrounds, competences, roles, municipal staff."""
    people = [membership.participant for membership in memberships]
    backgrounds = Counter(person.background for person in people)
    municipal = sum(1 for person in people if person.is_municipal_staff)
    core = sum(1 for membership in memberships if membership.role == Membership.Role.CORE)
    return Composition(
        total=len(people),
        core=core,
        involved=len(memberships) - core,
        municipal_staff=municipal,
        others=len(people) - municipal,
        backgrounds=[
            Tally(value, label, backgrounds[value])
            for value, label in Participant.Background.choices
        ],
        competences=[
            Tally(key, label, sum(1 for person in people if getattr(person, field).strip()))
            for key, (field, label) in COMPETENCE_FIELDS.items()
        ],
    )


# --- Participants ----------------------------------------------------------------------------


class ParticipantStatus:
    """Which people a participant list shows: archived people are hidden unless asked for."""

    CURRENT = "current"
    ARCHIVED = "archived"
    ALL = "all"


ROLE_CO_DRIVER = "co_driver"  # a role filter beside core/involved: the network's co-drivers


def participants_for_list(
    *,
    search: str = "",
    background: str = "",
    network: Network | None = None,
    role: str = "",
    status: str = ParticipantStatus.CURRENT,
) -> QuerySet[Participant]:
    """People matching the list's search and filters, each with ``current_memberships``
    (network loaded), so a page of them costs a fixed number of queries.

    Every word of ``search`` must occur in the name, email or organisation. ``network`` and
    ``role`` look at current memberships, and together mean the same membership.
    """
    people = Participant.objects.all()
    if status == ParticipantStatus.ARCHIVED:
        people = people.filter(archived_at__isnull=False)
    elif status != ParticipantStatus.ALL:
        people = people.filter(archived_at__isnull=True)
    for word in search.split():
        people = people.filter(
            Q(name__icontains=word) | Q(email__icontains=word) | Q(organisation__icontains=word)
        )
    if background:
        people = people.filter(background=background)
    if network is not None or role:
        memberships = Membership.objects.active()
        if network is not None:
            memberships = memberships.filter(network=network)
        if role == ROLE_CO_DRIVER:
            memberships = memberships.filter(is_co_driver=True)
        elif role:
            memberships = memberships.filter(role=role)
        people = people.filter(pk__in=memberships.values("participant_id"))
    return people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.active()
            .select_related("network")
            .order_by("network__name", "pk"),
            to_attr="current_memberships",
        )
    ).order_by("name", "pk")


def participant_with_history(pk: int) -> Participant:
    """One person with everything their page shows: memberships (network, phases),
    invitations (meeting, network, phase) and preparation tasks (meeting, network)."""
    return Participant.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("network").order_by("-joined_on", "pk"),
        ),
        Prefetch("memberships__phases", queryset=Phase.objects.order_by("order")),
        Prefetch(
            "invitations",
            queryset=Invitation.objects.select_related(
                "meeting__network", "meeting__phase"
            ).order_by("meeting__starts_at", "pk"),
        ),
        Prefetch(
            "task_assignments",
            queryset=TaskAssignment.objects.select_related("task__meeting__network").order_by(
                "task__due_date", "task__title", "pk"
            ),
        ),
    ).get(pk=pk)


@dataclass(frozen=True)
class ParticipantHistory:
    """What a person's page shows below their details, read from the prefetched rows."""

    memberships: list[Membership]
    upcoming: list[Invitation]
    past: list[Invitation]
    attended: int
    absent: int
    excused: int
    tasks: list[TaskAssignment]
    has_history: bool


def participant_history(participant: Participant, now=None) -> ParticipantHistory:
    """Split a person's invitations into coming and past meetings and count their attendance.
    Withdrawn invitations are left out of the lists but still make the person's history."""
    now = now or timezone.now()
    memberships = list(participant.memberships.all())
    invitations = list(participant.invitations.all())
    tasks = list(participant.task_assignments.all())
    current = [row for row in invitations if row.withdrawn_at is None]
    past = [row for row in current if row.meeting.starts_at < now]
    attendance = Counter(row.attendance for row in past)
    return ParticipantHistory(
        memberships=memberships,
        upcoming=[row for row in current if row.meeting.starts_at >= now],
        past=past[::-1],
        attended=attendance[Invitation.Attendance.ATTENDED],
        absent=attendance[Invitation.Attendance.ABSENT],
        excused=attendance[Invitation.Attendance.EXCUSED],
        tasks=tasks,
        has_history=bool(memberships or invitations or tasks),
    )


def participants_addable_to(network: Network) -> QuerySet[Participant]:
    """People who may be added to a network: not archived, and not already a member of it."""
    return Participant.objects.filter(archived_at__isnull=True).exclude(
        memberships__network=network
    )


# --- Exports ---------------------------------------------------------------------------------


def network_members_for_export(network: Network) -> list[Membership]:
    """A network's current members, core before involved, with person and phases loaded."""
    return list(
        Membership.objects.active()
        .filter(network=network)
        .select_related("participant")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("order")))
        .order_by("role", "participant__name", "pk")
    )


@dataclass(frozen=True)
class AttendanceMatrix:
    """Rows of people, columns of meetings by date; ``cells[i][j]`` is person i's invitation
    to meeting j, or None if they were not invited."""

    meetings: list[Meeting]
    participants: list[Participant]
    cells: list[list[Invitation | None]]


def network_attendance_matrix(network: Network) -> AttendanceMatrix:
    """Who was invited to which of a network's meetings (cancelled ones left out), with their
    response and attendance; the current members are rows even before they are invited."""
    meetings = list(
        network.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at", "pk")
    )
    invitations = (
        Invitation.objects.current()
        .filter(meeting__network=network)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("participant")
    )
    by_cell = {}
    people = {}
    for invitation in invitations:
        by_cell[invitation.participant_id, invitation.meeting_id] = invitation
        people[invitation.participant_id] = invitation.participant
    for membership in (
        Membership.objects.active().filter(network=network).select_related("participant")
    ):
        people.setdefault(membership.participant_id, membership.participant)
    participants = sorted(people.values(), key=lambda person: (person.name.lower(), person.pk))
    cells = [
        [by_cell.get((person.pk, meeting.pk)) for meeting in meetings] for person in participants
    ]
    return AttendanceMatrix(meetings=meetings, participants=participants, cells=cells)


# --- Meetings ----------------------------------------------------------------------------------


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """The meetings of the networks the user may see (see ``networks_visible_to``)."""
    if is_secretariat(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(network_id__in=co_driven_network_ids(user))


def _response_counts() -> dict:
    """Annotations counting a meeting's current invitations by response: subqueries, so a page
    of meetings costs its rows only, never a join and GROUP BY of every invitation."""
    current = Invitation.objects.current().filter(meeting=OuterRef("pk")).order_by()

    def counting(**match):
        rows = current.filter(**match).values("meeting").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(rows), Value(0))

    return {
        "invited_count": counting(),
        "yes_count": counting(response=Invitation.Response.YES),
        "no_count": counting(response=Invitation.Response.NO),
        "maybe_count": counting(response=Invitation.Response.MAYBE),
        "pending_count": counting(response=Invitation.Response.PENDING),
    }


def _has_unanswered():
    return Exists(
        Invitation.objects.current().filter(
            meeting=OuterRef("pk"), response=Invitation.Response.PENDING
        )
    )


class MeetingWhen:
    """Which meetings the meeting list shows: those still ahead (or under way), or held ones."""

    COMING = "kommende"
    PAST = "tidligere"


def meetings_for_list(
    user, *, when: str = MeetingWhen.COMING, network: Network | None = None, now=None
) -> QuerySet[Meeting]:
    """Visible meetings, coming ones first-to-last or past ones last-to-first, each with its
    network, phase and response counts — one query per page whatever its length."""
    now = now or timezone.now()
    meetings = (
        meetings_visible_to(user).select_related("network", "phase").annotate(**_response_counts())
    )
    if network is not None:
        meetings = meetings.filter(network=network)
    if when == MeetingWhen.PAST:
        return meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")


def meeting_for_page(meetings: QuerySet[Meeting], pk: int) -> Meeting:
    """One meeting with what its page shows, in a fixed number of queries:

    - ``current_invitations``: standing invitations with the participant, their role in the
      network (``member_role``, None for someone invited only as an extra) and whether they
      co-drive it (``member_co_driver``);
    - ``tasks``: preparation tasks with their assignments and assignees.
    """
    membership = Membership.objects.filter(
        network_id=OuterRef("meeting__network_id"), participant_id=OuterRef("participant_id")
    )
    invitations = (
        Invitation.objects.current()
        .select_related("participant")
        .annotate(
            member_role=Subquery(membership.values("role")[:1]),
            member_co_driver=Subquery(membership.values("is_co_driver")[:1]),
        )
        .order_by("participant__name", "pk")
    )
    return (
        meetings.select_related("network", "phase")
        .prefetch_related(
            Prefetch("invitations", queryset=invitations, to_attr="current_invitations"),
            Prefetch(
                "preparation_tasks",
                queryset=PreparationTask.objects.order_by("due_date", "title", "pk"),
                to_attr="tasks",
            ),
            Prefetch(
                "tasks__assignments",
                queryset=TaskAssignment.objects.select_related("participant").order_by(
                    "participant__name", "pk"
                ),
            ),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class ResponseCounts:
    invited: int
    yes: int
    no: int
    maybe: int
    pending: int


def response_counts(invitations: list[Invitation]) -> ResponseCounts:
    """Count prefetched invitations by response."""
    counts = Counter(row.response for row in invitations)
    return ResponseCounts(
        invited=len(invitations),
        yes=counts[Invitation.Response.YES],
        no=counts[Invitation.Response.NO],
        maybe=counts[Invitation.Response.MAYBE],
        pending=counts[Invitation.Response.PENDING],
    )


def attendance_counts(invitations: list[Invitation]) -> Counter:
    return Counter(row.attendance for row in invitations)


def participants_to_invite(meeting: Meeting, search: str, limit: int = 20) -> list[Participant]:
    """People (not archived) matching every word of ``search`` in name, email or organisation
    who do not already stand invited to ``meeting``; at most ``limit``."""
    people = Participant.objects.filter(archived_at__isnull=True).exclude(
        pk__in=Invitation.objects.current().filter(meeting=meeting).values("participant_id")
    )
    words = search.split()
    if not words:
        return []
    for word in words:
        people = people.filter(
            Q(name__icontains=word) | Q(email__icontains=word) | Q(organisation__icontains=word)
        )
    return list(people.order_by("name", "pk")[:limit])


# --- The overview (dashboard) ----------------------------------------------------------------

OVERVIEW_WEEKS = 6  # "the coming weeks"
OVERVIEW_LIMIT = 25  # rows per section; the rest are behind the section's link
UNANSWERED_LIMIT = 10  # meetings with unanswered invitations, soonest first
MISSED_MEETINGS = 2  # core participants absent this often are pointed out
RUNNING = (Network.Status.PLANNED, Network.Status.ACTIVE)


@dataclass(frozen=True)
class Capped:
    """The first ``OVERVIEW_LIMIT`` rows of a section and whether there are more."""

    rows: list
    more: bool

    @classmethod
    def of(cls, queryset, limit: int = OVERVIEW_LIMIT) -> "Capped":
        rows = list(queryset[: limit + 1])
        return cls(rows[:limit], len(rows) > limit)


@dataclass(frozen=True)
class NetworkWarnings:
    network: Network
    warnings: list


@dataclass(frozen=True)
class Overview:
    coming_meetings: Capped
    plan_warnings: list[NetworkWarnings]
    missing_agreements: Capped
    unanswered: Capped
    overdue_tasks: Capped
    often_absent: Capped
    more_plan_warnings: bool = False
    weeks: int = OVERVIEW_WEEKS
    missed_meetings: int = MISSED_MEETINGS


def _visible(user, field: str) -> Q:
    """Rows whose network (reached by ``field``) the user may see."""
    if is_secretariat(user):
        return Q()
    return Q(**{f"{field}__in": co_driven_network_ids(user)})


def _overdue_tasks(tasks, open_assignments) -> Capped:
    """The first overdue tasks, each with ``open_assignments`` (person loaded), in one query:
    the open assignments of the first tasks, grouped by task in the tasks' order."""
    first = tasks.values("pk")[: OVERVIEW_LIMIT + 1]
    rows = (
        open_assignments.filter(task_id__in=Subquery(first))
        .select_related("task__meeting__network", "participant")
        .order_by("task__due_date", "task__title", "task_id", "participant__name", "pk")
    )
    by_task = {}
    for assignment in rows:
        task = by_task.setdefault(assignment.task_id, assignment.task)
        if not hasattr(task, "open_assignments"):
            task.open_assignments = []
        task.open_assignments.append(assignment)
    found = list(by_task.values())
    return Capped(found[:OVERVIEW_LIMIT], len(found) > OVERVIEW_LIMIT)


def overview(user, *, now=None) -> Overview:
    """What needs the secretariat's attention, across the networks the user may see.

    A fixed number of queries (about a dozen) however many networks, meetings and people.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    coming = (
        Meeting.objects.filter(_visible(user, "network_id"), ends_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("network", "phase")
        .annotate(**_response_counts())
    )
    # The first networks with warnings, by name: SQL counts the warnings, so only the plans of
    # those shown are loaded, however many networks run.
    running = (
        with_plan_warning_count(networks_visible_to(user).filter(status__in=RUNNING), today)
        .filter(plan_warning_count__gt=0)
        .order_by("name", "pk")[: OVERVIEW_LIMIT + 1]
    )
    plan_warnings = [
        NetworkWarnings(network, warnings)
        for network in networks_with_plan_data(running)
        if (warnings := network_plan_warnings(network))
    ]
    agreements = (
        Membership.objects.active(today)
        .filter(
            _visible(user, "network_id"),
            network__status__in=RUNNING,
            participant__is_municipal_staff=True,
            participant__archived_at__isnull=True,
        )
        .exclude(manager_agreement=Membership.ManagerAgreement.AGREED)
        .select_related("participant", "network")
        .order_by("network__name", "participant__name", "pk")
    )
    open_assignments = TaskAssignment.objects.filter(done_at__isnull=True)
    overdue = (
        PreparationTask.objects.filter(
            _visible(user, "meeting__network_id"),
            meeting__network__status__in=RUNNING,
            due_date__lt=today,
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .filter(Exists(open_assignments.filter(task=OuterRef("pk"))))
        .order_by("due_date", "title", "pk")
    )
    core = Membership.objects.active(today).filter(
        network_id=OuterRef("meeting__network_id"),
        participant_id=OuterRef("participant_id"),
        role=Membership.Role.CORE,
    )
    absent = (
        Invitation.objects.current()
        .filter(
            _visible(user, "meeting__network_id"),
            meeting__network__status__in=RUNNING,
            attendance=Invitation.Attendance.ABSENT,
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .filter(Exists(core))
        .values(
            "meeting__network_id", "meeting__network__name", "participant_id", "participant__name"
        )
        .annotate(missed=Count("pk"))
        .filter(missed__gte=MISSED_MEETINGS)
        .order_by("-missed", "participant__name", "meeting__network__name")
    )
    return Overview(
        coming_meetings=Capped.of(
            coming.filter(starts_at__lt=now + timedelta(weeks=OVERVIEW_WEEKS)).order_by(
                "starts_at", "pk"
            )
        ),
        plan_warnings=plan_warnings[:OVERVIEW_LIMIT],
        more_plan_warnings=len(plan_warnings) > OVERVIEW_LIMIT,
        missing_agreements=Capped.of(agreements),
        unanswered=Capped.of(
            coming.filter(_has_unanswered()).order_by("starts_at", "pk"), UNANSWERED_LIMIT
        ),
        overdue_tasks=_overdue_tasks(overdue, open_assignments),
        often_absent=Capped.of(absent),
    )


# --- The participant's own pages ("Mit overblik") --------------------------------------------

MINE_COMING_LIMIT = 20  # coming meetings on the overview; six months hold four to six a network
MINE_PAST_LIMIT = 5  # the latest past meetings on the overview; the rest page by page
MINE_TASK_LIMIT = 30


def my_invitations(participant: Participant) -> QuerySet[Invitation]:
    """The person's invitations, withdrawn ones included, each with meeting, network and phase
    and the person's role in that network: ``member_role`` (None when invited only as an
    extra) and ``member_co_driver``."""
    membership = Membership.objects.filter(
        network_id=OuterRef("meeting__network_id"), participant_id=OuterRef("participant_id")
    )
    return (
        Invitation.objects.filter(participant=participant)
        .select_related("meeting__network", "meeting__phase")
        .annotate(
            member_role=Subquery(membership.values("role")[:1]),
            member_co_driver=Subquery(membership.values("is_co_driver")[:1]),
        )
    )


def my_past_invitations(participant: Participant, *, now=None) -> QuerySet[Invitation]:
    """The meetings the person was invited to that have ended, the latest first."""
    now = now or timezone.now()
    return (
        my_invitations(participant)
        .filter(withdrawn_at__isnull=True, meeting__ends_at__lt=now)
        .order_by("-meeting__starts_at", "-pk")
    )


def my_tasks(participant: Participant, *, now=None) -> QuerySet[TaskAssignment]:
    """The person's preparation tasks for meetings still ahead (or under way) that they stand
    invited to and that are not cancelled — open ones and done ones, which can be undone.
    Preparation for a meeting that is over is no longer asked for. Soonest due first."""
    now = now or timezone.now()
    invited = Invitation.objects.current().filter(
        meeting_id=OuterRef("task__meeting_id"), participant_id=OuterRef("participant_id")
    )
    return (
        TaskAssignment.objects.filter(participant=participant)
        .filter(Exists(invited))
        .exclude(task__meeting__status=Meeting.Status.CANCELLED)
        .filter(task__meeting__ends_at__gte=now)
        .select_related("task__meeting__network")
        .order_by("task__due_date", "task__title", "pk")
    )


@dataclass(frozen=True)
class MySchedule:
    """What "Mit overblik" shows: the next meeting, the other coming ones and the latest past
    ones (each capped), the person's tasks, and their networks."""

    next_meeting: Invitation | None
    coming: list[Invitation]
    more_coming: bool
    past: Capped
    open_tasks: list[TaskAssignment]
    done_tasks: list[TaskAssignment]
    more_tasks: bool
    memberships: list[Membership]
    today: object

    @property
    def is_empty(self) -> bool:
        """Nothing yet: a first-time user, who gets a welcome instead of empty sections."""
        return not (
            self.memberships or self.next_meeting or self.coming or self.past.rows
        ) and not (self.open_tasks or self.done_tasks)


def my_schedule(participant: Participant, *, now=None) -> MySchedule:
    """The person's overview in a fixed number of queries, however long their history."""
    now = now or timezone.now()
    coming = Capped.of(
        my_invitations(participant)
        .filter(withdrawn_at__isnull=True, meeting__ends_at__gte=now)
        .order_by("meeting__starts_at", "pk"),
        MINE_COMING_LIMIT,
    )
    next_meeting = next((row for row in coming.rows if not row.meeting.is_cancelled), None)
    tasks = Capped.of(my_tasks(participant, now=now), MINE_TASK_LIMIT)
    memberships = list(
        participant.memberships.select_related("network").order_by("network__name", "network_id")
    )
    return MySchedule(
        next_meeting=next_meeting,
        coming=[row for row in coming.rows if row is not next_meeting],
        more_coming=coming.more,
        past=Capped.of(my_past_invitations(participant, now=now), MINE_PAST_LIMIT),
        open_tasks=[row for row in tasks.rows if row.done_at is None],
        done_tasks=[row for row in tasks.rows if row.done_at is not None],
        more_tasks=tasks.more,
        memberships=memberships,
        today=timezone.localdate(now),
    )


def my_meeting_tasks(participant: Participant, meeting: Meeting) -> list[TaskAssignment]:
    """The person's preparation tasks for one meeting."""
    return list(
        TaskAssignment.objects.filter(participant=participant, task__meeting=meeting)
        .select_related("task")
        .order_by("task__due_date", "task__title", "pk")
    )


@dataclass(frozen=True)
class MyNetwork:
    """A network as one of its members sees it."""

    membership: Membership
    network: Network
    phases: list[Phase]
    my_phase_ids: set[int]
    meetings: list[Meeting]  # each with ``is_invited``: whether the person stands invited
    fellows: list[Membership]  # members who let the others see them
    hidden_fellows: int  # the other members, only counted


def my_network(participant: Participant, network_pk: int) -> MyNetwork:
    """A network the person is, or was, a member of (Membership.DoesNotExist otherwise):
    its phases, its meetings with the person's invitation, and the fellow members — by name
    only those who gave a current consent to be shown to their peers."""
    membership = (
        Membership.objects.filter(participant=participant, network_id=network_pk)
        .select_related("network__theme")
        .get()
    )
    network = membership.network
    invited = Invitation.objects.current().filter(
        participant=participant, meeting_id=OuterRef("pk")
    )
    meetings = list(
        network.meetings.select_related("phase")
        .annotate(is_invited=Exists(invited))
        .order_by("starts_at", "pk")
    )
    shown = Consent.objects.filter(
        participant_id=OuterRef("participant_id"),
        kind=Consent.Kind.SHOW_TO_PEERS,
        withdrawn_at__isnull=True,
    )
    others = list(
        Membership.objects.active()
        .filter(network=network, participant__anonymised_at__isnull=True)
        .exclude(participant=participant)
        .annotate(is_shown=Exists(shown))
        .select_related("participant")
        .order_by("role", "participant__name", "pk")
    )
    fellows = [row for row in others if row.is_shown]
    return MyNetwork(
        membership=membership,
        network=network,
        phases=list(network.phases.order_by("order")),
        my_phase_ids=set(membership.phases.values_list("pk", flat=True))
        if membership.role == Membership.Role.INVOLVED
        else set(),
        meetings=meetings,
        fellows=fellows,
        hidden_fellows=len(others) - len(fellows),
    )
