"""Settings for netvaerk, read from the environment (see README.md).

Defaults suit a developer machine with nothing installed: SQLite under var/ and an
embedded filesystem broker. Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY,
ALLOWED_HOSTS and SITE_URL.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from bootstrap_wrapper import get_bootstrap_dir
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NETVAERK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# Production unless this is a developer's machine: DJANGO_DEBUG=1 (`make run`) or
# NETVAERK_ENV=development (debug off with the development defaults: `make test`, `make check`,
# and the test suite through netvaerk/settings_test.py). Production has no defaults for its
# secret key, host names and site address: the web application and the Celery worker refuse to
# start without them, and `check --deploy` names what is missing (netvaerk/checks.py).
# Commands that only read the code (makemigrations, makemessages…) still run.
NETVAERK_ENV = "development" if DEBUG else os.environ.get("NETVAERK_ENV", "production")
if NETVAERK_ENV not in {"production", "development"}:
    raise ImproperlyConfigured(
        f"NETVAERK_ENV is {NETVAERK_ENV!r}; use 'production' or 'development'."
    )
PRODUCTION = NETVAERK_ENV == "production"

if PRODUCTION:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")  # Django refuses to sign anything without it
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-key-not-for-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# What production still lacks (netvaerk/checks.py refuses to serve until it is empty).
PRODUCTION_MISSING = [
    name
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL")
    if PRODUCTION and not globals()[name]
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "netvaerk.apps.SignInProtectionConfig",  # django-axes
    "csp",
    "simple_history",
    "netvaerk",
    "participants",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Database unreachable: a Danish 503 page instead of a traceback (netvaerk/faults.py).
    "netvaerk.faults.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netvaerk.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netvaerk.urls"
WSGI_APPLICATION = "netvaerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'netvaerk.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file: wait for a lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Our queries are short: PostgreSQL's JIT compiler took longer to compile the overview's
    # subqueries (0.5 s) than to run them (make bench), so it is off for our connections.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["netvaerk.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Bootstrap's CSS and JS come from the bootstrap-wrapper package, served as static/bootstrap/.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", get_bootstrap_dir())]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

AUTHENTICATION_BACKENDS = [
    # First: refuses a password sign-in while its username and IP address are locked out.
    "netvaerk.security.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# --- Security (python manage.py check --deploy is clean in production) -----------------------
# Behind a reverse proxy that ends TLS: NETVAERK_BEHIND_PROXY=1 trusts its X-Forwarded-Proto
# and takes the client's address from the last X-Forwarded-For entry (netvaerk/security.py).
NETVAERK_BEHIND_PROXY = env_bool("NETVAERK_BEHIND_PROXY")
if NETVAERK_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL else []
# A sign-in lasts one working day from the moment it is made (not renewed by activity), for
# staff and participants alike; "log out everywhere" ends every session of a person at once.
SESSION_COOKIE_AGE = int(float(os.environ.get("NETVAERK_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_ENGINE = "netvaerk.sessions"
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4): only our own files; no inline script or style, no
# framing, forms post only to us. Bootstrap's CSS draws its icons from data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Staff password sign-in (/login/ and /admin/login/) locks after NETVAERK_LOGIN_FAILURES failed
# attempts for one username from one IP address, for NETVAERK_LOGIN_COOLOFF_MINUTES (django-axes).
# Locking on the pair means a stranger guessing cannot lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = int(os.environ.get("NETVAERK_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("NETVAERK_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "netvaerk.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "netvaerk.security.client_ip"
AXES_VERBOSE = False

# Static files: WhiteNoise serves them from every web instance. Production serves the
# compressed, hashed copies that `collectstatic` writes to STATIC_ROOT; development and the
# tests serve straight from the app folders, so they need no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing folder

# The cache counts sign-in link requests (rate limits), so every web instance must share it.
# Production: a table in the database (`manage.py createcachetable`), which keeps working when
# Redis is down; CACHE_URL=redis://… moves it to Redis. Development: this process's memory.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "netvaerk_cache",
        }
    }

# History (django-simple-history): who changed networks, memberships, meetings and people.
SIMPLE_HISTORY_REVERT_DISABLED = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: written to files under var/mail unless the environment names another backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Netværkssekretariatet <netvaerk@localhost>"
)

# Celery. The embedded default is kombu's filesystem transport: no server needed.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_DIR = VAR_DIR / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
elif os.environ.get("CELERY_BROKER_KEY_PREFIX"):
    # Several installations (or test runs) can share one Redis database under their own prefix.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": os.environ["CELERY_BROKER_KEY_PREFIX"]}
# A web request that queues a task must not hang on a broker that is down: give up after about
# five seconds; what was not queued waits in the database for the next sweep.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The reminder sweep (meetings/reminders.py) finds what is due in the database, so nothing is
# parked in the broker as a far-future ETA task; the daily tasks are safe to run twice.
CELERY_BEAT_SCHEDULE = {
    "sweep-reminders": {
        "task": "meetings.sweep_reminders",
        "schedule": float(os.environ.get("NETVAERK_SWEEP_SECONDS", "60")),
        # A sweep that waited past the next one is pointless: the next covers it.
        "options": {"expires": float(os.environ.get("NETVAERK_SWEEP_SECONDS", "60"))},
    },
    # The retention rule (meetings/retention.py): warn, then anonymise; safe to run twice.
    "apply-retention": {"task": "meetings.apply_retention", "schedule": 24 * 60 * 60.0},
    # Expired sign-ins leave the session table (netvaerk/tasks.py).
    "clear-sessions": {"task": "netvaerk.clear_sessions", "schedule": 24 * 60 * 60.0},
}
# Seconds a queued row waits for a worker, and a worker may take to send one row, before a
# sweep hands the row over again (after a lost broker message or a killed worker).
NETVAERK_DELIVERY_QUEUE_LEASE = int(os.environ.get("NETVAERK_DELIVERY_QUEUE_LEASE", "300"))
NETVAERK_DELIVERY_SEND_LEASE = int(os.environ.get("NETVAERK_DELIVERY_SEND_LEASE", "300"))

# The participant's side: how long links in mail work, and how often sign-in links may be
# asked for (per address and per IP address, counted in the cache).
NETVAERK_NETWORK_INVITATION_DAYS = int(os.environ.get("NETVAERK_NETWORK_INVITATION_DAYS", "21"))
NETVAERK_MANAGER_LINK_DAYS = int(os.environ.get("NETVAERK_MANAGER_LINK_DAYS", "30"))
NETVAERK_SIGN_IN_LINK_MINUTES = int(os.environ.get("NETVAERK_SIGN_IN_LINK_MINUTES", "30"))
NETVAERK_SIGN_IN_RATE_PER_ADDRESS = os.environ.get("NETVAERK_SIGN_IN_RATE_PER_ADDRESS", "5/h")
NETVAERK_SIGN_IN_RATE_PER_IP = os.environ.get("NETVAERK_SIGN_IN_RATE_PER_IP", "20/h")
# Retention: people whose networks all ended this many months ago are flagged, and anonymised
# this many days after the secretariat was warned (meetings/retention.py).
NETVAERK_RETENTION_MONTHS = int(os.environ.get("NETVAERK_RETENTION_MONTHS", "24"))
NETVAERK_RETENTION_WARNING_DAYS = int(os.environ.get("NETVAERK_RETENTION_WARNING_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts are WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
}
