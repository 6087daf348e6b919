"""Writes and rules for participants and memberships.

The invitations that follow from a membership are kept in step by the meetings app,
which listens to membership changes (meetings/signals.py).
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.models import Network, Phase

from .models import Membership, Participant
from .signals import participant_anonymised


@transaction.atomic
def participant_create(*, name: str, email: str, background: str, **fields) -> Participant:
    participant = Participant(
        name=name, email=email.strip().lower(), background=background, **fields
    )
    _save_participant(participant)
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


# --- Editing, archiving and deleting people --------------------------------------------------


def _save_participant(participant: Participant) -> None:
    """Validate and save; a duplicate email that slips past validation in a race (the database
    constraint is the last line) becomes the same validation error, never a crash."""
    participant.full_clean()
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError:
        duplicate = Participant.objects.filter(email__iexact=participant.email)
        if participant.pk:
            duplicate = duplicate.exclude(pk=participant.pk)
        if not duplicate.exists():
            raise
        raise ValidationError(
            {"email": _("A participant with this email already exists.")}, code="duplicate"
        ) from None


@transaction.atomic
def participant_update(*, participant: Participant, **fields) -> Participant:
    """Change a person's details; the email stays unique whatever its case."""
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.email = participant.email.strip().lower()
    _save_participant(participant)
    return participant


def participant_has_history(participant: Participant) -> bool:
    """Whether anything refers to the person (memberships, invitations, tasks): such a person
    is archived, never deleted, so the statistics keep them."""
    collector = Collector(using=router.db_for_write(Participant))
    try:
        collector.collect([participant])
    except (ProtectedError, RestrictedError):
        return True
    return False


@transaction.atomic
def participant_archive(*, participant: Participant) -> Participant:
    """Archive a person: hidden from lists, kept for statistics. Their current memberships end
    today, so they are no longer invited to coming meetings."""
    if participant.archived_at is not None:
        raise ValidationError(_("The person is already archived."))
    today = timezone.localdate()
    for membership in participant.memberships.active(on=today):
        membership_end(membership=membership, left_on=max(today, membership.joined_on))
    participant.archived_at = timezone.now()
    participant.save(update_fields=["archived_at", "updated_at"])
    return participant


@transaction.atomic
def participant_restore(*, participant: Participant) -> Participant:
    """Bring an archived person back into the lists (their ended memberships stay ended)."""
    participant.archived_at = None
    participant.save(update_fields=["archived_at", "updated_at"])
    return participant


@transaction.atomic
def participant_delete(*, participant: Participant) -> None:
    """Delete a person who has no history; a person with history must be archived instead."""
    if participant_has_history(participant):
        raise ValidationError(
            _("The person has memberships, invitations or tasks and can only be archived.")
        )
    participant.delete()


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    is_co_driver: bool,
    manager_agreement: str,
    manager_agreement_on: date | None = None,
) -> Membership:
    """Change a member's co-driver flag and their manager agreement."""
    membership.is_co_driver = is_co_driver
    membership.manager_agreement = manager_agreement
    membership.manager_agreement_on = manager_agreement_on
    membership.full_clean()
    membership.save(update_fields=["is_co_driver", "manager_agreement", "manager_agreement_on"])
    return membership


# --- Removal and anonymisation (GDPR) ------------------------------------------------------


ANONYMOUS_NAME = "Anonymiseret deltager"  # stored, not translated: it is data, not interface


def anonymous_email(participant: Participant) -> str:
    """A unique address that can never be delivered (.invalid is reserved, RFC 2606)."""
    return f"anonym-{participant.pk}@anonymiseret.invalid"


@transaction.atomic
def participant_request_removal(*, participant: Participant) -> Participant:
    """The person asks to be removed; the secretariat carries it out (anonymisation). Asking
    again while a request is pending changes nothing."""
    if participant.anonymised_at is not None:
        raise ValidationError(_("The person has already been anonymised."))
    if participant.removal_requested_at is None:
        participant.removal_requested_at = timezone.now()
        participant.save(update_fields=["removal_requested_at", "updated_at"])
    return participant


@transaction.atomic
def participant_withdraw_removal_request(*, participant: Participant) -> Participant:
    """The person changes their mind while the request is still pending."""
    if participant.anonymised_at is not None:
        raise ValidationError(_("The person has already been anonymised."))
    if participant.removal_requested_at is not None:
        participant.removal_requested_at = None
        participant.save(update_fields=["removal_requested_at", "updated_at"])
    return participant


def _retire_login(user) -> None:
    """A login made for the person alone is deleted; a login that is also someone's staff
    account (staff, superuser or in a group) only loses its link to the person."""
    if user.is_staff or user.is_superuser or user.groups.exists():
        return
    user.delete()


@transaction.atomic
def participant_anonymise(*, participant: Participant, by=None) -> Participant:
    """Remove the person's identity and keep the statistics.

    Cleared: name, email (a unique undeliverable address instead), phone, organisation,
    competences, perspective, motivation, line manager, reminder preferences, sign-in links,
    the calendar address and the login; current consents are withdrawn, current memberships
    end today (as when archiving) and the person is archived. Kept: background, memberships
    with roles and phases, invitations with responses and attendance, task assignments. Apps
    above this one clear their own free text through ``participant_anonymised``.

    A second call changes nothing. ``by`` is the staff user who did it (None: the retention
    rule), passed on to the signal's receivers.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.anonymised_at is not None:
        return participant
    now = timezone.now()
    today = timezone.localdate(now)
    for membership in participant.memberships.active(on=today):
        membership_end(membership=membership, left_on=max(today, membership.joined_on))
    participant.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    participant.sign_in_links.all().delete()
    participant.network_invitations.update(message="", decline_reason="")
    user = participant.user
    participant.name = f"{ANONYMOUS_NAME} {participant.pk}"
    participant.email = anonymous_email(participant)
    for field in (
        "phone",
        "organisation",
        "competence_professional",
        "competence_personal",
        "competence_methodical",
        "perspective",
        "motivation",
        "manager_name",
        "manager_email",
    ):
        setattr(participant, field, "")
    for field in (
        "wants_meeting_reminders",
        "wants_task_reminders",
        "wants_response_reminders",
        "wants_follow_up_reminders",
    ):
        setattr(participant, field, False)
    participant.user = None
    participant.calendar_token = None
    participant.archived_at = participant.archived_at or now
    participant.anonymised_at = now
    participant.save()
    if user is not None:
        _retire_login(user)
    history = getattr(participant, "history", None)  # django-simple-history, if registered
    if history is not None:
        history.filter(anonymised_at__isnull=True).delete()  # earlier versions name the person
    participant_anonymised.send(sender=Participant, participant=participant, by=by)
    return participant
