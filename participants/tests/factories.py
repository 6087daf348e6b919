import hashlib
from datetime import timedelta

import factory
from django.utils import timezone

from netvaerk.tests.factories import NetworkFactory
from participants.consent import CURRENT_VERSION
from participants.models import Consent, Membership, NetworkInvitation, Participant, SignInLink


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


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    kind = Consent.Kind.PROCESSING
    text_version = CURRENT_VERSION


class NetworkInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkInvitation

    network = factory.SubFactory(NetworkFactory)
    participant = factory.SubFactory(ParticipantFactory)
    role = Membership.Role.CORE


class SignInLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignInLink

    participant = factory.SubFactory(ParticipantFactory)
    token_hash = factory.Sequence(lambda n: hashlib.sha256(f"token{n}".encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=30))
