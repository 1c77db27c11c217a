"""The reader's side: report an error in a passage, with or without JavaScript.

GET /errata/<pk>/report/?exact=…&prefix=…&suffix=…&start=… is where the article's
"Report an error" button leads (the passage chosen by selection or paragraph); without
a passage the page offers the article's paragraphs to choose from.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from broadsheet.discussion.forms import form_timestamp
from broadsheet.discussion.identity import viewer_from_request
from broadsheet.publishing.models import Article

from . import services
from .forms import ErrorReportForm


def _published(pk: int) -> Article:
    return get_object_or_404(Article.objects.published(), pk=pk)


@never_cache
def report(request, pk: int):
    article = _published(pk)
    paragraphs = services.paragraphs_of(article)
    status, error = 200, ""
    if request.method == "POST":
        form = ErrorReportForm(request.POST, paragraphs=paragraphs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_error(
                    article,
                    passage=services.Passage(
                        data["exact"], data["prefix"], data["suffix"], data["start"]
                    ),
                    suggestion=data["suggestion"],
                    email=data["email"],
                    ip_hash=viewer_from_request(request).ip_hash,
                    language=translation.get_language() or "de",
                )
            except services.ErrataError as exc:
                status, error = exc.status, exc.message
            else:
                return redirect("errata:sent", pk=article.pk)
        else:
            status = 400
        # Sent back with a fresh timestamp, dated back when the sent one proved the
        # reader spent the minimum time on the form (as the comment form does).
        form.data = form.data.copy()
        form.data["ts"] = form_timestamp(waited="ts" not in form.errors)
    else:
        initial = {k: request.GET.get(k, "") for k in ("exact", "prefix", "suffix", "start")}
        if not initial["start"].isdigit():
            initial["start"] = ""
        form = ErrorReportForm(initial={**initial, "ts": form_timestamp()}, paragraphs=paragraphs)
    context = {"article": article, "form": form, "error": error}
    return render(request, "errata/report.html", context, status=status)


@never_cache
def sent(request, pk: int):
    return render(request, "errata/sent.html", {"article": _published(pk)})
