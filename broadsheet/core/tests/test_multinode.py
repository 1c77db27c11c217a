"""Two web nodes and one worker that share only PostgreSQL and Redis (`make test-multinode`).

Follows the README's multi-node procedure: one SECRET_KEY for all nodes, a data folder
per node, media in one shared folder, `broadsheet setup` on each node (the first loads
the demo into PostgreSQL), `broadsheet serve --no-worker` on each, and one
`broadsheet worker`. Then what a moderator does on one node must be what readers see
on the other, at once.

Runs only when BROADSHEET_MULTINODE_DATABASE_URL and BROADSHEET_MULTINODE_REDIS_URL
are set: the database is dropped and created again, the Redis database flushed.
"""

import contextlib
import http.cookiejar
import os
import re
import subprocess
import time
import urllib.parse
import urllib.request
import zoneinfo

import psycopg
import pytest
import redis

from broadsheet.core import e2e

DATABASE_URL = os.environ.get("BROADSHEET_MULTINODE_DATABASE_URL", "")
REDIS_URL = os.environ.get("BROADSHEET_MULTINODE_REDIS_URL", "")

pytestmark = [
    pytest.mark.multinode,
    pytest.mark.skipif(
        not (DATABASE_URL and REDIS_URL),
        reason="multi-node test: set BROADSHEET_MULTINODE_DATABASE_URL and _REDIS_URL "
        "(make test-multinode)",
    ),
]
BIG_ARTICLE_COMMENTS = 100  # the demo's biggest discussion has more


def _recreate_database(url: str) -> None:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    assert re.fullmatch(r"[a-z_][a-z0-9_]*", name), name
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _query(sql: str, *params):
    with psycopg.connect(DATABASE_URL) as connection:
        return connection.execute(sql, params).fetchall()


class Browser:
    """urllib with a cookie jar, sending Origin (and the admin's CSRF token) like a browser."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as response:
            return response.read().decode()

    def post(self, url: str, data: dict) -> str:
        origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(url))
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(url, data=body, headers={"Origin": origin})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.read().decode()
        except urllib.error.HTTPError as refused:
            # Say what the page said, not only its status.
            page = refused.read().decode(errors="replace")
            messages = re.findall(r'(?s)role="(?:alert|status)"[^>]*>(.*?)</', page)
            raise AssertionError(f"{refused.code} from {refused.url}: {messages}") from None

    def admin_login(self, node, username: str, password: str) -> None:
        page = self.get(node.url("/admin/login/?next=/admin/"))
        page = self.post(
            node.url("/admin/login/?next=/admin/"),
            {"csrfmiddlewaretoken": _csrf(page), "username": username, "password": password},
        )
        assert "/admin/logout/" in page, "the moderator could not log in"


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(node_a, node_b, worker process, moderator credentials)."""
    _recreate_database(DATABASE_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()
    shared_media = tmp_path_factory.mktemp("shared-media")
    common = {
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "multinode-test-secret-" + "x" * 40,
        "BROADSHEET_MEDIA_ROOT": str(shared_media),
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
    }
    env_a = e2e.server_environment(tmp_path_factory.mktemp("node-a"), **common)
    env_b = e2e.server_environment(tmp_path_factory.mktemp("node-b"), **common)
    output = e2e.prepare_data_dir(env_a)  # loads the demo into PostgreSQL
    assert "Empty site" in output
    assert "Empty site" not in e2e.prepare_data_dir(env_b)  # the second node finds it there
    moderator = re.search(r"Moderator:\s+(\S+) / (\S+)", output).groups()

    with contextlib.ExitStack() as stack:
        worker_log = open(tmp_path_factory.mktemp("worker") / "worker.log", "w")  # noqa: SIM115
        stack.enter_context(worker_log)
        worker = subprocess.Popen(
            e2e.broadsheet_command("worker"),
            env=env_a,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        stack.callback(_stop, worker)
        node_a = e2e.start_server(env_a, extra_args=("--no-worker",))
        stack.callback(node_a.stop)
        node_b = e2e.start_server(env_b, extra_args=("--no-worker",))
        stack.callback(node_b.stop)
        yield node_a, node_b, worker, moderator
        assert worker.poll() is None, "the worker died"
    for node in (node_a, node_b):
        assert "Traceback" not in node.output(), node.output()


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_both_nodes_are_ready_when_probed_by_address(cluster):
    node_a, node_b, _, _ = cluster
    for node in (node_a, node_b):
        with e2e.fetch(node.url("/readyz"), headers={"Host": "10.0.0.5"}) as response:
            assert response.status == 200
            assert response.read() == b'{"status": "ok", "database": "ok", "cache": "ok"}'


def test_both_nodes_serve_the_same_big_article_with_its_static_files(cluster):
    node_a, node_b, _, _ = cluster
    (path,) = _biggest_article()
    pages = [Browser().get(node.url(path)) for node in (node_a, node_b)]
    assert pages[0].count('class="comment') >= BIG_ARTICLE_COMMENTS
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', pages[0]).group(1)
    for node in (node_a, node_b):
        with e2e.fetch(node.url(stylesheet)) as response:
            assert response.status == 200


def test_a_comment_approved_on_one_node_shows_on_the_other_and_so_does_its_edit(cluster):
    node_a, node_b, _, (username, password) = cluster
    (path,) = _biggest_article()
    reader = Browser()
    # The page comes from node B, the form goes to node A: a load balancer may do that.
    page = reader.get(node_b.url(path))
    ts = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    action = re.search(r'action="(/discussion/\d+/comments/)', page).group(1)
    body = f"Ein neuer Gedanke zur Nachtzug-Allianz ({time.time_ns()})."
    reader.post(
        node_a.url(action),
        {"name": "Neu Leserin", "email": "neu@example.org", "body": body, "ts": ts},
    )
    [(comment_id, status)] = _query(
        "SELECT id, status FROM discussion_comment WHERE body = %s", body
    )
    assert status == "pending"  # a first-time guest is held for moderation
    permalink = f"/comment/{comment_id}/"
    for node in (node_a, node_b):
        assert body not in _page_or_404(node.url(permalink))
        assert body not in Browser().get(node.url(path))

    # Node A: the moderator approves it in the admin.
    moderator = Browser()
    moderator.admin_login(node_a, username, password)
    changelist = node_a.url("/admin/discussion/comment/")
    moderator.post(
        changelist,
        {
            "csrfmiddlewaretoken": _csrf(moderator.get(changelist)),
            "action": "mark_approved",
            "_selected_action": [comment_id],
            "index": 0,
        },
    )
    for node in (node_b, node_a):
        assert body in Browser().get(node.url(permalink)), f"not approved on {node.base_url}"

    # Node B: another moderator session redacts the text.
    editor = Browser()
    editor.admin_login(node_b, username, password)
    change = node_b.url(f"/admin/discussion/comment/{comment_id}/change/")
    redacted = "[Vom Moderationsteam gekürzt.]"
    editor.post(
        change,
        {
            "csrfmiddlewaretoken": _csrf(editor.get(change)),
            "status": "approved",
            "author_name": "Neu Leserin",
            "author_email": "neu@example.org",
            "author_url": "",
            "body": redacted,
            "_save": "Save",
        },
    )
    assert _query("SELECT body FROM discussion_comment WHERE id = %s", comment_id) == [(redacted,)]
    for node in (node_a, node_b):
        page = Browser().get(node.url(permalink))
        assert redacted in page and body not in page, f"stale text on {node.base_url}"


def _page_or_404(url: str) -> str:
    with e2e.fetch(url) as response:
        return response.read().decode(errors="replace")


def _biggest_article():
    rows = _query(
        "SELECT a.slug, a.published_at FROM publishing_article a "
        "JOIN discussion_comment c ON c.article_id = a.id "
        "GROUP BY a.id ORDER BY count(*) DESC LIMIT 1"
    )
    slug, published = rows[0]
    # Permalinks carry the date in the site's time zone (settings.TIME_ZONE).
    local = published.astimezone(zoneinfo.ZoneInfo(os.environ.get("TIME_ZONE", "Europe/Berlin")))
    return (f"/{local:%Y/%m/%d}/{slug}/",)
