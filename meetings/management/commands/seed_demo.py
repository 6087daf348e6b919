"""``manage.py seed_demo [--scale N] [--if-empty]``: load the demo municipality.

The data is built in meetings/demo.py; this command only reads the options and reports.
"""

import argparse
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.demo import HistoryVolume, admin_url, demo_counts, seed_demo
from netvaerk.models import Network


def _scale_message(value) -> str:
    return _("The scale must be a whole number of 1 or more, not “%(value)s”.") % {"value": value}


def scale_value(value) -> int:
    """The --scale option: a whole number of 1 or more (given as text or as a number)."""
    scale = None
    if isinstance(value, int) and not isinstance(value, bool):
        scale = value
    elif isinstance(value, str) and value.strip().isdigit():
        scale = int(value)
    if scale is None or scale < 1:
        raise ValueError(_scale_message(value))
    return scale


def _scale_argument(value: str) -> int:
    try:
        return scale_value(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class Command(BaseCommand):
    help = gettext_lazy(
        "Load a demo municipality: themes, networks, participants, meetings, invitations, "
        "preparation tasks and demo logins. Safe to run again; --scale N adds generated "
        "history for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=_scale_argument,
            default=1,
            help=gettext_lazy(
                "Multiply the generated history: 50·N networks, 2,500·N participants, "
                "300·N meetings (default 1)."
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=gettext_lazy("Do nothing if the database already has a network."),
        )
        parser.add_argument(
            "--no-history",
            action="store_false",
            dest="history",
            help=gettext_lazy("Load only the hand-written networks, without generated history."),
        )

    def handle(self, *args, scale=1, if_empty=False, history=True, **options):
        try:
            scale = scale_value(scale)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if if_empty and Network.objects.exists():
            self.stdout.write(_("The database already has networks; no demo data was loaded."))
            return

        started = time.monotonic()
        volume = HistoryVolume.for_scale(scale) if history else None
        verbose = options.get("verbosity", 1) > 1
        result = seed_demo(
            volume=volume,
            progress=(lambda done: self.stdout.write(_("History: block %s") % done))
            if verbose
            else None,
        )
        elapsed = time.monotonic() - started

        self.stdout.write(
            self.style.SUCCESS(
                _("Demo data ready in %(seconds).1f s: %(new)d new networks.")
                % {
                    "seconds": elapsed,
                    "new": result.handwritten_created + result.history_created,
                }
            )
        )
        counts = demo_counts()
        labels = [
            ("themes", _("Themes")),
            ("networks", _("Networks")),
            ("participants", _("Participants")),
            ("memberships", _("Memberships")),
            ("meetings", _("Meetings")),
            ("invitations", _("Invitations (current)")),
            ("tasks", _("Preparation tasks")),
            ("assignments", _("Task assignments")),
        ]
        width = max(len(str(label)) for _key, label in labels)
        for key, label in labels:
            number = formats.number_format(counts[key], force_grouping=True)
            self.stdout.write(f"  {label:<{width}}  {number:>9}")

        self.stdout.write("")
        self.stdout.write(
            _("The secretariat logs in at %(site)s/, administrators at %(admin)s")
            % {"site": settings.SITE_URL, "admin": admin_url()}
        )
        for login_result in result.logins:
            login = login_result.login
            if login_result.created:
                line = _("  %(username)s  password: %(password)s") % {
                    "username": login.username,
                    "password": login.password,
                }
            else:
                line = _("  %(username)s  (existed already; its password was left unchanged)") % {
                    "username": login.username
                }
            self.stdout.write(line)
