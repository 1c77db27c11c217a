"""Signals other apps listen to; each is sent inside the transaction that made the change.

Listeners may only write to the database (queue a task, say), inside a savepoint of
their own, and never talk to the network: that way a comment and the work it causes
are committed together, and a listener's failure cannot undo the comment.

comment_posted(comment, notify, language): a reader posted a comment; notify is the
    choice from the comment form ("", "replies" or "all").
comment_visible(comment): a comment became visible to everyone (approved now,
    whether at posting or later by a moderator).
comment_held(comment): a new comment waits for moderation.
"""

from django.dispatch import Signal

comment_posted = Signal()
comment_visible = Signal()
comment_held = Signal()
