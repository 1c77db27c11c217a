from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Comment, Thread


def _status_action(status: str, label):
    def action(modeladmin, request, queryset):
        changed = 0
        for comment in queryset.exclude(status=status):
            services.set_comment_status(comment, status)
            changed += 1
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
    raw_id_fields = ["article", "parent", "reply_to", "user", "root"]
    readonly_fields = [
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
        # Status changes go through the service so the thread counters stay exact.
        new_status = obj.status
        if change and "status" in form.changed_data:
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            services.set_comment_status(obj, new_status)
        else:
            super().save_model(request, obj, form, change)
        if "body" in form.changed_data:
            from broadsheet.core.text import render_comment_markdown

            Comment.objects.filter(pk=obj.pk).update(body_html=render_comment_markdown(obj.body))


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["article", "comment_count", "rating_count", "closed"]
    list_editable = ["closed"]
    readonly_fields = ["article", "comment_count", "rating_count", "rating_sum"]
    search_fields = ["article__title"]

    def has_add_permission(self, request):
        return False
