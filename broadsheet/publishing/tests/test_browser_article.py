"""A reader opens an article in a real browser and finds the reference page's furniture."""

import datetime
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_author, make_image
from broadsheet.publishing.demo import DEMO_FEATURED_SLUG
from broadsheet.publishing.models import Article

pytestmark = pytest.mark.browser


def test_a_reader_sees_kicker_dateline_credit_and_source(browser_page, browser_console):
    article = make_article(
        "Nachtzüge verbinden wieder Berlin und Wien",
        kicker="INTERNATIONAL",
        dateline="Berlin/Wien.",
        body="Die Bahnen beider Länder einigen sich auf einen neuen Fahrplan.",
        authors=[make_author("Anna Berger")],
        lead_image=make_image(credit_provider="Wikimedia", credit_creator="Erika Muster"),
        source_outlet="Wiener Abendblatt",
        source_date=datetime.date(2021, 5, 1),
    )

    browser_page.goto(article.get_absolute_url())

    expect(browser_page.locator(".kicker")).to_have_text("INTERNATIONAL")
    expect(browser_page.locator(".dateline")).to_have_text("Berlin/Wien.")
    expect(browser_page.locator(".credit")).to_contain_text("Wikimedia/Erika Muster/CC BY-SA 3.0")
    expect(browser_page.locator(".source-line")).to_contain_text("Wiener Abendblatt")
    expect(browser_page.locator(".source-line")).to_contain_text("01.05.2021")
    assert browser_console.csp_violations() == []


def test_the_demo_featured_article_renders_without_csp_violations(browser_page, browser_console):
    call_command("demo", stdout=io.StringIO())
    article = Article.objects.get(slug=DEMO_FEATURED_SLUG)

    response = browser_page.goto(article.get_absolute_url())

    assert response.ok
    assert "script-src" in response.headers["content-security-policy"]
    expect(browser_page.locator("h1")).to_have_text(article.title)
    expect(browser_page.locator("p.kicker")).to_have_text(article.kicker)  # not the related teasers
    expect(browser_page.locator(".dateline")).to_have_text(article.dateline)
    expect(browser_page.locator(".credit")).to_contain_text(article.lead_image.licence_name)
    expect(browser_page.locator(".source-line")).to_contain_text(article.source_outlet)
    assert browser_console.csp_violations() == []
