"""The secretariat's main flow in a real browser, checked with axe-core on every page:
log in → create a network → create people and add them as core and involved members → accept
a meeting plan → see the composition panel → register attendance at the first meeting.
Once with the mouse at desktop width (the main pages again at phone width), once with the
keyboard alone.

The proposal never puts a meeting in the past, and a meeting invites only the members who had
joined by its day: so the members join on the network's start date, ten weeks ago, before the
plan is saved, and the first meeting of the plan is moved back to a day that has passed."""

import datetime
import re

import pytest
from django.utils import timezone

from meetings.models import Invitation, Meeting
from meetings.planning import next_meeting_day
from meetings.tests.browser import PHONE, assert_accessible, tab_to, type_date
from meetings.tests.conftest import SECRETARIAT_PASSWORD
from meetings.tests.factories import at
from netvaerk.models import Network, PhaseTemplate, Theme
from participants.models import Membership, Participant

pytestmark = pytest.mark.django_db(transaction=True)

PHASES = ["Indsigt", "Idéudvikling", "Afprøvning", "Forankring"]
NETWORK = "Ensomme ældre i Nordby"
PEOPLE = [
    # name, email, background (as the user sees it), municipal staff
    ("Karen Holm", "karen.holm@nordby.dk", "Kommunalt ansat", True),
    ("Jens Lund", "jens.lund@example.dk", "Borger", False),
    ("Lise Berg", "lise.berg@example.dk", "Forsker", False),
]


@pytest.fixture
def theme(transactional_db):
    """A theme, and the default phase template (the migration's rows do not survive the
    flush after a transactional test)."""
    for order, name in enumerate(PHASES, 1):
        PhaseTemplate.objects.update_or_create(order=order, defaults={"name": name})
    return Theme.objects.create(name="Ensomhed blandt ældre")


def start_date() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(weeks=10)


def first_meeting_day() -> datetime.date:
    """A meeting day (weekday, no holiday) three weeks after the start: it has passed."""
    return next_meeting_day(start_date() + datetime.timedelta(weeks=3))


def log_in(page):
    page.goto("/login/")
    field(page, "Brugernavn").fill("sekretariat")
    field(page, "Adgangskode").fill(SECRETARIAT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Overblik", level=1).wait_for()


def field(scope, label):
    """A form field by its label as the user sees it; required fields' labels end in "*"."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def menu(page, name):
    """A link of the main menu."""
    return page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name=name, exact=True
    )


def heading(page, name):
    page.get_by_role("heading", name=name, level=1).wait_for()


def test_secretariat_sets_up_a_network_and_registers_attendance(page, secretariat_user, theme):
    checked = []

    def check(name):
        assert_accessible(page, f"flow-{name}")
        checked.append(name)

    page.goto("/")
    check("login")
    log_in(page)
    check("overview")

    # A new network that started ten weeks ago.
    menu(page, "Netværk").click()
    heading(page, "Netværk")
    check("network-list")
    page.get_by_role("link", name="Nyt netværk").click()
    heading(page, "Nyt netværk")
    check("network-create")
    field(page, "Tema").select_option(label=theme.name)
    field(page, "Navn").fill(NETWORK)
    field(page, "Udfordring").fill("Ældre, der sidder alene, og som ingen af os når.")
    field(page, "Status").select_option(label="Aktivt")
    field(page, "Startdato").fill(start_date().isoformat())
    field(page, "Fast mødested").fill("Nordby Bibliotek")
    page.get_by_role("button", name="Opret netværk").click()
    heading(page, NETWORK)
    assert page.get_by_role("status").get_by_text("er oprettet med 4 faser").is_visible()
    check("network-new")
    network = Network.objects.get(name=NETWORK)
    network_url = page.url

    # Three people: created on the participant pages.
    for name, email, background, municipal in PEOPLE:
        menu(page, "Deltagere").click()
        heading(page, "Deltagere")
        if name == PEOPLE[0][0]:
            check("participant-list-empty")
        page.get_by_role("link", name="Ny deltager").click()
        heading(page, "Ny deltager")
        if name == PEOPLE[0][0]:
            check("participant-create")
        field(page, "Navn").fill(name)
        field(page, "E-mail").fill(email)
        field(page, "Baggrund").select_option(label=background)
        field(page, "Faglig kompetence").fill("Kender de ældre i Nordby.")
        if municipal:
            field(page, "Kommunalt ansat").check()
            field(page, "Personaleleders navn").fill("Bente Vang")
        page.get_by_role("button", name="Opret deltager").click()
        heading(page, name)
        assert page.get_by_role("status").get_by_text(f"{name} er oprettet.").is_visible()
        if name == PEOPLE[0][0]:
            check("person-new")

    # Karen joins from her own page: choose the network, then role and date.
    menu(page, "Deltagere").click()
    heading(page, "Deltagere")
    check("participant-list")
    page.get_by_role("link", name="Karen Holm").click()
    heading(page, "Karen Holm")
    page.get_by_role("link", name="Tilføj til et netværk").click()
    heading(page, "Tilføj Karen Holm til et netværk")
    check("membership-choose-network")
    field(page, "Netværk").select_option(label=NETWORK)
    page.get_by_role("button", name="Næste").click()
    page.get_by_role("button", name="Tilføj til netværket").wait_for()
    check("membership-add")
    field(page, "Kernedeltager").check()
    field(page, "Indtrådt").fill(start_date().isoformat())
    page.get_by_role("button", name="Tilføj til netværket").click()
    heading(page, "Karen Holm")
    check("person-member")

    # Jens (core) and Lise (involved in the insight phase) join from the network's side.
    page.get_by_role("table", name="Medlemskaber").get_by_role(
        "link", name=NETWORK, exact=True
    ).click()
    heading(page, NETWORK)
    page.get_by_role("link", name="Tilføj et medlem").click()
    heading(page, f"Tilføj personer til {NETWORK}")
    check("network-member-add")
    for name, role, phases in [
        ("Jens Lund", "Kernedeltager", []),
        ("Lise Berg", "Inddrages løbende", ["1. Indsigt"]),
    ]:
        field(page, "Person").select_option(label=name)
        field(page, role).check()
        for phase in phases:
            field(page, phase).check()
        field(page, "Indtrådt").fill(start_date().isoformat())
        page.get_by_role("button", name="Tilføj til netværket").click()
        page.get_by_role("status").get_by_text(f"{name} er tilføjet").wait_for()
    check("network-member-added")

    # The meeting plan: the proposal of five meetings, the first moved back to a past day.
    page.get_by_role("link", name="Tilbage til netværket").click()
    heading(page, NETWORK)
    page.get_by_role("link", name="Mødeplan", exact=True).click()
    heading(page, f"Mødeplan for {NETWORK}")
    check("meeting-plan")
    assert field(page, "Antal møder").input_value() == "5"
    assert page.locator("fieldset.planned-meeting").count() == 5
    first = page.get_by_role("group", name="Møde 1", exact=True)
    field(first, "Dato").fill(first_meeting_day().isoformat())
    page.get_by_role("button", name="Gem planen").click()
    heading(page, NETWORK)
    assert page.get_by_role("status").get_by_text("5 møder er planlagt").is_visible()

    # The composition panel: the three backgrounds are there, the others are missing.
    composition = page.get_by_role("table", name="Baggrunde")
    for _name, _email, background, _municipal in PEOPLE:
        row = composition.get_by_role("row", name=re.compile(f"^{background}"))
        assert row.get_by_role("cell").inner_text() == "1"
        assert "Manglende perspektiv" not in row.inner_text()
    relatives = composition.get_by_role("row", name=re.compile("^Pårørende"))
    assert "Manglende perspektiv" in relatives.inner_text()
    assert relatives.get_by_role("cell").inner_text() == "0"
    roles = page.get_by_role("table", name="Roller og ansættelse")
    assert roles.get_by_role("row", name="Kernedeltagere").get_by_role("cell").inner_text() == "2"
    involved = roles.get_by_role("row", name="Deltagere der inddrages løbende")
    assert involved.get_by_role("cell").inner_text() == "1"
    check("network-with-plan")

    # The first meeting has passed: register who came.
    page.get_by_role("table", name="Møder").get_by_role("link").first.click()
    heading(page, re.compile("^Netværksmøde 1"))
    check("meeting")
    page.get_by_role("link", name="Registrér fremmøde").click()
    heading(page, "Registrér fremmøde")
    check("attendance")
    answers = {"Karen Holm": "Deltog", "Jens Lund": "Fraværende", "Lise Berg": "Afbud"}
    for name, answer in answers.items():
        page.get_by_role("group", name=re.compile(f"^{name}")).get_by_label(answer).check()
    page.get_by_role("button", name="Gem fremmøde").click()
    page.get_by_role("status").get_by_text("Fremmødet er gemt").wait_for()
    assert page.get_by_text("Fremmøde: 1 deltog · 1 fraværende · 1 afbud").is_visible()
    check("meeting-attendance-saved")
    meeting_url = page.url.split("#")[0]

    # What the user entered is what the database holds.
    network.refresh_from_db()
    assert (network.theme, network.status, network.start_date) == (
        theme,
        Network.Status.ACTIVE,
        start_date(),
    )
    assert network.default_place == "Nordby Bibliotek"
    meetings = list(Meeting.objects.filter(network=network).order_by("starts_at"))
    assert len(meetings) == 5
    assert meetings[0].starts_at == at(first_meeting_day())
    people = {p.name: p for p in Participant.objects.all()}
    assert {name: people[name].get_background_display() for name, *_ in PEOPLE} == {
        name: background for name, _email, background, _m in PEOPLE
    }
    assert people["Karen Holm"].is_municipal_staff
    memberships = {
        m.participant.name: m
        for m in Membership.objects.filter(network=network).select_related("participant")
    }
    assert {name: m.role for name, m in memberships.items()} == {
        "Karen Holm": Membership.Role.CORE,
        "Jens Lund": Membership.Role.CORE,
        "Lise Berg": Membership.Role.INVOLVED,
    }
    assert [p.name for p in memberships["Lise Berg"].phases.all()] == ["Indsigt"]
    assert all(m.joined_on == start_date() for m in memberships.values())
    attendance = {
        i.participant.name: i.attendance
        for i in Invitation.objects.current()
        .filter(meeting=meetings[0])
        .select_related("participant")
    }
    assert attendance == {
        "Karen Holm": Invitation.Attendance.ATTENDED,
        "Jens Lund": Invitation.Attendance.ABSENT,
        "Lise Berg": Invitation.Attendance.EXCUSED,
    }

    # The main pages again, at phone width.
    page.set_viewport_size(PHONE)
    person_url = people["Karen Holm"].get_absolute_url()
    for name, url in [
        ("overview", "/"),
        ("network-list", "/netvaerk/"),
        ("network", network_url),
        ("meeting-plan", f"{network_url}moedeplan/"),
        ("participant-list", "/deltagere/"),
        ("person", person_url),
        ("meeting", meeting_url),
        ("attendance", f"{meeting_url}fremmoede/"),
    ]:
        page.goto(url)
        check(f"{name}-phone")
    assert len(checked) == len(set(checked)) == 27


def test_the_flow_works_with_the_keyboard_alone(page, secretariat_user, theme):
    """Tab, Shift+Tab, Enter, Space, arrow keys and typing — no clicks, nothing filled in."""
    keys = page.keyboard

    def follow(link, then):
        tab_to(page, link)
        keys.press("Enter")
        heading(page, then)

    page.goto("/login/")  # the username field has focus
    keys.type("sekretariat")
    keys.press("Tab")
    keys.type(SECRETARIAT_PASSWORD)
    keys.press("Enter")
    heading(page, "Overblik")

    # A network, started ten weeks ago.
    follow("Netværk", "Netværk")
    follow("Nyt netværk", "Nyt netværk")
    tab_to(page, "Tema", label=True)
    keys.type("Ensomhed")  # a closed list picks the option whose text begins so
    tab_to(page, "Navn", label=True)
    keys.type("Ensome ældre")
    keys.press("Tab")
    keys.type("Ældre, der sidder alene.")
    keys.press("Shift+Tab")  # back to the name, its text selected: type it again, right
    keys.type(NETWORK)
    tab_to(page, "Status", label=True)
    keys.type("Ak")
    tab_to(page, "Startdato", label=True)
    type_date(page, start_date())
    tab_to(page, "Opret netværk")
    keys.press("Enter")
    heading(page, NETWORK)

    # A person: municipal staff, with a line manager.
    follow("Deltagere", "Deltagere")
    follow("Ny deltager", "Ny deltager")
    tab_to(page, "Navn", label=True)
    keys.type("Mona Dahl")
    keys.press("Tab")
    keys.type("mona.dahl@nordby.dk")
    tab_to(page, "Baggrund", label=True)
    keys.type("Kom")
    tab_to(page, "Kommunalt ansat", label=True)
    keys.press("Space")
    keys.press("Tab")
    keys.type("Bente Vang")
    tab_to(page, "Opret deltager")
    keys.press("Enter")
    heading(page, "Mona Dahl")

    # She joins the network from her page: involved in the insight phase, since the start.
    follow("Tilføj til et netværk", "Tilføj Mona Dahl til et netværk")
    tab_to(page, "Netværk", label=True)
    keys.type("Ensomme")
    tab_to(page, "Næste")
    keys.press("Enter")
    page.get_by_role("button", name="Tilføj til netværket").wait_for()
    tab_to(page, "Kernedeltager", label=True)
    keys.press("ArrowDown")  # the next role in the group: involved
    tab_to(page, "1. Indsigt", label=True)
    keys.press("Space")
    tab_to(page, "Indtrådt", label=True)
    type_date(page, start_date())
    tab_to(page, "Tilføj til netværket")
    keys.press("Enter")
    heading(page, "Mona Dahl")

    # The meeting plan, its first meeting moved back to a day that has passed.
    follow(NETWORK, NETWORK)
    follow("Mødeplan", f"Mødeplan for {NETWORK}")
    tab_to(page, "Dato", label=True)  # meeting 1's
    type_date(page, first_meeting_day())
    tab_to(page, "Gem planen")
    keys.press("Enter")
    heading(page, NETWORK)

    # Attendance at the first meeting: she sent word she could not come.
    follow("Netværksmøde 1: Indsigt", "Netværksmøde 1: Indsigt")
    follow("Registrér fremmøde", "Registrér fremmøde")
    tab_to(page, "Deltog", label=True)
    keys.press("ArrowRight")
    keys.press("ArrowRight")
    tab_to(page, "Gem fremmøde")
    keys.press("Enter")
    page.get_by_role("status").get_by_text("Fremmødet er gemt").wait_for()

    network = Network.objects.get(name=NETWORK)
    assert (network.theme, network.status, network.start_date) == (
        theme,
        Network.Status.ACTIVE,
        start_date(),
    )
    person = Participant.objects.get(email="mona.dahl@nordby.dk")
    assert (person.name, person.background, person.is_municipal_staff, person.manager_name) == (
        "Mona Dahl",
        Participant.Background.MUNICIPAL_STAFF,
        True,
        "Bente Vang",
    )
    membership = Membership.objects.get(network=network, participant=person)
    assert (membership.role, membership.joined_on) == (Membership.Role.INVOLVED, start_date())
    assert [phase.name for phase in membership.phases.all()] == ["Indsigt"]
    meetings = list(network.meetings.order_by("starts_at"))
    assert len(meetings) == 5
    assert meetings[0].starts_at == at(first_meeting_day())
    invitation = Invitation.objects.get(meeting=meetings[0], participant=person)
    assert invitation.attendance == Invitation.Attendance.EXCUSED
