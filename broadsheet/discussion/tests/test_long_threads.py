"""Long threads stay light: each conversation opens with its first few replies and a
"N more replies" control that shows the rest in place (JS) or on the page (no JS)."""

import re

import lxml.html
import pytest
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_comment, seed_thread
from broadsheet.discussion import selectors
from broadsheet.discussion.models import Comment, Thread

from .conftest import Reader

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 150 * 1024
FRAGMENT = {"HTTP_X_BROADSHEET_FRAGMENT": "1"}


def anchors(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"', html)]


def conversation_of(html: str, root_pk: int):
    page = lxml.html.fromstring(html)
    (conversation,) = page.xpath(f"//*[@id='conversation-{root_pk}']")
    return conversation


def more_link(conversation):
    links = conversation.xpath(".//*[@data-more-replies]//a")
    return links[0] if links else None


def _cold_queries(client, url: str) -> tuple[int, bytes]:
    Thread.objects.update(version=F("version") + 1)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content


@pytest.fixture(autouse=True)
def _english(settings):
    # The labels are new: read in English until the German catalogue has them.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def article(db):
    return make_article("Streit um die Stadtbahn", slug="stadtbahn")


def test_a_10000_comment_thread_opens_under_150_kb_at_a_constant_query_count(client, article):
    url = article.get_absolute_url()
    seed_thread(article, top_level=100, replies_each=9)
    client.get(url)  # the site-wide caches
    small_queries, small = _cold_queries(client, url)
    seed_thread(article, top_level=900, replies_each=9, author_prefix="Mehr")
    assert Comment.objects.count() == 10_000
    Thread.objects.update(comment_count=10_000)  # seed_thread counts its own batch only
    large_queries, large = _cold_queries(client, url)
    assert small_queries == large_queries == 14  # 13, and the related articles' list
    assert len(large) < PAGE_BUDGET, len(large)
    html = large.decode()
    # A page of conversations, each with its opener and three replies.
    assert len(anchors(html)) == 15 * 4
    assert html.count("data-more-replies") == 15
    assert "10,000 comments" in html


def test_the_demos_biggest_thread_opens_under_150_kb(client, settings, tmp_path):
    from broadsheet.publishing.demo import loader

    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    loader.load_demo()
    thread = Thread.objects.select_related("article").order_by("-comment_count").first()
    replies = Comment.objects.filter(article=thread.article, parent__isnull=False).count()
    assert replies > 3 * 50 or thread.comment_count > 100  # a thread that used to be heavy
    response = client.get(thread.article.get_absolute_url())
    assert response.status_code == 200
    assert len(response.content) < PAGE_BUDGET, len(response.content)


@pytest.mark.parametrize("shown", [1, 3, 5])
def test_each_conversation_shows_the_first_replies_and_says_how_many_more(
    client, article, settings, shown
):
    settings.BROADSHEET_REPLIES_SHOWN = shown
    (top,), replies = seed_thread(article, top_level=1, replies_each=9)
    in_order = sorted(replies, key=lambda r: r.path)
    conversation = conversation_of(client.get(article.get_absolute_url()).content, top.pk)
    shown_ids = [int(a.get("data-comment")) for a in conversation.xpath(".//article")]
    assert shown_ids == [top.pk, *[r.pk for r in in_order[:shown]]]
    assert more_link(conversation).text_content() == f"{9 - shown} more replies"


def test_the_more_replies_label_is_a_proper_plural(client, article):
    (top,), _ = seed_thread(article, top_level=1, replies_each=4)
    one = conversation_of(client.get(article.get_absolute_url()).content, top.pk)
    assert more_link(one).text_content() == "1 more reply"
    make_comment(article, parent=Comment.objects.get(depth=1))
    Thread.objects.update(version=F("version") + 1)  # make_comment bypasses the services
    two = conversation_of(client.get(article.get_absolute_url()).content, top.pk)
    assert more_link(two).text_content() == "2 more replies"


def test_setting_zero_shows_every_reply_and_no_control(client, article, settings):
    settings.BROADSHEET_REPLIES_SHOWN = 0
    seed_thread(article, top_level=2, replies_each=9)
    html = client.get(article.get_absolute_url()).content.decode()
    assert len(anchors(html)) == 20 and "data-more-replies" not in html


def test_a_conversation_with_few_replies_has_no_control(client, article):
    seed_thread(article, top_level=3, replies_each=3)
    html = client.get(article.get_absolute_url()).content.decode()
    assert len(anchors(html)) == 12 and "data-more-replies" not in html


def test_the_more_link_works_without_js_and_keeps_the_page_and_sort(client, article, settings):
    settings.BROADSHEET_COMMENTS_PER_PAGE = 2
    tops, replies = seed_thread(article, top_level=4, replies_each=6)
    first = client.get(article.get_absolute_url() + "?sort=newest").content.decode()
    later = re.search(r'<p class="load-more" data-load-more>\s*<a href="([^"]+)"', first)
    second_url = article.get_absolute_url() + later.group(1).replace("&amp;", "&").split("#")[0]
    second = client.get(second_url).content
    root = tops[1]  # newest first: the second page holds tops[1] and tops[0]
    link = more_link(conversation_of(second, root.pk))
    href = link.get("href")
    path, _, anchor = href.partition("#")
    assert path.startswith(article.get_absolute_url()) and "sort=newest" in path
    assert "after=" in path and f"conversation={root.pk}" in path
    assert anchor == f"conversation-{root.pk}-more"
    whole = client.get(path)
    assert whole.status_code == 200
    conversation = conversation_of(whole.content, root.pk)
    theirs = sorted((r for r in replies if r.root_id == root.pk), key=lambda r: r.path)
    assert [int(a.get("data-comment")) for a in conversation.xpath(".//article")] == [
        root.pk,
        *[r.pk for r in theirs],
    ]
    assert more_link(conversation) is None
    # The anchor lands on the first reply the reader had not seen.
    (landing,) = conversation.xpath(f".//*[@id='{anchor}']//article")
    assert int(landing.get("data-comment")) == theirs[3].pk
    # The rest of the page is the same page: the other conversation stays short.
    assert more_link(conversation_of(whole.content, tops[0].pk)) is not None


def test_the_fragment_returns_the_whole_conversation_for_js(client, article):
    tops, replies = seed_thread(article, top_level=2, replies_each=7)
    root = tops[0]
    link = more_link(conversation_of(client.get(article.get_absolute_url()).content, root.pk))
    response = client.get(link.get("data-href"), **FRAGMENT)
    assert response.status_code == 200
    html = response.content.decode()
    theirs = sorted((r for r in replies if r.root_id == root.pk), key=lambda r: r.path)
    assert anchors(html) == [root.pk, *[r.pk for r in theirs]]
    assert "data-more-replies" not in html and "<html" not in html
    assert "__BROADSHEET_FORM_TS__" not in html  # every vote form gets its own token


def test_the_fragment_of_a_missing_or_foreign_conversation_is_404(client, article):
    tops, replies = seed_thread(article, top_level=1, replies_each=4)
    other = make_article("Ein anderer Artikel")
    foreign = make_comment(other)
    pending = make_comment(article, status="pending")
    for pk in (replies[0].pk, foreign.pk, pending.pk, 999_999):
        url = f"/discussion/{article.pk}/conversations/{pk}/"
        assert client.get(url, **FRAGMENT).status_code == 404, pk
    assert client.get("/discussion/999999/conversations/1/", **FRAGMENT).status_code == 404


def test_the_fragment_address_without_js_sends_the_browser_to_the_page(client, article):
    tops, _ = seed_thread(article, top_level=1, replies_each=5)
    response = client.get(f"/discussion/{article.pk}/conversations/{tops[0].pk}/")
    assert response.status_code == 302
    assert response["Location"] == (
        f"{article.get_absolute_url()}?conversation={tops[0].pk}#conversation-{tops[0].pk}-more"
    )


def test_the_fragment_costs_a_fixed_number_of_queries(client, article):
    def cold(root_pk):
        url = f"/discussion/{article.pk}/conversations/{root_pk}/"
        caches["fragments"].clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **FRAGMENT).status_code == 200
        return len(captured)

    (small,), _ = seed_thread(article, top_level=1, replies_each=20)
    (large,), _ = seed_thread(article, top_level=1, replies_each=400, author_prefix="Mehr")
    # The article with its thread, the opener, its replies; the site chrome (the
    # publication decides whether comments are open), cold like everything else.
    assert cold(small.pk) == cold(large.pk) == 7


def test_a_new_reply_changes_the_count_for_readers_of_the_cached_page(client, article, settings):
    settings.BROADSHEET_MODERATION = "none"
    tops, replies = seed_thread(article, top_level=1, replies_each=5)
    url = article.get_absolute_url()
    assert more_link(conversation_of(client.get(url).content, tops[0].pk)).text_content() == (
        "2 more replies"
    )
    writer = Reader(Client())
    response = writer.post_comment(article, "Noch eine Antwort.", reply_to=replies[-1].pk)
    assert response.status_code == 303
    assert more_link(conversation_of(client.get(url).content, tops[0].pk)).text_content() == (
        "3 more replies"
    )


def test_approving_and_rejecting_a_reply_changes_the_count_on_the_cached_page(
    client, article, moderator
):
    from broadsheet.moderation import services as moderation
    from broadsheet.moderation.models import Reason

    tops, replies = seed_thread(article, top_level=1, replies_each=5)
    held = make_comment(article, parent=replies[0], status="pending")
    url = article.get_absolute_url()

    def label():
        return more_link(conversation_of(client.get(url).content, tops[0].pk)).text_content()

    assert label() == "2 more replies"  # cached now
    moderation.approve_comments(Comment.objects.filter(pk=held.pk), actor=moderator)
    assert label() == "3 more replies"
    moderation.reject_comments(
        Comment.objects.filter(pk=replies[-1].pk), actor=moderator, reason=Reason.SPAM
    )
    assert label() == "2 more replies"


def test_the_number_of_replies_shown_is_part_of_the_page_cache_key(client, article, settings):
    tops, _ = seed_thread(article, top_level=1, replies_each=6)
    url = article.get_absolute_url()
    assert len(anchors(client.get(url).content.decode())) == 4
    settings.BROADSHEET_REPLIES_SHOWN = 5  # a restart with another setting, same cache
    assert len(anchors(client.get(url).content.decode())) == 6


def test_a_reply_past_the_first_ones_is_reached_by_its_permalink(client, article):
    tops, replies = seed_thread(article, top_level=1, replies_each=6)
    last = max(replies, key=lambda r: r.path)
    response = client.get(f"/comment/{last.pk}/")
    assert response.status_code == 302
    location = response["Location"]
    assert f"conversation={tops[0].pk}" in location and location.endswith(f"#comment-{last.pk}")
    assert f'id="comment-{last.pk}"' in client.get(location.split("#")[0]).content.decode()
    first = min(replies, key=lambda r: r.path)
    assert "conversation=" not in client.get(f"/comment/{first.pk}/")["Location"]


def test_a_readers_own_pending_reply_is_shown_in_place_even_past_the_first_ones(article, settings):
    settings.BROADSHEET_MODERATION = "all"
    tops, replies = seed_thread(article, top_level=1, replies_each=6)
    lea = Reader(Client())
    last = max(replies, key=lambda r: r.path)
    response = lea.post_comment(article, "Meine Antwort.", reply_to=last.pk)
    assert response.status_code == 303
    mine = Comment.objects.get(body="Meine Antwort.")
    assert mine.status == "pending"
    assert response["Location"].endswith(f"#comment-{mine.pk}")
    html = lea.page(article)
    assert f'id="comment-{mine.pk}"' in html
    # The count leaves out only what is not shown: 6 replies, 3 shown, plus hers.
    assert more_link(conversation_of(html, tops[0].pk)).text_content() == "3 more replies"
    assert (
        f'id="comment-{mine.pk}"' not in Client().get(article.get_absolute_url()).content.decode()
    )


def test_moderators_see_held_replies_inline_past_the_first_ones(client, article, moderator):
    tops, replies = seed_thread(article, top_level=1, replies_each=6)
    last = max(replies, key=lambda r: r.path)
    held = make_comment(article, parent=last, status="pending", body="Wartet.")
    client.force_login(moderator)
    html = client.get(article.get_absolute_url()).content.decode()
    conversation = conversation_of(html, tops[0].pk)
    (item,) = conversation.xpath(f".//article[@id='comment-{held.pk}']")
    assert "comment--pending" in item.get("class")
    assert item.xpath(".//*[contains(@class, 'comment__moderate')]")


def test_the_page_cache_keeps_a_whole_conversation_apart_from_the_short_one(client, article):
    tops, _ = seed_thread(article, top_level=1, replies_each=6)
    url = article.get_absolute_url()
    short = client.get(url).content.decode()
    whole = client.get(f"{url}?conversation={tops[0].pk}").content.decode()
    assert len(anchors(short)) == 4 and len(anchors(whole)) == 7
    assert len(anchors(client.get(url).content.decode())) == 4


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1e3", "²", "9" * 40])
def test_a_broken_conversation_parameter_shows_the_ordinary_page(client, article, value):
    seed_thread(article, top_level=1, replies_each=6)
    response = client.get(article.get_absolute_url(), {"conversation": value})
    assert response.status_code == 200
    assert len(anchors(response.content.decode())) == 4


def test_replies_are_read_in_one_query_whatever_the_conversation_size(article):
    tops, _ = seed_thread(article, top_level=5, replies_each=30)
    viewer = type("V", (), {"own_comment_ids": [], "user_id": None})()
    with CaptureQueriesContext(connection) as captured:
        page = selectors.thread_page(article, viewer=viewer, sort="oldest")
    assert len(captured) == 2
    assert all(len(replies) == 3 for _, replies in page.entries)
    assert page.more_replies == {t.pk: 27 for t in tops}


# --- In the browser, through the real server ----------------------------------------


@pytest.fixture
def server_settings():
    return {
        "BROADSHEET_MODERATION": "none",
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
        "BROADSHEET_VOTE_MIN_SECONDS": "0",
        "BROADSHEET_LANGUAGE": "en",
    }


@pytest.mark.browser
def test_more_replies_load_in_place_and_focus_moves_to_the_first_new_one(
    browser_page, browser_console, article
):
    tops, replies = seed_thread(article, top_level=2, replies_each=7)
    theirs = sorted((r for r in replies if r.root_id == tops[0].pk), key=lambda r: r.path)
    page = browser_page
    page.goto(article.get_absolute_url())
    conversation = page.locator(f"#conversation-{tops[0].pk}")
    expect(conversation.locator("article.comment")).to_have_count(4)
    address = page.url
    conversation.get_by_role("link", name="4 more replies").click()
    expect(conversation.locator("article.comment")).to_have_count(8)
    expect(conversation.locator("[data-more-replies]")).to_have_count(0)
    expect(page.locator(f"#comment-{theirs[3].pk}")).to_be_focused()
    assert page.url == address  # in place: no navigation
    # The other conversation is untouched.
    expect(page.locator(f"#conversation-{tops[1].pk} article.comment")).to_have_count(4)
    # The loaded replies work like the others: a vote counts.
    new = page.locator(f"#comment-{theirs[5].pk}")
    before = int(new.locator("[data-up]").inner_text())
    new.locator(".vote__up").click()
    expect(new.locator("[data-up]")).to_have_text(str(before + 1))
    assert not browser_console.csp_violations()
    assert not [m for m in browser_console.messages if m.startswith("pageerror")]


@pytest.mark.browser
def test_more_replies_without_js_lands_on_the_first_new_reply(
    chromium_browser, site_server, settings, article
):
    tops, replies = seed_thread(article, top_level=1, replies_each=5)
    theirs = sorted(replies, key=lambda r: r.path)
    context = chromium_browser.new_context(base_url=site_server.base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(article.get_absolute_url())
        page.get_by_role("link", name="2 more replies").click()
        expect(page.locator(f"#conversation-{tops[0].pk} article.comment")).to_have_count(6)
        assert page.url.endswith(f"#conversation-{tops[0].pk}-more")
        expect(page.locator(f"#comment-{theirs[3].pk}")).to_be_visible()
    finally:
        context.close()
