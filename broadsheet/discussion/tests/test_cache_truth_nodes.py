"""Two real `broadsheet serve` nodes that share only the database: every write shows on both.

Node A is the embedded default (SQLite in its data folder, in-process caches, its own
task worker); node B has a data folder of its own, the same database (its SQLite file
is a link to A's; SQLite resolves the link, so both use one file and one WAL) and
Redis as its cache. Writes come from a third process (`broadsheet shell -c`) or
through A's admin over HTTP; each check first views the pages on both nodes, so
every cache is warm, then writes, then expects the change on both at the next request.
"""

import http.client
import http.cookiejar
import itertools
import os
import re
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from broadsheet.core.e2e import (
    fetch,
    prepare_data_dir,
    run_command,
    server_environment,
    start_server,
)

# One pair of nodes, one story and one Redis database for the whole module, and its tests
# build on each other (a deleted comment stays deleted): `make test` runs the module on
# its own, outside xdist. Inside an xdist worker the spam step has been seen to read the
# page as it was before the write on the node without Redis (not understood yet; see
# the closing note of the session that moved it here).
pytestmark = pytest.mark.serial

# A Redis database of its own: the fixture empties it.
REDIS_URL = os.environ.get("BROADSHEET_NODES_REDIS_URL", "redis://127.0.0.1:6379/2")
MARKER = "--- output ---"
COMMON = {
    # Shared by the nodes of one site, as a real deployment's configuration would be.
    "SECRET_KEY": "cache-truth-nodes-" + "k" * 40,
    "BROADSHEET_COMMENT_MIN_SECONDS": "0",
}


def _redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=1)
    try:
        client.flushdb()
    except redis.RedisError as error:
        pytest.skip(f"Redis at {REDIS_URL} is not reachable: {error}")


class Nodes:
    def __init__(self, a, b, env):
        self.a, self.b, self.env = a, b, env

    def both(self):
        return (self.a, self.b)

    def shell(self, code: str) -> str:
        """Run Python in a third process against the shared database; what it print()ed.

        The shell may announce its automatic imports first: only lines printed after
        our marker count.
        """
        output = run_command(self.env, "shell", "-c", f"print({MARKER!r})\n{code}")
        return output.split(MARKER, 1)[1].strip()

    def page(self, node, path: str) -> str:
        response = fetch(node.url(path))
        assert response.status == 200, f"{node.base_url}{path}: {response.status}"
        return response.read().decode()

    def warm(self, *paths: str) -> None:
        for node in self.both():
            for path in paths:
                self.page(node, path)
                self.page(node, path)


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    _redis_or_skip()
    folder_a = tmp_path_factory.mktemp("node-a")
    folder_b = tmp_path_factory.mktemp("node-b")
    env_a = server_environment(folder_a, **COMMON)
    prepare_data_dir(env_a, demo=True)
    (folder_b / "broadsheet.sqlite3").symlink_to(folder_a / "broadsheet.sqlite3")
    env_b = server_environment(folder_b, REDIS_URL=REDIS_URL, **COMMON)
    prepare_data_dir(env_b, demo=False)
    a = start_server(env_a)
    try:
        b = start_server(env_b, extra_args=("--no-worker",))
    except BaseException:
        a.stop()
        raise
    try:
        yield Nodes(a, b, env_a)
    finally:
        b.stop()
        a.stop()


@pytest.fixture(scope="module")
def story(nodes):
    """An article of our own with three approved comments; returns its path and ids.

    A slug of its own per test: the nodes (and their database) live for the module, and
    two articles at one date and slug would leave it to the database which one a page
    shows.
    """
    slug = f"zwei-knoten-{next(_stories)}"
    output = nodes.shell(
        "from django.utils import timezone\n"
        "from broadsheet.core.testing import make_comment\n"
        "from broadsheet.publishing.models import Article\n"
        f"a = Article.objects.create(title='Zwei Knoten', slug='{slug}', body='Text.',"
        " status='published', published_at=timezone.now())\n"
        "c = [make_comment(a, body=b, author_name=n, author_url=u) for b, n, u in ["
        " ('Der Autor ist ein Vollidiot.', 'Hans aus der Lindenstraße 4', 'https://hans.example/'),"
        " ('Zweite Meinung.', 'Berta', ''), ('Dritte Meinung.', 'Clara', '')]]\n"
        "print(a.get_absolute_url(), *[x.pk for x in c])"
    )
    path, *ids = output.split()
    return path, [int(pk) for pk in ids]


_stories = itertools.count(1)


def heading(html: str) -> str:
    return re.search(r'<h2 id="comments-title">([^<]*)</h2>', html).group(1).strip()


class Admin:
    """A moderator logged in to node A's admin over HTTP, with its cookie and CSRF token."""

    def __init__(self, node, username: str, password: str):
        self.node = node
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.post("/admin/login/?next=/admin/", {"username": username, "password": password})

    def get(self, path: str) -> str:
        with self.opener.open(self.node.url(path), timeout=10) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path)).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(self.node.url(path), data=body.encode())
        with self.opener.open(request, timeout=10) as response:
            return response.read().decode()


@pytest.fixture(scope="module")
def moderator_admin(nodes):
    credentials = (Path(nodes.env["BROADSHEET_DATA_DIR"]) / "demo-credentials.txt").read_text()
    username, password = re.search(r"(moderation) / (\S+)", credentials).groups()
    admin = Admin(nodes.a, username, password)
    assert "logout" in admin.get("/admin/").lower()
    return admin


def test_a_moderators_admin_edit_over_http_shows_on_both_nodes(nodes, story, moderator_admin):
    path, (insult, *_others) = story
    nodes.warm(path)
    for node in nodes.both():
        assert "Vollidiot" in nodes.page(node, path)
    moderator_admin.post(
        f"/admin/discussion/comment/{insult}/change/",
        {"status": "approved", "author_name": "Hans M.", "author_email": "leser@example.org",
         "author_url": "", "body": "[Beleidigung entfernt]", "_save": "1"},
    )  # fmt: skip
    for node in nodes.both():
        html = nodes.page(node, path)
        assert "Vollidiot" not in html and "[Beleidigung entfernt]" in html, node.base_url
        assert "Lindenstraße" not in html and "hans.example" not in html, node.base_url


def test_a_comment_deleted_in_the_admin_leaves_both_nodes_counting_right(
    nodes, story, moderator_admin
):
    path, (_insult, second, _third) = story
    nodes.warm(path)
    assert {heading(nodes.page(node, path)) for node in nodes.both()} == {"3 Kommentare"}
    moderator_admin.post(f"/admin/discussion/comment/{second}/delete/", {"post": "yes"})
    for node in nodes.both():
        html = nodes.page(node, path)
        assert heading(html) == "2 Kommentare" and "Zweite Meinung." not in html, node.base_url


def test_spam_and_approval_from_a_third_process_show_on_both_nodes(nodes, story):
    path, (*_rest, third) = story
    nodes.warm(path)
    nodes.shell(
        "from broadsheet.discussion.models import Comment\n"
        "from broadsheet.discussion.services import set_comment_status\n"
        f"set_comment_status(Comment.objects.get(pk={third}), 'spam')"
    )
    for node in nodes.both():
        html = nodes.page(node, path)
        assert "Dritte Meinung." not in html and heading(html) == "1 Kommentar", node.base_url
    nodes.shell(
        "from broadsheet.discussion.models import Comment\n"
        "from broadsheet.discussion.services import set_comment_status\n"
        f"set_comment_status(Comment.objects.get(pk={third}), 'approved')"
    )
    for node in nodes.both():
        html = nodes.page(node, path)
        assert "Dritte Meinung." in html and heading(html) == "2 Kommentare", node.base_url


def test_an_edited_promo_block_shows_on_both_nodes_at_once(nodes, story):
    path, _ = story
    nodes.warm(path)
    title = nodes.shell(
        "from broadsheet.publishing.models import PromoBlock\n"
        "b = PromoBlock.objects.filter(active=True, categories=None).order_by('pk').first()\n"
        "print(b.title)\n"
        "b.title = 'Neu im Laden: Kalender'\n"
        "b.save()"
    )
    assert title
    for node in nodes.both():
        html = nodes.page(node, path)
        assert "Neu im Laden: Kalender" in html and f">{title}<" not in html, node.base_url


def test_pages_and_publication_settings_edited_elsewhere_show_on_both_nodes(nodes, story):
    path, _ = story
    nodes.warm(path, "/")
    nodes.shell(
        "from broadsheet.publishing.models import Page, Publication\n"
        "p = Publication.current(); p.name = 'Die Zwei-Knoten-Post'; p.save()\n"
        "Page.objects.create(title='Knotenseite', slug='knotenseite', body='Hallo.')"
    )
    for node in nodes.both():
        for url in (path, "/"):
            html = nodes.page(node, url)
            assert "Die Zwei-Knoten-Post" in html and "Knotenseite" in html, node.url(url)


def test_an_article_edited_elsewhere_shows_on_its_page_and_front_page_of_both_nodes(nodes, story):
    path, _ = story
    nodes.warm(path, "/")
    nodes.shell(
        "from broadsheet.publishing.models import Article\n"
        f"a = Article.objects.get(slug='{path.strip('/').split('/')[-1]}')\n"
        "a.title = 'Zwei Knoten, ein Stand'; a.body = 'Neuer Text.'; a.save()"
    )
    for node in nodes.both():
        html = nodes.page(node, path)
        assert "Zwei Knoten, ein Stand" in html and "Neuer Text." in html, node.base_url
        assert "Zwei Knoten, ein Stand" in nodes.page(node, "/"), node.base_url


def _post_held_comment(connection, path: str, name: str, body: str) -> None:
    """A first-time guest's comment through node A's web process: held for moderation.

    One keep-alive connection for all of it, so every request reaches the same web
    process (a process-local flag would otherwise hide behind another process).
    """
    connection.request("GET", path)
    response = connection.getresponse()
    html = response.read().decode()
    assert response.status == 200
    ts = re.search(r'name="ts" value="([^"]+)"', html).group(1)
    article_id = re.search(r'action="/discussion/(\d+)/comments/#respond"', html).group(1)
    data = urllib.parse.urlencode(
        {"name": name, "email": f"{name.lower()}@neu.example", "body": body, "ts": ts}
    )
    origin = f"http://{connection.host}:{connection.port}"
    connection.request(
        "POST",
        f"/discussion/{article_id}/comments/",
        body=data,
        headers={"Origin": origin, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    response.read()
    assert response.status == 303, response.status


def _digests(nodes) -> list[str]:
    output = nodes.shell(
        "from broadsheet.notifications.models import Delivery\n"
        "print(*Delivery.objects.filter(kind='digest').order_by('pk')"
        ".values_list('status', flat=True))"
    )
    return output.split()


def _wait_for(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(1)
    raise AssertionError("gave up waiting")


def test_a_second_held_comment_gets_a_digest_after_the_first_was_sent(nodes, story):
    # The web process sets the "digest queued" flag, A's task worker (another process)
    # clears it: only a flag in the database is seen by both.
    path, _ = story
    before = len(_digests(nodes))
    connection = http.client.HTTPConnection("127.0.0.1", nodes.a.port, timeout=10)
    _post_held_comment(connection, path, "Erstleser", "Bitte freischalten, eins.")
    _wait_for(lambda: len(d := _digests(nodes)) == before + 1 and d[-1] == "sent")
    _post_held_comment(connection, path, "Zweitleser", "Bitte freischalten, zwei.")
    connection.close()
    # The next digest waits out the moderation gap, but it must be scheduled.
    _wait_for(lambda: len(_digests(nodes)) == before + 2)
