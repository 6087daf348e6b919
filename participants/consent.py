"""The consent texts a participant agrees to, by version.

A text never changes once people have agreed to it: a new wording gets a new version, and
each Consent row keeps the version its holder saw.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Consent, Participant

CURRENT_VERSION = "2026-11"

TEXTS = {
    "2026-11": {
        Consent.Kind.PROCESSING: _(
            "I agree that the municipality's secretariat for the network structure keeps my "
            "name, contact details, organisation, competences, perspective and motivation, and "
            "records my invitations, answers and attendance, in order to run the networks I take "
            "part in. I can withdraw this consent and ask to be removed at any time; the "
            "secretariat then removes my identity and keeps only anonymous statistics."
        ),
        Consent.Kind.SHOW_TO_PEERS: _(
            "I agree that the other participants of my networks can see my name, organisation "
            "and perspective. I can withdraw this at any time."
        ),
    },
}


def consent_text(kind: str, version: str = CURRENT_VERSION) -> str:
    return str(TEXTS[version][kind])


@transaction.atomic
def consent_give(*, participant: Participant, kind: str, version: str = CURRENT_VERSION) -> Consent:
    """Record that the person agrees to ``kind`` in the text ``version``. Giving a consent the
    person already holds in the same version changes nothing; a new version replaces the old."""
    if version not in TEXTS or kind not in Consent.Kind.values:
        raise ValidationError(_("Unknown consent."))
    current = participant.consents.filter(kind=kind, withdrawn_at__isnull=True).first()
    if current is not None:
        if current.text_version == version:
            return current
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["withdrawn_at"])
    return Consent.objects.create(participant=participant, kind=kind, text_version=version)


@transaction.atomic
def consent_withdraw(*, participant: Participant, kind: str) -> None:
    """Withdraw the person's current consent of ``kind``; the row stays as history."""
    participant.consents.filter(kind=kind, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def has_consent(participant: Participant, kind: str) -> bool:
    return participant.consents.filter(kind=kind, withdrawn_at__isnull=True).exists()
