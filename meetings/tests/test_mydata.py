"""The participant's own data ("Mine oplysninger"): editing details and reminder choices, the
consent to be shown to fellow participants, the JSON download, asking to be removed — and the
secretariat's side of it: the person page's download and anonymisation, the dashboard's list of
removal requests, and the record of processing."""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation
from meetings.mydata import participant_data
from meetings.privacy import processing_record, unplaced_participant_fields
from meetings.services import attendance_register, invitation_respond
from meetings.tests.factories import (
    DeliveryFactory,
    MeetingFactory,
    PreparationTaskFactory,
    TaskAssignmentFactory,
    at,
)
from netvaerk.tests.factories import NetworkFactory
from participants.consent import CURRENT_VERSION, has_consent
from participants.models import Consent, NetworkInvitation, Participant
from participants.tests.factories import (
    ConsentFactory,
    MembershipFactory,
    NetworkInvitationFactory,
    ParticipantFactory,
    SignInLinkFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
INDEX = "/mine-oplysninger/"


def log_in_as(client, person: Participant) -> Client:
    user = User.objects.create_user(f"deltager-{person.pk}")
    person.user = user
    person.save(update_fields=["user"])
    client.force_login(user)
    return client


@pytest.fixture
def network():
    return NetworkFactory(
        name="Unge og overgange", start_date=TODAY() - datetime.timedelta(days=60)
    )


@pytest.fixture
def person(network):
    person = ParticipantFactory(
        name="Mette Skov",
        email="mette@example.dk",
        organisation="Forældrenetværket",
        perspective="Mor til en ung på vej ud af skolen",
        calendar_token="k" * 40,
    )
    MembershipFactory(network=network, participant=person)
    ConsentFactory(participant=person, kind=Consent.Kind.PROCESSING)
    return person


@pytest.fixture
def me(client, person) -> Client:
    return log_in_as(client, person)


@pytest.fixture
def other(network):
    other = ParticipantFactory(name="Ole Andersen", email="ole@example.dk", phone="+45 11 22 33 44")
    MembershipFactory(network=network, participant=other)
    return other


def details(**overrides) -> dict:
    return {
        "name": "Mette Skov Hansen",
        "email": "mette.hansen@example.dk",
        "phone": "+45 40 50 60 70",
        "organisation": "",
        "language": "da",
        "perspective": "Pårørende",
        "competence_professional": "",
        "competence_personal": "Har været igennem det selv",
        "competence_methodical": "",
        "motivation": "At andre får det lettere",
        **overrides,
    }


# --- Who may open the pages -------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_sign_in_page(client):
    for name in ("mydata:index", "mydata:export", "mydata:removal"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("signin:request"))


def test_a_staff_login_without_a_participant_record_gets_403(staff):
    assert staff.get(INDEX).status_code == 403
    assert staff.get(reverse("mydata:export")).status_code == 403


def test_a_participant_cannot_open_the_secretariats_copy_of_another_persons_data(me, other):
    for name in ("participants:data_export", "participants:anonymise"):
        response = me.get(reverse(name, args=[other.pk]))
        assert response.status_code == 403
        assert "Ole" not in response.content.decode()


def test_another_persons_id_in_the_query_or_form_changes_nothing(me, person, other):
    me.post(reverse("mydata:reminders"), {"participant": other.pk, "pk": other.pk})
    me.post(reverse("mydata:removal"), {"action": "request", "participant": other.pk})
    other.refresh_from_db()
    assert other.wants_meeting_reminders and other.removal_requested_at is None
    body = me.get(reverse("mydata:export"), {"pk": other.pk}).content.decode()
    assert "Ole" not in body and "Mette" in body


def test_every_form_refuses_a_post_without_the_csrf_token(person):
    client = log_in_as(Client(enforce_csrf_checks=True), person)
    for name, data in (
        ("mydata:index", details()),
        ("mydata:reminders", {}),
        ("mydata:consent", {"action": "give"}),
        ("mydata:removal", {"action": "request"}),
    ):
        assert client.post(reverse(name), data).status_code == 403, name
    person.refresh_from_db()
    assert person.name == "Mette Skov" and person.removal_requested_at is None
    assert person.wants_meeting_reminders


# --- Details ------------------------------------------------------------------------------------


def test_the_page_shows_the_persons_details_and_what_they_agreed_to(me, person):
    response = me.get(INDEX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mine oplysninger" in body
    assert 'value="Mette Skov"' in body
    assert "Du deltager som: <strong>Borger</strong>" in body
    assert f"Du sagde ja til tekstens version {CURRENT_VERSION}" in body
    assert "Ja tak: vis mit navn" in body


def test_edited_details_are_saved(me, person):
    response = me.post(INDEX, details())
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Mette Skov Hansen"
    assert person.email == "mette.hansen@example.dk"
    assert person.phone == "+45 40 50 60 70"
    assert person.organisation == ""
    assert "Dine oplysninger er gemt." in me.get(INDEX).content.decode()


def test_an_email_someone_else_has_gives_a_danish_error_and_saves_nothing(me, person, other):
    response = me.post(INDEX, details(email="OLE@example.dk"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "En anden person i netværksstrukturen bruger allerede denne e-mailadresse" in body
    assert "Ole" not in body  # who has it is not revealed
    assert "Intet blev gemt" in body
    person.refresh_from_db()
    assert (person.name, person.email) == ("Mette Skov", "mette@example.dk")


def test_an_empty_name_and_a_broken_email_save_nothing(me, person):
    response = me.post(INDEX, details(name="", email="ikke-en-adresse"))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "email"}
    body = response.content.decode()
    assert "Dette felt er påkrævet." in body
    assert "Indtast en gyldig e-mail-adresse." in body
    person.refresh_from_db()
    assert (person.name, person.email) == ("Mette Skov", "mette@example.dk")


def test_reminder_choices_are_saved(me, person):
    response = me.post(
        reverse("mydata:reminders"),
        {"wants_meeting_reminders": "on", "wants_task_reminders": "on"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.wants_meeting_reminders and person.wants_task_reminders
    assert not person.wants_response_reminders and not person.wants_follow_up_reminders


def test_the_reminder_form_explains_that_invitations_and_changes_always_come(me):
    body = me.get(INDEX).content.decode()
    assert "Invitationer til møder og besked om, at et møde er flyttet eller aflyst" in body
    assert "Mind mig om mine forberedelsesopgaver" in body


# --- Consent ------------------------------------------------------------------------------------


def test_showing_my_name_can_be_given_and_withdrawn_and_the_history_stays(me, person):
    me.post(reverse("mydata:consent"), {"action": "give"})
    assert has_consent(person, Consent.Kind.SHOW_TO_PEERS)
    consent = person.consents.get(kind=Consent.Kind.SHOW_TO_PEERS)
    assert consent.text_version == CURRENT_VERSION
    body = me.get(INDEX).content.decode()
    assert "Træk tilbage: vis ikke mit navn" in body
    me.post(reverse("mydata:consent"), {"action": "withdraw"})
    assert not has_consent(person, Consent.Kind.SHOW_TO_PEERS)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert "Tidligere samtykker" in me.get(INDEX).content.decode()


def test_an_unknown_consent_action_changes_nothing(me, person):
    me.post(reverse("mydata:consent"), {"action": "delete-everything"})
    assert person.consents.count() == 1


# --- Export -------------------------------------------------------------------------------------


@pytest.fixture
def history(person, other, network):
    meeting = MeetingFactory(
        network=network, title="Kick-off", starts_at=at(TODAY() - datetime.timedelta(days=7))
    )
    for who, comment in ((person, "Jeg kommer lidt senere"), (other, "Oles hemmelige note")):
        invitation = Invitation.objects.get(meeting=meeting, participant=who)
        invitation_respond(invitation=invitation, response="yes", comment=comment)
        attendance_register(invitation=invitation, attendance="attended")
    task = PreparationTaskFactory(meeting=meeting, title="Fortæl om jeres erfaringer")
    TaskAssignmentFactory(task=task, participant=person)
    TaskAssignmentFactory(task=task, participant=other)
    DeliveryFactory(meeting=meeting, participant=person)
    DeliveryFactory(meeting=meeting, participant=other)
    SignInLinkFactory(participant=person, token_hash="a" * 64)
    NetworkInvitationFactory(
        network=network,
        participant=person,
        status=NetworkInvitation.Status.ACCEPTED,
        answered_at=timezone.now(),
    ).phases.set([network.phases.first()])
    return meeting


def test_the_download_holds_the_persons_data_and_nobody_elses(me, person, history):
    response = me.get(reverse("mydata:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mine-oplysninger-')
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    data = json.loads(body)
    assert data["participant"]["name"] == "Mette Skov"
    assert data["participant"]["email"] == "mette@example.dk"
    assert data["memberships"][0]["network"] == "Unge og overgange"
    assert data["memberships"][0]["role"] == "core"
    [invitation] = data["meeting_invitations"]
    assert (invitation["meeting"], invitation["response"], invitation["attendance"]) == (
        "Kick-off",
        "yes",
        "attended",
    )
    assert invitation["response_comment"] == "Jeg kommer lidt senere"
    assert [task["task"] for task in data["preparation_tasks"]] == ["Fortæl om jeres erfaringer"]
    assert data["consents"][0]["text_version"] == CURRENT_VERSION
    assert data["consents"][0]["text"].startswith("Jeg giver samtykke til")
    assert len(data["mail_log"]) == 1
    for secret in ("Ole", "ole@example.dk", "Oles hemmelige note", "a" * 64, "k" * 40):
        assert secret not in body, secret


def test_collecting_the_data_takes_the_same_queries_however_long_the_history(person, history):
    with CaptureQueriesContext(connection) as few:
        participant_data(person)
    for _ in range(3):
        meeting = MeetingFactory(network=history.network)
        TaskAssignmentFactory(task=PreparationTaskFactory(meeting=meeting), participant=person)
        DeliveryFactory(meeting=meeting, participant=person)
        ConsentFactory(participant=person, kind=Consent.Kind.SHOW_TO_PEERS).delete()
    with CaptureQueriesContext(connection) as many:
        participant_data(person)
    assert len(few) == len(many) == 8


def test_the_page_takes_a_fixed_number_of_queries(me, person):
    me.get(INDEX)
    with CaptureQueriesContext(connection) as queries:
        assert me.get(INDEX).status_code == 200
    for _ in range(3):
        ConsentFactory(
            participant=person, kind=Consent.Kind.SHOW_TO_PEERS, withdrawn_at=timezone.now()
        )
    with CaptureQueriesContext(connection) as more:
        me.get(INDEX)
    # session, user, the person, their consents, the form's copy, and the menu's four checks
    assert len(queries) == len(more) == 9


# --- Removal ------------------------------------------------------------------------------------


def test_asking_to_be_removed_explains_what_happens_and_records_the_request(me, person):
    body = me.get(reverse("mydata:removal")).content.decode()
    assert "Når du bliver slettet, fjerner sekretariatet alt" in body
    response = me.post(reverse("mydata:removal"), {"action": "request"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.removal_requested_at is not None
    body = me.get(reverse("mydata:removal")).content.decode()
    assert "Træk min anmodning tilbage" in body
    assert "Du bad om at blive slettet" in me.get(INDEX).content.decode()


def test_a_pending_request_can_be_taken_back(me, person):
    me.post(reverse("mydata:removal"), {"action": "request"})
    me.post(reverse("mydata:removal"), {"action": "withdraw"})
    person.refresh_from_db()
    assert person.removal_requested_at is None


def test_an_anonymised_person_can_no_longer_open_the_pages(me, person, staff):
    staff.post(reverse("participants:anonymise", args=[person.pk]))
    response = me.get(INDEX)
    assert response.status_code in (302, 403)


# --- The secretariat's side ----------------------------------------------------------------------


def test_the_dashboard_lists_requests_to_be_removed(staff, person):
    person.removal_requested_at = timezone.now()
    person.save()
    body = staff.get("/").content.decode()
    assert "Ønsker om sletning" in body
    assert reverse("participants:anonymise", args=[person.pk]) in body
    assert "Mette Skov" in body


def test_the_person_page_offers_the_download_and_a_separate_anonymise_action(staff, person):
    body = staff.get(person.get_absolute_url()).content.decode()
    assert reverse("participants:data_export", args=[person.pk]) in body
    assert reverse("participants:anonymise", args=[person.pk]) in body
    data = json.loads(staff.get(reverse("participants:data_export", args=[person.pk])).content)
    assert data["participant"]["email"] == "mette@example.dk"


def test_the_secretariat_anonymises_after_a_confirmation_page(staff, person, history):
    url = reverse("participants:anonymise", args=[person.pk])
    body = staff.get(url).content.decode()
    assert "Det kan ikke fortrydes." in body
    person.refresh_from_db()
    assert person.anonymised_at is None  # GET changes nothing
    response = staff.post(url)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name.startswith("Anonymiseret deltager")
    assert person.invitations.get().attendance == "attended"
    page = staff.get(person.get_absolute_url()).content.decode()
    assert "Anonymiseret" in page and "Mette" not in page


def test_anonymising_needs_the_csrf_token(person, secretariat_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_user)
    assert client.post(reverse("participants:anonymise", args=[person.pk])).status_code == 403
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_an_unknown_person_is_404_for_the_secretariat(staff):
    assert staff.get(reverse("participants:anonymise", args=[999999])).status_code == 404
    assert staff.get(reverse("participants:data_export", args=[999999])).status_code == 404


# --- The record of processing ---------------------------------------------------------------------


def test_every_field_of_a_participant_has_a_stated_purpose():
    assert unplaced_participant_fields() == []


def test_the_record_lists_fields_by_their_names_and_the_consent_texts(staff):
    response = staff.get(reverse("privacy:record"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Personoplysninger i systemet" in body
    for label in ("Navn", "E-mail", "Perspektiv", "Fremmøde"):
        assert label in body, label
    assert f"version {CURRENT_VERSION}" in body
    assert "gældende" in body
    assert "24 måneder" in body
    titles = [str(entry.title) for entry in processing_record()]
    assert "Maillog" in titles and "Samtykker" in titles


def test_the_record_is_for_the_secretariat_only(me):
    assert me.get(reverse("privacy:record")).status_code == 403
