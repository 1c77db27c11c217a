"""Listeners for the discussion's signals, which arrive inside the comment's transaction.

Each one only enqueues a task (one row, in the same database and transaction), so a
comment and its notifications are committed together and a POST never waits for
e-mail. A failure is rolled back to a savepoint and logged, never taking the comment
with it.
"""

import logging

from django.db import transaction

from broadsheet.discussion import signals
from broadsheet.discussion.models import Comment

from . import services, tasks

logger = logging.getLogger(__name__)


def _enqueue(task, *args) -> None:
    try:
        with transaction.atomic():
            task.enqueue(*args)
    except Exception:
        logger.exception("Could not enqueue %s%r", task.name, args)


def on_comment_posted(sender, *, comment, notify="", language="", **kwargs):
    # A spam comment's "notify me" would make us write to an address a spammer typed.
    if notify and comment.status != Comment.Status.SPAM:
        held = comment.status == Comment.Status.PENDING
        _enqueue(tasks.subscribe_comment_author, comment.pk, notify, language, held)


def on_comment_visible(sender, *, comment, **kwargs):
    _enqueue(tasks.notify_comment_visible, comment.pk)


def on_comment_held(sender, *, comment, **kwargs):
    # The digest lists the whole queue when it runs: one queued digest task is enough,
    # however many comments are held meanwhile (a flood must not flood the task table).
    # The flag is a database row (DigestFlag): set here in the comment's transaction,
    # cleared by the task in the worker process. Claimed and enqueued in one savepoint,
    # so a task that could not be queued leaves the flag free for the next comment.
    try:
        with transaction.atomic():
            if services.claim_digest_flag():
                tasks.notify_moderators.enqueue()
    except Exception:
        logger.exception("Could not enqueue the moderation digest")


def connect() -> None:
    signals.comment_posted.connect(on_comment_posted, dispatch_uid="notifications-posted")
    signals.comment_visible.connect(on_comment_visible, dispatch_uid="notifications-visible")
    signals.comment_held.connect(on_comment_held, dispatch_uid="notifications-held")
