"""The retention rule: people whose networks all ended more than the retention time ago are
flagged, the secretariat is warned by mail (once), and the person is anonymised when the
warning time has passed — by the daily task, the command and the page alike."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import tasks
from meetings.retention import retention_apply, retention_cases
from meetings.tests.factories import MeetingFactory, at
from netvaerk.models import Network
from netvaerk.tests.factories import NetworkFactory
from participants.models import NetworkInvitation, Participant
from participants.rules import SECRETARIAT_GROUP
from participants.tests.factories import (
    MembershipFactory,
    NetworkInvitationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

ENDED = datetime.date(2024, 3, 31)  # the old network's last day
FLAGGED = datetime.date(2026, 3, 31)  # 24 months later
DUE = FLAGGED + datetime.timedelta(days=30)  # warned on FLAGGED, anonymised 30 days after


@pytest.fixture(autouse=True)
def rule(settings):
    settings.NETVAERK_RETENTION_MONTHS = 24
    settings.NETVAERK_RETENTION_WARNING_DAYS = 30


@pytest.fixture
def clock(time_machine):
    def move_to(day: datetime.date):
        time_machine.move_to(at(day, 3), tick=False)  # the beat's early-morning run

    move_to(ENDED)
    return move_to


@pytest.fixture
def secretary():
    user = User.objects.create_user("sanne", email="sanne@kommune.dk", first_name="Sanne")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    return user


@pytest.fixture
def old_network(clock):
    return NetworkFactory(
        name="Ældre og ensomhed",
        status=Network.Status.CONCLUDED,
        start_date=ENDED - datetime.timedelta(days=180),
        end_date=ENDED,
    )


@pytest.fixture
def former(old_network):
    person = ParticipantFactory(name="Inger Holm", email="inger@example.dk")
    MembershipFactory(network=old_network, participant=person)
    return person


def signed_in(client, user):
    """Sign in after the clock has moved (a session from two years earlier has expired)."""
    client.force_login(user)
    return client


def names(cases) -> list[str]:
    return [case.participant.name for case in cases]


def run(day, clock, **kwargs):
    clock(day)
    return retention_apply(**kwargs)


def test_nobody_is_flagged_before_the_retention_time_has_passed(former, clock):
    clock(FLAGGED - datetime.timedelta(days=1))
    assert retention_cases() == []


def test_a_person_is_flagged_when_all_their_networks_ended_long_enough_ago(former, clock):
    clock(FLAGGED)
    [case] = retention_cases()
    assert case.participant == former
    assert (case.last_active, case.flagged_on, case.warned_on) == (ENDED, FLAGGED, None)
    assert case.anonymise_on == DUE


def test_someone_in_a_running_network_or_invited_to_one_is_not_flagged(former, clock):
    busy = ParticipantFactory(name="Bo Busy")
    MembershipFactory(network=former.memberships.get().network, participant=busy)
    MembershipFactory(network=NetworkFactory(status=Network.Status.ACTIVE), participant=busy)
    invited = ParticipantFactory(name="Ida Inviteret")
    MembershipFactory(network=former.memberships.get().network, participant=invited)
    NetworkInvitationFactory(participant=invited, status=NetworkInvitation.Status.OPEN)
    clock(FLAGGED + datetime.timedelta(days=400))
    assert names(retention_cases()) == ["Inger Holm"]


def test_a_later_meeting_counts_as_taking_part(former, old_network, clock):
    guest_at = ENDED + datetime.timedelta(days=100)
    meeting = MeetingFactory(network=NetworkFactory(), starts_at=at(guest_at))
    meeting.invitations.create(participant=former, is_extra=True)
    clock(FLAGGED)
    assert retention_cases() == []
    clock(FLAGGED + datetime.timedelta(days=100))
    [case] = retention_cases()
    assert case.last_active == guest_at


def test_a_dry_run_reports_and_changes_nothing(former, clock, secretary, mailoutbox):
    out = StringIO()
    clock(DUE + datetime.timedelta(days=10))
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "0 would anonymise, 1 flagged, would warn about 1" in out.getvalue()
    former.refresh_from_db()
    assert former.retention_warned_at is None and former.anonymised_at is None
    assert mailoutbox == []


def test_the_secretariat_is_warned_once_then_the_person_is_anonymised(
    former, clock, secretary, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = run(FLAGGED, clock)
    assert names(report.warned) == ["Inger Holm"] and report.anonymised == []
    [mail] = mailoutbox
    assert mail.to == ["Sanne <sanne@kommune.dk>"]
    assert mail.subject == "Personoplysninger, der snart anonymiseres"
    assert "Inger Holm: anonymiseres den 30. april 2026" in mail.body
    assert reverse("participants:retention") in mail.body
    former.refresh_from_db()
    assert timezone.localdate(former.retention_warned_at) == FLAGGED

    with django_capture_on_commit_callbacks(execute=True):
        run(FLAGGED, clock)  # the same day again
        report = run(DUE - datetime.timedelta(days=1), clock)
    assert len(mailoutbox) == 1
    assert report.anonymised == [] and names(report.waiting) == ["Inger Holm"]

    with django_capture_on_commit_callbacks(execute=True):
        report = run(DUE, clock)
    assert names(report.anonymised) == ["Inger Holm"]
    former.refresh_from_db()
    assert former.anonymised_at is not None and former.name.startswith("Anonymiseret")
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        report = run(DUE, clock)  # safe to run twice
    assert report.anonymised == report.waiting == report.warned == []
    assert len(mailoutbox) == 1


def test_the_anonymisation_keeps_the_attendance(former, old_network, clock):
    meeting = MeetingFactory(network=old_network, starts_at=at(ENDED - datetime.timedelta(days=30)))
    meeting.invitations.filter(participant=former).update(
        attendance="attended", response="yes", responded_at=timezone.now()
    )
    run(FLAGGED, clock)
    run(DUE, clock)
    former.refresh_from_db()
    assert former.anonymised_at is not None
    assert list(former.invitations.values_list("attendance", flat=True)) == ["attended"]


def test_a_warning_about_an_earlier_flagging_does_not_count(former, clock, mailoutbox):
    run(FLAGGED, clock)  # warned
    # Back in a network for another half year, which ended long ago too.
    newer_end = ENDED + datetime.timedelta(days=200)
    newer = NetworkFactory(
        status=Network.Status.CONCLUDED,
        start_date=ENDED + datetime.timedelta(days=20),
        end_date=newer_end,
    )
    MembershipFactory(network=newer, participant=former)
    report = run(DUE, clock)
    assert report.anonymised == []  # not flagged any more: the newer network is too recent
    clock(datetime.date(2026, 10, 17) + datetime.timedelta(days=1))
    [case] = retention_cases()
    assert case.warned_on is None  # the old warning does not count for the new flagging


def test_the_daily_task_and_the_beat_entry(former, clock, settings):
    assert settings.CELERY_BEAT_SCHEDULE["apply-retention"]["task"] == "meetings.apply_retention"
    clock(FLAGGED)
    assert tasks.apply_retention() == {"anonymised": 0, "flagged": 1}
    clock(DUE)
    assert tasks.apply_retention() == {"anonymised": 1, "flagged": 0}
    assert Participant.objects.get(pk=former.pk).anonymised_at is not None


def test_the_retention_page_lists_the_flagged_people_with_their_dates(
    former, clock, client, secretary
):
    clock(FLAGGED + datetime.timedelta(days=2))
    staff = signed_in(client, secretary)
    body = staff.get(reverse("participants:retention")).content.decode()
    assert "Opbevaring af personoplysninger" in body
    assert "Inger Holm" in body
    assert "31. marts 2024" in body  # last took part
    assert "Endnu ikke" in body  # not warned yet
    assert "tidligst 2. maj 2026" in body


def test_the_retention_page_takes_the_same_queries_for_one_and_many(
    former, clock, client, secretary
):
    clock(FLAGGED)
    staff = signed_in(client, secretary)
    with CaptureQueriesContext(connection) as one:
        staff.get(reverse("participants:retention"))
    for number in range(5):
        MembershipFactory(
            network=former.memberships.get().network,
            participant=ParticipantFactory(name=f"Person {number}"),
        )
    with CaptureQueriesContext(connection) as six:
        response = staff.get(reverse("participants:retention"))
    assert len(response.context["cases"]) == 6
    assert len(one) == len(six)


def test_someone_who_never_joined_is_flagged_after_their_last_invitation(clock):
    declined_on = ENDED + datetime.timedelta(days=10)
    pool = ParticipantFactory(name="Palle Pulje")  # registered on ENDED, never a member
    clock(declined_on)
    NetworkInvitationFactory(
        participant=pool, status=NetworkInvitation.Status.DECLINED, answered_at=timezone.now()
    )
    clock(FLAGGED + datetime.timedelta(days=9))
    assert retention_cases() == []
    clock(FLAGGED + datetime.timedelta(days=10))
    [case] = retention_cases()
    assert (case.participant, case.last_active) == (pool, declined_on)
