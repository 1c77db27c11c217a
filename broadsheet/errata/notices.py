"""The one mail of error reports: thanks, with the correction it led to.

A one-off transactional mail to the address the reader typed, without double opt-in
(that is the rule for subscriptions, which mail again and again): it goes out only when
an editor published a correction from the report, and at most a few a day to one
address (services.THANKS_LIMITS).
"""

from django.conf import settings

from broadsheet.notifications import email as mail
from broadsheet.notifications.outbox import queue_deliveries
from broadsheet.notifications.services import new_delivery

THANKS = "errata"


def thank_reporter(report) -> int:
    language = report.language if report.language in dict(settings.LANGUAGES) else "de"
    return queue_deliveries(
        [
            new_delivery(
                THANKS,
                key=f"{THANKS}:{report.pk}",
                to=report.email,
                language=language,
                article_id=report.article_id,
            )
        ]
    )


def build_thanks(delivery):
    from django.utils.translation import gettext as _

    from .models import ErrorReport

    _kind, _sep, pk = delivery.key.partition(":")
    report = (
        ErrorReport.objects.filter(pk=pk, email__iexact=delivery.to)
        .select_related("article", "correction")
        .first()
    )
    if report is None or report.correction is None:
        return None  # erased, or the correction was deleted before the mail went out
    return mail.compose(
        delivery,
        subject=_("Thank you: we corrected “%(title)s”") % {"title": report.article.title},
        template="errata_thanks",
        context={
            "report": report,
            "article": report.article,
            "article_url": mail.absolute(report.article.get_absolute_url()),
            "correction": report.correction,
        },
    )
