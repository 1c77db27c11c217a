"""Keep questions and passages in step with the article body.

A receiver rather than an explicit call because every path that changes a body
(the admin, the importer, a shell) must re-anchor, and forgetting it would attach
comments to the wrong text. The admin reads the report to tell the editor.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from broadsheet.publishing.models import Article

from . import passages


@receiver(post_save, sender=Article, dispatch_uid="discussion-refresh-passages")
def refresh_passages(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    if created and not getattr(instance, "marked_questions", None):
        return  # a new article has no passages yet, and no questions to record
    instance.passage_report = passages.refresh(
        instance, getattr(instance, "marked_questions", None)
    )
