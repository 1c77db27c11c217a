"""Public pages for shared caches: Cache-Control, a version ETag, surrogate keys, 304s.

Every public page (front, archives, the article with its discussion, feeds, sitemaps,
pages) answers a reader without cookies with

    Cache-Control: public, max-age=M, s-maxage=S, stale-while-revalidate=W
    ETag: W/"…"   Last-Modified: …   Surrogate-Key / Cache-Tag: site article-7 thread-7 …

The ETag is never a hash of the body: it is built from the versions the page's own
cache keys derive from (SiteVersion, Thread.version, the article's updated_at; see
core/versions.py), which every write path bumps in its transaction. So a conditional
request is answered before the view runs, at the cost of reading those versions: one
query for a listing, two for an article. It is weak (W/): the bytes of two responses
differ in what the page signs per response (form timestamps) and in relative times,
not in what they say. A page whose truth moves with the clock also carries the clock:
listings (a scheduled article appears by time) in minutes, articles (signed forms
age, comments close after N days) in hours.

Readers with an identity cookie (IDENTITY_COOKIES: account session, voter, own
comments, remembered guest, flash messages) and responses that set a cookie get
`private, no-store`: their page may show what is theirs. A Cache-Control a view set
itself is never overridden. Public answers drop `Vary: Cookie`, so shared caches keep
one copy: the cookie rule is theirs to apply (deploy/nginx does, by these names).
"""

import hashlib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from broadsheet.discussion.identity import OWN_COOKIE, REMEMBER_COOKIE, VOTER_COOKIE

MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
LISTING_EPOCH_SECONDS = 60
ARTICLE_EPOCH_SECONDS = 3600
PRIVATE = "private, no-store"


def identity_cookies() -> tuple[str, ...]:
    """The cookies that make a page personal: a shared cache must pass these readers by."""
    return (settings.SESSION_COOKIE_NAME, VOTER_COOKIE, OWN_COOKIE, REMEMBER_COOKIE,
            MESSAGES_COOKIE)  # fmt: skip


def has_identity_cookie(request) -> bool:
    cookies = request.COOKIES
    return any(name in cookies for name in identity_cookies())


def public_cache_control() -> str:
    return (
        f"public, max-age={settings.BROADSHEET_HTTP_MAX_AGE}, "
        f"s-maxage={settings.BROADSHEET_HTTP_S_MAXAGE}, "
        f"stale-while-revalidate={settings.BROADSHEET_HTTP_STALE_WHILE_REVALIDATE}"
    )


@dataclass
class Validators:
    """What a public response says about itself: its validators and surrogate keys."""

    keys: list[str]
    etag: str | None = None
    last_modified: float | None = None  # Unix time
    parts: tuple = field(default=(), repr=False)


def _validators(request, keys: list[str], parts: tuple, stamps: tuple[float, ...]):
    digest = hashlib.blake2b(
        repr((parts, translation.get_language(), request.META.get("QUERY_STRING", ""))).encode(),
        digest_size=12,
    ).hexdigest()
    return Validators(keys=keys, etag=f'W/"{digest}"', last_modified=max(stamps), parts=parts)


def _epoch(seconds: int) -> int:
    return int(time.time() // seconds)


def _from_version(version: int) -> float:
    # Versions start at the clock in microseconds (core/versions.py), so the newest
    # one is when the page last changed (an old counter-style version reads as 1970).
    return version / 1_000_000


def _site_parts():
    from broadsheet.publishing.models.site import site_versions

    return site_versions()


def listing(kind: str):
    """Front page, archives and feeds: the site's versions and the minute."""

    def describe(request, kwargs, *, conditional: bool):
        chrome, articles = _site_parts()
        epoch = _epoch(LISTING_EPOCH_SECONDS)
        keys = ["site", "listings", kind]
        for name in ("path", "slug"):
            if name in kwargs:
                section = {"category": "category", "tag": "tag", "author": "author"}.get(
                    request.resolver_match.url_name.split("-")[0], "section"
                )
                keys.append(f"{section}-{str(kwargs[name]).strip('/').replace('/', '-')}")
        stamps = (_from_version(chrome), _from_version(articles), epoch * LISTING_EPOCH_SECONDS)
        return _validators(request, keys, (kind, chrome, articles, epoch), stamps)

    return describe


def front(request, kwargs, *, conditional: bool):
    """The front page: a listing whose comment counts also move with every thread."""
    if kwargs.get("page"):
        return listing("front")(request, kwargs, conditional=conditional)
    from broadsheet.publishing.frontpage import front_page_versions

    chrome, articles, discussion = front_page_versions(request)
    epoch = _epoch(LISTING_EPOCH_SECONDS)
    stamps = (_from_version(chrome), _from_version(articles), _from_version(discussion),
              epoch * LISTING_EPOCH_SECONDS)  # fmt: skip
    parts = ("front", chrome, articles, discussion, epoch)
    keys = ["site", "listings", "front", *getattr(request, "_front_thread_keys", ())]
    return _validators(request, keys, parts, stamps)


def keys_only(*keys: str):
    """Sitemaps and robots.txt: cacheable and purged, no version read of their own.

    Django's sitemap views set Last-Modified themselves; reading the site's versions
    here would cost them a query they do not need.
    """

    def describe(request, kwargs, *, conditional: bool):
        if conditional:
            return None
        return Validators(keys=["site", "listings", *keys])

    return describe


def article_comments(request, kwargs, *, conditional: bool):
    """An article's comment feed: purged with its thread (no ETag: the feed view caches
    its bytes by the thread's version itself)."""
    feed_article = getattr(request, "comment_feed_article", None)
    if conditional or feed_article is None:
        return None
    pk = feed_article.pk
    return Validators(keys=["site", f"article-{pk}", f"thread-{pk}", "comment-feeds"])


def page(request, kwargs, *, conditional: bool):
    chrome, _ = _site_parts()
    keys = ["site", f"page-{kwargs.get('slug', '')}"]
    return _validators(request, keys, ("page", chrome), (_from_version(chrome),))


def describe_article(request, *, article, thread) -> None:
    """Called by the article view: what the page was built from (no query of its own)."""
    # An article without a Thread row yet gets an unsaved one with a fresh clock version.
    stored = thread is not None and not thread._state.adding
    version = thread.version if stored else 0
    request._edge_article = (article.pk, article.updated_at.timestamp(), version)


def article(request, kwargs, *, conditional: bool):
    described = getattr(request, "_edge_article", None)
    if described is None and conditional:
        described = _article_versions(request, kwargs)
    if described is None:
        return None
    pk, updated, thread_version = described
    chrome, _ = _site_parts()
    epoch = _epoch(ARTICLE_EPOCH_SECONDS)
    keys = ["site", f"article-{pk}", f"thread-{pk}"]
    stamps = (updated, _from_version(thread_version), _from_version(chrome),
              epoch * ARTICLE_EPOCH_SECONDS)  # fmt: skip
    return _validators(request, keys, ("article", pk, updated, thread_version, chrome, epoch),
                       stamps)  # fmt: skip


def _article_versions(request, kwargs):
    """(pk, updated_at, thread version) of the published article at this URL, one query."""
    from broadsheet.publishing.models import Article

    row = (
        Article.objects.published()
        .filter(slug=kwargs.get("slug"))
        .values_list("pk", "slug", "published_at", "updated_at", "thread__version")
        .first()
    )
    if row is None:
        return None
    pk, slug, published_at, updated_at, version = row
    if Article(pk=pk, slug=slug, published_at=published_at).get_absolute_url() != request.path:
        return None  # the view redirects to the canonical address
    return pk, updated_at.timestamp(), version or 0


_FEEDS = ("feed-rss", "feed-atom", "feed-json")
ROUTES = {
    "publishing:front": front,
    "publishing:front-page": listing("front"),
    "publishing:category": listing("archive"),
    "publishing:category-page": listing("archive"),
    "publishing:tag": listing("archive"),
    "publishing:tag-page": listing("archive"),
    "publishing:author": listing("archive"),
    "publishing:author-page": listing("archive"),
    "publishing:year": listing("archive"),
    "publishing:month": listing("archive"),
    "publishing:day": listing("archive"),
    "publishing:article": article,
    "publishing:page": page,
    **{name: listing("feeds") for name in _FEEDS},
    **{
        f"{kind}-{name}": listing("feeds")
        for kind in ("category", "tag", "author")
        for name in _FEEDS
    },  # fmt: skip
    # The site's latest comments change with every thread: every purge of a thread
    # also purges "comment-feeds" (core/purge.py).
    "comments-feed-rss": keys_only("comment-feeds"),
    "comments-feed-atom": keys_only("comment-feeds"),
    "article-comments-feed-rss": article_comments,
    "article-comments-feed-atom": article_comments,
    "sitemap": keys_only("sitemaps"),
    "sitemap-section": keys_only("sitemaps"),
    "news-sitemap": keys_only("sitemaps"),
    "robots": keys_only("robots"),
}


def _apply(response, validators: Validators) -> None:
    response["Cache-Control"] = public_cache_control()
    if validators.etag:
        response["ETag"] = validators.etag
    if validators.last_modified and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(validators.last_modified)
    response["Surrogate-Key"] = " ".join(validators.keys)
    response["Cache-Tag"] = ",".join(validators.keys)
    # One copy for every reader without cookies; those with cookies are passed by.
    if response.has_header("Vary"):
        kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


class HttpCacheMiddleware:
    """Cache headers for public pages and 304s before the view; see the module docstring.

    Placed before SessionMiddleware, so it sees every cookie the response sets.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        route = getattr(request, "_edge_route", None)
        if route is None or "Cache-Control" in response:
            return response
        if request._edge_personal or response.cookies:
            response["Cache-Control"] = PRIVATE
            return response
        if response.status_code != 200:
            return response
        validators = route(request, request.resolver_match.kwargs, conditional=False)
        if validators is not None:
            _apply(response, validators)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or request.resolver_match is None:
            return None
        route = ROUTES.get(request.resolver_match.view_name)
        if route is None:
            return None
        request._edge_route = route
        request._edge_personal = has_identity_cookie(request)
        conditional = "HTTP_IF_NONE_MATCH" in request.META or (
            "HTTP_IF_MODIFIED_SINCE" in request.META
        )
        if request._edge_personal or not conditional:
            return None
        validators = route(request, view_kwargs, conditional=True)
        if validators is None or validators.etag is None:
            return None
        response = get_conditional_response(
            request, etag=validators.etag, last_modified=int(validators.last_modified)
        )
        if response is not None:
            _apply(response, validators)
        return response
