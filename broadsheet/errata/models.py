"""Readers' reports of an error in a passage of an article, for the editors' queue."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from broadsheet.discussion.anchoring import Selector


class ErrorReportQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=ErrorReport.Status.NEW)

    def pending_for(self, article):
        """Accepted, with a correction note, waiting for the save that fixes the article."""
        return self.filter(
            article=article, status=ErrorReport.Status.ACCEPTED, correction__isnull=True
        ).exclude(correction_text="")


class ErrorReport(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted")
        DISMISSED = "dismissed", _("dismissed")

    article = models.ForeignKey(
        "publishing.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="error_reports",
    )
    # The passage as a W3C TextQuoteSelector + TextPositionSelector (discussion.anchoring),
    # computed by the server from the article's text when the report was made.
    exact = models.TextField(_("passage"))
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    suggestion = models.TextField(_("suggestion"), blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    # The note the correction will carry; written when accepted, published with the fix.
    correction_text = models.TextField(_("correction note"), blank=True)
    correction = models.ForeignKey(
        "publishing.Correction",
        verbose_name=_("correction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_hash = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.exact[:60]

    @property
    def selector(self) -> Selector:
        return Selector(self.exact, self.prefix, self.suffix, self.start, self.end)
