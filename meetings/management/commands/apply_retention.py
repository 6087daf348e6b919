"""``manage.py apply_retention [--dry-run]``: one run of the retention rule now."""

from django.core.management.base import BaseCommand

from meetings.retention import retention_apply


class Command(BaseCommand):
    help = (
        "Apply the retention rule now (the same run beat makes daily): warn the secretariat "
        "about flagged people and anonymise those whose warning time has passed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show who would be affected; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        for line in retention_apply(dry_run=dry_run).lines():
            self.stdout.write(line)
