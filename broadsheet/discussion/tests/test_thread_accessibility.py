"""The thread for screen-reader and keyboard users: a heading per comment, reply links
and vote buttons that say what they do, and a way past each conversation."""

import lxml.html
import pytest
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_comment, seed_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(db):
    return make_article("Streit um die Stadtbahn", slug="stadtbahn")


def page_of(client, article, query=""):
    return lxml.html.fromstring(client.get(article.get_absolute_url() + query).content)


def accessible_text(element) -> str:
    """The text a screen reader reads: without aria-hidden parts, spaces collapsed."""
    copy = lxml.html.fromstring(lxml.html.tostring(element))
    for hidden in copy.xpath(".//*[@aria-hidden='true']"):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def test_each_comment_has_a_heading_with_its_author_and_time(client, article):
    top = make_comment(article, author_name="Moritz L.")
    reply = make_comment(article, parent=top, author_name="Greta W.")
    page = page_of(client, article)
    (opener,) = page.xpath(f"//article[@id='comment-{top.pk}']")
    (heading,) = opener.xpath("./header/h3")
    assert "Moritz L." in heading.text_content()
    assert heading.xpath(".//time[@datetime]")
    (answer,) = page.xpath(f"//article[@id='comment-{reply.pk}']")
    (heading,) = answer.xpath("./header/h4")  # one level below the conversation's opener
    assert "Greta W." in heading.text_content() and heading.xpath(".//time")
    # The thread's title is the h2 above them; the headings nest.
    assert page.xpath("//h2[@id='comments-title']")


def test_a_removed_comment_kept_for_its_replies_has_a_heading_too(client, article):
    top = make_comment(article, status="trash", tombstone=True, removal_reason="spam")
    make_comment(article, parent=top)
    from broadsheet.discussion.models import Thread

    Thread.objects.filter(pk=article.pk).update(has_tombstones=True)
    (removed,) = page_of(client, article).xpath(f"//article[@id='comment-{top.pk}']")
    assert removed.xpath("./h3[contains(@class, 'comment__removed')]")


def test_reply_links_name_whom_they_answer(client, article, english):
    top = make_comment(article, author_name="Moritz L.")
    (link,) = page_of(client, article).xpath(f"//a[@data-reply='{top.pk}']")
    assert link.get("aria-label") == "Reply to Moritz L."
    assert link.text_content() == "Reply"  # the visible label is part of the name (WCAG 2.5.3)


def test_reply_links_name_whom_they_answer_in_german(client, article):
    top = make_comment(article, author_name="Moritz L.")
    (link,) = page_of(client, article).xpath(f"//a[@data-reply='{top.pk}']")
    # The accessible name starts with the visible "Antworten", as voice control needs
    # (WCAG 2.5.3, axe's label-content-name-mismatch); the form's heading reads "Antwort an".
    assert link.text_content() == "Antworten"
    assert link.get("aria-label") == "Antworten an Moritz L."
    assert link.get("data-reply-label") == "Antwort an Moritz L."


def test_vote_buttons_say_what_they_do_and_the_count(client, article, english):
    top = make_comment(article, upvotes=2, downvotes=1234, score=-1232)
    (form,) = page_of(client, article).xpath(f"//article[@id='comment-{top.pk}']//form[@data-vote]")
    up, down = form.xpath(".//button")
    assert accessible_text(up) == "Vote up, votes so far: 2"
    assert accessible_text(down) == "Vote down, votes so far: 1,234"
    assert "▲" not in accessible_text(up)


def test_each_conversation_can_be_skipped_to_the_next_or_to_the_end(client, article):
    tops, _ = seed_thread(article, top_level=3, replies_each=2)
    lonely = make_comment(article)  # no replies: nothing to skip
    page = page_of(client, article)
    skips = page.xpath("//div[@data-conversation]/a[contains(@class, 'conversation__skip')]")
    assert [s.getparent().get("id") for s in skips] == [f"conversation-{t.pk}" for t in tops]
    targets = [s.get("href").removeprefix("#") for s in skips]
    assert targets == [
        f"conversation-{tops[1].pk}",
        f"conversation-{tops[2].pk}",
        f"conversation-{lonely.pk}",
    ]
    for target in targets:
        assert page.xpath(f"//*[@id='{target}']"), target
    assert not page.xpath(
        f"//*[@id='conversation-{lonely.pk}']/a[contains(@class, 'conversation__skip')]"
    )


def test_the_last_conversation_skips_to_the_end_or_to_the_next_page(client, article, settings):
    tops, _ = seed_thread(article, top_level=3, replies_each=1)
    page = page_of(client, article)
    (last,) = page.xpath(
        f"//*[@id='conversation-{tops[-1].pk}']/a[contains(@class, 'conversation__skip')]"
    )
    assert last.get("href") == "#comments-end"
    (end,) = page.xpath("//*[@id='comments-end']")
    assert end.getparent().get("data-thread") is not None  # inside the thread, after it
    settings.BROADSHEET_COMMENTS_PER_PAGE = 2
    page = page_of(client, article)
    (last,) = page.xpath(
        f"//*[@id='conversation-{tops[1].pk}']/a[contains(@class, 'conversation__skip')]"
    )
    assert last.get("href") == "#comments-more"
    (more,) = page.xpath("//*[@id='comments-more']")
    assert more.tag == "a" and more.getparent().get("data-load-more") is not None
    assert not page.xpath("//*[@id='comments-end']")


@pytest.fixture
def server_settings():
    return {"BROADSHEET_MODERATION": "none", "BROADSHEET_LANGUAGE": "en"}


@pytest.mark.browser
def test_a_screen_reader_finds_headings_named_buttons_and_skips_in_the_browser(
    browser_page, article
):
    top = make_comment(article, author_name="Moritz L.", upvotes=2, score=2)
    make_comment(article, parent=top, author_name="Greta W.")
    after = make_comment(article, author_name="Ben")
    page = browser_page
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=3, name="Moritz L.")).to_have_count(1)
    expect(page.get_by_role("heading", level=4, name="Greta W.")).to_have_count(1)
    expect(page.get_by_role("link", name="Reply to Moritz L.")).to_have_count(1)
    expect(page.get_by_role("button", name="Vote up, votes so far: 2")).to_have_count(1)
    skip = page.locator(f"#conversation-{top.pk} .conversation__skip")
    skip.focus()
    # Hidden until focused, then shown where the conversation is (not at the page's top).
    expect(skip).to_be_in_viewport()
    box, conversation = skip.bounding_box(), page.locator(f"#conversation-{top.pk}").bounding_box()
    assert abs(box["y"] - conversation["y"]) < 5
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is in Ben's comment, past every control of the skipped conversation.
    focused = page.evaluate("document.activeElement.closest('article')?.id")
    assert focused == f"comment-{after.pk}"


def test_a_more_replies_link_is_described_by_whose_conversation_it_is(client, article):
    tops, _ = seed_thread(article, top_level=1, replies_each=5)
    page = page_of(client, article)
    (link,) = page.xpath("//*[@data-more-replies]/a")
    (author,) = page.xpath(f"//*[@id='{link.get('aria-describedby')}']")
    assert author.text_content() == tops[0].author_name
