import json
import subprocess
import sys

from django.conf import settings

SHOW = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.DATABASES['default']['ENGINE'], s.DATABASES['default'].get('NAME'), "
    "s.CELERY_BROKER_URL, s.DEBUG, s.SITE_URL, s.TIME_ZONE, s.LANGUAGE_CODE]))"
)


def settings_with(env: dict) -> list:
    clean = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "netvaerk.settings", **env}
    out = subprocess.run(
        [sys.executable, "-c", SHOW],
        env=clean,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_development_defaults_need_no_server():
    engine, name, broker, debug, site_url, tz, language = settings_with(
        {"NETVAERK_ENV": "development"}
    )
    assert engine == "django.db.backends.sqlite3"
    assert name.endswith("var/netvaerk.sqlite3")
    assert broker == "filesystem://"
    assert debug is False
    assert (site_url, tz, language) == ("http://localhost:8000", "Europe/Copenhagen", "da")


def test_environment_points_at_postgresql_and_redis():
    engine, name, broker, debug, site_url, *_ = settings_with(
        {
            "DATABASE_URL": "postgres://app@db.example:5432/netvaerk",
            "CELERY_BROKER_URL": "redis://cache.example:6379/0",
            "DJANGO_DEBUG": "1",
            "SITE_URL": "https://netvaerk.example.dk/",
        }
    )
    assert (engine, name) == ("django.db.backends.postgresql", "netvaerk")
    assert broker == "redis://cache.example:6379/0"
    assert debug is True
    assert site_url == "https://netvaerk.example.dk"
