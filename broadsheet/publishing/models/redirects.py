from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleSlugRedirect(models.Model):
    """A slug an article had while it was public: its old URL answers with a 301.

    Written by slugs.remember_old_slug; looked up by the article view only when no
    published article has the slug, so ordinary pages pay nothing for it.
    """

    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(
        "publishing.Article",
        on_delete=models.CASCADE,
        related_name="slug_redirects",
        verbose_name=_("article"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")

    def __str__(self) -> str:
        return self.old_slug
