"""Inline feedback in a real browser: select a passage, comment on it, find it again."""

import pytest
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Passage

from .test_browser_discussion import fill_guest_form, no_js_page  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

BODY = (
    "Die Stadt plant eine neue Straßenbahnlinie durch die Altstadt.\n\n"
    "Kritiker sagen, *die Linie* sei zu teuer. Befürworter sagen, die Linie sei überfällig.\n\n"
    "[[Der Senat will die Linie bis 2030 verlängern.|Was halten Sie von diesem Vorschlag?]]"
)


@pytest.fixture
def server_settings():
    return {"BROADSHEET_MODERATION": "none", "BROADSHEET_COMMENT_MIN_SECONDS": "0"}


@pytest.fixture
def article(db):
    article = make_article("Die neue Linie", slug="linie", body=BODY, dateline="Halle.")
    make_comment(article, author_name="Jonas", body="Ein Kommentar zum ganzen Artikel.")
    return article


def select_text(page, text: str) -> None:
    """Select the first occurrence of text inside the article body, as a mouse would."""
    page.evaluate(
        """(wanted) => {
            const body = document.querySelector('.article__body');
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode());) {
                const at = node.data.indexOf(wanted);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + wanted.length);
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);
                    return;
                }
            }
            throw new Error('text not found: ' + wanted);
        }""",
        text,
    )


def test_a_reader_selects_a_passage_comments_and_finds_the_highlight(
    browser_page, browser_console, article
):
    page = browser_page
    page.goto(article.get_absolute_url())
    select_text(page, "Befürworter sagen, die Linie sei überfällig")
    page.get_by_role("button", name="Diese Stelle kommentieren").click()
    expect(page.locator("[data-passage-quote]")).to_have_text(
        "„Befürworter sagen, die Linie sei überfällig“"
    )
    fill_guest_form(page, "Überfällig trifft es genau.").get_by_role(
        "button", name="Kommentar senden"
    ).click()
    expect(page.locator(".comment", has_text="Überfällig trifft es genau.")).to_be_visible()
    passage = Passage.objects.get()
    assert passage.exact == "Befürworter sagen, die Linie sei überfällig"

    page.reload()
    mark = page.locator("mark.passage")
    expect(mark).to_have_text("Befürworter sagen, die Linie sei überfällig")
    expect(page.locator(".passage__count")).to_have_text("1")
    expect(page.locator(".comment__passage")).to_contain_text(
        "Befürworter sagen, die Linie sei überfällig"
    )

    page.get_by_role("link", name="Inline-Feedback").click()
    expect(page.locator(".conversation")).to_have_count(1)
    expect(page.locator(".conversation")).to_contain_text("Überfällig trifft es genau.")
    page.get_by_role("link", name="Alle Kommentare").click()
    expect(page.locator(".conversation")).to_have_count(2)

    mark.click()  # activating the highlight shows its comments
    expect(page.locator(".conversation")).to_have_count(1)
    assert browser_console.csp_violations() == []
    assert not [m for m in browser_console.messages if m.startswith("pageerror")]


def test_a_selection_across_emphasis_is_anchored_to_the_same_text(browser_page, article):
    page = browser_page
    page.goto(article.get_absolute_url())
    select_text(page, "Kritiker sagen, ")  # the selection then extends into <em> below
    page.evaluate(
        """() => {
            const em = document.querySelector('.article__body em');
            getSelection().extend(em.firstChild, em.firstChild.length);
        }"""
    )
    page.get_by_role("button", name="Diese Stelle kommentieren").click()
    fill_guest_form(page, "Zu teuer? Wer sagt das?").get_by_role(
        "button", name="Kommentar senden"
    ).click()
    expect(page.locator(".comment", has_text="Zu teuer? Wer sagt das?")).to_be_visible()
    assert Passage.objects.get().exact == "Kritiker sagen, die Linie"


def test_an_editor_question_can_be_answered_without_javascript(no_js_page, article):  # noqa: F811
    page = no_js_page
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Was halten Sie von diesem Vorschlag?").click()
    expect(page.locator(".respond__quote").first).to_have_text(
        "„Der Senat will die Linie bis 2030 verlängern.“"
    )
    fill_guest_form(page, "Bis 2030 ist zu spät.").get_by_role(
        "button", name="Kommentar senden"
    ).click()
    passage = Passage.objects.get()
    assert passage.question.number == 1
    expect(page.locator(".comment__passage")).to_contain_text(
        "Der Senat will die Linie bis 2030 verlängern."
    )
    expect(page.locator(".editor-question__count")).to_have_text(" (1 Antwort)")
