"""What readers get from `broadsheet serve` as `make run` starts it: idle sockets, browsers.

One server for the module: a data folder of its own with the demo (`broadsheet setup`),
then `broadsheet serve --port N` with nothing else on the command line (core/e2e.py),
so the defaults for workers, threads, connections and timeouts are what is tested.
Everything goes over real sockets; the test process shares nothing with the server.
"""

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from broadsheet.core import e2e

IDLE_SOCKETS = 8
FRESH_REQUEST_SECONDS = 1.0
LOAD_EVENT_MS = 3000
READERS = 20
# 20 Chromium renderers of a 500 KB page share 2 cores with the server: their load is
# bound by the browsers' CPU, not by the server (which answers all 20 within seconds).
READERS_LOAD_MS = 90_000

BIGGEST_ARTICLE = (
    "from django.db.models import Count;"
    "from broadsheet.publishing.models import Article;"
    "a = Article.objects.annotate(n=Count('comments')).order_by('-n').first();"
    "print('URL', a.get_absolute_url(), a.n)"
)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    env = e2e.server_environment(tmp_path_factory.mktemp("real-server"))
    e2e.prepare_data_dir(env, demo=True)
    server = e2e.start_server(env)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def biggest_article(demo_server) -> str:
    """The path of the demo article with the most comments (the biggest page)."""
    output = e2e.run_command(demo_server.env, "shell", "-c", BIGGEST_ARTICLE)
    path, comments = re.search(r"^URL (\S+) (\d+)$", output, re.MULTILINE).groups()
    assert int(comments) > 100, "the demo's biggest discussion shrank: pick another page"
    # Readers mostly meet a page that someone has opened before: render it in every
    # worker once (each keeps its own fragments), so the browser tests time the server
    # and the browser, not the first rendering of 350 comments.
    for _ in range(6):
        assert e2e.fetch(demo_server.url(path), timeout=30).read()
    return path


def keep_alive_socket(server: e2e.ServerProcess) -> socket.socket:
    """A connection that asked for the front page, got it whole, and now sits idle."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:100]
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        body += sock.recv(65536)
    return sock


def slowloris_socket(server: e2e.ServerProcess) -> socket.socket:
    """A connection that sent half a request header and is taking its time."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    return sock


def is_open(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True  # nothing to read and no end of stream: still open
    except OSError:
        return False
    finally:
        sock.setblocking(True)


def seconds_for_a_fresh_request(server: e2e.ServerProcess) -> float:
    started = time.monotonic()
    # Well above the bound, so a starved server fails the assertion, not with a timeout.
    with e2e.fetch(server.url("/"), timeout=10) as response:
        assert response.status == 200
        response.read()
    return time.monotonic() - started


@pytest.mark.parametrize("client", [keep_alive_socket, slowloris_socket])
def test_idle_and_slow_connections_do_not_delay_a_fresh_request(demo_server, client):
    sockets = [client(demo_server) for _ in range(IDLE_SOCKETS)]
    try:
        assert all(is_open(sock) for sock in sockets)

        elapsed = seconds_for_a_fresh_request(demo_server)

        assert elapsed < FRESH_REQUEST_SECONDS, f"a fresh request took {elapsed:.1f} s"
        assert all(is_open(sock) for sock in sockets)  # held, not dropped to make room
    finally:
        for sock in sockets:
            sock.close()


def test_three_parallel_requests_are_answered_with_idle_sockets_open(demo_server):
    sockets = [keep_alive_socket(demo_server) for _ in range(6)]
    try:
        with ThreadPoolExecutor(3) as pool:
            times = list(pool.map(lambda _: seconds_for_a_fresh_request(demo_server), range(3)))
    finally:
        for sock in sockets:
            sock.close()
    assert max(times) < FRESH_REQUEST_SECONDS, times


def test_the_server_closes_idle_and_slowloris_connections_by_itself(demo_server):
    idle, slow = keep_alive_socket(demo_server), slowloris_socket(demo_server)
    started = time.monotonic()
    try:
        # The default header timeout is 15 s; a server that keeps them fails at 25 s.
        while (is_open(idle) or is_open(slow)) and time.monotonic() - started < 25:
            slow.sendall(b"x")  # a trickle, as slowloris does, must not renew the deadline
            time.sleep(0.5)
        assert not is_open(idle), "an idle keep-alive connection stayed open"
        assert not is_open(slow), "a client sending its header byte by byte stayed connected"
    except (BrokenPipeError, ConnectionResetError):
        pass  # closed while we were still writing to it: what we want
    finally:
        idle.close()
        slow.close()


def open_article(browser, url: str):
    """A fresh reader's page with every response and failed request recorded."""
    context = browser.new_context()
    context.set_default_timeout(READERS_LOAD_MS)
    page = context.new_page()
    page.responses, page.failures = [], []
    page.on("response", lambda response: page.responses.append(response))
    page.on("requestfailed", lambda request: page.failures.append(request.url))
    return context, page


# Milliseconds from the start of the navigation: where the time went, if it was too long.
NAVIGATION_TIMING = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return Object.fromEntries(["responseStart", "responseEnd", "domInteractive",
    "domContentLoadedEventEnd", "loadEventEnd"].map(k => [k, Math.round(n[k])]));
}"""


@pytest.mark.browser
def test_chromium_loads_the_biggest_article_with_every_subresource_quickly(
    chromium_browser, demo_server, biggest_article
):
    # A reader's browser is running already: its start-up is not the page's load time.
    warm_up = chromium_browser.new_context()
    warm_up.new_page().goto(demo_server.url("/"), wait_until="load")
    warm_up.close()
    context, page = open_article(chromium_browser, demo_server.url(biggest_article))
    try:
        page.goto(demo_server.url(biggest_article), wait_until="load")
        page.wait_for_load_state("networkidle")

        assert page.failures == []
        assert [(r.status, r.url) for r in page.responses if r.status != 200] == []
        kinds = {r.request.resource_type for r in page.responses}
        assert {"document", "stylesheet", "script", "image"} <= kinds
        timing = page.evaluate(NAVIGATION_TIMING)
        assert 0 < timing["loadEventEnd"] < LOAD_EVENT_MS, timing
    finally:
        context.close()


def vote_count(html: str, action: str) -> int:
    form = html[html.index(f'action="{action}"') :]
    return int(re.search(r"data-up>(\d+)<", form).group(1))


@pytest.mark.browser
def test_twenty_readers_open_the_article_and_vote_on_one_comment_at_once(
    chromium_browser, demo_server, biggest_article
):
    url = demo_server.url(biggest_article)
    action = re.search(
        r'<form class="vote" method="post" action="([^"]+)"', e2e.fetch(url).read().decode()
    ).group(1)
    before = vote_count(e2e.fetch(url).read().decode(), action)
    readers = [open_article(chromium_browser, url) for _ in range(READERS)]
    try:
        # All twenty navigate at once: each navigation starts without waiting for the others.
        for _, page in readers:
            page.evaluate("url => setTimeout(() => { location.href = url }, 0)", url)
        for _, page in readers:
            page.wait_for_url(url, wait_until="load")
        for _, page in readers:
            assert page.failures == []
            assert [(r.status, r.url) for r in page.responses if r.status != 200] == []

        for _, page in readers:
            page.locator(f'form[action="{action}"] .vote__up').click()
        deadline = time.monotonic() + 30
        voted = []
        while time.monotonic() < deadline:
            voted = [
                [r.status for r in page.responses if r.request.method == "POST"]
                for _, page in readers
            ]
            if all(voted):
                break
            readers[0][1].wait_for_timeout(100)  # lets Playwright deliver the events

        assert voted == [[200]] * READERS
    finally:
        for context, _ in readers:
            context.close()
    # Read back as a new reader would, from a fresh connection without cookies.
    assert vote_count(e2e.fetch(url).read().decode(), action) == before + READERS
