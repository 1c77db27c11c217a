"""Asking for a data link, opening it, and every way a link can be wrong."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from broadsheet.notifications.models import Delivery
from broadsheet.privacy import notices
from broadsheet.privacy.models import DataLink

from .conftest import lea_trail, mail_link

# The pages are read in English: the messages are matched as written.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_asking_for_a_link_queues_a_mail_and_says_the_same_for_any_address(browser, article):
    lea_trail(article)
    known = browser.ask_for_link("Lea@Example.org ")
    unknown = browser.ask_for_link("niemand@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/privacy/my-data/?state=sent"
    # A link goes to both: whether anything is stored is looked at only when it is used.
    assert set(Delivery.objects.filter(kind=notices.DATA_LINK).values_list("to", flat=True)) == {
        "lea@example.org",
        "niemand@example.org",
    }
    page = browser.get(known["Location"]).content.decode()
    assert "If the address is right, a link to your data is on its way" in page
    assert "lea@example.org" not in page


def test_the_link_opens_a_page_whose_button_shows_the_data(browser, article):
    lea_trail(article)
    browser.ask_for_link("lea@example.org")
    path = mail_link(notices.DATA_LINK, "/privacy/my-data/link/", to="lea@example.org")
    opened = browser.get(path)  # what a mail scanner does: nothing is used up
    assert opened.status_code == 200
    assert DataLink.objects.get().used_at is None
    assert "Leas Meinung" not in opened.content.decode()
    shown = browser.open_link(path)
    assert shown.status_code == 302 and shown["Location"] == "/privacy/my-data/"
    page = browser.get("/privacy/my-data/")
    assert "Leas Meinung zur Stadtbahn." in page.content.decode()
    assert "Ottos Meinung" not in page.content.decode()
    assert {"private", "no-store"} <= set(page["Cache-Control"].replace(" ", "").split(","))


def test_a_used_link_is_refused_with_a_clear_message(browser, article):
    browser.ask_for_link("lea@example.org")
    path = mail_link(notices.DATA_LINK, "/link/", to="lea@example.org")
    browser.open_link(path)
    for again in (browser.get(path), browser.open_link(path)):
        assert again.status_code == 400
        assert "This link was already used. Please ask for a new one." in again.content.decode()


def test_an_expired_link_is_refused(browser, article, settings):
    browser.ask_for_link("lea@example.org")
    path = mail_link(notices.DATA_LINK, "/link/", to="lea@example.org")
    later = timezone.now() + datetime.timedelta(minutes=settings.BROADSHEET_DATA_LINK_MINUTES + 1)
    with time_machine.travel(later):
        response = browser.open_link(path)
    assert response.status_code == 400
    assert "This link has expired. Please ask for a new one." in response.content.decode()
    assert DataLink.objects.get().used_at is None


@pytest.mark.parametrize("token", ["forged", "eyJsIjoxfQ:1vQ:abc", "x" * 300])
def test_a_forged_link_is_refused_without_an_error_page(browser, token):
    for response in (browser.get(f"/privacy/my-data/link/{token}/"),
                     browser.open_link(f"/privacy/my-data/link/{token}/")):  # fmt: skip
        assert response.status_code == 400
        assert "This link is not valid." in response.content.decode()


def test_without_a_link_the_page_asks_for_an_address_and_shows_no_data(browser, article):
    lea_trail(article)
    page = browser.get("/privacy/my-data/")
    assert page.status_code == 200
    assert 'type="email"' in page.content.decode()
    assert "Leas Meinung" not in page.content.decode()
    assert browser.get("/privacy/my-data/export.json").status_code == 302


def test_a_bad_address_is_refused_in_the_form(browser):
    response = browser.ask_for_link("keine-adresse")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Delivery.objects.exists()


def test_asking_too_often_for_one_address_is_refused_politely(browser, english):
    for _attempt in range(3):
        assert browser.ask_for_link("lea@example.org").status_code == 302
    refused = browser.ask_for_link("lea@example.org")
    assert refused.status_code == 429
    assert "You are doing that too often." in refused.content.decode()
    assert Delivery.objects.count() == 3


def test_a_post_without_the_csrf_token_is_refused(article):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post("/privacy/my-data/", {"email": "lea@example.org"}).status_code == 403
    assert not Delivery.objects.exists()


def test_a_logged_in_reader_sees_their_data_without_a_mail(client, reader, article):
    from broadsheet.core.testing import make_comment

    make_comment(article, user=reader, author_name="Lea", body="Als Konto geschrieben.")
    client.force_login(reader)
    page = client.get("/privacy/my-data/")
    assert "Als Konto geschrieben." in page.content.decode()
    assert {"private", "no-store"} <= set(page["Cache-Control"].replace(" ", "").split(","))


def test_done_forgets_the_address_in_this_browser(browser, article):
    lea_trail(article)
    browser.ask_for_link("lea@example.org")
    browser.open_link(mail_link(notices.DATA_LINK, "/link/", to="lea@example.org"))
    left = browser.post("/privacy/my-data/done/", form_page="/privacy/my-data/")
    assert left["Location"] == "/privacy/my-data/?state=left"
    assert "Leas Meinung" not in browser.get("/privacy/my-data/").content.decode()
