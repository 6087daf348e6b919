import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from netvaerk.models import Phase, PhaseTemplate
from netvaerk.services import network_create
from netvaerk.tests.factories import NetworkFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_network_that_ends_before_it_starts():
    network = NetworkFactory()
    network.end_date = network.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError):
        network.save()


def test_a_network_ending_the_day_it_starts_is_refused_with_a_danish_message():
    network = NetworkFactory.build(theme=ThemeFactory())
    network.end_date = network.start_date
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert "Et netværk skal slutte efter, det er startet." in str(error.value)


def test_a_network_without_dates_is_allowed_while_it_is_a_draft():
    network = NetworkFactory(start_date=None, end_date=None, status="draft")
    network.full_clean()


def test_database_refuses_two_phases_with_the_same_order_in_one_network():
    network = NetworkFactory()
    with pytest.raises(IntegrityError):
        Phase.objects.create(network=network, order=1, name="Dublet")


def test_the_same_phase_order_is_fine_in_another_network():
    NetworkFactory()
    NetworkFactory()
    assert Phase.objects.filter(order=1).count() == 2


def test_new_network_gets_the_phases_of_the_editable_template():
    PhaseTemplate.objects.filter(order=4).update(name="Spredning")
    PhaseTemplate.objects.create(order=5, name="Evaluering")
    network = network_create(
        theme=ThemeFactory(), name="Unge uden job", challenge="Flere unge i uddannelse"
    )
    assert list(network.phases.values_list("order", "name")) == [
        (1, "Indsigt"),
        (2, "Idéudvikling"),
        (3, "Afprøvning"),
        (4, "Spredning"),
        (5, "Evaluering"),
    ]


def test_network_create_validates_before_saving():
    with pytest.raises(ValidationError):
        network_create(theme=ThemeFactory(), name="", challenge="")
    assert not Phase.objects.exists()
