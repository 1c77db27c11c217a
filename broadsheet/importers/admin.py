"""Old URLs and imported inline feedback, visible to editors; the import record read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ImportedFeedbackForm, LegacyRedirect


@admin.register(LegacyRedirect)
class LegacyRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "current_target", "site", "created_at"]
    search_fields = ["old_path", "target_url"]
    list_filter = ["site"]
    readonly_fields = ["content_type", "object_id", "site", "created_at"]

    @admin.display(description=_("now at"))
    def current_target(self, redirect: LegacyRedirect) -> str:
        return redirect.target() or "—"


@admin.register(ImportedFeedbackForm)
class ImportedFeedbackFormAdmin(admin.ModelAdmin):
    list_display = ["exact", "question", "article", "wp_form_id"]
    search_fields = ["exact", "question"]
    raw_id_fields = ["article"]

    def has_add_permission(self, request) -> bool:
        return False
