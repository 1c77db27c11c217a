"""Background tasks (django.tasks, database backend): each is idempotent.

The discussion's signals enqueue the deciding tasks (which e-mails to send); those
write Delivery rows and enqueue one `send_email` per row, in the same transaction.
Running any of them twice changes nothing: see outbox.py.
"""

from django.tasks import task

from . import outbox, services


@task
def send_email(delivery_id: int) -> str:
    """Send one e-mail of the outbox; returns what happened (sent, retrying …)."""
    return outbox.deliver(delivery_id)


def _comment(comment_id: int):
    from broadsheet.discussion.models import Comment

    return Comment.objects.select_related("article", "user").filter(pk=comment_id).first()


@task
def notify_comment_visible(comment_id: int) -> int:
    """A comment went live: its subscribers, and its author if they waited for approval."""
    comment = _comment(comment_id)
    if comment is None:
        return 0
    return services.notify_subscribers(comment) + services.notify_author_of_approval(comment)


@task
def subscribe_comment_author(comment_id: int, notify: str, language: str, held: bool) -> bool:
    """The author ticked "notify me" on the comment form."""
    comment = _comment(comment_id)
    if comment is None:
        return False
    try:
        result = services.subscribe_comment_author(
            comment, notify=notify, language=language, held=held
        )
    except services.SubscriptionError:
        # Rate-limited or an unusable address: the comment stands, the wish lapses.
        return False
    return result is not None


@task
def notify_moderators() -> int:
    """A comment waits for moderation: make sure a digest is on its way."""
    services.release_digest_flag()  # comments held from now on queue the next digest
    return services.notify_moderators()
