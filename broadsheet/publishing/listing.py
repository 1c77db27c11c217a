"""Pages of teasers, rendered from cached fragments.

A listing page costs two light queries when its teasers are cached (the count and
the ids on the page); only teasers missing from the cache load their articles,
images, bylines and sections, in three more queries. Each teaser is keyed by the
article's updated_at and the site's content version, so an edit shows at once.
"""

from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

from .models import Article
from .models.site import bump_site_version, site_chrome, site_versions

cache = caches["fragments"]
TEASER_SECONDS = 3600


def _key(pk: int, updated_at, version) -> str:
    return f"teaser:{pk}:{updated_at.timestamp()}:{version}:{translation.get_language()}"


LISTING_SECONDS = 60


def listing_version() -> int:
    """Changes whenever an article is saved or deleted: stored, see models.site.SiteVersion."""
    return site_versions()[1]


def bump_listing_version() -> None:
    bump_site_version(articles=True)


def _page_rows(articles, number: int, listing_key: str | None):
    """The page and its (pk, updated_at) rows; cached for a minute when the listing has a key.

    A minute, because a scheduled article appears by the clock, not by a save; any
    save or deletion of an article starts a new version of every listing at once.
    """
    size = settings.BROADSHEET_PAGE_SIZE
    key = f"listing:{listing_key}:{number}:{listing_version()}" if listing_key else None
    cached = default_cache.get(key) if key else None
    if cached is None:
        rows = (
            articles.values_list("pk", "updated_at")
            if hasattr(articles, "values_list")
            else articles
        )
        paginator = Paginator(rows, size, allow_empty_first_page=True)
        page = paginator.page(number)
        cached = (paginator.count, list(page.object_list))
        if key:
            default_cache.set(key, cached, LISTING_SECONDS)
    count, rows = cached
    # A paginator over range(count) numbers the pages without touching the database.
    page = Paginator(range(count), size, allow_empty_first_page=True).page(number)
    page.object_list = rows
    return page


def teaser_page(articles, number: int, *, listing_key: str | None = None):
    """(page, [teaser html]) for page `number`; EmptyPage if there is no such page.

    `articles` is an ordered Article queryset, or a ranked list of (pk, updated_at).
    """
    page = _page_rows(articles, number, listing_key)
    version = site_chrome()["version"]
    keys = [_key(pk, updated_at, version) for pk, updated_at in page.object_list]
    cached = cache.get_many(keys) if keys else {}
    missing = [pk for (pk, _), key in zip(page.object_list, keys, strict=True) if key not in cached]
    if missing:
        fresh = {}
        for article in Article.objects.filter(pk__in=missing).for_listing():
            html = render_to_string("publishing/_teaser.html", {"article": article})
            fresh[_key(article.pk, article.updated_at, version)] = html
        cache.set_many(fresh, TEASER_SECONDS)
        cached.update(fresh)
    return page, [cached[key] for key in keys if key in cached]
