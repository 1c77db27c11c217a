from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from broadsheet.publishing.body import render_body


def published_q(*, now=None) -> models.Q:
    """The condition of ArticleQuerySet.published(), for subqueries (e.g. Image)."""
    return models.Q(
        status__in=[Article.Status.SCHEDULED, Article.Status.PUBLISHED],
        published_at__lte=now or timezone.now(),
    )


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Articles a reader may see.

        Scheduled articles become visible by themselves once their time has come:
        visibility is a comparison with the clock, not a status a cron job must flip.
        """
        return self.filter(published_q(now=now))

    def for_listing(self):
        """What a teaser needs, in a fixed number of queries."""
        return (
            self.select_related("lead_image")
            .prefetch_related("categories", "article_authors__author")
            .defer("body", "body_html", "body_text")
            .order_by("-published_at", "-id")
        )

    def in_category_tree(self, category):
        from .taxonomy import Category

        ids = Category.objects.filter(
            models.Q(pk=category.pk) | models.Q(path__startswith=f"{category.path}/")
        ).values("pk")
        # A subquery rather than a join: no DISTINCT over whole rows, and no duplicates.
        in_tree = Article.categories.through.objects.filter(category__in=ids).values("article_id")
        return self.filter(pk__in=in_tree)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kicker = models.CharField(
        _("kicker"), max_length=80, blank=True, help_text=_("Section label above the headline.")
    )
    dateline = models.CharField(
        _("dateline"), max_length=120, blank=True, help_text=_("e.g. “Berlin/Wien.”")
    )
    dek = models.TextField(
        _("excerpt"), blank=True, help_text=_("Teaser shown in lists and feeds.")
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Markdown. To ask readers about a passage, write "
            "[[the passage|Your question?]], e.g. "
            "[[The council wants to extend the line.|What do you think of this plan?]]"
        ),
    )
    # For a piece written in another language than the site's (an interview in English
    # on a German site): set as lang on the article, so screen readers and hyphenation
    # follow it. Empty: the site's language.
    language = models.CharField(
        _("language"),
        max_length=35,
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$",
                _("Enter a language code such as en, fr or pt-BR."),
            )
        ],
        help_text=_("Only if the article is not in the site's language: a code such as en or fr."),
    )
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("A future date with status “scheduled” publishes the article then."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    authors = models.ManyToManyField(
        "publishing.Author",
        through="ArticleAuthor",
        related_name="articles",
        verbose_name=_("authors"),
    )
    lead_image = models.ForeignKey(
        "publishing.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_outlet = models.CharField(
        _("source outlet"), max_length=150, blank=True, help_text=_("For republished pieces.")
    )
    source_url = models.URLField(_("source URL"), blank=True)
    source_date = models.DateField(_("source date"), null=True, blank=True)
    categories = models.ManyToManyField(
        "publishing.Category", blank=True, related_name="articles", verbose_name=_("categories")
    )
    tags = models.ManyToManyField(
        "publishing.Tag", blank=True, related_name="articles", verbose_name=_("tags")
    )
    sticky = models.BooleanField(_("sticky"), default=False)
    # The editors' pick for the top of the front page; among several, the latest wins
    # (publishing/frontpage.py: editor's pick, else the latest sticky, else the latest).
    is_lead = models.BooleanField(
        _("front-page lead"),
        default=False,
        help_text=_("Show this article as the lead story at the top of the front page."),
    )
    # Search engines and social networks; empty fields fall back to headline, excerpt
    # and lead image.
    seo_title = models.CharField(
        _("search title"),
        max_length=120,
        blank=True,
        help_text=_("Title for search engines and social networks; empty: the headline."),
    )
    seo_description = models.CharField(
        _("search description"),
        max_length=300,
        blank=True,
        help_text=_("Description for search engines and social networks; empty: the excerpt."),
    )
    social_image = models.ForeignKey(
        "publishing.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Image for shared links (OpenGraph); empty: the lead image."),
    )
    noindex = models.BooleanField(
        _("hide from search engines"),
        default=False,
        help_text=_("Adds “noindex” to the page and leaves it out of the sitemaps."),
    )
    comments_enabled = models.BooleanField(_("comments enabled"), default=True)
    comments_close_after_days = models.PositiveIntegerField(
        _("close comments after days"),
        null=True,
        blank=True,
        help_text=_("Empty: the site default."),
    )
    rating_enabled = models.BooleanField(_("article rating"), default=True)

    objects = ArticleQuerySet.as_manager()

    # Drafts and articles in review are never shown to readers, whatever their date.
    PUBLIC_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_at"], name="article_listing_idx")]
        permissions = [
            ("publish_own_article", _("Can publish articles they wrote")),
            ("publish_article", _("Can publish any article")),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Rendered once here, never per request.
        rendered = render_body(self.body)
        self.body_html, self.body_text = rendered.html, rendered.text
        # Read by the discussion app after saving, to keep questions and passages in step.
        self.marked_questions = rendered.questions
        self.missing_images = rendered.missing_images  # reported by the admin after saving
        if self.status in self.PUBLIC_STATUSES and self.published_at is None:
            self.published_at = timezone.now()
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "body_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        local = timezone.localdate(self.published_at or timezone.now())
        return reverse(
            "publishing:article",
            kwargs={
                "year": local.year,
                "month": f"{local.month:02d}",
                "day": f"{local.day:02d}",
                "slug": self.slug,
            },
        )

    def is_published(self, *, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status in self.PUBLIC_STATUSES
            and self.published_at is not None
            and self.published_at <= now
        )

    @cached_property
    def ordered_authors(self) -> list:
        if "article_authors" in getattr(self, "_prefetched_objects_cache", {}):
            links = self.article_authors.all()  # prefetched by for_listing()
        else:
            links = self.article_authors.select_related("author")
        return [link.author for link in links]

    # Each related list is read once per request, whichever fragment needs it first;
    # listings and feeds prefetch them (all() then reads the prefetched rows).
    @cached_property
    def category_list(self) -> list:
        return list(self.categories.all())

    @cached_property
    def tag_list(self) -> list:
        return list(self.tags.all())

    @cached_property
    def correction_list(self) -> list:
        return list(self.corrections.all())

    @property
    def initials(self) -> str:
        return ", ".join(a.initials for a in self.ordered_authors if a.initials)

    @property
    def search_title(self) -> str:
        return self.seo_title or self.title

    @property
    def search_description(self) -> str:
        return self.seo_description or self.dek

    @property
    def is_republished(self) -> bool:
        return bool(self.source_outlet)


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        "publishing.Author", on_delete=models.PROTECT, verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")

    def __str__(self) -> str:
        return str(self.author)


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("correction"))
    # The save that made the fix (set by publishing.services when both are saved together).
    revision = models.ForeignKey(
        "publishing.ArticleRevision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
    )

    class Meta:
        ordering = ["corrected_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return self.text[:60]
