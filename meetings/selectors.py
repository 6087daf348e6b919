"""Non-trivial reads for the secretariat's pages."""

from django.db.models import QuerySet

from netvaerk.models import Network
from participants.rules import co_driven_network_ids, is_secretariat


def networks_visible_to(user) -> QuerySet[Network]:
    """All networks for the secretariat; a co-driver sees only the networks they co-drive."""
    networks = Network.objects.select_related("theme")
    if is_secretariat(user):
        return networks
    return networks.filter(pk__in=co_driven_network_ids(user))
