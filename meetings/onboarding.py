"""What joining a network asks of a person, from the network's meeting plan: which phases,
which meetings on which days, and the hours that adds up to including preparation. Shown on
the onboarding page and in the summary mail to a municipal employee's line manager."""

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.mail import templated_message
from netvaerk.models import Network, Phase
from participants.models import Membership
from participants.onboarding import manager_link_days, manager_summary_recorded, manager_url

from .models import Meeting

logger = logging.getLogger(__name__)

# The time we ask a participant to set aside before each meeting: reading, a short talk, or a
# small task between meetings. Shown to the person and their manager as part of the hours.
PREPARATION_HOURS_PER_MEETING = Decimal("1")


def _hours(duration: timedelta) -> Decimal:
    """Hours to the nearest quarter of an hour."""
    quarters = (Decimal(duration.total_seconds()) / 900).quantize(Decimal("1"), ROUND_HALF_UP)
    return quarters / 4


def _plain(hours: Decimal) -> Decimal:
    """Hours as people write them: 18, 3.5, 3.25 (shown with a decimal comma in Danish)."""
    if hours == hours.to_integral_value():
        return hours.quantize(Decimal("1"))
    return hours.quantize(Decimal("0.01")).normalize()


@dataclass(frozen=True)
class Commitment:
    """The time a role in a network asks for, as planned today."""

    role: str
    phases: list[Phase]  # the phases the person takes part in (all of them for core)
    meetings: list[Meeting]  # the coming meetings they will be invited to, in time order

    @property
    def is_core(self) -> bool:
        return self.role == Membership.Role.CORE

    @property
    def meeting_count(self) -> int:
        return len(self.meetings)

    @property
    def meeting_hours(self) -> Decimal:
        return _plain(sum((_hours(meeting.duration) for meeting in self.meetings), Decimal(0)))

    @property
    def preparation_hours(self) -> Decimal:
        return _plain(PREPARATION_HOURS_PER_MEETING * self.meeting_count)

    @property
    def total_hours(self) -> Decimal:
        return _plain(self.meeting_hours + self.preparation_hours)

    @property
    def first_day(self):
        return timezone.localdate(self.meetings[0].starts_at) if self.meetings else None

    @property
    def last_day(self):
        return timezone.localdate(self.meetings[-1].starts_at) if self.meetings else None

    @property
    def preparation_hours_per_meeting(self) -> Decimal:
        return _plain(PREPARATION_HOURS_PER_MEETING)


def commitment_for(*, network: Network, role: str, phases: Iterable[Phase] = ()) -> Commitment:
    """The coming, not cancelled meetings the role leads to: every meeting for a core
    participant, the meetings of their phases for an involved one. Two queries."""
    all_phases = list(network.phases.order_by("order"))
    if role == Membership.Role.CORE:
        chosen = all_phases
    else:
        wanted = {phase.pk for phase in phases}
        chosen = [phase for phase in all_phases if phase.pk in wanted]
    chosen_ids = {phase.pk for phase in chosen}
    meetings = [
        meeting
        for meeting in Meeting.objects.filter(network=network, starts_at__gt=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at", "pk")
        if meeting.phase_id in chosen_ids
    ]
    phase_by_id = {phase.pk: phase for phase in all_phases}
    for meeting in meetings:  # the phase names without a query per meeting
        meeting.phase = phase_by_id[meeting.phase_id]
    return Commitment(role=role, phases=chosen, meetings=meetings)


def membership_commitment(membership: Membership) -> Commitment:
    return commitment_for(
        network=membership.network, role=membership.role, phases=membership.phases.all()
    )


def manager_summary_send(*, membership: Membership) -> bool:
    """Mail a municipal employee's line manager a short summary of the time the network asks
    for, with a signed link to confirm the agreement (or say no). True if the mail went;
    ``manager_summary_sent_at`` is recorded only then."""
    person = membership.participant
    if not person.is_municipal_staff or not person.manager_email:
        raise ValidationError(_("There is no line manager to send a summary to."))
    commitment = membership_commitment(membership)
    message = templated_message(
        to_name=person.manager_name,
        to_email=person.manager_email,
        language=person.language,
        subject=lambda: (
            _("%(name)s in the network %(network)s: the time it takes")
            % {"name": person.name, "network": membership.network}
        ),
        template="onboarding/email/manager_summary",
        context={
            "person": person,
            "membership": membership,
            "network": membership.network,
            "commitment": commitment,
            "url": manager_url(membership),
            "link_days": manager_link_days(),
        },
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the manager summary of membership %s", membership.pk)
        return False
    manager_summary_recorded(membership=membership)
    return True
