"""Background tasks of moderation (django.tasks, database backend), run by the worker."""

from django.tasks import task


@task
def learn_from_decision(comment_id: int, label: str) -> bool:
    """The model learns one moderator decision (classifier/learning.py says which label).

    Reads the comment's text now (it is not stored in the task); a comment deleted in the
    meantime teaches nothing. Whether the model learned.
    """
    from broadsheet.discussion.models import Comment
    from broadsheet.moderation.classifier import training

    body = Comment.objects.filter(pk=comment_id).values_list("body", flat=True).first()
    if not body:
        return False
    return training.learn(body, label)
