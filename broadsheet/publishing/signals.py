"""Drop cached site-wide fragments when the rows behind them change."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Category, Image, Page, PromoBlock, PromoLink, Publication
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


for model in (Publication, Page, Category):
    post_save.connect(_drop_site_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
    post_delete.connect(_drop_site_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}")

for model in (PromoBlock, PromoLink, Image):
    post_save.connect(_drop_promo_blocks, sender=model, dispatch_uid=f"promo-save-{model.__name__}")
    post_delete.connect(_drop_promo_blocks, sender=model, dispatch_uid=f"promo-del-{model.__name__}")
m2m_changed.connect(
    _drop_promo_blocks, sender=PromoBlock.categories.through, dispatch_uid="promo-categories"
)
