from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """A section of the publication; categories form a tree, as in WordPress."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    # The slash-joined slugs from the root, kept so a URL resolves in one query.
    path = models.CharField(_("path"), max_length=500, unique=True, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        super().save(*args, **kwargs)
        # A renamed branch moves its descendants with it.
        for child in self.children.all():
            child.save()

    def get_absolute_url(self) -> str:
        return reverse("publishing:category", kwargs={"path": self.path})

    def clean(self):
        from django.core.exceptions import ValidationError

        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot be its own ancestor.")})
            node = node.parent


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publishing:tag", kwargs={"slug": self.slug})


class Author(models.Model):
    """A byline. Not necessarily a user: guest writers and agencies have bylines too."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    initials = models.CharField(
        _("initials"), max_length=10, help_text=_("Shown at the end of the article, e.g. “ab”.")
    )
    bio = models.TextField(_("biography"), blank=True)
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publishing:author", kwargs={"slug": self.slug})
