"""The record of moderation: the audit log, and the transparency statistics with their CSV.

The audit log is read as it was written (newest first, filtered, paged); each page is a
fixed number of queries however long the log grows. The statistics carry no personal
data, so their CSV can go straight into a published transparency report.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import statistics
from ..case_forms import AuditFilterForm, PeriodForm
from ..models import AuditEntry
from .cases import console_page, csv_response

ENTRIES_PER_PAGE = 50


@console_page
@require_GET
def audit(request):
    form = AuditFilterForm(request.GET or None)
    entries = form.filter(AuditEntry.objects.select_related("article").order_by("-at", "-id"))
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"form": form, "page": page})


def _period(request) -> tuple[PeriodForm, statistics.Period]:
    form = PeriodForm(request.GET or None)
    return form, form.chosen()


@console_page
@require_GET
def statistics_page(request):
    form, period = _period(request)
    report = statistics.transparency_report(period)
    return render(
        request,
        "moderation/statistics.html",
        {"form": form, "period": period, "report": report, "query": request.GET.urlencode()},
    )


@console_page
@require_GET
def statistics_csv(request):
    _form, period = _period(request)
    rows = statistics.csv_rows(statistics.transparency_report(period))
    name = f"moderation-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    return csv_response(rows, name)
