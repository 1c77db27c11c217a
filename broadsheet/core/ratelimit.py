"""Fixed-window rate limits on the shared cache.

With REDIS_URL the counters are shared by every web process and exact (INCR is
atomic); on the embedded default each process counts for itself.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext


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
    cache.add(cache_key, 0, timeout=limit.seconds + 5)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=limit.seconds + 5)
        used = 1
    if used > limit.count:
        raise RateLimited(limit, retry_after=(window + 1) * limit.seconds - now)
