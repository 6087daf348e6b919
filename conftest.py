"""Shared test set-up: every test runs in Danish, with a clean mail outbox; tests that need
the machine's PostgreSQL and Redis ask for the ``services`` fixture."""

import os
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


# --- The machine's PostgreSQL and Redis ------------------------------------------------------

TEST_REDIS_URL = os.environ.get("NETVAERK_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@dataclass(frozen=True)
class Services:
    database_url: str  # the test database, for worker and beat subprocesses
    redis_url: str
    redis_prefix: str  # this run's keys in Redis (CELERY_BROKER_KEY_PREFIX), removed after use

    def redis(self):
        import redis

        return redis.Redis.from_url(self.redis_url, socket_connect_timeout=2)

    def redis_forget(self) -> int:
        """Delete this run's keys, as a FLUSHDB would, leaving other runs' keys alone."""
        client = self.redis()
        keys = list(client.scan_iter(match=f"{self.redis_prefix}*"))
        return client.delete(*keys) if keys else 0


def _unavailable(reason: str):
    if os.environ.get("NETVAERK_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (NETVAERK_REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(reason)


@pytest.fixture
def services(transactional_db) -> Services:
    """PostgreSQL as the (committed) test database and a Redis database, for tests that run
    real worker processes. Skips with the reason when either is missing — a failure instead
    under NETVAERK_REQUIRE_SERVICES=1. On the SQLite pass of the suite these tests skip:
    a worker in another process cannot see SQLite's in-memory test database."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "runs in the PostgreSQL pass: DATABASE_URL=postgres://postgres@127.0.0.1:5432/netvaerk"
        )
    import redis

    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    services = Services(
        database_url=f"postgres://{auth}@{host}/{db['NAME']}",
        redis_url=TEST_REDIS_URL,
        redis_prefix=f"netvaerk-test-{os.getpid()}-",
    )
    try:
        services.redis().ping()
    except redis.RedisError as error:
        _unavailable(f"Redis is not reachable at {TEST_REDIS_URL}: {error}")
    services.redis_forget()
    yield services
    services.redis_forget()
