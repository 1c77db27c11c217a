from django.db import models
from django.utils.translation import gettext_lazy as _


class BlocklistEntry(models.Model):
    """A word or e-mail address that sends a comment straight to spam."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        EMAIL = "email", _("E-mail address or domain")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.WORD)
    value = models.CharField(
        _("value"),
        max_length=200,
        help_text=_("Case-insensitive. For e-mail, a whole address or “@domain.example”."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="unique_blocklist_entry")
        ]
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")

    def __str__(self) -> str:
        return self.value

    def save(self, *args, **kwargs):
        self.value = self.value.strip().lower()
        super().save(*args, **kwargs)
