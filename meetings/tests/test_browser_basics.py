"""The secretariat's way in, in a real browser: log in, the overview, the accessibility
statement — each checked with axe-core at desktop and phone width."""

import pytest

from meetings.tests.browser import PHONE, assert_accessible
from meetings.tests.conftest import SECRETARIAT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, username="sekretariat", password=SECRETARIAT_PASSWORD):
    page.goto("/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def test_login_overview_and_statement_are_accessible(page, secretariat_user):
    page.goto("/")
    assert "/login/" in page.url
    assert_accessible(page, "login")
    log_in(page)
    page.get_by_role("heading", name="Overblik", level=1).wait_for()
    assert_accessible(page, "overview")
    page.get_by_role("link", name="Tilgængelighedserklæring").click()
    page.get_by_role("heading", name="Tilgængelighedserklæring", level=1).wait_for()
    assert_accessible(page, "accessibility-statement")


def test_login_and_skip_link_work_with_the_keyboard_alone(page, secretariat_user):
    page.goto("/login/")
    # The username field has focus when the page opens (wait for it: a busy machine is slow).
    page.wait_for_function("document.activeElement.name === 'username'", timeout=5_000)
    page.keyboard.type("sekretariat")
    page.keyboard.press("Tab")
    page.keyboard.type(SECRETARIAT_PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Overblik", level=1).wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Gå til indhold"
    page.keyboard.press("Enter")
    # Following the link moves the focus to the main content (wait: a busy machine is slow).
    page.wait_for_function("document.activeElement.id === 'main'", timeout=5_000)


def test_wrong_password_gets_a_danish_message(page, secretariat_user):
    log_in(page, password="forkert")
    assert page.get_by_text("Indtast venligst korrekt brugernavn og adgangskode").is_visible()


def test_overview_works_on_a_phone(page, secretariat_user):
    page.set_viewport_size(PHONE)
    log_in(page)
    page.get_by_role("button", name="Vis menu").click()
    page.get_by_role("link", name="Netværk", exact=True).click()
    page.get_by_role("heading", name="Netværk", level=1).wait_for()
    assert_accessible(page, "networks-phone")
