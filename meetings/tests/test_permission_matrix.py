"""Who may do what, as a matrix: every role × every page × objects of two networks.

Every URL pattern of the secretariat's application (the namespaces in NAMESPACES) is found by
walking the URL resolver, so a new page is covered the day it is added: the test fails until
the page has a row in PAGES saying which permission it needs. The expected answer of each cell
comes from that table and the roles below, never from the code under test.

The world is built once for the module. Every request runs in a savepoint that is rolled back,
so an empty POST that deletes a task or cancels nothing leaves the world as it was.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from meetings.tests.factories import (
    MeetingFactory,
    PreparationTaskFactory,
    TaskAssignmentFactory,
    at,
)
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership
from participants.rules import SECRETARIAT_GROUP
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

NAMESPACES = ("dashboard", "networks", "participants", "meetings", "exports", "privacy")

# --- What each page needs ---------------------------------------------------------------------

# The permissions, in the words of participants/rules.py and meetings/rules.py.
SECRETARIAT_PAGES = "netvaerk.use_secretariat_pages"  # secretariat, and any co-driver
VIEW_NETWORK = "netvaerk.view_network_page"  # secretariat, and that network's co-driver
RUN_NETWORK = "netvaerk.run_network"  # secretariat, and that network's co-driver
RUN_MEETING = "meetings.run_meeting"  # secretariat, and the meeting's network's co-driver
PLAN_NETWORKS = "netvaerk.plan_networks"  # secretariat only
MANAGE_PARTICIPANTS = "participants.manage_participants"  # secretariat only

OWN_NETWORK = {VIEW_NETWORK, RUN_NETWORK, RUN_MEETING}
SECRETARIAT_ONLY = {PLAN_NETWORKS, MANAGE_PARTICIPANTS}

GET, POST = "GET", "POST"
GET_POST, POST_ONLY = (GET, POST), (POST,)


@dataclass(frozen=True)
class Page:
    needs: str  # the permission
    pk: str | None  # what <pk> in the URL names (an object of the world), if the URL has one
    foreign: int | None  # what a co-driver gets for another network's (or an unknown) object
    methods: tuple[str, ...] = (GET,)  # the methods the page takes; others answer 405
    participant_gets: object = 403  # what a participant without the secretariat's pages gets


PAGES = {
    "dashboard:index": Page(SECRETARIAT_PAGES, None, None, participant_gets="their overview"),
    "networks:index": Page(SECRETARIAT_PAGES, None, None),
    "networks:create": Page(PLAN_NETWORKS, None, None, GET_POST),
    "networks:detail": Page(VIEW_NETWORK, "network", 404),
    "networks:update": Page(PLAN_NETWORKS, "network", 404, GET_POST),
    "networks:meeting_plan": Page(RUN_NETWORK, "network", 404, GET_POST),
    "exports:members_csv": Page(RUN_NETWORK, "network", 404),
    "exports:members_xlsx": Page(RUN_NETWORK, "network", 404),
    "exports:attendance_csv": Page(RUN_NETWORK, "network", 404),
    "exports:attendance_xlsx": Page(RUN_NETWORK, "network", 404),
    "participants:index": Page(MANAGE_PARTICIPANTS, None, None),
    "participants:create": Page(MANAGE_PARTICIPANTS, None, None, GET_POST),
    "participants:detail": Page(MANAGE_PARTICIPANTS, "participant", 403),
    "participants:update": Page(MANAGE_PARTICIPANTS, "participant", 403, GET_POST),
    "participants:archive": Page(MANAGE_PARTICIPANTS, "participant", 403, GET_POST),
    "participants:restore": Page(MANAGE_PARTICIPANTS, "participant", 403, POST_ONLY),
    "participants:delete": Page(MANAGE_PARTICIPANTS, "participant", 403, GET_POST),
    "participants:membership_add": Page(MANAGE_PARTICIPANTS, "participant", 403, GET_POST),
    "participants:membership_change": Page(MANAGE_PARTICIPANTS, "membership", 403, GET_POST),
    "participants:membership_end": Page(MANAGE_PARTICIPANTS, "membership", 403, GET_POST),
    "participants:network_member_add": Page(MANAGE_PARTICIPANTS, None, 403, GET_POST),
    "participants:anonymise": Page(MANAGE_PARTICIPANTS, "participant", 403, GET_POST),
    "participants:data_export": Page(MANAGE_PARTICIPANTS, "participant", 403),
    "participants:retention": Page(MANAGE_PARTICIPANTS, None, None),
    "privacy:record": Page(MANAGE_PARTICIPANTS, None, None),
    "meetings:index": Page(SECRETARIAT_PAGES, None, None),
    "meetings:choose_network": Page(SECRETARIAT_PAGES, None, None),
    "meetings:create": Page(RUN_NETWORK, None, 404, GET_POST),
    "meetings:detail": Page(RUN_MEETING, "meeting", 404),
    "meetings:update": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:cancel": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:invite": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:remind": Page(RUN_MEETING, "meeting", 404, POST_ONLY),
    "meetings:attendance": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:minutes": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:minutes_file": Page(RUN_MEETING, "meeting", 404),
    "meetings:task_create": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:task_update": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:task_delete": Page(RUN_MEETING, "meeting", 404, GET_POST),
    "meetings:task_done": Page(RUN_MEETING, "meeting", 404, POST_ONLY),
}

# URL keyword arguments other than <pk>, and the object of the world each one names.
KWARG_OBJECTS = {"network_pk": "network", "task_pk": "task", "assignment_pk": "assignment"}

UNKNOWN_ID = 999_999

# --- The roles --------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
PARTICIPANT = "participant"  # has a login, member of A, not a co-driver
CO_DRIVER = "co_driver"  # co-driver of A; an ordinary involved member of B
SECRETARIAT = "secretariat"  # in the Sekretariat group
SUPERUSER = "superuser"
INACTIVE_STAFF = "inactive_staff"  # staff and in the group, but deactivated: not signed in
PLAIN_STAFF = "plain_staff"  # is_staff without the group: no secretariat pages
ROLES = [ANONYMOUS, PARTICIPANT, CO_DRIVER, SECRETARIAT, SUPERUSER, INACTIVE_STAFF, PLAIN_STAFF]

LOGIN = "login"  # the outcome "302 to the login page, coming back here afterwards"
SUCCESS = frozenset({200, 302})  # a page, or a redirect after a valid action


def expected(role: str, page: Page, method: str, scope: str) -> frozenset:
    """The acceptable outcomes of one cell. ``scope``: "-" (no object), "A" or "B" (whose
    objects the URL names), "unknown" (an id that does not exist) or "mismatch" (ids that
    exist but do not belong together, e.g. a task of another meeting)."""
    if role in (ANONYMOUS, INACTIVE_STAFF):
        return frozenset({LOGIN})
    if role == PARTICIPANT:
        return frozenset({page.participant_gets})
    if role == PLAIN_STAFF:
        return frozenset({403})
    allowed = SUCCESS if method in page.methods else frozenset({405})
    if scope in ("unknown", "mismatch"):
        refused = page.foreign if role == CO_DRIVER else 404
        # Where the answer is "no such object", a method the page does not take may be
        # refused before the object is looked up.
        return frozenset({refused} if method in page.methods or refused != 404 else {404, 405})
    if role in (SECRETARIAT, SUPERUSER):
        return allowed
    assert role == CO_DRIVER
    if page.needs == SECRETARIAT_PAGES:
        return allowed
    if scope == "B":
        return frozenset({page.foreign})
    if page.needs in OWN_NETWORK:
        return allowed
    assert page.needs in SECRETARIAT_ONLY, page
    return frozenset({403})


# --- The world --------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n% referat\n"


@dataclass
class World:
    users: dict  # role → User (None for the anonymous visitor)
    objects: dict  # "A-past", "A-future", "B-past", "B-future" → {kind: object}
    names: dict  # "A", "B" → names of the network, its people and meetings, shown on its pages

    def hidden_from(self, role: str) -> list[str]:
        """Names a role must not see on any page: the co-driver nothing of B, a person without
        the secretariat's pages nothing of either network."""
        if role in (SECRETARIAT, SUPERUSER):
            return []
        if role == CO_DRIVER:
            return self.names["B"]
        if role == PARTICIPANT:  # their own name is in their navigation
            return [name for name in self.names["A"] + self.names["B"] if name != "Deltager A"]
        return self.names["A"] + self.names["B"]


def _user(username: str, **fields) -> User:
    return User.objects.create_user(username, email=f"{username}@example.dk", **fields)


def build_world() -> World:
    group = Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0]
    secretariat = _user("sekretaer")
    secretariat.groups.add(group)
    inactive = _user("tidligere", is_staff=True, is_active=False)
    inactive.groups.add(group)
    users = {
        ANONYMOUS: None,
        PARTICIPANT: _user("deltager"),
        CO_DRIVER: _user("tovholder"),
        SECRETARIAT: secretariat,
        SUPERUSER: User.objects.create_superuser("admin", "admin@example.dk", None),
        INACTIVE_STAFF: inactive,
        PLAIN_STAFF: _user("it-medarbejder", is_staff=True),
    }
    today = timezone.localdate()
    start = today - datetime.timedelta(days=60)
    networks = {
        "A": NetworkFactory(name="Ensomhed blandt ældre", start_date=start),
        "B": NetworkFactory(name="Unge i job", start_date=start),
    }
    co_driver = ParticipantFactory(name="Tove Tovholder", user=users[CO_DRIVER])
    MembershipFactory(network=networks["A"], participant=co_driver, is_co_driver=True)
    MembershipFactory(
        network=networks["B"],
        participant=co_driver,
        role=Membership.Role.INVOLVED,
        phases=[networks["B"].phases.get(order=1)],
    )
    MembershipFactory(
        network=networks["A"], participant__name="Deltager A", participant__user=users[PARTICIPANT]
    )
    MembershipFactory(
        network=networks["B"],
        participant__name="Tovholder B",
        participant__user=_user("tovholder-b"),
        is_co_driver=True,
    )
    names = {
        "A": [networks["A"].name, "Deltager A"],
        "B": [networks["B"].name, "Tovholder B"],
    }
    objects = {}
    for letter, network in networks.items():
        core = MembershipFactory(network=network, participant__name=f"Kerne {letter}")
        MembershipFactory(
            network=network,
            participant__name=f"Inddraget {letter}",
            role=Membership.Role.INVOLVED,
            phases=[network.phases.get(order=1)],
        )
        past_start = at(today - datetime.timedelta(days=7))
        meetings = {
            "past": MeetingFactory(
                network=network,
                title=f"Første møde {letter}",
                starts_at=past_start,
                ends_at=past_start + datetime.timedelta(hours=3, minutes=30),
            ),
            "future": MeetingFactory(network=network, title=f"Næste møde {letter}"),
        }
        for when, meeting in meetings.items():
            meeting.minutes_file.save("referat.pdf", ContentFile(PDF))
            task = PreparationTaskFactory(meeting=meeting, title=f"Oplæg til {meeting.title}")
            objects[f"{letter}-{when}"] = {
                "network": network,
                "meeting": meeting,
                "task": task,
                "assignment": TaskAssignmentFactory(task=task, participant=core.participant),
                "participant": core.participant,
                "membership": core,
            }
        names[letter] += [f"Kerne {letter}", f"Inddraget {letter}"]
        names[letter] += [meeting.title for meeting in meetings.values()]
    return World(users=users, objects=objects, names=names)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the module, in a transaction rolled back at its end; each test runs in
    a savepoint inside it. Minutes files are written to a temporary MEDIA_ROOT."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                world = build_world()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        yield world
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- The pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name"
    kwargs: tuple[str, ...]  # in the order they appear in the URL


def _kwarg_names(pattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None:
        return tuple(converters)
    return tuple(pattern.pattern.regex.groupindex)


def url_patterns() -> list[Pattern]:
    """Every named pattern in NAMESPACES, however deeply included."""
    found = []

    def walk(entries, namespace, prefix_kwargs):
        for entry in entries:
            if isinstance(entry, URLResolver):
                walk(
                    entry.url_patterns,
                    entry.namespace or namespace,
                    prefix_kwargs + _kwarg_names(entry),
                )
                continue
            if namespace not in NAMESPACES:
                continue
            assert entry.name, f"An unnamed URL pattern in {namespace!r}: {entry.pattern}"
            found.append(Pattern(f"{namespace}:{entry.name}", prefix_kwargs + _kwarg_names(entry)))

    walk(get_resolver().url_patterns, None, ())
    return found


def object_kind(page_name: str, kwarg: str) -> str:
    if kwarg == "pk":
        kind = PAGES[page_name].pk
        assert kind, f"{page_name} has <pk> in its URL: say in PAGES what it names"
        return kind
    assert kwarg in KWARG_OBJECTS, (
        f"{page_name} has the URL keyword <{kwarg}>: add it to KWARG_OBJECTS with the object "
        f"of the world it names"
    )
    return KWARG_OBJECTS[kwarg]


@dataclass(frozen=True)
class Target:
    page_name: str
    scope: str  # "-", "A", "B", "unknown" or "mismatch"
    label: str  # where the ids came from, for the report
    path: str


def targets(world: World, pattern: Pattern) -> list[Target]:
    """The URLs of one pattern: with objects of A and of B (past and future meeting where the
    URL names a meeting), with an unknown id in each place, and with ids that exist but do not
    belong together."""
    if not pattern.kwargs:
        return [Target(pattern.name, "-", "-", reverse(pattern.name))]
    kinds = [object_kind(pattern.name, kwarg) for kwarg in pattern.kwargs]

    def path(**kwargs):
        return reverse(pattern.name, kwargs=kwargs)

    def ids(objects):
        return {kwarg: objects[kind].pk for kwarg, kind in zip(pattern.kwargs, kinds, strict=True)}

    found, seen = [], set()
    for key, objects in world.objects.items():
        url = path(**ids(objects))
        if url not in seen:
            seen.add(url)
            found.append(Target(pattern.name, key[0], key, url))
    base = ids(world.objects["A-past"])
    for kwarg in pattern.kwargs:
        found.append(
            Target(
                pattern.name,
                "unknown",
                f"{kwarg}={UNKNOWN_ID}",
                path(**{**base, kwarg: UNKNOWN_ID}),
            )
        )
    # Each id after the first, taken from another object set: a task of another meeting…
    for position, kwarg in enumerate(pattern.kwargs[1:], 1):
        for key, objects in world.objects.items():
            value = objects[kinds[position]].pk
            if value != base[kwarg]:
                url = path(**{**base, kwarg: value})
                found.append(Target(pattern.name, "mismatch", f"A-past, {kwarg} of {key}", url))
    return found


@dataclass(frozen=True)
class Cell:
    role: str
    method: str
    target: Target
    expected: frozenset


def matrix(world: World) -> list[Cell]:
    patterns = url_patterns()
    unclassified = sorted({p.name for p in patterns} - set(PAGES))
    assert not unclassified, (
        f"Pages without a row in PAGES (say which permission each needs): {unclassified}"
    )
    return [
        Cell(role, method, target, expected(role, PAGES[target.page_name], method, target.scope))
        for pattern in patterns
        for target in targets(world, pattern)
        for role in ROLES
        for method in (GET, POST)
    ]


# --- Asking ------------------------------------------------------------------------------------


def outcome(response, path: str):
    """The status, or LOGIN for a redirect to the login page that comes back to ``path``, or
    "their overview" for a participant sent on to Mit overblik."""
    if response.status_code == 302:
        location = urlsplit(response.url)
        if location.path == reverse("mine:index"):
            return "their overview"
        if location.path == reverse("login"):
            nexts = parse_qs(location.query).get("next")
            return LOGIN if nexts == [path] else f"302 to the login page with next={nexts}"
    return response.status_code


def ask(client: Client, method: str, path: str) -> tuple[object, str]:
    """One request in a savepoint that is rolled back: its outcome and its text. An exception
    is reported as a 500."""
    try:
        with transaction.atomic():
            response = client.get(path) if method == GET else client.post(path, {})
            transaction.set_rollback(True)
    except Exception as error:  # every failure becomes a cell of the report
        return f"500 ({type(error).__name__}: {error})", ""
    # getvalue() reads a streamed file to its end, which closes it the way the test client
    # means to (calling response.close() here would close the database connection too).
    text = response.getvalue().decode(errors="replace")
    return outcome(response, path), text


def client_for(world: World, role: str, **kwargs) -> Client:
    client = Client(**kwargs)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


def show(outcomes) -> str:
    return "/".join(sorted(str(o) for o in outcomes))


# Counted when this test was written: 7 roles × 2 methods × 134 URLs (36 pages with objects of
# A and B, unknown ids and ids that do not belong together). A matrix that shrinks (a page
# dropped from the walk, a role or an object set lost) fails the size test.
MINIMUM_CELLS = 1876


def test_every_page_is_in_the_table_and_the_matrix_does_not_shrink(world):
    patterns = {p.name for p in url_patterns()}
    assert not set(PAGES) - patterns, (
        f"PAGES names pages that no longer exist: {set(PAGES) - patterns}"
    )
    cells = matrix(world)
    by_scope = {}
    for cell in cells:
        by_scope[cell.target.scope] = by_scope.get(cell.target.scope, 0) + 1
    print(
        f"\npermission matrix: {len(cells)} checks over {len(patterns)} pages; by scope {by_scope}"
    )
    assert len(cells) >= MINIMUM_CELLS


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_on_every_page(world, role):
    client = client_for(world, role)
    wrong = []
    cells = [cell for cell in matrix(world) if cell.role == role]
    hidden = world.hidden_from(role)
    for cell in cells:
        got, text = ask(client, cell.method, cell.target.path)
        where = f"{cell.method} {cell.target.page_name} [{cell.target.label}] {cell.target.path}"
        if got not in cell.expected:
            wrong.append(f"{where}: expected {show(cell.expected)}, got {got}")
        if leaked := [name for name in hidden if name in text]:
            wrong.append(f"{where}: shows {leaked}")
    assert not wrong, f"{role}: {len(wrong)} of {len(cells)} cells are wrong:\n" + "\n".join(wrong)


def test_a_post_without_a_csrf_token_is_refused_on_every_page_that_takes_post(world):
    client = client_for(world, SECRETARIAT, enforce_csrf_checks=True)
    wrong = []
    for pattern in url_patterns():
        if POST not in PAGES[pattern.name].methods:
            continue
        target = targets(world, pattern)[0]
        got, _ = ask(client, POST, target.path)
        if got != 403:
            wrong.append(f"{target.page_name} {target.path}: got {got}")
    assert not wrong, "POST without a CSRF token was not refused:\n" + "\n".join(wrong)


def test_a_meeting_is_not_cancelled_by_a_post_without_a_csrf_token(world):
    meeting = world.objects["A-future"]["meeting"]
    client = client_for(world, SECRETARIAT, enforce_csrf_checks=True)
    response = client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "Sygdom"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
