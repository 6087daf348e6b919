"""The participant's own pages ("Mit overblik"): their meetings across networks, answers with
comments, absence, preparation tasks, minutes, their networks with the fellow members who
agreed to be shown — and nothing of anybody else's."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation, TaskAssignment
from meetings.services import (
    attendance_register,
    invitation_answer,
    invitation_report_absence,
    invitation_respond,
    meeting_cancel,
)
from meetings.tests.factories import (
    MeetingFactory,
    PreparationTaskFactory,
    TaskAssignmentFactory,
    at,
)
from netvaerk.tests.factories import NetworkFactory
from participants.models import Consent, Membership
from participants.rules import SECRETARIAT_GROUP
from participants.tests.factories import ConsentFactory, MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def login(client, person) -> Client:
    user = User.objects.create_user(f"deltager-{person.pk}")
    person.user = user
    person.save(update_fields=["user"])
    client.force_login(user)
    return client


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def network():
    return NetworkFactory(
        name="Ensomme ældre",
        challenge="Mange ældre borgere føler sig alene i hverdagen.",
        start_date=TODAY() - datetime.timedelta(days=60),
    )


@pytest.fixture
def karen(network):
    person = ParticipantFactory(name="Karen Holm", email="karen@example.dk")
    MembershipFactory(network=network, participant=person, role=Membership.Role.CORE)
    return person


@pytest.fixture
def me(client, karen):
    """The test client, logged in as Karen, a core participant of "Ensomme ældre"."""
    return login(client, karen)


@pytest.fixture
def coming(network, karen):
    return MeetingFactory(
        network=network,
        title="Idéværksted",
        starts_at=at(days(10), 13),
        ends_at=at(days(10), 16),
        place="Medborgerhuset, sal 1",
        online_url="https://moede.example.dk/ide",
        agenda="1. Velkomst\n2. Idéer på væggen",
    )


@pytest.fixture
def past(network, karen):
    return MeetingFactory(
        network=network,
        title="Opstartsmøde",
        starts_at=at(days(-20), 9),
        ends_at=at(days(-20), 12),
        minutes="Vi talte om, hvad ensomhed betyder for de ældre.",
    )


def invitation(meeting, person) -> Invitation:
    return Invitation.objects.get(meeting=meeting, participant=person)


# --- Mit overblik ----------------------------------------------------------------------------


def test_overview_shows_the_next_meeting_with_network_phase_time_place_role_and_answer(me, coming):
    response = me.get(reverse("mine:index"))

    assert response.status_code == 200
    page = text(response)
    assert "Dit næste møde" in page
    assert "Idéværksted" in page
    assert "Ensomme ældre" in page
    assert "Fase: Indsigt" in page
    assert coming.starts_at.astimezone(timezone.get_current_timezone()).strftime("%d") in page
    assert "13.00–16.00" in page
    assert "Medborgerhuset, sal 1" in page
    assert 'href="https://moede.example.dk/ide"' in response.content.decode()
    assert "Kernedeltager" in page
    assert "Ikke besvaret endnu" in page
    assert reverse("mine:meeting", args=[coming.pk]) in response.content.decode()


def test_overview_writes_the_date_in_danish(me, network):
    MeetingFactory(
        network=network,
        starts_at=at(days(30), 14),
        ends_at=at(
            days(30),
            17,
        ),
        title="Mødet",
    )
    response = me.get(reverse("mine:index"))
    day = days(30)
    months = [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ]  # fmt: skip
    assert f"{day.day}. {months[day.month - 1]} {day.year}" in text(response)
    assert "14.00–17.00" in text(response)


def test_overview_lists_coming_and_past_meetings_across_networks(me, karen, coming, past):
    other = NetworkFactory(name="Unge i job")
    MembershipFactory(
        network=other,
        participant=karen,
        role=Membership.Role.INVOLVED,
        phases=[other.phases.get(order=2)],
    )
    later = MeetingFactory(
        network=other, phase=other.phases.get(order=2), title="Idéer til unge",
        starts_at=at(days(20)), ends_at=at(days(20), 12),
    )  # fmt: skip
    not_mine = MeetingFactory(network=other, phase=other.phases.get(order=3), title="Afprøvning")
    attendance_register(invitation=invitation(past, karen), attendance="attended")

    response = me.get(reverse("mine:index"))

    schedule = response.context["schedule"]
    assert schedule.next_meeting.meeting == coming
    assert [row.meeting for row in schedule.coming] == [later]
    assert [row.meeting for row in schedule.past.rows] == [past]
    page = text(response)
    assert "Inddrages løbende" in page
    assert "Du deltog" in page
    assert "Læs referatet" in page
    assert not_mine.title not in page


def test_a_guest_sees_their_role_as_guest(client, network):
    guest = ParticipantFactory(name="Gæst Gæstesen")
    meeting = MeetingFactory(network=network)
    Invitation.objects.create(meeting=meeting, participant=guest, is_extra=True)
    response = login(client, guest).get(reverse("mine:index"))
    assert "Inviteret som gæst" in text(response)


def test_cancelled_meeting_is_shown_as_cancelled_and_is_not_the_next(me, network, coming):
    earlier = MeetingFactory(network=network, title="Aflyst formøde", starts_at=at(days(3)))
    meeting_cancel(meeting=earlier, reason="Sygdom")

    response = me.get(reverse("mine:index"))

    assert response.context["schedule"].next_meeting.meeting == coming
    assert "Aflyst" in text(response)


def test_first_time_user_without_networks_is_told_what_will_appear(client):
    newcomer = ParticipantFactory()
    response = login(client, newcomer).get(reverse("mine:index"))
    page = text(response)
    assert "Velkommen til netværksstrukturen" in page
    assert "4 til 6 gange over cirka et halvt år" in page
    assert "Brug linket i mailen" in page
    assert "Kommende møder" not in page  # no row of empty sections


def test_member_without_meetings_is_told_they_come_by_email(me):
    page = text(me.get(reverse("mine:index")))
    assert "Du har ingen kommende møder lige nu" in page
    assert "invitation på mail" in page


def test_past_meetings_are_capped_on_the_overview_and_paged_on_their_own_page(me, network):
    for n in range(8):
        MeetingFactory(
            network=network, title=f"Gammelt møde {n}",
            starts_at=at(days(-10 - n)), ends_at=at(days(-10 - n), 12),
        )  # fmt: skip
    response = me.get(reverse("mine:index"))
    assert len(response.context["schedule"].past.rows) == 5
    assert reverse("mine:past") in response.content.decode()

    past_page = me.get(reverse("mine:past"))
    assert [row.meeting.title for row in past_page.context["invitations"]][:2] == [
        "Gammelt møde 0",
        "Gammelt møde 1",
    ]
    assert me.get(reverse("mine:past"), {"page": "x"}).status_code == 200


def make_meetings(network, count):
    for n in range(count):
        start = at(days(n - count // 2) if n != count // 2 else days(1))
        meeting = MeetingFactory(
            network=network, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
        )
        PreparationTaskFactory(meeting=meeting)


@pytest.mark.parametrize("count", [3, 30])
def test_overview_costs_the_same_queries_for_3_and_30_meetings(
    me, karen, network, count, django_assert_num_queries
):
    other = NetworkFactory()
    MembershipFactory(network=other, participant=karen)
    for place in (network, other):
        make_meetings(place, count)
    for task in karen.invitations.values_list("meeting__preparation_tasks", flat=True):
        TaskAssignment.objects.get_or_create(task_id=task, participant=karen)
    with django_assert_num_queries(11):
        response = me.get(reverse("mine:index"))
    assert response.status_code == 200


# --- One meeting -----------------------------------------------------------------------------


def test_meeting_page_shows_agenda_time_place_link_and_role(me, coming):
    response = me.get(reverse("mine:meeting", args=[coming.pk]))
    page = text(response)
    assert response.status_code == 200
    assert "Idéværksted" in page
    assert "1. Velkomst" in page
    assert "Medborgerhuset, sal 1" in page
    assert "13.00–16.00" in page
    assert "Deltag i mødet online" in page
    assert "Kernedeltager" in page
    assert "Vil du komme?" in page


@pytest.mark.parametrize("answer", ["yes", "no", "maybe"])
def test_answer_is_recorded_with_comment_and_time(me, karen, coming, answer):
    before = timezone.now()
    response = me.post(
        reverse("mine:answer", args=[coming.pk]),
        {"response": answer, "comment": "  Jeg kommer i kørestol  "},
    )
    assert response.status_code == 302
    assert response.url == reverse("mine:meeting", args=[coming.pk])
    row = invitation(coming, karen)
    assert row.response == answer
    assert row.response_comment == "Jeg kommer i kørestol"
    assert row.responded_at >= before
    page = text(me.get(response.url))
    assert "Tak. Dit svar er gemt." in page
    assert "Jeg kommer i kørestol" in page


def test_answer_without_a_choice_shows_an_error_and_changes_nothing(me, karen, coming):
    response = me.post(reverse("mine:answer", args=[coming.pk]), {"comment": "Hm"})
    assert response.status_code == 400
    assert "Dette felt er påkrævet" in text(response)
    assert invitation(coming, karen).response == "pending"


def test_absence_turns_a_yes_into_a_no_with_the_reason(me, karen, coming):
    invitation_respond(invitation=invitation(coming, karen), response="yes")
    page = text(me.get(reverse("mine:meeting", args=[coming.pk])))
    assert "Kan du alligevel ikke komme?" in page

    response = me.post(reverse("mine:absence", args=[coming.pk]), {"reason": "Syg barn"})

    assert response.status_code == 302
    row = invitation(coming, karen)
    assert (row.response, row.response_comment) == ("no", "Syg barn")
    assert "Dit afbud er registreret" in text(me.get(response.url))


def test_absence_needs_a_reason(me, karen, coming):
    invitation_respond(invitation=invitation(coming, karen), response="yes")
    response = me.post(reverse("mine:absence", args=[coming.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "Skriv kort, hvorfor du ikke kan komme." in text(response)
    assert invitation(coming, karen).response == "yes"


def test_cancelled_meeting_cannot_be_answered(me, karen, coming):
    meeting_cancel(meeting=coming, reason="For få tilmeldte")
    page = text(me.get(reverse("mine:meeting", args=[coming.pk])))
    assert "Mødet er aflyst" in page
    assert "For få tilmeldte" in page
    assert "Vil du komme?" not in page

    response = me.post(reverse("mine:answer", args=[coming.pk]), {"response": "yes"}, follow=True)

    assert "Mødet er aflyst." in text(response)
    assert invitation(coming, karen).response == "pending"


def test_past_meeting_cannot_be_answered_nor_excused(me, karen, past):
    page = text(me.get(reverse("mine:meeting", args=[past.pk])))
    assert "Mødet har fundet sted, så det kan ikke længere besvares." in page

    response = me.post(reverse("mine:answer", args=[past.pk]), {"response": "yes"}, follow=True)
    assert "Mødet er gået i gang eller overstået, så du kan ikke længere svare." in text(response)
    response = me.post(reverse("mine:absence", args=[past.pk]), {"reason": "Syg"}, follow=True)
    assert "Mødet er gået i gang eller overstået" in text(response)
    assert invitation(past, karen).response == "pending"


def test_withdrawn_invitation_cannot_be_answered(me, karen, coming):
    row = invitation(coming, karen)
    row.withdrawn_at = timezone.now()
    row.save()
    page = text(me.get(reverse("mine:meeting", args=[coming.pk])))
    assert "Du er ikke længere inviteret til dette møde" in page

    response = me.post(reverse("mine:answer", args=[coming.pk]), {"response": "yes"}, follow=True)

    assert "Denne invitation er trukket tilbage." in text(response)
    assert invitation(coming, karen).response == "pending"


def test_minutes_of_a_past_meeting_are_shown_with_the_file(me, karen, past, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    past.minutes_file.save("referat.txt", ContentFile(b"Referat af opstarten"))
    page = text(me.get(reverse("mine:meeting", args=[past.pk])))
    assert "Vi talte om, hvad ensomhed betyder" in page
    assert "referat.txt" in page

    response = me.get(reverse("mine:minutes_file", args=[past.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Referat af opstarten"
    assert response["Cache-Control"] == "private, no-store"


def test_minutes_file_needs_a_standing_invitation(me, karen, past, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    past.minutes_file.save("referat.txt", ContentFile(b"Hemmeligt"))
    row = invitation(past, karen)
    row.withdrawn_at = timezone.now()
    row.save()
    assert me.get(reverse("mine:minutes_file", args=[past.pk])).status_code == 404
    page = text(me.get(reverse("mine:meeting", args=[past.pk])))
    assert "Vi talte om" not in page


def test_minutes_are_not_shown_before_the_meeting(me, coming):
    coming.minutes = "Skrevet på forhånd"
    coming.save()
    assert "Skrevet på forhånd" not in text(me.get(reverse("mine:meeting", args=[coming.pk])))


def test_meeting_page_links_to_the_calendar_file_of_a_coming_meeting(me, coming, past):
    ics = reverse("calendar:meeting", args=[coming.pk])
    assert ics in me.get(reverse("mine:meeting", args=[coming.pk])).content.decode()
    page = me.get(reverse("mine:meeting", args=[past.pk])).content.decode()
    assert reverse("calendar:meeting", args=[past.pk]) not in page


def test_co_driver_finds_the_page_for_running_the_meeting(me, karen, coming):
    url = reverse("meetings:detail", args=[coming.pk])
    assert url not in me.get(reverse("mine:meeting", args=[coming.pk])).content.decode()
    Membership.objects.filter(participant=karen).update(is_co_driver=True)
    assert url in me.get(reverse("mine:meeting", args=[coming.pk])).content.decode()


# --- Tasks -----------------------------------------------------------------------------------


@pytest.fixture
def task(coming, karen):
    task = PreparationTaskFactory(
        meeting=coming, title="Læs rapporten om ensomhed", due_date=days(-1)
    )
    return TaskAssignmentFactory(task=task, participant=karen)


def test_open_tasks_are_listed_with_due_date_and_overdue_marked(me, task):
    page = text(me.get(reverse("mine:index")))
    assert "Læs rapporten om ensomhed" in page
    assert "Overskredet" in page
    assert f"Frist {days(-1).day}." in page


def test_task_can_be_marked_done_and_undone(me, task):
    url = reverse("mine:task_done", args=[task.pk])
    response = me.post(
        url, {"done": "1", "next": reverse("mine:meeting", args=[task.task.meeting_id])}
    )
    assert response.status_code == 302
    assert response.url == reverse("mine:meeting", args=[task.task.meeting_id])
    task.refresh_from_db()
    assert task.done_at is not None
    page = text(me.get(reverse("mine:index")))
    assert "er markeret som udført" in page
    assert "Du har lavet alle dine opgaver" in page
    assert "Markér som ikke udført" in page

    me.post(url, {"done": "0"})
    task.refresh_from_db()
    assert task.done_at is None


def test_task_done_never_redirects_off_the_site(me, task):
    response = me.post(
        reverse("mine:task_done", args=[task.pk]), {"done": "1", "next": "https://evil.example"}
    )
    assert response.url == reverse("mine:index")


def test_task_of_a_cancelled_meeting_cannot_be_marked(me, task):
    meeting_cancel(meeting=task.task.meeting, reason="Sygdom")
    response = me.post(reverse("mine:task_done", args=[task.pk]), {"done": "1"}, follow=True)
    assert "Mødet er aflyst, så opgaven er ikke længere nødvendig." in text(response)
    task.refresh_from_db()
    assert task.done_at is None


def test_meeting_page_shows_my_tasks_for_it(me, task):
    page = text(me.get(reverse("mine:meeting", args=[task.task.meeting_id])))
    assert "Læs rapporten om ensomhed" in page


# --- My network ------------------------------------------------------------------------------


def test_network_page_shows_challenge_phases_meetings_and_only_consenting_fellows(
    me, network, coming
):
    shown = ParticipantFactory(
        name="Ole Vist", organisation="Ældresagen", perspective="De ældres egen stemme"
    )
    MembershipFactory(network=network, participant=shown)
    ConsentFactory(participant=shown, kind=Consent.Kind.SHOW_TO_PEERS)
    withdrawn = ParticipantFactory(name="Trine Trukket")
    MembershipFactory(network=network, participant=withdrawn)
    ConsentFactory(
        participant=withdrawn, kind=Consent.Kind.SHOW_TO_PEERS, withdrawn_at=timezone.now()
    )
    hidden = ParticipantFactory(name="Hans Skjult")
    MembershipFactory(network=network, participant=hidden)
    ConsentFactory(participant=hidden, kind=Consent.Kind.PROCESSING)

    response = me.get(reverse("mine:network", args=[network.pk]))

    page = text(response)
    assert response.status_code == 200
    assert "Mange ældre borgere føler sig alene" in page
    assert "Indsigt" in page and "Forankring" in page
    assert "Idéværksted" in page
    assert "Ole Vist" in page and "Ældresagen" in page and "De ældres egen stemme" in page
    assert "Trine Trukket" not in page
    assert "Hans Skjult" not in page
    assert "Og 2 andre deltagere" in page


def test_network_page_of_a_former_member_opens(me, karen, network):
    Membership.objects.filter(participant=karen).update(left_on=TODAY())
    assert me.get(reverse("mine:network", args=[network.pk])).status_code == 200


# --- Nobody else's data ----------------------------------------------------------------------


@pytest.fixture
def strangers():
    """A meeting, task assignment and network of somebody else."""
    network = NetworkFactory(name="Hemmeligt netværk")
    other = ParticipantFactory()
    MembershipFactory(network=network, participant=other)
    meeting = MeetingFactory(network=network, title="Andres møde")
    assignment = TaskAssignmentFactory(
        task=PreparationTaskFactory(meeting=meeting), participant=other
    )
    return network, meeting, assignment


def test_another_persons_ids_are_404_on_every_page(me, strangers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    network, meeting, assignment = strangers
    meeting.minutes_file.save("referat.txt", ContentFile(b"x"))
    for name, pk in [
        ("mine:meeting", meeting.pk),
        ("mine:minutes_file", meeting.pk),
        ("mine:network", network.pk),
    ]:
        assert me.get(reverse(name, args=[pk])).status_code == 404, name
    for name, pk, data in [
        ("mine:answer", meeting.pk, {"response": "yes"}),
        ("mine:absence", meeting.pk, {"reason": "Syg"}),
        ("mine:task_done", assignment.pk, {"done": "1"}),
    ]:
        assert me.post(reverse(name, args=[pk]), data).status_code == 404, name
    assignment.refresh_from_db()
    assert assignment.done_at is None
    assert not Invitation.objects.filter(meeting=meeting).exclude(response="pending").exists()
    assert "Hemmeligt netværk" not in text(me.get(reverse("mine:index")))


def test_pages_need_a_participant_login(client, coming):
    staff = User.objects.create_user("sekretær")
    staff.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    client.force_login(staff)
    assert client.get(reverse("mine:index")).status_code == 403
    assert client.get(reverse("mine:meeting", args=[coming.pk])).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, coming):
    path = reverse("mine:meeting", args=[coming.pk])
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("signin:request"))
    assert path in response.url


def test_forms_refuse_a_post_without_csrf_token(karen, coming, task):
    strict = login(Client(enforce_csrf_checks=True), karen)
    assert (
        strict.post(reverse("mine:answer", args=[coming.pk]), {"response": "yes"}).status_code
        == 403
    )
    assert (
        strict.post(reverse("mine:absence", args=[coming.pk]), {"reason": "x"}).status_code == 403
    )
    assert strict.post(reverse("mine:task_done", args=[task.pk]), {"done": "1"}).status_code == 403
    assert invitation(coming, karen).response == "pending"


def test_pages_carry_csrf_tokens_in_their_forms(me, karen, coming, task):
    invitation_respond(invitation=invitation(coming, karen), response="yes")
    html = me.get(reverse("mine:meeting", args=[coming.pk])).content.decode()
    assert html.count("csrfmiddlewaretoken") >= 3  # answer, absence, task (and log out)


# --- Navigation and the front page -----------------------------------------------------------


def test_participant_landing_on_the_front_page_gets_their_overview(me):
    response = me.get("/")
    assert response.status_code == 302
    assert response.url == reverse("mine:index")


def test_co_driver_sees_both_sides(me, karen):
    Membership.objects.filter(participant=karen).update(is_co_driver=True)
    assert me.get("/").status_code == 200
    page = text(me.get(reverse("mine:index")))
    assert "Mit overblik" in page
    assert "Netværk" in page


def test_participant_navigation(me, karen):
    page = me.get(reverse("mine:index")).content.decode()
    assert f'href="{reverse("mine:index")}"' in page
    assert 'aria-current="page"' in page
    assert "Karen Holm" in page
    assert f'href="{reverse("networks:index")}"' not in page


@pytest.mark.parametrize("count", [3, 30])
def test_meeting_network_and_past_pages_cost_the_same_queries_for_3_and_30(
    me, karen, network, count, django_assert_num_queries
):
    make_meetings(network, count)
    for n in range(count):
        fellow = ParticipantFactory()
        MembershipFactory(network=network, participant=fellow)
        if n % 2:
            ConsentFactory(participant=fellow, kind=Consent.Kind.SHOW_TO_PEERS)
    meeting = karen.invitations.order_by("meeting__starts_at").last().meeting
    for task in meeting.preparation_tasks.all():
        TaskAssignment.objects.create(task=task, participant=karen)
    for url, most in [
        (reverse("mine:meeting", args=[meeting.pk]), 9),
        (reverse("mine:network", args=[network.pk]), 11),
        (reverse("mine:past"), 9),
    ]:
        with django_assert_num_queries(most):
            assert me.get(url).status_code == 200


def test_a_participant_who_logs_out_comes_back_to_the_sign_in_by_mail(me):
    response = me.post(reverse("logout"), {"next": reverse("signin:request")})
    assert response.url == reverse("signin:request")
    page = me.get(reverse("mine:index"))
    assert page.status_code == 302


def test_the_menu_sends_a_participant_back_to_the_sign_in_by_mail(me):
    html = me.get(reverse("mine:index")).content.decode()
    assert f'name="next" value="{reverse("signin:request")}"' in html


# --- The services themselves -----------------------------------------------------------------


def test_answering_records_the_time_and_refuses_once_the_meeting_has_begun(karen, coming):
    row = invitation(coming, karen)
    invitation_answer(invitation=row, response="maybe", comment="Kommer måske sent")
    row.refresh_from_db()
    assert (row.response, row.response_comment) == ("maybe", "Kommer måske sent")
    answered_at = row.responded_at
    with pytest.raises(ValidationError):
        invitation_answer(invitation=row, response="yes", now=coming.starts_at)
    row.refresh_from_db()
    assert (row.response, row.responded_at) == ("maybe", answered_at)


def test_absence_is_refused_without_a_reason_and_keeps_the_answer(karen, coming):
    row = invitation(coming, karen)
    invitation_respond(invitation=row, response="yes")
    with pytest.raises(ValidationError) as refused:
        invitation_report_absence(invitation=row, reason=" ")
    assert "reason" in refused.value.error_dict
    row.refresh_from_db()
    assert row.response == "yes"


def test_preparation_for_a_meeting_that_is_over_is_no_longer_listed(me, karen, past):
    task = PreparationTaskFactory(meeting=past, title="Gammel forberedelse")
    TaskAssignmentFactory(task=task, participant=karen)
    assert "Gammel forberedelse" not in text(me.get(reverse("mine:index")))
