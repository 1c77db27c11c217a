"""The editors' queue of error reports (not the comment queue).

Each report shows its passage highlighted in the article's current text, found again
with discussion.anchoring (the text may have changed since), or says it is no longer
in the article. "Accept" stores the correction note and opens the article's change
form; the correction is published with the save that fixes the article
(services.publish_pending_corrections, called by the article admin). "Dismiss" closes.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from broadsheet.discussion import anchoring

from . import services
from .models import ErrorReport

CONTEXT_CHARS = 240


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["passage_excerpt", "article", "status", "created_at", "has_email"]
    list_filter = ["status", "created_at"]
    list_select_related = ["article"]
    search_fields = ["exact", "suggestion", "article__title"]
    fields = [
        "article_link",
        "status",
        "passage_in_current_text",
        "suggestion",
        "email",
        "created_at",
        "decided_at",
        "decided_by",
        "correction_text",
        "correction",
    ]
    readonly_fields = fields
    change_form_template = "admin/errata/errorreport/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "decided_by", "correction")

    def has_add_permission(self, request):
        return False  # reports come from readers

    @admin.display(description=gettext_lazy("passage"))
    def passage_excerpt(self, report):
        return format_html("<span data-errata-row>{}</span>", report.exact[:80])

    @admin.display(description=gettext_lazy("e-mail"), boolean=True)
    def has_email(self, report):
        return bool(report.email)

    @admin.display(description=gettext_lazy("article"))
    def article_link(self, report):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:publishing_article_change", args=[report.article_id]),
            report.article.title,
        )

    @admin.display(description=gettext_lazy("passage in the current text"))
    def passage_in_current_text(self, report):
        found = services.current_passage(report)
        if found is None:
            return format_html(
                "<p data-errata-gone><strong>{}</strong></p><blockquote>{}</blockquote>",
                _("No longer in the article."),
                report.exact,
            )
        text = anchoring.normalise(report.article.body_text)
        before = text[max(0, found.start - CONTEXT_CHARS) : found.start]
        after = text[found.end : found.end + CONTEXT_CHARS]
        return format_html(
            '<p class="errata-context">{}{}<mark data-errata-passage>{}</mark>{}{}</p>',
            "…" if found.start > CONTEXT_CHARS else "",
            before,
            found.exact,
            after,
            "…" if found.end + CONTEXT_CHARS < len(text) else "",
        )

    def changelist_view(self, request, extra_context=None):
        waiting = ErrorReport.objects.new().count()
        if waiting and request.GET.get("status__exact") != ErrorReport.Status.NEW:
            messages.info(
                request,
                ngettext(
                    "%(count)d new error report to check.",
                    "%(count)d new error reports to check.",
                    waiting,
                )
                % {"count": waiting},
            )
        extra_context = {**(extra_context or {}), "new_count": waiting}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        extra = {}
        if report is not None:
            extra = {
                "report": report,
                "default_correction": report.correction_text
                or services.default_correction_text(report),
                "can_decide": self.has_change_permission(request, report)
                and report.status == ErrorReport.Status.NEW,
            }
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def get_urls(self):
        own = [
            path(
                "<int:pk>/accept/",
                self.admin_site.admin_view(self.accept_view),
                name="errata_errorreport_accept",
            ),
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="errata_errorreport_dismiss",
            ),
        ]
        return own + super().get_urls()

    def _decidable(self, request, pk) -> ErrorReport:
        report = get_object_or_404(ErrorReport.objects.select_related("article"), pk=pk)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        return report

    def accept_view(self, request, pk):
        if request.method != "POST":
            return redirect("admin:errata_errorreport_change", pk)
        report = self._decidable(request, pk)
        try:
            services.accept_report(
                report, by=request.user, correction_text=request.POST.get("correction_text", "")
            )
        except services.ErrataError as exc:
            messages.error(request, exc.message)
            return redirect("admin:errata_errorreport_change", pk)
        messages.info(
            request,
            _(
                "Fix the passage “%(passage)s” and save the article: the correction "
                "“%(correction)s” is published with that save."
            )
            % {"passage": report.exact, "correction": report.correction_text},
        )
        return redirect(
            reverse("admin:publishing_article_change", args=[report.article_id])
            + f"?errata={report.pk}"
        )

    def dismiss_view(self, request, pk):
        if request.method != "POST":
            return redirect("admin:errata_errorreport_change", pk)
        report = self._decidable(request, pk)
        services.dismiss_report(report, by=request.user)
        messages.success(request, _("The error report is closed."))
        return redirect("admin:errata_errorreport_changelist")
