import threading

from django.db import IntegrityError, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from broadsheet.core.purge import purge_later
from broadsheet.core.text import render_article_markdown
from broadsheet.core.versions import clock_version

# Kept for callers that still drop these keys; nothing is stored under them any more.
SITE_CHROME_CACHE_KEY = "publishing:site-chrome:v2"
PRIVACY_SLUGS = ["datenschutz", "datenschutzerklaerung", "privacy", "privacy-policy"]


class SiteVersion(models.Model):
    """The stored versions that site-wide cache keys derive from: one row.

    Every node reads this row once per request (one indexed primary-key lookup) and
    builds its keys from it, so a change made on any node, by any path (admin,
    importer, shell, command), shows on every node on the next request: the versions
    are bumped by publishing/signals.py inside the writer's transaction, and commit
    with the change. A process-local or shared cache can therefore never hold a
    newer truth than the database.

    chrome: the publication, footer pages, sections, bylines, tags, images and promo
        blocks, which appear inside cached fragments of every page;
    articles: any article saved or deleted (listing pages, feeds).
    Both are microsecond timestamps (or one more than before, if that is larger), so a
    database that is recreated next to a shared cache never reuses an older one's keys.
    """

    chrome = models.PositiveBigIntegerField(default=0)
    articles = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:  # not in the admin, so no translated names
        return f"{self.chrome}/{self.articles}"


def _fresh_start() -> int:
    return clock_version()


BIG = models.PositiveBigIntegerField()


def bump_site_version(*, chrome: bool = False, articles: bool = False) -> None:
    """Move the stored versions on; call inside the transaction that made the change."""
    # Never below the clock: a bump that was rolled back (after someone in that
    # transaction built a cache entry for it) is not repeated by the next bump.
    now = Value(_fresh_start(), output_field=BIG)
    changes = {}
    if chrome:
        changes["chrome"] = Greatest(F("chrome") + 1, now, output_field=BIG)
    # Shared caches follow the same truth: the pages these versions key, purged on commit.
    purge_later(*(["site"] if chrome else []), *(["listings"] if articles else []))
    if articles:
        changes["articles"] = Greatest(F("articles") + 1, now, output_field=BIG)
    if not changes or SiteVersion.objects.filter(pk=1).update(**changes):
        return
    # The row is made by the migration; a flushed test database may have lost it.
    try:
        with transaction.atomic():
            SiteVersion.objects.create(pk=1, chrome=_fresh_start(), articles=_fresh_start())
    except IntegrityError:
        SiteVersion.objects.filter(pk=1).update(**changes)


# During a request the versions are read once (reset by request_started, see
# signals.py): a page asks for them from several places. Outside a request (the
# worker, a shell, a test) every call reads the row again.
_request = threading.local()


def begin_request(**kwargs) -> None:
    _request.active, _request.versions = True, None


def end_request(**kwargs) -> None:
    _request.active, _request.versions = False, None


def site_versions() -> tuple[int, int]:
    """(chrome, articles) as stored now; see SiteVersion."""
    versions = getattr(_request, "versions", None)
    if versions is None:
        versions = SiteVersion.objects.filter(pk=1).values_list("chrome", "articles").first()
        versions = versions or (0, 0)
        if getattr(_request, "active", False):
            _request.versions = versions
    return versions


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


# The chrome and the promo blocks are small and read on every page. They are cached
# under their stored version in the "fragments" cache, whose keys all derive from
# database versions (with Redis it keeps a copy in process memory, core/cache.py):
# an entry never changes under its key, and a change moves the key on every node.
CHROME_SECONDS = 3600


def _fragments():
    from django.core.cache import caches

    return caches["fragments"]


def site_chrome() -> dict:
    """Publication, footer pages and top sections: on every page, so cached.

    chrome["version"] is the stored SiteVersion.chrome: part of every cached
    fragment's key, so a change to bylines, sections, images, pages or promo blocks
    means freshly rendered fragments on every node at the next request.
    """
    version = site_versions()[0]
    key = f"site-chrome:{version}"
    chrome = _fragments().get(key)
    if chrome is not None:
        return chrome
    from .taxonomy import Category

    chrome = {
        "version": version,
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
    _fragments().set(key, chrome, CHROME_SECONDS)
    return chrome


PROMO_CACHE_KEY = "publishing:promo-blocks:v1"  # kept for callers; nothing is stored here


def promo_blocks_for(categories) -> list[PromoBlock]:
    """Active promo blocks for an article in these categories, in order.

    All blocks are few and shown on every article, so they are cached whole (with
    their links and images) under the chrome version, and filtered here.
    """
    key = f"promo-blocks:{site_versions()[0]}"
    blocks = _fragments().get(key)
    if blocks is None:
        blocks = list(
            PromoBlock.objects.filter(active=True)
            .select_related("image")
            .prefetch_related("links", "categories")
        )
        for block in blocks:
            block.category_ids = {c.pk for c in block.categories.all()}
        _fragments().set(key, blocks, CHROME_SECONDS)
    wanted = {c.pk for c in categories}
    return [b for b in blocks if not b.category_ids or b.category_ids & wanted]
