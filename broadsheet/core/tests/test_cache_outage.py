"""Redis down or hanging: the site works from the database, and says so once.

Against real sockets: a port where nothing listens, and a server that accepts
connections and never answers (tests/outage.py).
"""

import contextlib
import logging
import re
import time

import pytest
import time_machine
from django.test import Client

from broadsheet.core import ratelimit
from broadsheet.core.cache import CacheUnavailable, ResilientRedisCache
from broadsheet.core.testing import make_article
from broadsheet.discussion.models import Comment

from .outage import HangingServer, refused_url

ORIGIN = "http://testserver"


def redis_caches(url: str, *, retry_seconds: float = 30) -> dict:
    options = {"SOCKET_TIMEOUT": 0.25, "RETRY_SECONDS": retry_seconds}
    return {
        "default": {
            "BACKEND": "broadsheet.core.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        },
        "fragments": {
            "BACKEND": "broadsheet.core.cache.TieredRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "fr",
            "OPTIONS": options,
        },
    }


@pytest.fixture(params=["refused", "hanging"])
def broken_redis(request, settings):
    """REDIS_URL pointing at a dead Redis, as settings.py configures it; the hanging server."""
    with contextlib.ExitStack() as stack:
        server = None
        if request.param == "refused":
            url = refused_url()
        else:
            server = stack.enter_context(HangingServer())
            url = server.url()
        settings.REDIS_URL = url
        settings.CACHES = redis_caches(url)
        yield server


def test_a_hanging_redis_costs_one_timeout_per_retry_period_not_one_per_call():
    with HangingServer() as server:
        cache = ResilientRedisCache(server.url(), {"OPTIONS": {"RETRY_SECONDS": 0.5}})
        started = time.monotonic()
        assert cache.get("first", "default") == "default"
        first_call = time.monotonic() - started
        assert 0.2 <= first_call < 1.0  # one bounded read timeout

        started = time.monotonic()
        for n in range(500):
            assert cache.get(f"key-{n}") is None
            cache.set(f"key-{n}", n)
        assert time.monotonic() - started < 0.5  # the open circuit asks nobody
        assert len(server.connections) == 1

        time.sleep(0.6)
        cache.get("probe")
        cache.get("skipped again")
        assert len(server.connections) == 2  # one probe after the retry period


def test_a_refused_redis_reads_as_a_miss_and_drops_writes():
    cache = ResilientRedisCache(refused_url(), {})
    assert cache.get("a", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False
    assert cache.set("a", 1) is None
    assert cache.delete("a") is False
    assert cache.has_key("a") is False
    assert cache.get_or_set("a", lambda: "computed") == "computed"
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.is_reachable() is False
    # A counter that read "not found" would switch rate limits off: it says so instead.
    with pytest.raises(CacheUnavailable):
        cache.incr("a")


def test_the_outage_is_logged_once_not_per_call(caplog):
    cache = ResilientRedisCache(refused_url(), {"OPTIONS": {"RETRY_SECONDS": 0.2}})
    with caplog.at_level(logging.WARNING, logger="broadsheet.core.cache"):
        for _ in range(3):
            for n in range(200):
                cache.get(f"key-{n}")
            time.sleep(0.25)  # each round probes once more, and fails again
    warnings = [r for r in caplog.records if r.name == "broadsheet.core.cache"]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()
    assert "Connection refused" in warnings[0].getMessage()


def test_it_uses_redis_again_once_redis_answers(caplog):
    with HangingServer() as server:
        cache = ResilientRedisCache(
            server.url(3), {"KEY_PREFIX": "recovery", "OPTIONS": {"RETRY_SECONDS": 0.3}}
        )
        cache.set("news", "old")
        assert cache.get("news") is None
        server.forward_to(("127.0.0.1", 6379))  # Redis is back behind the same address
        time.sleep(0.35)
        with caplog.at_level(logging.WARNING, logger="broadsheet.core.cache"):
            cache.set("news", "fresh")
        assert cache.get("news") == "fresh"
        assert cache.is_reachable() is True
        assert "answers again" in caplog.text
        cache.delete("news")


@pytest.fixture
def frozen_minute():
    # One rate-limit window for the whole test, whatever the clock says.
    with time_machine.travel("2026-05-01 10:00:01 +00:00", tick=False):
        yield


def test_rate_limits_stay_on_per_process_while_redis_is_down(settings, frozen_minute):
    settings.REDIS_URL = refused_url()
    settings.CACHES = redis_caches(settings.REDIS_URL)
    limit = ratelimit.Limit("outage-test", count=3, seconds=60)
    for _ in range(3):
        ratelimit.hit(limit, "203.0.113.7")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(limit, "203.0.113.7")
    ratelimit.hit(limit, "198.51.100.1")  # others are counted on their own


def _post_comment(client: Client, article, body: str):
    page = client.get(article.get_absolute_url()).content.decode()
    ts = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    data = {"name": "Lea Leserin", "email": "lea@example.org", "body": body, "ts": ts}
    return client.post(f"/discussion/{article.pk}/comments/", data, HTTP_ORIGIN=ORIGIN)


@pytest.fixture
def open_comments(settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    settings.BROADSHEET_VOTE_MIN_SECONDS = 0
    settings.BROADSHEET_MODERATION = "none"


def test_readers_read_comment_and_vote_with_redis_down(broken_redis, open_comments, db):
    article = make_article("Stadtbahn kommt", slug="stadtbahn")
    started = time.monotonic()
    lea, max_ = Client(), Client()
    assert lea.get("/").status_code == 200
    assert lea.get(article.get_absolute_url()).status_code == 200

    response = _post_comment(lea, article, "Endlich eine gute Nachricht.")
    assert response.status_code == 303
    comment = Comment.objects.get(body="Endlich eine gute Nachricht.")
    assert comment.status == Comment.Status.APPROVED

    page = max_.get(article.get_absolute_url()).content.decode()
    token = re.search(r'data-page-token="([^"]+)"', page).group(1)
    response = max_.post(
        f"/discussion/comments/{comment.pk}/vote/",
        {"value": "up", "ts": token},
        HTTP_ORIGIN=ORIGIN,
        HTTP_X_BROADSHEET_FRAGMENT="1",
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.upvotes == 1
    assert "Endlich eine gute Nachricht." in max_.get(article.get_absolute_url()).content.decode()
    # The first failed call costs one 0.25 s timeout; the open circuit costs nothing.
    assert time.monotonic() - started < 5
    if broken_redis is not None:
        assert len(broken_redis.connections) <= 2


def test_the_admin_login_works_with_redis_down(broken_redis, editor):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "erika", "password": "redaktion-geheim", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
