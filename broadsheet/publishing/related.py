""" "More on this topic": related articles under each article, in one query.

Ranked by the tags an article shares with this one, then the categories it shares,
then the newest first; articles sharing neither are not related. So an article
without tags still gets the latest of its own category (the fallback a newsroom
expects). Full-text similarity is not used: shared tags and sections are what the
editors chose, and they cost one indexed query.

The list is cached under the article and the stored articles version (any article
saved or deleted moves it, publishing/signals.py) for at most an hour, the epoch of
the article page's ETag (core/http_cache.py): a scheduled article appears in the
lists by the clock within that hour.
"""

from django.core.cache import caches
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Article
from .models.site import site_versions

RELATED_SIZE = 4
RELATED_SECONDS = 3600


def _shared(through, field: str, article_pk: int):
    """Per candidate: how many of this article's tags (or categories) it shares."""
    mine = through.objects.filter(article_id=article_pk).values(field)
    counted = (
        through.objects.filter(article_id=OuterRef("pk"), **{f"{field}__in": mine})
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def related_articles(article) -> list[dict]:
    """[{title, kicker, url, published_at}] of up to RELATED_SIZE related articles."""
    key = f"related:{article.pk}:{site_versions()[1]}"
    cache = caches["fragments"]
    related = cache.get(key)
    if related is not None:
        return related
    tags, categories = Article.tags.through, Article.categories.through
    my_tags = tags.objects.filter(article_id=article.pk).values("tag_id")
    my_categories = categories.objects.filter(article_id=article.pk).values("category_id")
    candidates = Q(pk__in=tags.objects.filter(tag_id__in=my_tags).values("article_id")) | Q(
        pk__in=categories.objects.filter(category_id__in=my_categories).values("article_id")
    )
    rows = (
        Article.objects.published()
        .filter(candidates)
        .exclude(pk=article.pk)
        .annotate(
            shared_tags=_shared(tags, "tag_id", article.pk),
            shared_categories=_shared(categories, "category_id", article.pk),
        )
        .order_by("-shared_tags", "-shared_categories", "-published_at", "-id")
        .only("title", "kicker", "slug", "published_at")[:RELATED_SIZE]
    )
    related = [
        {
            "title": row.title,
            "kicker": row.kicker,
            "url": row.get_absolute_url(),
            "published_at": row.published_at,
        }
        for row in rows
    ]
    cache.set(key, related, RELATED_SECONDS)
    return related
