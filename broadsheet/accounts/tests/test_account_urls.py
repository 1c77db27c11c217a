"""Account addresses are language-neutral; the German ones they had first still lead there."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_and_logout_addresses_are_the_same_in_every_language(settings):
    assert reverse("accounts:login") == "/account/login/"
    assert reverse("accounts:logout") == "/account/logout/"


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_login_page_is_served_at_the_neutral_address(client, settings, language):
    settings.LANGUAGE_CODE = language
    response = client.get("/account/login/")
    assert response.status_code == 200
    assert 'autocomplete="current-password"' in response.content.decode()


def test_the_old_german_login_address_redirects_for_good_keeping_the_query(client):
    response = client.get("/konto/anmelden/?next=/moderation/")
    assert response.status_code == 301
    assert response["Location"] == "/account/login/?next=/moderation/"
    assert client.get("/konto/anmelden/")["Location"] == "/account/login/"


def test_a_form_sent_to_an_old_address_is_sent_on_as_a_post(reader):
    client = Client(enforce_csrf_checks=False)
    response = client.post("/konto/anmelden/", {"username": "lea", "password": "leserin-geheim"})
    assert response.status_code == 308 and response["Location"] == "/account/login/"
    assert client.post("/konto/abmelden/").status_code == 308


def test_a_login_required_page_sends_readers_to_the_neutral_address(client):
    response = client.get("/moderation/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
