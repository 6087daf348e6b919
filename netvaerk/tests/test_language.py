import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_danish_even_when_the_browser_prefers_english(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.headers["Content-Language"] == "da"
    assert "Brugernavn" in response.text


def test_a_person_may_choose_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/login/"})
    response = client.get("/admin/login/")
    assert response.headers["Content-Language"] == "en"
    assert "Username" in response.text


def test_an_unknown_language_cookie_falls_back_to_danish(client):
    client.cookies["django_language"] = "xx"
    assert client.get("/admin/login/").headers["Content-Language"] == "da"
