"""Live threads: "3 new comments — show" while a reader has the article open.

The page carries the number of approved comments it was rendered with (data-live-count);
live.js asks GET /discussion/<pk>/live/ every BROADSHEET_LIVE_POLL_SECONDS while the tab
is visible, and offers the difference. Only approved comments are counted
(Thread.comment_count), so a held comment never shows up as a number, and "show" loads
the comments through the thread fragment, which applies the reader's own permissions.

Polling, not server-sent events: an open event stream holds one of a granian worker's
threads per reader for as long as the tab is open, and a CDN cannot share it. A poll is
one short GET whose answer is the same for everyone, so it carries
`Cache-Control: public, max-age=N` and an edge in front answers nearly all of them.

Behind the edge, the answer costs no query per reader: each process keeps the answer per
article for FRESH_SECONDS (at most the poll interval), and with Redis the processes and
nodes share it, carrying the same deadline, so an answer is never older than
FRESH_SECONDS plus the edge's max-age. The database is asked at most once per article,
per process, per FRESH_SECONDS: one primary-key query, whatever the thread's size.
These entries are the one cache here not keyed by a stored version: by design they may
be a few seconds behind, which only delays a notice.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from broadsheet.publishing.models import Article

# The longest an answer is kept, in each process and in the shared cache.
FRESH_SECONDS = 5
# Articles whose answer a process keeps (least recently asked for go first).
LOCAL_MAX_ARTICLES = 2000
# Larger ids cannot be stored; asking the database for one would be an error, not a miss.
BIGGEST_ID = 2**63 - 1


@dataclass(frozen=True)
class LiveThread:
    count: int  # approved reader comments (Thread.comment_count)
    version: int  # Thread.version; 0 while the article has no thread row


def poll_seconds() -> int:
    """How often an open page asks; 0: never."""
    return max(0, settings.BROADSHEET_LIVE_POLL_SECONDS)


def fresh_seconds() -> int:
    # Never fresher than readers ask (nothing would see it), never staler than 5 s.
    return max(1, min(FRESH_SECONDS, poll_seconds() or FRESH_SECONDS))


_local: OrderedDict[int, tuple[float, LiveThread | None]] = OrderedDict()
_local_lock = threading.Lock()


def forget_local() -> None:
    """Empty this process's copies (for tests: a cold start)."""
    with _local_lock:
        _local.clear()


def live_thread(article_pk: int) -> LiveThread | None:
    """The approved count and version of an article's thread; None: no published article.

    At most fresh_seconds() old. From this process's copy, else the shared cache, else
    one query, whose answer both keep until the same deadline.
    """
    now = time.time()
    with _local_lock:
        hit = _local.get(article_pk)
        if hit is not None and hit[0] > now:
            _local.move_to_end(article_pk)
            return hit[1]
    key = f"live:{article_pk}"
    shared = cache.get(key)
    if shared is not None and shared[0] > now:
        deadline, state = shared
    else:
        state = _from_database(article_pk)
        deadline = now + fresh_seconds()
        cache.set(key, (deadline, state), fresh_seconds())
    with _local_lock:
        # Another node's clock may run ahead: never keep a copy longer than our own window.
        _local[article_pk] = (min(deadline, now + fresh_seconds()), state)
        _local.move_to_end(article_pk)
        while len(_local) > LOCAL_MAX_ARTICLES:
            _local.popitem(last=False)
    return state


def _from_database(article_pk: int) -> LiveThread | None:
    row = (
        Article.objects.published()
        .filter(pk=article_pk)
        .values_list("thread__comment_count", "thread__version")
        .first()
    )
    if row is None:
        return None
    count, version = row
    return LiveThread(count=count or 0, version=version or 0)


@require_safe
def live(request, article_pk):
    """{"count": approved comments, "version": thread version}: the same for every reader.

    Reads no cookie and sets none, so any shared cache may keep it for max-age seconds;
    410 for an article that is not (or no longer) published, and while polling is off,
    so pages rendered before either stop asking. 410 rather than 404: a 404 would make
    the legacy-redirect middleware look the path up, one query per poll.
    """
    state = None
    if poll_seconds() and article_pk <= BIGGEST_ID:
        state = live_thread(article_pk)
    if state is None:
        response = JsonResponse({"error": "not-found"}, status=410)
    else:
        response = JsonResponse({"count": state.count, "version": state.version})
    response["Cache-Control"] = f"public, max-age={fresh_seconds()}"
    return response
