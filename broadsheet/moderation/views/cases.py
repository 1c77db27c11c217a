"""Reports and DSA cases in the console: the list, one case, its decisions and its CSV.

Every report is a case; a notice of illegal content (category "illegal", DSA Art. 16)
is decided with a legal assessment, any other report by removing the comment with a
reason or keeping it. Each action is a plain POST that calls one service and redirects
back to the case with a message (post/redirect/get); a refusal (ModerationError)
changes nothing and says why.
"""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from broadsheet.discussion.models import Comment

from .. import services
from ..access import moderator_required
from ..case_forms import CaseFilterForm, CaseNoteForm, NoticeDecisionForm, RemoveForm
from ..models import AuditEntry, Reason, Report

CASES_PER_PAGE = 50


def console_page(view):
    """Moderators only, never cached (the pages carry names and addresses)."""
    return moderator_required(never_cache(view))


@console_page
@require_GET
def cases(request):
    """Every report, newest first; notices of illegal content marked; counts per status."""
    form = CaseFilterForm(request.GET or None)
    filtered = form.filter(Report.objects.order_by())
    counts = {row["status"]: row["n"] for row in filtered.values("status").annotate(n=Count("pk"))}
    reports = filtered.select_related("article", "comment").order_by("-created_at", "-id")
    if form.chosen_status:
        reports = reports.filter(status=form.chosen_status)
    page = Paginator(reports, CASES_PER_PAGE).get_page(request.GET.get("page"))
    statuses = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Report.Status.choices
    ]
    return render(
        request,
        "moderation/cases.html",
        {
            "form": form,
            "page": page,
            "statuses": statuses,
            "total": sum(counts.values()),
            "status": form.chosen_status,
        },
    )


def _case(pk) -> Report:
    return get_object_or_404(
        Report.objects.select_related("article", "comment", "decided_by", "reporter_user"), pk=pk
    )


def case_trail(report: Report):
    """The case's audit entries: those naming the report, and those on its comment."""
    match = Q(report_id=report.pk)
    if report.comment_id:
        # What happened to the comment since; other reports' entries are on their cases.
        match |= Q(comment_id=report.comment_id, at__gte=report.created_at, report__isnull=True)
    return AuditEntry.objects.filter(match).order_by("at", "id")


@console_page
@require_GET
def case(request, pk):
    report = _case(pk)
    others = (
        Report.objects.filter(comment_id=report.comment_id).exclude(pk=report.pk)
        if report.comment_id
        else Report.objects.none()
    )
    return render(
        request,
        "moderation/case.html",
        {
            "report": report,
            "comment": report.comment,
            "others": list(others.order_by("-created_at", "-id")),
            "trail": list(case_trail(report)),
            "note_form": CaseNoteForm(),
            "notice_form": NoticeDecisionForm(),
            "remove_form": RemoveForm(),
            "is_open": report.status != Report.Status.DECIDED,
            "removal_reason": _reason_label(
                report.comment.removal_reason if report.comment else ""
            ),
        },
    )


def _reason_label(code: str) -> str:
    return str(Reason(code).label) if code in Reason.values else code


def _back(report: Report, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("moderation:case", args=[report.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return _("Please check your input.")


def _refused(request, report: Report, message: str, anchor: str = "") -> HttpResponseRedirect:
    messages.error(request, message)
    return _back(report, anchor)


@console_page
@require_POST
def case_note(request, pk):
    report = _case(pk)
    form = CaseNoteForm(request.POST)
    if not form.is_valid():
        return _refused(request, report, _first_error(form), "notes")
    try:
        services.add_case_note(report, actor=request.user, text=form.cleaned_data["text"])
    except services.ModerationError as exc:
        return _refused(request, report, exc.message, "notes")
    messages.success(request, _("Note added."))
    return _back(report, "notes")


@console_page
@require_POST
def case_review(request, pk):
    report = _case(pk)
    try:
        services.start_review(report, actor=request.user)
    except services.ModerationError as exc:
        return _refused(request, report, exc.message)
    messages.success(request, _("The case is now in review."))
    return _back(report)


@console_page
@require_POST
def case_decide(request, pk):
    """The legal assessment of a notice of illegal content."""
    report = _case(pk)
    if not report.is_notice:
        return _refused(request, report, _("Only a notice of illegal content is decided here."))
    form = NoticeDecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, report, _first_error(form), "decision")
    data = form.cleaned_data
    try:
        report = services.decide_notice(
            report,
            actor=request.user,
            illegal=data["illegal"],
            legal_ground=data["legal_ground"],
            explanation=data["explanation"],
        )
    except services.ModerationError as exc:
        return _refused(request, report, exc.message, "decision")
    if report.illegal:
        messages.success(request, _("Decided: illegal. The comment was removed."))
    else:
        messages.success(request, _("Decided: not illegal. The comment stays."))
    return _back(report)


def _open_comment(request, report: Report) -> Comment | None:
    if report.status == Report.Status.DECIDED:
        messages.error(request, _("This case has already been decided."))
        return None
    if report.is_notice:
        messages.error(
            request, _("A notice of illegal content is decided with a legal assessment.")
        )
        return None
    if report.comment is None:
        messages.error(request, _("The comment no longer exists."))
        return None
    return report.comment


@console_page
@require_POST
def case_remove(request, pk):
    """Remove the reported comment with a reason (closes every open report on it)."""
    report = _case(pk)
    comment = _open_comment(request, report)
    if comment is None:
        return _back(report)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, report, _first_error(form), "decision")
    data = form.cleaned_data
    try:
        changed = services.reject_comments(
            Comment.objects.filter(pk=comment.pk),
            actor=request.user,
            reason=data["reason"],
            explanation=data["explanation"],
            legal_ground=data["legal_ground"],
        )
    except services.ModerationError as exc:
        return _refused(request, report, exc.message, "decision")
    if not changed:
        return _refused(request, report, _("The comment had already been removed."))
    messages.success(request, _("The comment was removed."))
    return _back(report)


@console_page
@require_POST
def case_keep(request, pk):
    """Keep the reported comment: its open reports are closed as "kept"."""
    report = _case(pk)
    comment = _open_comment(request, report)
    if comment is None:
        return _back(report)
    try:
        services.dismiss_reports(comment, actor=request.user)
    except services.ModerationError as exc:
        return _refused(request, report, exc.message)
    messages.success(request, _("The comment stays; the reports are closed."))
    return _back(report)


# --- The case as CSV ------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets an apostrophe.

    Reporters and commenters write these texts; opened in Excel or LibreOffice, a cell
    "=HYPERLINK(…)" would run (CSV injection, OWASP).
    """
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S %Z") if value else ""


def _yes_no(value) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def case_rows(report: Report, trail) -> list[list[str]]:
    """The case as a lawyer reads it: one field per row, then one row per event."""
    comment = report.comment
    rows = [
        [_("Case number"), report.case_number],
        [_("Received"), _when(report.created_at)],
        [_("Category"), report.get_category_display()],
        [_("Notice of illegal content"), _yes_no(report.is_notice)],
        [_("Law concerned"), report.law],
        [_("Reporter's explanation"), report.explanation],
        [_("Reporter's name"), report.reporter_name],
        [_("Reporter's e-mail"), report.reporter_email],
        [_("Good-faith statement"), _yes_no(report.good_faith)],
        [_("Comment no."), report.comment_id or ""],
        [_("Author of the comment"), report.comment_author],
        [_("Reported text"), report.comment_text],
        [_("Article"), report.article.title if report.article else ""],
        [_("Comment now"), comment.get_status_display() if comment else _("deleted")],
        [_("Status"), report.get_status_display()],
        [_("Decision"), report.get_outcome_display()],
        [_("Illegal"), _yes_no(report.illegal)],
        [_("Legal ground"), report.legal_ground],
        [_("Explanation of the decision"), report.decision_explanation],
        [_("Decided at"), _when(report.decided_at)],
        [_("Decided by"), _decider(report)],
        [_("Decided by automated means"), _yes_no(report.automated) if report.decided_at else ""],
        [_("Case notes"), report.notes],
        [],
        [_("Audit trail")],
        [_("When"), _("Who"), _("Action"), _("Automated"), _("Reason"), _("Detail")],
    ]
    for entry in trail:
        rows.append(
            [
                _when(entry.at),
                entry.actor_name,
                entry.get_action_display(),
                _yes_no(entry.automated),
                entry.get_reason_display(),
                entry.detail,
            ]
        )
    return [[safe_cell(cell) for cell in row] for row in rows]


def _decider(report: Report) -> str:
    if not report.decided_at:
        return ""
    if report.decided_by is None:
        return "Broadsheet" if report.automated else ""
    return report.decided_by.get_display_name()


def csv_response(rows, filename: str) -> HttpResponse:
    """UTF-8 with a byte-order mark, so Excel opens umlauts right; always a download."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv.writer(response).writerows(rows)
    return response


@console_page
@require_GET
def case_csv(request, pk):
    report = _case(pk)
    return csv_response(case_rows(report, case_trail(report)), f"case-{report.case_number}.csv")
