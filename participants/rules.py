"""Who may do what: the predicates every view, template and test asks.

Secretariat staff (members of the "Sekretariat" group, or superusers) see and manage
everything. A network's co-driver may manage their own network's meetings, tasks,
attendance and minutes, and nothing else. Participants never see secretariat pages.
Permissions on meetings are declared in meetings/rules.py from these predicates.
"""

import rules

from netvaerk.models import Network

from .models import Membership, Participant

SECRETARIAT_GROUP = "Sekretariat"


@rules.predicate
def is_secretariat(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_secretariat"):
        user._is_secretariat = user.groups.filter(name=SECRETARIAT_GROUP).exists()
    return user._is_secretariat


def co_driven_network_ids(user) -> set[int]:
    """The networks this user currently co-drives (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_co_driven_network_ids"):
        user._co_driven_network_ids = set(
            Membership.objects.active()
            .filter(participant__user=user, is_co_driver=True)
            .values_list("network_id", flat=True)
        )
    return user._co_driven_network_ids


@rules.predicate
def is_co_driver(user, network: Network | None) -> bool:
    return network is not None and network.pk in co_driven_network_ids(user)


@rules.predicate
def is_any_co_driver(user) -> bool:
    return bool(co_driven_network_ids(user))


# The secretariat's pages at all: staff, and co-drivers for their own networks.
rules.add_perm("netvaerk.use_secretariat_pages", is_secretariat | is_any_co_driver)
# A network's page, meetings, tasks, attendance and minutes.
rules.add_perm("netvaerk.view_network_page", is_secretariat | is_co_driver)
rules.add_perm("netvaerk.run_network", is_secretariat | is_co_driver)
# Creating and editing networks, composing them, and managing people.
rules.add_perm("netvaerk.plan_networks", is_secretariat)
rules.add_perm("participants.manage_participants", is_secretariat)


def participant_of(user):
    """The person behind a login, or None: staff without a participant record, and people
    who have been anonymised, have none. Cached on the user for the request."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_participant"):
        user._participant = Participant.objects.filter(
            user=user, anonymised_at__isnull=True
        ).first()
        if user._participant is not None:  # so user.participant (the nav) costs no query
            Participant.user.field.remote_field.set_cached_value(user, user._participant)
    return user._participant


@rules.predicate
def is_participant(user) -> bool:
    return participant_of(user) is not None


# The participant's own pages ("Mit overblik", my data, calendar).
rules.add_perm("participants.use_participant_pages", is_participant)
# Whether the navigation shows the participant's links: participants, co-drivers too (who see
# both sides); not the secretariat, whose menu stays as it is. A rule rather than a perm, so
# asking costs no query of Django's permission tables, and none at all for the secretariat.
rules.add_rule("participants.shows_participant_menu", ~is_secretariat & is_participant)
