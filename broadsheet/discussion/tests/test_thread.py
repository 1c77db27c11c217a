"""Reading a thread: order, pages, deep links, and a constant query budget."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadsheet.core.testing import make_comment, seed_thread
from broadsheet.discussion import selectors
from broadsheet.discussion.models import Comment, Thread

pytestmark = pytest.mark.django_db


def anchors(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"', html)]


def test_sort_tabs_order_top_level_comments_and_keep_replies_in_conversation(client, article):
    now = timezone.now()
    old = make_comment(article, created_at=now - datetime.timedelta(hours=3), upvotes=1, score=1)
    popular = make_comment(
        article, created_at=now - datetime.timedelta(hours=2), upvotes=9, score=9
    )
    new = make_comment(article, created_at=now - datetime.timedelta(hours=1))
    first_reply = make_comment(article, parent=old, created_at=now)
    nested = make_comment(article, parent=first_reply, created_at=now)
    second_reply = make_comment(article, parent=old, created_at=now)

    def page(sort):
        return anchors(client.get(f"{article.get_absolute_url()}?sort={sort}").content.decode())

    conversation = [old.pk, first_reply.pk, nested.pk, second_reply.pk]
    assert page("oldest") == [*conversation, popular.pk, new.pk]
    assert page("newest") == [new.pk, popular.pk, *conversation]
    assert page("voted") == [popular.pk, *conversation, new.pk]
    assert page("bogus") == page("oldest")


def test_the_default_sort_is_configurable(client, article, settings):
    settings.BROADSHEET_COMMENT_SORT = "newest"
    first = make_comment(article, created_at=timezone.now() - datetime.timedelta(hours=1))
    second = make_comment(article)
    assert anchors(client.get(article.get_absolute_url()).content.decode()) == [second.pk, first.pk]


@pytest.mark.parametrize("sort", selectors.SORTS)
def test_load_more_walks_every_page_by_keyset_without_gaps_or_repeats(
    client, article, settings, sort
):
    settings.BROADSHEET_COMMENTS_PER_PAGE = 4
    tops, _ = seed_thread(article, top_level=10)
    seen, url = [], f"{article.get_absolute_url()}?sort={sort}"
    for _page in range(5):
        html = client.get(url).content.decode()
        seen += anchors(html)
        more = re.search(r'<p class="load-more" data-load-more>\s*<a href="([^"]+)"', html)
        if not more:
            break
        url = article.get_absolute_url() + more.group(1).replace("&amp;", "&").split("#")[0]
    assert sorted(seen) == sorted(c.pk for c in tops)
    assert len(seen) == len(set(seen)) == 10


def test_the_load_more_fragment_returns_only_the_next_page(client, article, settings):
    settings.BROADSHEET_COMMENTS_PER_PAGE = 3
    tops, _ = seed_thread(article, top_level=5)
    first = client.get(article.get_absolute_url()).content.decode()
    link = re.search(r'data-href="([^"]+)"', first).group(1).replace("&amp;", "&")
    fragment = client.get(link)
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert anchors(fragment.content.decode()) == [c.pk for c in tops[3:]]


@pytest.mark.parametrize("cursor", ["garbage", "%%%", "MTIz", "eHx5"])
def test_a_broken_cursor_starts_from_the_beginning_instead_of_failing(client, article, cursor):
    make_comment(article)
    assert client.get(f"{article.get_absolute_url()}?after={cursor}").status_code == 200


def test_a_permalink_deep_in_a_long_thread_lands_on_the_page_that_holds_it(
    client, article, settings
):
    settings.BROADSHEET_COMMENTS_PER_PAGE = 50
    tops, replies = seed_thread(article, top_level=180, replies_each=2)
    target = [r for r in replies if r.root_id == tops[137].pk][-1]
    response = client.get(f"/comment/{target.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{target.pk}")
    html = client.get(response["Location"].split("#")[0]).content.decode()
    shown = anchors(html)
    assert target.pk in shown
    assert tops[100].pk in shown and tops[149].pk in shown and tops[99].pk not in shown


def test_permalinks_of_hidden_comments_are_404(client, article):
    for status in ("pending", "spam", "trash"):
        assert client.get(f"/comment/{make_comment(article, status=status).pk}/").status_code == 404


def test_relative_times_read_naturally_in_both_languages(client, article, settings):
    make_comment(article, created_at=timezone.now() - datetime.timedelta(days=800))
    html = client.get(article.get_absolute_url()).content.decode()
    assert ">vor 2 Jahren</time>" in html
    settings.LANGUAGE_CODE = "en"
    assert ">2 years ago</time>" in client.get(article.get_absolute_url()).content.decode()


def test_avatars_are_drawn_locally_without_third_party_requests(client, article):
    make_comment(article, author_name="Anna Berger", author_email="anna@example.org")
    html = client.get(article.get_absolute_url()).content.decode()
    comments = html.split('id="comments"')[1]
    assert '<svg class="avatar"' in comments and ">AB</text>" in comments
    assert "gravatar" not in comments and "<img" not in comments
    assert "anna@example.org" not in html


def _queries(client, url):
    """Queries for one page view with every fragment cold: the worst case."""
    Thread.objects.update(version=F("version") + 1)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_page_of_fifty_conversations_costs_the_same_queries_at_1000_and_10000_comments(
    client, article, settings
):
    settings.BROADSHEET_COMMENTS_PER_PAGE = 50
    urls = [f"{article.get_absolute_url()}?sort={sort}" for sort in selectors.SORTS]
    seed_thread(article, top_level=100, replies_each=9)
    assert Comment.objects.count() == 1_000
    client.get(urls[0])  # warm the site-wide caches
    small = [_queries(client, url) for url in urls]
    seed_thread(article, top_level=900, replies_each=9, author_prefix="Mehr")
    assert Comment.objects.count() == 10_000
    large = [_queries(client, url) for url in urls]
    assert small == large
    # Exact, with every fragment cold (the site chrome included, which lives there, and
    # the "More on this topic" list under the article: one query).
    assert large == [14, 14, 14]
    for url in urls:
        # 50 conversations of ten: each opens with three replies (BROADSHEET_REPLIES_SHOWN).
        assert len(anchors(client.get(url).content.decode())) == 200


def test_a_returning_voter_costs_a_fixed_number_of_extra_queries(client, article):
    tops, _ = seed_thread(article, top_level=60, replies_each=2)
    from .conftest import Reader

    Reader(client).vote(tops[0], "up")
    url = article.get_absolute_url()
    client.get(url)
    small = _queries(client, url)
    seed_thread(article, top_level=200, replies_each=2, author_prefix="Mehr")
    assert _queries(client, url) == small == 16  # 14 for anyone, 2 for the voter


def _plan(sql, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(str(row) for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
        return plan


@pytest.mark.parametrize(
    ("sort", "index"),
    [
        ("oldest", "comment_top_by_time"),
        ("newest", "comment_top_by_time"),
        ("voted", "comment_top_by_score"),
    ],
)
def test_each_sort_order_is_served_by_an_index(article, sort, index):
    seed_thread(article, top_level=50, replies_each=1)
    viewer = type("V", (), {"own_comment_ids": [], "user_id": None})()
    query = (
        Comment.objects.filter(article=article, kind="comment")
        .visible_to(viewer)
        .top_level()
        .order_by(*selectors.ORDERING[sort])[:51]
    )
    sql, params = query.query.sql_with_params()
    assert index in _plan(sql, params)


def test_replies_are_read_by_the_subtree_index(article):
    tops, _ = seed_thread(article, top_level=20, replies_each=3)
    query = Comment.objects.filter(root__in=[t.pk for t in tops[:5]]).order_by("root_id", "path")
    sql, params = query.query.sql_with_params()
    assert "comment_subtree" in _plan(sql, params)
