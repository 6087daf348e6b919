"""The Content-Security-Policy in a real browser: the main pages of the secretariat and of
Django admin load in Chromium without a single CSP violation, and admin's scripts still run."""

import pytest
from django.contrib.auth.models import User

from meetings.tests.browser import PHONE, assert_accessible
from meetings.tests.conftest import SECRETARIAT_PASSWORD
from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory
from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Registered before any page script runs; the browser fires the event for every violation.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations from events and from the console."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.context.add_init_script(LISTEN)

    def violations():
        return console + page.evaluate("window.__cspViolations || []")

    page.violations = violations
    return page


def sign_in(page, username, password, path="/login/"):
    page.goto(path)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


@pytest.fixture
def network():
    network = NetworkFactory(name="Ensomhed blandt ældre")
    MembershipFactory(network=network, participant__name="Karin Kerne")
    MeetingFactory(network=network, phase=network.phases.get(order=1), title="Opstart")
    return network


def test_the_secretariat_pages_load_without_a_csp_violation(watched, secretariat_user, network):
    sign_in(watched, "sekretariat", SECRETARIAT_PASSWORD)
    meeting = network.meetings.get()
    for path in [
        "/",
        "/netvaerk/",
        network.get_absolute_url(),
        "/deltagere/",
        "/moeder/",
        f"/moeder/{meeting.pk}/",
        f"/moeder/{meeting.pk}/rediger/",
        "/tilgaengelighed/",
    ]:
        response = watched.goto(path)
        assert response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert watched.violations() == [], path
    # Bootstrap's script runs: the menu opens at phone width.
    watched.set_viewport_size({"width": 390, "height": 844})
    watched.get_by_role("button", name="Vis menu").click()
    watched.get_by_role("link", name="Netværk", exact=True).wait_for(state="visible")
    assert watched.violations() == []


def test_django_admin_works_under_the_policy(watched, network):
    User.objects.create_superuser("admin", "admin@example.dk", "Admin-kode-til-test-1")
    sign_in(watched, "admin", "Admin-kode-til-test-1", path="/admin/login/")
    meeting = network.meetings.get()
    for path in [
        "/admin/",
        "/admin/netvaerk/network/",
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        f"/admin/meetings/meeting/{meeting.pk}/history/",
        "/admin/participants/participant/",
        "/admin/axes/accessattempt/",
    ]:
        response = watched.goto(path)
        assert response.status == 200, path
        assert watched.violations() == [], path
    # The network page's inlines are built by admin's JavaScript: "add another" appears.
    watched.goto(f"/admin/netvaerk/network/{network.pk}/change/")
    watched.locator(".add-row a").first.wait_for(state="visible")
    # The date widgets' calendar link is made by script too.
    assert watched.locator(".datetimeshortcuts").count() > 0
    assert watched.violations() == []


def test_the_lockout_page_is_danish_and_accessible(watched, secretariat_user):
    for _attempt in range(5):
        sign_in(watched, "sekretariat", "forkert-kode")
    watched.get_by_role("heading", name="Log-ind er sat på pause", level=1).wait_for()
    assert "Prøv igen om 15 minutter" in watched.content()
    assert_accessible(watched, "locked-out")
    watched.set_viewport_size(PHONE)
    assert_accessible(watched, "locked-out")
    assert watched.violations() == []
