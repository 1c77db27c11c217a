import time

from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from broadsheet.core.text import render_article_markdown

SITE_CHROME_CACHE_KEY = "publishing:site-chrome:v2"
PRIVACY_SLUGS = ["datenschutz", "datenschutzerklaerung", "privacy", "privacy-policy"]


class Publication(models.Model):
    """The publication itself: one row, edited in the admin."""

    name = models.CharField(_("name"), max_length=150, default="Broadsheet")
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    comments_close_after_days = models.PositiveIntegerField(
        _("close comments after days"),
        null=True,
        blank=True,
        default=None,
        help_text=_("Empty: comments stay open."),
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publication")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "Publication":
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class Page(models.Model):
    """A static page such as the imprint or the privacy policy."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    body_html = models.TextField(editable=False, default="")
    in_footer = models.BooleanField(_("link in footer"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_article_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("publishing:page", kwargs={"slug": self.slug})


class PromoBlock(models.Model):
    """A block shown after articles: social links, a banner, or free text."""

    class Kind(models.TextChoices):
        SOCIAL = "social", _("Social channel links")
        BANNER = "banner", _("Image banner")
        TEXT = "text", _("Text")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    title = models.CharField(_("title"), max_length=150, blank=True)
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    text_html = models.TextField(editable=False, default="")
    image = models.ForeignKey(
        "publishing.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)
    categories = models.ManyToManyField(
        "publishing.Category",
        blank=True,
        verbose_name=_("only in categories"),
        help_text=_("Empty: after every article."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("promo block")
        verbose_name_plural = _("promo blocks")

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def save(self, *args, **kwargs):
        self.text_html = render_article_markdown(self.text)
        super().save(*args, **kwargs)


class PromoLink(models.Model):
    block = models.ForeignKey(PromoBlock, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=80)
    url = models.URLField(_("link"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.label


def site_chrome() -> dict:
    """Publication, footer pages and top sections: on every page, so cached.

    signals.py drops the cache when any of them changes.
    """
    chrome = cache.get(SITE_CHROME_CACHE_KEY)
    if chrome is None:
        from .taxonomy import Category

        chrome = {
            # Part of every cached fragment's key: a new chrome (after any change to
            # bylines, sections, images or pages) means freshly rendered fragments.
            "version": time.time_ns(),
            "publication": Publication.current(),
            "footer_pages": list(Page.objects.filter(in_footer=True).only("title", "slug")),
            "sections": list(
                Category.objects.filter(parent=None)
                .order_by("position", "name")
                .only("name", "slug", "path")
            ),
        }
        # The consent line under the comment form links the privacy policy in the footer.
        chrome["privacy_page"] = next(
            (page for page in chrome["footer_pages"] if page.slug in PRIVACY_SLUGS), None
        )
        cache.set(SITE_CHROME_CACHE_KEY, chrome, 300)
    return chrome


PROMO_CACHE_KEY = "publishing:promo-blocks:v1"


def promo_blocks_for(categories) -> list[PromoBlock]:
    """Active promo blocks for an article in these categories, in order.

    All blocks are few and shown on every article, so they are cached whole (with
    their links and images) and filtered here; signals.py drops the cache on change.
    """
    blocks = cache.get(PROMO_CACHE_KEY)
    if blocks is None:
        blocks = list(
            PromoBlock.objects.filter(active=True)
            .select_related("image")
            .prefetch_related("links", "categories")
        )
        for block in blocks:
            block.category_ids = {c.pk for c in block.categories.all()}
        cache.set(PROMO_CACHE_KEY, blocks, 300)
    wanted = {c.pk for c in categories}
    return [b for b in blocks if not b.category_ids or b.category_ids & wanted]
