"""Non-trivial reads for the secretariat's pages."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netvaerk.models import Network, Phase, Theme
from participants.models import Membership, Participant
from participants.rules import co_driven_network_ids, is_secretariat

from .models import Invitation, Meeting
from .plan import networks_with_plan_data


def networks_visible_to(user) -> QuerySet[Network]:
    """All networks for the secretariat; a co-driver sees only the networks they co-drive."""
    networks = Network.objects.select_related("theme")
    if is_secretariat(user):
        return networks
    return networks.filter(pk__in=co_driven_network_ids(user))


# --- Networks --------------------------------------------------------------------------------


def networks_for_list(
    user, *, search: str = "", status: str = "", theme: Theme | None = None
) -> QuerySet[Network]:
    """The networks a user may see, matching the list's search and filters, each with
    ``core_count``, ``involved_count`` (current members) and ``next_meeting_at``, and with the
    plan rules' data prefetched — for the rows of the page it is sliced to only."""
    networks = networks_visible_to(user)
    for word in search.split():
        networks = networks.filter(
            Q(name__icontains=word) | Q(theme__name__icontains=word) | Q(challenge__icontains=word)
        )
    if status:
        networks = networks.filter(status=status)
    if theme is not None:
        networks = networks.filter(theme=theme)
    current = Q(memberships__left_on__isnull=True) | Q(
        memberships__left_on__gt=timezone.localdate()
    )
    next_meeting = (
        Meeting.objects.filter(network=OuterRef("pk"), starts_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    networks = networks.annotate(
        core_count=Count("memberships", filter=current & Q(memberships__role="core")),
        involved_count=Count("memberships", filter=current & Q(memberships__role="involved")),
        next_meeting_at=Subquery(next_meeting),
    )
    return networks_with_plan_data(networks).order_by("name", "pk")


def network_for_page(user) -> QuerySet[Network]:
    """The networks a user may see, with everything a network's page shows: phases in order,
    every meeting (phase loaded; ``yes_count``, ``no_count``, ``maybe_count`` and
    ``pending_count`` of current invitations) and the current members (person and phases).
    It holds what ``meetings.plan.network_plan_warnings`` reads, so the page's warnings and
    composition cost no further queries."""
    current = Q(invitations__withdrawn_at__isnull=True)

    def responses(answer):
        return Count("invitations", filter=current & Q(invitations__response=answer))

    meetings = (
        Meeting.objects.select_related("phase")
        .annotate(
            yes_count=responses(Invitation.Response.YES),
            no_count=responses(Invitation.Response.NO),
            maybe_count=responses(Invitation.Response.MAYBE),
            pending_count=responses(Invitation.Response.PENDING),
        )
        .order_by("starts_at", "pk")
    )
    return networks_visible_to(user).prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("order")),
        Prefetch("meetings", queryset=meetings),
        Prefetch(
            "memberships",
            queryset=Membership.objects.active()
            .select_related("participant")
            .order_by("role", "participant__name", "pk"),
        ),
        Prefetch("memberships__phases", queryset=Phase.objects.order_by("order")),
    )


@dataclass(frozen=True)
class PhaseOnTimeline:
    phase: Phase
    meetings: list[Meeting]


def network_timeline(network: Network) -> list[PhaseOnTimeline]:
    """The network's phases in order, each with its meetings (from the prefetched rows)."""
    by_phase = defaultdict(list)
    for meeting in network.meetings.all():
        by_phase[meeting.phase_id].append(meeting)
    return [PhaseOnTimeline(phase, by_phase[phase.pk]) for phase in network.phases.all()]


@dataclass(frozen=True)
class Tally:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Composition:
    """How a network's current members are mixed, so the secretariat sees what is missing."""

    total: int
    core: int
    involved: int
    municipal_staff: int
    others: int
    backgrounds: list[Tally]  # every background, in the order of Participant.Background
    competences: list[Tally]  # professional, personal, methodical: members who describe one

    @property
    def missing_backgrounds(self) -> list[Tally]:
        return [tally for tally in self.backgrounds if tally.count == 0]


COMPETENCE_FIELDS = {
    "professional": ("competence_professional", _("Professional")),
    "personal": ("competence_personal", _("Personal")),
    "methodical": ("competence_methodical", _("Methodical")),
}


def network_composition(memberships: list[Membership]) -> Composition:
    """Count the mix of a network's members: backgrounds, competences, roles, municipal staff."""
    people = [membership.participant for membership in memberships]
    backgrounds = Counter(person.background for person in people)
    municipal = sum(1 for person in people if person.is_municipal_staff)
    core = sum(1 for membership in memberships if membership.role == Membership.Role.CORE)
    return Composition(
        total=len(people),
        core=core,
        involved=len(memberships) - core,
        municipal_staff=municipal,
        others=len(people) - municipal,
        backgrounds=[
            Tally(value, label, backgrounds[value])
            for value, label in Participant.Background.choices
        ],
        competences=[
            Tally(key, label, sum(1 for person in people if getattr(person, field).strip()))
            for key, (field, label) in COMPETENCE_FIELDS.items()
        ],
    )
