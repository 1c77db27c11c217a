"""Live threads on two nodes that share only PostgreSQL and Redis (`make test-multinode`).

An approval made in a third process shows on both nodes' live endpoints within the
answer's freshness window, and the nodes share one answer through Redis. Runs only
when BROADSHEET_MULTINODE_DATABASE_URL and BROADSHEET_MULTINODE_REDIS_URL are set:
the database is dropped and created again, the Redis database flushed.
"""

import json
import os
import re
import time
import urllib.parse

import psycopg
import pytest
import redis

from broadsheet.core import e2e

DATABASE_URL = os.environ.get("BROADSHEET_MULTINODE_DATABASE_URL", "")
REDIS_URL = os.environ.get("BROADSHEET_MULTINODE_REDIS_URL", "")
POLL_SECONDS = 2

pytestmark = [
    pytest.mark.multinode,
    pytest.mark.skipif(
        not (DATABASE_URL and REDIS_URL),
        reason="multi-node test: set BROADSHEET_MULTINODE_DATABASE_URL and _REDIS_URL "
        "(make test-multinode)",
    ),
]


def _recreate_database(url: str) -> None:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    assert re.fullmatch(r"[a-z_][a-z0-9_]*", name), name
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _shell(env, code: str) -> str:
    """The last line the code printed (`shell` may first say what it imported)."""
    output = e2e.run_command(env, "shell", "-c", code).strip()
    return output.splitlines()[-1] if output else ""


def _poll(node, article_pk: int):
    response = e2e.fetch(node.url(f"/discussion/{article_pk}/live/"))
    with response:
        assert response.status == 200
        return json.loads(response.read()), response.headers


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    _recreate_database(DATABASE_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()
    common = {
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "live-nodes-test-secret-" + "x" * 40,
        "BROADSHEET_LIVE_POLL_SECONDS": str(POLL_SECONDS),
    }
    env_a = e2e.server_environment(tmp_path_factory.mktemp("node-a"), **common)
    env_b = e2e.server_environment(tmp_path_factory.mktemp("node-b"), **common)
    e2e.prepare_data_dir(env_a, demo=False)
    e2e.prepare_data_dir(env_b, demo=False)
    node_a = e2e.start_server(env_a)
    try:
        node_b = e2e.start_server(env_b, extra_args=("--no-worker",))
        try:
            yield node_a, node_b, env_a
        finally:
            node_b.stop()
    finally:
        node_a.stop()
    for node in (node_a, node_b):
        assert "Traceback" not in node.output(), node.output()


def test_an_approval_reaches_both_nodes_within_the_window_and_held_comments_never(nodes):
    node_a, node_b, env = nodes
    article_pk, held_pk = map(
        int,
        _shell(
            env,
            "from broadsheet.core.testing import make_article, make_comment\n"
            "a = make_article('Live auf zwei Knoten', slug='zwei-knoten')\n"
            "make_comment(a)\n"
            "held = make_comment(a, status='pending')\n"
            "print(a.pk, held.pk)",
        ).split(),
    )
    for node in (node_a, node_b):
        body, headers = _poll(node, article_pk)
        assert body["count"] == 1  # the held comment is not counted on either
        assert headers["Cache-Control"] == f"public, max-age={POLL_SECONDS}"
        assert "Set-Cookie" not in headers

    # One answer for the article in Redis, shared by both nodes and all their processes,
    # and kept no longer than the window.
    shared = redis.Redis.from_url(REDIS_URL)
    [key] = [k for k in shared.scan_iter(match=f"*live:{article_pk}")]
    assert 0 < shared.pttl(key) <= POLL_SECONDS * 1000

    _shell(
        env,
        "from broadsheet.discussion.models import Comment\n"
        "from broadsheet.moderation.services import approve_comments\n"
        f"approve_comments(Comment.objects.filter(pk={held_pk}), actor=None)",
    )
    approved_at = time.monotonic()
    for node in (node_a, node_b):
        while (count := _poll(node, article_pk)[0]["count"]) != 2:
            assert count == 1
            assert time.monotonic() - approved_at < POLL_SECONDS + 1, "still not counted"
            time.sleep(0.1)
    assert time.monotonic() - approved_at < POLL_SECONDS + 1
