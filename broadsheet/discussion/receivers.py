"""Receivers that keep the discussion true whatever path writes.

refresh_passages: questions and passages follow the article body. A receiver rather
than an explicit call because every path that changes a body (the admin, the
importer, a shell) must re-anchor, and forgetting it would attach comments to the
wrong text. The admin reads the report to tell the editor.

recount_after_delete: a safety net for deletions that do not go through
services.delete_comments (a shell's comment.delete(), a queryset deleted by a
command, a cascade from another model). Counters must never stay wrong, and a
deletion leaves nothing behind to repair them later, so this recounts in the same
transaction; the admin and the services call delete_comments, which recounts
itself and marks its queryset so the work is not done twice. Django deletes all
collected comments before it sends the first post_delete, so one recount per
thread and deletion is exact; a cascade from an article is skipped, as the
thread goes with it.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from broadsheet.publishing.models import Article

from . import passages, services
from .models import Comment


@receiver(post_save, sender=Article, dispatch_uid="discussion-refresh-passages")
def refresh_passages(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and "body" not in update_fields):
        return
    if created and not getattr(instance, "marked_questions", None):
        return  # a new article has no passages yet, and no questions to record
    instance.passage_report = passages.refresh(
        instance, getattr(instance, "marked_questions", None)
    )


@receiver(post_delete, sender=Comment, dispatch_uid="discussion-recount-after-delete")
def recount_after_delete(sender, instance, origin=None, **kwargs):
    # Only deletions of comments themselves: a cascade from an article (instance or
    # queryset) takes the thread with it.
    started_by = getattr(origin, "model", type(origin))
    if started_by is not Comment or getattr(origin, "recounts_threads", False):
        return
    # One recount per thread and deletion: remembered on the object that started it.
    done = getattr(origin, "_recounted_threads", None) if origin is not None else None
    if done is None:
        done = set()
        if origin is not None:
            origin._recounted_threads = done
    if instance.article_id in done:
        return
    done.add(instance.article_id)
    services.recount_thread(instance.article_id)
