"""The real server (`broadsheet serve`, as `make run` starts it) with its Redis dead.

REDIS_URL points at a port that refuses connections, or at a socket that accepts and
never answers. Readers read, comment and vote, and an editor logs in to the admin,
all from the database, each request in normal time.
"""

import contextlib
import http.cookiejar
import re
import sqlite3
import time
import urllib.parse
import urllib.request

import pytest

from broadsheet.core import e2e

from .outage import HangingServer, refused_url

CONTENT = """
from broadsheet.accounts.models import User
from broadsheet.core.testing import make_article, make_comment
article = make_article("Stadtbahn kommt", slug="stadtbahn")
make_comment(article, body="Der erste Kommentar.")
User.objects.create_superuser("chefin", "chefin@example.org", "chefredaktion-geheim")
print(article.get_absolute_url())
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A data folder with one article and one comment; the article's path."""
    data_dir = tmp_path_factory.mktemp("outage-site")
    env = e2e.server_environment(data_dir)
    e2e.prepare_data_dir(env, demo=False)
    path = e2e.run_command(env, "shell", "-c", CONTENT).strip().splitlines()[-1]
    return data_dir, path


class Browser:
    """urllib with a cookie jar, sending Origin like a browser."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, str, float]:
        started = time.monotonic()
        with self.opener.open(self.base_url + path, timeout=10) as response:
            return response.status, response.read().decode(), time.monotonic() - started

    def post(self, path: str, data: dict, **headers) -> tuple[int, str, float]:
        request = urllib.request.Request(
            self.base_url + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"Origin": self.base_url, **headers},
        )
        started = time.monotonic()
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), time.monotonic() - started


@pytest.mark.parametrize("broken", ["refused", "hanging"])
def test_the_site_serves_from_the_database_while_redis_is_down(site, broken):
    data_dir, article_path = site
    with HangingServer() as hanging:
        env = e2e.server_environment(
            data_dir,
            REDIS_URL=refused_url() if broken == "refused" else hanging.url(),
            BROADSHEET_COMMENT_MIN_SECONDS="0",
            BROADSHEET_VOTE_MIN_SECONDS="0",
            BROADSHEET_MODERATION="none",
        )
        server = e2e.start_server(env)
        try:
            reader = Browser(server.base_url)
            timings = []
            for path in ("/", article_path, article_path, "/"):
                status, page, seconds = reader.get(path)
                assert status == 200
                timings.append(seconds)
            assert "Der erste Kommentar." in page or "Stadtbahn" in page

            _, page, _ = reader.get(article_path)
            ts = re.search(r'name="ts" value="([^"]+)"', page).group(1)
            body = f"Trotzdem da, Redis {broken}."
            form = {"name": "Lea", "email": "lea@example.org", "body": body, "ts": ts}
            status, page, seconds = reader.post(f"{_discussion(page)}comments/", form)
            assert status == 200 and body in page  # after the redirect
            timings.append(seconds)

            (comment_id,) = _query(
                data_dir, "SELECT id FROM discussion_comment WHERE body = ?", body
            )
            voter = Browser(server.base_url)
            _, page, _ = voter.get(article_path)
            token = re.search(r'data-page-token="([^"]+)"', page).group(1)
            status, _, seconds = voter.post(
                f"/discussion/comments/{comment_id}/vote/",
                {"value": "up", "ts": token},
                **{"X-Broadsheet-Fragment": "1"},
            )
            assert status == 200
            timings.append(seconds)
            (upvotes,) = _query(
                data_dir, "SELECT upvotes FROM discussion_comment WHERE id = ?", comment_id
            )
            assert upvotes == 1

            editor = Browser(server.base_url)
            _, page, _ = editor.get("/admin/login/?next=/admin/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            status, page, seconds = editor.post(
                "/admin/login/?next=/admin/",
                {
                    "csrfmiddlewaretoken": token,
                    "username": "chefin",
                    "password": "chefredaktion-geheim",
                    "next": "/admin/",
                },
            )
            assert status == 200 and "/admin/logout/" in page
            timings.append(seconds)

            with e2e.fetch(server.url("/readyz")) as readiness:
                assert readiness.status == 503
            # One bounded timeout (0.25 s) per process at most, never one per cache call;
            # the margin is for a cold process on a busy 2-core machine.
            assert max(timings) < 4, timings
        finally:
            server.stop()
    output = server.output()
    assert "Traceback" not in output
    warnings = output.count("is unavailable")
    assert 1 <= warnings <= 4, output  # one per process (web workers, task worker)
    if broken == "hanging":
        # Each process asked once, then left Redis alone (the probe comes after 5 s).
        assert len(hanging.connections) <= 6


def _query(data_dir, sql: str, *params):
    with contextlib.closing(sqlite3.connect(data_dir / "broadsheet.sqlite3")) as database:
        return database.execute(sql, params).fetchone()


def _discussion(page: str) -> str:
    return re.search(r'action="(/discussion/\d+/)comments/', page).group(1)
