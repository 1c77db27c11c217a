"""Feeds, sitemaps and robots.txt. Feed URLs follow WordPress (/feed/, /category/x/feed/)."""

import hashlib
from functools import wraps

from django.core.cache import caches
from django.http import HttpResponse
from django.urls import path
from django.utils import translation

from . import comment_feeds, feeds, sitemaps
from .listing import listing_version
from .models.site import site_chrome

FEED_SECONDS = 60


def cached_feed(view):
    """A feed is the same for every reader: keep its bytes until an article changes.

    Keyed by the listing version (bumped by every article save) and the site's chrome
    version; a minute at most, so scheduled articles appear by the clock.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cache = caches["fragments"]
        # The path, not the query string: no feed reads one, and keying on it would let
        # anyone fill the cache with copies (?x=1, ?x=2, …). Hashed: paths can be long.
        where = hashlib.blake2b(f"{request.get_host()}{request.path}".encode(), digest_size=16)
        key = (
            f"feed:{where.hexdigest()}:{listing_version()}:"
            f"{site_chrome()['version']}:{translation.get_language()}"
        )
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), FEED_SECONDS)
        return response

    return wrapper


urlpatterns = [
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("feed/", cached_feed(feeds.SiteFeed()), name="feed-rss"),
    path("feed/atom/", cached_feed(feeds.SiteAtomFeed()), name="feed-atom"),
    path("feed/json/", cached_feed(feeds.json_feed_view(feeds.SiteFeed)), name="feed-json"),
    path("category/<path:path>/feed/", cached_feed(feeds.CategoryFeed()), name="category-feed-rss"),
    path(
        "category/<path:path>/feed/atom/",
        cached_feed(feeds.CategoryAtomFeed()),
        name="category-feed-atom",
    ),
    path(
        "category/<path:path>/feed/json/",
        cached_feed(feeds.json_feed_view(feeds.CategoryFeed)),
        name="category-feed-json",
    ),
    path("tag/<slug:slug>/feed/", cached_feed(feeds.TagFeed()), name="tag-feed-rss"),
    path("tag/<slug:slug>/feed/atom/", cached_feed(feeds.TagAtomFeed()), name="tag-feed-atom"),
    path(
        "tag/<slug:slug>/feed/json/",
        cached_feed(feeds.json_feed_view(feeds.TagFeed)),
        name="tag-feed-json",
    ),
    path("author/<slug:slug>/feed/", cached_feed(feeds.AuthorFeed()), name="author-feed-rss"),
    path(
        "author/<slug:slug>/feed/atom/",
        cached_feed(feeds.AuthorAtomFeed()),
        name="author-feed-atom",
    ),
    path(
        "author/<slug:slug>/feed/json/",
        cached_feed(feeds.json_feed_view(feeds.AuthorFeed)),
        name="author-feed-json",
    ),
]

# Comment feeds (RSS and Atom, per article and for the site): cached by thread versions.
urlpatterns += comment_feeds.urlpatterns
