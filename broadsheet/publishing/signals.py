"""Keep cached fragments honest, whichever path writes (admin, importer, shell).

Every cache key of a page derives from versions stored in the database: an article's
own updated_at, its thread's version, and the site's SiteVersion (models/site.py).
The receivers here move those versions inside the writer's transaction, so the change
and the new keys commit together and every node sees both on its next request; no
cache entry is ever deleted to make a change visible (a node's local cache could not
be reached from another node anyway).

- Publication, pages, sections, authors, tags, images and promo blocks appear in
  fragments of every page: they move SiteVersion.chrome.
- A change to an article's corrections, bylines, sections or tags marks the article
  itself as changed (its updated_at), and any article save or deletion moves
  SiteVersion.articles, which keys the listing pages and feeds.
"""

from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from broadsheet.core.purge import purge_later

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
from .models.site import begin_request, bump_site_version, end_request


def _chrome_changed(sender, raw=False, **kwargs):
    if not raw:  # loaddata: the rows are restored as they were
        bump_site_version(chrome=True)


def _promo_categories_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        bump_site_version(chrome=True)


def _touch(article_ids) -> None:
    article_ids = list(article_ids)
    Article.objects.filter(pk__in=article_ids).update(updated_at=timezone.now())
    purge_later(*(f"article-{pk}" for pk in article_ids))
    _articles_changed()


def _articles_changed(sender=None, instance=None, raw=False, **kwargs) -> None:
    if raw:
        return
    bump_site_version(articles=True)
    if instance is not None:
        purge_later(f"article-{instance.pk}")
        if instance.published_at and instance.published_at > timezone.now():
            # Scheduled: it appears by the clock, with no write then to purge for it.
            purge_later(f"article-{instance.pk}", "listings", run_after=instance.published_at)


def _part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _touch([instance.article_id])


def _sections_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Article):
        _touch([instance.pk])
    elif pk_set:  # changed from the category's or tag's side
        _touch(pk_set)


for model in (Publication, Page, Category, Author, Tag, Image, PromoBlock, PromoLink):
    name = model.__name__
    post_save.connect(_chrome_changed, sender=model, dispatch_uid=f"chrome-save-{name}")
    post_delete.connect(_chrome_changed, sender=model, dispatch_uid=f"chrome-del-{name}")
m2m_changed.connect(
    _promo_categories_changed,
    sender=PromoBlock.categories.through,
    dispatch_uid="promo-categories",
)

for model in (Correction, ArticleAuthor):
    post_save.connect(_part_changed, sender=model, dispatch_uid=f"touch-save-{model.__name__}")
    post_delete.connect(_part_changed, sender=model, dispatch_uid=f"touch-del-{model.__name__}")
for through in (Article.categories.through, Article.tags.through):
    m2m_changed.connect(_sections_changed, sender=through, dispatch_uid=f"touch-{through.__name__}")

post_save.connect(_articles_changed, sender=Article, dispatch_uid="listing-article-save")
post_delete.connect(_articles_changed, sender=Article, dispatch_uid="listing-article-delete")

# The stored versions are read once per request (see models.site.site_versions).
request_started.connect(begin_request, dispatch_uid="site-versions-begin")
request_finished.connect(end_request, dispatch_uid="site-versions-end")
