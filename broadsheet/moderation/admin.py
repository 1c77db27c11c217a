"""Moderation in the admin: to look things up, not to decide.

Reports, sanctions, notes and the audit log are shown read-only. A decision changed in
a change form would skip what the services do with it (the audit entry, the mails to
reporter and author, the thread's recount), so the forms point to the console; the one
action here, lifting a sanction, calls the service. The audit log is append-only: no
one adds, changes or deletes entries, superusers included.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .access import can_moderate
from .models import AuditEntry, BlocklistEntry, PersonNote, Report, Sanction


@admin.register(BlocklistEntry)
class BlocklistEntryAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable by whoever has the view permission; written only through the services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A superuser may erase personal data on request (GDPR Art. 17); nobody else.
        return request.user.is_superuser


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["case", "category", "status", "outcome", "illegal", "created_at", "decided_at"]
    list_filter = ["status", "category", "outcome", "illegal", "automated"]
    search_fields = ["comment_text", "reporter_name", "reporter_email", "law"]
    date_hierarchy = "created_at"
    list_select_related = ["article"]
    readonly_fields = ["console"]
    fieldsets = [
        (None, {"fields": ["console"]}),
        (
            _("The report"),
            {
                "fields": [
                    "category", "created_at", "comment", "article", "comment_author",
                    "comment_text", "law", "explanation", "reporter_name", "reporter_email",
                    "reporter_user", "good_faith", "language",
                ]
            },
        ),
        (
            _("The decision"),
            {
                "fields": [
                    "status", "outcome", "illegal", "legal_ground", "decision_explanation",
                    "decided_at", "decided_by", "automated", "notes",
                ]
            },
        ),
    ]  # fmt: skip

    @admin.display(description=_("case"), ordering="created_at")
    def case(self, report):
        return report.case_number

    @admin.display(description=_("console"))
    def console(self, report):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("moderation:case", args=[report.pk]),
            gettext("Decide and add notes in the moderation console"),
        )


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "target", "short_value", "reason", "created_at", "ends_at", "lifted_at"]
    list_filter = ["kind", "target", "reason"]
    search_fields = ["value", "message"]
    list_select_related = ["created_by"]
    actions = ["lift"]

    @admin.display(description=_("key"))
    def short_value(self, sanction):
        return sanction.value if sanction.target == "email" else sanction.value[:12]

    @admin.action(description=_("Lift the selected sanctions"), permissions=["lift"])
    def lift(self, request, queryset):
        lifted = 0
        for sanction in queryset.filter(lifted_at__isnull=True):
            services.lift_sanction(sanction, actor=request.user)
            lifted += 1
        self.message_user(
            request, gettext("Sanctions lifted: %(count)d") % {"count": lifted}, messages.SUCCESS
        )

    def has_lift_permission(self, request):
        return can_moderate(request.user)


@admin.register(PersonNote)
class PersonNoteAdmin(ReadOnlyAdmin):
    list_display = ["text", "target", "author", "created_at"]
    list_filter = ["target"]
    search_fields = ["text", "value"]
    list_select_related = ["author"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "automated", "action", "reason", "comment_id", "target"]
    list_filter = ["action", "automated", "reason", "target"]
    search_fields = ["actor_name", "detail", "value"]
    date_hierarchy = "at"

    actions = None

    def has_delete_permission(self, request, obj=None):
        return False
