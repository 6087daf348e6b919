"""The delivery log in admin: visible, filterable, read-only, with "send again"."""

import pytest
from django.urls import reverse

from meetings import reminders
from meetings.models import Delivery
from meetings.tests.factories import MeetingFactory
from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(mailoutbox):
    meeting = MeetingFactory()
    for name in ("Anna", "Bo"):
        MembershipFactory(network=meeting.network, participant__name=name)
    for pk in reminders.sweep().queued:
        reminders.delivery_send(pk)
    return Delivery.objects.order_by("participant__name")


def test_delivery_log_lists_and_filters_by_status_and_kind(admin_client, log):
    log.filter(participant__name="Bo").update(status=Delivery.Status.FAILED, last_error="550")
    url = reverse("admin:meetings_delivery_changelist")

    failed = admin_client.get(url, {"status__exact": "failed", "kind__exact": "invitation"})
    assert failed.status_code == 200
    assert [row.participant.name for row in failed.context["cl"].result_list] == ["Bo"]
    assert "550" in failed.text
    assert admin_client.get(url, {"q": "Anna"}).context["cl"].result_count == 1


def test_delivery_log_cannot_be_edited_or_deleted(admin_client, log):
    change = admin_client.get(reverse("admin:meetings_delivery_change", args=[log[0].pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    delete = reverse("admin:meetings_delivery_delete", args=[log[0].pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Delivery.objects.count() == 2


def test_send_again_hands_the_rows_to_the_worker_after_commit(
    admin_client, log, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr("meetings.tasks.send_delivery.delay", queued.append)
    anna = log.get(participant__name="Anna")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:meetings_delivery_changelist"),
            {"action": "send_again", "_selected_action": [anna.pk]},
            follow=True,
        )

    notices = [str(message) for message in response.context["messages"]]
    assert len(notices) == 1 and "1" in notices[0]
    assert queued == [anna.pk]
    anna.refresh_from_db()
    assert (anna.status, anna.attempts) == (Delivery.Status.QUEUED, 0)
    assert reminders.delivery_send(anna.pk) == Delivery.Status.SENT
