"""Writes and rules for themes, networks and phases."""

from django.db import transaction

from .models import Network, Phase, PhaseTemplate, Theme


@transaction.atomic
def network_create(*, theme: Theme, name: str, challenge: str, **fields) -> Network:
    """Create a network and give it the phases of the current phase template."""
    network = Network(theme=theme, name=name, challenge=challenge, **fields)
    network.full_clean()
    network.save()
    Phase.objects.bulk_create(
        Phase(network=network, order=step.order, name=step.name, description=step.description)
        for step in PhaseTemplate.objects.all()
    )
    return network
