"""deploy/nginx in front of `broadsheet serve`: what a reader behind the proxy gets.

One nginx (its own prefix and port, core/nginx.py) in front of one real server with
the demo (core/e2e.py), whose worker sends purges to that nginx. Everything goes over
loopback sockets. Without nginx and its Debian modules these tests skip, unless
BROADSHEET_REQUIRE_PROXY=1 (CI), where that is a failure.
"""

import os
import re
import secrets
import socket
import time
import urllib.request

import pytest

from broadsheet.core import e2e, nginx

# Serial: the two-second purge check should not share the cores with the xdist run.
pytestmark = [pytest.mark.proxy, pytest.mark.serial]

PURGE_TOKEN = secrets.token_hex(16)
VISIBLE_WITHIN_SECONDS = 2.0

if gaps := nginx.missing():
    if os.environ.get("BROADSHEET_REQUIRE_PROXY") == "1":
        raise RuntimeError(f"BROADSHEET_REQUIRE_PROXY=1 but missing: {', '.join(gaps)}")
    pytest.skip(f"no nginx to test with: missing {', '.join(gaps)}", allow_module_level=True)


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    """(nginx, server): the proxy on its own port, the app behind it with purges on."""
    root = tmp_path_factory.mktemp("edge")
    app_port, proxy_port = e2e.free_port(), e2e.free_port()
    env = e2e.server_environment(
        root / "data",
        BROADSHEET_TRUSTED_PROXIES="127.0.0.1",
        BROADSHEET_PURGE_URL=f"http://127.0.0.1:{proxy_port}",
        BROADSHEET_PURGE_TOKEN=PURGE_TOKEN,
        BROADSHEET_PURGE_HOST="127.0.0.1",
        BROADSHEET_MEDIA_ACCEL_REDIRECT="/_media/",
        BROADSHEET_STATIC_ROOT=str(root / "static"),
        BROADSHEET_RATE_LIMITS="0",
    )
    e2e.prepare_data_dir(env, demo=True)
    server = e2e.start_server(env, port=app_port, extra_args=("--access-log",))
    try:
        proxy = nginx.start_nginx(
            root / "nginx",
            port=proxy_port,
            upstream_port=app_port,
            static_root=root / "static",
            media_root=root / "data" / "media",
            purge_token=PURGE_TOKEN,
        )
    except BaseException:
        server.stop()
        raise
    try:
        yield proxy, server
    finally:
        proxy.stop()
        server.stop()


def shell(server, code: str) -> str:
    return e2e.run_command(server.env, "shell", "-c", code)


def get(url: str, *, headers: dict | None = None, method: str = "GET", source: str = ""):
    """One request on a connection of its own; (status, headers, body)."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)  # noqa: S310
    if source:  # from another loopback address, to test the purge's address rule
        import http.client

        host, port = url.split("//")[1].split("/")[0].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(source, 0))
        conn.request(method, "/" + url.split("/", 3)[3], headers=headers or {})
        response = conn.getresponse()
        result = response.status, response.headers, response.read()
        conn.close()
        return result
    response = e2e.fetch(request.full_url, headers=headers) if method == "GET" else None
    if response is None:
        try:
            response = urllib.request.urlopen(request, timeout=10)  # noqa: S310
        except urllib.error.HTTPError as error:
            response = error
    with response:
        return response.status, response.headers, response.read()


ARTICLE_WITH_COMMENTS = (
    "from django.db.models import Count;"
    "from broadsheet.publishing.models import Article;"
    # A short discussion, so a new comment lands on its first page.
    "a = Article.objects.published().filter(comments_enabled=True)"
    ".annotate(n=Count('comments')).filter(n__gt=0).order_by('n', 'pk').first();"
    "print('ARTICLE', a.pk, a.get_absolute_url())"
)


@pytest.fixture(scope="module")
def article(edge) -> tuple[int, str]:
    _, server = edge
    pk, path = re.search(r"^ARTICLE (\d+) (\S+)$", shell(server, ARTICLE_WITH_COMMENTS),
                         re.MULTILINE).groups()  # fmt: skip
    return int(pk), path


def app_requests(server, path: str) -> int:
    """How many requests for path reached `broadsheet serve` (its access log)."""
    return len(re.findall(rf'"GET {re.escape(path)} ', server.output()))


def test_the_second_anonymous_request_for_an_article_is_a_cache_hit(edge, article):
    proxy, server = edge
    _, path = article
    first = get(proxy.url(path))
    second = get(proxy.url(path))
    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] in {"MISS", "EXPIRED", "HIT"}
    assert second[1]["X-Cache-Status"] == "HIT"
    assert second[1]["Cache-Control"].startswith("public, ")
    assert second[2] == first[2]


def test_a_304_is_answered_by_the_proxy_without_reaching_the_app(edge, article):
    proxy, server = edge
    _, path = article
    status, headers, _ = get(proxy.url(path))
    assert headers["X-Cache-Status"] in {"HIT", "MISS"}
    before = app_requests(server, path)
    status, headers, body = get(proxy.url(path), headers={"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    assert headers["X-Cache-Status"] == "HIT"
    time.sleep(0.3)  # the access log is written after the response
    assert app_requests(server, path) == before


def test_a_comment_approved_by_a_moderator_is_on_the_cached_page_within_two_seconds(edge, article):
    proxy, server = edge
    pk, path = article
    text = f"Freigegeben {secrets.token_hex(4)}"
    get(proxy.url(path))
    assert get(proxy.url(path))[1]["X-Cache-Status"] == "HIT"
    shell(server, (
        "from broadsheet.accounts.models import User;"
        "from broadsheet.core.testing import make_comment;"
        "from broadsheet.discussion.models import Comment;"
        "from broadsheet.moderation import services;"
        "from broadsheet.publishing.models import Article;"
        f"c = make_comment(Article.objects.get(pk={pk}), status='pending', body={text!r});"
        "mod = User.objects.filter(is_staff=True).first();"
        "services.approve_comments(Comment.objects.filter(pk=c.pk), actor=mod)"
    ))  # fmt: skip
    deadline = time.monotonic() + VISIBLE_WITHIN_SECONDS
    while text.encode() not in get(proxy.url(path))[2]:
        assert time.monotonic() < deadline, (
            f"not on the page within {VISIBLE_WITHIN_SECONDS} s:\n{proxy.access_log()[-2000:]}"
            f"\n{server.output()[-2000:]}"
        )
        time.sleep(0.1)
    assert get(proxy.url(path))[1]["X-Cache-Status"] == "HIT"  # cached again


def _session_for(server, username: str) -> str:
    output = shell(server, (
        "from django.test import Client;"
        "from broadsheet.accounts.models import User;"
        f"u, _ = User.objects.get_or_create(username={username!r},"
        f" defaults={{'display_name': {username!r}, 'email': '{username}@example.org'}});"
        "c = Client(); c.force_login(u);"
        "print('SESSION', c.cookies['sessionid'].value)"
    ))  # fmt: skip
    return re.search(r"^SESSION (\S+)$", output, re.MULTILINE).group(1)


def test_a_reader_with_cookies_never_gets_another_readers_page(edge, article):
    proxy, server = edge
    _, path = article
    alice, bruno = _session_for(server, "alice-liest"), _session_for(server, "bruno-liest")
    for _ in range(2):
        status, headers, body = get(proxy.url(path), headers={"Cookie": f"sessionid={alice}"})
        assert status == 200 and b"alice-liest" in body
        assert headers["X-Cache-Status"] == "BYPASS"
        assert headers["Cache-Control"] == "private, no-store"
    status, headers, body = get(proxy.url(path), headers={"Cookie": f"sessionid={bruno}"})
    assert b"bruno-liest" in body and b"alice-liest" not in body
    anonymous = get(proxy.url(path))
    assert b"alice-liest" not in anonymous[2] and b"bruno-liest" not in anonymous[2]
    # A voter or own-comments cookie passes the cache too, whatever its value.
    for cookie in ("bs_voter=x", "bs_own=y", "other=1; bs_remember=z"):
        assert get(proxy.url(path), headers={"Cookie": cookie})[1]["X-Cache-Status"] == "BYPASS"
    assert get(proxy.url(path), headers={"Cookie": "consent=1"})[1]["X-Cache-Status"] == "HIT"


def test_posts_and_query_strings_pass_the_cache(edge, article):
    proxy, _ = edge
    _, path = article
    status, headers, _ = get(proxy.url(path), method="POST")
    assert status in {403, 405} and headers.get("X-Cache-Status", "") in {"", "BYPASS"}
    assert get(proxy.url(path + "?sort=newest"))[1]["X-Cache-Status"] == "BYPASS"


def test_a_purge_needs_the_token_and_an_allowed_address(edge, article):
    proxy, _ = edge
    _, path = article
    get(proxy.url(path))
    assert get(proxy.url(path), method="PURGE")[0] == 403  # no token
    wrong = {"X-Purge-Token": "guess"}
    assert get(proxy.url(path), method="PURGE", headers=wrong)[0] == 403
    token = {"X-Purge-Token": PURGE_TOKEN}
    # From 127.0.0.2: the token alone is not enough.
    assert get(proxy.url(path), method="PURGE", headers=token, source="127.0.0.2")[0] == 403
    assert get(proxy.url(path), method="PURGE", headers=token)[0] == 200
    assert get(proxy.url(path))[1]["X-Cache-Status"] == "MISS"


def test_static_files_come_from_disk_compressed_and_immutable(edge):
    proxy, server = edge
    _, _, page = get(proxy.url("/"))
    asset = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1).decode()
    status, headers, body = get(proxy.url(asset), headers={"Accept-Encoding": "br"})
    assert status == 200 and body
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "br"
    assert app_requests(server, asset) == 0


def test_pages_are_compressed_for_readers_who_accept_it(edge, article):
    proxy, _ = edge
    _, path = article
    assert (
        get(proxy.url(path), headers={"Accept-Encoding": "gzip"})[1]["Content-Encoding"] == "gzip"
    )
    assert get(proxy.url(path), headers={"Accept-Encoding": "br"})[1]["Content-Encoding"] == "br"


def test_media_is_sent_by_nginx_after_the_apps_check_and_drafts_stay_hidden(edge):
    proxy, server = edge
    output = shell(server, (
        "from django.core.files.uploadedfile import SimpleUploadedFile;"
        "from broadsheet.core.testing import make_image, png_bytes;"
        "from broadsheet.publishing.models import Article;"
        "draft = make_image(file=SimpleUploadedFile('geheim.png', png_bytes(), 'image/png'));"
        "shown = make_image(file=SimpleUploadedFile('offen.png', png_bytes(), 'image/png'));"
        "a = Article.objects.published().first();"
        "d = Article.objects.create(title='Entwurf', slug='entwurf-edge', body='x',"
        " status=Article.Status.DRAFT, lead_image=draft);"
        "print('FILES', draft.file.url, shown.file.url)"
    ))  # fmt: skip
    hidden, public = re.search(r"^FILES (\S+) (\S+)$", output, re.MULTILINE).groups()
    status, headers, body = get(proxy.url(public))
    assert status == 200 and body.startswith(b"\x89PNG")
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    assert get(proxy.url(hidden))[0] == 404
    assert get(proxy.url("/_media/" + public.removeprefix("/media/")))[0] == 404  # internal
    # Straight to the app from an address that is no trusted proxy: Django sends it.
    direct = get(server.url(public), source="127.0.0.2")
    assert direct[0] == 200 and direct[2] == body


def test_the_app_sees_the_readers_address_through_the_proxy(edge):
    proxy, server = edge
    # Probes pass the cache; the forwarded headers are what the trusted-proxy rule reads.
    assert get(proxy.url("/healthz"))[1].get("X-Cache-Status", "") == ""
    with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
        sock.sendall(b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert b"200 OK" in sock.recv(200)
