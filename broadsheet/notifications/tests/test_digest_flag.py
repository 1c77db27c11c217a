"""The "moderation digest queued" flag is a database row, not a process's cache entry.

The two-process check (web process sets it, the worker clears it) is in
discussion/tests/test_cache_truth_nodes.py; these pin down the row's behaviour.
"""

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from broadsheet.notifications import services
from broadsheet.notifications.models import DigestFlag
from broadsheet.notifications.tasks import notify_moderators

pytestmark = pytest.mark.django_db


def digest_tasks() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="notify_moderators").count()


def test_only_the_first_claim_of_a_free_flag_succeeds():
    assert services.claim_digest_flag() is True
    assert services.claim_digest_flag() is False
    assert DigestFlag.objects.get().queued_at is not None


def test_the_task_frees_the_flag_for_the_next_held_comment():
    services.claim_digest_flag()
    notify_moderators.call()
    assert DigestFlag.objects.get().queued_at is None
    assert services.claim_digest_flag() is True


def test_a_flag_whose_task_never_ran_is_claimed_again_after_a_while():
    now = timezone.now()
    assert services.claim_digest_flag(now=now)
    assert not services.claim_digest_flag(now=now + datetime.timedelta(minutes=29))
    assert services.claim_digest_flag(now=now + datetime.timedelta(minutes=31))


def test_held_comments_share_one_queued_digest_whatever_the_process_cache_holds(article, lea):
    from broadsheet.discussion.models import Comment

    lea.comment(article, "Erster wartender Kommentar.")
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert digest_tasks() == 1
    for alias in ("default", "fragments"):
        caches[alias].clear()  # another web process would start with empty caches
    lea.comment(article, "Zweiter wartender Kommentar.")
    assert digest_tasks() == 1, "the flag in the database says a digest is on its way"


def test_the_flag_row_survives_a_flushed_database():
    DigestFlag.objects.all().delete()
    assert services.claim_digest_flag() is True
    assert DigestFlag.objects.count() == 1
