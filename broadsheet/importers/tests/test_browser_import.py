"""A reader follows an old WordPress link to an imported article and finds its discussion."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_imported_article_shows_its_threaded_comments_votes_and_rating(
    browser_page, browser_console, uploads
):
    call_command(
        "import_wxr",
        str(FIXTURES / "morgenpost-wxr-1.2.xml"),
        "--media-dir",
        str(uploads),
        stdout=io.StringIO(),
    )

    # The old plain permalink leads to the article's new address.
    response = browser_page.goto("/?p=101")
    assert response.ok
    assert browser_page.url.endswith("/2021/05/01/gipfel-in-wien/")

    expect(browser_page.locator("h1")).to_have_text("Gipfel in Wien: Einigung & Streit")
    expect(browser_page.locator("article img").first).to_be_visible()

    # The rating shows the same average and count as on WordPress.
    expect(browser_page.locator("[data-rating-average]")).to_have_text("4,5")
    expect(browser_page.locator("[data-rating-count]")).to_have_text("4 Stimmen")
    expect(browser_page.locator("#comments-title")).to_contain_text("5")

    # The conversation is threaded: a reply, and a reply to the reply, under Karl's comment.
    conversation = browser_page.locator(".conversation").filter(
        has=browser_page.locator("#comment-1001")
    )
    expect(conversation.locator("#comment-1002")).to_have_attribute("data-depth", "1")
    expect(conversation.locator("#comment-1003")).to_have_attribute("data-depth", "2")
    expect(conversation.locator("#comment-1002 .comment__reply-to")).to_contain_text("Karl Leser")

    # Vote totals are exactly those of wpDiscuz.
    expect(browser_page.locator("#comment-1001 [data-up]")).to_have_text("5")
    expect(browser_page.locator("#comment-1001 [data-down]")).to_have_text("2")
    expect(browser_page.locator("#comment-1002 [data-down]")).to_have_text("2")

    # What readers never saw on WordPress they do not see here either.
    body = browser_page.locator("#comments")
    for hidden in (
        "Noch nicht freigeschaltet",
        "Kaufen Sie jetzt",
        "Redaktionsnotiz",
        "Nachbarblog",
    ):
        expect(body).not_to_contain_text(hidden)
    assert browser_console.csp_violations() == []


def test_an_old_category_link_in_the_browser_lands_on_the_section(browser_page):
    call_command("import_wxr", str(FIXTURES / "morgenpost-wxr-1.2.xml"), stdout=io.StringIO())
    response = browser_page.goto("/category/%C3%BCber-den-tellerrand/")
    assert response.ok
    assert browser_page.url.endswith("/category/ueber-den-tellerrand/")
    expect(browser_page.locator("main")).to_contain_text("Über uns hinaus")
