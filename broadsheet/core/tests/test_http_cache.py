"""Cache headers of public pages, 304s from the versions, and purges queued by writes.

The purge clients talk to a real HTTP server on a loopback socket (StubTarget) that
records every request, as a CDN's API or nginx would receive it.
"""

import datetime
import http.server
import json
import threading

import pytest
from django.core.cache import caches
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from broadsheet.core import purge
from broadsheet.core.http_cache import identity_cookies
from broadsheet.core.testing import make_article, make_category
from broadsheet.discussion import services as discussion
from broadsheet.discussion.models import Thread
from broadsheet.discussion.services import set_thread_closed
from broadsheet.publishing.models import Page

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=600, stale-while-revalidate=30"


def _clear():
    for alias in ("default", "fragments"):
        caches[alias].clear()


@pytest.fixture
def article():
    return make_article("Ein Artikel", categories=[make_category("Welt", slug="welt")])


# --- Headers ------------------------------------------------------------------------------


def test_an_anonymous_article_page_is_public_with_a_weak_version_etag_and_keys(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    assert response["Surrogate-Key"].split() == ["site", f"article-{article.pk}",
                                                 f"thread-{article.pk}"]  # fmt: skip
    assert response["Cache-Tag"] == f"site,article-{article.pk},thread-{article.pk}"
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_the_etag_stays_while_nothing_changes_and_moves_with_the_thread(client, article):
    first = client.get(article.get_absolute_url())["ETag"]
    _clear()
    assert client.get(article.get_absolute_url())["ETag"] == first
    set_thread_closed(Thread.objects.get_or_create(article=article)[0], closed=True)
    assert client.get(article.get_absolute_url())["ETag"] != first


def test_the_settings_shape_cache_control(client, article, settings):
    settings.BROADSHEET_HTTP_MAX_AGE = 30
    settings.BROADSHEET_HTTP_S_MAXAGE = 86400
    settings.BROADSHEET_HTTP_STALE_WHILE_REVALIDATE = 5
    response = client.get(article.get_absolute_url())
    assert (
        response["Cache-Control"] == "public, max-age=30, s-maxage=86400, stale-while-revalidate=5"
    )


@pytest.mark.parametrize("cookie", ["sessionid", "bs_voter", "bs_own", "bs_remember", "messages"])
def test_a_reader_with_an_identity_cookie_gets_a_private_uncached_page(client, article, cookie):
    client.cookies[cookie] = "anything"
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response and "Surrogate-Key" not in response


def test_the_identity_cookies_are_the_ones_the_app_reads():
    assert identity_cookies() == ("sessionid", "bs_voter", "bs_own", "bs_remember", "messages")


def test_an_unrelated_cookie_does_not_make_a_page_private(client, article):
    client.cookies["csrftoken"] = "x" * 32
    assert client.get(article.get_absolute_url())["Cache-Control"] == PUBLIC


def test_a_logged_in_reader_is_never_public(client, article, reader):
    client.force_login(reader)
    assert client.get(article.get_absolute_url())["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "name,kwargs,keys",
    [
        # The front page also names the threads whose counts it shows (frontpage.py).
        ("publishing:front", {}, "site listings front thread-{pk}"),
        ("publishing:category", {"path": "welt"}, "site listings archive category-welt"),
        ("feed-rss", {}, "site listings feeds"),
        ("category-feed-atom", {"path": "welt"}, "site listings feeds category-welt"),
        ("sitemap", {}, "site listings sitemaps"),
        ("news-sitemap", {}, "site listings sitemaps"),
    ],
)
def test_listings_feeds_and_sitemaps_are_public_with_their_keys(
    client, article, name, kwargs, keys
):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert response["Surrogate-Key"] == keys.format(pk=article.pk)


def test_comment_feeds_are_public_and_purged_with_their_threads(client, article, settings):
    url = article.get_absolute_url()
    for path in (f"{url}feed/", f"{url}feed/atom/"):
        response = client.get(path)
        assert response.status_code == 200 and response["Cache-Control"] == PUBLIC
        assert response["Surrogate-Key"] == (
            f"site article-{article.pk} thread-{article.pk} comment-feeds"
        )
    for path in ("/comments/feed/", "/comments/feed/atom/"):
        response = client.get(path)
        assert response["Cache-Control"] == PUBLIC
        assert response["Surrogate-Key"] == "site listings comment-feeds"
    # A thread's purge reaches its article's feeds and the site's latest comments.
    paths = purge.paths_for([f"thread-{article.pk}", "comment-feeds"])
    assert {url, f"{url}feed/", f"{url}feed/atom/", "/comments/feed/"} <= set(paths)


def test_a_thread_purge_also_purges_the_sites_comment_feeds(settings):
    server = StubTarget()
    try:
        settings.BROADSHEET_FASTLY_API_URL = server.url
        settings.BROADSHEET_FASTLY_SERVICE_ID = "svc"
        settings.BROADSHEET_FASTLY_API_TOKEN = "fastly-token"
        purge.purge_keys.call(["thread-7"])
        purge.purge_keys.call(["site"])
        keys = [r["headers"]["Surrogate-Key"] for r in server.requests]
        assert keys == ["comment-feeds thread-7", "site"]
    finally:
        server.close()


def test_a_page_is_public_and_keyed_by_its_slug(client):
    Page.objects.create(title="Impressum", slug="impressum", body="Wir.")
    response = client.get("/impressum/")
    assert response["Cache-Control"] == PUBLIC
    assert response["Surrogate-Key"] == "site page-impressum"


def test_errors_redirects_posts_and_search_get_no_public_headers(client, article):
    assert "Cache-Control" not in client.get("/2020/01/01/gibt-es-nicht/")
    wrong_date = client.get(f"/1999/01/01/{article.slug}/")
    assert wrong_date.status_code == 301 and "Cache-Control" not in wrong_date
    assert "public" not in client.get("/search/?q=Artikel").get("Cache-Control", "")


def test_a_cache_control_set_by_a_view_is_never_overridden(client, db):
    assert client.get("/healthz")["Cache-Control"] == "no-store"


# --- Conditional requests -----------------------------------------------------------------


def test_a_matching_etag_gets_a_304_for_two_queries_without_rendering(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    _clear()
    # The site's versions, and the article's (with its thread's): nothing else.
    with django_assert_num_queries(2):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["Cache-Control"] == PUBLIC
    assert response.content == b""


def test_a_listing_304_costs_one_query(client, article, django_assert_num_queries):
    etag = client.get("/")["ETag"]
    _clear()
    with django_assert_num_queries(1):
        assert client.get("/", headers={"if-none-match": etag}).status_code == 304


def test_if_modified_since_alone_gets_a_304(client, article):
    last_modified = client.get(article.get_absolute_url())["Last-Modified"]
    response = client.get(article.get_absolute_url(), headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_an_old_etag_gets_the_new_page(client, article):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    article.title = "Neuer Titel"
    article.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Neuer Titel" in response.content.decode()


def test_a_reader_with_cookies_never_gets_a_304_for_the_public_page(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    client.cookies["bs_own"] = "1"
    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200


def test_a_304_for_a_wrong_date_address_is_not_given(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]
    response = client.get(f"/1999/01/01/{article.slug}/", headers={"if-none-match": etag})
    assert response.status_code == 301


# --- Purges queued by writes --------------------------------------------------------------


@pytest.fixture
def purge_url(settings):
    settings.BROADSHEET_PURGE_URL = "http://127.0.0.1:9"
    settings.BROADSHEET_PURGE_HOST = "news.example"


def _queued() -> list[list[str]]:
    return [row.args_kwargs["args"][0] for row in DBTaskResult.objects.order_by("enqueued_at")]


def test_nothing_is_queued_without_a_purge_target(article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        discussion.touch_thread(article.pk)
    assert _queued() == []


def test_a_thread_change_queues_its_key_once_it_commits(
    article, purge_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        discussion.touch_thread(article.pk)
        discussion.touch_thread(article.pk)
        assert _queued() == []  # not before the commit
    assert _queued() == [[f"thread-{article.pk}"]]  # one task for the transaction


def test_a_rolled_back_write_purges_nothing_and_the_next_one_still_does(
    article, purge_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            discussion.touch_thread(article.pk)
            raise RuntimeError
        discussion.touch_thread(article.pk)
    assert _queued() == [[f"thread-{article.pk}"]]


def test_an_admin_style_article_save_purges_the_article_and_the_listings(
    article, purge_url, django_capture_on_commit_callbacks
):
    from broadsheet.publishing.services import save_article

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Geändert"
        save_article(article)  # as the admin, the importer and the demo do
    # The body is re-anchored by the service, which moves the thread too.
    assert _queued() == [sorted(["listings", f"article-{article.pk}", f"thread-{article.pk}"])]


def test_a_scheduled_article_queues_a_purge_for_its_time(
    purge_url, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    when = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        make_article(status="scheduled", published_at=when)
    later = DBTaskResult.objects.filter(run_after=when)
    assert later.exists()
    assert all("listings" in row.args_kwargs["args"][0] for row in later)
    assert DBTaskResult.objects.exclude(run_after=when).exists()  # and one for the save now


def test_a_chrome_change_purges_the_whole_site(purge_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_category("Sport")
    assert ["site"] in _queued()


# --- Purge clients against a real HTTP server ---------------------------------------------


class StubTarget:
    """A loopback HTTP server that records requests and answers with a fixed reply."""

    def __init__(self, status=200, body=b'{"success": true, "result": {"id": "x"}}'):
        self.requests: list[dict] = []
        self.status, self.body = status, body
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                stub.requests.append({
                    "method": self.command, "path": self.path, "headers": dict(self.headers),
                    "body": self.rfile.read(length) if length else b"",
                })  # fmt: skip
                self.send_response(stub.status)
                self.send_header("Content-Length", str(len(stub.body)))
                self.end_headers()
                self.wfile.write(stub.body)

            do_POST = do_PURGE = do_GET = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub():
    server = StubTarget()
    yield server
    server.close()


def test_cloudflare_gets_the_tags_with_the_token_in_chunks_of_thirty(settings, stub):
    settings.BROADSHEET_CLOUDFLARE_API_URL = stub.url + "/client/v4"
    settings.BROADSHEET_CLOUDFLARE_ZONE_ID = "zone123"
    settings.BROADSHEET_CLOUDFLARE_API_TOKEN = "cf-token"
    keys = [f"thread-{n}" for n in range(45)]
    tags = sorted([*keys, "comment-feeds"])  # a thread's purge reaches the comment feeds
    assert purge.purge_keys.call(keys) == {"cloudflare": 2}
    assert [r["path"] for r in stub.requests] == ["/client/v4/zones/zone123/purge_cache"] * 2
    first = stub.requests[0]
    assert first["method"] == "POST"
    assert first["headers"]["Authorization"] == "Bearer cf-token"
    assert json.loads(first["body"]) == {"tags": tags[:30]}
    assert json.loads(stub.requests[1]["body"]) == {"tags": tags[30:]}


def test_cloudflare_refusing_the_purge_is_a_failed_task(settings):
    server = StubTarget(status=403, body=b'{"success": false, "errors": [{"code": 10000}]}')
    try:
        settings.BROADSHEET_CLOUDFLARE_API_URL = server.url
        settings.BROADSHEET_CLOUDFLARE_ZONE_ID = "zone123"
        settings.BROADSHEET_CLOUDFLARE_API_TOKEN = "wrong"
        # The last try: the task fails, and the worker logs why.
        with pytest.raises(purge.PurgeFailed, match="403"):
            purge.purge_keys.call(["site"], attempt=len(purge.RETRY_SECONDS))
    finally:
        server.close()


def test_fastly_gets_the_keys_in_a_surrogate_key_header(settings, stub):
    settings.BROADSHEET_FASTLY_API_URL = stub.url
    settings.BROADSHEET_FASTLY_SERVICE_ID = "svc"
    settings.BROADSHEET_FASTLY_API_TOKEN = "fastly-token"
    assert purge.purge_keys.call(["site", "thread-3"]) == {"fastly": 1}
    (request,) = stub.requests
    assert (request["method"], request["path"]) == ("POST", "/service/svc/purge")
    assert request["headers"]["Fastly-Key"] == "fastly-token"
    assert request["headers"]["Surrogate-Key"] == "comment-feeds site thread-3"


def test_the_http_proxy_gets_a_purge_for_each_page_of_the_keys(settings, stub, article):
    settings.BROADSHEET_PURGE_URL = stub.url
    settings.BROADSHEET_PURGE_HOST = "news.example"
    settings.BROADSHEET_PURGE_TOKEN = "secret"
    url = article.get_absolute_url()
    # The page, its two comment feeds, and the site's two comment feeds.
    assert purge.purge_keys.call([f"thread-{article.pk}"]) == {"http": 5}
    assert sorted(r["path"] for r in stub.requests) == sorted(
        [url, f"{url}feed/", f"{url}feed/atom/", "/comments/feed/", "/comments/feed/atom/"]
    )
    (request,) = [r for r in stub.requests if r["path"] == url]
    assert request["method"] == "PURGE"
    assert request["headers"]["Host"] == "news.example"
    assert request["headers"]["X-Purge-Token"] == "secret"
    assert request["headers"]["Surrogate-Key"] == f"comment-feeds thread-{article.pk}"


def test_an_article_purge_reaches_its_sections_and_the_listings(settings, stub, article):
    settings.BROADSHEET_PURGE_URL = stub.url
    purge.purge_keys.call([f"article-{article.pk}", "listings"])
    paths = {r["path"] for r in stub.requests}
    assert {article.get_absolute_url(), "/", "/feed/", "/category/welt/",
            "/category/welt/feed/", "/sitemap.xml"} <= paths  # fmt: skip


def test_an_absent_proxy_fails_the_task_not_the_write(settings, article, client):
    settings.BROADSHEET_PURGE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.BROADSHEET_PURGE_TIMEOUT = 1
    with pytest.raises(purge.PurgeFailed, match="PURGE"):
        purge.purge_keys.call([f"thread-{article.pk}"], attempt=len(purge.RETRY_SECONDS))


def test_a_failed_purge_is_tried_again_later_at_the_targets_that_failed(settings, stub):
    settings.BROADSHEET_PURGE_URL = "http://127.0.0.1:9"  # away for a moment
    settings.BROADSHEET_PURGE_TIMEOUT = 1
    settings.BROADSHEET_FASTLY_API_URL = stub.url
    settings.BROADSHEET_FASTLY_SERVICE_ID = "svc"
    settings.BROADSHEET_FASTLY_API_TOKEN = "fastly-token"
    before = timezone.now()
    result = purge.purge_keys.call(["site"])
    assert result["fastly"] == 1 and result["retry"]["targets"] == ["http"]
    (retry,) = DBTaskResult.objects.filter(task_path__endswith="purge_keys")
    assert retry.args_kwargs == {"args": [["site"]], "kwargs": {"only": ["http"], "attempt": 1}}
    assert retry.run_after >= before + datetime.timedelta(seconds=purge.RETRY_SECONDS[0])
    # The retry asks only the proxy that failed: Fastly got its purge once.
    stub.requests.clear()
    with pytest.raises(purge.PurgeFailed, match="PURGE"):
        purge.purge_keys.call(["site"], only=["http"], attempt=len(purge.RETRY_SECONDS))
    assert stub.requests == []


def test_a_write_does_not_wait_for_a_hanging_proxy(
    settings, article, django_capture_on_commit_callbacks
):
    """The purge is a task row: the write returns while the proxy would hang."""
    import socket
    import time

    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(1)  # accepts, never answers
    try:
        settings.BROADSHEET_PURGE_URL = f"http://127.0.0.1:{hanging.getsockname()[1]}"
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            discussion.touch_thread(article.pk)
        assert time.monotonic() - started < 0.5
        assert _queued() == [[f"thread-{article.pk}"]]
    finally:
        hanging.close()


# --- The deployable nginx file ------------------------------------------------------------


def test_the_nginx_file_renders_with_every_placeholder_filled():
    from broadsheet.core import nginx

    text = nginx.render(
        LISTEN="80", UPSTREAM="10.0.0.5:8000", CACHE_DIR="/var/cache/broadsheet",
        STATIC_ROOT="/srv/static", MEDIA_ROOT="/srv/media", PURGE_TOKEN="t0ken",
        PURGE_ALLOW="allow 10.0.0.5;",
    )  # fmt: skip
    assert "server 10.0.0.5:8000;" in text
    assert '"PURGE:t0ken" 0;' in text
    assert "allow 10.0.0.5;" in text and "deny all;" in text
    # The cookie rule names exactly the cookies the app treats as personal.
    for name in identity_cookies():
        assert name in text


def test_the_nginx_file_refuses_to_render_with_a_placeholder_left():
    from broadsheet.core import nginx

    with pytest.raises(ValueError, match="PURGE_TOKEN"):
        nginx.render(LISTEN="80", UPSTREAM="a:1", CACHE_DIR="/c", STATIC_ROOT="/s",
                     MEDIA_ROOT="/m")  # fmt: skip
