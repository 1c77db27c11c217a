"""Another writer holds SQLite's write lock: readers are served, no comment is lost.

Through the real server (`broadsheet serve` as `make run` starts it). A security review
held the lock from a second connection: a comment got a 500 and was gone, and every
read waited, because each writer waited the full busy timeout (20 s, four times over
for a comment's rate counters) in one of the server's four threads, and the reads
queued behind them. Now a write waits a few seconds at most (rate counters 200 ms),
then the author gets the form back with the text kept: "please send it again".
"""

import html
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from broadsheet.core import e2e

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite's one write lock for the whole file; PostgreSQL locks rows",
)

# Longer than any request below may take: each of them must be answered while the
# lock is still held, so none can have waited for it to be released.
LOCK_SECONDS = 60
REQUEST_TIMEOUT = 30
# More writers than the server has threads (2 workers x 2 threads), so before the fix
# every thread waited for the lock and the reads queued behind them.
WRITERS = 6
TEXT = "Geschrieben, während die Datenbank gesperrt war."
ARTICLE = (
    "from broadsheet.core.testing import make_article;"
    "a = make_article('Gesperrt', slug='gesperrt');"
    "print('ARTICLE', a.pk, a.get_absolute_url())"
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(server, path, data=None, *, fragment=False):
    """(status, headers, body) of one request; a refusal is an answer, not an error."""
    headers = {"Origin": server.base_url}
    if fragment:
        headers["X-Broadsheet-Fragment"] = "1"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(server.url(path), data=body, headers=headers)  # noqa: S310
    try:
        response = OPENER.open(req, timeout=REQUEST_TIMEOUT)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read().decode()


def comment_form(page: str) -> dict:
    """The fields of the page's comment form, as a browser would send them again."""
    form = page[
        page.index("data-comment-form") : page.index("</form>", page.index("data-comment-form"))
    ]
    fields = {
        name: html.unescape(value)
        for name, value in re.findall(
            r'<input type="(?:hidden|text|email|url)" name="(\w+)"[^>]*?value="([^"]*)"', form
        )
    }
    fields["body"] = html.unescape(
        re.search(r"<textarea[^>]*>(.*?)</textarea>", form, re.S).group(1)
    )
    return fields


class Lock:
    """BEGIN IMMEDIATE from a connection of its own, held until released."""

    def __init__(self, path: Path):
        self.path = path
        self.taken = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self):
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        self.taken.set()
        self.release.wait(LOCK_SECONDS)
        db.execute("ROLLBACK")
        db.close()

    def __enter__(self):
        self.thread.start()
        assert self.taken.wait(10)
        return self

    @property
    def held(self) -> bool:
        return self.thread.is_alive() and not self.release.is_set()

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = e2e.server_environment(
        tmp_path_factory.mktemp("locked"),
        BROADSHEET_MODERATION="none",
        BROADSHEET_COMMENT_MIN_SECONDS="0",
    )
    e2e.prepare_data_dir(env, demo=False)
    output = e2e.run_command(env, "shell", "-c", ARTICLE)
    pk, path = re.search(r"^ARTICLE (\d+) (\S+)$", output, re.MULTILINE).groups()
    server = e2e.start_server(env)
    server.article_pk, server.article_path = int(pk), path
    server.database = Path(env["BROADSHEET_DATA_DIR"]) / "broadsheet.sqlite3"
    try:
        yield server
    finally:
        server.stop()


def stored(server, body: str) -> int:
    with sqlite3.connect(server.database) as db:
        return db.execute(
            "SELECT count(*) FROM discussion_comment WHERE body = ?", [body]
        ).fetchone()[0]


def test_reads_are_served_and_comments_come_back_while_another_writer_holds_the_lock(server):
    status, _headers, page = request(server, server.article_path)
    assert status == 200
    ts = comment_form(page)["ts"]
    post_path = f"/discussion/{server.article_pk}/comments/"

    def post(i, *, fragment=True):
        data = {
            "name": "Lea Leserin",
            "email": f"lea{i}@example.org",
            "body": f"{TEXT} {i}",
            "ts": ts,
        }
        return request(server, post_path, data, fragment=fragment)

    with Lock(server.database) as lock, ThreadPoolExecutor(WRITERS + 1) as pool:
        without_js = pool.submit(post, 0, fragment=False)
        time.sleep(0.2)
        writers = [pool.submit(post, i) for i in range(1, WRITERS + 1)]
        time.sleep(1)
        read_status, _headers, read = request(server, server.article_path)
        assert read_status == 200 and "Gesperrt" in read
        assert lock.held, "the page waited for the lock to be released"
        answers = [writer.result(REQUEST_TIMEOUT) for writer in writers]
        status, headers, page = without_js.result(REQUEST_TIMEOUT)
        assert lock.held, "the comments waited for the lock to be released"

    # Without JS: the form at once, with the text, a clear message and a fresh token.
    assert status == 503
    assert headers["Retry-After"]
    assert "Bitte noch einmal senden" in page or "Please send it again" in page
    form = comment_form(page)
    assert form["body"] == f"{TEXT} 0" and form["email"] == "lea0@example.org"
    # With JS: JSON the script shows (some may meet the per-process rate limit instead).
    for answer_status, answer_headers, body in answers:
        assert answer_status in (503, 429), body[:500]
        assert '"error"' in body
        if answer_status == 503:
            assert answer_headers["Retry-After"]
    assert stored(server, f"{TEXT} 0") == 0

    # The lock is gone: sending the form again stores the comment, exactly once.
    status, headers, _page = request(server, post_path, form)
    assert status == 303, _page[:500]
    assert "#comment-" in headers["Location"]
    assert stored(server, f"{TEXT} 0") == 1
    assert "Internal Server Error" not in server.output()
