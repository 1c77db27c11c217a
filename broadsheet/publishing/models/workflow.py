"""The newsroom's side of an article: its revisions, an autosave slot, editorial notes.

None of this is ever shown to readers. Revisions are written by publishing.services
on every explicit save (never by Article.save(), so an autosave or a counter update
does not add one); the autosave slot holds one unsaved draft per person and article.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The article fields a revision keeps, compares and restores.
REVISION_FIELDS = ("title", "kicker", "dateline", "dek", "body")


class ArticleRevision(models.Model):
    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        UNPUBLISHED = "unpublished", _("Unpublished")
        RESTORED = "restored", _("Restored")

    article = models.ForeignKey(
        "publishing.Article", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.SAVED)
    status = models.CharField(_("status"), max_length=10)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    restored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("headline"), max_length=300)
    kicker = models.CharField(_("kicker"), max_length=80, blank=True)
    dateline = models.CharField(_("dateline"), max_length=120, blank=True)
    dek = models.TextField(_("excerpt"), blank=True)
    body = models.TextField(_("body"), blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return _("Revision %(number)d") % {"number": self.number}

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in REVISION_FIELDS}


class ArticleAutosave(models.Model):
    """The draft fields as one person last typed them; a revision only on explicit save."""

    article = models.ForeignKey(
        "publishing.Article", on_delete=models.CASCADE, related_name="autosaves"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(_("autosaved"), default=timezone.now)
    title = models.CharField(_("headline"), max_length=300, blank=True)
    kicker = models.CharField(_("kicker"), max_length=80, blank=True)
    dateline = models.CharField(_("dateline"), max_length=120, blank=True)
    dek = models.TextField(_("excerpt"), blank=True)
    body = models.TextField(_("body"), blank=True)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_autosave_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.article_id}/{self.user_id}"

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in REVISION_FIELDS}


class ArticleNote(models.Model):
    """A note between editors about an article; never public."""

    article = models.ForeignKey(
        "publishing.Article", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("editorial note")
        verbose_name_plural = _("editorial notes")

    def __str__(self) -> str:
        return self.text[:60]
