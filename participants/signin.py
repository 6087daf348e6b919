"""Sign-in by a one-time link in the mail, and the secret address of the calendar feed.

Asking for a link gives the same answer whatever address is typed: a link goes out only to
a known person who has not been archived or anonymised, and only from the worker (after the
request has answered), so neither the page nor its timing tells whether an address is known.
Asking is rate-limited per address and per IP address, counted in the cache for every
address alike. Only a SHA-256 of the link's secret is stored; a link works once, until it
expires. Signing in with one link retires the person's other unused links.

Staff keep their password: a login that is also a staff account (staff, superuser or in a
group) cannot be opened by a link in the mail.
"""

import enum
import hashlib
import ipaddress
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

from netvaerk.mail import absolute_url, templated_message

from .models import Participant, SignInLink

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100  # token_urlsafe(32) is 43 characters; anything much longer is junk
KEEP_DEAD_LINKS = timedelta(days=30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def link_minutes() -> int:
    return settings.NETVAERK_SIGN_IN_LINK_MINUTES


# --- Asking for a link -------------------------------------------------------------------


class Asked(enum.Enum):
    """What the page may say after someone asked for a link."""

    ANSWERED = "answered"  # the same answer for every address
    ADDRESS_LIMITED = "address_limited"  # too many links asked for this address lately
    IP_LIMITED = "ip_limited"  # too many attempts from this IP address


def _limited(group: str, value: str, rate: str) -> bool:
    """Count one attempt for ``value`` and say whether it is over ``rate`` (django-ratelimit,
    in the default cache; several web instances must share it)."""
    return is_ratelimited(
        request=None,
        group=f"netvaerk.signin.{group}",
        key=lambda _group, _request: value,
        rate=rate,
        increment=True,
    )


def ip_key(ip: str | None) -> str:
    """What the per-IP limit counts: the address, or for IPv6 its /64 network (one household
    or office usually has a whole /64)."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def eligible_participant(email: str) -> Participant | None:
    """The person a link may be sent to: known, neither archived nor anonymised."""
    return Participant.objects.filter(
        email=normalise_email(email), archived_at__isnull=True, anonymised_at__isnull=True
    ).first()


def sign_in_link_request(*, email: str, ip: str, next_url: str = "") -> Asked:
    """Someone asks for a sign-in link to ``email`` from ``ip``. Returns what the page may
    say; a mail goes out (after commit, from the worker) only to an eligible person."""
    if _limited("ip", ip_key(ip), settings.NETVAERK_SIGN_IN_RATE_PER_IP):
        return Asked.IP_LIMITED
    address = normalise_email(email)
    # Keyed by a hash, so the cache holds no addresses.
    if _limited("address", token_hash(address), settings.NETVAERK_SIGN_IN_RATE_PER_ADDRESS):
        return Asked.ADDRESS_LIMITED
    participant = eligible_participant(address)
    if participant is not None:
        participant_id = participant.pk
        transaction.on_commit(lambda: queue_sign_in_mail(participant_id, next_url))
    return Asked.ANSWERED


def queue_sign_in_mail(participant_id: int, next_url: str = "") -> None:
    """Hand the mail to the worker; if the broker refuses, send it from here instead."""
    from .tasks import send_sign_in_link

    try:
        send_sign_in_link.delay(participant_id, next_url)
    except Exception:
        logger.exception("Broker refused a sign-in mail; sending it in the request instead.")
        try:
            sign_in_link_send(participant_id=participant_id, next_url=next_url)
        except Exception:
            # The page must look the same as for an unknown address; the person may ask again.
            logger.exception("Could not send a sign-in mail to participant %s.", participant_id)


def safe_next(next_url: str | None) -> str:
    """``next_url`` if it is a path on this site, else ''."""
    if (
        next_url
        and next_url.startswith("/")
        and url_has_allowed_host_and_scheme(next_url, allowed_hosts=None)
    ):
        return next_url
    return ""


def sign_in_link_create(*, participant: Participant) -> tuple[SignInLink, str]:
    """A new link for ``participant``; returns the row and the secret (never stored)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    # Links long dead are of no use to anyone: the person's go when they ask for a new one.
    participant.sign_in_links.filter(expires_at__lt=now - KEEP_DEAD_LINKS).delete()
    link = SignInLink.objects.create(
        participant=participant,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + timedelta(minutes=link_minutes()),
    )
    return link, token


def sign_in_link_send(*, participant_id: int, next_url: str = "") -> bool:
    """Create a link and mail it, if the person may still have one. Returns whether a mail
    went out. Called by the worker (``participants.send_sign_in_link``)."""
    participant = Participant.objects.filter(
        pk=participant_id, archived_at__isnull=True, anonymised_at__isnull=True
    ).first()
    if participant is None:
        return False
    link, token = sign_in_link_create(participant=participant)
    path = reverse("signin:link", kwargs={"token": token})
    next_url = safe_next(next_url)
    if next_url:
        path = f"{path}?{urlencode({'next': next_url})}"
    message = templated_message(
        to_name=participant.name,
        to_email=participant.email,
        language=participant.language,
        subject=_("Your sign-in link"),
        template="signin/email/link",
        context={
            "person": participant,
            "link_url": absolute_url(path),
            "minutes": link_minutes(),
            "expires_at": link.expires_at,
            "request_url": absolute_url(reverse("signin:request")),
        },
    )
    message.send()
    return True


# --- Using a link ------------------------------------------------------------------------


class LinkProblem(enum.Enum):
    UNKNOWN = "unknown"  # no such link (mistyped, tampered with, or the person was removed)
    USED = "used"
    EXPIRED = "expired"
    NOT_ALLOWED = "not_allowed"  # archived, anonymised, or a staff account


@dataclass(frozen=True)
class LinkCheck:
    link: SignInLink | None
    problem: LinkProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _is_staff_account(user) -> bool:
    return user.is_staff or user.is_superuser or user.groups.exists()


def sign_in_link_check(token: str, *, now=None) -> LinkCheck:
    """Whether ``token`` would sign someone in now; changes nothing (a GET may call it)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return LinkCheck(None, LinkProblem.UNKNOWN)
    link = (
        SignInLink.objects.select_related("participant__user")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None:
        return LinkCheck(None, LinkProblem.UNKNOWN)
    if link.used_at is not None:
        return LinkCheck(link, LinkProblem.USED)
    if link.expires_at <= (now or timezone.now()):
        return LinkCheck(link, LinkProblem.EXPIRED)
    person = link.participant
    user = person.user
    if (
        person.archived_at is not None
        or person.anonymised_at is not None
        or (user is not None and (not user.is_active or _is_staff_account(user)))
    ):
        return LinkCheck(link, LinkProblem.NOT_ALLOWED)
    return LinkCheck(link, None)


def participant_login(*, participant: Participant):
    """The person's login, made on their first sign-in: username ``deltager-<pk>``, their
    address, and no password (they sign in by links)."""
    if participant.user_id is not None:
        return participant.user
    User = get_user_model()
    username = f"deltager-{participant.pk}"
    if User.objects.filter(username=username).exists():  # made by hand; never take it over
        username = f"{username}-{secrets.token_hex(3)}"
    user = User(username=username, email=participant.email)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    return user


@transaction.atomic
def sign_in_link_use(token: str) -> tuple[LinkCheck, object | None]:
    """Use ``token`` once: mark it used, retire the person's other unused links, and return
    the login to sign in with (made now on the first sign-in). Of two simultaneous uses of
    one link, only one gets a login."""
    check = sign_in_link_check(token)
    if not check.ok:
        return check, None
    now = timezone.now()
    link = check.link
    claimed = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now)
    if not claimed:
        return LinkCheck(link, LinkProblem.USED), None
    SignInLink.objects.filter(participant_id=link.participant_id, used_at__isnull=True).exclude(
        pk=link.pk
    ).update(used_at=now)
    participant = Participant.objects.select_for_update().get(pk=link.participant_id)
    return check, participant_login(participant=participant)


# --- The calendar feed's address ---------------------------------------------------------


def calendar_token_ensure(*, participant: Participant) -> str:
    """The secret in the person's feed address, made the first time they need one."""
    if not participant.calendar_token:
        Participant.objects.filter(pk=participant.pk, calendar_token__isnull=True).update(
            calendar_token=secrets.token_urlsafe(TOKEN_BYTES)
        )
        participant.refresh_from_db(fields=["calendar_token"])
    return participant.calendar_token


def calendar_token_reset(*, participant: Participant) -> str:
    """A new secret: the old feed address stops working at once."""
    participant.calendar_token = secrets.token_urlsafe(TOKEN_BYTES)
    participant.save(update_fields=["calendar_token", "updated_at"])
    return participant.calendar_token
