"""``make bench``: how the pages, the reminder sweep and the web server hold up at volume.

    .venv/bin/python bench/run.py [--rebuild] [--requests 30] [--load-seconds 10]

On the configured database (SQLite by default, PostgreSQL when DATABASE_URL points there) but
never in it: the bench builds its own databases beside it — SQLite files under var/bench/, or
PostgreSQL databases named after DATABASE_URL's with ``_bench1``/``_bench10`` appended — and
fills them with ``seed_demo --scale 1`` and ``--scale 10``. A seeded database is kept for the
next run while the migrations, the demo code and the day are the same (``--rebuild`` forces a
new one).

For each scale, a child process with bench/settings.py (the real settings and URLs, plus a
floor view) times every main page in-process with Django's test client — the same requests in
turn, after a warm-up — counts its SQL queries, and times the reminder sweep with the same
1,000 due reminders added to the history (inside a transaction that is rolled back). Then
gunicorn serves the scale-10 database on a loopback port with 2 workers, a small load
generator (threads with keep-alive connections, bounded by time and count) requests two pages,
and the peak memory (VmHWM) of a web worker and of a Celery worker doing a sweep is read.

Results: bench/results.md (the table, also printed) and bench/results.json.
"""

import argparse
import datetime
import hashlib
import http.client
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
RESULTS_MD = ROOT / "bench" / "results.md"
RESULTS_JSON = ROOT / "bench" / "results.json"
SCALES = (1, 10)
# What the seeded data depends on: when one of these changes, the databases are rebuilt.
SEED_SOURCES = (
    "netvaerk/migrations",
    "participants/migrations",
    "meetings/migrations",
    "meetings/demo.py",
    "meetings/demo_data.py",
    "meetings/management/commands/seed_demo.py",
)

# --- Targets (issue #6) ------------------------------------------------------------------------

MAX_QUERIES = 12
MAX_FLOOR_RATIO = 3.0
MAX_SWEEP_RATIO = 1.3
DUE_NETWORKS, DUE_MEETINGS_PER_NETWORK, DUE_PEOPLE = 5, 10, 20  # 50 meetings × 20 = 1,000 due


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


# --- The bench's own databases -----------------------------------------------------------------


def configured_url() -> str:
    return os.environ.get("DATABASE_URL", "").strip()


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://", "pgsql://"))


def bench_url(scale: int) -> str:
    url = configured_url()
    if is_postgres(url):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "netvaerk"
        return urlunsplit(parts._replace(path=f"/{name}_bench{scale}"))
    return f"sqlite:///{BENCH_DIR / f'scale{scale}.sqlite3'}"


def _pg_admin(url: str):
    """A connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def _pg_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def database_exists(url: str) -> bool:
    if is_postgres(url):
        with _pg_admin(url) as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [_pg_name(url)]
            ).fetchone()
        return found is not None
    return Path(urlsplit(url).path).exists()


def database_recreate(url: str) -> None:
    if is_postgres(url):
        from psycopg import sql

        name = sql.Identifier(_pg_name(url))
        with _pg_admin(url) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    else:
        path = Path(urlsplit(url).path)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def seed_key(scale: int) -> str:
    """Changes when the seeded data would: migrations, demo code, scale, and the day (the demo
    is dated from today)."""
    digest = hashlib.sha256(f"{scale} {datetime.date.today().isoformat()}".encode())
    for source in SEED_SOURCES:
        path = ROOT / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def key_file(url: str) -> Path:
    name = _pg_name(url) if is_postgres(url) else Path(urlsplit(url).path).name
    return BENCH_DIR / f"{'postgresql' if is_postgres(url) else 'sqlite'}-{name}.key"


def child_env(url: str, scale: int) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_DEBUG", None)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        NETVAERK_ENV="development",
        NETVAERK_VAR_DIR=str(BENCH_DIR / f"var-scale{scale}"),
        PYTHONPATH=str(ROOT),
        # Empty environment values would be taken as settings; the bench wants the defaults.
        CELERY_BROKER_URL="filesystem://",
    )
    return env


def manage(url: str, scale: int, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=child_env(url, scale), check=True
    )


def prepare(scale: int, rebuild: bool) -> tuple[str, bool, float]:
    """The seeded database of ``scale``: (url, built now, seconds it took)."""
    url = bench_url(scale)
    key = seed_key(scale)
    stored = key_file(url)
    if not rebuild and stored.exists() and stored.read_text() == key and database_exists(url):
        log(f"scale {scale}: reusing the seeded database ({url})")
        return url, False, 0.0
    log(f"scale {scale}: building {url} (seed_demo --scale {scale}; scale 10 takes minutes)")
    started = time.monotonic()
    stored.unlink(missing_ok=True)
    database_recreate(url)
    manage(url, scale, "migrate", "--no-input", "--verbosity", "0")
    manage(url, scale, "seed_demo", "--scale", str(scale), "--verbosity", "2")
    analyse(url, scale)
    stored.write_text(key)
    return url, True, time.monotonic() - started


def analyse(url: str, scale: int) -> None:
    code = "from django.db import connection; connection.cursor().execute('ANALYZE')"
    manage(url, scale, "shell", "--command", code)


# --- Pages, in-process (the child process) -----------------------------------------------------


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def representatives():
    """The objects each page shows, chosen the same way at every scale: the active network
    with the most members, the coming meeting with the most invitees, the person with the most
    current invitations to coming meetings (who gets a login and a calendar address)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.utils import timezone

    from meetings.models import Invitation, Meeting
    from netvaerk.models import Network
    from participants.models import Participant
    from participants.signin import calendar_token_ensure, participant_login

    now = timezone.now()
    network = (
        Network.objects.filter(status="active")
        .annotate(size=Count("memberships"))
        .order_by("-size", "pk")
        .first()
    )
    coming = Q(invitations__withdrawn_at__isnull=True)
    meeting = (
        Meeting.objects.filter(status="planned", starts_at__gt=now, network__status="active")
        .annotate(size=Count("invitations", filter=coming))
        .order_by("-size", "pk")
        .first()
    )
    busiest = (
        Invitation.objects.current()
        .filter(meeting__starts_at__gt=now, meeting__status="planned")
        .values("participant_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "participant_id")
        .first()
    )
    person = Participant.objects.get(pk=busiest["participant_id"])
    if person.user_id is None:
        participant_login(participant=person)
        person.refresh_from_db()
    token = calendar_token_ensure(participant=person)
    their_meeting = (
        Invitation.objects.current()
        .filter(participant=person, meeting__starts_at__gt=now)
        .order_by("meeting__starts_at")
        .values_list("meeting_id", flat=True)
        .first()
    )
    User = get_user_model()
    return {
        "network": network,
        "meeting": meeting,
        "person": person,
        "person_invitations": busiest["n"],
        "token": token,
        "their_meeting": their_meeting,
        "staff": User.objects.get(username="sekretariat"),
        "admin": User.objects.get(username="admin"),
        "participant_user": User.objects.get(pk=person.user_id),
    }


def pages_to_time(objects) -> list[dict]:
    """(name, side, url, who, the admin changelist it is compared with)."""
    from django.urls import reverse

    network, meeting, person = objects["network"], objects["meeting"], objects["person"]
    admin = {
        model: reverse(f"admin:{model}_changelist")
        for model in (
            "netvaerk_network",
            "participants_participant",
            "meetings_meeting",
            "meetings_invitation",
            "meetings_delivery",
        )
    }

    def page(name, side, url, who, compare=None):
        return {"name": name, "side": side, "url": url, "who": who, "compare": compare}

    return [
        page(
            "Floor (one indexed query)", "floor", reverse("bench_floor", args=[network.pk]), "staff"
        ),
        page("Overview", "secretariat", reverse("dashboard:index"), "staff", "Admin: networks"),
        page("Network list", "secretariat", reverse("networks:index"), "staff", "Admin: networks"),
        page(
            "Network page",
            "secretariat",
            reverse("networks:detail", args=[network.pk]),
            "staff",
            "Admin: networks",
        ),
        page(
            "Participant list",
            "secretariat",
            reverse("participants:index"),
            "staff",
            "Admin: participants",
        ),
        page(
            "Participant page",
            "secretariat",
            reverse("participants:detail", args=[person.pk]),
            "staff",
            "Admin: participants",
        ),
        page(
            "Meeting page",
            "secretariat",
            reverse("meetings:detail", args=[meeting.pk]),
            "staff",
            "Admin: meetings",
        ),
        page(
            "My schedule", "participant", reverse("mine:index"), "participant", "Admin: invitations"
        ),
        page(
            "My meeting page",
            "participant",
            reverse("mine:meeting", args=[objects["their_meeting"]]),
            "participant",
            "Admin: invitations",
        ),
        page(
            "Calendar feed",
            "participant",
            reverse("calendar:feed", args=[objects["token"]]),
            "anonymous",
            "Admin: invitations",
        ),
        page("Admin: networks", "admin", admin["netvaerk_network"], "admin"),
        page("Admin: participants", "admin", admin["participants_participant"], "admin"),
        page("Admin: meetings", "admin", admin["meetings_meeting"], "admin"),
        page("Admin: invitations", "admin", admin["meetings_invitation"], "admin"),
        page("Admin: deliveries", "admin", admin["meetings_delivery"], "admin"),
    ]


def measure_pages(requests: int, warmup: int = 3) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    objects = representatives()
    clients = {"anonymous": Client()}
    for who, user in (
        ("staff", objects["staff"]),
        ("admin", objects["admin"]),
        ("participant", objects["participant_user"]),
    ):
        clients[who] = Client()
        clients[who].force_login(user)
    pages = pages_to_time(objects)
    for page in pages:
        client = clients[page["who"]]
        for _ in range(warmup):
            response = client.get(page["url"])
            if response.status_code != 200:
                raise SystemExit(f"{page['name']} ({page['url']}) answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["url"])
        page["queries"] = len(queries)
        page["bytes"] = len(response.content)
        page["times"] = []
    # The same requests in turn, so that noise from the machine falls on every page alike.
    for _ in range(requests):
        for page in pages:
            client = clients[page["who"]]
            started = time.perf_counter()
            response = client.get(page["url"])
            page["times"].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (page["name"], response.status_code)
    for page in pages:
        times = page.pop("times")
        page["p50_ms"] = round(statistics.median(times), 2)
        page["p95_ms"] = round(_percentile(times, 0.95), 2)
        page["requests"] = len(times)
    return {
        "pages": pages,
        "objects": {
            "network": objects["network"].name,
            "meeting": str(objects["meeting"]),
            "participant_invitations_coming": objects["person_invitations"],
        },
    }


# --- The reminder sweep (the child process) ------------------------------------------------


def _build_due(now):
    """The same 1,000 due meeting reminders at every scale: 5 active networks with 10 meetings
    each starting in a day (so their 1-day reminder is due now) and 20 invitees, whose
    invitations went out long ago."""
    from datetime import timedelta

    from meetings.models import Delivery, Invitation, Meeting
    from netvaerk.models import Network, Phase, Theme
    from participants.models import Participant

    theme = Theme.objects.create(name="Bench: due reminders")
    people = Participant.objects.bulk_create(
        Participant(name=f"Bench {n}", email=f"bench{n}@bench.invalid", background="citizen")
        for n in range(DUE_NETWORKS * DUE_PEOPLE)
    )
    long_ago = now - timedelta(days=60)
    invitations = []
    for n in range(DUE_NETWORKS):
        network = Network.objects.create(
            theme=theme,
            name=f"Bench network {n}",
            challenge="-",
            status="active",
            reminder_offsets=[1],
        )
        phase = Phase.objects.create(network=network, order=1, name="Indsigt")
        meetings = Meeting.objects.bulk_create(
            Meeting(
                network=network,
                phase=phase,
                title=f"Bench meeting {m}",
                starts_at=now + timedelta(days=1, minutes=-30 - m),
                ends_at=now + timedelta(days=1, hours=3),
            )
            for m in range(DUE_MEETINGS_PER_NETWORK)
        )
        for meeting in meetings:
            for person in people[n * DUE_PEOPLE : (n + 1) * DUE_PEOPLE]:
                invitations.append(
                    Invitation(
                        meeting=meeting, participant=person, response="yes", responded_at=long_ago
                    )
                )
    Invitation.objects.bulk_create(invitations)
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(invited_at=long_ago)
    Delivery.objects.bulk_create(
        Delivery(
            kind="invitation",
            meeting_id=invitation.meeting_id,
            participant_id=invitation.participant_id,
            due_at=long_ago,
            status="sent",
            attempts=1,
            next_attempt_at=long_ago,
            expires_at=invitation.meeting.starts_at,
            sent_at=long_ago,
            sent_sequence=0,
        )
        for invitation in invitations
    )


def measure_sweep(repeats: int = 9) -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from meetings import reminders
    from meetings.models import Delivery

    reminders.enqueue = lambda ids: None  # the broker is not what is measured
    now = timezone.now()
    result = {}
    with transaction.atomic():
        # First whatever the history itself has due at this moment, so that the timed sweeps
        # find exactly the 1,000 added below.
        drained = reminders.sweep(now=now)
        result["history_due_now"] = sum(drained.recorded.values())
        result["history_handed_over"] = len(drained.queued)
        _build_due(now)
        times, recorded = [], None
        for _ in range(repeats):
            savepoint = transaction.savepoint()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                report = reminders.sweep(now=now)
                times.append((time.perf_counter() - started) * 1000)
            recorded = dict(report.recorded)
            result["queued"] = len(report.queued)
            result["queries"] = len(queries)
            transaction.savepoint_rollback(savepoint)
        result["recorded"] = recorded
        result["p50_ms"] = round(statistics.median(times), 1)
        result["min_ms"] = round(min(times), 1)
        result["times_ms"] = [round(t, 1) for t in times]
        result["deliveries_in_history"] = Delivery.objects.count()
        transaction.set_rollback(True)
    return result


def volume() -> dict:
    from meetings.demo import demo_counts
    from meetings.models import Delivery, Invitation

    counts = demo_counts()
    counts["responses"] = Invitation.objects.exclude(response="pending").count()
    counts["deliveries"] = Delivery.objects.count()
    return counts


def child_measure(args) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.utils import translation

    translation.activate("da")
    result = {"vendor": connection.vendor, "volume": volume()}
    log(f"scale {args.scale}: timing {args.requests} requests per page")
    result.update(measure_pages(args.requests))
    log(f"scale {args.scale}: timing the reminder sweep")
    result["sweep"] = measure_sweep()
    if args.sessions:
        result["sessions"] = load_sessions()
    Path(args.out).write_text(json.dumps(result, indent=2, default=str))


def load_sessions() -> dict:
    """Session cookies and paths for the load test: the network page (secretariat) and my
    schedule (participant)."""
    from django.test import Client
    from django.urls import reverse

    objects = representatives()
    sessions = {}
    for name, user, url in (
        (
            "Network page",
            objects["staff"],
            reverse("networks:detail", args=[objects["network"].pk]),
        ),
        ("My schedule", objects["participant_user"], reverse("mine:index")),
    ):
        client = Client()
        client.force_login(user)
        sessions[name] = {"path": url, "cookie": f"sessionid={client.cookies['sessionid'].value}"}
    return sessions


# --- Load: gunicorn and a small load generator (the parent) ----------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped at start (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port} within {seconds} s")


def load(port: int, path: str, cookie: str, seconds: float, limit: int, threads: int) -> dict:
    """Requests on keep-alive connections from ``threads`` threads until ``seconds`` have
    passed or ``limit`` requests were made."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds
    count = [0]

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie, "Host": "127.0.0.1", "Accept-Language": "da"}
        while time.monotonic() < deadline:
            with lock:
                if count[0] >= limit:
                    return
                count[0] += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                if response.will_close:
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException) as error:
                ok, response = False, error
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(getattr(response, "status", repr(response)))

    started = time.monotonic()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.monotonic() - started
    return {
        "requests": len(latencies),
        "seconds": round(wall, 1),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(_percentile(latencies, 0.50), 1),
        "p99_ms": round(_percentile(latencies, 0.99), 1),
        "errors": len(errors),
        "error_examples": sorted({str(e) for e in errors})[:5],
        "threads": threads,
    }


def peak_memory_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure_load(url: str, scale: int, sessions: dict, seconds: float, limit: int) -> dict:
    port = free_port()
    env = child_env(url, scale)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "netvaerk.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--access-logfile",
        "/dev/null",
        "--max-requests",
        "0",
    ]
    if (ROOT / "gunicorn.conf.py").exists():
        command += ["--config", "gunicorn.conf.py"]
    logfile = (BENCH_DIR / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=logfile, stderr=logfile)
    results = {"server": "gunicorn, 2 sync workers, 127.0.0.1", "pages": {}}
    try:
        wait_for_port(port, server)
        for name, session in sessions.items():
            log(f"load: {name} for up to {seconds:g} s or {limit} requests")
            load(port, session["path"], session["cookie"], 2, 50, 2)  # warm both workers
            results["pages"][name] = {
                "path": session["path"],
                **load(port, session["path"], session["cookie"], seconds, limit, threads=4),
            }
        workers = children(server.pid)
        results["web_worker_peak_mib"] = round(
            max((peak_memory_kib(pid) for pid in workers), default=0) / 1024, 1
        )
        results["web_workers"] = len(workers)
    finally:
        stop(server)
        logfile.close()
    results["celery_worker_peak_mib"] = measure_celery(url, scale)
    return results


def measure_celery(url: str, scale: int, timeout: float = 90) -> float:
    """Peak memory of a Celery worker (solo pool: the work runs in the process itself) that
    runs one reminder sweep on the scale's database and sends what it hands over."""
    env = child_env(url, scale)
    broker = Path(env["NETVAERK_VAR_DIR"]) / "celery"
    subprocess.run(["rm", "-rf", str(broker)], check=True)
    logfile = (BENCH_DIR / "celery.log").open("w")
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "--app",
            "netvaerk",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=logfile,
        stderr=subprocess.STDOUT,
    )
    try:
        time.sleep(3)
        log("celery: a worker runs one reminder sweep and sends what it hands over")
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "--command",
                "from meetings.tasks import sweep_reminders; sweep_reminders.delay()",
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        queue = broker / "queue"
        deadline = time.monotonic() + timeout
        time.sleep(2)
        while time.monotonic() < deadline:
            if worker.poll() is not None:
                break
            if queue.exists() and not any(queue.iterdir()):
                time.sleep(1)
                if not any(queue.iterdir()):
                    break
            time.sleep(0.5)
        return round(peak_memory_kib(worker.pid) / 1024, 1)
    finally:
        stop(worker)
        logfile.close()


# --- The report ----------------------------------------------------------------------------------


def _fmt(value, digits=1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def evaluate(results: dict) -> list[dict]:
    """Each target of issue #6: what it asks, what was measured, whether it holds."""
    small, large = results["scales"]["1"], results["scales"]["10"]
    by_name = {page["name"]: page for page in large["pages"]}
    small_by_name = {page["name"]: page for page in small["pages"]}
    app_pages = [page for page in large["pages"] if page["side"] in {"secretariat", "participant"}]
    floor = by_name["Floor (one indexed query)"]["p50_ms"]
    targets = []

    def target(name, holds, measured):
        targets.append({"target": name, "holds": bool(holds), "measured": measured})

    same = [
        page["name"]
        for page in app_pages
        if page["queries"] != small_by_name[page["name"]]["queries"]
        or page["queries"] > MAX_QUERIES
    ]
    worst = max(app_pages, key=lambda page: page["queries"])
    target(
        f"Every page's query count is the same at scale 1 and 10, and at most {MAX_QUERIES}",
        not same,
        f"most: {worst['name']} {worst['queries']}"
        + (f"; misses: {', '.join(same)}" if same else ""),
    )
    slow = [p for p in app_pages if p["p50_ms"] > MAX_FLOOR_RATIO * floor]
    target(
        f"Every page's p50 at scale 10 is at most {MAX_FLOOR_RATIO:g}× the floor",
        not slow,
        f"floor {floor:.1f} ms; "
        + (
            "misses: " + ", ".join(f"{p['name']} {p['p50_ms'] / floor:.1f}×" for p in slow)
            if slow
            else "all within"
        ),
    )
    slower = [
        p for p in app_pages if p["compare"] and p["p50_ms"] > by_name[p["compare"]]["p50_ms"]
    ]
    target(
        "Every page's p50 at scale 10 is no slower than the admin changelist of its model",
        not slower,
        "misses: "
        + ", ".join(
            f"{p['name']} {p['p50_ms']:.1f} vs {by_name[p['compare']]['p50_ms']:.1f} ms"
            for p in slower
        )
        if slower
        else "all within",
    )
    ratio = results["sweep_ratio"]
    target(
        f"Sweep time at scale 10 ÷ scale 1 ≤ {MAX_SWEEP_RATIO:g}",
        ratio <= MAX_SWEEP_RATIO,
        f"{large['sweep']['p50_ms']:.0f} ms ÷ {small['sweep']['p50_ms']:.0f} ms = {ratio:.2f}",
    )
    if results.get("load"):
        errors = sum(page["errors"] for page in results["load"]["pages"].values())
        target("Zero errors under load", errors == 0, f"{errors} errors")
    volume = large["volume"]
    wanted = {
        "networks": 500,
        "participants": 25000,
        "meetings": 3000,
        "responses": 150000,
        "deliveries": 300000,
    }
    short = [
        f"{key} {volume[key]:,} < {need:,}" for key, need in wanted.items() if volume[key] < need
    ]
    target(
        "Scale 10 holds ≥ 500 networks, 25,000 people, 3,000 meetings, 150,000 responses, "
        "300,000 deliveries",
        not short,
        "; ".join(short) or "all reached",
    )
    return targets


def markdown(results: dict) -> str:
    small, large = results["scales"]["1"], results["scales"]["10"]
    small_by_name = {page["name"]: page for page in small["pages"]}
    large_by_name = {page["name"]: page for page in large["pages"]}
    floor = {
        "1": small_by_name["Floor (one indexed query)"]["p50_ms"],
        "10": large_by_name["Floor (one indexed query)"]["p50_ms"],
    }
    meta = results["meta"]
    lines = [
        "# Benchmark results",
        "",
        f"{meta['vendor']} · {meta['when']} · commit {meta['commit']} · {meta['machine']} · "
        f"{meta['requests']} requests per page after a warm-up, in turn",
        "",
        "## Volume",
        "",
        "| | scale 1 | scale 10 |",
        "| --- | ---: | ---: |",
    ]
    for key in ("networks", "participants", "meetings", "invitations", "responses", "deliveries"):
        lines.append(f"| {key} | {_fmt(small['volume'][key])} | {_fmt(large['volume'][key])} |")
    lines += [
        "",
        "## Pages (server time in-process, ms)",
        "",
        "| page | queries 1 / 10 | p50 1 | p95 1 | p50 10 | p95 10 | × floor 10 | admin p50 10 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page in large["pages"]:
        first = small_by_name[page["name"]]
        compare = large_by_name[page["compare"]]["p50_ms"] if page["compare"] else None
        lines.append(
            f"| {page['name']} | {first['queries']} / {page['queries']} | "
            f"{_fmt(first['p50_ms'])} | {_fmt(first['p95_ms'])} | {_fmt(page['p50_ms'])} | "
            f"{_fmt(page['p95_ms'])} | {page['p50_ms'] / floor['10']:.1f} | "
            f"{_fmt(compare)} |"
        )
    lines += [
        "",
        f"Objects: the active network with most members, the coming meeting with most invitees, "
        f"the person with most coming invitations "
        f"({small['objects']['participant_invitations_coming']} at scale 1, "
        f"{large['objects']['participant_invitations_coming']} at scale 10).",
        "",
        "## Reminder sweep (1,000 due meeting reminders added to the history)",
        "",
        "| | scale 1 | scale 10 |",
        "| --- | ---: | ---: |",
        f"| p50 of {len(large['sweep']['times_ms'])} sweeps, ms | {_fmt(small['sweep']['p50_ms'])} "
        f"| {_fmt(large['sweep']['p50_ms'])} |",
        f"| queries | {small['sweep']['queries']} | {large['sweep']['queries']} |",
        f"| recorded | {sum(small['sweep']['recorded'].values()):,} "
        f"| {sum(large['sweep']['recorded'].values()):,} |",
        f"| due in the history itself now (swept first) | {small['sweep']['history_due_now']:,} "
        f"| {large['sweep']['history_due_now']:,} |",
        f"| delivery rows | {small['sweep']['deliveries_in_history']:,} "
        f"| {large['sweep']['deliveries_in_history']:,} |",
        "",
        f"Ratio scale 10 ÷ scale 1: **{results['sweep_ratio']:.2f}**",
    ]
    if results.get("load"):
        load_ = results["load"]
        lines += [
            "",
            f"## Under load (scale 10; {load_['server']}; Python load generator, "
            f"{next(iter(load_['pages'].values()))['threads']} keep-alive connections)",
            "",
            "| page | requests | seconds | req/s | p50 ms | p99 ms | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, page in load_["pages"].items():
            lines.append(
                f"| {name} | {page['requests']:,} | {page['seconds']} | {page['rps']} | "
                f"{page['p50_ms']} | {page['p99_ms']} | {page['errors']} |"
            )
        lines += [
            "",
            f"Peak memory (VmHWM): web worker {load_['web_worker_peak_mib']} MiB, "
            f"Celery worker after a sweep {load_['celery_worker_peak_mib']} MiB.",
        ]
    lines += ["", "## Targets", "", "| target | holds | measured |", "| --- | --- | --- |"]
    for item in results["targets"]:
        lines.append(
            f"| {item['target']} | {'yes' if item['holds'] else '**no**'} | {item['measured']} |"
        )
    lines += [
        "",
        "The floor answers a short plain-text body after one query by primary key: no session,",
        "no login, no template. A page adds the session and the user (2 queries), the permission",
        "check, its own queries and the rendering of a full HTML page (base template,",
        "navigation, forms); that alone is several times the floor, at any volume. The",
        "comparison that shows growth with volume is each page's scale-10 time against its",
        "scale-1 time, and against the admin changelist of its model.",
    ]
    return "\n".join(lines) + "\n"


def git_commit() -> str:
    try:
        return (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip()
            or "?"
        )
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    child = sub.add_parser("measure", help="(internal) time pages and the sweep in this process")
    child.add_argument("--scale", type=int, required=True)
    child.add_argument("--requests", type=int, default=30)
    child.add_argument("--out", required=True)
    child.add_argument("--sessions", action="store_true")
    parser.add_argument("--rebuild", action="store_true", help="seed the databases again")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--load-seconds", type=float, default=10, help="per page under load")
    parser.add_argument("--load-requests", type=int, default=5000, help="at most, per page")
    parser.add_argument("--no-load", action="store_true", help="leave out gunicorn and Celery")
    args = parser.parse_args()
    if args.command == "measure":
        child_measure(args)
        return

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    vendor = "PostgreSQL" if is_postgres(configured_url()) else "SQLite"
    results = {
        "meta": {
            "vendor": vendor,
            "when": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": git_commit(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}",
            "requests": args.requests,
        },
        "scales": {},
    }
    urls = {}
    for scale in SCALES:
        url, built, seconds = prepare(scale, args.rebuild)
        urls[scale] = url
        results["meta"][f"seeded_scale{scale}_s"] = round(seconds, 1) if built else "cached"
    for scale in SCALES:
        out = BENCH_DIR / f"measure-scale{scale}.json"
        command = [sys.executable, "bench/run.py", "measure", "--scale", str(scale)]
        command += ["--requests", str(args.requests), "--out", str(out)]
        if scale == SCALES[-1] and not args.no_load:
            command.append("--sessions")
        subprocess.run(command, cwd=ROOT, env=child_env(urls[scale], scale), check=True)
        results["scales"][str(scale)] = json.loads(out.read_text())
    large = results["scales"][str(SCALES[-1])]
    small = results["scales"][str(SCALES[0])]
    results["sweep_ratio"] = round(large["sweep"]["p50_ms"] / small["sweep"]["p50_ms"], 2)
    sessions = large.pop("sessions", None)
    small.pop("sessions", None)
    if sessions:
        results["load"] = measure_load(
            urls[SCALES[-1]], SCALES[-1], sessions, args.load_seconds, args.load_requests
        )
    results["targets"] = evaluate(results)
    RESULTS_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    table = markdown(results)
    RESULTS_MD.write_text(table)
    print()
    print(table)
    log(f"written {RESULTS_MD.relative_to(ROOT)} and {RESULTS_JSON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
