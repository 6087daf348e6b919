"""The meeting pages: list, page, create/edit/cancel, invitees and reminders, attendance,
minutes (upload and download) and preparation tasks — with who may do what."""

import datetime
import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from meetings import reminders
from meetings.models import TASK_LEAD_DAYS, Delivery, Invitation, Meeting, PreparationTask
from meetings.tests.factories import (
    InvitationFactory,
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


# --- People and a network --------------------------------------------------------------------


@pytest.fixture
def network():
    return NetworkFactory(name="Ensomhed", start_date=TODAY() - timedelta(days=60))


@pytest.fixture
def core(network):
    return MembershipFactory(network=network, participant__name="Karin Kerne").participant


@pytest.fixture
def involved(network):
    return MembershipFactory(
        network=network,
        participant__name="Ida Inddraget",
        role=Membership.Role.INVOLVED,
        phases=[network.phases.get(order=1)],
    ).participant


@pytest.fixture
def co_driver(network):
    membership = MembershipFactory(
        network=network,
        participant__name="Carl Codriver",
        participant__user=User.objects.create_user("codriver"),
        is_co_driver=True,
    )
    return membership.participant.user


@pytest.fixture
def participant_user(network):
    membership = MembershipFactory(
        network=network, participant__user=User.objects.create_user("deltager")
    )
    return membership.participant.user


@pytest.fixture
def meeting(network, core, involved):
    """A coming meeting in the first phase: Karin (core) and Ida (involved) are invited."""
    return MeetingFactory(
        network=network,
        phase=network.phases.get(order=1),
        title="Opstart",
        agenda="1. Velkomst\n2. Udfordringen",
        online_url="https://moede.example.dk/opstart",
    )


@pytest.fixture
def past_meeting(network, core, involved):
    start = at(TODAY() - timedelta(days=7), 9)
    return MeetingFactory(
        network=network,
        phase=network.phases.get(order=1),
        title="Første møde",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )


@pytest.fixture
def other_meeting():
    """A meeting in another network, which the co-driver may not see."""
    return MeetingFactory(network=NetworkFactory(name="Anden by"), title="Fremmed møde")


def url(name, meeting, *extra):
    return {
        "detail": f"/moeder/{meeting.pk}/",
        "update": f"/moeder/{meeting.pk}/rediger/",
        "cancel": f"/moeder/{meeting.pk}/aflys/",
        "invite": f"/moeder/{meeting.pk}/inviter/",
        "remind": f"/moeder/{meeting.pk}/paamind/",
        "attendance": f"/moeder/{meeting.pk}/fremmoede/",
        "minutes": f"/moeder/{meeting.pk}/referat/",
        "minutes_file": f"/moeder/{meeting.pk}/referat/fil/",
        "task_create": f"/moeder/{meeting.pk}/opgaver/ny/",
    }[name]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Who may do what -------------------------------------------------------------------------

MEETING_PAGES = ["detail", "update", "cancel", "invite", "attendance", "minutes", "task_create"]


@pytest.mark.parametrize("page", [*MEETING_PAGES, "minutes_file"])
def test_anonymous_visitors_are_sent_to_log_in(client, meeting, page):
    response = client.get(url(page, meeting))
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize("page", [*MEETING_PAGES, "minutes_file"])
def test_a_participant_is_refused_every_meeting_page(client, meeting, participant_user, page):
    client.force_login(participant_user)
    assert client.get(url(page, meeting)).status_code == 403


def test_a_participant_is_refused_the_list_and_the_create_page(client, network, participant_user):
    client.force_login(participant_user)
    assert client.get("/moeder/").status_code == 403
    assert client.get(f"/moeder/nyt/{network.pk}/").status_code == 403
    assert client.post(f"/moeder/nyt/{network.pk}/", {"title": "X"}).status_code == 403


@pytest.mark.parametrize("page", ["detail", "update", "cancel", "invite", "minutes", "task_create"])
def test_a_co_driver_runs_their_own_networks_meetings(client, meeting, co_driver, page):
    client.force_login(co_driver)
    assert client.get(url(page, meeting)).status_code == 200


@pytest.mark.parametrize("page", [*MEETING_PAGES, "minutes_file"])
def test_a_co_driver_does_not_find_another_networks_meeting(client, co_driver, other_meeting, page):
    client.force_login(co_driver)
    assert client.get(url(page, other_meeting)).status_code == 404


def test_a_co_driver_cannot_cancel_another_networks_meeting(client, co_driver, other_meeting):
    client.force_login(co_driver)
    response = client.post(url("cancel", other_meeting), {"reason": "Fordi"})
    assert response.status_code == 404
    other_meeting.refresh_from_db()
    assert not other_meeting.is_cancelled


def test_a_co_driver_creates_meetings_only_in_their_own_network(client, co_driver, network):
    client.force_login(co_driver)
    assert client.get(f"/moeder/nyt/{network.pk}/").status_code == 200
    other = NetworkFactory()
    assert client.get(f"/moeder/nyt/{other.pk}/").status_code == 404


def test_a_co_driver_lists_only_their_own_networks_meetings(client, co_driver, meeting):
    MeetingFactory(title="Fremmed møde")
    client.force_login(co_driver)
    response = client.get("/moeder/")
    assert "Opstart" in response.text
    assert "Fremmed møde" not in response.text


@pytest.mark.parametrize("page", MEETING_PAGES)
def test_the_secretariat_opens_every_meeting_page(staff, past_meeting, page):
    assert staff.get(url(page, past_meeting)).status_code == 200


def test_a_meeting_that_does_not_exist_is_404(staff):
    assert staff.get("/moeder/999999/").status_code == 404
    assert staff.get("/moeder/nyt/999999/").status_code == 404


# --- The list --------------------------------------------------------------------------------


def test_list_shows_coming_meetings_by_default_and_past_ones_on_their_tab(
    staff, meeting, past_meeting
):
    coming = staff.get("/moeder/")
    assert "Opstart" in coming.text
    assert "Første møde" not in coming.text
    past = staff.get("/moeder/?visning=tidligere")
    assert "Første møde" in past.text
    assert "Opstart" not in past.text
    assert 'aria-current="page" href="?visning=tidligere"' in past.text


def test_list_filters_by_network_and_keeps_the_filter_in_the_tabs(staff, meeting, other_meeting):
    response = staff.get(f"/moeder/?netvaerk={meeting.network_id}")
    assert "Opstart" in response.text
    assert "Fremmed møde" not in response.text
    assert f"netvaerk={meeting.network_id}" in response.text


@pytest.mark.parametrize("query", ["visning=igaar", "netvaerk=abc", "netvaerk=999999", "page=x"])
def test_list_ignores_bad_filters(staff, meeting, query):
    response = staff.get(f"/moeder/?{query}")
    assert response.status_code == 200
    assert "Opstart" in response.text


def test_list_shows_response_counts(staff, meeting, core):
    Invitation.objects.filter(meeting=meeting, participant=core).update(
        response=Invitation.Response.YES, responded_at=timezone.now()
    )
    response = staff.get("/moeder/")
    (row,) = response.context["meetings"]
    assert (row.yes_count, row.pending_count, row.invited_count) == (1, 1, 2)
    assert gettext("%(yes)s yes") % {"yes": 1} in response.text
    assert gettext("%(pending)s not answered") % {"pending": 1} in response.text


def _page_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _add_meetings(network, count):
    people = [MembershipFactory(network=network).participant for _ in range(2)]
    for number in range(count):
        start = at(TODAY() + timedelta(days=10 + number), 9)
        meeting = MeetingFactory(
            network=network, starts_at=start, ends_at=start + timedelta(hours=3)
        )
        InvitationFactory(meeting=meeting)
    return people


LIST_QUERIES = 6  # session, user, secretariat group, count, page of meetings, networks filter


def test_meeting_list_query_count_does_not_grow_with_meetings(staff, network):
    _add_meetings(network, 3)
    few = _page_queries(staff, "/moeder/")
    _add_meetings(NetworkFactory(), 27)
    many = _page_queries(staff, "/moeder/")
    assert few == many == LIST_QUERIES


# --- The meeting page ------------------------------------------------------------------------


def test_meeting_page_shows_time_place_agenda_and_status(staff, meeting):
    response = staff.get(url("detail", meeting))
    text = response.text
    assert "<h1" in text and "Opstart" in text
    assert "Ensomhed" in text and "Indsigt" in text
    assert "Rådhuset" in text
    assert 'href="https://moede.example.dk/opstart"' in text
    assert "Velkomst" in text
    local = timezone.localtime(meeting.starts_at)
    assert f"{local:%H.%M}" in text


def test_meeting_page_lists_invitees_with_role_response_and_comment(staff, meeting, core):
    extra = ParticipantFactory(name="Gæst Gæstesen")
    InvitationFactory(meeting=meeting, participant=extra)
    Invitation.objects.filter(meeting=meeting, participant=core).update(
        response=Invitation.Response.NO, response_comment="På ferie", responded_at=timezone.now()
    )
    response = staff.get(url("detail", meeting))
    rows = {row.participant.name: row for row in response.context["invitations"]}
    assert set(rows) == {"Karin Kerne", "Ida Inddraget", "Gæst Gæstesen"}
    assert rows["Karin Kerne"].member_role == Membership.Role.CORE
    assert rows["Ida Inddraget"].member_role == Membership.Role.INVOLVED
    assert rows["Gæst Gæstesen"].member_role is None
    assert "Kernedeltager" in response.text
    assert "På ferie" in response.text
    counts = response.context["counts"]
    assert (counts.invited, counts.no, counts.pending) == (3, 1, 2)


def test_meeting_page_leaves_out_withdrawn_invitations(staff, meeting, involved):
    Invitation.objects.filter(meeting=meeting, participant=involved).update(
        withdrawn_at=timezone.now()
    )
    response = staff.get(url("detail", meeting))
    assert "Ida Inddraget" not in response.text


def test_cancelled_meeting_page_shows_the_reason_and_no_edit_actions(staff, meeting):
    meeting.status, meeting.cancellation_reason = Meeting.Status.CANCELLED, "Sygdom"
    meeting.save()
    response = staff.get(url("detail", meeting))
    assert "Sygdom" in response.text
    assert url("update", meeting) not in response.text
    assert url("cancel", meeting) not in response.text


def test_meeting_page_shows_tasks_with_assignees_and_done_state(staff, meeting, core, involved):
    task = PreparationTaskFactory(meeting=meeting, title="Læs rapporten")
    TaskAssignmentFactory(task=task, participant=core, done_at=timezone.now())
    TaskAssignmentFactory(task=task, participant=involved)
    response = staff.get(url("detail", meeting))
    assert "Læs rapporten" in response.text
    (shown,) = response.context["tasks"]
    done = {a.participant.name: a.is_done for a in shown.assignments.all()}
    assert done == {"Karin Kerne": True, "Ida Inddraget": False}


def test_meeting_page_shows_plan_warnings_for_a_short_meeting_on_a_holiday(staff, network):
    christmas = datetime.date(TODAY().year + 1, 12, 25)
    meeting = MeetingFactory(
        network=network, starts_at=at(christmas, 9), ends_at=at(christmas, 11), title="Jul"
    )
    response = staff.get(url("detail", meeting))
    codes = {warning.code for warning in response.context["warnings"]}
    assert codes == {"meeting_too_short", "public_holiday"}


def _many_invitees(meeting, count):
    for _ in range(count):
        person = ParticipantFactory()
        InvitationFactory(meeting=meeting, participant=person)
        task = PreparationTaskFactory(meeting=meeting)
        TaskAssignmentFactory(task=task, participant=person)


DETAIL_QUERIES = 7  # session, user, group, meeting, invitations, tasks, assignments


def test_meeting_page_query_count_does_not_grow_with_invitees_and_tasks(staff, network):
    meeting = MeetingFactory(network=network)
    _many_invitees(meeting, 3)
    few = _page_queries(staff, url("detail", meeting))
    _many_invitees(meeting, 27)
    many = _page_queries(staff, url("detail", meeting))
    assert few == many == DETAIL_QUERIES


# --- Create, edit, cancel --------------------------------------------------------------------


def _meeting_form(network, on=None, **changes):
    """The create/edit form's fields; ``on`` a date (default: a weekday a month ahead)."""
    day = on or TODAY() + timedelta(days=30)
    while on is None and day.weekday() >= 5:
        day += timedelta(days=1)
    data = {
        "title": "Idéværksted",
        "phase": network.phases.get(order=2).pk,
        "day": day.isoformat(),
        "starts": "09:00",
        "ends": "12:30",
        "place": "Biblioteket",
        "online_url": "",
        "agenda": "Ideer",
    }
    data.update(changes)
    return data


def test_create_form_offers_only_the_networks_phases_and_its_default_place(staff, network):
    NetworkFactory()  # another network's phases must not be offered
    response = staff.get(f"/moeder/nyt/{network.pk}/")
    form = response.context["form"]
    assert set(form.fields["phase"].queryset) == set(network.phases.all())
    assert form.initial["place"] == network.default_place
    assert network.default_place in response.text


def test_create_schedules_the_meeting_in_copenhagen_time_and_invites_members(staff, network, core):
    day = datetime.date(TODAY().year + 1, 6, 10)  # summer time: UTC+2
    response = staff.post(f"/moeder/nyt/{network.pk}/", _meeting_form(network, on=day))
    meeting = Meeting.objects.get(title="Idéværksted")
    assert response.url == f"/moeder/{meeting.pk}/"
    assert meeting.starts_at == datetime.datetime(
        day.year, day.month, day.day, 7, 0, tzinfo=datetime.UTC
    )
    assert meeting.place == "Biblioteket"
    assert list(meeting.invitations.values_list("participant__name", flat=True)) == ["Karin Kerne"]


def test_create_refuses_a_phase_of_another_network_and_saves_nothing(staff, network):
    foreign_phase = NetworkFactory().phases.first()
    data = _meeting_form(network, phase=foreign_phase.pk)
    response = staff.post(f"/moeder/nyt/{network.pk}/", data)
    assert response.status_code == 200
    assert "phase" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_create_refuses_an_end_before_the_start_in_danish(staff, network):
    response = staff.post(
        f"/moeder/nyt/{network.pk}/", _meeting_form(network, starts="13:00", ends="12:00")
    )
    assert response.status_code == 200
    assert "Et møde skal slutte efter, det er begyndt." in response.text
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [("day", "31-02-2027"), ("starts", "25:00"), ("title", ""), ("online_url", "x y")],
)
def test_create_refuses_bad_input_and_saves_nothing(staff, network, field, value):
    response = staff.post(f"/moeder/nyt/{network.pk}/", _meeting_form(network, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_checking_the_plan_rules_shows_warnings_beside_the_form_and_saves_nothing(staff, network):
    christmas = datetime.date(TODAY().year + 1, 12, 25)
    data = _meeting_form(network, on=christmas, starts="09:00", ends="10:00", check="1")
    response = staff.post(f"/moeder/nyt/{network.pk}/", data)
    assert response.status_code == 200
    codes = {warning.code for warning in response.context["warnings"]}
    assert {"meeting_too_short", "public_holiday"} <= codes
    assert "Juledag" in response.text  # the holiday's Danish name
    assert not Meeting.objects.exists()


def test_saving_a_meeting_against_the_plan_rules_warns_but_saves(staff, network):
    data = _meeting_form(network, starts="09:00", ends="15:00")
    response = staff.post(f"/moeder/nyt/{network.pk}/", data, follow=True)
    assert Meeting.objects.filter(title="Idéværksted").exists()
    assert any("6,0" in message for message in messages_of(response))


def test_edit_changes_the_meeting(staff, meeting):
    data = _meeting_form(meeting.network, title="Opstart – flyttet", place="Borgerhuset")
    response = staff.post(url("update", meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.place) == ("Opstart – flyttet", "Borgerhuset")
    assert meeting.sequence == 1  # moved: calendars are updated


def test_edit_form_shows_the_meeting_in_copenhagen_time(staff, meeting):
    form = staff.get(url("update", meeting)).context["form"]
    assert form.initial["starts"] == datetime.time(9)
    assert form.initial["title"] == "Opstart"


def test_a_cancelled_meeting_cannot_be_edited(staff, meeting):
    meeting.status, meeting.cancellation_reason = Meeting.Status.CANCELLED, "Sygdom"
    meeting.save()
    response = staff.get(url("update", meeting), follow=True)
    assert "Et aflyst møde kan ikke ændres." in messages_of(response)
    staff.post(url("update", meeting), _meeting_form(meeting.network, title="Nyt"))
    meeting.refresh_from_db()
    assert meeting.title == "Opstart"


def test_cancel_asks_for_confirmation_before_it_cancels(staff, meeting):
    response = staff.get(url("cancel", meeting))
    assert response.status_code == 200
    assert 'name="reason"' in response.text
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_cancel_needs_a_reason(staff, meeting):
    response = staff.post(url("cancel", meeting), {"reason": "   "})
    assert "Angiv en årsag til aflysningen." in response.text
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_cancel_with_a_reason_cancels_the_meeting(staff, meeting):
    response = staff.post(url("cancel", meeting), {"reason": "For få tilmeldte"})
    assert response.url == url("detail", meeting)
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.cancellation_reason == "For få tilmeldte"


def test_choose_network_lists_the_networks_one_may_plan_in(client, co_driver, network):
    NetworkFactory(name="Fremmed netværk")
    client.force_login(co_driver)
    response = client.get("/moeder/nyt/")
    assert f"/moeder/nyt/{network.pk}/" in response.text
    assert "Fremmed netværk" not in response.text


# --- Invitees and reminders ------------------------------------------------------------------


def test_invite_search_finds_people_not_yet_invited(staff, meeting, core):
    ParticipantFactory(name="Karl Gæst")
    ParticipantFactory(name="Karen Arkiveret", archived_at=timezone.now())
    response = staff.get(url("invite", meeting) + "?q=kar")
    names = {person.name for person in response.context["results"]}
    assert names == {"Karl Gæst"}  # Karin is invited already, Karen is archived


def test_inviting_an_extra_person_adds_them_to_the_meeting(staff, meeting):
    guest = ParticipantFactory(name="Gæst Gæstesen")
    response = staff.post(url("invite", meeting), {"participant": guest.pk})
    assert response.status_code == 302
    invitation = meeting.invitations.get(participant=guest)
    assert invitation.is_extra
    row = staff.get(url("detail", meeting)).context["invitations"][0]
    assert (row.participant, row.member_role, row.is_extra) == (guest, None, True)


def test_inviting_someone_unknown_changes_nothing(staff, meeting):
    before = meeting.invitations.count()
    staff.post(url("invite", meeting), {"participant": "999999"})
    staff.post(url("invite", meeting), {"participant": "abc"})
    assert meeting.invitations.count() == before


@pytest.fixture
def sending(monkeypatch, django_capture_on_commit_callbacks):
    """Run the send task in-process when the commit hands rows to the broker."""
    monkeypatch.setattr("meetings.tasks.send_delivery.delay", reminders.delivery_send)

    def post(client, path):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, follow=True)

    return post


def test_reminding_the_unanswered_sends_one_nudge_to_each_who_has_not_answered(
    staff, meeting, core, involved, sending, mailoutbox
):
    Invitation.objects.filter(meeting=meeting, participant=core).update(
        response=Invitation.Response.YES, responded_at=timezone.now()
    )
    response = sending(staff, url("remind", meeting))
    nudges = Delivery.objects.filter(kind=Delivery.Kind.RESPONSE_NUDGE, meeting=meeting)
    assert list(nudges.values_list("participant__name", "status")) == [("Ida Inddraget", "sent")]
    assert [message.to for message in mailoutbox] == [[f"Ida Inddraget <{involved.email}>"]]
    assert any("1" in message for message in messages_of(response))


def test_pressing_remind_twice_does_not_send_twice(staff, meeting, sending, mailoutbox):
    sending(staff, url("remind", meeting))
    sending(staff, url("remind", meeting))
    assert Delivery.objects.filter(kind=Delivery.Kind.RESPONSE_NUDGE).count() == 2
    assert len(mailoutbox) == 2


def test_remind_leaves_out_those_who_turned_reminders_off(staff, meeting, core, sending):
    core.wants_response_reminders = False
    core.save()
    sending(staff, url("remind", meeting))
    nudged = Delivery.objects.values_list("participant__name", flat=True)
    assert list(nudged) == ["Ida Inddraget"]


def test_remind_is_post_only(staff, meeting):
    assert staff.get(url("remind", meeting)).status_code == 405
    assert not Delivery.objects.exists()


def test_remind_refuses_a_cancelled_or_past_meeting(staff, meeting, past_meeting, sending):
    meeting.status, meeting.cancellation_reason = Meeting.Status.CANCELLED, "Sygdom"
    meeting.save()
    cancelled = sending(staff, url("remind", meeting))
    assert "Mødet er aflyst." in messages_of(cancelled)
    sending(staff, url("remind", past_meeting))
    assert not Delivery.objects.exists()


def test_a_requested_nudge_is_not_taken_for_a_scheduled_nudge_of_a_moved_meeting(meeting):
    report = reminders.remind_unanswered_now(meeting=meeting)
    assert report.reminded == 2
    row = Delivery.objects.filter(kind=Delivery.Kind.RESPONSE_NUDGE).select_related(
        "meeting__network", "participant"
    )[0]
    assert reminders.why_not_send(row, timezone.now()) is None
    meeting.starts_at += timedelta(days=1)
    meeting.ends_at += timedelta(days=1)
    meeting.save()
    row.meeting.refresh_from_db()
    assert reminders.why_not_send(row, timezone.now()) == (
        Delivery.Status.SKIPPED,
        "The meeting has moved.",
    )


# --- Attendance ------------------------------------------------------------------------------


def test_attendance_before_the_meeting_has_begun_is_refused_with_a_message(staff, meeting):
    response = staff.get(url("attendance", meeting), follow=True)
    assert "Fremmøde kan registreres, når mødet er begyndt." in messages_of(response)
    invitation = meeting.invitations.first()
    staff.post(url("attendance", meeting), {f"invitation_{invitation.pk}": "attended"})
    invitation.refresh_from_db()
    assert invitation.attendance == Invitation.Attendance.UNKNOWN


def test_attendance_form_has_a_fieldset_and_legend_per_invitee(staff, past_meeting):
    response = staff.get(url("attendance", past_meeting))
    text = response.text
    assert text.count("<fieldset") == 2
    assert text.count("<legend") == 2
    assert "Karin Kerne" in text and "Ida Inddraget" in text
    assert text.count('type="radio"') == 6


def test_attendance_is_saved_for_every_invitee_at_once(staff, past_meeting, core, involved):
    karin = past_meeting.invitations.get(participant=core)
    ida = past_meeting.invitations.get(participant=involved)
    response = staff.post(
        url("attendance", past_meeting),
        {f"invitation_{karin.pk}": "attended", f"invitation_{ida.pk}": "excused"},
    )
    assert response.status_code == 302
    karin.refresh_from_db()
    ida.refresh_from_db()
    assert (karin.attendance, ida.attendance) == ("attended", "excused")


def test_attendance_with_one_bad_value_changes_nobody(staff, past_meeting, core, involved):
    karin = past_meeting.invitations.get(participant=core)
    ida = past_meeting.invitations.get(participant=involved)
    response = staff.post(
        url("attendance", past_meeting),
        {f"invitation_{karin.pk}": "attended", f"invitation_{ida.pk}": "maybe"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    karin.refresh_from_db()
    assert karin.attendance == Invitation.Attendance.UNKNOWN


def test_attendance_ignores_invitations_of_other_meetings(staff, past_meeting, meeting, core):
    foreign = meeting.invitations.get(participant=core)
    staff.post(url("attendance", past_meeting), {f"invitation_{foreign.pk}": "absent"})
    foreign.refresh_from_db()
    assert foreign.attendance == Invitation.Attendance.UNKNOWN


def test_a_row_left_empty_keeps_its_attendance(staff, past_meeting, core):
    karin = past_meeting.invitations.get(participant=core)
    karin.attendance = Invitation.Attendance.ABSENT
    karin.save()
    staff.post(url("attendance", past_meeting), {})
    karin.refresh_from_db()
    assert karin.attendance == Invitation.Attendance.ABSENT


# --- Minutes ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _zip(entries: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def _upload(client, meeting, name, content, text="Referat"):
    return client.post(
        url("minutes", meeting),
        {"minutes": text, "minutes_file": SimpleUploadedFile(name, content)},
    )


def test_minutes_text_is_saved_and_shown(staff, past_meeting):
    staff.post(url("minutes", past_meeting), {"minutes": "Vi besluttede at mødes igen."})
    past_meeting.refresh_from_db()
    assert past_meeting.minutes == "Vi besluttede at mødes igen."
    assert "Vi besluttede at mødes igen." in staff.get(url("detail", past_meeting)).text


@pytest.mark.parametrize(
    "name, content",
    [
        ("referat.pdf", PDF),
        ("referat.docx", DOCX),
        ("referat.odt", ODT),
        ("referat.txt", "Æø".encode()),
    ],
)
def test_minutes_file_of_an_accepted_type_is_stored_under_media_root(
    staff, past_meeting, media, name, content
):
    response = _upload(staff, past_meeting, name, content)
    assert response.status_code == 302
    past_meeting.refresh_from_db()
    stored = media / past_meeting.minutes_file.name
    assert stored.read_bytes() == content
    assert stored.name == name


@pytest.mark.parametrize(
    "name, content",
    [
        ("program.pdf", EXE),  # a program renamed .pdf
        ("program.exe", EXE),
        ("referat.docx", _zip({"hello.txt": b"hej"})),  # a zip, but no Word document
        ("referat.docx", PDF),
        ("referat.odt", DOCX),
        ("referat.txt", EXE),  # binary, not text
        ("referat", PDF),  # no extension
        ("referat.pdf", b""),
    ],
)
def test_minutes_file_whose_name_or_content_is_wrong_is_refused(
    staff, past_meeting, media, name, content
):
    response = _upload(staff, past_meeting, name, content, text="Skal ikke gemmes")
    assert response.status_code == 200
    assert "minutes_file" in response.context["form"].errors
    past_meeting.refresh_from_db()
    assert not past_meeting.minutes_file
    assert past_meeting.minutes == ""  # nothing changed
    assert not media.exists() or not any(media.rglob("*.*"))


def test_minutes_file_over_10_mb_is_refused(staff, past_meeting):
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = _upload(staff, past_meeting, "stort.pdf", big)
    assert response.status_code == 200
    assert "10 MB" in str(response.context["form"].errors["minutes_file"])
    past_meeting.refresh_from_db()
    assert not past_meeting.minutes_file


def test_minutes_file_is_downloaded_through_a_permission_checked_view(
    client, staff, past_meeting, co_driver, participant_user
):
    _upload(staff, past_meeting, "referat.pdf", PDF)
    past_meeting.refresh_from_db()
    download = staff.get(url("minutes_file", past_meeting))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="referat.pdf"'
    assert "/media/" not in staff.get(url("detail", past_meeting)).text

    client.force_login(co_driver)
    assert client.get(url("minutes_file", past_meeting)).status_code == 200
    client.force_login(participant_user)
    assert client.get(url("minutes_file", past_meeting)).status_code == 403
    client.logout()
    assert client.get(url("minutes_file", past_meeting)).status_code == 302


def test_a_new_minutes_file_replaces_the_old_one_in_storage(
    staff, past_meeting, media, django_capture_on_commit_callbacks
):
    _upload(staff, past_meeting, "første.pdf", PDF)
    past_meeting.refresh_from_db()
    first = media / past_meeting.minutes_file.name
    with django_capture_on_commit_callbacks(execute=True):
        _upload(staff, past_meeting, "anden.txt", b"Andet referat")
    past_meeting.refresh_from_db()
    assert past_meeting.minutes_file.name.endswith("anden.txt")
    assert not first.exists()


def test_minutes_file_can_be_removed(staff, past_meeting):
    _upload(staff, past_meeting, "referat.pdf", PDF)
    staff.post(url("minutes", past_meeting), {"minutes": "Referat", "remove_file": "on"})
    past_meeting.refresh_from_db()
    assert not past_meeting.minutes_file
    assert staff.get(url("minutes_file", past_meeting)).status_code == 404


def test_minutes_download_without_a_file_is_404(staff, past_meeting):
    assert staff.get(url("minutes_file", past_meeting)).status_code == 404


# --- Preparation tasks -----------------------------------------------------------------------


def _task_form(**changes):
    data = {"title": "Forbered et oplæg", "kind": "talk", "description": "", "due_date": ""}
    data.update(changes)
    return data


def test_new_task_form_proposes_a_due_date_before_the_meeting(staff, meeting):
    form = staff.get(url("task_create", meeting)).context["form"]
    expected = timezone.localdate(meeting.starts_at) - timedelta(days=TASK_LEAD_DAYS)
    assert form.initial["due_date"] == expected
    assert {person.name for person in form.fields["assignees"].queryset} == {
        "Karin Kerne",
        "Ida Inddraget",
    }


def test_task_assigned_to_everyone_invited(staff, meeting):
    due = timezone.localdate(meeting.starts_at) - timedelta(days=2)
    staff.post(url("task_create", meeting), _task_form(due_date=due, assign_all="on"))
    task = PreparationTask.objects.get()
    assert {a.participant.name for a in task.assignments.all()} == {"Karin Kerne", "Ida Inddraget"}
    assert task.due_date == due


def test_task_assigned_to_one_invitee(staff, meeting, core):
    due = timezone.localdate(meeting.starts_at) - timedelta(days=2)
    staff.post(url("task_create", meeting), _task_form(due_date=due, assignees=[core.pk]))
    task = PreparationTask.objects.get()
    assert [a.participant for a in task.assignments.all()] == [core]


def test_task_cannot_be_assigned_to_someone_not_invited(staff, meeting):
    stranger = ParticipantFactory()
    due = timezone.localdate(meeting.starts_at) - timedelta(days=2)
    response = staff.post(
        url("task_create", meeting), _task_form(due_date=due, assignees=[stranger.pk])
    )
    assert response.status_code == 200
    assert "assignees" in response.context["form"].errors
    assert not PreparationTask.objects.exists()


def test_task_due_after_the_meeting_is_refused(staff, meeting, core):
    late = timezone.localdate(meeting.starts_at) + timedelta(days=1)
    response = staff.post(url("task_create", meeting), _task_form(due_date=late))
    assert "En forberedelsesopgave skal have frist senest på mødedagen." in response.text
    assert not PreparationTask.objects.exists()


def test_editing_a_task_changes_assignees_and_keeps_done_marks(staff, meeting, core, involved):
    task = PreparationTaskFactory(meeting=meeting, title="Læs")
    TaskAssignmentFactory(task=task, participant=core, done_at=timezone.now())
    TaskAssignmentFactory(task=task, participant=involved)
    response = staff.post(
        f"/moeder/{meeting.pk}/opgaver/{task.pk}/rediger/",
        _task_form(title="Læs kapitel 2", due_date=task.due_date, assignees=[core.pk]),
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.title == "Læs kapitel 2"
    (kept,) = task.assignments.all()
    assert kept.participant == core and kept.is_done


def test_deleting_a_task_needs_a_post(staff, meeting):
    task = PreparationTaskFactory(meeting=meeting)
    path = f"/moeder/{meeting.pk}/opgaver/{task.pk}/slet/"
    assert staff.get(path).status_code == 200
    assert PreparationTask.objects.filter(pk=task.pk).exists()
    staff.post(path)
    assert not PreparationTask.objects.filter(pk=task.pk).exists()


def test_marking_a_task_done_and_undone(staff, meeting, core):
    task = PreparationTaskFactory(meeting=meeting)
    assignment = TaskAssignmentFactory(task=task, participant=core)
    path = f"/moeder/{meeting.pk}/opgaver/{task.pk}/{assignment.pk}/udfoert/"
    staff.post(path, {"done": "1"})
    assignment.refresh_from_db()
    assert assignment.is_done
    staff.post(path, {"done": "0"})
    assignment.refresh_from_db()
    assert not assignment.is_done
    assert staff.get(path).status_code == 405


def test_a_task_of_another_meeting_is_404(staff, meeting, other_meeting):
    task = PreparationTaskFactory(meeting=other_meeting)
    assert staff.get(f"/moeder/{meeting.pk}/opgaver/{task.pk}/rediger/").status_code == 404
    assert staff.post(f"/moeder/{meeting.pk}/opgaver/{task.pk}/slet/").status_code == 404
    assert PreparationTask.objects.filter(pk=task.pk).exists()


def test_a_co_driver_cannot_touch_another_networks_tasks(client, co_driver, other_meeting):
    task = PreparationTaskFactory(meeting=other_meeting)
    client.force_login(co_driver)
    response = client.post(f"/moeder/{other_meeting.pk}/opgaver/{task.pk}/slet/")
    assert response.status_code == 404
    assert PreparationTask.objects.filter(pk=task.pk).exists()


def test_network_status_draft_networks_get_no_reminders(staff, network, meeting, sending):
    Network.objects.filter(pk=network.pk).update(status=Network.Status.DRAFT)
    sending(staff, url("remind", meeting))
    assert not Delivery.objects.exists()
