"""Mentions by keyboard in a real browser against `broadsheet serve`, and two thread fixes:
the passage box quotes in the page's language, and the last skip link after "Load more"."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment, Mention

from .test_browser_inline_feedback import select_text
from .test_browser_keyboard import describe_focus, expect_focus, tab_to

pytestmark = pytest.mark.browser

SETTINGS = {
    "BROADSHEET_MODERATION": "none",
    "BROADSHEET_COMMENT_MIN_SECONDS": "0",
    "BROADSHEET_COMMENTS_PER_PAGE": "2",
    "BROADSHEET_COMMENT_SORT": "oldest",
}


@pytest.fixture
def server_settings(request):
    return getattr(request, "param", {**SETTINGS, "BROADSHEET_LANGUAGE": "de"})


@pytest.fixture
def article(db):
    article = make_article("Die neue Linie", slug="linie", body="Die Stadt plant eine Linie.")
    start = timezone.now() - datetime.timedelta(days=2)
    for hours, name in enumerate(["Moritz", "Moritz L.", "Mira", "Ole"]):
        top = make_comment(
            article,
            author_name=name,
            body=f"Beitrag von {name}.",
            created_at=start + datetime.timedelta(hours=hours),
        )
        make_comment(
            article,
            parent=top,
            author_name="Paula",
            body=f"Antwort an {name}.",
            created_at=start + datetime.timedelta(hours=hours, minutes=30),
        )
    return article


def options(page) -> list[str]:
    return page.locator("#comment-body-mentions [role=option]").all_inner_texts()


def active_option(page) -> str:
    return page.evaluate(
        "() => document.getElementById("
        "document.activeElement.getAttribute('aria-activedescendant'))?.textContent ?? ''"
    )


def test_a_keyboard_reader_mentions_someone_from_the_thread(browser_page, browser_console, article):
    page = browser_page
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/names/" in r.url else None)
    page.goto(article.get_absolute_url())
    tab_to(page, "#comment-name")
    page.keyboard.type("Lea Leserin")
    page.keyboard.press("Tab")
    page.keyboard.type("lea@example.org")
    tab_to(page, "#comment-body")
    assert asked == [], "no request for names before an @"
    page.keyboard.type("Danke @mo")

    listbox = page.locator("#comment-body-mentions")
    expect(listbox).to_be_visible()
    expect(listbox).to_have_attribute("role", "listbox")
    assert options(page) == ["Moritz L.", "Moritz"]  # most recently active first
    assert active_option(page) == "Moritz L."
    field = page.locator("#comment-body")
    expect(field).to_have_attribute("aria-controls", "comment-body-mentions")
    page.keyboard.press("ArrowDown")
    assert active_option(page) == "Moritz"
    page.keyboard.press("ArrowDown")  # wraps round
    assert active_option(page) == "Moritz L."
    page.keyboard.press("Escape")  # closes the list, and only that
    expect(listbox).to_be_hidden()
    expect_focus(page, "#comment-body")
    assert field.get_attribute("aria-activedescendant") is None

    page.keyboard.type("r")  # "@mor": offered again
    expect(listbox).to_be_visible()
    page.keyboard.press("Enter")  # chooses, adds no line break
    expect(listbox).to_be_hidden()
    expect(field).to_have_value("Danke @Moritz L. ")
    page.keyboard.type("und @Mi")
    expect(listbox).to_be_visible()
    assert options(page) == ["Mira"]
    page.keyboard.press("Tab")  # Tab chooses too, and the focus stays
    expect(field).to_have_value("Danke @Moritz L. und @Mira ")
    expect_focus(page, "#comment-body")
    page.keyboard.type("@Zacharias")
    expect(listbox).to_be_hidden()
    assert len(asked) == 1, "the names were asked for once"

    tab_to(page, "[data-comment-form] button[type=submit]")
    page.keyboard.press("Enter")
    posted = page.locator(".comment", has_text="Danke")
    expect(posted.locator("a.mention")).to_have_count(2)
    comment = Comment.objects.get(body__startswith="Danke")
    moritz_l = Comment.objects.get(author_name="Moritz L.")
    expect(posted.locator("a.mention").first).to_have_attribute(
        "href", f"/comment/{moritz_l.pk}/#comment-{moritz_l.pk}"
    )
    assert set(
        Mention.objects.filter(comment=comment).values_list("target__author_name", flat=True)
    ) == {
        "Moritz L.",
        "Mira",
    }
    # Following the mention on the page lands on the comment it names.
    posted.locator("a.mention").first.focus()
    page.keyboard.press("Enter")
    expect_focus(page, f"#comment-{moritz_l.pk}")
    assert browser_console.csp_violations() == []


@pytest.mark.parametrize(
    ("server_settings", "opening", "closing"),
    [
        pytest.param({**SETTINGS, "BROADSHEET_LANGUAGE": "de"}, "„", "“", id="de"),
        pytest.param({**SETTINGS, "BROADSHEET_LANGUAGE": "en"}, "“", "”", id="en"),
    ],
    indirect=["server_settings"],
)
def test_the_passage_box_quotes_in_the_pages_language(browser_page, article, opening, closing):
    page = browser_page
    page.goto(article.get_absolute_url())
    select_text(page, "plant eine Linie")
    page.locator(".quote-button").click()
    expect(page.locator("[data-passage-quote]")).to_have_text(f"{opening}plant eine Linie{closing}")


def test_after_load_more_the_last_skip_link_leads_to_the_first_new_conversation(
    browser_page, browser_console, article
):
    page = browser_page
    page.goto(article.get_absolute_url())
    skips = page.locator(".conversation__skip")
    expect(skips).to_have_count(2)
    expect(skips.last).to_have_attribute("href", "#comments-more")
    page.locator("#comments-more").click()
    expect(page.locator(".conversation")).to_have_count(4)
    mira = Comment.objects.get(author_name="Mira")
    expect(skips.nth(1)).to_have_attribute("href", f"#conversation-{mira.pk}")
    skips.nth(1).focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is in Mira's conversation, not past it.
    assert page.evaluate(
        "(id) => document.getElementById(id).contains(document.activeElement)",
        f"conversation-{mira.pk}",
    ), describe_focus(page)
    assert browser_console.csp_violations() == []
