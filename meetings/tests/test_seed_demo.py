"""``manage.py seed_demo``: the demo municipality, its logins, its history volume, idempotence."""

import datetime
import re
from collections import Counter
from io import StringIO
from itertools import pairwise

import holidays
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.translation import gettext

from meetings import demo, demo_data, reminders
from meetings.models import Delivery, Invitation, Meeting, PreparationTask, TaskAssignment
from meetings.services import membership_invites_to
from netvaerk.models import Network, PhaseTemplate, Theme
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership, Participant

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HANDWRITTEN = [spec["name"] for spec in demo_data.NETWORKS]
SKIPPED = "The database already has networks; no demo data was loaded."
TINY = demo.HistoryVolume(blocks=1, networks_per_block=3, participants_per_block=100)


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {**demo.demo_counts(), "all_invitations": Invitation.objects.count()}


def assert_invitations_follow_membership(networks) -> None:
    """Every current invitation follows from a membership or is an extra one, and every
    membership that invites to a meeting has its current invitation."""
    memberships = {
        (m.network_id, m.participant_id): m
        for m in Membership.objects.filter(network__in=networks).prefetch_related("phases")
    }
    current = set()
    for invitation in Invitation.objects.current().filter(meeting__network__in=networks):
        membership = memberships.get((invitation.meeting.network_id, invitation.participant_id))
        follows = membership is not None and membership_invites_to(membership, invitation.meeting)
        assert follows or invitation.is_extra, invitation
        current.add((invitation.meeting_id, invitation.participant_id))
    for meeting in Meeting.objects.filter(network__in=networks):
        for (network_id, participant_id), membership in memberships.items():
            if network_id == meeting.network_id and membership_invites_to(membership, meeting):
                assert (meeting.pk, participant_id) in current, (meeting, membership)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHER


@pytest.fixture(scope="class")
def handwritten_demo(django_db_setup, django_db_blocker):
    """The hand-written demo, loaded once for the class and rolled back after it (like
    TestCase.setUpTestData); each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield seed("--no-history")
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.usefixtures("handwritten_demo")
class TestHandwrittenDemo:
    def test_demo_has_several_themes_and_a_network_in_every_status(self):
        assert Theme.objects.count() >= 4
        statuses = set(
            Network.objects.filter(name__in=HANDWRITTEN).values_list("status", flat=True)
        )
        assert statuses == set(Network.Status.values)

    def test_demo_people_cover_every_background_with_their_profile(self):
        people = Participant.objects.all()
        assert people.count() >= 20
        assert set(people.values_list("background", flat=True)) == set(
            Participant.Background.values
        )
        assert not people.filter(perspective="").exists()
        assert not people.filter(motivation="").exists()
        assert all(person.email.endswith("@demo.netvaerk.dk") for person in people)

    def test_municipal_staff_have_a_manager_and_agreements_in_several_states(self):
        staff = Participant.objects.filter(background=Participant.Background.MUNICIPAL_STAFF)
        assert staff.exists()
        assert not staff.filter(is_municipal_staff=False).exists()
        assert not staff.filter(manager_name="").exists()
        assert not staff.filter(manager_email="").exists()
        agreements = set(
            Membership.objects.filter(participant__in=staff).values_list(
                "manager_agreement", flat=True
            )
        )
        assert {"agreed", "pending", "declined"} <= agreements

    def test_every_network_has_its_phases_and_four_to_six_meetings_of_three_to_four_hours(self):
        template = list(PhaseTemplate.objects.values_list("name", flat=True))
        for network in Network.objects.filter(name__in=HANDWRITTEN):
            assert list(network.phases.values_list("name", flat=True)) == template
            meetings = list(network.meetings.all())
            assert 4 <= len(meetings) <= 6, network
            for meeting in meetings:
                assert (
                    datetime.timedelta(hours=3) <= meeting.duration <= datetime.timedelta(hours=4)
                )
            phases_met = {meeting.phase.order for meeting in meetings}
            assert phases_met == set(network.phases.values_list("order", flat=True)), network

    def test_phases_follow_each_other_and_hold_their_meetings(self):
        for network in Network.objects.filter(name__in=HANDWRITTEN):
            phases = list(network.phases.order_by("order"))
            assert phases[0].start_date == network.start_date
            assert phases[-1].end_date == network.end_date
            for before, after in pairwise(phases):
                assert after.start_date == before.end_date + datetime.timedelta(days=1)
            for meeting in network.meetings.select_related("phase"):
                day = timezone.localdate(meeting.starts_at)
                assert meeting.phase.start_date <= day <= meeting.phase.end_date, meeting

    def test_meetings_are_on_working_days_that_are_no_public_holiday(self):
        for meeting in Meeting.objects.filter(network__name__in=HANDWRITTEN):
            day = timezone.localdate(meeting.starts_at)
            assert day.weekday() < 5, meeting
            assert day not in holidays.Denmark(years=day.year), meeting

    def test_every_network_has_core_and_involved_members_and_active_ones_a_co_driver(self):
        for network in Network.objects.filter(name__in=HANDWRITTEN):
            roles = set(network.memberships.values_list("role", flat=True))
            assert roles == {"core", "involved"}, network
            for membership in network.memberships.filter(role="involved"):
                assert membership.phases.exists(), membership
        for network in Network.objects.filter(name__in=HANDWRITTEN, status="active"):
            assert network.memberships.filter(is_co_driver=True, role="core").count() == 1

    def test_invitations_follow_the_membership_rule(self):
        networks = Network.objects.filter(name__in=HANDWRITTEN)
        assert_invitations_follow_membership(networks)
        assert Invitation.objects.filter(is_extra=True).exists()
        # A member who left keeps the answers they gave, on withdrawn invitations.
        assert Invitation.objects.filter(withdrawn_at__isnull=False).exists()

    def test_held_meetings_have_minutes_and_attendance_and_coming_ones_neither(self):
        now = timezone.now()
        held = Meeting.objects.filter(network__name__in=HANDWRITTEN, ends_at__lte=now)
        coming = Meeting.objects.filter(network__name__in=HANDWRITTEN, starts_at__gt=now)
        assert held.exists() and coming.exists()
        assert set(held.values_list("status", flat=True)) == {Meeting.Status.HELD}
        assert not held.filter(minutes="").exists()
        assert (
            not Invitation.objects.current()
            .filter(meeting__in=held, attendance=Invitation.Attendance.UNKNOWN)
            .exists()
        )
        assert set(coming.values_list("status", flat=True)) == {Meeting.Status.PLANNED}
        assert not coming.exclude(minutes="").exists()
        assert not Invitation.objects.filter(meeting__in=coming).exclude(attendance="unknown")

    def test_answers_of_every_kind_some_with_comments_and_some_unanswered(self):
        current = Invitation.objects.current()
        assert set(current.values_list("response", flat=True)) == set(Invitation.Response.values)
        assert current.exclude(response_comment="").exists()
        for invitation in current.exclude(response="pending"):
            assert invitation.invited_at <= invitation.responded_at <= invitation.meeting.starts_at

    def test_preparation_tasks_of_every_kind_with_invited_assignees_some_done(self):
        assert set(PreparationTask.objects.values_list("kind", flat=True)) == set(
            PreparationTask.Kind.values
        )
        for assignment in TaskAssignment.objects.select_related("task__meeting"):
            meeting = assignment.task.meeting
            assert meeting.invitations.filter(participant=assignment.participant_id).exists()
            assert assignment.task.due_date <= timezone.localdate(meeting.starts_at)
        assert TaskAssignment.objects.filter(done_at__isnull=False).exists()
        assert TaskAssignment.objects.filter(done_at__isnull=True).exists()

    def test_invitations_to_coming_meetings_are_recorded_as_already_sent(self):
        from meetings.reminders import due_invitations

        assert Delivery.objects.filter(kind="invitation", status="sent").exists()
        assert due_invitations(timezone.now()) == []

    def test_secretariat_and_admin_can_log_in_with_the_printed_passwords(self, handwritten_demo):
        for login in demo.DEMO_LOGINS:
            assert f"{login.username}  " in handwritten_demo
            assert login.password in handwritten_demo
            client = Client()
            assert client.login(username=login.username, password=login.password)
            assert client.get("/admin/").status_code == 200
        assert f"{settings.SITE_URL}/admin/" in handwritten_demo

    def test_summary_prints_the_counts(self, handwritten_demo):
        lines = handwritten_demo.splitlines()
        for label, count in [
            (gettext("Themes"), Theme.objects.count()),
            (gettext("Networks"), Network.objects.count()),
            (gettext("Participants"), Participant.objects.count()),
            (gettext("Meetings"), Meeting.objects.count()),
            (gettext("Invitations (current)"), Invitation.objects.current().count()),
            (gettext("Preparation tasks"), PreparationTask.objects.count()),
        ]:
            assert any(line.split() == [*label.split(), str(count)] for line in lines), label

    def test_secretariat_group_holds_every_permission_of_the_three_apps(self):
        user = get_user_model().objects.get(username="sekretariat")
        assert user.is_staff and not user.is_superuser
        assert user.groups.filter(name="Sekretariat").exists()
        wanted = Permission.objects.filter(
            content_type__app_label__in=["netvaerk", "participants", "meetings"]
        )
        assert wanted.exists()
        assert set(user.groups.get().permissions.all()) >= set(wanted)
        assert get_user_model().objects.get(username="admin").is_superuser

    def test_running_again_adds_nothing_and_keeps_a_changed_password(self):
        user = get_user_model().objects.get(username="sekretariat")
        user.set_password("Mit eget kodeord 42!")
        user.save()
        before = counts()

        output = seed("--no-history")

        assert counts() == before
        assert "Se netværket 2026!" not in output
        assert "sekretariat" in output
        user.refresh_from_db()
        assert user.check_password("Mit eget kodeord 42!")

    def test_if_empty_does_nothing_when_networks_exist(self):
        before = counts()
        output = seed("--if-empty")
        assert counts() == before
        assert gettext(SKIPPED) in output


@pytest.mark.django_db
def test_if_empty_skips_a_database_with_one_network_and_says_so():
    NetworkFactory()
    output = seed("--if-empty")
    assert Network.objects.count() == 1
    assert not Participant.objects.exists()
    assert gettext(SKIPPED) in output


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "-1", "x", "2.5", ""])
def test_a_bad_scale_on_the_command_line_is_a_clear_error(value):
    with pytest.raises(CommandError, match="--scale"):
        call_command("seed_demo", "--scale", value, stdout=StringIO())
    assert not Network.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("value", [0, -1, "x", 2.5, True])
def test_a_bad_scale_from_code_is_a_clear_error(value):
    with pytest.raises(CommandError, match="1"):
        call_command("seed_demo", scale=value, stdout=StringIO())
    assert not Network.objects.exists()


@pytest.mark.django_db
def test_scale_n_asks_for_n_blocks_of_history(monkeypatch):
    asked = []

    def fake_seed(*, volume, progress=None):
        asked.append(volume)
        return demo.SeedResult(logins=[], handwritten_created=0, history_created=0)

    monkeypatch.setattr("meetings.management.commands.seed_demo.seed_demo", fake_seed)
    seed("--scale", "3")
    seed()
    seed("--no-history")
    assert asked == [demo.HistoryVolume.for_scale(3), demo.HistoryVolume.for_scale(1), None]


@pytest.mark.parametrize("scale", [1, 10])
def test_history_volume_grows_in_proportion_to_the_scale(scale):
    volume = demo.HistoryVolume.for_scale(scale)
    assert volume.networks == 50 * scale
    assert volume.participants == 2500 * scale
    assert volume.meetings == 300 * scale
    assert volume.min_invitations >= 15000 * scale
    assert volume.tasks == 600 * scale


def test_meeting_plan_spreads_meetings_over_the_phases_on_working_days():
    easter_week = datetime.date(2026, 3, 20)  # the third of six meetings lands near Easter
    for count, phases in [(4, [1, 2, 3, 4]), (5, [1, 2, 3, 3, 4]), (6, [1, 2, 2, 3, 4, 4])]:
        plan = demo.meeting_plan(easter_week, count, 4)
        assert [order for _day, order in plan] == phases
        days = [day for day, _order in plan]
        assert days == sorted(days)
        assert all(demo.is_meeting_day(day) for day in days)
        assert (days[-1] - days[0]).days <= 213
    assert not demo.is_meeting_day(datetime.date(2026, 4, 3))  # Good Friday
    assert not demo.is_meeting_day(datetime.date(2026, 11, 28))  # a Saturday
    assert demo.next_meeting_day(datetime.date(2026, 4, 2)) == datetime.date(2026, 4, 7)


def history(volume=TINY):
    now = timezone.now()
    return demo.seed_history(volume, today=timezone.localdate(now), now=now)


@pytest.mark.django_db
def test_generated_history_matches_its_volume_and_the_membership_rule():
    created = history()

    networks = Network.objects.filter(pk__in=created)
    assert networks.count() == TINY.networks
    assert Participant.objects.filter(email__startswith="deltager").count() == TINY.participants
    assert Meeting.objects.filter(network__in=networks).count() == TINY.meetings
    assert Membership.objects.filter(network__in=networks).count() == TINY.memberships
    assert Invitation.objects.current().count() >= TINY.min_invitations
    assert PreparationTask.objects.count() == TINY.tasks
    assert_invitations_follow_membership(networks)
    for network in networks:
        assert re.fullmatch(r"Netværk \d+: .+", network.name)
        assert network.phases.count() == PhaseTemplate.objects.count()
        assert set(network.memberships.values_list("joined_on", flat=True)) == {network.start_date}
    answered = Invitation.objects.exclude(response="pending").count()
    assert answered > Invitation.objects.count() / 2


@pytest.mark.django_db
def test_generated_meetings_of_past_networks_are_held_with_attendance():
    volume = demo.HistoryVolume(blocks=1, networks_per_block=12, participants_per_block=100)
    history(volume)
    today = timezone.localdate()
    concluded = Network.objects.filter(status="concluded")
    assert concluded.exists()
    for network in concluded:
        assert network.end_date < today
        assert set(network.meetings.values_list("status", flat=True)) == {"held"}
    held = Invitation.objects.filter(meeting__network__in=concluded)
    assert not held.filter(attendance="unknown").exists()
    assert set(Network.objects.values_list("status", flat=True)) >= {"concluded", "active"}


@pytest.mark.django_db
def test_a_larger_volume_adds_only_what_is_missing():
    history(TINY)
    first = counts()
    bigger = demo.HistoryVolume(blocks=2, networks_per_block=3, participants_per_block=100)

    history(bigger)
    second = counts()
    history(bigger)

    assert counts() == second
    assert second["networks"] == 2 * first["networks"]
    assert second["participants"] == 2 * first["participants"]
    assert second["meetings"] == 2 * first["meetings"]
    assert Counter(Participant.objects.values_list("email", flat=True)).most_common(1)[0][1] == 1


@pytest.mark.django_db
def test_held_meetings_of_the_history_have_their_delivery_log_and_nothing_waits_to_be_sent(
    monkeypatch,
):
    volume = demo.HistoryVolume(blocks=1, networks_per_block=12, participants_per_block=100)
    history(volume)

    held = Invitation.objects.filter(meeting__status="held")
    invited = set(
        Delivery.objects.filter(kind="invitation").values_list("meeting_id", "participant_id")
    )
    assert set(held.values_list("meeting_id", "participant_id")) <= invited
    kinds = set(Delivery.objects.values_list("kind", flat=True))
    assert kinds >= {"invitation", "meeting_reminder", "response_nudge", "task_reminder"}
    assert kinds >= {"follow_up"}
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses["sent"] > 0.9 * sum(statuses.values())
    assert not Delivery.objects.unsent().exists()
    assert not Delivery.objects.filter(
        kind="meeting_reminder",
        meeting__invitations__response="no",
        participant=F("meeting__invitations__participant"),
    ).exists()
    # A sweep now records and hands over nothing about the held meetings.
    before = Delivery.objects.filter(meeting__status="held").count()
    monkeypatch.setattr(reminders, "enqueue", lambda ids: None)
    report = reminders.sweep()
    assert Delivery.objects.filter(meeting__status="held").count() == before
    assert not Delivery.objects.filter(meeting__status="held", pk__in=report.queued).exists()
