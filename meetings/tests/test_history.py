"""Audit history (django-simple-history): who changed what and when on networks, memberships,
meetings and people, shown in admin; and nothing in admin deletes a network with a history."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from meetings.tests.conftest import SECRETARIAT_GROUP
from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory
from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanne(client):
    user = User.objects.create_user("sanne", first_name="Sanne", last_name="Sekretær")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    client.force_login(user)
    return user


def next_weekday(days_ahead: int) -> datetime.date:
    day = datetime.date.today() + datetime.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def test_editing_a_meeting_in_the_secretariat_pages_records_who_changed_what(client, sanne):
    network = NetworkFactory(start_date=datetime.date.today() - datetime.timedelta(days=30))
    meeting = MeetingFactory(network=network, phase=network.phases.get(order=1), title="Opstart")
    data = {
        "title": "Opstart – flyttet",
        "phase": meeting.phase.pk,
        "day": next_weekday(30).isoformat(),
        "starts": "09:00",
        "ends": "12:30",
        "place": "Borgerhuset",
        "online_url": "",
        "agenda": "Velkomst",
    }
    assert client.post(f"/moeder/{meeting.pk}/rediger/", data).status_code == 302

    latest, created = meeting.history.all()[:2]
    assert latest.history_type == "~"
    assert latest.history_user == sanne
    assert (latest.title, latest.place) == ("Opstart – flyttet", "Borgerhuset")
    assert created.history_type == "+"
    assert created.title == "Opstart"
    changed = {change.field for change in latest.diff_against(created).changes}
    assert {"title", "place", "starts_at", "ends_at"} <= changed


def test_admin_shows_the_history_of_a_meeting_with_the_person_who_changed_it(admin_client):
    meeting = MeetingFactory(title="Opstart")
    ida = User.objects.create_user("ida-fra-sekretariatet")
    meeting.title = "Opstart på rådhuset"
    meeting._history_user = ida
    meeting.save()
    response = admin_client.get(reverse("admin:meetings_meeting_history", args=[meeting.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Opstart på rådhuset" in content
    assert "ida-fra-sekretariatet" in content


@pytest.mark.parametrize(
    "model", ["netvaerk_network", "participants_participant", "participants_membership"]
)
def test_admin_history_pages_of_networks_people_and_memberships_open(admin_client, model):
    membership = MembershipFactory()
    obj = {
        "netvaerk_network": membership.network,
        "participants_participant": membership.participant,
        "participants_membership": membership,
    }[model]
    response = admin_client.get(reverse(f"admin:{model}_history", args=[obj.pk]))
    assert response.status_code == 200
    assert obj.history.count() >= 1


def test_a_network_with_members_or_meetings_cannot_be_deleted_in_admin(admin_client):
    with_members = MembershipFactory().network
    with_meetings = MeetingFactory().network
    empty = NetworkFactory(name="Kladde uden noget")
    for network in (with_members, with_meetings):
        url = reverse("admin:netvaerk_network_delete", args=[network.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert type(network).objects.filter(pk=network.pk).exists()
    url = reverse("admin:netvaerk_network_delete", args=[empty.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert empty.history.filter(history_type="-").exists()  # even then its history stays
