"""Feeds, sitemaps and robots.txt. Feed URLs follow WordPress (/feed/, /category/x/feed/)."""

from django.urls import path

from . import feeds, sitemaps

urlpatterns = [
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
    path("feed/", feeds.SiteFeed(), name="feed-rss"),
    path("feed/atom/", feeds.SiteAtomFeed(), name="feed-atom"),
    path("feed/json/", feeds.json_feed_view(feeds.SiteFeed), name="feed-json"),
    path("category/<path:path>/feed/", feeds.CategoryFeed(), name="category-feed-rss"),
    path("category/<path:path>/feed/atom/", feeds.CategoryAtomFeed(), name="category-feed-atom"),
    path(
        "category/<path:path>/feed/json/",
        feeds.json_feed_view(feeds.CategoryFeed),
        name="category-feed-json",
    ),
    path("tag/<slug:slug>/feed/", feeds.TagFeed(), name="tag-feed-rss"),
    path("tag/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag-feed-atom"),
    path("tag/<slug:slug>/feed/json/", feeds.json_feed_view(feeds.TagFeed), name="tag-feed-json"),
    path("author/<slug:slug>/feed/", feeds.AuthorFeed(), name="author-feed-rss"),
    path("author/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author-feed-atom"),
    path(
        "author/<slug:slug>/feed/json/",
        feeds.json_feed_view(feeds.AuthorFeed),
        name="author-feed-json",
    ),
]
