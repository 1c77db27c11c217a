"""RSS 2.0, Atom and JSON Feed 1.1 for the site and per category, tag and author.

Each feed is a thin subclass of django.contrib.syndication's Feed; the JSON Feed
reuses the same item methods and only serialises differently.
"""


from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import Article, Author, Category, Tag
from .models.site import site_chrome

FEED_SIZE = 30


class SiteFeed(Feed):
    feed_type = Rss201rev2Feed
    suffix = ""

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        name = site_chrome()["publication"].name
        return f"{obj.name} – {name}" if obj else name

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
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(a.name for a in item.ordered_authors) or None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()] + [t.name for t in item.tags.all()]

    def item_guid(self, item):
        return f"article-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_enclosure_url(self, item):
        return item.lead_image.file.url if item.lead_image else None

    def item_enclosure_mime_type(self, item):
        if not item.lead_image:
            return None
        name = item.lead_image.file.name.lower()
        return "image/png" if name.endswith(".png") else "image/webp" if name.endswith(".webp") else "image/jpeg"

    def item_enclosure_length(self, item):
        try:
            return item.lead_image.file.size if item.lead_image else None
        except OSError:
            return 0


class AtomMixin:
    feed_type = Atom1Feed
    suffix = "atom/"

    def subtitle(self, obj):
        return self.description(obj)


class CategoryFeed(SiteFeed):
    def get_object(self, request, path):
        return get_object_or_404(Category, path=path.strip("/"))

    def articles(self, obj):
        return Article.objects.published().in_category_tree(obj)


class TagFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class AuthorFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

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

    def view(request, **kwargs):
        feed = feed_class()
        obj = feed.get_object(request, **kwargs)
        absolute = request.build_absolute_uri
        items = []
        for item in feed.items(obj):
            entry = {
                "id": feed.item_guid(item),
                "url": absolute(item.get_absolute_url()),
                "title": item.title,
                "content_html": item.body_html,
                "date_published": item.published_at.isoformat(),
                "date_modified": item.updated_at.isoformat(),
                "authors": [
                    {"name": a.name, "url": absolute(a.get_absolute_url())} for a in item.ordered_authors
                ],
                "tags": feed.item_categories(item),
            }
            if item.dek:
                entry["summary"] = item.dek
            if item.lead_image:
                entry["image"] = absolute(item.lead_image.file.url)
            items.append(entry)
        document = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title(obj),
            "home_page_url": absolute(feed.link(obj)),
            "feed_url": absolute(f"{feed.link(obj)}feed/json/"),
            "description": feed.description(obj),
            "language": request.LANGUAGE_CODE,
            "items": items,
        }
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
        response["Content-Type"] = "application/feed+json; charset=utf-8"
        return response

    view.__doc__ = _("JSON Feed")
    return view


