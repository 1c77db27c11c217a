"""The discussion in the Django admin: every write goes through services.

Saving, deleting (one comment or "delete selected") and the status actions call the
same services as the reader views and the moderation console (decisions through
broadsheet.moderation.services, with the admin user in the audit log), so the thread's counters are recomputed and its
version moves in the admin's transaction: the change shows on the next request on
every node (STYLE.md: the admin, the importer and the console call the same services).
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from broadsheet.moderation import services as moderation
from broadsheet.moderation.models import Reason

from . import services
from .models import Comment, Thread

# What a moderator may change in a comment; everything else is the reader's or derived.
REVISABLE = ("body", "author_name", "author_email", "author_url")
# The reasons an admin action can reject with at once: those that need no explanation.
QUICK_REASONS = (
    Reason.SPAM, Reason.INSULT, Reason.HARASSMENT, Reason.HATE, Reason.MISINFORMATION,
    Reason.OFF_TOPIC, Reason.PERSONAL_DATA,
)  # fmt: skip


def _report(modeladmin, request, changed) -> None:
    modeladmin.message_user(
        request,
        ngettext("%(count)d comment changed.", "%(count)d comments changed.", len(changed))
        % {"count": len(changed)},
        messages.SUCCESS,
    )


# The actions keep their old names (mark_<status>): saved URLs and scripts still work.
@admin.action(description=_("Approve"))
def mark_approved(modeladmin, request, queryset):
    _report(modeladmin, request, moderation.approve_comments(queryset, actor=request.user))


@admin.action(description=_("Mark as spam"))
def mark_spam(modeladmin, request, queryset):
    _report(modeladmin, request, moderation.mark_spam(queryset, actor=request.user))


@admin.action(description=_("Hold for moderation"))
def mark_pending(modeladmin, request, queryset):
    _report(modeladmin, request, moderation.hold_comments(queryset, actor=request.user))


def _reject_action(reason: Reason):
    def action(modeladmin, request, queryset):
        changed = moderation.reject_comments(queryset, actor=request.user, reason=reason)
        _report(modeladmin, request, changed)

    action.__name__ = f"reject_{reason.value}"
    return admin.action(description=_("Reject: %(reason)s") % {"reason": reason.label})(action)


class StatusFilter(admin.SimpleListFilter):
    """Status, opening on the waiting comments: what a moderator comes to the list for."""

    title = _("status")
    # The name of a plain field filter, so links like ?status__exact=spam keep working.
    parameter_name = "status__exact"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

    def __init__(self, request, *args, **kwargs):
        # The default is for looking at the list. An action posted without a filter (a
        # script, an old bookmark) acts on the selected comments whatever their status:
        # Django applies the list's filters to the actions' selection.
        self.default = Comment.Status.PENDING if request.method == "GET" else self.ALL
        super().__init__(request, *args, **kwargs)

    def current(self) -> str:
        value = self.value()
        return value if value in {*Comment.Status.values, self.ALL} else self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.current() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.current() == self.ALL:
            return queryset
        return queryset.filter(status=self.current())


class CommentAdminForm(forms.ModelForm):
    """A change to "Rejected" needs a reason, as in the console (the author is told why)."""

    reject_reason = forms.ChoiceField(
        label=_("Reason for rejecting"),
        choices=[("", "—"), *Reason.choices],
        required=False,
        help_text=_("Needed when the status changes to Rejected."),
    )
    reject_explanation = forms.CharField(label=_("Explanation"), required=False)
    reject_legal_ground = forms.CharField(label=_("Legal ground"), required=False, max_length=300)

    class Meta:
        model = Comment
        fields = ["status", *REVISABLE]

    def clean(self):
        cleaned = super().clean()
        if "status" in self.changed_data and cleaned.get("status") == Comment.Status.TRASH:
            try:
                moderation.check_reason(
                    cleaned.get("reject_reason", ""),
                    cleaned.get("reject_explanation", ""),
                    cleaned.get("reject_legal_ground", ""),
                )
            except moderation.ModerationError as refused:
                field = {
                    "reason": "reject_reason",
                    "explanation": "reject_explanation",
                    "legal_ground": "reject_legal_ground",
                }.get(refused.field)
                self.add_error(field, refused.message)
        return cleaned


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    list_display = [
        "excerpt",
        "author_name",
        "article",
        "status",
        "created_at",
        "upvotes",
        "downvotes",
    ]
    list_filter = [StatusFilter, "kind", "created_at"]
    search_fields = ["author_name", "author_email", "body"]
    list_select_related = ["article"]
    ordering = ["-created_at", "-id"]
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
        "link", "article", "status", "reject_reason", "reject_explanation", "reject_legal_ground",
        "author_name", "author_email", "author_url", "user", "body",
        "created_at", "edited_at", "upvotes", "downvotes", "score", "ip_hash",
    ]  # fmt: skip
    actions = [
        mark_approved, mark_spam, *(_reject_action(reason) for reason in QUICK_REASONS),
        mark_pending,
    ]  # fmt: skip
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
        # stored row, so they start from a fresh copy of it. Both go through the
        # moderation services: the audit log names the admin user, and a rejection
        # carries its reason and a statement of reasons to the author.
        current = Comment.objects.get(pk=obj.pk)
        revised = {name: form.cleaned_data[name] for name in REVISABLE if name in form.changed_data}
        if revised:
            current = moderation.edit_comment(current, actor=request.user, **revised)
        if "status" in form.changed_data:
            self._change_status(request, current, form.cleaned_data)

    def _change_status(self, request, comment, data) -> None:
        selected = Comment.objects.filter(pk=comment.pk)
        status = data["status"]
        if status == Comment.Status.APPROVED:
            moderation.approve_comments(selected, actor=request.user)
        elif status == Comment.Status.SPAM:
            moderation.mark_spam(selected, actor=request.user)
        elif status == Comment.Status.PENDING:
            moderation.hold_comments(selected, actor=request.user)
        else:
            moderation.reject_comments(
                selected,
                actor=request.user,
                reason=data["reject_reason"],
                explanation=data["reject_explanation"],
                legal_ground=data["reject_legal_ground"],
            )

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
