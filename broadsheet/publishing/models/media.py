from django.db import models
from django.utils.translation import gettext_lazy as _


class Image(models.Model):
    """An editor-uploaded picture with its credit and licence.

    Files are re-encoded by the admin form before they get here (see forms.py);
    readers never upload.
    """

    file = models.ImageField(
        _("file"), upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("Describes the picture for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit_provider = models.CharField(
        _("credit: provider"), max_length=100, blank=True, help_text=_("e.g. Wikimedia")
    )
    credit_creator = models.CharField(_("credit: creator"), max_length=150, blank=True)
    licence_name = models.CharField(
        _("licence"), max_length=100, blank=True, help_text=_("e.g. CC BY-SA 3.0")
    )
    licence_url = models.URLField(_("licence URL"), blank=True)
    source_url = models.URLField(_("source URL"), blank=True, max_length=500)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt_text or self.file.name

    @property
    def credit_text(self) -> str:
        """ "provider/creator/licence", as the reference prints after "Bildquelle:"."""
        return "/".join(
            p for p in (self.credit_provider, self.credit_creator, self.licence_name) if p
        )
