"""How long one reminder sweep takes with 100,000 invitations of which 1,000 are due.

Not part of the suite: run it with

    NETVAERK_BENCH=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/netvaerk \\
        .venv/bin/pytest -s meetings/tests/test_reminders_bench.py

The data: 500 networks with 20 members and 10 meetings each, from half a year ago to half
a year ahead; every invitation already has its sent invitation message in the log (a
system that has run for a while). 50 meetings start tomorrow, so their 1-day reminders are
due now: 1,000 messages. Queueing to the broker is left out; the sweep's database work is
what is measured.
"""

import datetime
import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings import reminders
from meetings.models import Delivery, Invitation, Meeting
from netvaerk.models import Network, Phase, Theme
from participants.models import Participant

pytestmark = [
    pytest.mark.skipif(not os.environ.get("NETVAERK_BENCH"), reason="benchmark: NETVAERK_BENCH=1"),
    pytest.mark.django_db,
]

NETWORKS, MEMBERS, MEETINGS = 500, 20, 10
DUE_MEETINGS = 50


def build(now: datetime.datetime) -> None:
    theme = Theme.objects.create(name="Benchmark")
    networks = Network.objects.bulk_create(
        Network(theme=theme, name=f"Netværk {n}", challenge="-", status="active")
        for n in range(NETWORKS)
    )
    phases = Phase.objects.bulk_create(
        Phase(network=network, order=1, name="Indsigt") for network in networks
    )
    people = Participant.objects.bulk_create(
        Participant(name=f"Deltager {n}", email=f"d{n}@example.dk", background="citizen")
        for n in range(NETWORKS * MEMBERS)
    )
    meetings = []
    for n, (network, phase) in enumerate(zip(networks, phases, strict=True)):
        for m in range(MEETINGS):
            if n < DUE_MEETINGS and m == 0:
                start = now + datetime.timedelta(days=1, hours=-1)  # 1-day reminder due now
            else:
                # Whole days ahead or behind, six hours off any reminder moment.
                days = -180 + (n * MEETINGS + m) * 361 // (NETWORKS * MEETINGS)
                start = now + datetime.timedelta(days=days, hours=6)
            meetings.append(
                Meeting(
                    network=network,
                    phase=phase,
                    title=f"Møde {m}",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=3),
                )
            )
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    invitations = [
        Invitation(meeting=meeting, participant=person)
        for index, meeting in enumerate(meetings)
        for person in people[(index // MEETINGS) * MEMBERS : (index // MEETINGS + 1) * MEMBERS]
    ]
    Invitation.objects.bulk_create(invitations, batch_size=5000)
    Invitation.objects.update(invited_at=now - datetime.timedelta(days=200))
    Delivery.objects.bulk_create(
        (
            Delivery(
                kind=Delivery.Kind.INVITATION,
                meeting_id=meeting_id,
                participant_id=participant_id,
                due_at=now - datetime.timedelta(days=200),
                status=Delivery.Status.SENT,
                next_attempt_at=now - datetime.timedelta(days=200),
                expires_at=now - datetime.timedelta(days=190),
                sent_at=now - datetime.timedelta(days=200),
                sent_sequence=0,
            )
            for meeting_id, participant_id in Invitation.objects.values_list(
                "meeting_id", "participant_id"
            )
        ),
        batch_size=5000,
    )


def test_one_sweep_with_100000_invitations_of_which_1000_are_due(monkeypatch):
    monkeypatch.setattr(reminders, "enqueue", lambda ids: None)
    now = timezone.now()
    build(now)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    assert Invitation.objects.count() == NETWORKS * MEMBERS * MEETINGS

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        report = reminders.sweep(now=now)
        first = time.perf_counter() - started
    started = time.perf_counter()
    again = reminders.sweep(now=now + datetime.timedelta(seconds=60))
    second = time.perf_counter() - started

    assert sum(report.recorded.values()) == DUE_MEETINGS * MEMBERS
    assert len(report.queued) == DUE_MEETINGS * MEMBERS
    assert again.queued == []
    print(
        f"\n{connection.vendor}: sweep with {Invitation.objects.count()} invitations, "
        f"{DUE_MEETINGS * MEMBERS} due: {first * 1000:.0f} ms ({len(queries)} queries); "
        f"next sweep, nothing due: {second * 1000:.0f} ms"
    )
