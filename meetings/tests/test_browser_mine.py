"""A participant on their phone: Mit overblik, a meeting's page, answering with a comment,
sending apologies and ticking off a task, in a real browser — axe-core on every page."""

import datetime
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from meetings.models import Invitation
from meetings.tests.browser import DESKTOP, PHONE, assert_accessible
from meetings.tests.factories import MeetingFactory, PreparationTaskFactory, at
from netvaerk.tests.factories import NetworkFactory
from participants.models import Consent
from participants.tests.factories import ConsentFactory, MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, person) -> None:
    """Give the browser a session for the person's login (the sign-in link has its own test)."""
    user = User.objects.create_user(f"deltager-{person.pk}")
    person.user = user
    person.save(update_fields=["user"])
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
          "domain": host, "path": "/"}]
    )  # fmt: skip


def test_a_participant_answers_sends_apologies_and_ticks_off_a_task_on_a_phone(page, live_server):
    today = timezone.localdate()
    network = NetworkFactory(name="Ensomme ældre", start_date=today - datetime.timedelta(days=60))
    karen = ParticipantFactory(name="Karen Holm")
    MembershipFactory(network=network, participant=karen)
    fellow = ParticipantFactory(name="Ole Vist", organisation="Ældresagen")
    MembershipFactory(network=network, participant=fellow)
    ConsentFactory(participant=fellow, kind=Consent.Kind.SHOW_TO_PEERS)
    day = today + datetime.timedelta(days=9)
    meeting = MeetingFactory(
        network=network,
        title="Idéværksted",
        starts_at=at(day, 13),
        ends_at=at(day, 16),
        online_url="https://moede.example.dk/ide",
        agenda="1. Velkomst\n2. Idéer på væggen",
    )
    task = PreparationTaskFactory(meeting=meeting, title="Læs rapporten om ensomhed")
    task.assignments.create(participant=karen)
    before = today - datetime.timedelta(days=20)
    MeetingFactory(
        network=network,
        title="Opstart",
        starts_at=at(before),
        ends_at=at(before, 12),
        minutes="Vi lærte hinanden at kende.",
    )
    sign_in(page, live_server, karen)
    page.set_viewport_size(PHONE)

    page.goto("/")
    page.get_by_role("heading", name="Mit overblik", level=1).wait_for()
    assert page.get_by_role("heading", name="Læs rapporten om ensomhed").is_visible()
    assert_accessible(page, "mine-index")

    page.get_by_role("link", name="Svar på invitationen").click()
    page.get_by_role("heading", name="Idéværksted", level=1).wait_for()
    assert_accessible(page, "mine-meeting")
    page.get_by_label("Ja, jeg kommer").check()
    page.get_by_label("Kommentar (frivillig)").fill("Jeg kommer i kørestol")
    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Tak. Dit svar er gemt.").wait_for()
    assert_accessible(page, "mine-meeting-answered")

    page.get_by_label("Hvorfor kan du ikke komme?").fill("Mit barn er sygt")
    page.get_by_role("button", name="Meld afbud").click()
    page.get_by_text("Dit afbud er registreret").wait_for()
    invitation = Invitation.objects.get(meeting=meeting, participant=karen)
    assert (invitation.response, invitation.response_comment) == ("no", "Mit barn er sygt")

    page.get_by_role("button", name="Markér som udført (Læs rapporten om ensomhed)").click()
    page.get_by_text("er markeret som udført").wait_for()
    assert task.assignments.get().done_at is not None

    page.get_by_role("link", name="Ensomme ældre").first.click()
    page.get_by_role("heading", name="Ensomme ældre", level=1).wait_for()
    assert page.get_by_text("Ole Vist").is_visible()
    assert_accessible(page, "mine-network")

    page.set_viewport_size(DESKTOP)
    page.goto("/mit/")
    assert_accessible(page, "mine-index")
    try:
        reverse("logout_everywhere")
    except NoReverseMatch:
        return  # the account menu comes with "Log out everywhere"
    page.get_by_role("button", name="Karen Holm").click()
    page.get_by_role("button", name="Log ud på alle enheder").wait_for()
    assert_accessible(page, "mine-account-menu")
