"""Production must be configured before it serves anyone: its own secret key, host names and
an https site address. The web application (netvaerk/wsgi.py) and the Celery worker and beat
(netvaerk/celery.py) refuse to start without them; `check --deploy` lists what is missing.
Commands that only read the code, such as makemigrations, run without them."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def production_problems() -> list[str]:
    """What production mode still lacks; empty in development."""
    if not settings.PRODUCTION:
        return []
    problems = []
    if settings.PRODUCTION_MISSING:
        problems.append(
            f"Production mode needs {', '.join(settings.PRODUCTION_MISSING)} in the environment "
            "(see README.md, Deploying). On a developer's machine set DJANGO_DEBUG=1 or "
            "NETVAERK_ENV=development instead."
        )
    if settings.SITE_URL and not settings.SITE_URL.startswith("https://"):
        problems.append(f"SITE_URL must be an https:// address in production: {settings.SITE_URL}")
    return problems


def require_production_settings() -> None:
    """Refuse to start a server or worker that production mode has not been configured for."""
    problems = production_problems()
    if problems:
        raise ImproperlyConfigured(" ".join(problems))


@checks.register(checks.Tags.security, deploy=True)
def production_settings_check(app_configs=None, **kwargs):
    return [checks.Error(problem, id="netvaerk.E001") for problem in production_problems()]
