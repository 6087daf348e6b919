"""The Celery application. Configuration comes from Django settings (CELERY_* names)."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init, worker_init
from django.core.exceptions import ImproperlyConfigured

from netvaerk.checks import require_production_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netvaerk.settings")

app = Celery("netvaerk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def create_filesystem_broker_folders(sender, **kwargs):
    """kombu's filesystem transport (the embedded default) needs its folders to exist."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@worker_init.connect
@beat_init.connect
def refuse_unconfigured_production(**kwargs):
    """Celery logs and ignores an error in a signal handler; leaving stops the worker or beat."""
    try:
        require_production_settings()
    except ImproperlyConfigured as error:
        raise SystemExit(f"netvaerk: {error}") from error
