"""Fixed-window rate limits, counted where every web process sees the same number.

A limit only holds if all processes count together: `broadsheet serve` runs several
web processes, and counters in each one's memory would allow N times every limit
(a security review measured exactly that: twice the votes with two workers).

- With REDIS_URL the counters live in Redis (INCR is atomic): shared by every process
  and node, and no write to the database.
- Without it (the embedded default) they live in the database, in RateCounter: one row
  per key and window, incremented by a single upsert (INSERT … ON CONFLICT DO UPDATE
  SET hits = hits + 1 RETURNING hits), which is atomic on SQLite and PostgreSQL alike.
  The in-process cache is not an option here: it is per process. A counter costs one
  short write, which on SQLite serialises with the other writers; the limits guard
  writes (comments, votes, subscriptions) that take the write lock anyway. Rows of
  ended windows are deleted by whichever process notices first, at most once a minute
  per process.

When the shared store is down, hanging or locked the limits stay on, per process: the
counters fall back to this process's memory (fail open, but still limited), so an
outage neither locks every reader out nor opens the comment form to a flood. A
process with N web workers then allows up to N times a limit until it is back.
On SQLite a counter waits at most LOCK_WAIT_MS for the write lock, not the busy
timeout, and after one timed out the process counts in memory for a moment: a comment
counts six limits, and six full waits for a lock another writer holds would keep one
of the server's few threads (and the readers queued behind it) for half a minute.
"""

import contextlib
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils.translation import ngettext

from .cache import CacheUnavailable
from .hashing import keyed_hash


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


class RateLimited(Exception):
    def __init__(self, limit: Limit, retry_after: int):
        super().__init__(f"rate limit {limit.scope} exceeded")
        self.limit = limit
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        """What to tell the reader, in their language."""
        minutes = max(1, round(self.retry_after / 60))
        return ngettext(
            "You are doing that too often. Please wait a minute.",
            "You are doing that too often. Please wait %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


def check(limits, key: str) -> None:
    """hit() every limit in turn; RateLimited from the first one that is full."""
    for limit in limits:
        hit(limit, key)


def hit(limit: Limit, key: str) -> None:
    """Count one event for key; raise RateLimited once the window is full.

    An empty key (no IP known, no e-mail given) is never limited by this rule.
    """
    if not key or not settings.BROADSHEET_RATE_LIMITS:
        return
    now = int(time.time())
    window = now // limit.seconds
    cache_key = f"rl:{limit.scope}:{key}:{window}"
    expires_at = (window + 1) * limit.seconds
    try:
        if settings.REDIS_URL:
            used = _count_in_cache(cache_key, limit.seconds + 5)
        elif time.monotonic() < _locked_until:
            raise DatabaseError("locked a moment ago")
        else:
            used = _count_in_database(limit, key, window, expires_at=expires_at, now=now)
    except (CacheUnavailable, DatabaseError) as exc:
        if "locked" in str(exc):
            _note_lock()
        used = _local_counter.count(cache_key, expires_at=expires_at)
    if used > limit.count:
        raise RateLimited(limit, retry_after=(window + 1) * limit.seconds - now)


# How long a counter waits for SQLite's write lock: far longer than the writes that
# normally queue for it take, even on a busy machine (a counter that gives up too soon
# counts in memory, per process, and lets more through). After one gave up, this
# process counts in memory for LOCKED_PAUSE seconds without asking again.
LOCK_WAIT_MS = 1500
LOCKED_PAUSE = 2.0
_locked_until = 0.0


def _note_lock() -> None:
    global _locked_until
    _locked_until = time.monotonic() + LOCKED_PAUSE


@contextlib.contextmanager
def brief_lock_wait(milliseconds: int = LOCK_WAIT_MS):
    """On SQLite, wait only this long for the write lock inside the block.

    For writes that have a fallback (a rate counter in memory, a draft rendered in
    place): when another writer holds the lock they fail at once ("database is
    locked") instead of after the busy timeout. Other databases lock rows, not the
    file: nothing to do there.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")


def _count_in_cache(cache_key: str, timeout: int) -> int:
    cache.add(cache_key, 0, timeout=timeout)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=timeout)
        return 1


_last_prune = 0.0


def _count_in_database(limit: Limit, key: str, window: int, *, expires_at: int, now: int) -> int:
    """Count one hit in the shared RateCounter table; the window's count so far."""
    global _last_prune
    from .models import RateCounter

    # The key may be an e-mail address: the table keeps only a keyed hash of it.
    bucket = f"{limit.scope}:{window}:{keyed_hash(key, purpose='ratelimit')}"
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    upsert = (
        f"INSERT INTO {table} (bucket, hits, expires) VALUES (%s, 1, %s) "  # noqa: S608
        f"ON CONFLICT (bucket) DO UPDATE SET hits = {table}.hits + 1 RETURNING hits"
    )
    # Inside a caller's transaction a failed statement must not poison it: a savepoint.
    with brief_lock_wait(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(upsert, [bucket, expires_at])
        (used,) = cursor.fetchone()
        if now - _last_prune >= 60:
            _last_prune = now
            RateCounter.objects.filter(expires__lt=now).delete()
    return used


class LocalCounter:
    """Per-process window counters, for while the shared cache is unavailable."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, int]] = {}  # key: (count, expires at)

    def count(self, key: str, *, expires_at: int) -> int:
        with self._lock:
            now = time.time()
            if len(self._counts) > 10_000:  # forget finished windows, bounded memory
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            used, _ = self._counts.get(key, (0, expires_at))
            self._counts[key] = (used + 1, expires_at)
            return used + 1


_local_counter = LocalCounter()
