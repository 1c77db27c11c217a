"""RSS 2.0, Atom and JSON Feed 1.1 for the site and per category, tag and author.

Each feed is a thin subclass of django.contrib.syndication's Feed; the JSON Feed
reuses the same methods and only serialises differently. Every feed starts from
Article.objects.published(), so drafts and articles scheduled for later never
appear, and loads its items in a fixed number of queries however many there are.
"""

import copy
import datetime
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Article, Author, Category, Tag
from .models.site import site_chrome
from .structured import last_modified

FEED_SIZE = 30
TEASER_WORDS = 55


class RssWithFullText(Rss201rev2Feed):
    """RSS 2.0 with the teaser in <description> and the article in <content:encoded>."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithFullText(Atom1Feed):
    """Atom with the teaser in <summary> and the article in <content>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class SiteFeed(Feed):
    feed_type = RssWithFullText
    suffix = ""

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request (it lives in urlpatterns); each request
        # gets its own copy so that methods may read self.request without races.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        return site_chrome()["publication"].name

    def link(self, obj):
        return obj.get_absolute_url() if obj else "/"

    def feed_url(self, obj):
        return f"{self.link(obj)}feed/{self.suffix}"

    def description(self, obj):
        publication = site_chrome()["publication"]
        return publication.description or publication.tagline or publication.name

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return (
            self.articles(obj)
            .select_related("lead_image")
            .prefetch_related("article_authors__author", "categories", "tags")
            .defer("body")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        # Plain text: the feed generator escapes it once, as Atom's type="text" wants.
        return item.title

    def item_description(self, item):
        # <description> and <summary type="html"> hold HTML, so the plain teaser is escaped.
        return escape(teaser(item))

    def item_extra_kwargs(self, item):
        return {"content_html": item.body_html}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return last_modified(item)

    def item_author_name(self, item):
        return ", ".join(a.name for a in item.ordered_authors) or None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()] + [t.name for t in item.tags.all()]

    def item_guid(self, item):
        return article_guid(item, request=self.request)

    def item_guid_is_permalink(self, item):
        return False

    def item_enclosure_url(self, item):
        # Django makes item links absolute, but not enclosure URLs.
        return (
            self.request.build_absolute_uri(item.lead_image.file.url) if item.lead_image else None
        )

    def item_enclosure_mime_type(self, item):
        if not item.lead_image:
            return None
        return mimetypes.guess_type(item.lead_image.file.name)[0] or "application/octet-stream"

    def item_enclosure_length(self, item):
        try:
            return item.lead_image.file.size if item.lead_image else None
        except OSError:
            # A missing file must not take the whole feed down; 0 means "unknown".
            return 0


def teaser(article) -> str:
    return article.dek or Truncator(article.body_text).words(TEASER_WORDS)


def article_guid(article, *, request) -> str:
    """A permanent id for the article in every feed format: a tag URI (RFC 4151).

    Atom requires an IRI that never changes; the permalink would change with the
    publication date, so the id is built from the host and the article's creation.
    """
    host = urlsplit(settings.SITE_URL or f"//{request.get_host()}").hostname
    created = article.created_at.astimezone(datetime.UTC).date()
    return f"tag:{host},{created.isoformat()}:article-{article.pk}"


class AtomMixin:
    feed_type = AtomWithFullText
    suffix = "atom/"

    def subtitle(self, obj):
        return self.description(obj)


class CategoryFeed(SiteFeed):
    def get_object(self, request, path):
        return get_object_or_404(Category, path=path.strip("/"))

    def title(self, obj):
        return _("%(category)s – %(publication)s") % {
            "category": obj.name,
            "publication": site_chrome()["publication"].name,
        }

    def description(self, obj):
        return obj.description or _("The latest articles in %(category)s.") % {"category": obj.name}

    def articles(self, obj):
        # A section's feed includes its subsections, as its archive page does.
        return Article.objects.published().in_category_tree(obj)


class TagFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return _("Tagged “%(tag)s” – %(publication)s") % {
            "tag": obj.name,
            "publication": site_chrome()["publication"].name,
        }

    def description(self, obj):
        return _("The latest articles tagged “%(tag)s”.") % {"tag": obj.name}

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class AuthorFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return _("Articles by %(author)s – %(publication)s") % {
            "author": obj.name,
            "publication": site_chrome()["publication"].name,
        }

    def description(self, obj):
        return obj.bio or _("The latest articles by %(author)s.") % {"author": obj.name}

    def articles(self, obj):
        return Article.objects.published().filter(authors=obj)


class SiteAtomFeed(AtomMixin, SiteFeed):
    pass


class CategoryAtomFeed(AtomMixin, CategoryFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass


def json_feed_view(feed_class):
    """A view serving feed_class's items as JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""

    @require_safe
    def view(request, **kwargs):
        feed = feed_class()
        feed.request = request
        obj = feed.get_object(request, **kwargs)
        absolute = request.build_absolute_uri
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title(obj),
            "home_page_url": absolute(feed.link(obj)),
            "feed_url": absolute(f"{feed.link(obj)}feed/json/"),
            "description": feed.description(obj),
            "language": settings.LANGUAGE_CODE,
            "items": [_json_item(feed, item, absolute) for item in feed.items(obj)],
        }
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
        response["Content-Type"] = "application/feed+json; charset=utf-8"
        return response

    return view


def _json_item(feed, item, absolute) -> dict:
    entry = {
        "id": feed.item_guid(item),
        "url": absolute(item.get_absolute_url()),
        "title": item.title,
        "content_html": item.body_html,
        "summary": teaser(item),
        "date_published": item.published_at.isoformat(),
        "date_modified": last_modified(item).isoformat(),
        "authors": [
            {"name": a.name, "url": absolute(a.get_absolute_url())} for a in item.ordered_authors
        ],
        "tags": feed.item_categories(item),
    }
    if item.lead_image:
        entry["image"] = absolute(item.lead_image.file.url)
    return entry
