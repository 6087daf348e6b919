"""A participant sees only their own data: every URL of the participant's side, given another
person's object ids or a tampered token, answers 404 (a secretariat page: 403), shows nothing
of the other person's, and changes nothing.

The URL list is read from the URL configuration, so a new participant URL without a case here
fails ``test_every_participant_url_has_an_isolation_case``."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from meetings.models import Invitation, Meeting, TaskAssignment
from meetings.tests.factories import MeetingFactory, PreparationTaskFactory, at
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership, NetworkInvitation
from participants.tests.factories import (
    MembershipFactory,
    NetworkInvitationFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

NAMESPACES = ("mine", "calendar", "mydata", "onboarding", "signin")
TAMPERED = "dGFtcGVyZWQ-token_that_was_never_issued"


def participant_url_names() -> set[str]:
    namespaces = get_resolver().namespace_dict
    return {
        f"{namespace}:{name}"
        for namespace in NAMESPACES
        for name in namespaces[namespace][1].reverse_dict
        if isinstance(name, str)
    }


@pytest.fixture
def world(client):
    """Anna (signed in) and Bo, each in a network of their own, with meetings, tasks, minutes,
    an invitation to a network and a calendar address. Nothing of Bo's is Anna's."""
    today = timezone.localdate()
    people = {}
    for name in ("Anna Andersen", "Bo Bundgaard"):
        network = NetworkFactory(
            name=f"Netværket hos {name}", start_date=today - datetime.timedelta(days=30)
        )
        person = ParticipantFactory(name=name, calendar_token=f"token-{name.split()[0].lower()}")
        MembershipFactory(network=network, participant=person, role=Membership.Role.CORE)
        coming = MeetingFactory(network=network, title=f"Møde for {name}")
        held = MeetingFactory(
            network=network,
            title=f"Holdt møde for {name}",
            starts_at=at(today - datetime.timedelta(days=10)),
            ends_at=at(today - datetime.timedelta(days=10), 13),
            status=Meeting.Status.HELD,
            minutes=f"Referat der nævner {name}",
        )
        held.minutes_file.save("referat.txt", ContentFile(f"Referat om {name}".encode()))
        task = PreparationTaskFactory(meeting=coming, title=f"Oplæg af {name}")
        assignment = TaskAssignment.objects.create(task=task, participant=person)
        other_network = NetworkFactory(name=f"Nyt netværk til {name}", start_date=today)
        invitation = NetworkInvitationFactory(network=other_network, participant=person)
        people[name.split()[0].lower()] = {
            "person": person,
            "network": network,
            "coming": coming,
            "held": held,
            "assignment": assignment,
            "network_invitation": invitation,
        }
    anna = people["anna"]["person"]
    anna.user = User.objects.create_user("deltager-anna")
    anna.save(update_fields=["user"])
    client.force_login(anna.user)
    return people


def bo_state(bo) -> tuple:
    invitation = Invitation.objects.get(meeting=bo["coming"], participant=bo["person"])
    assignment = TaskAssignment.objects.get(pk=bo["assignment"].pk)
    person = type(bo["person"]).objects.get(pk=bo["person"].pk)
    network_invitation = NetworkInvitation.objects.get(pk=bo["network_invitation"].pk)
    return (
        invitation.response,
        invitation.response_comment,
        assignment.done_at,
        person.calendar_token,
        person.removal_requested_at,
        network_invitation.status,
        Membership.objects.filter(participant=bo["person"]).count(),
    )


def bo_leaks(response, bo) -> list[str]:
    body = response.content.decode(errors="replace")
    secrets = [
        bo["person"].name,
        bo["person"].email,
        bo["network"].name,
        bo["coming"].title,
        bo["held"].title,
        bo["held"].minutes,
        bo["assignment"].task.title,
    ]
    return [secret for secret in secrets if secret in body]


# Each case: (URL name, kwargs from Bo's objects, methods and their POST data, expected status).
def cases(bo):
    coming, held = bo["coming"].pk, bo["held"].pk
    return {
        "mine:meeting": ({"pk": coming}, 404),
        "mine:answer": ({"pk": coming}, 404),
        "mine:absence": ({"pk": coming}, 404),
        "mine:minutes_file": ({"pk": held}, 404),
        "mine:task_done": ({"pk": bo["assignment"].pk}, 404),
        "mine:network": ({"pk": bo["network"].pk}, 404),
        "calendar:meeting": ({"meeting_pk": coming}, 404),
        "calendar:feed": ({"token": TAMPERED}, 404),
        "onboarding:open": ({"token": TAMPERED}, 404),
        "onboarding:decline": ({"token": TAMPERED}, 404),
        "onboarding:done": ({"token": TAMPERED}, 404),
        "onboarding:manager": ({"token": TAMPERED}, 404),
        "signin:link": ({"token": TAMPERED}, 404),
        # The secretariat's pages: a participant is refused before anything is looked up.
        "onboarding:network_invitations": ({"network_pk": bo["network"].pk}, 403),
        "onboarding:invite": ({"network_pk": bo["network"].pk}, 403),
        "onboarding:invite_person": ({"pk": bo["person"].pk}, 403),
        "onboarding:resend": ({"pk": bo["network_invitation"].pk}, 403),
        "onboarding:withdraw": ({"pk": bo["network_invitation"].pk}, 403),
        "onboarding:manager_summary": ({"pk": bo["network_invitation"].pk}, 403),
    }


# URLs without ids: they can only show the signed-in person's own data.
OWN_PAGES = {
    "mine:index",
    "mine:past",
    "calendar:settings",
    "calendar:reset",
    "mydata:index",
    "mydata:reminders",
    "mydata:consent",
    "mydata:export",
    "mydata:removal",
    "signin:request",
    "signin:sent",
}

HOSTILE_POST = {
    "response": "yes",
    "comment": "Jeg kommer",
    "reason": "Syg",
    "done": "on",
    "name": "Overtaget",
    "email": "overtaget@example.dk",
    "consent": "on",
    "background": "citizen",
}


def test_every_participant_url_has_an_isolation_case(world):
    covered = set(cases(world["bo"])) | OWN_PAGES
    assert participant_url_names() - covered == set()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_persons_ids_and_tampered_tokens_are_refused_and_leak_nothing(
    client, world, method
):
    bo = world["bo"]
    before = bo_state(bo)
    checked = 0
    for name, (kwargs, status) in cases(bo).items():
        url = reverse(name, kwargs=kwargs)
        response = getattr(client, method)(url, HOSTILE_POST if method == "post" else None)
        if response.status_code == 405:
            continue  # this URL does not answer the method at all
        assert response.status_code == status, f"{method.upper()} {name}: {response.status_code}"
        assert bo_leaks(response, bo) == [], f"{method.upper()} {name} shows Bo's data"
        checked += 1
    assert checked >= 10
    assert bo_state(bo) == before


@pytest.mark.parametrize("name", sorted(OWN_PAGES))
@pytest.mark.parametrize("method", ["get", "post"])
def test_own_pages_show_and_change_only_the_signed_in_persons_data(client, world, name, method):
    bo = world["bo"]
    before = bo_state(bo)
    response = getattr(client, method)(reverse(name), HOSTILE_POST if method == "post" else None)
    assert response.status_code < 500
    assert bo_leaks(response, bo) == [], f"{method.upper()} {name} shows Bo's data"
    assert bo_state(bo) == before


def test_the_signed_in_persons_own_objects_do_open(client, world):
    """The same URLs with Anna's own ids work, so the 404s above are about ownership."""
    anna = world["anna"]
    for name, kwargs in [
        ("mine:meeting", {"pk": anna["coming"].pk}),
        ("mine:network", {"pk": anna["network"].pk}),
        ("mine:minutes_file", {"pk": anna["held"].pk}),
        ("calendar:meeting", {"meeting_pk": anna["coming"].pk}),
        ("calendar:feed", {"token": anna["person"].calendar_token}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name
