"""The e-mails moderation owes people: statements of reasons, report receipts, decisions.

DSA Art. 17 asks a hosting service to tell the author of removed content what was
removed, why (the facts and, for illegal content, the legal ground), whether automated
means were used, and how to seek redress; Art. 16 asks it to confirm a notice's receipt
and to tell the notifier the decision. Guests are reached through the address they
commented with. Each mail is a Delivery row queued in the caller's transaction
(notifications.outbox), built when the worker sends it, in the person's language.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from broadsheet.notifications import email as mail
from broadsheet.notifications.outbox import queue_deliveries
from broadsheet.notifications.services import new_delivery

# Delivery kinds of moderation's own mails; their builders are registered in apps.py.
REMOVAL, RECEIPT, DECISION = "removal", "receipt", "decision"
SURGE = "surge"


def _language(value: str = "") -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    value = (value or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return value if value in codes else settings.LANGUAGE_CODE


def _author_address(comment) -> str:
    if comment.user_id and comment.user and comment.user.email:
        return comment.user.email
    return comment.author_email


def statement_of_reasons(comment, *, reason, explanation, legal_ground, automated) -> int:
    """Queue the statement of reasons to the comment's author (none without an address)."""
    to = _author_address(comment)
    if not to:
        return 0
    return queue_deliveries(
        [
            new_delivery(
                REMOVAL,
                key=f"removal:{comment.pk}:{comment.removal_reason}:{comment.status}",
                to=to,
                language=_language(),
                comment=comment,
                article_id=comment.article_id,
                user_id=comment.user_id,
            )
        ]
    )


def report_receipt(report) -> int:
    return _to_reporter(RECEIPT, report)


def report_decision(report) -> int:
    return _to_reporter(DECISION, report)


def _to_reporter(kind: str, report) -> int:
    """Queue the receipt or the decision of a report to its reporter, in their language."""
    return queue_deliveries(
        [
            new_delivery(
                kind,
                key=f"{kind}:{report.pk}",
                to=report.reporter_email,
                language=_language(report.language),
                comment_id=report.comment_id,
                article_id=report.article_id,
            )
        ]
    )


def redress() -> dict:
    """How to appeal, from BROADSHEET_APPEALS: an e-mail address, a URL, or nothing."""
    route = settings.BROADSHEET_APPEALS
    if not route:
        return {}
    if "@" in route and "://" not in route:
        return {"appeal_email": route}
    return {"appeal_url": route}


def _report_of(delivery):
    from .models import Report

    _kind, _sep, pk = delivery.key.partition(":")
    return Report.objects.filter(pk=pk).select_related("article").first()


def build_removal(delivery):
    from .models import AuditEntry, Reason

    comment = delivery.comment
    if comment is None or not comment.removal_reason:
        return None  # deleted, or approved again before the mail went out
    decision = (
        AuditEntry.objects.filter(
            comment_id=comment.pk,
            action__in=[AuditEntry.Action.REJECT, AuditEntry.Action.SPAM],
        )
        .order_by("-at", "-id")
        .first()
    )
    return mail.compose(
        delivery,
        subject=_("Your comment was removed"),
        template="removal",
        context={
            "comment": comment,
            "article": comment.article,
            "article_url": mail.absolute(comment.article.get_absolute_url()),
            "reason": Reason(comment.removal_reason).label,
            "is_illegal": comment.removal_reason == Reason.ILLEGAL,
            "detail": decision.detail if decision else "",
            "automated": bool(decision and decision.automated),
            "detected_automatically": _detected_automatically(comment),
            "decided_at": decision.at if decision else None,
            **redress(),
        },
    )


def build_receipt(delivery):
    report = _report_of(delivery)
    if report is None:
        return None
    return mail.compose(
        delivery,
        subject=_("We received your report (case %(case)s)") % {"case": report.case_number},
        template="report_receipt",
        context={"report": report, **_report_context(report)},
    )


def build_decision(delivery):
    report = _report_of(delivery)
    if report is None or not report.decided_at:
        return None
    return mail.compose(
        delivery,
        subject=_("Decision on your report (case %(case)s)") % {"case": report.case_number},
        template="report_decision",
        context={"report": report, **_report_context(report), **redress()},
    )


def _report_context(report) -> dict:
    article = report.article
    return {
        "article": article,
        "article_url": mail.absolute(article.get_absolute_url()) if article else "",
        "comment_url": (
            mail.absolute(reverse("discussion:permalink", args=[report.comment_id]))
            if report.comment_id
            else ""
        ),
    }


def _detected_automatically(comment) -> bool:
    """Was the comment held by the model before a moderator decided? (DSA Art. 17(3)(c))

    The decision may be a human's while the detection was automated: the statement of
    reasons says so. Read from the audit log, since a decision clears held_because.
    """
    from broadsheet.discussion.models import Comment

    from .models import AuditEntry

    model = [Comment.HeldBecause.MODEL, Comment.HeldBecause.MODEL_SPAM]
    return AuditEntry.objects.filter(
        comment_id=comment.pk,
        action=AuditEntry.Action.HOLD,
        automated=True,
        after__held_because__in=model,
    ).exists()


def surge_alert(article_id: int, *, since) -> int:
    """Queue one alert per moderator: the article's new comments are held (surge.py).

    Keyed by the surge's start, so each surge alerts each moderator once.
    """
    from broadsheet.notifications.services import moderators

    stamp = int(since.timestamp())
    return queue_deliveries(
        [
            new_delivery(
                SURGE,
                key=f"surge:{article_id}:{stamp}:{moderator.pk}",
                to=moderator.email,
                language=_language(settings.LANGUAGE_CODE),
                article_id=article_id,
                user=moderator,
            )
            for moderator in moderators()
        ]
    )


def build_surge(delivery):
    from broadsheet.discussion.models import Thread

    thread = Thread.objects.filter(pk=delivery.article_id).select_related("article").first()
    if thread is None or thread.surge_since is None:
        return None  # lifted before the mail went out
    article = thread.article
    queue = reverse("moderation:queue")
    return mail.compose(
        delivery,
        subject=_("Many comments on “%(title)s”: new comments are held") % {"title": article.title},
        template="surge",
        context={
            "article": article,
            "article_url": mail.absolute(article.get_absolute_url()),
            "since": thread.surge_since,
            "queue_url": mail.absolute(f"{queue}?article={article.pk}"),
        },
    )
