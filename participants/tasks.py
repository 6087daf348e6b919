"""Celery tasks of the participants app: they take ids and call a service."""

from celery import shared_task

from . import signin


@shared_task(name="participants.send_sign_in_link")
def send_sign_in_link(participant_id: int, next_url: str = "") -> bool:
    """Make a sign-in link for the person and mail it. Run twice, it sends a second working
    link, which does no harm; the person may have been archived meanwhile, then nothing."""
    return signin.sign_in_link_send(participant_id=participant_id, next_url=next_url)
