import datetime

import factory
from django.utils import timezone

from meetings.models import Delivery, Invitation, Meeting, PreparationTask, TaskAssignment
from netvaerk.tests.factories import NetworkFactory
from participants.tests.factories import ParticipantFactory


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """An aware datetime in Copenhagen on ``day`` at ``hour``."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class MeetingFactory(factory.django.DjangoModelFactory):
    """A 3.5-hour meeting in the network's first phase, two weeks from now."""

    class Meta:
        model = Meeting

    network = factory.SubFactory(NetworkFactory)
    phase = factory.LazyAttribute(lambda o: o.network.phases.order_by("order").first())
    title = factory.Sequence(lambda n: f"Netværksmøde {n}")
    starts_at = factory.LazyFunction(lambda: at(timezone.localdate() + datetime.timedelta(days=14)))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3, minutes=30))
    place = "Rådhuset"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    participant = factory.SubFactory(ParticipantFactory)
    is_extra = True


class PreparationTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreparationTask

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Forbered oplæg {n}")
    kind = PreparationTask.Kind.TALK
    due_date = factory.LazyAttribute(
        lambda o: timezone.localdate(o.meeting.starts_at) - datetime.timedelta(days=5)
    )


class TaskAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskAssignment

    task = factory.SubFactory(PreparationTaskFactory)
    participant = factory.SubFactory(ParticipantFactory)


class DeliveryFactory(factory.django.DjangoModelFactory):
    """A sent invitation in the delivery log."""

    class Meta:
        model = Delivery

    kind = Delivery.Kind.INVITATION
    meeting = factory.SubFactory(MeetingFactory)
    participant = factory.SubFactory(ParticipantFactory)
    due_at = factory.LazyFunction(timezone.now)
    status = Delivery.Status.SENT
    attempts = 1
    next_attempt_at = factory.SelfAttribute("due_at")
    expires_at = factory.SelfAttribute("meeting.starts_at")
    sent_at = factory.SelfAttribute("due_at")
    sent_sequence = 0
