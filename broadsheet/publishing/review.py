"""The mail to editors when an article is submitted for review (notifications outbox)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from broadsheet.accounts.roles import EDITOR
from broadsheet.notifications import email as mail
from broadsheet.notifications.outbox import queue_deliveries
from broadsheet.notifications.services import new_delivery

REVIEW = "review"  # the Delivery kind; its builder is registered in apps.py


def editors():
    """Active people who may publish anything, with an address."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=EDITOR) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
        .distinct()
    )


def notify_editors(article, *, revision, by=None) -> int:
    """Queue one mail per editor (not to the one who submitted), inside the transaction."""
    people = editors().exclude(pk=getattr(by, "pk", None))
    return queue_deliveries(
        [
            new_delivery(
                REVIEW,
                key=f"review:{article.pk}:{revision.number}:{person.pk}",
                to=person.email,
                language=settings.LANGUAGE_CODE,
                article_id=article.pk,
                user_id=person.pk,
            )
            for person in people
        ]
    )


def review_queue_url() -> str:
    return f"{reverse('admin:publishing_article_changelist')}?status__exact=in_review"


def build_review(delivery):
    from .models import Article, ArticleRevision

    article = Article.objects.filter(pk=delivery.article_id).first()
    if article is None or article.status != Article.Status.IN_REVIEW:
        return None  # published, sent back or deleted before the mail went out
    submitted = (
        ArticleRevision.objects.filter(article=article, kind=ArticleRevision.Kind.SUBMITTED)
        .select_related("created_by")
        .first()
    )
    by = submitted.created_by if submitted is not None else None
    return mail.compose(
        delivery,
        subject=_("For review: “%(title)s”") % {"title": article.title},
        template="review",
        context={
            "article": article,
            "submitted_by": (by.get_full_name() or by.get_username()) if by else "",
            "article_url": mail.absolute(
                reverse("admin:publishing_article_change", args=[article.pk])
            ),
            "queue_url": mail.absolute(review_queue_url()),
        },
    )
