"""The fragments cache keeps hot entries in process memory, in front of a real Redis.

Two TieredRedisCache instances with different local limits have separate local stores:
they stand for two web processes sharing one Redis.
"""

import os
import pickle
import time
import uuid

import pytest
import redis

from broadsheet.core.cache import TieredRedisCache

from .outage import HangingServer

REDIS_URL = os.environ.get("BROADSHEET_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture
def prefix():
    return f"tier-test-{uuid.uuid4().hex}"


@pytest.fixture
def raw(prefix):
    """Redis itself, to change behind the caches' backs what they would fetch."""
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def process(prefix, url=REDIS_URL, **local) -> TieredRedisCache:
    # The local options tell the stores apart: each combination is its own process here.
    options = {"LOCAL_MAX_ENTRIES": 100, **local}
    options.setdefault("LOCAL_MAX_ENTRY_BYTES", 1024 * 1024 + len(local))
    return TieredRedisCache(url, {"KEY_PREFIX": prefix, "OPTIONS": options})


def overwrite(raw, cache, key, value, seconds=3600):
    """Put a different value under key in Redis, as another writer would."""
    envelope = (time.time() + seconds, value)
    raw.set(cache.make_key(key), pickle.dumps(envelope), ex=seconds)


def test_a_hot_fragment_comes_from_process_memory_not_from_redis(prefix, raw):
    writer, reader = process(prefix), process(prefix, LOCAL_MAX_ENTRIES=99)
    page = "<div>" + "Kommentar " * 50_000 + "</div>"
    writer.set("thread-page:1:v7", page, 60)
    assert reader.get("thread-page:1:v7") == page  # fetched from Redis once
    raw.delete(writer.make_key("thread-page:1:v7"))
    assert reader.get("thread-page:1:v7") == page  # then from memory
    assert reader.get_many(["thread-page:1:v7", "other"]) == {"thread-page:1:v7": page}


def test_every_caller_gets_its_own_copy(prefix, raw):
    cache = process(prefix)
    cache.set("page", {"comments": [1, 2]}, 60)
    cache.get("page")["comments"].append(3)
    assert cache.get("page") == {"comments": [1, 2]}


def test_a_local_copy_lives_no_longer_than_the_writer_asked(prefix, raw):
    writer, reader = process(prefix), process(prefix, LOCAL_MAX_ENTRIES=98)
    writer.set("thread-page:2:v1", "old", 1)
    assert reader.get("thread-page:2:v1") == "old"
    overwrite(raw, writer, "thread-page:2:v1", "new")
    assert reader.get("thread-page:2:v1") == "old"
    time.sleep(1.1)
    assert reader.get("thread-page:2:v1") == "new"


def test_local_copies_expire_after_local_max_seconds_whatever_was_asked(prefix, raw):
    writer = process(prefix)
    reader = process(prefix, LOCAL_MAX_ENTRIES=97, LOCAL_MAX_SECONDS=1)
    writer.set("teaser:3", "old", 3600)
    assert reader.get("teaser:3") == "old"
    overwrite(raw, writer, "teaser:3", "new")
    time.sleep(1.1)
    assert reader.get("teaser:3") == "new"


def test_entries_too_big_for_memory_are_read_from_redis_every_time(prefix, raw):
    writer = process(prefix)
    reader = process(prefix, LOCAL_MAX_ENTRIES=96, LOCAL_MAX_ENTRY_BYTES=1000)
    writer.set("big", "x" * 5000, 60)
    writer.set("small", "x" * 10, 60)
    assert reader.get("big") == "x" * 5000
    assert reader.get("small") == "x" * 10
    raw.delete(writer.make_key("big"), writer.make_key("small"))
    assert reader.get("big") is None
    assert reader.get("small") == "x" * 10


def test_the_local_store_is_bounded_in_entries_and_bytes(prefix, raw):
    by_count = process(prefix, LOCAL_MAX_ENTRIES=2)
    for n in range(3):
        by_count.set(f"k{n}", n, 60)
    by_count.get("k1")  # k0 went when k2 came; k1 was just read, so k3 pushes out k2
    by_count.set("k3", 3, 60)
    assert len(by_count.local) == 2
    raw.delete(*(by_count.make_key(f"k{n}") for n in range(4)))
    assert [by_count.get(f"k{n}") for n in range(4)] == [None, 1, None, 3]

    by_bytes = process(prefix, LOCAL_MAX_ENTRIES=95, LOCAL_MAX_BYTES=3000)
    for n in range(5):
        by_bytes.set(f"b{n}", "y" * 1000, 60)
    assert by_bytes.local.size_in_bytes <= 3000
    assert len(by_bytes.local) == 2


def test_a_value_written_without_the_tier_is_a_miss(prefix, raw):
    # An older release during a rolling deploy wrote plain values under the same keys.
    cache = process(prefix)
    raw.set(cache.make_key("feed"), pickle.dumps((b"<rss/>", "application/rss+xml")), ex=60)
    assert cache.get("feed") is None
    assert cache.get_many(["feed"]) == {}


def test_a_delete_and_a_clear_reach_this_process_at_once(prefix, raw):
    cache = process(prefix)
    cache.set("a", 1, 60)
    cache.delete("a")
    assert cache.get("a") is None
    cache.set("b", 2, 60)
    cache.local.clear()  # what clear() does locally; clear() itself would flush the db
    assert cache.get("b") == 2


def test_hot_fragments_still_come_from_memory_while_redis_hangs(prefix):
    with HangingServer() as server:
        cache = process(prefix, url=server.url(), LOCAL_MAX_ENTRIES=94)
        cache.set("thread-page:4:v2", "warm", 60)  # Redis times out; memory keeps it
        started = time.monotonic()
        assert cache.get("thread-page:4:v2") == "warm"
        assert cache.get("cold") is None
        assert time.monotonic() - started < 0.2
