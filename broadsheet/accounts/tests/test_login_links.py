"""Signing in and up by e-mail link: a confirm page first, once only, for a few minutes."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from broadsheet.accounts import services
from broadsheet.accounts.models import LoginLink, User
from broadsheet.notifications.models import Delivery

from .conftest import ask_for_link, link_path_in, newest_link_path, signed_in_user

# The new texts are asserted in English until the lead translates them.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_asking_for_a_link_queues_one_mail_and_says_the_same_for_every_address(client, reader):
    known = ask_for_link(client, "LEA@example.org ")
    unknown = ask_for_link(client, "nobody@example.org")

    assert known.status_code == unknown.status_code == 303
    assert known["Location"] == unknown["Location"] == "/account/link/sent/"
    known_page = client.get(known["Location"])
    unknown_page = client.get(unknown["Location"])
    assert known_page.content == unknown_page.content
    assert "If this address can sign in, we sent a link to it." in known_page.content.decode()
    # Both went the same way: one link row and one queued mail each, no account made.
    assert sorted(Delivery.objects.values_list("to", "kind")) == [
        ("lea@example.org", services.LINK_KIND),
        ("nobody@example.org", services.LINK_KIND),
    ]
    assert LoginLink.objects.count() == 2
    assert not User.objects.filter(email="nobody@example.org").exists()


def test_opening_the_link_shows_a_button_and_signs_nobody_in(client):
    ask_for_link(client, "neu@example.org")
    path = newest_link_path("neu@example.org")

    page = client.get(path)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Sign me in" in html and 'method="post"' in html
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "same-origin"
    assert signed_in_user(client) is None
    assert LoginLink.objects.get().used_at is None
    assert not User.objects.filter(email="neu@example.org").exists()


def test_pressing_the_button_creates_the_account_and_signs_it_in(client):
    ask_for_link(client, "neu@example.org")

    response = client.post(newest_link_path("neu@example.org"))

    user = signed_in_user(client)
    assert user is not None and user.email == "neu@example.org"
    assert user.email_confirmed_at is not None and not user.has_usable_password()
    assert not user.is_staff
    # No name yet: the profile asks for one.
    assert response.status_code == 303 and response["Location"] == "/account/profile/"


def test_a_known_address_signs_in_to_its_account_and_returns_to_the_page(client, reader):
    ask_for_link(client, "lea@example.org", next="/some/article/")
    response = client.post(newest_link_path("lea@example.org"))
    assert signed_in_user(client) == reader
    assert response["Location"] == "/some/article/"
    assert User.objects.filter(email="lea@example.org").count() == 1


def test_a_link_to_another_site_is_not_followed_after_signing_in(client, reader):
    ask_for_link(client, "lea@example.org", next="https://evil.example/")
    response = client.post(newest_link_path("lea@example.org"))
    assert response["Location"] == "/account/comments/"


def test_a_used_link_is_refused_with_a_message(client):
    ask_for_link(client, "neu@example.org")
    path = newest_link_path("neu@example.org")
    client.post(path)
    client.post("/account/logout/")

    again = client.post(path)
    opened = client.get(path)

    assert again.status_code == opened.status_code == 410
    assert "already been used" in again.content.decode()
    assert "already been used" in opened.content.decode()
    assert signed_in_user(client) is None


def test_an_expired_link_is_refused_with_a_message(client, settings):
    settings.BROADSHEET_LOGIN_LINK_MINUTES = 15
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        ask_for_link(client, "neu@example.org")
        path = newest_link_path("neu@example.org")
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        response = client.post(path)
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert signed_in_user(client) is None


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        signing.dumps(1, salt="another-salt"),
        signing.dumps("1", salt=services.LINK_SALT),
    ],
    # Fixed ids: signed values carry the time, and pytest-xdist's workers must collect
    # the same test names.
    ids=["nonsense", "another-salt", "not-a-link-id"],
)
def test_a_forged_link_is_refused_with_a_message(client, token):
    ask_for_link(client, "neu@example.org")
    for response in (client.get(f"/account/link/{token}/"), client.post(f"/account/link/{token}/")):
        assert response.status_code == 400
        assert "is not valid" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_tampered_token_is_refused(client):
    ask_for_link(client, "neu@example.org")
    path = newest_link_path("neu@example.org")
    token = path.split("/")[3]
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.post(f"/account/link/{forged}/").status_code == 400
    assert signed_in_user(client) is None


def test_newsroom_accounts_cannot_sign_in_by_link(client, moderator):
    ask_for_link(client, "moritz@example.org")
    response = client.post(newest_link_path("moritz@example.org"))
    assert response.status_code == 403
    assert "with their password" in response.content.decode()
    assert signed_in_user(client) is None
    assert LoginLink.objects.get().used_at is None


def test_a_bad_address_gets_a_field_message(client):
    response = ask_for_link(client, "keine-adresse")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not LoginLink.objects.exists()


def test_links_for_one_address_are_rate_limited_alike_for_known_and_unknown(client, reader):
    for address in ("lea@example.org", "nobody@example.org"):
        for _ in range(3):
            assert ask_for_link(client, address).status_code == 303
        refused = ask_for_link(client, address)
        assert refused.status_code == 429
        assert "too often" in refused.content.decode()
    assert LoginLink.objects.count() == 6


def test_links_from_one_network_are_rate_limited(client):
    for n in range(10):
        assert ask_for_link(client, f"leser{n}@example.org").status_code == 303
    refused = ask_for_link(client, "leser10@example.org")
    assert refused.status_code == 429
    # Another network is not affected.
    other = client.post("/account/link/", {"email": "leser10@example.org"}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 303


def test_the_login_page_offers_the_link_and_keeps_the_password(client):
    html = client.get("/account/login/").content.decode()
    assert 'action="/account/link/"' in html and 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html


@pytest.mark.django_db(transaction=True)
def test_the_mail_goes_through_the_outbox_and_its_link_signs_in(client, smtp, worker):
    ask_for_link(client, "neu@example.org")
    assert smtp.messages == []  # the worker sends it, not the request

    worker()

    [message] = smtp.to("neu@example.org")
    assert message.subject == "Your link to sign up"
    assert "works once, for 15 minutes" in message.text
    path = link_path_in(message)
    assert f'href="https://zeitung.example{path}"' in message.html
    assert client.get(path).status_code == 200 and signed_in_user(client) is None
    client.post(path)
    assert signed_in_user(client).email == "neu@example.org"

    # Signed up now: the next mail says "sign in".
    client.post("/account/logout/")
    ask_for_link(client, "neu@example.org")
    worker()
    assert smtp.to("neu@example.org")[-1].subject == "Your sign-in link"


@pytest.mark.django_db(transaction=True)
def test_a_link_used_before_the_worker_sends_it_is_not_sent(client, smtp, worker):
    ask_for_link(client, "neu@example.org")
    client.post(newest_link_path("neu@example.org"))
    worker()
    assert smtp.messages == []
    assert Delivery.objects.get().status == Delivery.Status.CANCELLED
