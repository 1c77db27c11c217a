"""What the benchmark measures. Add a scenario by appending to SCENARIOS.

A scenario names a URL on the seeded publication and the targets it must meet.
Writes (comment POSTs, votes) can pass a wrk Lua script via `wrk_script` (a path
relative to this folder) that sets the method, body and headers. Work that is not an
HTTP request (a WXR import, say) belongs in its own timed step in __main__.py rather
than here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # seed.py imports models, which needs Django set up first
    from .seed import Seeded

# DESIGN targets on a 2-core machine, measured at 8 connections.
READER_PAGE_RPS = 300
READER_PAGE_P99_MS = 100
MAX_QUERIES_PER_PAGE = 10
MAX_RSS_MB_PER_PROCESS = 150


@dataclass(frozen=True)
class Scenario:
    name: str
    path: Callable[["Seeded"], str]
    min_rps: float | None = None
    max_p99_ms: float | None = None
    max_queries: int | None = MAX_QUERIES_PER_PAGE
    wrk_script: str | None = None


SCENARIOS = [
    Scenario(
        "front page",
        lambda seeded: "/",
        min_rps=READER_PAGE_RPS,
        max_p99_ms=READER_PAGE_P99_MS,
    ),
    Scenario(
        "article page",
        lambda seeded: seeded.article.get_absolute_url(),
        min_rps=READER_PAGE_RPS,
        max_p99_ms=READER_PAGE_P99_MS,
    ),
    Scenario("category archive", lambda seeded: seeded.category.get_absolute_url()),
    Scenario("RSS feed", lambda seeded: "/feed/"),
]
