"""The write side of error reports: a reader reports, an editor accepts or dismisses,
and the save that fixes the article publishes the correction and thanks the reporter.

A report's passage is anchored by the server (discussion.anchoring), exactly as a
comment's passage is: a quote that is not in the article is refused. The correction
becomes public only with the save of the article (publish_pending_corrections, called
by the article admin after publishing.services saved it), so readers never see a
correction note next to the uncorrected text.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.core import ratelimit
from broadsheet.discussion import anchoring
from broadsheet.publishing.models import Article, Correction

from . import notices
from .models import ErrorReport

REPORT_LIMITS = [
    ratelimit.Limit("errata-ip-min", 3, 60),
    ratelimit.Limit("errata-ip-hour", 20, 3600),
]
# A thank-you goes to an address the reader typed and nobody confirmed: at most this
# many a day to one address, so the form cannot be used to mail someone else repeatedly.
THANKS_LIMITS = [ratelimit.Limit("errata-thanks-day", 2, 86400)]
MAX_SUGGESTION = 2000


class ErrataError(Exception):
    """A report was refused; the message is shown to the reader as it is."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


@dataclass
class Passage:
    exact: str
    prefix: str = ""
    suffix: str = ""
    hint: int | None = None


_BLOCK = re.compile(r"<(p|li|blockquote|h[2-6])\b[^>]*>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def paragraphs_of(article: Article) -> list[str]:
    """The article's paragraphs as plain text, each one a passage a reader may choose.

    From the rendered HTML (what the reader sees); a block whose text cannot be found in
    the anchoring text (nested markup, say) is left out rather than offered and refused.
    """
    text = anchoring.normalise(article.body_text)
    found = []
    for _tag, inner in _BLOCK.findall(article.body_html):
        block = anchoring.normalise(unescape(_TAG.sub("", inner)))
        if len(block) >= 3 and block in text and block not in found:
            found.append(block[: anchoring.MAX_EXACT])
    return found


# -- checks (may refuse, never write) ---------------------------------------------


def check_passage(article: Article, passage: Passage) -> anchoring.Selector:
    try:
        return anchoring.select(
            article.body_text,
            exact=passage.exact,
            prefix=passage.prefix,
            suffix=passage.suffix,
            hint=passage.hint,
        )
    except anchoring.AnchorError:
        raise ErrataError(
            _("This passage is not in the article. Please choose it from the article's text."),
            field="exact",
        ) from None


# -- verbs ----------------------------------------------------------------------------


def report_error(
    article: Article,
    *,
    passage: Passage,
    suggestion: str = "",
    email: str = "",
    ip_hash: str,
    language: str,
) -> ErrorReport:
    """Store a reader's report for the editors' queue; ErrataError when refused.

    Counted per keyed IP hash in the shared rate counters (core.ratelimit), so every web
    process sees the same number. No mail goes out now: the reporter hears from us only
    if the report leads to a correction.
    """
    selector = check_passage(article, passage)
    try:
        ratelimit.check(REPORT_LIMITS, ip_hash)
    except ratelimit.RateLimited as exc:
        raise ErrataError(exc.message, status=429) from None
    return ErrorReport.objects.create(
        article=article,
        exact=selector.exact,
        prefix=selector.prefix,
        suffix=selector.suffix,
        start=selector.start,
        end=selector.end,
        suggestion=suggestion.strip()[:MAX_SUGGESTION],
        email=email.strip().lower()[:254],
        language=language,
        ip_hash=ip_hash,
    )


def current_passage(report: ErrorReport) -> anchoring.Selector | None:
    """The report's passage in the article's current text, or None when it is gone."""
    found, _how = anchoring.reanchor(report.article.body_text, report.selector)
    return found


def default_correction_text(report: ErrorReport) -> str:
    return _("An earlier version of this article said: “%(passage)s”.") % {"passage": report.exact}


def accept_report(report: ErrorReport, *, by, correction_text: str) -> ErrorReport:
    """Accept: the note waits for the save of the article that fixes the passage."""
    text = correction_text.strip()
    if not text:
        raise ErrataError(_("Please write the correction note."), field="correction_text")
    with transaction.atomic():
        ErrorReport.objects.filter(pk=report.pk).update(
            status=ErrorReport.Status.ACCEPTED,
            correction_text=text,
            decided_at=timezone.now(),
            decided_by=by,
        )
    report.refresh_from_db()
    return report


def dismiss_report(report: ErrorReport, *, by) -> ErrorReport:
    """Close the report. No mail: "we decided you were wrong" to an unconfirmed address
    is not worth the risk of mailing someone who never wrote to us."""
    ErrorReport.objects.filter(pk=report.pk).update(
        status=ErrorReport.Status.DISMISSED, decided_at=timezone.now(), decided_by=by
    )
    report.refresh_from_db()
    return report


def publish_pending_corrections(article: Article, *, revision=None) -> list[Correction]:
    """After the article was saved: one public correction per accepted report waiting.

    Idempotent: a report gets one correction (the row is locked and checked again), so
    a second save publishes nothing twice. The thank-you mails are queued in the same
    transaction (the outbox sends them after commit).
    """
    corrections = []
    with transaction.atomic():
        pending = ErrorReport.objects.pending_for(article).select_for_update()
        for report in pending:
            correction = Correction.objects.create(
                article=article, text=report.correction_text, revision=revision
            )
            ErrorReport.objects.filter(pk=report.pk).update(correction=correction)
            report.correction = correction
            corrections.append(correction)
            if report.email and _may_thank(report.email):
                notices.thank_reporter(report)
    return corrections


def _may_thank(email: str) -> bool:
    try:
        ratelimit.check(THANKS_LIMITS, email)
    except ratelimit.RateLimited:
        return False
    return True
