"""Purges of shared caches, queued where the versions move and sent by the worker.

Every write that changes what a page shows bumps a stored version in its transaction
(core/versions.py): Thread.version for a discussion, SiteVersion for the chrome and
the listings, an article's updated_at. Each of those places also calls purge_later()
with the surrogate keys the change concerns (core/http_cache.py puts the same keys on
the pages), so a purge follows the cache truth on every write path: services, admin,
importer, commands. The keys are collected per transaction and queued as one task
when it commits (nothing at all when no purge target is configured); the worker sends
them, so a slow or absent proxy never slows the reader's POST that caused them.

Targets, each configured by environment (settings.py, "HTTP caching and purges"):
- an HTTP proxy (nginx with the cache-purge module, Varnish): `PURGE <path>` for the
  pages the keys stand for, with the site's Host, X-Purge-Token and the keys in a
  Surrogate-Key header (for a Varnish with xkey);
- Cloudflare: POST /zones/{zone}/purge_cache {"tags": […]} (30 tags a call);
- Fastly: POST /service/{id}/purge with Surrogate-Key: k1 k2 … (256 keys a call).
"""

import datetime
import json
import logging
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

CLOUDFLARE_TAGS_PER_CALL = 30
FASTLY_KEYS_PER_CALL = 256
# A site-wide change refreshes this many of the newest articles at an HTTP proxy; older
# article pages there follow s-maxage (a CDN purges the "site" key exactly).
RECENT_ARTICLES = 100


class PurgeFailed(Exception):
    """A purge target refused or did not answer."""


def targets_configured() -> bool:
    return bool(
        settings.BROADSHEET_PURGE_URL
        or (settings.BROADSHEET_CLOUDFLARE_ZONE_ID and settings.BROADSHEET_CLOUDFLARE_API_TOKEN)
        or (settings.BROADSHEET_FASTLY_SERVICE_ID and settings.BROADSHEET_FASTLY_API_TOKEN)
    )


# --- Queueing ---------------------------------------------------------------------------


class _Batch:
    def __init__(self, run_after):
        self.keys: set[str] = set()
        self.run_after = run_after
        self.sent = False

    def send(self) -> None:
        self.sent = True
        try:
            purge_keys.using(run_after=self.run_after).enqueue(sorted(self.keys))
        except Exception:
            # The write has committed; a lost purge costs staleness up to s-maxage.
            logger.exception("Could not queue a purge of %s", sorted(self.keys))


_local = threading.local()


def _pending(batch) -> bool:
    """Whether batch's on_commit callback is still waiting (not run, not rolled back)."""
    connection = transaction.get_connection()
    return not batch.sent and any(entry[1] == batch.send for entry in connection.run_on_commit)


def purge_later(*keys: str, run_after=None) -> None:
    """Purge these surrogate keys once the current transaction commits.

    Call it where a version is bumped. Keys of one transaction go out as one task; a
    rolled-back transaction purges nothing. run_after: not before then (a scheduled
    article appears by the clock, so its listings are purged at its time).
    """
    if not keys or not targets_configured():
        return
    batches = getattr(_local, "batches", None)
    if batches is None:
        batches = _local.batches = {}
    batch = batches.get(run_after)
    if batch is None or not _pending(batch):
        batch = batches[run_after] = _Batch(run_after)
        batch.keys.update(keys)
        transaction.on_commit(batch.send)  # outside a transaction: at once
        return
    batch.keys.update(keys)


# A failed purge is tried again at the targets that failed, after 30 s, 1, 2, 4 and 8
# minutes: a proxy that was away for a moment must not leave a stale page for s-maxage.
RETRY_SECONDS = (30, 60, 120, 240, 480)


# Before other work queued at the same time (a moderator's decision also queues the
# model's learning, which may first load scikit-learn): a purge is what readers wait for.
PURGE_PRIORITY = 50


@task(priority=PURGE_PRIORITY)
def purge_keys(keys: list[str], only: list[str] | None = None, attempt: int = 0) -> dict:
    """Send one purge to every configured target (or those named in only).

    A target that fails gets the purge again later (RETRY_SECONDS); after the last try
    the task fails with PurgeFailed, which the worker logs.
    """
    if any(key.startswith("thread-") for key in keys):
        keys = sorted({*keys, "comment-feeds"})  # the site's latest comments
    results, failures, failed = {}, [], []
    for target in configured_targets():
        if only is not None and target.name not in only:
            continue
        try:
            results[target.name] = target.purge(keys)
        except PurgeFailed as error:
            logger.warning("Purge at %s failed: %s", target.name, error)
            failures.append(f"{target.name}: {error}")
            failed.append(target.name)
    if failures and attempt < len(RETRY_SECONDS):
        later = timezone.now() + datetime.timedelta(seconds=RETRY_SECONDS[attempt])
        purge_keys.using(run_after=later).enqueue(keys, only=failed, attempt=attempt + 1)
        results["retry"] = {"targets": failed, "after": later.isoformat()}
        return results
    if failures:
        raise PurgeFailed("; ".join(failures))
    return results


# --- Targets ----------------------------------------------------------------------------


def _request(method: str, url: str, *, headers: dict, body: bytes | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.BROADSHEET_PURGE_TIMEOUT) as resp:  # noqa: S310
            return resp.status, resp.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:  # refused, unreachable, timed out
        raise PurgeFailed(f"{method} {url}: {error}") from error


@dataclass
class HttpProxy:
    """nginx (cache-purge module) or Varnish: PURGE each page the keys stand for."""

    base_url: str
    token: str
    host: str
    name: str = "http"

    def purge(self, keys: list[str]) -> int:
        paths = paths_for(keys)
        headers = {"Host": self.host, "Surrogate-Key": " ".join(keys)}
        if self.token:
            headers["X-Purge-Token"] = self.token
        for path in paths:
            status, _ = _request("PURGE", self.base_url + path, headers=headers)
            # 404: that page was not in the cache, which is as good as purged.
            if status not in (200, 204, 404):
                raise PurgeFailed(f"PURGE {path}: HTTP {status}")
        return len(paths)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Cloudflare:
    api_url: str
    zone_id: str
    token: str
    name: str = "cloudflare"

    def purge(self, keys: list[str]) -> int:
        url = f"{self.api_url}/zones/{self.zone_id}/purge_cache"
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        calls = 0
        for chunk in _chunks(keys, CLOUDFLARE_TAGS_PER_CALL):
            status, body = _request(
                "POST", url, headers=headers, body=json.dumps({"tags": chunk}).encode()
            )
            try:
                answer = json.loads(body or b"{}")
            except ValueError:
                answer = {}
            if status != 200 or not answer.get("success"):
                raise PurgeFailed(f"HTTP {status}: {answer.get('errors') or body[:200]!r}")
            calls += 1
        return calls


@dataclass
class Fastly:
    api_url: str
    service_id: str
    token: str
    name: str = "fastly"

    def purge(self, keys: list[str]) -> int:
        url = f"{self.api_url}/service/{self.service_id}/purge"
        calls = 0
        for chunk in _chunks(keys, FASTLY_KEYS_PER_CALL):
            headers = {"Fastly-Key": self.token, "Surrogate-Key": " ".join(chunk),
                       "Accept": "application/json"}  # fmt: skip
            status, body = _request("POST", url, headers=headers)
            if status != 200:
                raise PurgeFailed(f"HTTP {status}: {body[:200]!r}")
            calls += 1
        return calls


def configured_targets() -> list:
    targets = []
    if settings.BROADSHEET_PURGE_URL:
        host = settings.BROADSHEET_PURGE_HOST or urlsplit(settings.SITE_URL).netloc
        targets.append(
            HttpProxy(
                settings.BROADSHEET_PURGE_URL, settings.BROADSHEET_PURGE_TOKEN, host or "localhost"
            )  # fmt: skip
        )
    if settings.BROADSHEET_CLOUDFLARE_ZONE_ID and settings.BROADSHEET_CLOUDFLARE_API_TOKEN:
        targets.append(
            Cloudflare(
                settings.BROADSHEET_CLOUDFLARE_API_URL,
                settings.BROADSHEET_CLOUDFLARE_ZONE_ID,
                settings.BROADSHEET_CLOUDFLARE_API_TOKEN,
            )  # fmt: skip
        )
    if settings.BROADSHEET_FASTLY_SERVICE_ID and settings.BROADSHEET_FASTLY_API_TOKEN:
        targets.append(
            Fastly(
                settings.BROADSHEET_FASTLY_API_URL,
                settings.BROADSHEET_FASTLY_SERVICE_ID,
                settings.BROADSHEET_FASTLY_API_TOKEN,
            )  # fmt: skip
        )
    return targets


# --- Keys to pages, for a proxy that purges by URL --------------------------------------

FEED_SUFFIXES = ("feed/", "feed/atom/", "feed/json/")


def _listing_paths() -> list[str]:
    from django.urls import reverse

    from broadsheet.publishing.sitemaps import SITEMAPS

    paths = [reverse("publishing:front"), *(f"/{suffix}" for suffix in FEED_SUFFIXES)]
    paths += [reverse("sitemap"), reverse("news-sitemap")]
    paths += [reverse("sitemap-section", kwargs={"section": name}) for name in SITEMAPS]
    return paths


def _with_feeds(base: str) -> list[str]:
    return [base, *(base + suffix for suffix in FEED_SUFFIXES)]


def _article_paths(pk: int, *, sections: bool) -> list[str]:
    from broadsheet.publishing.models import Article

    article = Article.objects.published().filter(pk=pk).first()
    if article is None:
        return []
    url = article.get_absolute_url()
    paths = [url, f"{url}feed/", f"{url}feed/atom/"]  # the page and its comment feeds
    if sections:
        for related in (*article.categories.all(), *article.tags.all(), *article.authors.all()):
            paths += _with_feeds(related.get_absolute_url())
    return paths


def paths_for(keys: list[str]) -> list[str]:
    """The pages an HTTP proxy caches under these keys (first pages; no query strings).

    deploy/nginx caches only addresses without a query string, so these are all of
    them except deeper listing pages, which follow s-maxage.
    """
    from broadsheet.publishing.models import Article, Category, Page

    paths: list[str] = []
    keyset = set(keys)
    if keyset & {"site", "listings"}:
        paths += _listing_paths()
    if "site" in keyset:
        paths += [page.get_absolute_url() for page in Page.objects.all()]
        paths += [
            url
            for category in Category.objects.filter(parent=None)
            for url in _with_feeds(category.get_absolute_url())
        ]
        for article in Article.objects.published().order_by("-published_at")[:RECENT_ARTICLES]:
            paths.append(article.get_absolute_url())
    for key in keys:
        kind, _, ident = key.partition("-")
        if kind in ("article", "thread") and ident.isdigit():
            paths += _article_paths(int(ident), sections=kind == "article")
        elif key == "comment-feeds":
            paths += ["/comments/feed/", "/comments/feed/atom/"]
        elif kind == "page" and ident:
            from django.urls import reverse

            paths.append(reverse("publishing:page", kwargs={"slug": ident}))
    return list(dict.fromkeys(paths))
