"""The discussion in the Django admin: every write goes through services.

Saving, deleting (one comment or "delete selected") and the status actions call the
same services as the reader views, so the thread's counters are recomputed and its
version moves in the admin's transaction: the change shows on the next request on
every node (STYLE.md: the admin, the importer and the console call the same services).
"""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Comment, Thread

# What a moderator may change in a comment; everything else is the reader's or derived.
REVISABLE = ("body", "author_name", "author_email", "author_url")


def _status_action(status: str, label):
    def action(modeladmin, request, queryset):
        changed = len(services.set_comments_status(queryset, status))
        modeladmin.message_user(
            request,
            ngettext("%(count)d comment changed.", "%(count)d comments changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return admin.action(description=label)(action)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "author_name",
        "article",
        "status",
        "created_at",
        "upvotes",
        "downvotes",
    ]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["author_name", "author_email", "body"]
    list_select_related = ["article"]
    readonly_fields = [
        "article",
        "user",
        "created_at",
        "edited_at",
        "ip_hash",
        "upvotes",
        "downvotes",
        "score",
        "link",
    ]
    fields = [
        "link", "article", "status", "author_name", "author_email", "author_url", "user", "body",
        "created_at", "edited_at", "upvotes", "downvotes", "score", "ip_hash",
    ]  # fmt: skip
    actions = [
        _status_action(Comment.Status.APPROVED, _("Approve")),
        _status_action(Comment.Status.SPAM, _("Mark as spam")),
        _status_action(Comment.Status.TRASH, _("Move to trash")),
        _status_action(Comment.Status.PENDING, _("Hold for moderation")),
    ]
    date_hierarchy = "created_at"

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return comment.body[:80]

    @admin.display(description=_("on the site"))
    def link(self, comment):
        if comment.pk and comment.status == Comment.Status.APPROVED:
            return format_html('<a href="{}">{}</a>', comment.get_absolute_url(), _("View"))
        return "–"

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        # The form has already set its values on obj; the services compare with the
        # stored row, so they start from a fresh copy of it.
        current = Comment.objects.get(pk=obj.pk)
        revised = {name: form.cleaned_data[name] for name in REVISABLE if name in form.changed_data}
        if revised:
            services.revise_comment(current, **revised)
        if "status" in form.changed_data:
            services.set_comment_status(current, form.cleaned_data["status"])

    def delete_model(self, request, obj):
        services.delete_comments(Comment.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        # "Delete selected": one transaction, each thread recounted once.
        services.delete_comments(queryset)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["article", "comment_count", "rating_count", "closed"]
    list_editable = ["closed"]
    readonly_fields = ["article", "comment_count", "rating_count", "rating_sum"]
    search_fields = ["article__title"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        # closed is the only editable field (see list_editable and readonly_fields).
        if "closed" in form.changed_data:
            services.set_thread_closed(obj, closed=form.cleaned_data["closed"])
