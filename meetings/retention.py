"""The retention rule (GDPR, issue #7): nobody's personal data is kept for ever.

A person is *flagged* when every network they were a member of has concluded, the last of them
ended more than ``NETVAERK_RETENTION_MONTHS`` ago, and they have no open invitation to a network
and no meeting or network invitation after that. Someone who never joined a network (registered
for recruitment, or declined) is flagged that long after they were registered or last invited.

A daily task (``retention_apply``, beat) mails the secretariat a warning listing the newly
flagged people and records it (``Participant.retention_warned_at``);
``NETVAERK_RETENTION_WARNING_DAYS`` after that warning the person is anonymised. A warning from
before the person was last flagged (they joined a new network since) does not count. The
secretariat sees the flagged people, with their dates, on the retention page.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Invitation
from netvaerk.mail import absolute_url, templated_message
from netvaerk.models import Network
from participants.models import Membership, NetworkInvitation, Participant
from participants.rules import SECRETARIAT_GROUP
from participants.services import participant_anonymise

logger = logging.getLogger(__name__)


def retention_months() -> int:
    return settings.NETVAERK_RETENTION_MONTHS


def warning_days() -> int:
    return settings.NETVAERK_RETENTION_WARNING_DAYS


@dataclass(frozen=True)
class RetentionCase:
    participant: Participant
    last_active: date  # the end of the last network, or a later meeting or network invitation
    flagged_on: date  # last_active + the retention time
    warned_on: date | None  # when the secretariat was warned about this flagging
    anonymise_on: date  # the warning + the warning time (not warned yet: counted from today)

    def is_due(self, today: date) -> bool:
        return self.warned_on is not None and self.anonymise_on <= today


def retention_cases(today: date | None = None) -> list[RetentionCase]:
    """Everyone the retention rule has flagged by ``today``, soonest anonymisation first.
    Two queries, however many people."""
    today = today or timezone.localdate()
    months = relativedelta(months=retention_months())
    ongoing = Membership.objects.filter(participant=OuterRef("pk")).exclude(
        network__status=Network.Status.CONCLUDED, network__end_date__isnull=False
    )
    open_invitation = NetworkInvitation.objects.filter(
        participant=OuterRef("pk"), status=NetworkInvitation.Status.OPEN
    )
    last_meeting = (
        Invitation.objects.filter(participant=OuterRef("pk"))
        .order_by("-meeting__starts_at")
        .values("meeting__starts_at")[:1]
    )
    answered_or_sent = Coalesce("answered_at", "created_at")
    last_invited = (
        NetworkInvitation.objects.filter(participant=OuterRef("pk"))
        .annotate(last=answered_or_sent)
        .order_by("-last")
        .values("last")[:1]
    )
    cutoff = today - months
    registered_before = timezone.make_aware(datetime.combine(cutoff, time.min))
    people = (
        Participant.objects.filter(anonymised_at__isnull=True)
        .annotate(last_end=Max("memberships__network__end_date"))
        .filter(
            Q(last_end__lte=cutoff) | Q(last_end__isnull=True, created_at__lt=registered_before)
        )
        .exclude(Exists(ongoing))
        .exclude(Exists(open_invitation))
        .annotate(last_meeting=Subquery(last_meeting), last_invited=Subquery(last_invited))
        .order_by("last_end", "name", "pk")
    )
    cases = []
    for person in people:
        moments = [person.last_end or timezone.localdate(person.created_at)]
        moments += [
            timezone.localdate(moment)
            for moment in (person.last_meeting, person.last_invited)
            if moment is not None
        ]
        last_active = max(moments)
        flagged_on = last_active + months
        if flagged_on > today:
            continue
        warned_on = person.retention_warned_at and timezone.localdate(person.retention_warned_at)
        if warned_on is not None and warned_on < flagged_on:
            warned_on = None  # a warning about an earlier time the person was flagged
        cases.append(
            RetentionCase(
                participant=person,
                last_active=last_active,
                flagged_on=flagged_on,
                warned_on=warned_on,
                anonymise_on=(warned_on or today) + timedelta(days=warning_days()),
            )
        )
    return sorted(cases, key=lambda case: (case.anonymise_on, case.participant.name))


@dataclass
class RetentionReport:
    today: date
    waiting: list[RetentionCase] = field(default_factory=list)  # flagged, not yet due
    anonymised: list[RetentionCase] = field(default_factory=list)  # due (done unless dry run)
    warned: list[RetentionCase] = field(default_factory=list)  # in this run's warning
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "would anonymise" if self.dry_run else "anonymised"
        lines = [
            f"{verb}: {case.participant.pk} (last active {case.last_active})"
            for case in self.anonymised
        ]
        lines += [
            f"flagged: {case.participant.pk}, to be anonymised on {case.anonymise_on}"
            for case in self.waiting
        ]
        warn = "would warn about" if self.dry_run else "warned about"
        lines.append(
            f"{len(self.anonymised)} {verb}, {len(self.waiting)} flagged, {warn} {len(self.warned)}"
        )
        return lines


def retention_apply(*, today: date | None = None, dry_run: bool = False) -> RetentionReport:
    """One daily run: anonymise those whose warning time has passed, then warn the
    secretariat about newly flagged people and record the warning. Safe to run twice: an
    anonymised person is no longer a case, and a warned one is not warned again."""
    today = today or timezone.localdate()
    cases = retention_cases(today)
    report = RetentionReport(
        today=today,
        waiting=[case for case in cases if not case.is_due(today)],
        anonymised=[case for case in cases if case.is_due(today)],
        warned=[case for case in cases if case.warned_on is None],
        dry_run=dry_run,
    )
    if dry_run:
        return report
    for case in report.anonymised:
        participant_anonymise(participant=case.participant)
    if report.warned:
        with transaction.atomic():
            Participant.objects.filter(
                pk__in=[case.participant.pk for case in report.warned]
            ).update(retention_warned_at=timezone.now())
            transaction.on_commit(partial(_warn_secretariat, report.warned))
    return report


def removal_requests() -> list[Participant]:
    """People who asked to be removed and are not yet anonymised, longest waiting first."""
    return list(
        Participant.objects.filter(
            removal_requested_at__isnull=False, anonymised_at__isnull=True
        ).order_by("removal_requested_at", "pk")
    )


def secretariat_recipients() -> list:
    return list(
        get_user_model()
        .objects.filter(groups__name=SECRETARIAT_GROUP, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def _warn_secretariat(cases: list[RetentionCase]) -> None:
    recipients = secretariat_recipients()
    if not recipients:
        logger.warning("Retention: %d people flagged, but no secretariat address", len(cases))
        return
    for user in recipients:
        templated_message(
            to_name=user.get_full_name(),
            to_email=user.email,
            language=settings.LANGUAGE_CODE,
            subject=_("Personal data to be anonymised"),
            template="retention/warning",
            context={
                "user": user,
                "cases": cases,
                "months": retention_months(),
                "page_url": absolute_url(reverse("participants:retention")),
            },
        ).send()
