"""Everything the system holds about one person, for their own download ("Mine oplysninger")
and for the secretariat answering an access request (GDPR art. 15).

Only the person's own data: no other participant, no staff user, and no secrets (the hash of a
sign-in link, the calendar address). Machine-readable keys (field names), values as stored;
``participant_data_json`` makes the file.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone

from meetings.models import Delivery, Invitation, TaskAssignment
from netvaerk.models import Phase
from participants.consent import TEXTS
from participants.models import Consent, Membership, NetworkInvitation, Participant

PARTICIPANT_FIELDS = (
    "name",
    "email",
    "phone",
    "organisation",
    "background",
    "competence_professional",
    "competence_personal",
    "competence_methodical",
    "perspective",
    "motivation",
    "is_municipal_staff",
    "manager_name",
    "manager_email",
    "language",
    "wants_meeting_reminders",
    "wants_task_reminders",
    "wants_response_reminders",
    "wants_follow_up_reminders",
    "created_at",
    "updated_at",
    "archived_at",
    "removal_requested_at",
    "anonymised_at",
)


def _phase_names(phases) -> list[str]:
    return [phase.name for phase in phases]


def participant_data(participant: Participant, *, now=None) -> dict:
    """The person's data as a dict of plain values (dates as date/datetime). Seven queries
    however much history the person has."""
    phases = Prefetch("phases", queryset=Phase.objects.order_by("order"))
    memberships = (
        Membership.objects.filter(participant=participant)
        .select_related("network")
        .prefetch_related(phases)
        .order_by("joined_on", "pk")
    )
    network_invitations = (
        NetworkInvitation.objects.filter(participant=participant)
        .select_related("network")
        .prefetch_related(phases)
        .order_by("created_at", "pk")
    )
    invitations = (
        Invitation.objects.filter(participant=participant)
        .select_related("meeting__network", "meeting__phase")
        .order_by("meeting__starts_at", "pk")
    )
    assignments = (
        TaskAssignment.objects.filter(participant=participant)
        .select_related("task__meeting__network")
        .order_by("task__due_date", "pk")
    )
    consents = Consent.objects.filter(participant=participant).order_by("given_at", "pk")
    deliveries = (
        Delivery.objects.filter(participant=participant)
        .select_related("meeting")
        .order_by("due_at", "pk")
    )
    return {
        "exported_at": now or timezone.now(),
        "participant": {
            "id": participant.pk,
            **{name: getattr(participant, name) for name in PARTICIPANT_FIELDS},
            "has_login": participant.user_id is not None,
            "has_calendar_feed": bool(participant.calendar_token),
        },
        "memberships": [
            {
                "network": row.network.name,
                "role": row.role,
                "phases": _phase_names(row.phases.all()),
                "is_co_driver": row.is_co_driver,
                "manager_agreement": row.manager_agreement,
                "manager_agreement_on": row.manager_agreement_on,
                "manager_summary_sent_at": row.manager_summary_sent_at,
                "joined_on": row.joined_on,
                "left_on": row.left_on,
            }
            for row in memberships
        ],
        "network_invitations": [
            {
                "network": row.network.name,
                "role": row.role,
                "phases": _phase_names(row.phases.all()),
                "is_co_driver": row.is_co_driver,
                "message": row.message,
                "status": row.status,
                "created_at": row.created_at,
                "sent_at": row.sent_at,
                "expires_at": row.expires_at,
                "opened_at": row.opened_at,
                "answered_at": row.answered_at,
                "decline_reason": row.decline_reason,
            }
            for row in network_invitations
        ],
        "meeting_invitations": [
            {
                "meeting": row.meeting.title,
                "network": row.meeting.network.name,
                "phase": row.meeting.phase.name,
                "starts_at": row.meeting.starts_at,
                "ends_at": row.meeting.ends_at,
                "place": row.meeting.place,
                "meeting_status": row.meeting.status,
                "is_extra": row.is_extra,
                "invited_at": row.invited_at,
                "withdrawn_at": row.withdrawn_at,
                "response": row.response,
                "response_comment": row.response_comment,
                "responded_at": row.responded_at,
                "attendance": row.attendance,
            }
            for row in invitations
        ],
        "preparation_tasks": [
            {
                "task": row.task.title,
                "description": row.task.description,
                "kind": row.task.kind,
                "due_date": row.task.due_date,
                "meeting": row.task.meeting.title,
                "network": row.task.meeting.network.name,
                "done_at": row.done_at,
            }
            for row in assignments
        ],
        "consents": [
            {
                "kind": row.kind,
                "text_version": row.text_version,
                "text": str(TEXTS.get(row.text_version, {}).get(row.kind, "")),
                "given_at": row.given_at,
                "withdrawn_at": row.withdrawn_at,
            }
            for row in consents
        ],
        "mail_log": [
            {
                "kind": row.kind,
                "meeting": row.meeting.title,
                "status": row.status,
                "due_at": row.due_at,
                "sent_at": row.sent_at,
            }
            for row in deliveries
        ],
    }


def participant_data_json(participant: Participant) -> str:
    return json.dumps(
        participant_data(participant), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


def export_filename(participant: Participant) -> str:
    return f"mine-oplysninger-{participant.pk}-{timezone.localdate():%Y-%m-%d}.json"
