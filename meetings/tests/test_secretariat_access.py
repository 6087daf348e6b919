import pytest
from django.contrib.auth.models import User

from participants.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

INDEX_PAGES = ["/", "/netvaerk/", "/deltagere/", "/moeder/"]


@pytest.mark.parametrize("url", INDEX_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize("url", INDEX_PAGES)
def test_secretariat_sees_every_main_page_in_danish(staff, url):
    response = staff.get(url)
    assert response.status_code == 200
    assert '<html lang="da">' in response.text
    assert "Gå til indhold" in response.text


@pytest.mark.parametrize("url", INDEX_PAGES)
def test_a_signed_in_participant_is_refused(client, url):
    membership = MembershipFactory(participant__user=User.objects.create_user("borger"))
    client.force_login(membership.participant.user)
    assert client.get(url).status_code == 403


def test_a_co_driver_sees_only_their_own_network(client):
    own = MembershipFactory(is_co_driver=True, participant__user=User.objects.create_user("co"))
    other = MembershipFactory()
    client.force_login(own.participant.user)
    response = client.get("/netvaerk/")
    assert own.network.name in response.text
    assert other.network.name not in response.text
    assert client.get("/deltagere/").status_code == 403


def test_login_page_is_danish(client):
    response = client.get("/login/")
    assert "Log ind" in response.text
