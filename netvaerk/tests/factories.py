import datetime

import factory

from netvaerk.models import Network, Phase, PhaseTemplate, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Tema {n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    """A network with the four template phases (Indsigt, Idéudvikling, Afprøvning, Forankring)."""

    class Meta:
        model = Network
        skip_postgeneration_save = True

    theme = factory.SubFactory(ThemeFactory)
    name = factory.Sequence(lambda n: f"Netværk {n}")
    challenge = "Ensomhed blandt ældre borgere"
    status = Network.Status.ACTIVE
    start_date = factory.LazyFunction(lambda: datetime.date.today())
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=183))
    default_place = "Rådhuset, mødelokale 2"

    @factory.post_generation
    def with_phases(self, create, extracted, **kwargs):
        if create and extracted is not False:
            for order, name in enumerate(
                ["Indsigt", "Idéudvikling", "Afprøvning", "Forankring"], 1
            ):
                Phase.objects.create(network=self, order=order, name=name)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    network = factory.SubFactory(NetworkFactory, with_phases=False)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Fase {n}")


class PhaseTemplateFactory(factory.django.DjangoModelFactory):
    """A template step; the default template (orders 1–4) comes with the migrations."""

    class Meta:
        model = PhaseTemplate

    order = factory.Sequence(lambda n: n + 100)
    name = factory.Sequence(lambda n: f"Skabelonfase {n}")
