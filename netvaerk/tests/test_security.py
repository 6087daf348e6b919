"""Sign-in protection and browser-side defences: lockout after repeated wrong passwords,
"log out everywhere", the Content-Security-Policy and the other security headers."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from netvaerk.sessions import UserSession

pytestmark = pytest.mark.django_db

PASSWORD = "Rigtig-kode-til-sekretariatet-1"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        "sekretaer", "sekretaer@example.dk", PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(client, password, path="/login/", username="sekretaer", **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


# --- Lockout (django-axes) -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_five_wrong_passwords_lock_the_sign_in_even_for_the_right_password(
    client, staff_user, path
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "forkert", path).status_code == 200  # the form again
    locked = sign_in(client, "forkert", path)
    assert locked.status_code == 429
    assert "Log-ind er sat på pause" in locked.text
    assert "Prøv igen om 15 minutter" in locked.text

    refused = sign_in(client, PASSWORD, path)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_the_cool_off(client, staff_user, time_machine):
    time_machine.move_to("2026-11-30 09:00 +01:00", tick=False)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "forkert")
    assert sign_in(client, PASSWORD).status_code == 429
    time_machine.move_to("2026-11-30 09:16 +01:00", tick=False)
    assert sign_in(client, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_a_successful_sign_in_resets_the_count(client, staff_user):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "forkert")
    assert sign_in(client, PASSWORD).status_code == 302
    client.post("/logout/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "forkert").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_the_lock_is_per_username_and_address(client, staff_user):
    """Someone guessing from one address cannot lock a colleague out everywhere."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "forkert", REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert sign_in(Client(), PASSWORD, REMOTE_ADDR="192.0.2.20").status_code == 302


def test_behind_the_proxy_the_lock_uses_the_address_the_proxy_saw(client, staff_user, settings):
    settings.NETVAERK_BEHIND_PROXY = True
    attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.7"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "forkert", **attacker)
    # A forged first entry does not change the address the proxy added last.
    forged = {**attacker, "HTTP_X_FORWARDED_FOR": "5.6.7.8, 198.51.100.7"}
    assert sign_in(client, PASSWORD, **forged).status_code == 429
    colleague = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "192.0.2.20"}
    assert sign_in(Client(), PASSWORD, **colleague).status_code == 302


# --- Sessions --------------------------------------------------------------------------------


def test_a_sign_in_lasts_one_working_day(client, staff_user):
    sign_in(client, PASSWORD)
    assert client.session.get_expiry_age() == 8 * 3600
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 3600


def test_log_out_everywhere_ends_every_session_of_the_person_and_no_one_elses(
    staff_user, django_user_model
):
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(staff_user)
    phone.force_login(staff_user)
    colleague.force_login(
        django_user_model.objects.create_user("kollega", is_staff=True, is_superuser=True)
    )
    assert UserSession.objects.filter(user_id=staff_user.pk).count() == 2

    response = laptop.post(reverse("logout_everywhere"), follow=True)

    assert "Du er nu logget ud på alle dine enheder." in response.text
    assert UserSession.objects.filter(user_id=staff_user.pk).count() == 0
    for client in (laptop, phone):
        assert client.get("/").status_code == 302  # to the sign-in page
    assert colleague.get("/").status_code == 200


def test_log_out_everywhere_goes_to_a_local_next_address_only(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("logout_everywhere"), {"next": "https://evil.example/"})
    assert response.url == reverse("login")
    client.force_login(staff_user)
    response = client.post(reverse("logout_everywhere"), {"next": "/tilgaengelighed/"})
    assert response.url == "/tilgaengelighed/"


def test_log_out_everywhere_takes_only_a_post(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("logout_everywhere")).status_code == 405
    assert UserSession.objects.filter(user_id=staff_user.pk).count() == 1


# --- Headers ---------------------------------------------------------------------------------


def csp_of(response) -> dict[str, str]:
    """The policy as {directive: sources}."""
    policy = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        directive, _space, sources = part.strip().partition(" ")
        policy[directive] = sources
    return policy


@pytest.mark.parametrize("path", ["/login/", "/admin/login/", "/findes-ikke/"])
def test_every_page_has_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = csp_of(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_pages_cannot_be_framed_or_sniffed_and_keep_their_referrer_home(client):
    response = client.get("/login/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


INLINE = re.compile(
    r"""\sstyle\s*=|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=\s*["']|javascript:""",
    re.IGNORECASE,
)


def test_no_template_has_inline_styles_scripts_or_event_handlers():
    """The policy forbids them, so a browser would silently ignore them."""
    root = Path(settings.BASE_DIR)
    templates = [
        path
        for path in root.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and "var" not in path.parts
    ]
    assert len(templates) > 20
    offenders = [
        f"{path.relative_to(root)}: {match.group(0)!r}"
        for path in templates
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []


def test_the_daily_task_clears_expired_sessions_only(staff_user, time_machine):
    from netvaerk.tasks import clear_sessions

    time_machine.move_to("2026-11-30 08:00 +01:00", tick=False)
    Client().force_login(staff_user)
    time_machine.move_to("2026-11-30 15:00 +01:00", tick=False)
    Client().force_login(staff_user)
    time_machine.move_to("2026-11-30 17:00 +01:00", tick=False)  # the first is 9 hours old
    clear_sessions()
    assert UserSession.objects.filter(user_id=staff_user.pk).count() == 1
