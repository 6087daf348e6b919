"""Backup and restore: a `pg_dump -Fc` of a database with the demo data restores with
`pg_restore` to a new database that serves the same pages, history included.

Runs in the PostgreSQL pass (the ``services`` fixture); these are the commands README.md
gives under "Backups"."""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from meetings.models import Meeting
from netvaerk.models import Network

pytestmark = pytest.mark.services

PAGES = """
import hashlib, json, re
from django.contrib.auth.models import User
from django.test import Client
client = Client(HTTP_HOST="localhost")
client.force_login(User.objects.get(username="sekretariat"))
admin = Client(HTTP_HOST="localhost")
admin.force_login(User.objects.get(username="admin"))
result = {}
for who, path in json.loads(PATHS):
    response = (admin if who == "admin" else client).get(path)
    # The CSRF token differs on every request; everything else must be the same.
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    result[path] = [response.status_code, hashlib.sha256(body).hexdigest(), len(body)]
print("PAGES " + json.dumps(result))
"""


def pages_of(database_url: str, paths: list[tuple[str, str]], tmp_path) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "netvaerk.settings",
        "NETVAERK_ENV": "development",
        "NETVAERK_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "LOG_LEVEL": "WARNING",
    }
    script = f"PATHS = {json.dumps(json.dumps(paths))}\n{PAGES}"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--command", script],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("PAGES "))
    return json.loads(line.removeprefix("PAGES "))


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def pg(*args: str, url: str) -> None:
    parts = urlsplit(url)
    env = {**os.environ, "PGPASSWORD": parts.password or ""}
    connection = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    connection += ["-U", parts.username or "postgres"]
    result = subprocess.run(
        [args[0], *connection, *args[1:]], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def test_a_pg_dump_restores_to_a_database_that_serves_the_same_pages(services, tmp_path):
    call_command("seed_demo", "--no-history", verbosity=0)
    network = Network.objects.order_by("pk").first()
    meeting = Meeting.objects.order_by("pk").first()
    meeting.title = f"{meeting.title} (flyttet)"
    meeting.save()  # one more history row to bring along
    paths = [
        ("staff", "/"),
        ("staff", "/netvaerk/"),
        ("staff", network.get_absolute_url()),
        ("staff", "/deltagere/"),
        ("staff", "/moeder/"),
        ("staff", f"/moeder/{meeting.pk}/"),
        ("admin", "/admin/"),
        ("admin", f"/admin/meetings/meeting/{meeting.pk}/history/"),
        ("admin", f"/admin/netvaerk/network/{network.pk}/change/"),
    ]
    source = services.database_url
    restored_name = f"{urlsplit(source).path.lstrip('/')}_restored"
    restored = with_database(source, restored_name)
    dump = tmp_path / "netvaerk.dump"

    pg(
        "pg_dump",
        "--format=custom",
        f"--file={dump}",
        urlsplit(source).path.lstrip("/"),
        url=source,
    )
    pg("dropdb", "--if-exists", restored_name, url=source)
    pg("createdb", restored_name, url=source)
    try:
        pg(
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={restored_name}",
            str(dump),
            url=source,
        )
        before = pages_of(source, paths, tmp_path)
        after = pages_of(restored, paths, tmp_path)
    finally:
        pg("dropdb", "--if-exists", restored_name, url=source)

    assert all(status == 200 for status, _hash, _length in before.values()), before
    assert after == before
