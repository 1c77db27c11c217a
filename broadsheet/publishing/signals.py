"""Keep cached fragments honest.

Site-wide entries (navigation, footer pages, promo blocks) are dropped when the rows
behind them change. An article's cached page is keyed by its updated_at, so a change
to its corrections, bylines, sections or tags marks the article itself as changed.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Correction,
    Image,
    Page,
    PromoBlock,
    PromoLink,
    Publication,
    Tag,
)  # fmt: skip
from .models.site import PROMO_CACHE_KEY, SITE_CHROME_CACHE_KEY


def _drop(key: str) -> None:
    # Now, and again after commit: a request running meanwhile may have cached the
    # old rows, and must not keep them for the cache's lifetime.
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _drop_site_chrome(**kwargs):
    _drop(SITE_CHROME_CACHE_KEY)


def _drop_promo_blocks(**kwargs):
    _drop(PROMO_CACHE_KEY)


def _touch(article_ids) -> None:
    Article.objects.filter(pk__in=list(article_ids)).update(updated_at=timezone.now())
    _articles_changed()


def _articles_changed(**kwargs) -> None:
    from .listing import bump_listing_version

    bump_listing_version()
    transaction.on_commit(bump_listing_version)


def _part_changed(sender, instance, **kwargs):
    _touch([instance.article_id])


def _sections_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Article):
        _touch([instance.pk])
    elif pk_set:  # changed from the category's or tag's side
        _touch(pk_set)


# Bylines, tags and images appear inside cached fragments: they expire with the chrome.
for model in (Publication, Page, Category, Author, Tag, Image):
    post_save.connect(_drop_site_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
    post_delete.connect(
        _drop_site_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}"
    )

for model in (PromoBlock, PromoLink, Image):
    post_save.connect(_drop_promo_blocks, sender=model, dispatch_uid=f"promo-save-{model.__name__}")
    post_delete.connect(
        _drop_promo_blocks, sender=model, dispatch_uid=f"promo-del-{model.__name__}"
    )
m2m_changed.connect(
    _drop_promo_blocks, sender=PromoBlock.categories.through, dispatch_uid="promo-categories"
)

for model in (Correction, ArticleAuthor):
    post_save.connect(_part_changed, sender=model, dispatch_uid=f"touch-save-{model.__name__}")
    post_delete.connect(_part_changed, sender=model, dispatch_uid=f"touch-del-{model.__name__}")
for through in (Article.categories.through, Article.tags.through):
    m2m_changed.connect(_sections_changed, sender=through, dispatch_uid=f"touch-{through.__name__}")

post_save.connect(_articles_changed, sender=Article, dispatch_uid="listing-article-save")
post_delete.connect(_articles_changed, sender=Article, dispatch_uid="listing-article-delete")
