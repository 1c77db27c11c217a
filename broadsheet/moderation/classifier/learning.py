"""From a moderator's decision to a label the model learns (in the worker, never in a request).

What each decision teaches:
- approve: ham for both heads;
- spam (mark_spam, or reject with reason "spam"): spam for the spam head, not abuse;
- reject as insult, harassment or hate: abuse for the abuse head, not spam;
- reject as misinformation, off topic or personal data: a person wrote it, so the spam
  head learns "not spam"; the abuse head learns nothing (removed, but not for abuse);
- reject as illegal or other: nothing (too varied to teach either head).
Automated decisions (no moderator) teach nothing: the model would learn from itself.
"""

import logging

from django.db import transaction

from broadsheet.moderation.models import Reason

logger = logging.getLogger(__name__)

APPROVE = "approve"
LABELS = {
    APPROVE: "ham",
    Reason.SPAM: "spam",
    Reason.INSULT: "abuse",
    Reason.HARASSMENT: "abuse",
    Reason.HATE: "abuse",
    Reason.MISINFORMATION: "not-spam",
    Reason.OFF_TOPIC: "not-spam",
    Reason.PERSONAL_DATA: "not-spam",
}


def label_for(decision: str) -> str | None:
    """The label a decision ("approve" or a Reason code) teaches, or None."""
    return LABELS.get(decision)


def queue_decisions(comments, decision: str, *, actor, automated: bool = False) -> int:
    """Queue one learning task per comment, in the caller's transaction; how many.

    The task row commits or rolls back with the decision. A failure to queue is logged
    and never takes the decision with it (a savepoint, as notifications/receivers.py).
    """
    label = label_for(decision)
    if actor is None or automated or label is None:
        return 0
    from broadsheet.moderation import tasks

    queued = 0
    for comment in comments:
        try:
            with transaction.atomic():
                tasks.learn_from_decision.enqueue(comment.pk, label)
            queued += 1
        except Exception:
            logger.exception("Could not queue the model's lesson from comment %s", comment.pk)
    return queued
