"""What the benchmark measures. Add a scenario by appending to SCENARIOS.

A scenario names a request on the seeded publication and the targets it must meet.
Every scenario runs at each connection count (`--connections`, default 8, 64 and 256);
the throughput and latency targets are the DESIGN's figures for 8 connections on a
2-core machine. At every count, and for every scenario, the verdicts also ask for no
errors, no timeouts, no 4xx/5xx answers and every connection served at least once.
Work that is not an HTTP request (a WXR import, say) belongs in its own timed step in
__main__.py rather than here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from .load import Request

if TYPE_CHECKING:  # seed.py imports models, which needs Django set up first
    from .seed import Seeded

# DESIGN targets on a 2-core machine, measured at 8 connections.
TARGET_CONNECTIONS = 8
READER_PAGE_RPS = 300
READER_PAGE_P99_MS = 100
MAX_QUERIES_PER_PAGE = 10
MAX_RSS_MB_PER_PROCESS = 150


@dataclass(frozen=True)
class Scenario:
    name: str
    # The request, from the seeded data and the server's base URL.
    request: Callable[["Seeded", str], Request]
    min_rps: float | None = None
    max_p99_ms: float | None = None
    max_queries: int | None = MAX_QUERIES_PER_PAGE
    # False for write scenarios: their queries are not counted in-process.
    is_read: bool = True


def get(path: Callable[["Seeded"], str]) -> Callable[["Seeded", str], Request]:
    return lambda seeded, base_url: Request(path(seeded))


SCENARIOS = [
    Scenario(
        "front page",
        get(lambda seeded: "/"),
        min_rps=READER_PAGE_RPS,
        max_p99_ms=READER_PAGE_P99_MS,
    ),
    Scenario(
        "article page",
        get(lambda seeded: seeded.article.get_absolute_url()),
        min_rps=READER_PAGE_RPS,
        max_p99_ms=READER_PAGE_P99_MS,
    ),
    Scenario("category archive", get(lambda seeded: seeded.category.get_absolute_url())),
    Scenario("RSS feed", get(lambda seeded: "/feed/")),
]


# Discussion pages (issue: reader discussion). The 1,000- and 10,000-comment pages
# must stay within 20 % of the 100-comment page: their first page costs the same.
DISCUSSION_RPS = 220
for size in (100, 1_000, 10_000):
    SCENARIOS.append(
        Scenario(
            f"article, {size:,} comments",
            get(lambda seeded, size=size: seeded.threads[size].get_absolute_url()),
            min_rps=DISCUSSION_RPS if size == 100 else DISCUSSION_RPS * 0.8,
            max_p99_ms=READER_PAGE_P99_MS,
        )
    )


def comment_post(seeded: "Seeded", base_url: str) -> Request:
    """Every request posts a new guest comment, without cookies, as a form would."""
    body = urlencode(
        {
            "name": "Last Tester",
            "email": "last@example.org",
            "body": "Ein Kommentar unter Last.",
            "ts": seeded.form_timestamp,
        }
    ).encode()
    return Request(
        f"/discussion/{seeded.threads[100].pk}/comments/",
        method="POST",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": base_url},
    )


# Last: it adds comments to the 100-comment thread, which the pages above must not see.
SCENARIOS.append(
    Scenario("comment POST", comment_post, min_rps=100, max_queries=None, is_read=False)
)
