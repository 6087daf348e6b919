"""The participant's whole way in, in a real browser at phone width: the invitation mail, its
link, the onboarding page, a sign-in link by mail, Mit overblik, answering the meeting and
downloading it for the calendar — with axe-core on every page on the way."""

import datetime
import re
from pathlib import Path

import pytest
import vobject
from django.core import mail
from django.core.cache import cache
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meetings.ics import meeting_uid
from meetings.models import Invitation
from meetings.tests.browser import PHONE, assert_accessible
from meetings.tests.factories import MeetingFactory, at
from netvaerk.tests.factories import NetworkFactory
from participants import tasks
from participants.consent import consent_text
from participants.models import Consent, Membership
from participants.onboarding import network_invitation_create
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def mail_at_once(monkeypatch):
    """The sign-in mail is sent by a Celery task; here it runs at once, in the web process."""
    cache.clear()
    monkeypatch.setattr(tasks.send_sign_in_link, "delay", tasks.send_sign_in_link)
    yield
    cache.clear()


def path_in(body: str, prefix: str) -> str:
    link = re.search(rf"https?://\S+{prefix}\S+", body).group(0)
    return link[link.index(prefix) :]


def test_from_the_invitation_mail_to_the_meeting_in_the_calendar(page, tmp_path: Path):
    today = timezone.localdate()
    network = NetworkFactory(name="Ensomme ældre", start_date=today)
    meeting = MeetingFactory(
        network=network,
        title="Første netværksmøde",
        starts_at=at(today + datetime.timedelta(days=21), 13),
        ends_at=at(today + datetime.timedelta(days=21), 16),
        agenda="Velkomst og fælles billede af udfordringen.",
    )
    karen = ParticipantFactory(name="Karen Holm", email="karen@example.dk")
    network_invitation_create(network=network, participant=karen, role=Membership.Role.CORE)
    page.set_viewport_size(PHONE)

    # The invitation mail and its link.
    assert mail.outbox[-1].to == ["Karen Holm <karen@example.dk>"]
    page.goto(path_in(mail.outbox[-1].body, "/invitation/"))
    page.get_by_role("heading", name="Du er inviteret til Ensomme ældre", level=1).wait_for()
    day = formats.date_format(timezone.localtime(meeting.starts_at), "l j. F Y")
    assert page.get_by_text(day).is_visible()  # the planned dates of the role
    assert_accessible(page, "flow-onboarding")

    # Onboarding: perspective and both consents.
    page.get_by_label("Hvad er dit perspektiv?").fill("Jeg er pårørende til en ensom far.")
    page.get_by_label(consent_text(Consent.Kind.PROCESSING)).check()
    page.get_by_label(consent_text(Consent.Kind.SHOW_TO_PEERS)).check()
    page.get_by_role("button", name="Ja, jeg vil gerne deltage").click()
    page.get_by_role("heading", name="Velkommen til Ensomme ældre", level=1).wait_for()
    assert_accessible(page, "flow-onboarding-done")
    assert karen.memberships.get().role == Membership.Role.CORE
    assert set(karen.consents.values_list("kind", flat=True)) == set(Consent.Kind.values)

    # A sign-in link by mail.
    page.get_by_role("link", name=_("Get a sign-in link")).click()
    page.get_by_label(_("Your email address")).fill("karen@example.dk")
    page.get_by_role("button", name=_("Send me a link")).click()
    page.get_by_role("heading", name="Tjek din mail", level=1).wait_for()
    page.goto(path_in(mail.outbox[-1].body, "/log-ind/"))
    page.get_by_role("button", name=_("Sign in")).click()

    # Mit overblik, and the meeting.
    page.get_by_role("heading", name="Mit overblik", level=1).wait_for()
    assert_accessible(page, "flow-mine")
    page.get_by_role("link", name="Svar på invitationen").first.click()
    page.get_by_role("heading", name="Første netværksmøde", level=1).wait_for()
    page.get_by_label("Ja, jeg kommer").check()
    page.get_by_label("Kommentar (frivillig)").fill("Jeg har brug for en stol med armlæn.")
    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Tak. Dit svar er gemt.").wait_for()
    assert_accessible(page, "flow-answered")
    invitation = Invitation.objects.get(meeting=meeting, participant=karen)
    assert invitation.response == Invitation.Response.YES
    assert invitation.response_comment == "Jeg har brug for en stol med armlæn."

    # The meeting for the calendar, read by an independent parser.
    with page.expect_download() as download:
        page.get_by_role("link", name=_("Add to your calendar")).click()
    saved = tmp_path / "moede.ics"
    download.value.save_as(saved)
    event = vobject.readOne(saved.read_text(encoding="utf-8")).vevent
    assert event.uid.value == meeting_uid(meeting)
    assert event.summary.value.startswith("Første netværksmøde")
    assert event.dtstart.value == meeting.starts_at
    assert event.url.value.endswith(f"/mit/moede/{meeting.pk}/")
