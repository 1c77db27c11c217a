"""Slugs that keep German readable, and the 301 left behind when an editor changes one.

Django's slugify() drops the dots of umlauts ("Größter" → "grosster"); German spells
them out instead ("groesster"), as German newsrooms and WordPress's German locale do.
Every slug Broadsheet makes (admin, importer, demo) comes from german_slugify(); the
admin's live slug preview does the same in static/broadsheet/admin-slugs.js.
"""

from django.db.models.signals import pre_save
from django.utils.text import slugify

_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def german_slugify(value: str, max_length: int | None = None) -> str:
    """An ASCII slug: "Pläne für Straßen" → "plaene-fuer-strassen".

    Other accented letters lose their accents (slugify's NFKD), letters without a Latin
    form are dropped; cut at max_length without a trailing hyphen.
    """
    slug = slugify((value or "").translate(_GERMAN))
    if max_length is not None:
        slug = slug[:max_length]
    return slug.strip("-")


def remember_old_slug(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of Article: a published article whose slug changes keeps its old URL.

    The old slug becomes an ArticleSlugRedirect (answered with a 301 by the article
    view); taking a slug back removes its redirect, so a slug is never both at once.
    Costs one query per save of an existing article, none for a new one.
    """
    from .models import Article, ArticleSlugRedirect

    if raw or instance.pk is None:
        return
    before = Article.objects.filter(pk=instance.pk).values("slug", "status", "published_at")
    before = before.first()
    if before is None or before["slug"] == instance.slug:
        return
    was_public = before["status"] != Article.Status.DRAFT and before["published_at"] is not None
    ArticleSlugRedirect.objects.filter(old_slug=instance.slug).delete()
    if was_public:
        ArticleSlugRedirect.objects.update_or_create(
            old_slug=before["slug"], defaults={"article": instance}
        )


def connect() -> None:
    from .models import Article

    pre_save.connect(remember_old_slug, sender=Article, dispatch_uid="article-old-slug")
