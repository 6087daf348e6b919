"""The secretariat's participant pages: the list with search and filters, a person's page,
create and edit with duplicate detection, memberships from the UI, archive versus delete,
who may open them, and what each page costs in queries."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from meetings.models import Invitation
from meetings.services import attendance_register, invitation_respond
from meetings.tests.factories import (
    InvitationFactory,
    MeetingFactory,
    PreparationTaskFactory,
    TaskAssignmentFactory,
    at,
)
from netvaerk.tests.factories import NetworkFactory
from participants import services
from participants.models import Membership, Participant
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def network():
    return NetworkFactory(name="Ensomme ældre", start_date=TODAY() - datetime.timedelta(days=60))


def phase(network, order):
    return network.phases.get(order=order)


def listed(response) -> list[str]:
    return [person.name for person in response.context["participants"]]


def form_data(**overrides) -> dict:
    data = {
        "name": "Birgitte Holm",
        "email": "birgitte.holm@example.dk",
        "phone": "+45 20 30 40 50",
        "organisation": "Ældreplejen Nord",
        "background": Participant.Background.MUNICIPAL_STAFF,
        "language": "da",
        "competence_professional": "Sygeplejerske",
        "competence_personal": "",
        "competence_methodical": "",
        "perspective": "Medarbejderens blik på hverdagen",
        "motivation": "",
        "is_municipal_staff": "on",
        "manager_name": "Lone Berg",
        "manager_email": "lone.berg@example.dk",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- List ------------------------------------------------------------------------------------


def test_list_shows_organisation_background_staff_and_networks_with_role(staff, network):
    person = ParticipantFactory(
        name="Karen Lund",
        organisation="Ældresagen",
        background=Participant.Background.INTEREST_ORGANISATION,
    )
    MembershipFactory(participant=person, network=network, is_co_driver=True)
    response = staff.get("/deltagere/")
    assert response.status_code == 200
    row = response.text.split("Karen Lund", 1)[1].split("</tr>", 1)[0]
    assert "Ældresagen" in row
    assert str(Participant.Background.INTEREST_ORGANISATION.label) in row
    assert "Ensomme ældre" in row
    assert str(Membership.Role.CORE.label).lower() in row
    assert person.get_absolute_url() in response.text


def test_list_does_not_show_networks_the_person_has_left(staff, network):
    person = ParticipantFactory(name="Ole Gammel")
    MembershipFactory(participant=person, network=network, left_on=TODAY())
    response = staff.get("/deltagere/")
    row = response.text.split("Ole Gammel", 1)[1].split("</tr>", 1)[0]
    assert "Ensomme ældre" not in row


@pytest.mark.parametrize(
    "query", ["hansen", "JH@HANSEN", "lokalrådet", "Jens hansen", "jens lokal"]
)
def test_search_matches_every_word_in_name_email_or_organisation(staff, query):
    ParticipantFactory(name="Jens Hansen", email="jh@hansen.example.dk", organisation="Lokalrådet")
    ParticipantFactory(name="Mette Friis", email="mf@example.dk", organisation="Skolen")
    assert listed(staff.get("/deltagere/", {"q": query})) == ["Jens Hansen"]


def test_filters_by_background(staff):
    ParticipantFactory(name="Forsker", background=Participant.Background.RESEARCHER)
    ParticipantFactory(name="Borger", background=Participant.Background.CITIZEN)
    response = staff.get("/deltagere/", {"background": "researcher"})
    assert listed(response) == ["Forsker"]


def test_network_and_role_filters_mean_the_same_membership(staff, network):
    other = NetworkFactory()
    core_here = MembershipFactory(network=network, participant__name="A Kerne").participant
    involved_here = MembershipFactory(
        network=network,
        participant__name="B Inddraget",
        role=Membership.Role.INVOLVED,
        phases=[phase(network, 1)],
    ).participant
    # Core elsewhere and involved here: not a core participant of this network.
    MembershipFactory(network=other, participant=involved_here)
    MembershipFactory(network=other, participant__name="C Andet netværk")

    assert listed(staff.get("/deltagere/", {"network": network.pk})) == [
        "A Kerne",
        "B Inddraget",
    ]
    assert listed(staff.get("/deltagere/", {"network": network.pk, "role": "core"})) == [
        core_here.name
    ]
    assert listed(staff.get("/deltagere/", {"network": network.pk, "role": "involved"})) == [
        involved_here.name
    ]
    assert listed(staff.get("/deltagere/", {"role": "core"})) == [
        "A Kerne",
        "B Inddraget",
        "C Andet netværk",
    ]


def test_co_driver_filter_lists_the_co_drivers(staff, network):
    MembershipFactory(network=network, participant__name="Tovholder", is_co_driver=True)
    MembershipFactory(network=network, participant__name="Menig")
    assert listed(staff.get("/deltagere/", {"role": "co_driver"})) == ["Tovholder"]


def test_network_filter_offers_the_network_exports(staff, network):
    response = staff.get("/deltagere/", {"network": network.pk})
    assert reverse("exports:members_csv", args=[network.pk]) in response.text
    assert reverse("exports:attendance_xlsx", args=[network.pk]) in response.text


def test_archived_people_are_hidden_unless_a_filter_asks(staff):
    ParticipantFactory(name="Aktiv")
    ParticipantFactory(name="Arkiveret", archived_at=timezone.now())
    assert listed(staff.get("/deltagere/")) == ["Aktiv"]
    assert listed(staff.get("/deltagere/", {"q": "arkiv"})) == []
    assert listed(staff.get("/deltagere/", {"status": "archived"})) == ["Arkiveret"]
    assert listed(staff.get("/deltagere/", {"status": "all"})) == ["Aktiv", "Arkiveret"]


def test_pagination_keeps_the_filters(staff):
    for number in range(55):
        ParticipantFactory(name=f"Borger {number:02}", background="citizen")
    ParticipantFactory(name="Forsker", background="researcher")
    first = staff.get("/deltagere/", {"background": "citizen"})
    assert len(first.context["participants"]) == 50
    assert "background=citizen&amp;page=2" in first.text
    second = staff.get("/deltagere/", {"background": "citizen", "page": 2})
    assert listed(second) == [f"Borger {number:02}" for number in range(50, 55)]


@pytest.mark.parametrize(
    "params",
    [
        {"background": "astronaut"},
        {"network": "abc"},
        {"network": "999999"},
        {"role": "king"},
        {"status": "deleted"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"q": "x" * 500},
        {"q": "\x00"},
    ],
)
def test_bad_parameters_are_ignored(staff, params):
    ParticipantFactory(name="Synlig")
    response = staff.get("/deltagere/", params)
    assert response.status_code == 200
    if "q" not in params:
        assert listed(response) == ["Synlig"]


def _people_in_networks(count: int) -> None:
    networks = NetworkFactory.create_batch(3)
    for number in range(count):
        person = ParticipantFactory(is_municipal_staff=number % 2 == 0)
        for network in networks[: 1 + number % 3]:
            MembershipFactory(network=network, participant=person)


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured.captured_queries)


def test_list_costs_the_same_queries_for_3_and_30_people(staff, django_assert_num_queries):
    _people_in_networks(3)
    few = _queries(staff, "/deltagere/")
    _people_in_networks(27)
    many = _queries(staff, "/deltagere/")
    filtered = _queries(staff, "/deltagere/", {"q": "e", "role": "core"})
    assert len(staff.get("/deltagere/").context["participants"]) == 30
    assert few == many == filtered
    # session, user, groups; the network choices; count, page, memberships with networks
    with django_assert_num_queries(7):
        staff.get("/deltagere/")


# --- A person's page -------------------------------------------------------------------------


@pytest.fixture
def person_with_history(network):
    """A core participant with a past meeting (attended), another past one (excused), a
    coming one (answered yes with a comment) and two preparation tasks."""
    person = ParticipantFactory(
        name="Hanne Vestergaard",
        email="hanne@example.dk",
        phone="+45 11 22 33 44",
        organisation="Hjemmeplejen",
        background=Participant.Background.MUNICIPAL_STAFF,
        is_municipal_staff=True,
        manager_name="Leder Lis",
        manager_email="lis@example.dk",
        competence_professional="Social- og sundhedsassistent",
        perspective="Hverdagen i hjemmeplejen",
        motivation="Vil gøre en forskel",
    )
    MembershipFactory(
        network=network,
        participant=person,
        manager_agreement=Membership.ManagerAgreement.AGREED,
        is_co_driver=True,
    )
    past_days = [TODAY() - datetime.timedelta(days=days) for days in (40, 20)]
    first, second = (
        MeetingFactory(network=network, title=title, starts_at=at(day), ends_at=at(day, 12))
        for title, day in zip(["Opstart", "Indsigtsmøde"], past_days, strict=True)
    )
    attended = first.invitations.get(participant=person)  # invited as a core member
    excused = second.invitations.get(participant=person)
    attendance_register(invitation=attended, attendance=Invitation.Attendance.ATTENDED)
    attendance_register(invitation=excused, attendance=Invitation.Attendance.EXCUSED)
    coming = MeetingFactory(network=network, title="Idéværksted")
    invitation_respond(
        invitation=coming.invitations.get(participant=person),
        response="yes",
        comment="Kommer lidt senere",
    )
    task = PreparationTaskFactory(meeting=coming, title="Læs rapporten")
    TaskAssignmentFactory(task=task, participant=person, done_at=timezone.now())
    overdue = PreparationTaskFactory(
        meeting=coming, title="Forbered oplæg", due_date=TODAY() - datetime.timedelta(days=1)
    )
    TaskAssignmentFactory(task=overdue, participant=person)
    return person


def test_person_page_shows_details_memberships_meetings_attendance_and_tasks(
    staff, person_with_history
):
    response = staff.get(person_with_history.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    for shown in [
        "Hanne Vestergaard",
        "hanne@example.dk",
        "+45 11 22 33 44",
        "Hjemmeplejen",
        "Leder Lis",
        "lis@example.dk",
        "Social- og sundhedsassistent",
        "Hverdagen i hjemmeplejen",
        "Vil gøre en forskel",
        "Ensomme ældre",
        str(Membership.ManagerAgreement.AGREED.label),
        "Opstart",
        "Indsigtsmøde",
        "Idéværksted",
        "Kommer lidt senere",
        str(Invitation.Attendance.ATTENDED.label),
        str(Invitation.Attendance.EXCUSED.label),
        "Læs rapporten",
        "Forbered oplæg",
        escape(gettext("No – overdue")),
    ]:
        assert shown in text, shown
    history = response.context["history"]
    assert (history.attended, history.absent, history.excused) == (1, 0, 1)
    assert [row.meeting.title for row in history.upcoming] == ["Idéværksted"]
    assert [row.meeting.title for row in history.past] == ["Indsigtsmøde", "Opstart"]
    # A person with history is offered archiving, not deletion.
    assert reverse("participants:archive", args=[person_with_history.pk]) in text
    assert reverse("participants:delete", args=[person_with_history.pk]) not in text


def test_person_page_of_someone_unknown_is_404(staff):
    assert staff.get("/deltagere/999999/").status_code == 404


def test_person_page_costs_the_same_queries_with_3_and_30_of_everything(
    staff, network, django_assert_num_queries
):
    person = ParticipantFactory()
    networks = [network, *NetworkFactory.create_batch(2)]

    def add(count):
        for number in range(count):
            meeting = MeetingFactory(network=networks[number % 3])
            invitation = InvitationFactory(meeting=meeting, participant=person)
            task = PreparationTaskFactory(meeting=meeting)
            TaskAssignmentFactory(task=task, participant=invitation.participant)

    def cost():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(person.get_absolute_url()).status_code == 200
        return len(captured.captured_queries)

    for other in networks:  # ended before the meetings, so invitations are extra ones
        MembershipFactory(network=other, participant=person, left_on=other.start_date)
    add(3)
    few = cost()
    add(27)
    assert cost() == few
    # session, user, groups; person; memberships, phases, invitations, tasks; network invitations
    with django_assert_num_queries(9):
        staff.get(person.get_absolute_url())


# --- Create and edit -------------------------------------------------------------------------


def test_create_saves_the_person_and_shows_their_page(staff):
    response = staff.post("/deltagere/ny/", form_data(email=" Birgitte.Holm@Example.DK "))
    person = Participant.objects.get()
    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    assert person.email == "birgitte.holm@example.dk"
    assert person.manager_name == "Lone Berg"
    assert person.is_municipal_staff


def test_create_with_an_existing_email_in_another_case_is_refused_with_a_link(staff):
    existing = ParticipantFactory(name="Birgitte H.", email="birgitte.holm@example.dk")
    response = staff.post("/deltagere/ny/", form_data(email="BIRGITTE.Holm@example.dk"))
    assert response.status_code == 200
    assert Participant.objects.count() == 1
    assert response.context["form"].duplicate == existing
    assert existing.get_absolute_url() in response.text
    message = gettext("%(name)s already has this email address; nothing was saved.")
    assert escape(message % {"name": "Birgitte H."}) in response.text


def test_a_duplicate_created_meanwhile_gets_the_same_message_not_an_error(staff, monkeypatch):
    """Two people create the same person at once: both forms find no duplicate, the database
    constraint stops the second insert, and the page says so like the form would."""
    from meetings.forms.participants import ParticipantForm

    def created_meanwhile(self, email):
        if not Participant.objects.filter(email=email).exists():
            Participant.objects.create(name="Den anden", email=email, background="citizen")
            return None
        return Participant.objects.get(email=email)

    calls = []

    def find_duplicate(self, email):
        calls.append(email)
        return created_meanwhile(self, email) if len(calls) == 1 else original(self, email)

    original = ParticipantForm.find_duplicate
    monkeypatch.setattr(ParticipantForm, "find_duplicate", find_duplicate)
    monkeypatch.setattr(Participant, "validate_constraints", lambda self, exclude=None: None)
    response = staff.post("/deltagere/ny/", form_data())
    assert response.status_code == 200
    assert list(Participant.objects.values_list("name", flat=True)) == ["Den anden"]
    message = gettext("%(name)s already has this email address; nothing was saved.")
    assert escape(message % {"name": "Den anden"}) in response.text


def test_the_service_turns_a_racing_duplicate_into_a_validation_error(monkeypatch):
    from django.core.exceptions import ValidationError

    ParticipantFactory(email="dup@example.dk")
    monkeypatch.setattr(Participant, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as raised:
        services.participant_create(name="Ny", email="DUP@example.dk", background="citizen")
    assert "email" in raised.value.message_dict
    assert Participant.objects.count() == 1


def test_other_integrity_errors_are_not_disguised(monkeypatch):
    monkeypatch.setattr(
        Participant, "save", lambda self, *a, **k: (_ for _ in ()).throw(IntegrityError("x"))
    )
    with pytest.raises(IntegrityError):
        services.participant_create(name="Ny", email="ny@example.dk", background="citizen")


def test_edit_changes_the_details_and_keeps_the_own_email_in_any_case(staff):
    person = ParticipantFactory(name="Birgitte", email="birgitte.holm@example.dk")
    response = staff.post(
        f"/deltagere/{person.pk}/rediger/",
        form_data(name="Birgitte Holm-Jensen", email="Birgitte.Holm@example.dk"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Birgitte Holm-Jensen"
    assert person.email == "birgitte.holm@example.dk"


def test_edit_to_another_persons_email_is_refused(staff):
    ParticipantFactory(name="Første", email="first@example.dk")
    person = ParticipantFactory(name="Anden", email="second@example.dk")
    response = staff.post(
        f"/deltagere/{person.pk}/rediger/", form_data(name="Ændret", email="FIRST@example.dk")
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.name, person.email) == ("Anden", "second@example.dk")


def test_a_line_manager_is_only_registered_for_municipal_staff(staff):
    response = staff.post(
        "/deltagere/ny/", form_data(is_municipal_staff=None, background="citizen")
    )
    assert response.status_code == 200
    assert "manager_name" in response.context["form"].errors
    assert not Participant.objects.exists()


def test_create_form_renders_every_field_with_a_label(staff):
    response = staff.get("/deltagere/ny/")
    for name in ["name", "email", "phone", "manager_name", "manager_email", "perspective"]:
        assert f'for="id_{name}"' in response.text


# --- Memberships -----------------------------------------------------------------------------


def test_adding_a_person_first_asks_for_the_network_then_offers_its_phases(staff, network):
    other = NetworkFactory(name="Unge i job")
    person = ParticipantFactory()
    choose = staff.get(f"/deltagere/{person.pk}/netvaerk/tilfoej/")
    assert choose.context["form"] is None
    assert "Unge i job" in choose.text
    form = staff.get(f"/deltagere/{person.pk}/netvaerk/tilfoej/", {"network": network.pk})
    offered = set(form.context["form"].fields["phases"].queryset)
    assert offered == set(network.phases.all())
    assert not offered & set(other.phases.all())


def test_add_to_network_as_core_participant_invites_to_coming_meetings(staff, network):
    meeting = MeetingFactory(network=network)
    person = ParticipantFactory(is_municipal_staff=True)
    response = staff.post(
        f"/deltagere/{person.pk}/netvaerk/tilfoej/?network={network.pk}",
        {
            "role": "core",
            "is_co_driver": "on",
            "manager_agreement": "pending",
            "joined_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(participant=person)
    assert (membership.network, membership.role, membership.is_co_driver) == (
        network,
        "core",
        True,
    )
    assert membership.manager_agreement == "pending"
    assert meeting.invitations.current().filter(participant=person).exists()


def test_an_involved_participant_without_a_phase_is_refused(staff, network):
    person = ParticipantFactory()
    response = staff.post(
        f"/deltagere/{person.pk}/netvaerk/tilfoej/?network={network.pk}",
        {"role": "involved", "manager_agreement": "not_needed", "joined_on": TODAY().isoformat()},
    )
    assert response.status_code == 200
    assert not Membership.objects.exists()
    message = gettext("An involved participant takes part in at least one phase.")
    assert escape(message) in response.text


def test_a_phase_of_another_network_is_refused(staff, network):
    other = NetworkFactory()
    person = ParticipantFactory()
    response = staff.post(
        f"/deltagere/{person.pk}/netvaerk/tilfoej/?network={network.pk}",
        {
            "role": "involved",
            "phases": [phase(other, 2).pk],
            "manager_agreement": "not_needed",
            "joined_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "phases" in response.context["form"].errors
    assert not Membership.objects.exists()


def test_adding_someone_twice_to_a_network_is_refused(staff, network):
    membership = MembershipFactory(network=network)
    response = staff.post(
        f"/deltagere/netvaerk/{network.pk}/tilfoej/",
        {
            "participant": membership.participant.pk,
            "role": "core",
            "manager_agreement": "not_needed",
            "joined_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 200
    assert Membership.objects.count() == 1


def test_people_are_added_from_the_network_side_with_role_and_phases(staff, network):
    person = ParticipantFactory(name="Forsker Frida")
    MembershipFactory(network=network, participant__name="Allerede Med")
    ParticipantFactory(name="Arkiveret Arne", archived_at=timezone.now())
    page = staff.get(f"/deltagere/netvaerk/{network.pk}/tilfoej/")
    choices = [str(choice) for choice in page.context["form"].fields["participant"].queryset]
    assert choices == ["Forsker Frida"]
    response = staff.post(
        f"/deltagere/netvaerk/{network.pk}/tilfoej/",
        {
            "participant": person.pk,
            "role": "involved",
            "phases": [phase(network, 2).pk, phase(network, 3).pk],
            "manager_agreement": "not_needed",
            "joined_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    assert response.url == f"/deltagere/netvaerk/{network.pk}/tilfoej/"
    membership = Membership.objects.get(participant=person)
    assert {p.order for p in membership.phases.all()} == {2, 3}


def test_from_the_network_side_municipal_staff_get_a_pending_agreement_by_default(staff, network):
    staff_member = ParticipantFactory(is_municipal_staff=True)
    citizen = ParticipantFactory()
    for person in (staff_member, citizen):
        response = staff.post(
            f"/deltagere/netvaerk/{network.pk}/tilfoej/",
            {
                "participant": person.pk,
                "role": "core",
                "manager_agreement": "",
                "joined_on": TODAY().isoformat(),
            },
        )
        assert response.status_code == 302
    agreements = dict(Membership.objects.values_list("participant", "manager_agreement"))
    assert agreements == {staff_member.pk: "pending", citizen.pk: "not_needed"}


def test_changing_the_role_keeps_responses_and_attendance(staff, network):
    person = ParticipantFactory()
    membership = MembershipFactory(network=network, participant=person)
    coming = MeetingFactory(network=network, phase=phase(network, 1))
    later = MeetingFactory(network=network, phase=phase(network, 3))
    invitation_respond(
        invitation=coming.invitations.get(participant=person), response="yes", comment="Glæder mig"
    )
    past_day = TODAY() - datetime.timedelta(days=7)
    past = MeetingFactory(network=network, starts_at=at(past_day), ends_at=at(past_day, 12))
    attended = past.invitations.get(participant=person)
    attendance_register(invitation=attended, attendance="attended")

    response = staff.post(
        f"/deltagere/medlemskab/{membership.pk}/rediger/",
        {"role": "involved", "phases": [phase(network, 1).pk], "manager_agreement": "agreed"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "involved"
    assert membership.manager_agreement == "agreed"
    kept = coming.invitations.get(participant=person)
    assert (kept.response, kept.response_comment, kept.withdrawn_at) == ("yes", "Glæder mig", None)
    assert later.invitations.get(participant=person).withdrawn_at is not None
    assert past.invitations.get(participant=person).attendance == "attended"


def test_changing_to_involved_without_phases_changes_nothing(staff, network):
    membership = MembershipFactory(network=network)
    response = staff.post(
        f"/deltagere/medlemskab/{membership.pk}/rediger/",
        {"role": "involved", "manager_agreement": "agreed", "is_co_driver": "on"},
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert (membership.role, membership.manager_agreement, membership.is_co_driver) == (
        "core",
        "not_needed",
        False,
    )


def test_ending_a_membership_asks_first_and_stops_coming_invitations(staff, network):
    membership = MembershipFactory(network=network)
    meeting = MeetingFactory(network=network)
    url = f"/deltagere/medlemskab/{membership.pk}/afslut/"
    confirm = staff.get(url)
    assert confirm.status_code == 200
    assert 'method="post"' in confirm.text
    membership.refresh_from_db()
    assert membership.left_on is None

    response = staff.post(url, {"left_on": TODAY().isoformat()})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == TODAY()
    assert not meeting.invitations.current().filter(participant=membership.participant).exists()
    # Once ended, the page says so instead of ending it again.
    assert staff.get(url).status_code == 302


def test_ending_a_membership_that_has_not_begun_proposes_its_first_day(staff, network):
    starts = TODAY() + datetime.timedelta(days=10)
    membership = MembershipFactory(network=network, joined_on=starts)
    response = staff.get(f"/deltagere/medlemskab/{membership.pk}/afslut/")
    assert response.context["form"]["left_on"].value() == starts


def test_a_membership_cannot_end_before_it_began(staff, network):
    membership = MembershipFactory(network=network)
    response = staff.post(
        f"/deltagere/medlemskab/{membership.pk}/afslut/",
        {"left_on": (network.start_date - datetime.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.left_on is None


@pytest.mark.parametrize("left_on", ["", "31.02.2026", "i morgen"])
def test_a_bad_end_date_is_a_message_not_an_error(staff, network, left_on):
    membership = MembershipFactory(network=network)
    response = staff.post(f"/deltagere/medlemskab/{membership.pk}/afslut/", {"left_on": left_on})
    assert response.status_code == 200
    assert response.context["form"].errors


# --- Archive, never hard-delete --------------------------------------------------------------


def test_a_person_with_history_is_archived_and_kept(staff, network):
    membership = MembershipFactory(network=network, participant__name="Historisk Hans")
    person = membership.participant
    meeting = MeetingFactory(network=network)

    assert staff.get(f"/deltagere/{person.pk}/slet/").status_code == 302
    staff.post(f"/deltagere/{person.pk}/slet/")
    assert Participant.objects.filter(pk=person.pk).exists()

    response = staff.post(f"/deltagere/{person.pk}/arkiver/")
    assert response.status_code == 302
    person.refresh_from_db()
    membership.refresh_from_db()
    assert person.archived_at is not None
    assert membership.left_on == TODAY()
    assert not meeting.invitations.current().filter(participant=person).exists()
    assert "Historisk Hans" not in listed(staff.get("/deltagere/"))
    assert staff.get(person.get_absolute_url()).status_code == 200


def test_an_archived_person_can_be_shown_again(staff):
    person = ParticipantFactory(archived_at=timezone.now())
    assert staff.get(f"/deltagere/{person.pk}/genaktiver/").status_code == 405
    staff.post(f"/deltagere/{person.pk}/genaktiver/")
    person.refresh_from_db()
    assert person.archived_at is None


def test_a_person_without_history_may_be_deleted(staff):
    person = ParticipantFactory()
    page = staff.get(person.get_absolute_url())
    assert reverse("participants:delete", args=[person.pk]) in page.text
    assert reverse("participants:archive", args=[person.pk]) not in page.text
    assert staff.get(f"/deltagere/{person.pk}/slet/").status_code == 200
    response = staff.post(f"/deltagere/{person.pk}/slet/")
    assert response.url == "/deltagere/"
    assert not Participant.objects.filter(pk=person.pk).exists()


def test_an_invitation_alone_is_history():
    invitation = InvitationFactory()
    assert services.participant_has_history(invitation.participant)
    assert not services.participant_has_history(ParticipantFactory())


# --- Who may open the pages ------------------------------------------------------------------


def _participant_urls() -> list[str]:
    network = NetworkFactory()
    membership = MembershipFactory(network=network)
    pk = membership.participant.pk
    return [
        "/deltagere/",
        "/deltagere/ny/",
        f"/deltagere/{pk}/",
        f"/deltagere/{pk}/rediger/",
        f"/deltagere/{pk}/arkiver/",
        f"/deltagere/{pk}/slet/",
        f"/deltagere/{pk}/netvaerk/tilfoej/",
        f"/deltagere/medlemskab/{membership.pk}/rediger/",
        f"/deltagere/medlemskab/{membership.pk}/afslut/",
        f"/deltagere/netvaerk/{network.pk}/tilfoej/",
    ]


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in [*_participant_urls(), "/deltagere/999999/rediger/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/login/"), url


def test_a_signed_in_participant_is_refused(client):
    user = User.objects.create_user("borger")
    MembershipFactory(participant__user=user)
    client.force_login(user)
    for url in [*_participant_urls(), "/deltagere/999999/rediger/"]:
        assert client.get(url).status_code == 403, url


def test_a_co_driver_is_refused_the_participant_pages_and_changes_nothing(client):
    user = User.objects.create_user("tovholder")
    own = MembershipFactory(participant__user=user, is_co_driver=True)
    client.force_login(user)
    for url in _participant_urls():
        assert client.get(url).status_code == 403, url
    assert client.post("/deltagere/ny/", form_data()).status_code == 403
    assert client.post(f"/deltagere/{own.participant.pk}/arkiver/").status_code == 403
    assert not Participant.objects.filter(email="birgitte.holm@example.dk").exists()
    own.participant.refresh_from_db()
    assert own.participant.archived_at is None


def test_the_secretariat_opens_every_participant_page(staff):
    for url in _participant_urls():
        assert staff.get(url).status_code in (200, 302), url
