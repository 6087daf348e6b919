"""The overview (dashboard): what needs attention across the networks one may see."""

import datetime
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from meetings.models import Invitation, Meeting
from meetings.tests.factories import (
    MeetingFactory,
    PreparationTaskFactory,
    TaskAssignmentFactory,
    at,
)
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership
from participants.tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


@pytest.fixture
def network():
    return NetworkFactory(name="Ensomhed", start_date=TODAY() - timedelta(days=90))


def meeting_in(network, days: int, **fields) -> Meeting:
    start = at(TODAY() + timedelta(days=days), 9)
    fields.setdefault("phase", network.phases.first())
    return MeetingFactory(
        network=network, starts_at=start, ends_at=start + timedelta(hours=3), **fields
    )


def member(network, name, **fields):
    return MembershipFactory(network=network, participant__name=name, **fields).participant


def overview_of(client):
    response = client.get("/")
    assert response.status_code == 200
    return response, response.context["overview"]


# --- Who may see it --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_a_participant_is_sent_to_their_own_overview(client, network):
    person = member(network, "Borger", participant__user=User.objects.create_user("borger"))
    client.force_login(person.user)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/mit/"


def test_a_co_driver_sees_only_their_own_networks(client, network):
    co_driver = member(
        network, "Carl", is_co_driver=True, participant__user=User.objects.create_user("carl")
    )
    meeting_in(network, 5, title="Eget møde")
    meeting_in(NetworkFactory(name="Fremmed"), 5, title="Fremmed møde")
    client.force_login(co_driver.user)
    response, overview = overview_of(client)
    assert [m.title for m in overview.coming_meetings.rows] == ["Eget møde"]
    assert [item.network.name for item in overview.plan_warnings] == ["Ensomhed"]
    assert "Fremmed" not in response.text


# --- The sections ----------------------------------------------------------------------------


def test_every_section_has_a_heading_and_an_empty_state(staff):
    response, _ = overview_of(staff)
    text = response.text
    assert text.count("<h2") == 7
    for empty in [
        "No meetings in the coming weeks.",
        "Everyone invited to a coming meeting has answered.",
        "No preparation task is overdue.",
        "No planned or active network has plan warnings.",
        "Every municipal employee in a planned or active network has their manager's agreement.",
        "No core participant has been absent from two or more meetings.",
        "Nobody has asked to be removed.",
    ]:
        assert gettext(empty) in text


def test_coming_meetings_are_those_of_the_next_weeks_not_cancelled(staff, network):
    meeting_in(network, 3, title="Snart")
    meeting_in(network, 90, title="Langt ude")
    meeting_in(network, -3, title="Forbi")
    meeting_in(network, 4, title="Aflyst", status=Meeting.Status.CANCELLED, cancellation_reason="x")
    response, overview = overview_of(staff)
    assert [m.title for m in overview.coming_meetings.rows] == ["Snart"]
    assert overview.coming_meetings.rows[0].get_absolute_url() in response.text


def test_unanswered_invitations_are_counted_per_coming_meeting(staff, network):
    karin, ida = member(network, "Karin"), member(network, "Ida")
    answered = meeting_in(network, 10, title="Alle har svaret")
    open_meeting = meeting_in(network, 20, title="Mangler svar")
    Invitation.objects.filter(meeting=answered).update(
        response=Invitation.Response.YES, responded_at=timezone.now()
    )
    Invitation.objects.filter(meeting=open_meeting, participant=karin).update(
        response=Invitation.Response.NO, responded_at=timezone.now()
    )
    assert ida  # Ida has not answered "Mangler svar"
    _, overview = overview_of(staff)
    (row,) = overview.unanswered.rows
    assert (row.title, row.pending_count, row.invited_count) == ("Mangler svar", 1, 2)


def test_networks_with_plan_warnings_are_the_planned_and_active_ones(staff, network):
    NetworkFactory(name="Kladde", status=Network.Status.DRAFT)
    NetworkFactory(name="Afsluttet", status=Network.Status.CONCLUDED)
    planned = NetworkFactory(name="Planlagt", status=Network.Status.PLANNED)
    response, overview = overview_of(staff)
    names = [item.network.name for item in overview.plan_warnings]
    assert names == ["Ensomhed", "Planlagt"]
    codes = {warning.code for warning in overview.plan_warnings[1].warnings}
    assert {"too_few_meetings", "no_core", "no_co_driver"} <= codes
    assert planned.name in response.text


def test_missing_manager_agreements_are_municipal_staff_not_agreed(staff, network):
    def staff_member(name, agreement, **fields):
        return member(
            network,
            name,
            participant__is_municipal_staff=True,
            manager_agreement=agreement,
            **fields,
        )

    staff_member("Venter", Membership.ManagerAgreement.PENDING)
    staff_member("Afslået", Membership.ManagerAgreement.DECLINED)
    staff_member("Aftalt", Membership.ManagerAgreement.AGREED)
    staff_member("Stoppet", Membership.ManagerAgreement.PENDING, left_on=TODAY())
    member(network, "Borger")  # not municipal staff
    _, overview = overview_of(staff)
    names = [m.participant.name for m in overview.missing_agreements.rows]
    assert names == ["Afslået", "Venter"]


def test_overdue_tasks_are_not_done_past_due_and_not_cancelled(staff, network):
    karin = member(network, "Karin")
    ahead = meeting_in(network, 2)
    cancelled = meeting_in(network, 3, status=Meeting.Status.CANCELLED, cancellation_reason="x")

    def task(meeting, title, due_in, done=False):
        task = PreparationTaskFactory(
            meeting=meeting, title=title, due_date=TODAY() + timedelta(days=due_in)
        )
        TaskAssignmentFactory(
            task=task, participant=karin, done_at=timezone.now() if done else None
        )

    task(ahead, "Forsinket", -1)
    task(ahead, "Klaret", -1, done=True)
    task(ahead, "Ikke forfalden", 1)
    task(cancelled, "Aflyst møde", -1)
    response, overview = overview_of(staff)
    (row,) = overview.overdue_tasks.rows
    assert row.title == "Forsinket"
    assert [a.participant.name for a in row.open_assignments] == ["Karin"]
    assert f"/moeder/{ahead.pk}/#task-{row.pk}" in response.text


def test_core_participants_absent_from_two_meetings_are_pointed_out(staff, network):
    karin = member(network, "Karin")  # core, absent twice
    bo = member(network, "Bo")  # core, absent once, excused once
    ida = member(
        network, "Ida", role=Membership.Role.INVOLVED, phases=[network.phases.first()]
    )  # involved, absent twice
    held = [meeting_in(network, -days) for days in (30, 20, 10)]
    for meeting in held[:2]:
        Invitation.objects.filter(meeting=meeting, participant__in=[karin, ida]).update(
            attendance=Invitation.Attendance.ABSENT
        )
    Invitation.objects.filter(meeting=held[0], participant=bo).update(
        attendance=Invitation.Attendance.ABSENT
    )
    Invitation.objects.filter(meeting=held[1], participant=bo).update(
        attendance=Invitation.Attendance.EXCUSED
    )
    response, overview = overview_of(staff)
    rows = [(row["participant__name"], row["missed"]) for row in overview.often_absent.rows]
    assert rows == [("Karin", 2)]
    assert "Karin" in response.text


def test_long_sections_are_cut_and_say_so(staff, network):
    member(network, "Karin")
    for days in range(1, 13):
        meeting_in(network, days)
    _, overview = overview_of(staff)
    assert len(overview.unanswered.rows) == 10
    assert overview.unanswered.more


# --- Query count -----------------------------------------------------------------------------


def _busy_network(number: int) -> None:
    """A network with something in every section of the overview."""
    network = NetworkFactory(name=f"Netværk {number}", start_date=TODAY() - timedelta(days=90))
    karin = member(network, f"Karin {number}")
    member(
        network,
        f"Mette {number}",
        participant__is_municipal_staff=True,
        manager_agreement=Membership.ManagerAgreement.PENDING,
    )
    coming = meeting_in(network, 5)
    for days in (20, 10):
        held = meeting_in(network, -days)
        Invitation.objects.filter(meeting=held, participant=karin).update(
            attendance=Invitation.Attendance.ABSENT
        )
    task = PreparationTaskFactory(meeting=coming, due_date=TODAY() - timedelta(days=1))
    TaskAssignmentFactory(task=task, participant=karin)
    TaskAssignmentFactory(task=task, participant=ParticipantFactory())


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


DASHBOARD_QUERIES = 12  # session, user, group, removal requests + 8 for the seven sections


def test_overview_query_count_does_not_grow_with_networks(staff):
    for number in range(3):
        _busy_network(number)
    few = _queries(staff)
    _, overview = overview_of(staff)
    assert len(overview.coming_meetings.rows) == 3
    assert len(overview.often_absent.rows) == 3
    for number in range(3, 30):
        _busy_network(number)
    many = _queries(staff)
    _, overview = overview_of(staff)
    assert len(overview.overdue_tasks.rows) == 25 and overview.overdue_tasks.more
    assert len(overview.plan_warnings) == 25 and overview.more_plan_warnings
    assert few == many == DASHBOARD_QUERIES
