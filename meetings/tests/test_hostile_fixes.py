"""What the hostile-input suite (test_hostile_urls.py, test_hostile_forms.py) found, pinned
through the public interface: each of these answered 500 before its fix."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from meetings.tests.factories import MeetingFactory
from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.dk", "x"))
    return client


@pytest.mark.parametrize("name", ["mine:index", "mine:past", "mydata:index", "calendar:settings"])
def test_a_superuser_without_a_participant_record_is_refused_the_participant_pages(
    superuser_client, name
):
    """A superuser holds every permission, but has no person behind the login (was a 500)."""
    assert superuser_client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/mit/moede/18446744073709551616/",
        "/moeder/99999999999999999999999/",
        "/netvaerk/9223372036854775808/",
        "/kalender/moede/100000000000000000000.ics",
    ],
)
def test_an_id_too_large_for_the_database_is_not_found(superuser_client, path):
    """SQLite's driver failed on a number beyond 64 bits in a lookup (was a 500)."""
    assert superuser_client.get(path).status_code == 404


def test_the_largest_possible_id_is_still_an_id(superuser_client):
    assert superuser_client.get("/netvaerk/9223372036854775807/").status_code == 404
    assert reverse("networks:detail", args=[9223372036854775807]).endswith("/9223372036854775807/")


@pytest.mark.parametrize("version", ["%20", "abc", "1;%20DROP%20TABLE%20x"])
def test_the_admin_history_of_a_version_that_is_not_a_number_is_not_found(
    superuser_client, version
):
    """django-simple-history's version page let a ValueError through (was a 500)."""
    meeting = MeetingFactory()
    membership = MembershipFactory(network=meeting.network)
    for path in (
        f"/admin/meetings/meeting/{meeting.pk}/history/{version}/",
        f"/admin/meetings/meeting/{version}/history/1/",
        f"/admin/participants/membership/{membership.pk}/history/{version}/",
        f"/admin/netvaerk/network/{meeting.network.pk}/history/{version}/",
    ):
        assert superuser_client.get(path).status_code == 404, path


def test_the_admin_history_of_a_real_version_still_opens(superuser_client):
    meeting = MeetingFactory()
    version = meeting.history.first()
    path = f"/admin/meetings/meeting/{meeting.pk}/history/{version.history_id}/"
    assert superuser_client.get(path).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/admin/netvaerk/phase/add/?network=+",
        "/admin/meetings/meeting/add/?network=24:00",
        "/admin/participants/membership/add/?participant=abc&network=1,x",
        "/admin/meetings/taskassignment/add/?task=%00",
    ],
)
def test_an_admin_add_page_ignores_a_related_id_in_the_query_that_is_no_id(superuser_client, path):
    """Django's autocomplete widget looked the value up as it was (was a 500)."""
    response = superuser_client.get(path)
    assert response.status_code == 200


def test_an_admin_add_page_still_takes_a_real_related_id_from_the_query(superuser_client):
    meeting = MeetingFactory()
    response = superuser_client.get(f"/admin/netvaerk/phase/add/?network={meeting.network.pk}")
    assert meeting.network.name in response.content.decode()


@pytest.mark.parametrize("object_id", ["%20", "xxx", "1;%20DROP"])
def test_the_admin_history_list_of_an_object_id_that_is_not_a_number_is_not_found(
    superuser_client, object_id
):
    for model in ("meetings/meeting", "participants/participant", "netvaerk/network"):
        path = f"/admin/{model}/{object_id}/history/"
        assert superuser_client.get(path).status_code == 404, path


@pytest.mark.parametrize("next_url", ["nul\x00midt i", "forside", "/\x00", "mit"])
def test_log_out_everywhere_with_a_next_that_is_no_path_goes_to_the_login(client, next_url):
    """redirect() looked a word up as a URL name (NoReverseMatch, was a 500)."""
    client.force_login(User.objects.create_user("bruger"))
    response = client.post(reverse("logout_everywhere"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_log_out_everywhere_still_follows_a_path_on_this_site(client):
    client.force_login(User.objects.create_user("bruger"))
    response = client.post(reverse("logout_everywhere"), {"next": "/log-ind/"})
    assert response["Location"] == "/log-ind/"


def test_a_phase_id_beyond_64_bits_is_refused_with_a_message_and_changes_nothing(client):
    """Django's IN lookup handed the number to SQLite's driver (OverflowError, was a 500)."""
    from django.contrib.auth.models import Group

    from participants.models import Membership
    from participants.rules import SECRETARIAT_GROUP

    user = User.objects.create_user("sekretær")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    client.force_login(user)
    membership = MembershipFactory(role=Membership.Role.CORE)
    phase = membership.network.phases.first()
    response = client.post(
        reverse("participants:membership_change", args=[membership.pk]),
        {
            "role": "involved",
            "phases": [phase.pk, 9223372036854775808],
            "manager_agreement": membership.manager_agreement,
        },
    )
    assert response.status_code == 200
    assert "er ikke en gyldig værdi" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Membership.Role.CORE


@pytest.fixture
def staff_client(client):
    from django.contrib.auth.models import Group

    from participants.rules import SECRETARIAT_GROUP

    user = User.objects.create_user("sekretær-dst")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    client.force_login(user)
    return client


def meeting_post(network, **fields):
    return {
        "title": "Møde om natten",
        "phase": network.phases.first().pk,
        "day": "2027-03-28",
        "starts": "02:30",
        "ends": "06:00",
        **fields,
    }


def test_a_meeting_at_a_time_the_clocks_skip_is_refused_in_danish(staff_client):
    """02.30 on 28 March 2027 does not exist in Copenhagen; it was saved as 03.30 unnoticed."""
    from meetings.models import Meeting
    from netvaerk.tests.factories import NetworkFactory

    network = NetworkFactory()
    response = staff_client.post(
        reverse("meetings:create", args=[network.pk]), meeting_post(network)
    )
    assert response.status_code == 200
    assert "Klokken 02.30 findes ikke den 28. marts 2027" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_in_the_hour_that_comes_twice_is_saved_at_its_first_pass(staff_client):
    from django.utils import timezone

    from meetings.models import Meeting
    from netvaerk.tests.factories import NetworkFactory

    network = NetworkFactory()
    response = staff_client.post(
        reverse("meetings:create", args=[network.pk]), meeting_post(network, day="2027-10-31")
    )
    assert response.status_code == 302
    starts = timezone.localtime(Meeting.objects.get().starts_at)
    assert (starts.hour, starts.minute, starts.utcoffset().total_seconds()) == (2, 30, 7200)


def test_a_planned_meeting_at_a_time_the_clocks_skip_is_refused(staff_client):
    from meetings.models import Meeting
    from netvaerk.tests.factories import NetworkFactory

    network = NetworkFactory()
    data = {
        "plan-TOTAL_FORMS": "1",
        "plan-INITIAL_FORMS": "0",
        "plan-0-title": "Nattemøde",
        "plan-0-phase": network.phases.first().pk,
        "plan-0-day": "2027-03-28",
        "plan-0-start": "02:15",
        "plan-0-end": "05:00",
    }
    response = staff_client.post(reverse("networks:meeting_plan", args=[network.pk]), data)
    assert response.status_code == 200
    assert "Klokken 02.15 findes ikke den 28. marts 2027" in response.content.decode()
    assert not Meeting.objects.exists()
