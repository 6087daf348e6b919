"""``manage.py send_reminders [--dry-run] [--send]``: one reminder sweep now."""

from django.core.management.base import BaseCommand

from meetings import reminders


class Command(BaseCommand):
    help = (
        "Run one reminder sweep now (the same one beat runs every minute): record the "
        "messages that are due and hand them to the Celery workers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what the sweep would do, and change nothing.",
        )
        parser.add_argument(
            "--send",
            action="store_true",
            help="Send the due messages in this process instead of through the workers.",
        )

    def handle(self, *args, dry_run=False, send=False, **options):
        report = reminders.sweep(dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
        if send and not dry_run:
            outcomes = [reminders.delivery_send(pk) for pk in report.queued]
            for outcome in sorted(set(outcomes)):
                self.stdout.write(f"sent here: {outcomes.count(outcome)} × {outcome}")
