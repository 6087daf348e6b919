"""Onboarding through its pages: the secretariat invites (from the network and from the
person), resends and withdraws; the person opens the link from the mail, reads what the role
asks of them, and accepts or declines; a municipal employee's manager confirms the time. Bad
links get a clear Danish page, bad input Danish errors and no change."""

import datetime
import smtplib

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation
from meetings.onboarding import PREPARATION_HOURS_PER_MEETING, commitment_for
from meetings.tests.browser import PHONE, assert_accessible
from meetings.tests.factories import MeetingFactory, at
from meetings.tests.test_browser_basics import log_in
from netvaerk.tests.factories import NetworkFactory
from participants.consent import CURRENT_VERSION, consent_text
from participants.models import Consent, Membership, NetworkInvitation
from participants.onboarding import (
    manager_token,
    network_invitation_accept,
    network_invitation_create,
    network_invitation_token,
)
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def network():
    network = NetworkFactory(
        name="Ensomme ældre",
        challenge="Mange ældre borgere sidder alene og savner nogen at tale med.",
        start_date=TODAY() - datetime.timedelta(days=10),
    )
    phases = list(network.phases.order_by("order"))
    # Four coming meetings of 3.5 hours, one per phase; one cancelled, one already held.
    for number, phase in enumerate(phases, 1):
        day = TODAY() + datetime.timedelta(days=20 * number)
        MeetingFactory(
            network=network,
            phase=phase,
            title=f"Møde {number}",
            starts_at=at(day, 13),
            ends_at=at(day, 13) + datetime.timedelta(hours=3, minutes=30),
        )
    MeetingFactory(
        network=network,
        phase=phases[0],
        title="Aflyst",
        status="cancelled",
        cancellation_reason="Sygdom",
        starts_at=at(TODAY() + datetime.timedelta(days=5), 13),
        ends_at=at(TODAY() + datetime.timedelta(days=5), 16),
    )
    MeetingFactory(
        network=network,
        phase=phases[0],
        title="Opstart",
        starts_at=at(TODAY() - datetime.timedelta(days=5), 13),
        ends_at=at(TODAY() - datetime.timedelta(days=5), 16),
    )
    return network


@pytest.fixture
def person():
    return ParticipantFactory(name="Karen Holm", email="karen@example.dk")


@pytest.fixture
def employee():
    return ParticipantFactory(
        name="Jonas Lund",
        email="jonas@example.dk",
        is_municipal_staff=True,
        background="municipal_staff",
    )


def invite(network, person, **fields):
    return network_invitation_create(
        network=network, participant=person, role=fields.pop("role", "core"), **fields
    )


def link_of(invitation) -> str:
    return reverse("onboarding:open", args=[network_invitation_token(invitation)])


def path_in(message, marker="/invitation/") -> str:
    for word in message.body.split():
        if marker in word:
            return word[word.index(marker) :]
    raise AssertionError(f"no {marker} link in the mail")


def accept_data(**overrides) -> dict:
    return {
        "perspective": "Pårørende til en ældre mor",
        "competence_professional": "",
        "competence_personal": "Jeg besøger min mor hver uge",
        "competence_methodical": "",
        "motivation": "Ingen skal være alene",
        "consent_processing": "on",
        "consent_show_to_peers": "on",
        "consent_version": CURRENT_VERSION,
        **overrides,
    }


# --- The commitment ------------------------------------------------------------------------------


def test_the_commitment_counts_coming_meetings_and_preparation(network):
    core = commitment_for(network=network, role="core")
    assert [meeting.title for meeting in core.meetings] == ["Møde 1", "Møde 2", "Møde 3", "Møde 4"]
    assert core.meeting_hours == 14
    assert core.preparation_hours == 4 * PREPARATION_HOURS_PER_MEETING
    assert core.total_hours == 14 + 4 * PREPARATION_HOURS_PER_MEETING

    second = network.phases.get(order=2)
    involved = commitment_for(network=network, role="involved", phases=[second])
    assert [meeting.title for meeting in involved.meetings] == ["Møde 2"]
    assert involved.phases == [second]
    assert str(involved.meeting_hours) == "3.5"


# --- The person's page ---------------------------------------------------------------------------


def test_the_link_in_the_mail_opens_a_page_that_explains_the_role_and_time(client, network, person):
    invite(network, person, message="Vi har brug for dit blik som pårørende.")
    response = client.get(path_in(mail.outbox[0]))

    assert response.status_code == 200
    text = response.content.decode()
    for shown in [
        "Ensomme ældre",
        "Mange ældre borgere sidder alene",
        "Vi har brug for dit blik som pårørende.",
        "Hvad er dit perspektiv?",
        "kernedeltager",
        "4 møder",
        "14 timer",
        "18 timer",
        consent_text(Consent.Kind.PROCESSING),
        consent_text(Consent.Kind.SHOW_TO_PEERS),
    ]:
        assert shown in text, shown
    first = network.meetings.filter(status="planned", starts_at__gt=timezone.now()).first()
    assert timezone.localtime(first.starts_at).strftime("%-d.") in text
    assert "13.00–16.30" in text
    assert "Aflyst" not in text
    assert NetworkInvitation.objects.get().opened_at is not None


def test_the_page_speaks_the_language_of_the_person_like_the_mail(client, network):
    english = ParticipantFactory(language="en")
    invitation = invite(network, english)
    assert (
        "You are invited to join Ensomme ældre" in client.get(link_of(invitation)).content.decode()
    )
    # A Danish speaker (the default) reads Danish.
    danish = invite(network, ParticipantFactory())
    assert "Du er inviteret til Ensomme ældre" in client.get(link_of(danish)).content.decode()


def test_an_involved_participant_reads_about_their_phases_only(client, network, person):
    second = network.phases.get(order=2)
    invitation = invite(network, person, role="involved", phases=[second])
    text = client.get(link_of(invitation)).content.decode()
    assert "Idéudvikling" in text
    assert "1 møde" in text
    assert "3,5 timer" in text
    assert "4,5 timer" in text


def test_accepting_makes_the_person_a_member_invited_to_the_meetings_of_their_phases(
    client, network, person
):
    second = network.phases.get(order=2)
    invitation = invite(network, person, role="involved", phases=[second])
    link = link_of(invitation)

    response = client.post(link, accept_data())

    done = reverse("onboarding:done", args=[link.rstrip("/").rsplit("/", 1)[1]])
    assert response.status_code == 302 and response.url == done
    membership = Membership.objects.get(participant=person)
    assert membership.role == "involved"
    assert list(membership.phases.all()) == [second]
    assert list(
        Invitation.objects.filter(participant=person).values_list("meeting__title", flat=True)
    ) == ["Møde 2"]
    assert set(Consent.objects.values_list("kind", "text_version")) == {
        ("processing", CURRENT_VERSION),
        ("show_to_peers", CURRENT_VERSION),
    }
    page = client.get(done).content.decode()
    assert "Velkommen til Ensomme ældre" in page
    assert reverse("signin:request") in page
    # The link now shows the answer instead of the form.
    again = client.get(link)
    assert again.status_code == 302 and again.url == done


def test_a_used_link_cannot_answer_again(client, network, person):
    invitation = invite(network, person)
    link = link_of(invitation)
    token = network_invitation_token(invitation)
    client.post(link, accept_data())
    done = reverse("onboarding:done", args=[token])

    for url, data in [(link, accept_data()), (reverse("onboarding:decline", args=[token]), {})]:
        response = client.post(url, data)
        assert response.status_code == 302 and response.url == done
    assert Membership.objects.count() == 1
    assert NetworkInvitation.objects.get().status == "accepted"


def test_a_core_participant_is_invited_to_every_coming_meeting(client, network, person):
    invitation = invite(network, person)
    client.post(link_of(invitation), accept_data())
    titles = set(
        Invitation.objects.filter(participant=person).values_list("meeting__title", flat=True)
    )
    assert titles == {"Møde 1", "Møde 2", "Møde 3", "Møde 4"}


def test_missing_perspective_and_consent_give_danish_errors_and_change_nothing(
    client, network, person
):
    invitation = invite(network, person)
    response = client.post(link_of(invitation), accept_data(perspective="", consent_processing=""))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Der er ikke gemt noget endnu" in text
    assert "Fortæl kort, hvilket perspektiv du bringer" in text
    assert "Vi kan kun tage dig med i netværket, hvis vi må gemme dine oplysninger" in text
    assert 'href="#id_perspective"' in text
    assert not Membership.objects.exists()
    assert not Consent.objects.exists()
    assert NetworkInvitation.objects.get().status == "open"


def test_a_changed_consent_version_is_refused(client, network, person):
    invitation = invite(network, person)
    response = client.post(link_of(invitation), accept_data(consent_version="1999-01"))
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_declining_records_the_reason(client, network, person):
    invitation = invite(network, person)
    token = network_invitation_token(invitation)
    page = client.get(reverse("onboarding:decline", args=[token]))
    assert "Vil du fortælle os hvorfor?" in page.content.decode()

    response = client.post(
        reverse("onboarding:decline", args=[token]), {"reason": "Jeg flytter i foråret"}
    )

    assert response.url == reverse("onboarding:done", args=[token])
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert invitation.decline_reason == "Jeg flytter i foråret"
    assert invitation.answered_at is not None
    assert not Membership.objects.exists()
    assert "Tak for dit svar" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    "token", ["abc", "x" * 80, "eyJpIjoxfQ:1vABCD:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"]
)
def test_an_altered_link_shows_a_danish_page_not_an_error(client, network, person, token):
    invite(network, person)
    response = client.get(reverse("onboarding:open", args=[token]))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_a_cut_short_link_from_the_mail_is_invalid(client, network, person):
    invite(network, person)
    link = path_in(mail.outbox[0])
    response = client.get(link[:-6] + "/")
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_an_expired_invitation_shows_that_it_has_expired(client, network, person):
    invitation = invite(network, person)
    NetworkInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get(link_of(invitation))
    assert response.status_code == 410
    assert "Linket er udløbet" in response.content.decode()
    response = client.post(link_of(invitation), accept_data())
    assert response.status_code == 410
    assert not Membership.objects.exists()


def test_a_withdrawn_invitation_says_so(client, network, person, staff):
    invitation = invite(network, person)
    staff.post(reverse("onboarding:withdraw", args=[invitation.pk]))
    client.logout()
    response = client.get(link_of(invitation))
    assert response.status_code == 410
    assert "Invitationen er trukket tilbage" in response.content.decode()


def test_the_onboarding_page_costs_a_fixed_number_of_queries(
    client, network, person, django_assert_num_queries
):
    invitation = invite(network, person, role="involved", phases=network.phases.all()[:2])
    link = link_of(invitation)
    client.get(link)  # the first visit also records opened_at
    # invitation with network, theme and person; its phases; the network's phases; meetings
    with django_assert_num_queries(4):
        assert client.get(link).status_code == 200


# --- The line manager ----------------------------------------------------------------------------


def test_municipal_staff_accepting_sends_their_manager_a_summary_to_confirm(
    client, network, employee
):
    invitation = invite(network, employee)
    mail.outbox.clear()
    response = client.post(
        link_of(invitation),
        accept_data(manager_name="Lone Berg", manager_email="lone.berg@example.dk"),
    )
    assert response.status_code == 302

    assert len(mail.outbox) == 1
    summary = mail.outbox[0]
    assert summary.to == ["Lone Berg <lone.berg@example.dk>"]
    assert "Jonas Lund" in summary.subject
    assert "18 timer" in summary.body
    membership = Membership.objects.get(participant=employee)
    assert membership.manager_summary_sent_at is not None
    assert membership.manager_agreement == "pending"

    manager_page = path_in(summary, "/invitation/leder/")
    page = client.get(manager_page)
    assert page.status_code == 200
    assert "Jonas Lund" in page.content.decode()
    client.post(manager_page, {"answer": "agreed"})
    membership.refresh_from_db()
    assert membership.manager_agreement == "agreed"
    assert membership.manager_agreement_on == TODAY()
    assert "Du bekræftede aftalen" in client.get(manager_page).content.decode()


def test_municipal_staff_must_name_their_manager(client, network, employee):
    invitation = invite(network, employee)
    response = client.post(link_of(invitation), accept_data())
    assert response.status_code == 200
    assert "Dette felt er påkrævet" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_bad_manager_link_gets_a_danish_page(client):
    response = client.get(reverse("onboarding:manager", args=["ikke-et-link"]))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_a_manager_answer_without_a_choice_changes_nothing(client, network, employee):
    employee.manager_name, employee.manager_email = "Lone Berg", "lone@example.dk"
    employee.save()
    membership = MembershipFactory(
        network=network, participant=employee, manager_agreement="pending"
    )

    url = reverse("onboarding:manager", args=[manager_token(membership)])
    response = client.post(url, {"answer": "maybe"})
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.manager_agreement == "pending"


# --- The secretariat -----------------------------------------------------------------------------


def test_the_secretariat_invites_from_the_network_and_sees_each_step(staff, network, person):
    page = staff.get(reverse("onboarding:invite", args=[network.pk]))
    assert "Karen Holm" in page.content.decode()

    response = staff.post(
        reverse("onboarding:invite", args=[network.pk]),
        {"participant": person.pk, "role": "core", "message": "Velkommen"},
    )

    listing = reverse("onboarding:network_invitations", args=[network.pk])
    assert response.url == listing
    invitation = NetworkInvitation.objects.get()
    assert invitation.created_by.username == "sekretær"
    assert len(mail.outbox) == 1
    text = staff.get(listing).content.decode()
    assert "Karen Holm" in text and "Afventer svar" in text and "Sendt" in text
    # The network page links to the invitations.
    assert listing in staff.get(network.get_absolute_url()).content.decode()


def test_the_secretariat_invites_from_the_persons_page(staff, network, person):
    url = reverse("onboarding:invite_person", args=[person.pk])
    assert url in staff.get(person.get_absolute_url()).content.decode()
    assert "Ensomme ældre" in staff.get(url).content.decode()
    second = network.phases.get(order=2)
    response = staff.post(
        f"{url}?network={network.pk}", {"role": "involved", "phases": [second.pk]}
    )
    assert response.status_code == 302
    invitation = NetworkInvitation.objects.get()
    assert (invitation.participant, invitation.role) == (person, "involved")
    assert list(invitation.phases.all()) == [second]
    # The person's page tells where the invitation stands.
    text = staff.get(person.get_absolute_url()).content.decode()
    assert "Invitationer til netværk" in text
    assert "Ensomme ældre</a>: Inddrages løbende · Afventer svar" in text


def test_inviting_a_member_is_refused_in_danish_and_sends_nothing(staff, network, person):
    MembershipFactory(network=network, participant=person)
    url = reverse("onboarding:invite_person", args=[person.pk])
    response = staff.post(f"{url}?network={network.pk}", {"role": "core"})
    # The member's network is not offered; the choice is refused.
    assert response.status_code == 302
    assert not NetworkInvitation.objects.exists()
    assert mail.outbox == []
    # From the network's side, the member is not offered either.
    response = staff.post(
        reverse("onboarding:invite", args=[network.pk]), {"participant": person.pk, "role": "core"}
    )
    assert response.status_code == 200
    assert "Vælg en person, der ikke er medlem af netværket" in response.content.decode()


def test_an_involved_invitation_without_phases_is_refused_in_danish(staff, network, person):
    response = staff.post(
        reverse("onboarding:invite", args=[network.pk]),
        {"participant": person.pk, "role": "involved"},
    )
    assert response.status_code == 200
    assert "mindst én fase" in response.content.decode()
    assert not NetworkInvitation.objects.exists()


def test_a_failed_mail_is_shown_and_sending_again_works(staff, network, person, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("no server")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        response = staff.post(
            reverse("onboarding:invite", args=[network.pk]),
            {"participant": person.pk, "role": "core"},
            follow=True,
        )
    text = response.content.decode()
    assert "mailen kunne ikke sendes" in text
    assert "Ikke sendt" in text
    invitation = NetworkInvitation.objects.get()
    assert invitation.sent_at is None

    response = staff.post(reverse("onboarding:resend", args=[invitation.pk]), follow=True)
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert "Invitationen er sendt til Karen Holm" in response.content.decode()


def test_the_secretariat_withdraws_an_open_invitation(staff, network, person):
    invitation = invite(network, person)
    response = staff.post(reverse("onboarding:withdraw", args=[invitation.pk]), follow=True)
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    assert "trukket tilbage" in response.content.decode()
    # Withdrawing again is refused with a message, not an error.
    response = staff.post(reverse("onboarding:withdraw", args=[invitation.pk]), follow=True)
    assert response.status_code == 200
    assert "Kun en invitation, der afventer svar" in response.content.decode()


def test_the_secretariat_sends_the_manager_summary_again(staff, network, employee):
    invitation = invite(network, employee)
    network_invitation_accept(
        invitation=invitation,
        perspective="Medarbejder",
        consent_processing=True,
        consent_version=CURRENT_VERSION,
        manager_name="Lone Berg",
        manager_email="lone@example.dk",
    )
    mail.outbox.clear()
    staff.post(reverse("onboarding:manager_summary", args=[invitation.pk]))
    assert [message.to for message in mail.outbox] == [["Lone Berg <lone@example.dk>"]]
    assert Membership.objects.get().manager_summary_sent_at is not None


def test_the_invitation_list_costs_the_same_queries_for_3_and_30_invitations(staff, network):
    url = reverse("onboarding:network_invitations", args=[network.pk])
    involved = list(network.phases.all()[:2])

    def add(count):
        for _ in range(count):
            invite(network, ParticipantFactory(), role="involved", phases=involved)

    def cost():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(url).status_code == 200
        return len(captured.captured_queries)

    add(3)
    few = cost()
    add(27)
    assert cost() == few


@pytest.mark.parametrize("who", ["participant", "co_driver"])
def test_only_the_secretariat_may_invite(client, network, person, who):
    login = User.objects.create_user(who)
    MembershipFactory(network=network, participant__user=login, is_co_driver=who == "co_driver")
    invitation = invite(network, person)
    client.force_login(login)
    for url in [
        reverse("onboarding:network_invitations", args=[network.pk]),
        reverse("onboarding:invite", args=[network.pk]),
        reverse("onboarding:invite_person", args=[person.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    for name in ["resend", "withdraw", "manager_summary"]:
        assert client.post(reverse(f"onboarding:{name}", args=[invitation.pk])).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "open"


def test_anonymous_visitors_are_sent_to_log_in(client, network):
    response = client.get(reverse("onboarding:network_invitations", args=[network.pk]))
    assert response.status_code == 302 and "/login/" in response.url


# --- In a browser --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_onboarding_page_is_accessible_on_a_phone_and_can_be_answered(page, network, person):
    invitation = invite(network, person, message="Vi glæder os til at høre fra dig.")
    link = link_of(invitation)
    page.set_viewport_size(PHONE)
    page.goto(link)
    page.get_by_role("heading", name="Du er inviteret til Ensomme ældre", level=1).wait_for()
    assert_accessible(page, "onboarding")
    # Sending the form empty shows the error summary, itself accessible.
    page.get_by_role("button", name="Ja, jeg vil gerne deltage").click()
    page.get_by_text("Der er ikke gemt noget endnu").wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible(page, "onboarding-errors")
    page.get_by_label("Hvad er dit perspektiv?").fill("Pårørende")
    page.get_by_label(consent_text(Consent.Kind.PROCESSING)).check()
    page.get_by_role("button", name="Ja, jeg vil gerne deltage").click()
    page.get_by_role("heading", name="Velkommen til Ensomme ældre", level=1).wait_for()
    assert_accessible(page, "onboarding-done")
    assert Membership.objects.filter(participant=person).exists()


@pytest.mark.django_db(transaction=True)
def test_the_onboarding_page_at_desktop_width(page, network, employee):
    invitation = invite(network, employee)
    page.goto(link_of(invitation))
    page.get_by_role("heading", name="Du er inviteret til Ensomme ældre", level=1).wait_for()
    assert_accessible(page, "onboarding-staff")


@pytest.mark.django_db(transaction=True)
def test_the_managers_page_is_accessible_on_a_phone_and_records_the_answer(page, network, employee):
    employee.manager_name, employee.manager_email = "Lone Berg", "lone@example.dk"
    employee.save()
    membership = MembershipFactory(
        network=network, participant=employee, manager_agreement="pending"
    )
    page.set_viewport_size(PHONE)
    page.goto(reverse("onboarding:manager", args=[manager_token(membership)]))
    page.get_by_role("heading", name="Jonas Lund i netværket Ensomme ældre", level=1).wait_for()
    assert_accessible(page, "onboarding-manager")
    page.get_by_role("button", name="Ja, vi har aftalt det").click()
    page.get_by_text("Du bekræftede aftalen").wait_for()
    membership.refresh_from_db()
    assert membership.manager_agreement == "agreed"


@pytest.mark.django_db(transaction=True)
def test_the_invitations_list_is_accessible(page, network, person, employee, secretariat_user):
    invite(network, person)
    declined = invite(network, employee)
    NetworkInvitation.objects.filter(pk=declined.pk).update(
        status="declined", answered_at=timezone.now(), decline_reason="Travlt i foråret"
    )
    log_in(page)
    page.goto(reverse("onboarding:network_invitations", args=[network.pk]))
    page.get_by_role("heading", name="Invitationer til Ensomme ældre", level=1).wait_for()
    assert_accessible(page, "onboarding-invitations")
    page.set_viewport_size(PHONE)
    assert_accessible(page, "onboarding-invitations")
    page.get_by_role("button", name="Træk tilbage Karen Holm").click()
    page.get_by_text("Invitationen til Karen Holm er trukket tilbage").wait_for()
