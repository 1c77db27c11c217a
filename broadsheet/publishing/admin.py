from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from broadsheet.errata import services as errata

from .editorial_admin import EditorialAdmin
from .forms import ImageForm
from .models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Correction,
    Image,
    Page,
    PromoBlock,
    PromoLink,
    Publication,
    Tag,
)  # fmt: skip
from .thumbnails import make_thumbnail, thumbnail_url


class GermanSlugs:
    """The live slug preview spells umlauts out, like slugs.german_slugify()."""

    class Media:
        js = ["admin/js/urlify.js", "broadsheet/admin-slugs.js"]


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0


@admin.register(Article)
class ArticleAdmin(EditorialAdmin, GermanSlugs, admin.ModelAdmin):
    list_display = ["title", "kicker", "status_display", "published_at", "preview_link"]
    list_filter = ["status", "categories", "published_at"]
    search_fields = ["title", "dek", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    autocomplete_fields = ["categories", "tags", "lead_image", "social_image"]
    inlines = [ArticleAuthorInline, CorrectionInline]
    fieldsets = (
        (None, {"fields": ("kicker", "title", "slug", "dateline", "dek", "body", "language")}),
        (_("Publishing"), {"fields": ("status", "published_at", "sticky", "is_lead")}),
        (_("Image and sections"), {"fields": ("lead_image", "categories", "tags")}),
        (
            _("Republished piece"),
            {"fields": ("source_outlet", "source_url", "source_date"), "classes": ["collapse"]},
        ),
        (
            _("Discussion"),
            {"fields": ("comments_enabled", "comments_close_after_days", "rating_enabled")},
        ),
        (
            _("SEO & social"),
            {
                "fields": ("seo_title", "seo_description", "social_image", "noindex"),
                "classes": ["collapse"],
            },
        ),
    )

    @admin.display(description=_("status"))
    def status_display(self, article):
        if article.status == Article.Status.SCHEDULED and not article.is_published():
            return format_html(
                "{} ({})",
                article.get_status_display(),
                timezone.localtime(article.published_at).strftime("%d.%m.%Y %H:%M"),
            )
        return article.get_status_display()

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        return format_html(
            '<a href="{}">{}</a>', reverse("publishing:preview", args=[article.pk]), _("Preview")
        )

    def view_on_site(self, article):
        if article.is_published():
            return article.get_absolute_url()
        return reverse("publishing:preview", args=[article.pk])

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)  # EditorialAdmin: publishing.services
        # Corrections accepted from readers' error reports go public with this save (the fix).
        errata.publish_pending_corrections(obj, revision=getattr(obj, "saved_revision", None))
        report = getattr(obj, "passage_report", None)  # from discussion.services.sync_passages
        if report and report.orphaned:
            messages.warning(
                request,
                ngettext(
                    "%(count)d comment quotes a passage that is no longer in the article; "
                    "it is kept and marked as such.",
                    "%(count)d comments quote passages that are no longer in the article; "
                    "they are kept and marked as such.",
                    report.orphaned,
                )
                % {"count": report.orphaned},
            )
        elif report and report.total:
            messages.info(
                request,
                ngettext(
                    "%(count)d quoted passage was found again in the new text.",
                    "All %(count)d quoted passages were found again in the new text.",
                    report.total,
                )
                % {"count": report.total},
            )
        if obj.status == Article.Status.SCHEDULED and not obj.is_published():
            messages.info(
                request,
                _("The article will appear by itself on %(when)s.")
                % {"when": timezone.localtime(obj.published_at).strftime("%d.%m.%Y %H:%M")},
            )


@admin.register(Category)
class CategoryAdmin(GermanSlugs, admin.ModelAdmin):
    list_display = ["name", "path", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(GermanSlugs, admin.ModelAdmin):
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(GermanSlugs, admin.ModelAdmin):
    list_display = ["name", "initials", "user"]
    search_fields = ["name", "initials"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit_text", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["alt_text", "caption", "credit_creator", "credit_provider"]

    @admin.display(description=_("thumbnail"))
    def thumbnail(self, image):
        url = thumbnail_url(image)
        if url is None:
            return "—"
        # Fits a 80 px square, by the image's own proportions (no style: strict CSP).
        scale = min(1.0, 80 / max(image.width, image.height, 1))
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}" loading="lazy">',
            url,
            max(1, round(image.width * scale)),
            max(1, round(image.height * scale)),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data:
            make_thumbnail(obj)  # a new file has a new name: the old thumbnail is not used


@admin.register(Page)
class PageAdmin(GermanSlugs, admin.ModelAdmin):
    list_display = ["title", "slug", "in_footer", "position"]
    prepopulated_fields = {"slug": ["title"]}


class PromoLinkInline(admin.TabularInline):
    model = PromoLink
    extra = 1


@admin.register(PromoBlock)
class PromoBlockAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "position", "active"]
    list_editable = ["position", "active"]
    filter_horizontal = ["categories"]
    autocomplete_fields = ["image"]
    inlines = [PromoLinkInline]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not Publication.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
