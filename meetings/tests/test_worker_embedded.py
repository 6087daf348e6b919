"""The embedded set-up `make run` uses on a machine with no servers: a SQLite file, kombu's
filesystem broker and the file mail backend under var/. A real worker and a real beat (as in
the Procfile) deliver a due reminder into the mail folder."""

import os
import re
import signal
import subprocess
import sys
import time

from django.conf import settings

SETUP = """
import datetime
from django.utils import timezone
from meetings.models import Invitation
from meetings.services import meeting_create
from netvaerk.models import Network, Phase, Theme
from participants.services import membership_add, participant_create

now = timezone.now()
network = Network.objects.create(
    theme=Theme.objects.create(name="Ensomhed blandt ældre"),
    name="Netværk mod ensomhed",
    challenge="Flere ældre skal have nogen at tale med.",
    status="active",
    start_date=timezone.localdate() - datetime.timedelta(days=30),
)
phase = Phase.objects.create(network=network, order=1, name="Indsigt")
for name in ("Anna Jensen", "Bo Nielsen"):
    person = participant_create(name=name, email=name.replace(" ", ".") + "@example.dk",
                                background="citizen")
    membership_add(network=network, participant=person, role="core")
start = now + datetime.timedelta(days=1, hours=-3)
meeting_create(network=network, phase=phase, title="Første netværksmøde",
               starts_at=start, ends_at=start + datetime.timedelta(hours=3))
Invitation.objects.update(invited_at=now - datetime.timedelta(days=10))
"""


def test_worker_and_beat_deliver_a_due_reminder_with_no_server_installed(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_BACKEND", "EMAIL_FILE_PATH"}
    }
    env.update(NETVAERK_VAR_DIR=str(tmp_path), NETVAERK_SWEEP_SECONDS="1", LOG_LEVEL="WARNING")
    manage = [sys.executable, "manage.py"]
    run = {"cwd": settings.BASE_DIR, "env": env, "capture_output": True, "timeout": 120}
    migrate = subprocess.run([*manage, "migrate", "--no-input"], **run)
    assert migrate.returncode == 0, migrate.stderr.decode()
    setup = subprocess.run([*manage, "shell", "--command", SETUP], **run)
    assert setup.returncode == 0, setup.stderr.decode()

    log = (tmp_path / "celery.log").open("wb")
    celery = [sys.executable, "-m", "celery", "--app", "netvaerk"]
    processes = [
        subprocess.Popen(
            [*celery, *args, "--loglevel", "WARNING"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for args in (["worker", "--concurrency", "1"], ["beat", "--schedule", str(tmp_path / "s")])
    ]
    mail_dir = tmp_path / "mail"

    def kinds() -> list[bytes]:
        if not mail_dir.exists():
            return []
        return sorted(
            kind
            for path in mail_dir.iterdir()
            for kind in re.findall(rb"^X-Netvaerk-Kind: (\w+)", path.read_bytes(), re.MULTILINE)
        )

    try:
        deadline = time.monotonic() + 60
        while len(kinds()) < 4 and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)  # beat keeps sweeping: nothing more may arrive
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    assert (tmp_path / "celery" / "queue").is_dir()
    assert kinds() == [b"invitation", b"invitation", b"meeting_reminder", b"meeting_reminder"], (
        tmp_path / "celery.log"
    ).read_text()
