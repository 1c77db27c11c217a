"""What an import remembers: where each WordPress object went, and the old URLs.

Nothing here adds a field to another app's models. ImportedObject maps a WordPress id
(per site) to the row it became, so a second run of the same export finds its own work;
LegacyRedirect answers old WordPress URLs; the two feedback models keep wpDiscuz inline
feedback until the discussion app can anchor comments to a passage.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


def fingerprint_of(*parts) -> str:
    """A hash of WordPress data as it was applied, for ImportedObject.fingerprint."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class ImportedObject(models.Model):
    """One WordPress object of one site, and the Broadsheet row it was imported as.

    fingerprint is a hash of the WordPress data last applied: an unchanged object in a
    later export is skipped without a write. state holds what later runs build on, such
    as the rating totals that were imported (new local ratings are kept on top of
    them); a post's state also holds its comments' record (see comments.py), which
    costs one row per post instead of one per comment.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("Author")
        CATEGORY = "category", _("Category")
        TAG = "tag", _("Tag")
        POST = "post", _("Post")
        PAGE = "page", _("Page")
        ATTACHMENT = "attachment", _("Attachment")
        MEDIA = "media", _("Media file")

    site = models.CharField(_("WordPress site"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    wp_id = models.CharField(_("WordPress id"), max_length=255)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, default="")
    state = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed by an import"), auto_now=True)

    class Meta:
        verbose_name = _("imported object")
        verbose_name_plural = _("imported objects")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wp_id"], name="imported_object_unique_wp_id"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="imported_object_target"),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.kind} {self.wp_id}"


class LegacyRedirect(models.Model):
    """An old WordPress URL and the object that now lives elsewhere.

    old_path is the decoded path ("/2021/05/01/über-uns/") or one of WordPress's query
    forms ("/?p=123", "/?page_id=7", "/?cat=4", "/?tag=slug", "/?author=2"). The target
    is resolved when the request comes, so a later change of slug or date still lands
    on the right page.
    """

    old_path = models.CharField(_("old path"), max_length=500, unique=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_url = models.CharField(
        _("target URL"), max_length=500, blank=True, help_text=_("Used when no object is set.")
    )
    # Category, tag and author archives also answer ".../page/2/" below the old path.
    keeps_suffix = models.BooleanField(default=False)
    site = models.CharField(_("WordPress site"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old URL")
        verbose_name_plural = _("old URLs")

    def __str__(self) -> str:
        return self.old_path

    def target(self) -> str | None:
        """The current URL of the target, or None when it is gone or not public."""
        if self.content_type_id is None:
            return self.target_url or None
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        obj = model._default_manager.filter(pk=self.object_id).first() if model else None
        if obj is None:
            return None
        is_published = getattr(obj, "is_published", None)
        if callable(is_published) and not is_published():
            return None
        return obj.get_absolute_url()


class ImportedFeedbackForm(models.Model):
    """A wpDiscuz inline-feedback passage found in an imported article.

    The shortcode is gone from the body; the passage text stays. exact/prefix/suffix
    follow the W3C Web Annotation TextQuoteSelector over the article's plain text, so
    the inline feedback work can turn each row into an anchor.
    """

    article = models.ForeignKey(
        "publishing.Article",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )
    wp_form_id = models.CharField(_("wpDiscuz form id"), max_length=64)
    question = models.TextField(_("question"), blank=True)
    opened = models.BooleanField(_("opened"), default=False)
    exact = models.TextField(_("passage"))
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    position = models.PositiveIntegerField(
        default=0, help_text=_("Offset of the passage in the article's plain text.")
    )

    class Meta:
        verbose_name = _("imported inline feedback passage")
        verbose_name_plural = _("imported inline feedback passages")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "wp_form_id"], name="imported_feedback_form_unique"
            )
        ]

    def __str__(self) -> str:
        return self.exact[:60]


class ImportedFeedbackLink(models.Model):
    """A comment that wpDiscuz showed as inline feedback (wpdiscuz_feedback_form_id).

    wpDiscuz stores its database id of the form, which the export does not map to the
    shortcode's id; form is set where the mapping is certain and left empty otherwise,
    with the raw id kept for a later resolution.
    """

    comment = models.OneToOneField("discussion.Comment", on_delete=models.CASCADE, related_name="+")
    wp_form_id = models.CharField(_("wpDiscuz form id"), max_length=64)
    form = models.ForeignKey(
        ImportedFeedbackForm,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="links",
    )

    class Meta:
        verbose_name = _("imported inline feedback comment")
        verbose_name_plural = _("imported inline feedback comments")

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.wp_form_id}"
