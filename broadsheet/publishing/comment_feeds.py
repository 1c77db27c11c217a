"""RSS 2.0 and Atom feeds of approved comments: one per article and one for the site.

URLs follow WordPress: an article's comments at <article>/feed/ (and feed/atom/), the
site's latest comments at /comments/feed/. Both formats mark replies with RFC 4685's
thr:in-reply-to (ref: the id of the comment replied to, href: its permalink); a
top-level comment is in reply to its article. Only approved comments appear: nothing
held, no spam, nothing removed, no tombstones. Authors appear by name, never with their
e-mail address.

Each feed is cached as bytes for a minute under a key derived from stored versions:
the article's Thread.version (bumped in the transaction of every approval, removal
or moderator edit) for an article's feed; for the site's feed, the ids of the latest
comments together with their threads' versions, read in one indexed query, so a new
approval anywhere, a removal or an edit of a comment in the feed makes a new key.
"""

import datetime
import hashlib
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from broadsheet.discussion.models import Comment

from . import urls as _reader_urls  # noqa: F401  (registers the yyyy and mm converters)
from .feeds import SiteFeed, article_guid
from .listing import listing_version
from .models import Article
from .models.site import site_chrome

FEED_SIZE = 30
FEED_SECONDS = 60
THREAD_NS = "http://purl.org/syndication/thread/1.0"


class _ThreadingMixin:
    """Writes <thr:in-reply-to ref="…" href="…" type="text/html"/> for every item."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement(
            "thr:in-reply-to",
            None,
            {"ref": item["in_reply_to_ref"], "href": item["in_reply_to_href"], "type": "text/html"},
        )


class RssWithThreading(_ThreadingMixin, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:thr": THREAD_NS}


class AtomWithThreading(_ThreadingMixin, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:thr": THREAD_NS}


def _host(request) -> str:
    return urlsplit(settings.SITE_URL or f"//{request.get_host()}").hostname


def comment_guid(pk: int, *, article, request) -> str:
    """A tag URI (RFC 4151) for a comment: its article's creation date and its id.

    The date is the article's, so that the id of the comment replied to (same article)
    can be written without loading that comment.
    """
    created = article.created_at.astimezone(datetime.UTC).date()
    return f"tag:{_host(request)},{created.isoformat()}:comment-{pk}"


def _permalink(pk: int) -> str:
    return f"{reverse('discussion:permalink', kwargs={'pk': pk})}#comment-{pk}"


class SiteCommentsFeed(SiteFeed):
    """The latest approved comments on every published article, newest first."""

    feed_type = RssWithThreading

    def link(self, obj):
        return "/"

    def feed_url(self, obj):
        return reverse(f"comments-feed-{self.format_name}")

    format_name = "rss"

    def title(self, obj):
        return _("Comments – %(publication)s") % {"publication": site_chrome()["publication"].name}

    def description(self, obj):
        return _("The latest comments of our readers.")

    def items(self, obj):
        return latest_comments()

    def item_title(self, item):
        return _("%(name)s on “%(title)s”") % {
            "name": item.author_name,
            "title": item.article.title,
        }

    def item_link(self, item):
        return _permalink(item.pk)

    def item_description(self, item):
        # Sanitised at save (nh3); the generator escapes it once, as RSS and Atom's
        # type="html" want.
        return item.body_html

    def item_extra_kwargs(self, item):
        article = item.article
        parent_id = item.reply_to_id or item.parent_id
        if parent_id:
            ref = comment_guid(parent_id, article=article, request=self.request)
            href = _permalink(parent_id)
        else:
            ref = article_guid(article, request=self.request)
            href = article.get_absolute_url()
        return {
            "in_reply_to_ref": ref,
            "in_reply_to_href": self.request.build_absolute_uri(href),
        }

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return max(item.created_at, item.edited_at or item.created_at,
                   item.staff_edited_at or item.created_at)  # fmt: skip

    def item_author_name(self, item):
        return item.author_name

    def item_categories(self, item):
        return []

    def item_guid(self, item):
        return comment_guid(item.pk, article=item.article, request=self.request)

    def item_enclosure_url(self, item):
        return None


class ArticleCommentsFeed(SiteCommentsFeed):
    """An article's approved comments, newest first."""

    def get_object(self, request, *args, **kwargs):
        return request.comment_feed_article

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        suffix = "feed/atom/" if self.format_name == "atom" else "feed/"
        return f"{obj.get_absolute_url()}{suffix}"

    def title(self, obj):
        return _("Comments on “%(title)s”") % {"title": obj.title}

    def description(self, obj):
        return _("The comments of our readers on “%(title)s”.") % {"title": obj.title}

    def items(self, obj):
        comments = (
            Comment.objects.approved()
            .filter(article=obj)
            .defer("body", "ip_hash", "author_email")
            .order_by("-created_at", "-id")[:FEED_SIZE]
        )
        for comment in comments:
            comment.article = obj  # no query per comment for the article's title and date
            yield comment

    def item_title(self, item):
        return _("Comment by %(name)s") % {"name": item.author_name}


class SiteCommentsAtomFeed(SiteCommentsFeed):
    feed_type = AtomWithThreading
    format_name = "atom"

    def subtitle(self, obj):
        return self.description(obj)


class ArticleCommentsAtomFeed(ArticleCommentsFeed):
    feed_type = AtomWithThreading
    format_name = "atom"

    def subtitle(self, obj):
        return self.description(obj)


def latest_comments():
    """The site's newest approved comments on published articles (one query)."""
    return (
        Comment.objects.approved()
        .filter(article__in=Article.objects.published())
        .select_related("article")
        .defer("body", "ip_hash", "author_email", "article__body", "article__body_html")
        .order_by("-created_at", "-id")[:FEED_SIZE]
    )


def _site_state() -> list:
    """What the site's comment feed shows, as stored: (comment id, its thread's version)."""
    return list(
        Comment.objects.approved()
        .filter(article__in=Article.objects.published())
        .order_by("-created_at", "-id")
        .values_list("pk", "article__thread__version")[:FEED_SIZE]
    )


def _cached(view, *, state):
    """Serve the feed's bytes from the fragment cache under a key built from state(request)."""

    @wraps(view)
    def wrapper(request):
        parts = (
            request.get_host(),
            request.path,
            state(request),
            listing_version(),
            site_chrome()["version"],
            translation.get_language(),
        )
        key = "comment-feed:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
        cache = caches["fragments"]
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request)
        if response.status_code == 200:
            cache.set(key, (response.content, response["Content-Type"]), FEED_SECONDS)
        return response

    return wrapper


def _thread_version(article) -> int:
    try:
        return article.thread.version
    except Article.thread.RelatedObjectDoesNotExist:
        return 0  # no discussion yet, so no comments


def article_comments_view(feed, *, suffix: str):
    """The view of an article's comment feed: one query finds the article and its version."""
    cached = _cached(
        feed,
        state=lambda request: (
            request.comment_feed_article.pk,
            _thread_version(request.comment_feed_article),
        ),
    )

    def view(request, year, month, day, slug):
        article = (
            Article.objects.published()
            .select_related("thread")
            .only("pk", "title", "slug", "published_at", "created_at", "status", "thread__version")
            .filter(slug=slug)
            .first()
        )
        if article is None:
            raise Http404(_("No such article."))
        canonical = f"{article.get_absolute_url()}{suffix}"
        if request.path != canonical:
            # A wrong date in the URL (or a moved article) still finds the feed.
            return redirect(canonical, permanent=True)
        request.comment_feed_article = article
        return cached(request)

    return require_safe(view)


site_comments_rss = require_safe(_cached(SiteCommentsFeed(), state=lambda request: _site_state()))
site_comments_atom = require_safe(
    _cached(SiteCommentsAtomFeed(), state=lambda request: _site_state())
)

urlpatterns = [
    path("comments/feed/", site_comments_rss, name="comments-feed-rss"),
    path("comments/feed/atom/", site_comments_atom, name="comments-feed-atom"),
    path(
        "<yyyy:year>/<mm:month>/<mm:day>/<slug:slug>/feed/",
        article_comments_view(ArticleCommentsFeed(), suffix="feed/"),
        name="article-comments-feed-rss",
    ),
    path(
        "<yyyy:year>/<mm:month>/<mm:day>/<slug:slug>/feed/atom/",
        article_comments_view(ArticleCommentsAtomFeed(), suffix="feed/atom/"),
        name="article-comments-feed-atom",
    ),
]
