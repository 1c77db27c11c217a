"""What crawlers read: sitemaps (sitemaps.org and Google News) and robots.txt.

/sitemap.xml is an index of one sitemap per section (/sitemap-articles.xml, …), each
paginated by Django at 50,000 URLs: a single combined sitemap could not be paged, as
the small sections run out of pages long before the articles do.

Crawler files describe the host they are served from (the sitemaps protocol requires
it), so their URLs are built from the request, as Django's sitemap views do.
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import Article, Author, Category, Page, Tag
from .models.site import site_chrome
from .structured import last_modified


def _latest_publication_change():
    """The newest last_modified() of all published articles, in one query."""
    latest = Article.objects.published().aggregate(
        published=Max("published_at"), updated=Max("updated_at")
    )
    return max((stamp for stamp in latest.values() if stamp), default=None)


class FrontPageSitemap(Sitemap):
    def items(self):
        return ["publishing:front"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return _latest_publication_change()

    def get_latest_lastmod(self):
        return _latest_publication_change()


class ArticleSitemap(Sitemap):
    def items(self):
        return (
            Article.objects.published()
            .filter(noindex=False)  # the editors asked search engines to pass it by
            .only("slug", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return last_modified(article)

    def get_latest_lastmod(self):
        # Django's default would load every article to find the newest.
        return _latest_publication_change()


class CategorySitemap(Sitemap):
    def items(self):
        """Sections holding a published article, directly or in a subsection.

        A section made for a story still under embargo must not give it away.
        """
        published = Article.objects.published()
        paths = Category.objects.filter(articles__in=published).values_list("path", flat=True)
        wanted = set()
        for path in paths.distinct():
            parts = path.split("/")
            wanted.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
        return Category.objects.filter(path__in=wanted).only("path").order_by("path")


class TagSitemap(Sitemap):
    def items(self):
        # Only tags of published articles: a tag may name a story still under embargo.
        return (
            Tag.objects.filter(articles__in=Article.objects.published())
            .distinct()
            .only("slug", "name")
            .order_by("name", "id")
        )


class AuthorSitemap(Sitemap):
    def items(self):
        return (
            Author.objects.filter(articles__in=Article.objects.published())
            .distinct()
            .only("slug", "name")
            .order_by("name", "id")
        )


class PageSitemap(Sitemap):
    def items(self):
        return Page.objects.only("slug", "updated_at").order_by("position", "title", "id")

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        return Page.objects.aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "front": FrontPageSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}


class NewsSitemap(Sitemap):
    """Google News: the articles of the last two days, at most 1,000 per sitemap page.

    https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
    """

    limit = 1000
    window = datetime.timedelta(days=2)

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(now=now)
            .filter(published_at__gte=now - self.window, noindex=False)
            .only("title", "slug", "published_at", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return last_modified(article)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        publication = {
            "name": site_chrome()["publication"].name,
            "language": settings.LANGUAGE_CODE,
        }
        for url in urls:
            article = url["item"]
            url["news"] = {
                "publication": publication,
                "publication_date": article.published_at.replace(microsecond=0).isoformat(),
                "title": article.title,
            }
        return urls


def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


def news_sitemap(request):
    return sitemap_views.sitemap(
        request, {"news": NewsSitemap}, template_name="publishing/news_sitemap.xml"
    )


@require_safe
def robots_txt(request):
    disallowed = [
        reverse("admin:index"),
        # Every preview, whatever its article: the pattern's prefix.
        reverse("publishing:preview", kwargs={"pk": 0}).removesuffix("0/"),
        reverse("publishing:search"),
    ]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
