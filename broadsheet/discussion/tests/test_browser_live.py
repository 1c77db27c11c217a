"""Live threads in real browsers against `broadsheet serve`: the notice, and unread marks."""

import datetime
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from broadsheet.core.browser import DEFAULT_TIMEOUT_MS
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.moderation.services import approve_comments

pytestmark = pytest.mark.browser

POLL_SECONDS = 1
UNREAD = re.compile(r"\bcomment--unread\b")
# Long enough for two polls and the server's one-second copy to expire.
NOTICE_TIMEOUT_MS = 5_000

HIDE = """() => {
  Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
  document.dispatchEvent(new Event("visibilitychange"));
}"""
SHOW = """() => {
  Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


@pytest.fixture
def server_settings():
    return {
        "BROADSHEET_LANGUAGE": "en",
        "BROADSHEET_MODERATION": "all",
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
        "BROADSHEET_LIVE_POLL_SECONDS": str(POLL_SECONDS),
        "BROADSHEET_COMMENTS_PER_PAGE": "2",
    }


@pytest.fixture
def article(db):
    article = make_article("Die Stadtbahn kommt", slug="stadtbahn", body="Die Stadt baut.")
    start = timezone.now() - datetime.timedelta(days=1)
    make_comment(article, author_name="Jonas", body="Der erste Beitrag.", created_at=start)
    make_comment(
        article,
        author_name="Mira",
        body="Der zweite Beitrag.",
        created_at=start + datetime.timedelta(hours=1),
    )
    return article


@pytest.fixture
def second_browser(chromium_browser, site_server):
    context = chromium_browser.new_context(base_url=site_server.base_url, locale="en")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def live_polls(page) -> list[float]:
    """When the page asked the live endpoint (filled in as it asks)."""
    times: list[float] = []
    page.on("request", lambda r: times.append(time.monotonic()) if "/live/" in r.url else None)
    return times


def wait_for_polls(page, times: list[float], count: int) -> None:
    deadline = time.monotonic() + 10
    while len(times) < count:
        assert time.monotonic() < deadline, f"only {len(times)} polls"
        page.wait_for_timeout(100)


def post_as_guest(page, body: str) -> None:
    form = page.locator("[data-comment-form]")
    form.locator("#comment-name").fill("Lea Leserin")
    form.locator("#comment-email").fill("lea@example.org")
    form.locator("#comment-body").fill(body)
    form.get_by_role("button", name="Post comment").click()


def test_a_reader_sees_approved_comments_arrive_and_never_a_held_one(
    browser_page, second_browser, browser_console, article, moderator
):
    reader = browser_page
    polls = live_polls(reader)
    reader.goto(article.get_absolute_url())
    expect(reader.locator(".comment")).to_have_count(2)

    guest = second_browser
    guest.goto(article.get_absolute_url())
    post_as_guest(guest, "Ein Gedanke aus dem zweiten Browser.")
    expect(guest.locator("[data-announce]")).to_have_text(
        "Thank you! Your comment is awaiting moderation."
    )
    held = Comment.objects.get(body="Ein Gedanke aus dem zweiten Browser.")
    assert held.status == Comment.Status.PENDING

    # Three polls after the comment was held (the server keeps an answer a second):
    # the reader is told nothing about it.
    wait_for_polls(reader, polls, len(polls) + 3)
    expect(reader.locator("[data-live-notice]")).to_be_hidden()

    approve_comments(Comment.objects.filter(pk=held.pk), actor=moderator)
    notice = reader.locator("[data-live-show]")
    expect(notice).to_have_text("1 new comment — show", timeout=NOTICE_TIMEOUT_MS)
    expect(reader.locator("[data-announce]")).to_have_text("1 new comment — show")
    notice.click()

    arrived = reader.locator(f"#comment-{held.pk}")
    expect(arrived).to_contain_text("Ein Gedanke aus dem zweiten Browser.")
    expect(arrived).to_have_class(UNREAD)
    expect(arrived.locator(".comment__unread")).to_have_text("New")
    expect(arrived).to_be_focused()
    expect(reader.locator("[data-announce]")).to_have_text(
        "The new comments are shown, newest first."
    )
    expect(reader.locator("[data-live-notice]")).to_be_hidden()
    expect(reader.locator("[aria-current][data-sort]")).to_have_attribute("data-sort", "newest")
    expect(reader.locator(".conversation").first).to_contain_text("aus dem zweiten Browser")
    # Only the one that arrived is marked; the two the reader had are not.
    expect(reader.locator(".comment--unread")).to_have_count(1)
    # The notice does not come back for what is already shown.
    wait_for_polls(reader, polls, len(polls) + 3)
    expect(reader.locator("[data-live-notice]")).to_be_hidden()
    assert browser_console.csp_violations() == []
    assert not [m for m in browser_console.messages if m.startswith("pageerror")]


def test_a_hidden_tab_stops_asking_and_asks_again_when_shown(browser_page, article):
    page = browser_page
    polls = live_polls(page)
    page.goto(article.get_absolute_url())
    wait_for_polls(page, polls, 2)

    page.evaluate(HIDE)
    hidden_at = len(polls)
    page.wait_for_timeout(4 * POLL_SECONDS * 1000)
    assert len(polls) == hidden_at  # four intervals, not one request

    page.evaluate(SHOW)
    wait_for_polls(page, polls, hidden_at + 2)  # asks at once, then on schedule again


def test_errors_make_the_page_ask_less_and_less_often(browser_page, article):
    page = browser_page
    page.route("**/live/", lambda route: route.fulfill(status=503, body="busy"))
    polls = live_polls(page)
    page.goto(article.get_absolute_url())
    wait_for_polls(page, polls, 1)
    page.wait_for_timeout(7_000)
    # Every second without backoff (eight); with it after 2, 4 and 8 s: at most three.
    assert 2 <= len(polls) <= 3, polls
    gaps = [later - earlier for earlier, later in zip(polls, polls[1:], strict=False)]
    assert all(gap >= 1.6 for gap in gaps), gaps


def test_a_removed_article_stops_the_page_asking(browser_page, article):
    page = browser_page
    polls = live_polls(page)
    page.goto(article.get_absolute_url())
    wait_for_polls(page, polls, 1)
    article.status = "draft"
    article.save()
    page.wait_for_timeout(4_000)  # one answer may still come from the server's copy
    stopped_at = len(polls)
    page.wait_for_timeout(3 * POLL_SECONDS * 1000)
    assert len(polls) == stopped_at


def test_a_returning_reader_sees_only_what_is_new_since_the_last_visit(
    browser_page, article, moderator
):
    page = browser_page
    # On the second page at the first visit: never shown then, but not new either.
    unseen = make_comment(
        article, author_name="Ole", body="Auf Seite zwei.",
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )  # fmt: skip
    page.goto(article.get_absolute_url())
    expect(page.locator(".comment")).to_have_count(2)
    expect(page.locator(".comment--unread")).to_have_count(0)  # a first visit marks nothing

    late = make_comment(article, status=Comment.Status.PENDING, body="Während du weg warst.")
    approve_comments(Comment.objects.filter(pk=late.pk), actor=moderator)
    page.goto("about:blank")
    page.goto(article.get_absolute_url())
    expect(page.locator(".comment")).to_have_count(2)
    expect(page.locator(".comment--unread")).to_have_count(0)
    page.get_by_role("link", name="Load more comments").click()
    expect(page.locator(".comment")).to_have_count(4)
    marked = page.locator(".comment--unread")
    expect(marked).to_have_count(1)
    expect(marked).to_have_id(f"comment-{late.pk}")
    expect(marked.locator(".comment__unread")).to_have_text("New")
    expect(marked.locator(".comment__unread")).to_have_class("comment__unread visually-hidden")
    expect(page.locator(f"#comment-{unseen.pk}")).not_to_have_class(UNREAD)

    page.reload()
    page.get_by_role("link", name="Load more comments").click()
    expect(page.locator(".comment")).to_have_count(4)
    expect(page.locator(".comment--unread")).to_have_count(0)  # seen now


def test_a_garbled_memory_counts_as_a_first_visit(browser_page, article):
    page = browser_page
    page.goto(article.get_absolute_url())
    page.evaluate(f"localStorage.setItem('broadsheet:seen:{article.pk}', '{{not json')")
    page.reload()
    expect(page.locator(".comment")).to_have_count(2)
    expect(page.locator(".comment--unread")).to_have_count(0)
    remembered = page.evaluate(f"JSON.parse(localStorage.getItem('broadsheet:seen:{article.pk}'))")
    assert remembered["id"] == max(Comment.objects.values_list("pk", flat=True))


def test_without_javascript_nothing_asks_and_nothing_shows(chromium_browser, site_server, article):
    context = chromium_browser.new_context(base_url=site_server.base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        polls = live_polls(page)
        page.goto(article.get_absolute_url())
        expect(page.locator(".comment")).to_have_count(2)
        expect(page.locator("[data-live-notice]")).to_be_hidden()
        page.wait_for_timeout(2 * POLL_SECONDS * 1000)
        assert polls == []
    finally:
        context.close()


class TestOwnComment:
    @pytest.fixture
    def server_settings(self):
        return {
            "BROADSHEET_LANGUAGE": "en",
            "BROADSHEET_MODERATION": "none",
            "BROADSHEET_COMMENT_MIN_SECONDS": "0",
            "BROADSHEET_LIVE_POLL_SECONDS": str(POLL_SECONDS),
        }

    def test_the_readers_own_published_comment_is_no_news_to_them(self, browser_page, article):
        page = browser_page
        polls = live_polls(page)
        page.goto(article.get_absolute_url())
        post_as_guest(page, "Mein eigener Beitrag.")
        expect(page.locator("[data-announce]")).to_have_text("Your comment has been published.")
        mine = Comment.objects.get(body="Mein eigener Beitrag.")
        assert mine.status == Comment.Status.APPROVED
        wait_for_polls(page, polls, len(polls) + 3)
        expect(page.locator("[data-live-notice]")).to_be_hidden()
        expect(page.locator(f"#comment-{mine.pk}")).not_to_have_class(UNREAD)
