import os

import pytest
from django.contrib.auth.models import Group, User

from meetings.tests.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP
from participants.rules import SECRETARIAT_GROUP

SECRETARIAT_PASSWORD = "Netværk-test-2026"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        reason = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("NETVAERK_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason}; NETVAERK_REQUIRE_SERVICES=1 requires it")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport=DESKTOP,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def secretariat_user(transactional_db):
    user = User.objects.create_user(
        "sekretariat", password=SECRETARIAT_PASSWORD, first_name="Sanne", last_name="Sekretær"
    )
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    return user


@pytest.fixture
def staff(client):
    """The test client, logged in as a member of the secretariat group."""
    user = User.objects.create_user("sekretær")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    client.force_login(user)
    return client
