"""Sign-in by a one-time link in the mail."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants import signin, tasks
from participants.models import SignInLink
from participants.rules import SECRETARIAT_GROUP
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

SAME_ANSWER = "Tjek din mail"
REQUEST_URL = reverse("signin:request")


@pytest.fixture(autouse=True)
def fresh_counts():
    """The rate limits count in the cache; every test starts from nothing."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def worker(monkeypatch):
    """The worker's task runs in-process when the request commits."""
    monkeypatch.setattr(tasks.send_sign_in_link, "delay", tasks.send_sign_in_link)


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def ask(email, ip="192.0.2.10", next_url="", follow=True, on=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (on or client).post(
                REQUEST_URL,
                {"email": email, "next": next_url},
                REMOTE_ADDR=ip,
                follow=follow,
            )

    return ask


@pytest.fixture
def person():
    return ParticipantFactory(name="Karen Jensen", email="karen@example.dk")


def link_in(mail) -> str:
    return re.search(r"http://\S+/log-ind/[A-Za-z0-9_-]+/\S*", mail.body).group(0)


def link_path(mail) -> str:
    url = link_in(mail)
    return url[url.index("/log-ind/") :]


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


# --- Asking for a link -------------------------------------------------------------------


def test_a_known_person_gets_one_mail_with_a_link_in_their_language(ask, person, mailoutbox):
    response = ask("  Karen@Example.DK ")

    assert response.redirect_chain == [(reverse("signin:sent"), 302)]
    assert SAME_ANSWER in response.text
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["Karen Jensen <karen@example.dk>"]
    assert mail.subject == "Dit link til at logge ind"
    assert "Linket virker én gang inden for 30 minutter" in mail.body
    assert link_in(mail) in mail.alternatives[0][0]


def test_the_answer_shows_the_typed_address_once_and_the_session_forgets_it(ask, client, person):
    assert "karen@example.dk" in ask(person.email).text
    again = client.get(reverse("signin:sent"))
    assert "karen@example.dk" not in again.text
    assert "Hvis vi kender adressen" in again.text


def test_the_mail_is_in_the_persons_language(ask, mailoutbox):
    ParticipantFactory(email="sam@example.dk", language="en")
    ask("sam@example.dk")
    assert mailoutbox[0].subject == "Your sign-in link"


def test_only_a_hash_of_the_secret_is_stored(ask, person, mailoutbox):
    ask(person.email)
    token = link_path(mailoutbox[0]).split("/")[2]
    link = SignInLink.objects.get(participant=person)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in link.token_hash
    assert link.expires_at - link.created_at == timedelta(minutes=30)


def test_asking_again_clears_the_persons_links_dead_for_a_month(person, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    old, _token = signin.sign_in_link_create(participant=person)
    time_machine.shift(timedelta(days=30, minutes=29))
    recent, _token = signin.sign_in_link_create(participant=person)
    time_machine.shift(timedelta(minutes=2))

    signin.sign_in_link_create(participant=person)

    links = set(SignInLink.objects.values_list("pk", flat=True))
    assert old.pk not in links and recent.pk in links and len(links) == 2


def test_an_unknown_address_gets_the_same_answer_and_no_mail(ask, person, mailoutbox):
    known = ask(person.email)
    mailoutbox.clear()
    unknown = ask("nobody@example.dk")

    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200
    assert without_csrf(unknown.text.replace("nobody@example.dk", "X")) == without_csrf(
        known.text.replace("karen@example.dk", "X")
    )
    assert mailoutbox == []
    assert not SignInLink.objects.exclude(participant=person).exists()


@pytest.mark.parametrize("removed", ["archived_at", "anonymised_at"])
def test_archived_and_anonymised_people_get_the_same_answer_and_nothing_else(
    ask, person, mailoutbox, removed
):
    setattr(person, removed, timezone.now())
    person.save()

    response = ask(person.email)

    assert SAME_ANSWER in response.text
    assert mailoutbox == []
    assert not SignInLink.objects.exists()


def test_an_invalid_address_is_a_form_error_and_sends_nothing(ask, mailoutbox):
    response = ask("not an address")
    assert response.status_code == 200
    assert "Indtast en gyldig e-mail-adresse" in response.text
    assert mailoutbox == []


def test_no_mail_goes_out_when_the_person_is_archived_before_the_worker_runs(person, mailoutbox):
    person.archived_at = timezone.now()
    person.save()
    assert tasks.send_sign_in_link(person.pk) is False
    assert mailoutbox == []


def test_a_broker_that_refuses_the_task_still_gets_the_mail_out(
    ask, person, mailoutbox, monkeypatch
):
    def refuse(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.send_sign_in_link, "delay", refuse)
    ask(person.email)
    assert len(mailoutbox) == 1


# --- Rate limits -------------------------------------------------------------------------


def test_asking_too_often_for_one_address_sends_no_more_mail_known_or_not(
    ask, person, mailoutbox, settings
):
    settings.NETVAERK_SIGN_IN_RATE_PER_ADDRESS = "2/h"
    for ip in ("192.0.2.1", "192.0.2.2"):
        assert SAME_ANSWER in ask(person.email.upper(), ip=ip).text
    over_known = ask(person.email, ip="192.0.2.3")

    assert len(mailoutbox) == 2
    assert over_known.status_code == 429
    assert "Der er allerede bedt om flere links til denne adresse" in over_known.text

    for ip in ("192.0.2.4", "192.0.2.5"):
        ask("nobody@example.dk", ip=ip)
    over_unknown = ask("nobody@example.dk", ip="192.0.2.6")
    # Known or unknown, the page over the limit is the same: it reveals nothing.
    assert over_unknown.status_code == 429
    assert without_csrf(over_unknown.text.replace("nobody@example.dk", "X")) == without_csrf(
        over_known.text.replace(person.email, "X")
    )
    assert len(mailoutbox) == 2


def test_the_address_limit_lifts_after_the_hour(ask, person, mailoutbox, settings, time_machine):
    settings.NETVAERK_SIGN_IN_RATE_PER_ADDRESS = "1/h"
    time_machine.move_to(timezone.now(), tick=False)
    ask(person.email)
    assert ask(person.email).status_code == 429
    time_machine.shift(timedelta(hours=1, seconds=1))
    assert SAME_ANSWER in ask(person.email).text
    assert len(mailoutbox) == 2


def test_too_many_attempts_from_one_ip_address_are_refused(ask, person, mailoutbox, settings):
    settings.NETVAERK_SIGN_IN_RATE_PER_IP = "3/h"
    for n in range(3):
        ask(f"someone{n}@example.dk", ip="198.51.100.7")
    refused = ask(person.email, ip="198.51.100.7")

    assert refused.status_code == 429
    assert "for mange forsøg fra dit netværk" in refused.text
    assert mailoutbox == []
    # Another network is not affected.
    assert SAME_ANSWER in ask(person.email, ip="198.51.100.8").text
    assert len(mailoutbox) == 1


def test_behind_the_proxy_the_ip_limit_counts_the_address_the_proxy_saw(
    client, person, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.NETVAERK_BEHIND_PROXY = True
    settings.NETVAERK_SIGN_IN_RATE_PER_IP = "2/h"

    def ask_via_proxy(client_says, proxy_saw):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                REQUEST_URL,
                {"email": person.email},
                REMOTE_ADDR="10.0.0.2",  # the proxy itself
                HTTP_X_FORWARDED_FOR=f"{client_says}, {proxy_saw}",
            )

    ask_via_proxy("198.51.100.1", "203.0.113.5")
    ask_via_proxy("198.51.100.2", "203.0.113.5")
    # A made-up first hop does not escape the limit.
    assert ask_via_proxy("198.51.100.3", "203.0.113.5").status_code == 429
    assert ask_via_proxy("198.51.100.3", "203.0.113.6").status_code == 302


def test_the_ip_limit_counts_an_ipv6_network_as_one(ask, person, mailoutbox, settings):
    settings.NETVAERK_SIGN_IN_RATE_PER_IP = "2/h"
    ask("a@example.dk", ip="2001:db8:1:2::10")
    ask("b@example.dk", ip="2001:db8:1:2:ffff::1")
    assert ask(person.email, ip="2001:db8:1:2::99").status_code == 429
    assert SAME_ANSWER in ask(person.email, ip="2001:db8:1:3::1").text


def test_a_mail_server_failure_looks_the_same_as_an_unknown_address(
    ask, person, mailoutbox, monkeypatch
):
    def refuse(*args):
        raise ConnectionError("broker down")

    def fail(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(tasks.send_sign_in_link, "delay", refuse)
    monkeypatch.setattr(signin, "sign_in_link_send", fail)
    response = ask(person.email)
    assert response.status_code == 200
    assert SAME_ANSWER in response.text


# --- Using the link ----------------------------------------------------------------------


def test_opening_the_link_asks_for_a_press_and_uses_nothing(ask, client, person, mailoutbox):
    ask(person.email)
    path = link_path(mailoutbox[0])

    for _ in range(2):  # a mail scanner, then the person
        page = client.get(path)
        assert page.status_code == 200
        assert "Tryk på knappen for at logge ind" in page.text
        assert '<button type="submit" class="btn btn-primary btn-lg">Log ind</button>' in page.text
    assert SignInLink.objects.get().used_at is None
    assert signed_in_user_id(client) is None


def test_the_link_signs_in_once_and_makes_the_login_on_first_use(ask, client, person, mailoutbox):
    ask(person.email)
    path = link_path(mailoutbox[0])

    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("mine:index")
    person.refresh_from_db()
    user = person.user
    assert (user.username, user.email) == (f"deltager-{person.pk}", "karen@example.dk")
    assert not user.has_usable_password()
    assert signed_in_user_id(client) == str(user.pk)
    assert SignInLink.objects.get().used_at is not None

    client.logout()
    again = client.post(path)
    assert again.status_code == 410
    assert "Linket er allerede brugt" in again.text
    assert f'href="{REQUEST_URL}"' in again.text
    assert signed_in_user_id(client) is None


def test_opening_a_used_link_again_while_signed_in_with_it_just_goes_on(
    ask, client, person, mailoutbox
):
    ask(person.email, next_url="/kalender/")
    path = link_path(mailoutbox[0])
    client.post(path, {"next": "/kalender/"})

    for response in (client.get(path), client.post(path)):
        assert response.status_code == 302
        assert response["Location"] == "/kalender/"

    other = ParticipantFactory()
    client.force_login(User.objects.create_user("someone-else"))
    other.user = User.objects.get(username="someone-else")
    other.save()
    assert client.get(path).status_code == 410


def test_a_later_sign_in_reuses_the_login(ask, client, person, mailoutbox):
    ask(person.email)
    client.post(link_path(mailoutbox[0]))
    client.logout()
    users = User.objects.count()

    ask(person.email)
    client.post(link_path(mailoutbox[1]))

    person.refresh_from_db()
    assert User.objects.count() == users
    assert signed_in_user_id(client) == str(person.user.pk)


def test_a_username_already_taken_is_left_alone(person, client):
    taken = User.objects.create_user(f"deltager-{person.pk}")
    _link, token = signin.sign_in_link_create(participant=person)

    client.post(reverse("signin:link", args=[token]))

    person.refresh_from_db()
    assert person.user != taken
    assert person.user.username.startswith(f"deltager-{person.pk}-")
    assert signed_in_user_id(client) == str(person.user.pk)


def test_signing_in_retires_the_persons_other_unused_links(ask, client, person, mailoutbox):
    ask(person.email)
    ask(person.email)
    first, second = link_path(mailoutbox[0]), link_path(mailoutbox[1])
    # An unused link stays valid while newer ones are asked for (mail can arrive late).
    assert client.get(first).status_code == 200

    client.post(second)
    client.logout()

    assert client.post(first).status_code == 410
    assert signed_in_user_id(client) is None


def test_the_link_expires_after_the_set_minutes(person, client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    _link, token = signin.sign_in_link_create(participant=person)
    path = reverse("signin:link", args=[token])

    time_machine.shift(timedelta(minutes=29, seconds=59))
    assert client.get(path).status_code == 200
    time_machine.shift(timedelta(seconds=1))

    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert "Linket er udløbet" in response.text
        assert "virker i 30 minutter" in response.text
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:20],
        lambda token: token + "x",
        lambda token: token * 5,
        lambda token: "%00",
        lambda token: "+." + token[2:],
    ],
)
def test_a_tampered_link_is_refused_with_a_way_on(person, client, mangle):
    _link, token = signin.sign_in_link_create(participant=person)
    path = f"/log-ind/{mangle(token)}/"

    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404
        if response.templates:
            assert "Bed om et nyt link" in response.text
            assert f'href="{REQUEST_URL}"' in response.text
    assert SignInLink.objects.get().used_at is None
    assert signed_in_user_id(client) is None


def test_signing_in_needs_the_csrf_token(person):
    client = Client(enforce_csrf_checks=True)
    _link, token = signin.sign_in_link_create(participant=person)
    path = reverse("signin:link", args=[token])

    assert client.post(path).status_code == 403
    assert SignInLink.objects.get().used_at is None

    page = client.get(path)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    assert client.post(path, {"csrfmiddlewaretoken": csrf}).status_code == 302
    assert signed_in_user_id(client) is not None


def test_asking_for_a_link_needs_the_csrf_token(person, mailoutbox):
    client = Client(enforce_csrf_checks=True)
    assert client.post(REQUEST_URL, {"email": person.email}).status_code == 403
    assert mailoutbox == []


@pytest.mark.parametrize("removed", ["archived_at", "anonymised_at"])
def test_a_link_stops_working_when_the_person_is_archived_or_anonymised(person, client, removed):
    _link, token = signin.sign_in_link_create(participant=person)
    setattr(person, removed, timezone.now())
    person.save()

    response = client.post(reverse("signin:link", args=[token]))

    assert response.status_code == 403
    assert signed_in_user_id(client) is None


def test_a_staff_login_cannot_be_opened_by_a_link_in_the_mail(person, client):
    staff = User.objects.create_user("sanne", password="Hemmelig-2026!")
    staff.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    person.user = staff
    person.save()
    _link, token = signin.sign_in_link_create(participant=person)

    response = client.post(reverse("signin:link", args=[token]))

    assert response.status_code == 403
    assert "Medarbejdere i sekretariatet logger ind med deres adgangskode" in response.text
    assert f'href="{reverse("login")}"' in response.text
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/kalender/", "/kalender/"),
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("/\\evil.example/", None),
    ],
)
def test_after_sign_in_the_person_lands_on_a_page_of_this_site_only(
    ask, client, person, mailoutbox, next_url, lands_on
):
    ask(person.email, next_url=next_url)
    path = link_path(mailoutbox[0])

    confirm = client.get(path)
    response = client.post(path, {"next": confirm.context["next"]})

    assert response["Location"] == (lands_on or reverse("mine:index"))


def test_a_participant_page_sends_an_anonymous_visitor_to_ask_for_a_link_and_back(
    ask, client, person, mailoutbox
):
    response = client.get(reverse("calendar:settings"))
    assert response.status_code == 302
    assert response["Location"] == f"{REQUEST_URL}?next=/kalender/"

    form = client.get(response["Location"])
    assert 'name="next" value="/kalender/"' in form.text
    ask(person.email, next_url="/kalender/")
    assert "next=%2Fkalender%2F" in link_in(mailoutbox[0])


def test_staff_and_participants_find_each_others_sign_in(client):
    staff_login = client.get(reverse("login"))
    assert f'href="{REQUEST_URL}"' in staff_login.text
    assert "Er du deltager i et netværk? Log ind med et link på mail i stedet" in staff_login.text

    # A co-driver sent to the staff login from a network page keeps where they were going.
    network_page = client.get(reverse("login") + "?next=/netvaerk/7/")
    assert f'href="{REQUEST_URL}?next=/netvaerk/7/"' in network_page.text

    participant_login = client.get(REQUEST_URL)
    assert f'href="{reverse("login")}"' in participant_login.text
    assert 'for="id_email"' in participant_login.text


def test_of_two_simultaneous_uses_of_one_link_only_one_signs_in(person):
    _link, token = signin.sign_in_link_create(participant=person)
    first = signin.sign_in_link_check(token)
    SignInLink.objects.filter(pk=first.link.pk).update(used_at=timezone.now())

    check, user = signin.sign_in_link_use(token)

    assert check.problem is signin.LinkProblem.USED
    assert user is None
