"""Fixed-window rate limits on the shared cache.

With REDIS_URL the counters are shared by every web process and exact (INCR is
atomic); on the embedded default each process counts for itself.

When Redis is down or hanging the limits stay on, per process: the counters fall back
to this process's memory (fail open, but still limited), so an outage neither locks
every reader out nor opens the comment form to a flood. A process with N web
workers then allows up to N times a limit until Redis is back.
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from .cache import CacheUnavailable


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
    try:
        used = _count_in_cache(cache_key, limit.seconds + 5)
    except CacheUnavailable:
        used = _local_counter.count(cache_key, expires_at=(window + 1) * limit.seconds)
    if used > limit.count:
        raise RateLimited(limit, retry_after=(window + 1) * limit.seconds - now)


def _count_in_cache(cache_key: str, timeout: int) -> int:
    cache.add(cache_key, 0, timeout=timeout)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=timeout)
        return 1


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
