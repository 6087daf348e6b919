"""Inviting a person to a network, and what follows: the signed link in the mail, opening it,
accepting (which creates the membership) or declining, and the line manager's answer.

Each step keeps its time on the invitation or the membership. What needs meeting data (the
time commitment, the manager's summary mail) lives in meetings/onboarding.py.
"""

import hashlib
import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netvaerk.mail import absolute_url, templated_message
from netvaerk.models import Network, Phase

from .consent import TEXTS, consent_give
from .models import Consent, Membership, NetworkInvitation, Participant
from .services import membership_add, membership_check_phases, participant_update

logger = logging.getLogger(__name__)

INVITATION_SALT = "netvaerk.onboarding.invitation"
MANAGER_SALT = "netvaerk.onboarding.manager"


class LinkExpired(Exception):
    """The link was genuine but is too old."""


class LinkInvalid(Exception):
    """The link was altered, cut short, or never ours."""


def invitation_link_days() -> int:
    return settings.NETVAERK_NETWORK_INVITATION_DAYS


def manager_link_days() -> int:
    return settings.NETVAERK_MANAGER_LINK_DAYS


def _load(token: str, *, salt: str, days: int) -> dict:
    try:
        payload = signing.loads(token, salt=salt, max_age=timedelta(days=days))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(payload, dict):
        raise LinkInvalid
    return payload


# --- The person's link -----------------------------------------------------------------------


def network_invitation_token(invitation: NetworkInvitation) -> str:
    """A signed link token naming this invitation and its person; it opens nothing else."""
    return signing.dumps(
        {"i": invitation.pk, "p": invitation.participant_id}, salt=INVITATION_SALT, compress=True
    )


def network_invitation_url(invitation: NetworkInvitation, token: str | None = None) -> str:
    token = token or network_invitation_token(invitation)
    return absolute_url(reverse("onboarding:open", args=[token]))


def network_invitation_from_token(token: str, queryset=None) -> NetworkInvitation:
    """The invitation a link opens. Raises LinkExpired or LinkInvalid; a token for an
    invitation that no longer exists, or for another person, is invalid."""
    payload = _load(token, salt=INVITATION_SALT, days=invitation_link_days())
    queryset = NetworkInvitation.objects.all() if queryset is None else queryset
    try:
        return queryset.get(pk=payload.get("i"), participant_id=payload.get("p"))
    except (NetworkInvitation.DoesNotExist, ValueError, TypeError):
        raise LinkInvalid from None


def network_invitation_is_expired(invitation: NetworkInvitation, now=None) -> bool:
    now = now or timezone.now()
    return invitation.expires_at is not None and invitation.expires_at <= now


# --- The secretariat's side --------------------------------------------------------------------


def _check_can_invite(*, network: Network, participant: Participant) -> None:
    if participant.archived_at is not None or participant.anonymised_at is not None:
        raise ValidationError(
            _("%(name)s is archived and cannot be invited.") % {"name": participant}
        )
    if network.status == Network.Status.CONCLUDED:
        raise ValidationError(_("The network has concluded; no one can be invited to it."))
    membership = network.memberships.filter(participant=participant).first()
    if membership is not None and membership.left_on is None:
        raise ValidationError(
            _("%(name)s is already a member of %(network)s.")
            % {"name": participant, "network": network}
        )
    if membership is not None:
        raise ValidationError(
            _(
                "%(name)s was a member of %(network)s before. Change that membership on "
                "their page instead of inviting them again."
            )
            % {"name": participant, "network": network}
        )
    if network.network_invitations.filter(
        participant=participant, status=NetworkInvitation.Status.OPEN
    ).exists():
        raise ValidationError(
            _("%(name)s already has an open invitation to %(network)s. Send it again instead.")
            % {"name": participant, "network": network}
        )


def network_invitation_create(
    *,
    network: Network,
    participant: Participant,
    role: str,
    phases: Iterable[Phase] = (),
    is_co_driver: bool = False,
    message: str = "",
    created_by=None,
    send: bool = True,
) -> NetworkInvitation:
    """Invite a person to a network in a role, and mail them the link at once. If the mail
    cannot be sent the invitation is kept unsent (``sent_at`` empty): send it again later."""
    phases = list(phases) if role == Membership.Role.INVOLVED else []
    with transaction.atomic():
        _check_can_invite(network=network, participant=participant)
        membership_check_phases(network=network, role=role, phases=phases)
        invitation = NetworkInvitation(
            network=network,
            participant=participant,
            role=role,
            is_co_driver=is_co_driver,
            message=message.strip(),
            created_by=created_by,
        )
        invitation.full_clean()
        invitation.save()
        invitation.phases.set(phases)
    if send:
        network_invitation_send(invitation=invitation)
    return invitation


def _invitation_message(invitation: NetworkInvitation, *, url: str, expires_at):
    person = invitation.participant
    return templated_message(
        to_name=person.name,
        to_email=person.email,
        language=person.language,
        subject=lambda: (
            _("Invitation to the network %(network)s") % {"network": invitation.network}
        ),
        template="onboarding/email/invitation",
        context={
            "person": person,
            "invitation": invitation,
            "network": invitation.network,
            "role": invitation.get_role_display,
            "phases": list(invitation.phases.all()),
            "url": url,
            "expires_at": expires_at,
        },
    )


def network_invitation_send(*, invitation: NetworkInvitation) -> bool:
    """Mail the person a fresh link to an open invitation; True if the mail went. The link
    expires after NETVAERK_NETWORK_INVITATION_DAYS; ``sent_at`` and ``expires_at`` are only
    recorded once the mail server has taken the message."""
    if invitation.status != NetworkInvitation.Status.OPEN:
        raise ValidationError(_("Only an invitation awaiting an answer can be sent."))
    now = timezone.now()
    expires_at = now + timedelta(days=invitation_link_days())
    message = _invitation_message(
        invitation, url=network_invitation_url(invitation), expires_at=expires_at
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send network invitation %s", invitation.pk)
        return False
    NetworkInvitation.objects.filter(pk=invitation.pk).update(sent_at=now, expires_at=expires_at)
    invitation.sent_at, invitation.expires_at = now, expires_at
    return True


def network_invitation_resend(*, invitation: NetworkInvitation) -> bool:
    """Send an open invitation again with a new link and a new expiry date."""
    return network_invitation_send(invitation=invitation)


@transaction.atomic
def network_invitation_withdraw(*, invitation: NetworkInvitation) -> NetworkInvitation:
    """Withdraw an open invitation; its link then shows that it was withdrawn."""
    if invitation.status != NetworkInvitation.Status.OPEN:
        raise ValidationError(_("Only an invitation awaiting an answer can be withdrawn."))
    invitation.status = NetworkInvitation.Status.WITHDRAWN
    invitation.withdrawn_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["status", "withdrawn_at"])
    return invitation


# --- The person's answer -----------------------------------------------------------------------


def network_invitation_open(*, invitation: NetworkInvitation) -> NetworkInvitation:
    """Record the first time the person opened the link (later visits change nothing)."""
    if invitation.opened_at is None:
        now = timezone.now()
        NetworkInvitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=now
        )
        invitation.opened_at = now
    return invitation


def _check_answerable(invitation: NetworkInvitation) -> None:
    if invitation.status != NetworkInvitation.Status.OPEN:
        raise ValidationError(_("This invitation has already been answered or withdrawn."))
    if network_invitation_is_expired(invitation):
        raise ValidationError(_("The invitation has expired."))


MANAGER_FIELDS_REQUIRED = gettext_lazy(
    "As a municipal employee, give the name and email of your line manager."
)


@transaction.atomic
def network_invitation_accept(
    *,
    invitation: NetworkInvitation,
    perspective: str,
    motivation: str = "",
    competence_professional: str = "",
    competence_personal: str = "",
    competence_methodical: str = "",
    consent_processing: bool,
    consent_show_to_peers: bool = False,
    consent_version: str,
    manager_name: str = "",
    manager_email: str = "",
) -> Membership:
    """Accept: the person's perspective, competences and motivation are kept on their record,
    their consents with the version of the text they saw, their line manager if they work for
    the municipality; the membership follows the invitation's role, phases and co-driver flag
    (and with it the invitations to the network's coming meetings)."""
    # Lock the row: a double click or two tabs accept once.
    invitation = (
        NetworkInvitation.objects.select_for_update()
        .select_related("network", "participant")
        .get(pk=invitation.pk)
    )
    _check_answerable(invitation)
    person = invitation.participant
    errors = {}
    if not perspective.strip():
        errors["perspective"] = _("Tell us briefly which perspective you bring.")
    if not consent_processing:
        errors["consent_processing"] = _(
            "We can only include you in the network if we may keep your details."
        )
    if consent_version not in TEXTS:
        errors["consent_version"] = _("The consent text has changed; read it again.")
    if person.is_municipal_staff and not (manager_name.strip() and manager_email.strip()):
        errors["manager_name"] = str(MANAGER_FIELDS_REQUIRED)
    if errors:
        raise ValidationError(errors)
    if invitation.network.memberships.filter(participant=person).exists():
        raise ValidationError(
            _("You are already a member of %(network)s.") % {"network": invitation.network}
        )
    fields = {
        "perspective": perspective.strip(),
        "motivation": motivation.strip(),
        "competence_professional": competence_professional.strip(),
        "competence_personal": competence_personal.strip(),
        "competence_methodical": competence_methodical.strip(),
    }
    if person.is_municipal_staff:
        fields.update(manager_name=manager_name.strip(), manager_email=manager_email.strip())
    participant_update(participant=person, **fields)
    consent_give(participant=person, kind=Consent.Kind.PROCESSING, version=consent_version)
    if consent_show_to_peers:
        consent_give(participant=person, kind=Consent.Kind.SHOW_TO_PEERS, version=consent_version)
    membership = membership_add(
        network=invitation.network,
        participant=person,
        role=invitation.role,
        phases=invitation.phases.all(),
        is_co_driver=invitation.is_co_driver,
    )
    invitation.status = NetworkInvitation.Status.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.membership = membership
    invitation.full_clean()
    invitation.save(update_fields=["status", "answered_at", "membership"])
    return membership


@transaction.atomic
def network_invitation_decline(
    *, invitation: NetworkInvitation, reason: str = ""
) -> NetworkInvitation:
    """Decline, with an optional reason for the secretariat."""
    invitation = NetworkInvitation.objects.select_for_update().get(pk=invitation.pk)
    _check_answerable(invitation)
    invitation.status = NetworkInvitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.decline_reason = reason.strip()
    invitation.full_clean()
    invitation.save(update_fields=["status", "answered_at", "decline_reason"])
    return invitation


# --- The line manager ----------------------------------------------------------------------------


def _email_fingerprint(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def manager_token(membership: Membership) -> str:
    """A signed token for the manager's page of one membership. It names the manager's email
    (as a fingerprint), so a link sent to a former manager stops working when it changes."""
    return signing.dumps(
        {"m": membership.pk, "e": _email_fingerprint(membership.participant.manager_email)},
        salt=MANAGER_SALT,
        compress=True,
    )


def manager_url(membership: Membership) -> str:
    return absolute_url(reverse("onboarding:manager", args=[manager_token(membership)]))


def membership_from_manager_token(token: str, queryset=None) -> Membership:
    payload = _load(token, salt=MANAGER_SALT, days=manager_link_days())
    queryset = Membership.objects.all() if queryset is None else queryset
    try:
        membership = queryset.select_related("participant", "network").get(pk=payload.get("m"))
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise LinkInvalid from None
    if _email_fingerprint(membership.participant.manager_email) != payload.get("e"):
        raise LinkInvalid
    return membership


def manager_summary_recorded(*, membership: Membership) -> Membership:
    """Note that the summary went to the manager; the agreement is now awaited."""
    membership.manager_summary_sent_at = timezone.now()
    fields = ["manager_summary_sent_at"]
    if membership.manager_agreement == Membership.ManagerAgreement.NOT_NEEDED:
        membership.manager_agreement = Membership.ManagerAgreement.PENDING
        fields.append("manager_agreement")
    membership.save(update_fields=fields)
    return membership


@transaction.atomic
def membership_manager_answer(*, membership: Membership, agreed: bool) -> Membership:
    """Record the line manager's answer and the day of it. The manager may change it while
    the link works; the latest answer counts."""
    if membership.left_on is not None and membership.left_on <= timezone.localdate():
        raise ValidationError(_("The membership has ended."))
    membership.manager_agreement = (
        Membership.ManagerAgreement.AGREED if agreed else Membership.ManagerAgreement.DECLINED
    )
    membership.manager_agreement_on = timezone.localdate()
    membership.full_clean()
    membership.save(update_fields=["manager_agreement", "manager_agreement_on"])
    return membership
