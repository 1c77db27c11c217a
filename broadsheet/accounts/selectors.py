"""What an account's pages read: its comments, a page at a time, and its subscriptions."""

from dataclasses import dataclass

from broadsheet.discussion.models import Comment

PAGE_SIZE = 20


@dataclass
class CommentsPage:
    comments: list
    next_before: int | None  # the ?before= of the next page, None on the last


def comments_page(user, *, before: int | None = None, size: int = PAGE_SIZE) -> CommentsPage:
    """The account's comments of every status, newest first: one query, on user_id's index.

    Keyset paging by id (ids grow with time): page 500 costs what page 1 does.
    """
    rows = (
        Comment.objects.filter(user=user, kind=Comment.Kind.COMMENT)
        .select_related("article")
        .defer("body", "ip_hash", "article__body", "article__body_html", "article__body_text")
        .order_by("-pk")
    )
    if before is not None:
        rows = rows.filter(pk__lt=before)
    comments = list(rows[: size + 1])
    more = len(comments) > size
    comments = comments[:size]
    return CommentsPage(comments=comments, next_before=comments[-1].pk if more else None)


def subscriber_of(user):
    """The account's own subscriber row (its confirmed address), with its subscriptions.

    None before the address is confirmed: the manage link is the address's key, and an
    account with an unproven address must not get it.
    """
    from broadsheet.notifications.models import Subscriber

    if user.email_confirmed_at is None or not user.email:
        return None
    subscriber = Subscriber.objects.filter(email=user.email.strip().lower()).first()
    if subscriber is not None:
        subscriber.confirmed = list(
            subscriber.subscriptions.confirmed().select_related("article", "comment")
        )
    return subscriber
