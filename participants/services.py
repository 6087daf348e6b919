"""Writes and rules for participants and memberships.

The invitations that follow from a membership are kept in step by the meetings app,
which listens to membership changes (meetings/signals.py).
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.models import Network, Phase

from .models import Membership, Participant


@transaction.atomic
def participant_create(*, name: str, email: str, background: str, **fields) -> Participant:
    participant = Participant(
        name=name, email=email.strip().lower(), background=background, **fields
    )
    participant.full_clean()
    participant.save()
    return participant


def membership_check_phases(*, network: Network, role: str, phases: Iterable[Phase]) -> None:
    """The phase rules of a membership, for the services below and the admin's forms alike:
    an involved participant takes part in at least one phase, and every phase is one of the
    network's own."""
    phases = list(phases)
    if role == Membership.Role.INVOLVED and not phases:
        raise ValidationError(
            {"phases": _("An involved participant takes part in at least one phase.")}
        )
    if any(phase.network_id != network.pk for phase in phases):
        raise ValidationError({"phases": _("A phase must belong to the membership's network.")})


@transaction.atomic
def membership_add(
    *,
    network: Network,
    participant: Participant,
    role: str,
    phases: Iterable[Phase] = (),
    is_co_driver: bool = False,
    **fields,
) -> Membership:
    """Add a participant to a network in a role; involved participants name their phases."""
    phases = list(phases)
    membership_check_phases(network=network, role=role, phases=phases)
    if "manager_agreement" not in fields and participant.is_municipal_staff:
        fields["manager_agreement"] = Membership.ManagerAgreement.PENDING
    membership = Membership(
        network=network, participant=participant, role=role, is_co_driver=is_co_driver, **fields
    )
    membership.full_clean()
    membership.save()
    membership.phases.set(phases)
    return membership


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, phases: Iterable[Phase] = ()
) -> Membership:
    """Change a member's role and phases; their future invitations follow."""
    phases = list(phases) if role == Membership.Role.INVOLVED else []
    membership_check_phases(network=membership.network, role=role, phases=phases)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    membership.phases.set(phases)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, left_on: date | None = None) -> Membership:
    """End a membership; the person is no longer invited to meetings after that day."""
    membership.left_on = left_on or timezone.localdate()
    membership.full_clean()
    membership.save(update_fields=["left_on"])
    return membership
