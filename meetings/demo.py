"""Build the demo municipality behind ``manage.py seed_demo``.

Two parts:

* the hand-written part (meetings/demo_data.py): a handful of themes, networks in every
  status, and about 35 people, made through the same services the application uses, so
  invitations follow from membership exactly as in production;
* a generated history for benchmarks (``--scale N``): per block of 50 networks and 2,500
  people, made with ``bulk_create``. Signals do not fire on bulk writes, so the invitations
  are created here, with ``membership_invites_to`` deciding who is invited — the same rule the
  signals use.

Both parts are idempotent: people are keyed on their email address, networks on their name
(generated networks on the number in their name); whatever exists is left alone.
"""

import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Case, Prefetch, Value, When
from django.utils import timezone

from netvaerk.models import Network, Phase, PhaseTemplate, Theme
from netvaerk.services import network_create
from participants.models import Membership, Participant
from participants.services import membership_add, membership_end, participant_create

from . import demo_data as data
from . import planning, reminders
from .models import Delivery, Invitation, Meeting, PreparationTask, TaskAssignment
from .services import (
    attendance_register,
    invitation_add_extra,
    invitation_respond,
    meeting_create,
    membership_invites_to,
    task_create,
    task_mark_done,
)

# --- Volume of the generated history ----------------------------------------------------------

MEETINGS_PER_NETWORK = 6
CORE_PER_NETWORK = 50
INVOLVED_PER_NETWORK = 24
PHASES_PER_INVOLVED = 3
TASKS_PER_MEETING = 2
HISTORY_NAME_PREFIX = "Netværk "  # generated networks are named "Netværk <n>: <stem>"
BULK_SIZE = 2000  # rows per INSERT


@dataclass(frozen=True)
class HistoryVolume:
    """How much history to generate: ``blocks`` blocks of networks and people.

    ``--scale N`` is ``N`` blocks of 50 networks and 2,500 people; each network has 6 meetings
    and 74 members (50 core, 24 involved in three phases), so at least 372 invitations. Tests
    use small blocks.
    """

    blocks: int
    networks_per_block: int = 50
    participants_per_block: int = 2500

    def __post_init__(self):
        if self.blocks < 0 or self.networks_per_block < 1:
            raise ValueError("A history volume needs a positive size.")
        if self.participants_per_block < CORE_PER_NETWORK + INVOLVED_PER_NETWORK:
            raise ValueError("A block needs enough people to fill one network.")

    @classmethod
    def for_scale(cls, scale: int) -> "HistoryVolume":
        return cls(blocks=scale)

    @property
    def networks(self) -> int:
        return self.blocks * self.networks_per_block

    @property
    def participants(self) -> int:
        return self.blocks * self.participants_per_block

    @property
    def meetings(self) -> int:
        return self.networks * MEETINGS_PER_NETWORK

    @property
    def memberships(self) -> int:
        return self.networks * (CORE_PER_NETWORK + INVOLVED_PER_NETWORK)

    @property
    def min_invitations(self) -> int:
        """Core members go to every meeting; an involved member's three phases hold ≥ 1 each."""
        per_network = CORE_PER_NETWORK * MEETINGS_PER_NETWORK
        per_network += INVOLVED_PER_NETWORK * PHASES_PER_INVOLVED
        return self.networks * per_network

    @property
    def tasks(self) -> int:
        return self.meetings * TASKS_PER_MEETING


# --- Dates --------------------------------------------------------------------------------------

NETWORK_DAYS = 182  # about six months
MIN_GAP_DAYS = 14  # between two meetings of a network
INVITED_DAYS_BEFORE = 35  # invitations go out about five weeks before a meeting


def is_meeting_day(day: date) -> bool:
    """A day the planner would propose (a weekday, no public holiday, no closing day) that
    falls outside the summer and Christmas breaks."""
    if not planning.is_meeting_day(day) or day.month == 7:  # July: summer holidays
        return False
    return not ((day.month == 12 and day.day >= 21) or (day.month == 1 and day.day <= 2))


def next_meeting_day(day: date) -> date:
    while not is_meeting_day(day):
        day += timedelta(days=1)
    return day


def meeting_plan(start: date, count: int, phase_count: int) -> list[tuple[date, int]]:
    """The day and phase number (1 = the network's first phase) of each of ``count`` meetings.

    Meetings are spread evenly over six months from ``start`` and the phases in order over
    the meetings (4 meetings: phases 1-2-3-4; 5: 1-2-3-3-4; 6: 1-2-2-3-4-4).
    """
    plan, previous = [], None
    for i in range(count):
        day = start + timedelta(days=(2 * i + 1) * NETWORK_DAYS // (2 * count))
        if previous is not None:
            day = max(day, previous + timedelta(days=MIN_GAP_DAYS))
        day = next_meeting_day(day)
        plan.append((day, (2 * i + 1) * phase_count // (2 * count) + 1))
        previous = day
    return plan


def network_end(start: date, plan: list[tuple[date, int]]) -> date:
    return max(start + timedelta(days=NETWORK_DAYS), plan[-1][0] + timedelta(days=7))


def phase_periods(
    start: date, end: date, plan: list[tuple[date, int]], phase_count: int
) -> dict[int, tuple[date | None, date | None]]:
    """Phase number → (first day, last day): each phase begins halfway between its first meeting
    and the previous phase's last one, and ends the day before the next phase begins."""
    days = defaultdict(list)
    for day, order in plan:
        days[order].append(day)
    periods: dict[int, tuple[date | None, date | None]] = {}
    begin = start
    for order in range(1, phase_count + 1):
        if not days[order]:
            periods[order] = (None, None)
            continue
        later = [days[o][0] for o in range(order + 1, phase_count + 1) if days[o]]
        if later:
            last = days[order][-1]
            finish = last + (later[0] - last) // 2
        else:
            finish = end
        periods[order] = (begin, finish)
        begin = finish + timedelta(days=1)
    return periods


def at(day: date, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def invited_at(starts_at: datetime, now: datetime) -> datetime:
    return min(now, starts_at - timedelta(days=INVITED_DAYS_BEFORE))


def _response_time(rng: random.Random, starts_at: datetime, now: datetime) -> datetime:
    """A moment between the invitation and the meeting (or now, if that comes first)."""
    low = invited_at(starts_at, now)
    high = min(now, starts_at - timedelta(hours=1))
    if high <= low:
        return low
    return low + (high - low) * rng.random()


def _backdate_invitations(meetings: Iterable[Meeting], now: datetime) -> None:
    """Invitations are stamped when their row is made; date them as if sent five weeks ahead."""
    meetings = list(meetings)
    if not meetings:
        return
    when = [When(meeting_id=m.pk, then=Value(invited_at(m.starts_at, now))) for m in meetings]
    Invitation.objects.filter(meeting_id__in=[m.pk for m in meetings]).update(
        invited_at=Case(*when, default=Value(now))
    )


def invitations_record_sent(meeting_ids: Iterable[int], now: datetime) -> int:
    """Record the demo's invitations to coming meetings as sent when they were made.

    In the demo's story the invitations went out weeks ago; without these rows the first
    reminder sweep after loading would mail every one of them. ``reminders.due_invitations``
    says which rows the sweep would record, so the two cannot disagree.
    """
    meeting_ids = set(meeting_ids)
    if not meeting_ids:
        return 0
    rows = [row for row in reminders.due_invitations(now) if row.meeting_id in meeting_ids]
    sequences = dict(
        Meeting.objects.filter(pk__in={row.meeting_id for row in rows}).values_list(
            "pk", "sequence"
        )
    )
    for row in rows:
        row.status = Delivery.Status.SENT
        row.attempts = 1
        row.next_attempt_at = row.sent_at = row.due_at
        row.sent_sequence = sequences[row.meeting_id]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BULK_SIZE)
    reminders.invitations_mark_mailed(rows)
    return len(rows)


def _batched(items: Iterable, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- Responses, attendance and done tasks, the same odds for both parts -----------------------


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


HELD_RESPONSES = {"yes": 75, "no": 12, "maybe": 5, "pending": 8}
FUTURE_RESPONSES = {"yes": 70, "no": 15, "maybe": 15}
ATTENDANCE = {
    "yes": {"attended": 92, "absent": 8},
    "no": {"excused": 100},
    "maybe": {"attended": 50, "absent": 30, "excused": 20},
    "pending": {"attended": 40, "absent": 60},
}


def _response_for(
    rng: random.Random, meeting: Meeting, network_status: str, held: bool, now: datetime
) -> str:
    if held:
        return _pick(rng, HELD_RESPONSES)
    if network_status == Network.Status.DRAFT:
        return "pending"
    days_ahead = (meeting.starts_at - now).days
    answered = 0.8 if days_ahead <= 14 else 0.5 if days_ahead <= 45 else 0.2
    return _pick(rng, FUTURE_RESPONSES) if rng.random() < answered else "pending"


def _comment_for(rng: random.Random, response: str) -> str:
    chance = 0.7 if response == "no" else 0.25
    if response == "pending" or rng.random() >= chance:
        return ""
    return rng.choice(data.RESPONSE_COMMENTS[response])


def _done_chance(held: bool, due: date, today: date) -> float:
    return 0.85 if held else 0.5 if due < today else 0.1


def _done_at(rng: random.Random, due: date, now: datetime) -> datetime:
    moment = at(due, "15:00") - timedelta(days=rng.randint(0, 4), hours=rng.randint(0, 5))
    return min(now, moment)


# --- People ------------------------------------------------------------------------------------

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"})


def email_for(name: str, domain: str = data.MAIL_DOMAIN) -> str:
    return ".".join(name.lower().translate(_ASCII).split()) + "@" + domain


def history_email(number: int) -> str:
    return f"deltager{number}@{data.MAIL_DOMAIN}"


# --- Logins ------------------------------------------------------------------------------------

SECRETARIAT_GROUP = "Sekretariat"
SECRETARIAT_APPS = ("netvaerk", "participants", "meetings")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    superuser: bool


DEMO_LOGINS = (
    DemoLogin("sekretariat", "Se netværket 2026!", superuser=False),
    DemoLogin("admin", "Styr på netværket 2026!", superuser=True),
)


@dataclass(frozen=True)
class LoginResult:
    login: DemoLogin
    created: bool


def logins_ensure() -> list[LoginResult]:
    """The secretariat group with every permission of the three apps, a staff user in it and a
    superuser. A user who exists already is left alone, password and all."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS))
    User = get_user_model()
    results = []
    for login in DEMO_LOGINS:
        if User.objects.filter(username=login.username).exists():
            results.append(LoginResult(login, created=False))
            continue
        user = User(
            username=login.username,
            email=f"{login.username}@{data.MAIL_DOMAIN}",
            is_staff=True,
            is_superuser=login.superuser,
        )
        validate_password(login.password, user)
        user.set_password(login.password)
        user.save()
        if not login.superuser:
            user.groups.add(group)
        results.append(LoginResult(login, created=True))
    return results


# --- The hand-written part ---------------------------------------------------------------------


def themes_ensure() -> dict[str, Theme]:
    themes = {}
    for name, description in [*data.THEMES, *data.HISTORY_THEMES]:
        themes[name], _created = Theme.objects.get_or_create(
            name=name, defaults={"description": description}
        )
    return themes


def _participants_ensure() -> dict[str, Participant]:
    people = {}
    for spec in data.PARTICIPANTS:
        fields = {key: value for key, value in spec.items() if key != "key"}
        fields["email"] = email_for(spec["name"])
        person = Participant.objects.filter(email__iexact=fields["email"]).first()
        if person is None:
            fields["is_municipal_staff"] = spec["background"] == "municipal_staff"
            person = participant_create(**fields)
        people[spec["key"]] = person
    return people


def _set_phase_dates(phases: list[Phase], periods: dict) -> list[Phase]:
    """Date a network's phases (in order) from ``phase_periods``; returns them, not yet saved."""
    for number, phase in enumerate(phases, 1):
        phase.start_date, phase.end_date = periods.get(number, (None, None))
    return phases


def _add_members(spec, network, phase_at, people, today) -> None:
    for key, role, phase_numbers, co_driver, agreement in spec["members"]:
        person = people[key]
        fields = {"joined_on": network.start_date}
        if person.is_municipal_staff and agreement:
            fields["manager_agreement"] = agreement
            if agreement != data.PENDING:
                fields["manager_agreement_on"] = min(today, network.start_date - timedelta(days=10))
        membership_add(
            network=network,
            participant=person,
            role=role,
            phases=[phase_at[n] for n in phase_numbers if n in phase_at] or [phase_at[1]]
            if role == Membership.Role.INVOLVED
            else [],
            is_co_driver=co_driver,
            **fields,
        )


def _answer(meeting, network, held, rng, now) -> list[Invitation]:
    """Answer a meeting's invitations through the services; return them with their answer time."""
    answered = []
    invitations = meeting.invitations.current().select_related("participant", "meeting")
    for invitation in invitations.order_by("participant__email"):
        response = _response_for(rng, meeting, network.status, held, now)
        if response != "pending":
            invitation = invitation_respond(
                invitation=invitation, response=response, comment=_comment_for(rng, response)
            )
            invitation.responded_at = _response_time(rng, meeting.starts_at, now)
            answered.append(invitation)
        if held:
            attendance_register(invitation=invitation, attendance=_pick(rng, ATTENDANCE[response]))
    return answered


def _add_tasks(meeting, meeting_spec, people, held, rng, today, now) -> list[TaskAssignment]:
    done = []
    invited = set(meeting.invitations.current().values_list("participant_id", flat=True))
    for title, kind, description, keys in meeting_spec["tasks"]:
        assignees = [people[key] for key in keys if people[key].pk in invited]
        task = task_create(
            meeting=meeting, title=title, kind=kind, assignees=assignees, description=description
        )
        for assignment in task.assignments.all():
            if rng.random() < _done_chance(held, task.due_date, today):
                assignment = task_mark_done(assignment=assignment)
                assignment.done_at = _done_at(rng, task.due_date, now)
                done.append(assignment)
    return done


def _build_network(spec, themes, people, phase_count, today, now) -> Network:
    rng = random.Random(spec["name"])
    start = today + timedelta(days=spec["start"])
    plan = meeting_plan(start, len(spec["meetings"]), phase_count)
    end = network_end(start, plan)
    network = network_create(
        theme=themes[spec["theme"]],
        name=spec["name"],
        challenge=spec["challenge"],
        purpose=spec["purpose"],
        status=spec["status"],
        start_date=start,
        end_date=end,
        default_place=data.PLACES[spec["place"]],
    )
    phases = list(network.phases.order_by("order"))
    periods = phase_periods(start, end, plan, phase_count)
    Phase.objects.bulk_update(_set_phase_dates(phases, periods), ["start_date", "end_date"])
    phase_at = dict(enumerate(phases, 1))
    _add_members(spec, network, phase_at, people, today)

    meetings, answered, done = [], [], []
    for number, (meeting_spec, (day, phase_number)) in enumerate(
        zip(spec["meetings"], plan, strict=True)
    ):
        clock, minutes = meeting_spec["time"]
        starts_at = at(day, clock)
        ends_at = starts_at + timedelta(minutes=minutes)
        held = ends_at <= now
        meeting = meeting_create(
            network=network,
            phase=phase_at[phase_number],
            title=meeting_spec["title"],
            starts_at=starts_at,
            ends_at=ends_at,
            agenda=meeting_spec["agenda"],
            minutes=(meeting_spec["minutes"] or rng.choice(data.HISTORY_MINUTES)) if held else "",
            status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
        )
        for extra_number, key in spec.get("extra", ()):
            if extra_number == number:
                invitation_add_extra(meeting=meeting, participant=people[key])
        answered += _answer(meeting, network, held, rng, now)
        done += _add_tasks(meeting, meeting_spec, people, held, rng, today, now)
        meetings.append(meeting)

    Invitation.objects.bulk_update(answered, ["responded_at"])
    TaskAssignment.objects.bulk_update(done, ["done_at"])
    _backdate_invitations(meetings, now)
    for key in spec["leaves"]:
        membership_end(membership=network.memberships.get(participant=people[key]), left_on=today)
    return network


def seed_handwritten(*, today: date, now: datetime) -> list[Network]:
    """The hand-written themes, people and networks; returns the networks it created."""
    themes = themes_ensure()
    people = _participants_ensure()
    phase_count = PhaseTemplate.objects.count()
    existing = set(
        Network.objects.filter(name__in=[spec["name"] for spec in data.NETWORKS]).values_list(
            "name", flat=True
        )
    )
    created = []
    for spec in data.NETWORKS:
        if spec["name"] in existing:
            continue
        with transaction.atomic():
            created.append(_build_network(spec, themes, people, phase_count, today, now))
    return created


# --- The generated history ---------------------------------------------------------------------

HISTORY_STATUSES = {"concluded": 70, "active": 16, "planned": 9, "draft": 5}
HISTORY_STARTS = {  # days from today
    "concluded": (-1800, -250),
    "active": (-160, -20),
    "planned": (10, 60),
    "draft": (45, 120),
}
HISTORY_TIMES = [("09:00", 210), ("13:00", 180), ("09:00", 240), ("12:30", 210), ("16:00", 180)]
HISTORY_PURPOSES = [
    "At udvikle og afprøve nye løsninger sammen med dem, det handler om.",
    "At samle viden på tværs og pege på to-tre idéer, der kan afprøves i praksis.",
    "At skabe et fælles billede af udfordringen og forankre det, der virker.",
]


def _history_person(rng: random.Random, number: int) -> Participant:
    background = rng.choices(
        list(data.HISTORY_BACKGROUNDS),
        weights=[share for share, _orgs in data.HISTORY_BACKGROUNDS.values()],
    )[0]
    middle = rng.choice(data.MIDDLE_NAMES)
    name = " ".join(
        part for part in (rng.choice(data.FIRST_NAMES), middle, rng.choice(data.LAST_NAMES)) if part
    )
    staff = background == Participant.Background.MUNICIPAL_STAFF
    manager = rng.choice(data.MANAGERS) if staff else ""
    return Participant(
        name=name,
        email=history_email(number),
        phone=f"+45 {20 + number % 80} {number // 10000 % 100:02d} {number // 100 % 100:02d} "
        f"{number % 100:02d}",
        organisation=rng.choice(data.HISTORY_BACKGROUNDS[background][1]),
        background=background,
        competence_professional=rng.choice(data.COMPETENCES),
        perspective=rng.choice(data.PERSPECTIVES),
        motivation=rng.choice(data.MOTIVATIONS),
        is_municipal_staff=staff,
        manager_name=manager,
        manager_email=email_for(manager, "lyngbjerg.dk") if staff else "",
    )


def _history_people(volume: HistoryVolume, block: int, known: dict[int, tuple[int, bool]]):
    """Create the block's missing people; ``known`` maps number → (id, is municipal staff)."""
    rng = random.Random(f"demo-participants-{block}")
    first = block * volume.participants_per_block + 1
    missing = []
    for number in range(first, first + volume.participants_per_block):
        person = _history_person(rng, number)  # drawn for every number, so the data is stable
        if number not in known:
            missing.append((number, person))
    for chunk in _batched(missing, BULK_SIZE):
        with transaction.atomic():
            Participant.objects.bulk_create([person for _number, person in chunk])
        for number, person in chunk:
            known[number] = (person.pk, person.is_municipal_staff)


def _known_history_people() -> dict[int, tuple[int, bool]]:
    prefix, suffix = "deltager", "@" + data.MAIL_DOMAIN
    rows = Participant.objects.filter(email__startswith=prefix, email__endswith=suffix)
    known = {}
    for email, pk, staff in rows.values_list("email", "pk", "is_municipal_staff"):
        number = email[len(prefix) : -len(suffix)]
        if number.isdigit():
            known[int(number)] = (pk, staff)
    return known


def _known_history_networks() -> set[int]:
    numbers = set()
    for name in Network.objects.filter(name__startswith=HISTORY_NAME_PREFIX).values_list(
        "name", flat=True
    ):
        number = name[len(HISTORY_NAME_PREFIX) :].split(":", 1)[0]
        if number.isdigit():
            numbers.add(int(number))
    return numbers


@dataclass
class _Draft:
    """A generated network on its way into the database."""

    number: int
    rng: random.Random
    network: Network
    plan: list[tuple[date, int]]
    members: list[tuple[int, bool]]  # (participant id, is municipal staff), core first


def _history_network(volume, number, themes, known, phase_count, today) -> _Draft:
    rng = random.Random(f"demo-network-{number}")
    block = (number - 1) // volume.networks_per_block
    theme = rng.choice(themes)
    status = _pick(rng, HISTORY_STATUSES)
    start = today + timedelta(days=rng.randint(*HISTORY_STARTS[status]))
    plan = meeting_plan(start, MEETINGS_PER_NETWORK, phase_count)
    stems = data.HISTORY_NETWORK_STEMS.get(theme.name, [theme.name])
    network = network_create(
        theme=theme,
        name=f"{HISTORY_NAME_PREFIX}{number}: {rng.choice(stems)}",
        challenge=theme.description or theme.name,
        purpose=rng.choice(HISTORY_PURPOSES),
        status=status,
        start_date=start,
        end_date=network_end(start, plan),
        default_place=rng.choice(list(data.PLACES.values())),
    )
    first = block * volume.participants_per_block + 1
    numbers = rng.sample(
        range(first, first + volume.participants_per_block),
        CORE_PER_NETWORK + INVOLVED_PER_NETWORK,
    )
    return _Draft(number, rng, network, plan, [known[n] for n in numbers])


def _agreement(rng, status: str) -> str:
    if status == Network.Status.DRAFT:
        return Membership.ManagerAgreement.PENDING
    if status == Network.Status.PLANNED:
        return _pick(rng, {"agreed": 50, "pending": 50})
    return _pick(rng, {"agreed": 85, "pending": 10, "declined": 5})


def _history_members(drafts: list[_Draft], phases: dict[int, list[Phase]], today) -> None:
    memberships, chosen_phases = [], []
    for draft in drafts:
        network, rng = draft.network, draft.rng
        co_driver = network.status != Network.Status.DRAFT
        for index, (person_id, staff) in enumerate(draft.members):
            core = index < CORE_PER_NETWORK
            agreement = _agreement(rng, network.status) if staff else "not_needed"
            agreed_on = None
            if agreement in {"agreed", "declined"}:
                agreed_on = min(today, network.start_date - timedelta(days=rng.randint(3, 30)))
            memberships.append(
                Membership(
                    network=network,
                    participant_id=person_id,
                    role=Membership.Role.CORE if core else Membership.Role.INVOLVED,
                    is_co_driver=co_driver and core and staff,
                    manager_agreement=agreement,
                    manager_agreement_on=agreed_on,
                    joined_on=network.start_date,
                )
            )
            if core and staff:
                co_driver = False  # one co-driver: the first municipal employee among the core
            own = phases[network.pk]
            chosen_phases.append(
                [] if core else rng.sample(own, min(PHASES_PER_INVOLVED, len(own)))
            )
    Membership.objects.bulk_create(memberships, batch_size=BULK_SIZE)
    Through = Membership.phases.through
    Through.objects.bulk_create(
        [
            Through(membership_id=membership.pk, phase_id=phase.pk)
            for membership, own in zip(memberships, chosen_phases, strict=True)
            for phase in own
        ],
        batch_size=BULK_SIZE,
    )


def _history_meetings(drafts: list[_Draft], phases, now) -> list[Meeting]:
    meetings = []
    for draft in drafts:
        phase_at = dict(enumerate(phases[draft.network.pk], 1))
        for number, (day, phase_number) in enumerate(draft.plan, 1):
            phase = phase_at[phase_number]
            clock, minutes = draft.rng.choice(HISTORY_TIMES)
            starts_at = at(day, clock)
            ends_at = starts_at + timedelta(minutes=minutes)
            held = ends_at <= now
            titles = data.HISTORY_MEETING_TITLES.get(phase_number, [phase.name])
            meetings.append(
                Meeting(
                    network=draft.network,
                    phase=phase,
                    title=f"Møde {number}: {draft.rng.choice(titles)}",
                    starts_at=starts_at,
                    ends_at=ends_at,
                    place=draft.network.default_place,
                    agenda=data.HISTORY_AGENDA.format(phase=phase.name),
                    minutes=draft.rng.choice(data.HISTORY_MINUTES) if held else "",
                    status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
                )
            )
    return Meeting.objects.bulk_create(meetings, batch_size=BULK_SIZE)


def _history_invitations(drafts, meetings, now) -> tuple[dict[int, list[int]], list[Invitation]]:
    """Invite by the membership rule; returns meeting id → invited core participants' ids,
    and the invitations."""
    by_network = defaultdict(list)
    network_ids = [draft.network.pk for draft in drafts]
    memberships = Membership.objects.filter(network_id__in=network_ids).order_by("pk")
    for membership in memberships.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.only("id"))
    ):
        by_network[membership.network_id].append(membership)
    rngs = {draft.network.pk: draft.rng for draft in drafts}
    statuses = {draft.network.pk: draft.network.status for draft in drafts}
    rows, core_invited = [], defaultdict(list)
    for meeting in meetings:
        rng = rngs[meeting.network_id]
        held = meeting.status == Meeting.Status.HELD
        for membership in by_network[meeting.network_id]:
            if not membership_invites_to(membership, meeting):
                continue
            response = _response_for(rng, meeting, statuses[meeting.network_id], held, now)
            rows.append(
                Invitation(
                    meeting=meeting,
                    participant_id=membership.participant_id,
                    response=response,
                    response_comment=_comment_for(rng, response),
                    responded_at=None
                    if response == "pending"
                    else _response_time(rng, meeting.starts_at, now),
                    attendance=_pick(rng, ATTENDANCE[response]) if held else "unknown",
                    # the held meetings' invitation mails are in the history's delivery log
                    awaits_invitation_mail=not held,
                )
            )
            if membership.is_core:
                core_invited[meeting.pk].append(membership.participant_id)
    Invitation.objects.bulk_create(rows, batch_size=BULK_SIZE)
    _backdate_invitations(meetings, now)
    return core_invited, rows


def _history_tasks(drafts, meetings, core_invited, today, now) -> list[TaskAssignment]:
    rngs = {draft.network.pk: draft.rng for draft in drafts}
    kinds = list(PreparationTask.Kind.values)
    tasks, assignees = [], []
    for number, meeting in enumerate(meetings):
        rng = rngs[meeting.network_id]
        due = timezone.localdate(meeting.starts_at) - timedelta(days=5)
        for offset in range(TASKS_PER_MEETING):
            kind = kinds[(number * TASKS_PER_MEETING + offset) % len(kinds)]
            tasks.append(
                PreparationTask(
                    meeting=meeting, title=data.HISTORY_TASKS[kind], kind=kind, due_date=due
                )
            )
            people = core_invited[meeting.pk]
            assignees.append(rng.sample(people, min(len(people), rng.randint(1, 3))))
    PreparationTask.objects.bulk_create(tasks, batch_size=BULK_SIZE)
    rows = []
    for task, people in zip(tasks, assignees, strict=True):
        rng = rngs[task.meeting.network_id]
        held = task.meeting.status == Meeting.Status.HELD
        for person_id in people:
            done = rng.random() < _done_chance(held, task.due_date, today)
            rows.append(
                TaskAssignment(
                    task=task,
                    participant_id=person_id,
                    done_at=_done_at(rng, task.due_date, now) if done else None,
                )
            )
    TaskAssignment.objects.bulk_create(rows, batch_size=BULK_SIZE)
    return rows


# How the sweep's messages about held meetings ended: nearly all sent, a few not.
HISTORY_DELIVERY_OUTCOMES = {"sent": 970, "skipped": 12, "missed": 10, "failed": 8}
HISTORY_DELIVERY_ERRORS = {
    "skipped": "The recipient has answered.",
    "missed": "Not sent in time.",
    "failed": "SMTPRecipientsRefused: mailbox unavailable",
}


def _history_expiry(kind, meeting, due_at):
    if kind in Delivery.CALENDAR_KINDS:
        return meeting.starts_at
    if kind == Delivery.Kind.FOLLOW_UP:
        return due_at + reminders.FOLLOW_UP_GRACE
    return min(due_at + reminders.GRACE, meeting.starts_at)


def _history_delivery(rng, kind, meeting, participant_id, due_at, *, task=None) -> Delivery:
    """A message the sweep recorded about a held meeting, as it ended."""
    status = _pick(rng, HISTORY_DELIVERY_OUTCOMES)
    sent = status == Delivery.Status.SENT
    return Delivery(
        kind=kind,
        meeting=meeting,
        task=task,
        participant_id=participant_id,
        due_at=due_at,
        status=status,
        attempts=reminders.MAX_ATTEMPTS if status == Delivery.Status.FAILED else int(sent),
        last_error=HISTORY_DELIVERY_ERRORS.get(status, ""),
        next_attempt_at=due_at,
        expires_at=_history_expiry(kind, meeting, due_at),
        sent_at=due_at + timedelta(seconds=rng.randint(5, 300)) if sent else None,
        sent_sequence=meeting.sequence if sent else None,
    )


def _history_deliveries(drafts, meetings, invitations, assignments, now) -> None:
    """The delivery log of the held meetings: the invitation with its calendar file, the
    meeting reminders, nudges to those who had not answered, task reminders and the
    follow-up to the co-drivers — what the sweep would have recorded as the meetings came."""
    rngs = {draft.network.pk: draft.rng for draft in drafts}
    offsets = {draft.network.pk: draft.network.reminder_offsets or [] for draft in drafts}
    rows = []
    for invitation in invitations:
        meeting = invitation.meeting
        if meeting.status != Meeting.Status.HELD:
            continue
        rng, person = rngs[meeting.network_id], invitation.participant_id
        rows.append(
            _history_delivery(
                rng, Delivery.Kind.INVITATION, meeting, person, invited_at(meeting.starts_at, now)
            )
        )
        nudge_at = reminders.response_nudge_time(meeting)
        if invitation.responded_at is None or invitation.responded_at > nudge_at:
            rows.append(
                _history_delivery(rng, Delivery.Kind.RESPONSE_NUDGE, meeting, person, nudge_at)
            )
        if invitation.response == Invitation.Response.NO:
            continue
        for days in offsets[meeting.network_id]:
            due_at = reminders.local_days_before(meeting.starts_at, days)
            rows.append(
                _history_delivery(rng, Delivery.Kind.MEETING_REMINDER, meeting, person, due_at)
            )
    for assignment in assignments:
        task = assignment.task
        meeting = task.meeting
        due_at = reminders.task_reminder_time(task.due_date)
        if meeting.status != Meeting.Status.HELD or (
            assignment.done_at is not None and assignment.done_at <= due_at
        ):
            continue
        rng = rngs[meeting.network_id]
        rows.append(
            _history_delivery(
                rng,
                Delivery.Kind.TASK_REMINDER,
                meeting,
                assignment.participant_id,
                due_at,
                task=task,
            )
        )
    co_drivers = dict(
        Membership.objects.filter(network_id__in=list(rngs), is_co_driver=True).values_list(
            "network_id", "participant_id"
        )
    )
    for meeting in meetings:
        if meeting.status == Meeting.Status.HELD and meeting.network_id in co_drivers:
            rows.append(
                _history_delivery(
                    rngs[meeting.network_id],
                    Delivery.Kind.FOLLOW_UP,
                    meeting,
                    co_drivers[meeting.network_id],
                    reminders.follow_up_time(meeting),
                )
            )
    Delivery.objects.bulk_create(rows, batch_size=BULK_SIZE)


def _history_chunk(volume, numbers, themes, known, phase_count, today, now) -> list[int]:
    """Create the generated networks ``numbers`` with everything in them."""
    drafts = [_history_network(volume, n, themes, known, phase_count, today) for n in numbers]
    phases = defaultdict(list)
    for phase in Phase.objects.filter(network__in=[draft.network for draft in drafts]).order_by(
        "network_id", "order"
    ):
        phases[phase.network_id].append(phase)
    dated = []
    for draft in drafts:
        network, own = draft.network, phases[draft.network.pk]
        periods = phase_periods(network.start_date, network.end_date, draft.plan, len(own))
        dated += _set_phase_dates(own, periods)
    Phase.objects.bulk_update(dated, ["start_date", "end_date"], batch_size=BULK_SIZE)
    _history_members(drafts, phases, today)
    meetings = _history_meetings(drafts, phases, now)
    core_invited, invitations = _history_invitations(drafts, meetings, now)
    assignments = _history_tasks(drafts, meetings, core_invited, today, now)
    _history_deliveries(drafts, meetings, invitations, assignments, now)
    return [draft.network.pk for draft in drafts]


def seed_history(
    volume: HistoryVolume,
    *,
    today: date,
    now: datetime,
    progress: Callable[[str], None] | None = None,
    networks_per_transaction: int = 10,
) -> list[int]:
    """Generate the missing part of ``volume``; returns the ids of the networks it created."""
    themes = list(themes_ensure().values())
    phase_count = PhaseTemplate.objects.count()
    known = _known_history_people()
    existing = _known_history_networks()
    created = []
    for block in range(volume.blocks):
        _history_people(volume, block, known)
        first = block * volume.networks_per_block + 1
        missing = [n for n in range(first, first + volume.networks_per_block) if n not in existing]
        for numbers in _batched(missing, networks_per_transaction):
            with transaction.atomic():
                created += _history_chunk(volume, numbers, themes, known, phase_count, today, now)
        if progress:
            progress(f"{block + 1}/{volume.blocks}")
    return created


# --- Everything --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedResult:
    logins: list[LoginResult]
    handwritten_created: int
    history_created: int


def seed_demo(
    *,
    volume: HistoryVolume | None,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Load the demo municipality; ``volume=None`` loads only the hand-written part."""
    now = timezone.now()
    today = timezone.localdate(now)
    logins = logins_ensure()
    handwritten = [network.pk for network in seed_handwritten(today=today, now=now)]
    history = []
    if volume is not None and volume.blocks:
        history = seed_history(volume, today=today, now=now, progress=progress)
    created = Meeting.objects.filter(network_id__in=handwritten + history)
    invitations_record_sent(created.values_list("pk", flat=True), now)
    return SeedResult(logins, len(handwritten), len(history))


def demo_counts() -> dict[str, int]:
    return {
        "themes": Theme.objects.count(),
        "networks": Network.objects.count(),
        "participants": Participant.objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": Meeting.objects.count(),
        "invitations": Invitation.objects.current().count(),
        "tasks": PreparationTask.objects.count(),
        "assignments": TaskAssignment.objects.count(),
    }


def admin_url() -> str:
    return f"{settings.SITE_URL}/admin/"
