"""Celery tasks: they take ids, call the reminder services and are safe to run twice."""

from celery import shared_task

from . import reminders


@shared_task(name="meetings.sweep_reminders")
def sweep_reminders() -> dict:
    """Beat runs this every minute: record what is due and hand it to the workers."""
    report = reminders.sweep()
    return {"recorded": sum(report.recorded.values()), "queued": len(report.queued)}


@shared_task(name="meetings.send_delivery")
def send_delivery(delivery_id: int) -> str:
    """Send one recorded message; a row already claimed or sent is left alone."""
    return reminders.delivery_send(delivery_id)


@shared_task(name="meetings.apply_retention")
def apply_retention() -> dict:
    """Beat runs this daily: warn the secretariat about people the retention rule flags, and
    anonymise those whose warning time has passed. Safe to run twice."""
    from . import retention

    report = retention.retention_apply()
    return {"anonymised": len(report.anonymised), "flagged": len(report.waiting)}
