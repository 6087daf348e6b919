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


@pytest.mark.parametrize("url", INDEX_PAGES[1:])
def test_a_signed_in_participant_is_refused(client, url):
    membership = MembershipFactory(participant__user=User.objects.create_user("borger"))
    client.force_login(membership.participant.user)
    assert client.get(url).status_code == 403


def test_a_signed_in_participant_on_the_front_page_gets_their_overview(client):
    membership = MembershipFactory(participant__user=User.objects.create_user("borger"))
    client.force_login(membership.participant.user)
    response = client.get("/")
    assert (response.status_code, response.url) == (302, "/mit/")


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


def test_breadcrumbs_lead_back_through_section_and_parent(staff):
    membership = MembershipFactory()
    network, person = membership.network, membership.participant
    plan = staff.get(f"/netvaerk/{network.pk}/moedeplan/").text
    assert '<a href="/netvaerk/">Netværk</a>' in plan
    assert f'<a href="{network.get_absolute_url()}">{network.name}</a>' in plan
    assert 'aria-current="page">Mødeplan</li>' in plan
    end = staff.get(f"/deltagere/medlemskab/{membership.pk}/afslut/").text
    assert '<a href="/deltagere/">Deltagere</a>' in end
    assert f'<a href="{person.get_absolute_url()}">{person.name}</a>' in end
    new = staff.get("/deltagere/ny/").text
    assert 'aria-current="page">Ny deltager</li>' in new
