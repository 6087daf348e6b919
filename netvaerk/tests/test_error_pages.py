import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_address_gives_a_danish_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.text
    assert '<html lang="da">' in response.text


def test_an_error_gives_a_danish_500_page_without_a_traceback(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "netvaerk.tests.urls_that_fail"
    response = Client(raise_request_exception=False).get("/fejl/")
    assert response.status_code == 500
    assert "Der opstod en fejl" in response.text
    assert "Traceback" not in response.text
