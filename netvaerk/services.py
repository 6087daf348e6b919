"""Writes and rules for themes, networks and phases."""

from django.db import transaction

from .models import Network, Phase, PhaseTemplate, Theme


@transaction.atomic
def network_create(*, theme: Theme, name: str, challenge: str, **fields) -> Network:
    """Create a network and give it the phases of the current phase template."""
    network = Network(theme=theme, name=name, challenge=challenge, **fields)
    network.full_clean()
    network.save()
    phases_from_template(network)
    return network


def phases_from_template(network: Network) -> list[Phase]:
    """Give a saved network the phases of the current phase template.

    The one place a new network gets its phases: the service above and the admin's
    "add network" page both call it.
    """
    return Phase.objects.bulk_create(
        Phase(network=network, order=step.order, name=step.name, description=step.description)
        for step in PhaseTemplate.objects.all()
    )


@transaction.atomic
def network_update(*, network: Network, **fields) -> Network:
    """Change a network's details; its phases and meetings are left as they are."""
    for name, value in fields.items():
        setattr(network, name, value)
    network.full_clean()
    network.save()
    return network
