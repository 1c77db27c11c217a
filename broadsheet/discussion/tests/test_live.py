"""The live endpoint: what every open article page asks every few seconds."""

import json
import os
import re
import subprocess
import sys
import time

import pytest
from django.core.cache import caches

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion import live
from broadsheet.discussion.models import Comment
from broadsheet.moderation.services import approve_comments

from .conftest import Reader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cold_processes():
    live.forget_local()
    yield
    live.forget_local()


def live_url(article) -> str:
    return f"/discussion/{article.pk}/live/"


def forget_everything():
    """A cold start: no process copy, no shared entry."""
    live.forget_local()
    for alias in ("default", "fragments"):
        caches[alias].clear()


def poll(client, article) -> dict:
    response = client.get(live_url(article))
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_a_warm_poll_costs_no_query(client, article, django_assert_num_queries):
    make_comment(article)
    poll(client, article)
    with django_assert_num_queries(0):
        assert poll(client, article)["count"] == 1


def test_a_cold_poll_costs_exactly_one_query_whatever_the_thread_size(
    client, article, django_assert_num_queries
):
    for _ in range(3):
        make_comment(article)
    forget_everything()
    with django_assert_num_queries(1):
        assert poll(client, article)["count"] == 3
    for _ in range(27):
        make_comment(article)
    forget_everything()
    with django_assert_num_queries(1):
        assert poll(client, article)["count"] == 30


def test_another_process_reads_the_shared_answer_without_a_query(
    client, article, django_assert_num_queries
):
    make_comment(article)
    poll(client, article)
    live.forget_local()  # as a second process would start: only the shared cache is warm
    with django_assert_num_queries(0):
        assert poll(client, article)["count"] == 1


def test_the_answer_names_the_thread_version(client, article):
    make_comment(article)
    article.thread.refresh_from_db()
    assert poll(client, article) == {"count": 1, "version": article.thread.version}


def test_an_article_without_a_thread_yet_has_no_comments(client, article):
    assert poll(client, article) == {"count": 0, "version": 0}


def test_held_comments_are_not_counted_until_a_moderator_approves_them(
    client, article, settings, moderator
):
    settings.BROADSHEET_MODERATION = "all"
    make_comment(article)
    response = Reader(client).post_comment(article, "Bitte erst prüfen.", fragment=True)
    assert response.status_code == 201
    held = Comment.objects.get(body="Bitte erst prüfen.")
    assert held.status == Comment.Status.PENDING
    forget_everything()
    assert poll(client, article)["count"] == 1  # the author's own held comment neither

    approve_comments(Comment.objects.filter(pk=held.pk), actor=moderator)
    forget_everything()
    assert poll(client, article)["count"] == 2


def test_an_approval_shows_once_the_answer_has_expired(client, article, settings, moderator):
    settings.BROADSHEET_LIVE_POLL_SECONDS = 1  # answers are kept for a second
    held = make_comment(article, status=Comment.Status.PENDING)
    assert poll(client, article)["count"] == 0
    approve_comments(Comment.objects.filter(pk=held.pk), actor=moderator)
    assert poll(client, article)["count"] == 0  # within the second: the kept answer
    time.sleep(1.05)
    assert poll(client, article)["count"] == 1


def test_a_rejected_comment_leaves_the_count(client, article, moderator):
    from broadsheet.moderation.services import mark_spam

    spam = make_comment(article)
    make_comment(article)
    mark_spam(Comment.objects.filter(pk=spam.pk), actor=moderator)
    forget_everything()
    assert poll(client, article)["count"] == 1


def test_every_reader_gets_the_same_cacheable_answer(client, article):
    make_comment(article)
    Reader(client).post_comment(article, "Ich war schon hier.")  # a returning reader
    response = client.get(live_url(article))
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=5"
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_max_age_is_never_longer_than_the_poll_interval(client, article, settings):
    settings.BROADSHEET_LIVE_POLL_SECONDS = 2
    assert client.get(live_url(article))["Cache-Control"] == "public, max-age=2"


@pytest.mark.parametrize("state", ["draft", "missing", "absurd"])
def test_unpublished_missing_and_absurd_articles_are_gone(client, article, state):
    if state == "draft":
        url = live_url(make_article(status="draft"))
    elif state == "missing":
        url = f"/discussion/{article.pk + 1000}/live/"
    else:
        url = f"/discussion/{10**30}/live/"
    response = client.get(url)
    assert response.status_code == 410
    assert json.loads(response.content) == {"error": "not-found"}


def test_a_not_found_answer_costs_one_query_cold_and_none_warm(
    client, django_assert_num_queries, db
):
    with django_assert_num_queries(1):
        assert client.get("/discussion/999999/live/").status_code == 410
    with django_assert_num_queries(0):
        assert client.get("/discussion/999999/live/").status_code == 410


def test_it_only_answers_reads(client, article):
    assert client.post(live_url(article)).status_code == 405
    assert client.head(live_url(article)).status_code == 200


def test_each_process_keeps_a_bounded_number_of_articles(
    client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(live, "LOCAL_MAX_ARTICLES", 2)
    first, second, third = (make_article() for _ in range(3))
    for article in (first, second, third):
        poll(client, article)
    caches["default"].clear()  # only the process copies are left
    assert list(live._local) == [second.pk, third.pk]
    with django_assert_num_queries(1):
        poll(client, first)  # pushed out by the third


def test_switched_off_the_endpoint_is_gone_and_the_page_does_not_poll(client, article, settings):
    settings.BROADSHEET_LIVE_POLL_SECONDS = 0
    assert client.get(live_url(article)).status_code == 410
    html = client.get(article.get_absolute_url()).content.decode()
    assert "data-live-url" not in html
    assert 'data-live-count="0"' in html  # unread marks still work


def test_the_page_tells_the_script_what_it_holds_and_where_to_ask(client, article, settings):
    settings.LANGUAGE_CODE = "en"
    make_comment(article)
    for _view in ("rendered", "from the discussion cache"):
        html = client.get(article.get_absolute_url()).content.decode()
        section = re.search(r"<section[^>]*data-discussion[^>]*>", html).group(0)
        assert f'data-live-url="/discussion/{article.pk}/live/"' in section
        assert 'data-live-count="1"' in section
        assert 'data-live-seconds="20"' in section
        assert 'data-msg-live-one="{n} new comment — show"' in section
        assert 'data-msg-live-other="{n} new comments — show"' in section
        assert 'data-msg-unread="New"' in section
        assert re.search(r'<script type="module" src="[^"]*broadsheet/live[^"]*\.js">', html)
        assert re.search(r'<div class="live-notice" data-live-notice hidden></div>', html)


def test_a_negative_poll_interval_is_refused_with_a_clear_message():
    env = {**os.environ, "BROADSHEET_LIVE_POLL_SECONDS": "-5"}
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", "import broadsheet.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "BROADSHEET_LIVE_POLL_SECONDS must be 0 (off) or a number of seconds" in result.stderr
