"""The small world the hostile-input suite attacks: every kind of user and one of every object
a URL can name, so generated ids hit real rows (one's own and another person's) as well as
rows that do not exist, and generated tokens start from real ones."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from meetings.models import Invitation, Meeting, TaskAssignment
from meetings.tests.factories import MeetingFactory, PreparationTaskFactory, at
from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership
from participants.onboarding import manager_token, network_invitation_token
from participants.rules import SECRETARIAT_GROUP
from participants.signin import sign_in_link_create
from participants.tests.factories import (
    MembershipFactory,
    NetworkInvitationFactory,
    ParticipantFactory,
)

ROLES = ("anonymous", "participant", "co_driver", "secretariat", "superuser")


@dataclass
class World:
    users: dict[str, User | None]
    ids: list[int]  # every object id in the world: one's own and other people's
    tokens: dict[str, list[str]]  # URL keyword → real tokens (Anna's and Bo's)
    objects: dict[str, object] = field(default_factory=dict)

    clients: dict[str, Client] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        """A client signed in as ``role``, made once (a fresh one with ``fresh=True``)."""
        if role not in self.clients:
            self.clients[role] = self.fresh_client(role)
        return self.clients[role]

    def client_copy(self, role: str) -> Client:
        """A new client with the role's session cookie: what a request does to the cookies
        (logging out) stays with the copy, and the session rows roll back with the example."""
        client = Client()
        client.cookies.update(self.client(role).cookies)
        return client

    def fresh_client(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
        return client


@contextmanager
def world_for_module(django_db_blocker, media_root):
    """A world built once for a test module, in a transaction rolled back at the end; each
    test's own transaction (pytest-django) nests inside it."""
    fast = override_settings(
        MEDIA_ROOT=media_root,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],  # login attempts
    )
    with django_db_blocker.unblock(), fast:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            for role in ROLES:  # signed in now, outside the examples' rolled-back savepoints
                world.client(role)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def build_world() -> World:
    today = timezone.localdate()
    secretariat = User.objects.create_user("sekretær-hostil")
    secretariat.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    superuser = User.objects.create_superuser("admin-hostil", "admin@example.dk", "x")

    objects = {}
    for key, name in (("anna", "Anna Andersen"), ("bo", "Bo Bundgaard")):
        network = NetworkFactory(
            name=f"Netværket hos {name}", start_date=today - datetime.timedelta(days=30)
        )
        person = ParticipantFactory(
            name=name,
            calendar_token=f"kalender-{key}-{'x' * 20}",
            is_municipal_staff=True,
            manager_name="Lis Leder",
            manager_email=f"leder-{key}@example.dk",
        )
        membership = MembershipFactory(
            network=network, participant=person, role=Membership.Role.CORE
        )
        coming = MeetingFactory(network=network, title=f"Møde for {name}")
        held = MeetingFactory(
            network=network,
            title=f"Holdt møde for {name}",
            starts_at=at(today - datetime.timedelta(days=10)),
            ends_at=at(today - datetime.timedelta(days=10), 13),
            status=Meeting.Status.HELD,
            minutes=f"Referat om {name}",
        )
        held.minutes_file.save("referat.txt", ContentFile(f"Referat om {name}".encode()))
        for meeting in (coming, held):
            Invitation.objects.get_or_create(meeting=meeting, participant=person)
        task = PreparationTaskFactory(meeting=coming, title=f"Oplæg af {name}")
        assignment = TaskAssignment.objects.create(task=task, participant=person)
        new_network = NetworkFactory(name=f"Nyt netværk til {name}", start_date=today)
        network_invitation = NetworkInvitationFactory(network=new_network, participant=person)
        _link, sign_in_token = sign_in_link_create(participant=person)
        objects[key] = {
            "person": person,
            "network": network,
            "membership": membership,
            "coming": coming,
            "held": held,
            "task": task,
            "assignment": assignment,
            "new_network": new_network,
            "network_invitation": network_invitation,
            "tokens": {
                "invitation": network_invitation_token(network_invitation),
                "manager": manager_token(membership),
                "sign_in": sign_in_token,
                "calendar": person.calendar_token,
            },
        }
    anna = objects["anna"]["person"]
    anna.user = User.objects.create_user("deltager-anna-hostil")
    anna.save(update_fields=["user"])
    # Carl co-drives Anna's network.
    carl = ParticipantFactory(
        name="Carl Codriver", user=User.objects.create_user("codriver-hostil")
    )
    MembershipFactory(
        network=objects["anna"]["network"],
        participant=carl,
        role=Membership.Role.CORE,
        is_co_driver=True,
    )
    objects["carl"] = {"person": carl}
    # Dora is registered and nothing more (she can still be deleted); Erik is archived.
    objects["dora"] = {"person": ParticipantFactory(name="Dora Dahl")}
    objects["erik"] = {
        "person": ParticipantFactory(name="Erik Eriksen", archived_at=timezone.now())
    }
    # Anna has said yes to her coming meeting (so she may report an absence), and joined her
    # network through an accepted invitation (so the manager's summary can be sent).
    Invitation.objects.filter(meeting=objects["anna"]["coming"], participant=anna).update(
        response=Invitation.Response.YES, responded_at=timezone.now()
    )
    objects["anna"]["accepted_invitation"] = NetworkInvitationFactory(
        network=objects["anna"]["network"],
        participant=anna,
        status="accepted",
        answered_at=timezone.now(),
        membership=objects["anna"]["membership"],
    )

    ids = sorted(
        {
            obj.pk
            for group in objects.values()
            for obj in group.values()
            if hasattr(obj, "pk") and obj.pk
        }
    )
    tokens = {
        "token": [
            objects[key]["tokens"][kind]
            for key in ("anna", "bo")
            for kind in ("invitation", "manager", "sign_in", "calendar")
        ]
    }
    return World(
        users={
            "anonymous": None,
            "participant": anna.user,
            "co_driver": carl.user,
            "secretariat": secretariat,
            "superuser": superuser,
        },
        ids=ids,
        tokens=tokens,
        objects=objects,
    )
