"""A participant signs in by a link in the mail and subscribes to their calendar, in a real
browser at phone and desktop width — axe-core on every page on the way."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from meetings.tests.browser import DESKTOP, PHONE, assert_accessible
from meetings.tests.factories import InvitationFactory, MeetingFactory
from participants import tasks
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def worker(monkeypatch):
    cache.clear()
    monkeypatch.setattr(tasks.send_sign_in_link, "delay", tasks.send_sign_in_link)
    yield
    cache.clear()


def test_a_participant_signs_in_by_mail_and_finds_the_calendar_address(page):
    person = ParticipantFactory(name="Karen Jensen", email="karen@example.dk")
    meeting = MeetingFactory(title="Netværksmøde om ensomhed")
    InvitationFactory(meeting=meeting, participant=person)
    page.set_viewport_size(PHONE)

    page.goto("/kalender/")
    page.get_by_role("heading", name="Log ind som deltager", level=1).wait_for()
    assert "next=/kalender/" in page.url
    assert_accessible(page, "signin-request")

    page.get_by_label("Din mailadresse").fill("karen@example.dk")
    page.get_by_role("button", name="Send mig et link").click()
    page.get_by_role("heading", name="Tjek din mail", level=1).wait_for()
    assert_accessible(page, "signin-sent")

    link = re.search(r"http://\S+/log-ind/\S+", mail.outbox[-1].body).group(0)
    page.goto(link[link.index("/log-ind/") :])
    page.get_by_role("heading", name="Log ind", level=1).wait_for()
    assert_accessible(page, "signin-confirm")
    page.get_by_role("button", name="Log ind").click()

    page.get_by_role("heading", name="Dine møder i din egen kalender", level=1).wait_for()
    assert page.get_by_text("Du er logget ind.").is_visible()
    assert page.get_by_label("Adresse, du kan kopiere").input_value().endswith(".ics")
    assert page.get_by_role("link", name="Kalenderfil til Netværksmøde om ensomhed").is_visible()
    assert_accessible(page, "calendar-settings")

    page.get_by_role("link", name="Lav en ny adresse").click()
    page.get_by_role("heading", name="Vil du lave en ny kalenderadresse?", level=1).wait_for()
    assert_accessible(page, "calendar-reset")
    page.get_by_role("button", name="Ja, lav en ny adresse").click()
    page.get_by_text("Din kalender har fået en ny adresse").wait_for()

    page.set_viewport_size(DESKTOP)
    assert_accessible(page, "calendar-settings")


def test_a_used_link_explains_itself_and_offers_a_new_one(page):
    ParticipantFactory(email="karen@example.dk")
    page.set_viewport_size(PHONE)
    page.goto("/log-ind/")
    page.get_by_label("Din mailadresse").fill("karen@example.dk")
    page.get_by_role("button", name="Send mig et link").click()
    page.get_by_role("heading", name="Tjek din mail", level=1).wait_for()
    link = re.search(r"http://\S+/log-ind/\S+", mail.outbox[-1].body).group(0)
    path = link[link.index("/log-ind/") :]
    page.goto(path)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(r"/mit/"))
    page.goto(path)  # the same link again, still signed in: straight on
    page.wait_for_url(re.compile(r"/mit/"))

    page.context.clear_cookies()
    page.goto(path)
    page.get_by_role("heading", name="Linket er allerede brugt", level=1).wait_for()
    assert_accessible(page, "signin-used")
    page.get_by_role("link", name="Få et nyt link").click()
    page.get_by_role("heading", name="Log ind som deltager", level=1).wait_for()
