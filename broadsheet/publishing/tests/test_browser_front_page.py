"""A reader opens the demo's front page on a phone and on a desktop screen."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from broadsheet.publishing.demo import DEMO_FEATURED_SLUG
from broadsheet.publishing.models import Article

pytestmark = pytest.mark.browser

SCROLL_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_demo_front_page_fits_the_screen_without_csp_violations(
    browser_page, browser_console, width
):
    call_command("demo", stdout=io.StringIO())
    lead = Article.objects.get(slug=DEMO_FEATURED_SLUG)
    browser_page.set_viewport_size({"width": width, "height": 900})

    response = browser_page.goto("/")

    assert response.ok
    expect(browser_page.locator(".front__lead h2")).to_have_text(lead.title)
    expect(browser_page.locator(".front__section h2").first).to_have_text("Inland")
    expect(browser_page.locator(".front__latest li").first).to_be_visible()
    scroll_width, viewport = browser_page.evaluate(SCROLL_WIDTH)
    assert scroll_width <= viewport, f"horizontal scroll at {width} px"
    assert browser_console.csp_violations() == []


def test_a_reader_follows_more_on_this_topic_from_an_article(browser_page, browser_console):
    call_command("demo", stdout=io.StringIO())
    article = Article.objects.get(slug=DEMO_FEATURED_SLUG)
    browser_page.set_viewport_size({"width": 320, "height": 900})
    browser_page.goto(article.get_absolute_url())

    related = browser_page.locator(".related a").first
    expect(related).to_be_visible()
    title = related.inner_text()
    related.click()

    expect(browser_page.locator("h1")).to_have_text(title)
    assert browser_console.csp_violations() == []
