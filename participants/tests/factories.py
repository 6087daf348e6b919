import factory

from netvaerk.tests.factories import NetworkFactory
from participants.models import Membership, Participant


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"deltager{n}@example.dk")
    background = Participant.Background.CITIZEN


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership; pass ``phases=[...]`` for an involved participant."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    participant = factory.SubFactory(ParticipantFactory)
    role = Membership.Role.CORE
    joined_on = factory.SelfAttribute("network.start_date")

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create and extracted:
            self.phases.set(extracted)
