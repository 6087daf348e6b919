"""The record of processing (GDPR art. 30) for the data protection officer: which personal data
the system holds, why, on what legal basis, who sees it, and how long it is kept.

The field lists are read from the models (their translated verbose names), so a new field shows
up here by itself; a new field on ``Participant`` must also be placed in one of the groups below
(a test fails otherwise), because its purpose has to be stated.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meetings.models import Delivery, Invitation, TaskAssignment
from participants.consent import CURRENT_VERSION, TEXTS
from participants.models import Consent, Membership, NetworkInvitation, Participant, SignInLink

BASIS_PARTICIPATION = _(
    "For citizens, relatives and other participants from outside the municipality: their "
    "consent, which they can withdraw at any time. For municipal employees: the "
    "municipality's work as a public authority, of which the networks are part."
)
BASIS_TASK = _("The municipality's work as a public authority: running the networks.")
WHO_SECRETARIAT = _(
    "The secretariat; a network's co-drivers for their own network; system administrators."
)
WHO_PERSON = _("The person themselves, the secretariat and system administrators.")
WHO_ADMINS = _("System administrators only.")


def _retention_text() -> str:
    months = settings.NETVAERK_RETENTION_MONTHS
    days = settings.NETVAERK_RETENTION_WARNING_DAYS
    return ngettext(
        "Until %(months)d month after the end of the person's last network; then the identity "
        "is removed, %(days)d days after a warning to the secretariat, or earlier on request. "
        "Anonymous statistics are kept.",
        "Until %(months)d months after the end of the person's last network; then the identity "
        "is removed, %(days)d days after a warning to the secretariat, or earlier on request. "
        "Anonymous statistics are kept.",
        months,
    ) % {"months": months, "days": days}


KEPT_RETENTION = lazy(_retention_text, str)()
KEPT_WITH_PERSON = _(
    "As long as the person's details; removed or emptied when they are anonymised."
)


@dataclass(frozen=True)
class Entry:
    """One group of data in the record."""

    title: str
    model: type[models.Model]
    purpose: str
    basis: str
    who: str
    kept: str
    fields: tuple[str, ...] | None = None  # None: every field of the model but its keys

    def field_labels(self) -> list[str]:
        return [capfirst(field.verbose_name) for field in self.model_fields()]

    def model_fields(self) -> list[models.Field]:
        if self.fields is not None:
            return [self.model._meta.get_field(name) for name in self.fields]
        return [
            field
            for field in self.model._meta.concrete_fields
            if not field.primary_key and not field.is_relation
        ]


PARTICIPANT_GROUPS = {
    "identity": ("name", "email", "phone", "organisation", "language"),
    "contribution": (
        "background",
        "competence_professional",
        "competence_personal",
        "competence_methodical",
        "perspective",
        "motivation",
    ),
    "employment": ("is_municipal_staff", "manager_name", "manager_email"),
    "reminders": (
        "wants_meeting_reminders",
        "wants_task_reminders",
        "wants_response_reminders",
        "wants_follow_up_reminders",
    ),
    "account": (
        "user",
        "calendar_token",
        "created_at",
        "updated_at",
        "archived_at",
        "removal_requested_at",
        "anonymised_at",
        "retention_warned_at",
    ),
}


def unplaced_participant_fields() -> list[str]:
    """Fields of Participant that no group of the record names (must be none)."""
    placed = {name for names in PARTICIPANT_GROUPS.values() for name in names}
    return [
        field.name
        for field in Participant._meta.concrete_fields
        if not field.primary_key and field.name not in placed
    ]


def _participant_entries() -> list[Entry]:
    groups = PARTICIPANT_GROUPS
    return [
        Entry(
            _("Participants: identity and contact"),
            Participant,
            _("To invite the person, send reminders and reach them about the networks."),
            BASIS_PARTICIPATION,
            WHO_SECRETARIAT,
            KEPT_RETENTION,
            groups["identity"],
        ),
        Entry(
            _("Participants: what they bring"),
            Participant,
            _(
                "To put networks together with a mix of backgrounds, competences and "
                "perspectives, and to invite the right people to each phase."
            ),
            BASIS_PARTICIPATION,
            WHO_SECRETARIAT,
            KEPT_RETENTION,
            groups["contribution"],
        ),
        Entry(
            _("Participants: employment"),
            Participant,
            _("Municipal employees agree their time in a network with their line manager."),
            BASIS_TASK,
            WHO_SECRETARIAT,
            KEPT_RETENTION,
            groups["employment"],
        ),
        Entry(
            _("Participants: reminder choices"),
            Participant,
            _("To send only the reminders the person wants."),
            BASIS_PARTICIPATION,
            WHO_PERSON,
            KEPT_RETENTION,
            groups["reminders"],
        ),
        Entry(
            _("Participants: login and status"),
            Participant,
            _(
                "To let the person sign in to their own pages and calendar, and to carry out "
                "removal and the retention rule."
            ),
            BASIS_PARTICIPATION,
            WHO_PERSON,
            KEPT_RETENTION,
            groups["account"],
        ),
    ]


def processing_record() -> list[Entry]:
    """Every group of personal data, in the order the page shows them."""
    user_model = get_user_model()
    entries = [
        *_participant_entries(),
        Entry(
            _("Memberships of networks"),
            Membership,
            _("To know who takes part in which network, in which role and phases."),
            BASIS_PARTICIPATION,
            WHO_SECRETARIAT,
            _("Kept without the identity after anonymisation, for statistics."),
        ),
        Entry(
            _("Invitations to networks"),
            NetworkInvitation,
            _("To invite people to join a network and record their answer."),
            BASIS_PARTICIPATION,
            WHO_SECRETARIAT,
            _("Messages and reasons are emptied on anonymisation; the rest is statistics."),
        ),
        Entry(
            _("Invitations to meetings, answers and attendance"),
            Invitation,
            _("To plan meetings, follow up on answers and count attendance."),
            BASIS_PARTICIPATION,
            WHO_SECRETARIAT,
            _("Comments are emptied on anonymisation; answers and attendance stay as statistics."),
        ),
        Entry(
            _("Preparation tasks"),
            TaskAssignment,
            _("To remind people of what they have promised to prepare."),
            BASIS_PARTICIPATION,
            WHO_SECRETARIAT,
            KEPT_WITH_PERSON,
        ),
        Entry(
            _("Consents"),
            Consent,
            _("To document what the person agreed to, in which text version and when."),
            _("Documentation of consent (GDPR art. 7)."),
            WHO_PERSON,
            _("Withdrawn on anonymisation; the rows stay as documentation without identity."),
        ),
        Entry(
            _("Mail log"),
            Delivery,
            _("To send each reminder once and see whether it arrived."),
            BASIS_TASK,
            WHO_ADMINS,
            _("Kept with the meeting; error texts are emptied on anonymisation."),
        ),
        Entry(
            _("Sign-in links"),
            SignInLink,
            _("To let the person sign in without a password. Only a hash of the link is stored."),
            BASIS_PARTICIPATION,
            WHO_ADMINS,
            _("The link works for a short time; the rows are deleted on anonymisation."),
        ),
        Entry(
            _("Logins"),
            user_model,
            _("Staff and participants sign in."),
            BASIS_TASK,
            WHO_ADMINS,
            _("A participant's login is deleted on anonymisation."),
            tuple(
                name
                for name in ("username", "first_name", "last_name", "email", "last_login")
                if any(field.name == name for field in user_model._meta.concrete_fields)
            ),
        ),
    ]
    try:
        history = apps.get_model("participants", "HistoricalParticipant")
    except LookupError:
        history = None
    if history is not None:
        entries.append(
            Entry(
                _("Change history of participants"),
                history,
                _("To see who changed what and when, and to correct mistakes."),
                BASIS_TASK,
                WHO_ADMINS,
                _("Earlier versions are deleted when the person is anonymised."),
                ("history_date", "history_user", "history_type"),
            )
        )
    return entries


@dataclass(frozen=True)
class ConsentText:
    version: str
    kind: str
    text: str
    is_current: bool


def consent_texts() -> list[ConsentText]:
    """Every consent text by version, newest version first."""
    return [
        ConsentText(version, Consent.Kind(kind).label, str(text), version == CURRENT_VERSION)
        for version in sorted(TEXTS, reverse=True)
        for kind, text in TEXTS[version].items()
    ]
