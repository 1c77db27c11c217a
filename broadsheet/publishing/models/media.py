import secrets
from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def image_upload_to(instance, filename: str) -> str:
    """images/2026/05/<128 random bits>.jpg: nobody finds a file they were not shown.

    /media/ may be served straight from disk by a proxy, and an image is uploaded
    before its article is published: a name made from the slug or the original
    file name would let anyone guess a draft's picture. Only the extension is kept.
    """
    extension = PurePosixPath(filename).suffix.lower()[:10]
    return timezone.now().strftime("images/%Y/%m/") + secrets.token_urlsafe(16) + extension


class ImageQuerySet(models.QuerySet):
    def file_is_public(self, name: str, *, now=None) -> bool | None:
        """Whether anyone may see this stored file; None if no Image has it.

        One query, by the indexed file name. Not public: the lead image of an
        unpublished article only, and of nothing published (an article, a promo
        block). Pictures used nowhere yet, or only inside an article's text, are
        public: their random names are what protects them (see image_upload_to).
        """
        from .articles import Article, published_q
        from .site import PromoBlock

        image = models.OuterRef("pk")
        published = published_q(now=now)
        leads = Article.objects.filter(lead_image=image)
        row = (
            self.filter(file=name)
            .annotate(
                in_unpublished=models.Exists(leads.exclude(published)),
                in_published=models.Exists(leads.filter(published)),
                in_promo=models.Exists(PromoBlock.objects.filter(image=image)),
            )
            .values_list("in_unpublished", "in_published", "in_promo")
            .first()
        )
        if row is None:
            return None
        in_unpublished, in_published, in_promo = row
        return bool(in_published or in_promo or not in_unpublished)


class Image(models.Model):
    """An editor-uploaded picture with its credit and licence.

    Files are re-encoded by the admin form before they get here (see forms.py);
    readers never upload.
    """

    file = models.ImageField(
        _("file"),
        upload_to=image_upload_to,
        width_field="width",
        height_field="height",
        db_index=True,  # every /media/ request looks its file up (core/views.py)
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

    objects = ImageQuerySet.as_manager()

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
