"""The SQL query count of every page ``make bench`` times, pinned (issue #6).

The pages and the objects they show are chosen exactly as bench/run.py chooses them (the
active network with most members, the coming meeting with most invitees, the person with most
coming invitations, logged in as the secretariat, as an administrator or as that person), on
generated demo history at two volumes. A page that starts to cost a query more — or a query per
row — fails here, in CI, long before anyone runs the benchmark.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.run import MAX_QUERIES, pages_to_time, representatives
from meetings import demo

pytestmark = pytest.mark.django_db

SMALL = demo.HistoryVolume(blocks=1, networks_per_block=12, participants_per_block=100)
LARGER = demo.HistoryVolume(blocks=2, networks_per_block=12, participants_per_block=100)

# Each page's queries, whatever the volume. Session and user come first on every page
# but the feed (anonymous, by its secret address).
BUDGET = {
    "Floor (one indexed query)": 1,
    "Overview": 12,
    "Network list": 6,
    "Network page": 8,
    "Participant list": 7,
    "Participant page": 9,
    "Meeting page": 7,
    "My schedule": 11,
    "My meeting page": 9,
    "Calendar feed": 2,
    "Admin: networks": 10,
    "Admin: participants": 6,
    "Admin: meetings": 8,
    "Admin: invitations": 8,
    "Admin: deliveries": 8,
}


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ROOT_URLCONF = "bench.urls"


def seed(volume) -> None:
    now = timezone.now()
    demo.logins_ensure()
    demo.seed_history(volume, today=timezone.localdate(now), now=now)


def page_queries() -> dict[str, int]:
    objects = representatives()
    clients = {"anonymous": Client()}
    for who in ("staff", "admin", "participant"):
        clients[who] = Client()
        clients[who].force_login(objects["participant_user" if who == "participant" else who])
    counts = {}
    for page in pages_to_time(objects):
        client = clients[page["who"]]
        client.get(page["url"])  # the first request may fill caches (content types, …)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["url"])
        assert response.status_code == 200, page["name"]
        counts[page["name"]] = len(queries)
    return counts


def test_every_page_of_the_bench_costs_its_pinned_queries_at_two_volumes():
    seed(SMALL)
    small = page_queries()
    seed(LARGER)
    larger = page_queries()

    assert small == BUDGET
    assert larger == BUDGET


def test_no_page_of_either_side_costs_more_than_the_target():
    pages = {name: count for name, count in BUDGET.items() if not name.startswith("Admin")}
    assert max(pages.values()) <= MAX_QUERIES


def changelist_queries(client) -> dict[str, int]:
    counts = {}
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[meta.label] = len(queries)
    return counts


def test_every_admin_changelist_costs_the_same_queries_at_two_volumes():
    seed(SMALL)
    client = Client()
    client.force_login(representatives()["admin"])
    small = changelist_queries(client)
    seed(LARGER)

    assert changelist_queries(client) == small
    assert len(small) >= 15  # every model of the three apps, and the users
