"""Celery tasks of the project package."""

from celery import shared_task

from .sessions import SessionStore


@shared_task(name="netvaerk.clear_sessions")
def clear_sessions() -> None:
    """Delete expired sessions (what `manage.py clearsessions` does), daily from beat."""
    SessionStore.clear_expired()
