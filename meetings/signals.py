"""Keep invitations in step with memberships and meetings, whichever path changed them
(services, admin, shell)."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.utils import timezone

from participants.models import Membership, Participant
from participants.signals import participant_anonymised

from .models import Delivery, Invitation, Meeting
from .services import invitations_sync_meeting, invitations_sync_membership


@receiver(post_save, sender=Membership, dispatch_uid="membership_saved_sync_invitations")
def membership_saved(sender, instance: Membership, raw=False, **kwargs):
    if not raw:
        invitations_sync_membership(instance)


@receiver(
    m2m_changed, sender=Membership.phases.through, dispatch_uid="membership_phases_sync_invitations"
)
def membership_phases_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    memberships = Membership.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    for membership in memberships:
        invitations_sync_membership(membership)


@receiver(post_save, sender=Meeting, dispatch_uid="meeting_saved_sync_invitations")
def meeting_saved(sender, instance: Meeting, created: bool, raw=False, **kwargs):
    if raw or instance.is_cancelled:
        return
    if created or instance.starts_at > timezone.now():
        invitations_sync_meeting(instance)


@receiver(participant_anonymised, dispatch_uid="participant_anonymised_clear_meetings")
def participant_anonymised_clear(sender, participant: Participant, **kwargs):
    """Keep responses and attendance (statistics); drop what may identify the person: the
    comments they wrote, their invitations to coming meetings, and mail not yet sent."""
    invitations = Invitation.objects.filter(participant=participant)
    invitations.exclude(response_comment="").update(response_comment="")
    # The change history keeps every earlier answer: its comments go too, its answers stay.
    Invitation.history.filter(participant_id=participant.pk).exclude(response_comment="").update(
        response_comment=""
    )
    invitations.current().filter(meeting__starts_at__gt=timezone.now()).update(
        withdrawn_at=timezone.now()
    )
    Delivery.objects.filter(participant=participant).exclude(last_error="").update(last_error="")
    Delivery.objects.unsent().filter(participant=participant).update(
        status=Delivery.Status.SKIPPED, last_error="The recipient has been anonymised."
    )
