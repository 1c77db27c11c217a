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
    # A wrk Lua script: a path relative to this folder, or a function of the seeded
    # data and the server's base URL returning the script's text.
    wrk_script: "str | Callable[[Seeded, str], str] | None" = None
    # False for write scenarios, whose URL answers GET with 405.
    check_get: bool = True


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


# Discussion pages (issue: reader discussion). The 1,000- and 10,000-comment pages
# must stay within 20 % of the 100-comment page: their first page costs the same.
DISCUSSION_RPS = 220
for size in (100, 1_000, 10_000):
    SCENARIOS.append(
        Scenario(
            f"article, {size:,} comments",
            lambda seeded, size=size: seeded.threads[size].get_absolute_url(),
            min_rps=DISCUSSION_RPS if size == 100 else DISCUSSION_RPS * 0.8,
            max_p99_ms=READER_PAGE_P99_MS,
        )
    )


def comment_post_script(seeded: "Seeded", base_url: str) -> str:
    """Every request posts a new guest comment, without cookies, as a form would."""
    from urllib.parse import urlencode

    body = urlencode(
        {
            "name": "Last Tester",
            "email": "last@example.org",
            "body": "Ein Kommentar unter Last.",
            "ts": seeded.form_timestamp,
        }
    )
    return (
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Origin"] = "{base_url}"\n'
    )


SCENARIOS.append(
    Scenario(
        "comment POST",
        lambda seeded: f"/discussion/{seeded.threads[100].pk}/comments/",
        min_rps=100,
        max_queries=None,
        wrk_script=comment_post_script,
        check_get=False,
    )
)
