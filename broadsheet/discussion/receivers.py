"""Receivers that keep the discussion true whatever path writes.

Questions and passages follow the article body through an explicit call
(services.sync_passages) from publishing.services, not a post_save receiver here: a
receiver in another app made every article save write discussion tables unseen, and
the admin, the importer and the demo all save articles through those services.

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

from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import services
from .models import Comment


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
