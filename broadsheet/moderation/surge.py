"""Surge controls per article: slow mode, and automatic pre-moderation when comments pour in.

Slow mode (Thread.slow_mode_minutes, set by moderators): at most one comment per reader
in that many minutes on the article.

A surge: more than BROADSHEET_SURGE_PER_MINUTE comments on an article in the last minute,
more than BROADSHEET_SURGE_REPORTS_PER_MINUTE reports on its comments in the last minute,
or more than BROADSHEET_SURGE_FACTOR times its usual rate (its average per minute over
the last 24 hours, at least USUAL_FLOOR). Then the article's new comments from people
who are not trusted are held (held_because "surge") until a moderator lifts it
(services.lift_surge); readers see a short notice, moderators get one alert mail.

Cheap at posting time: the thread row (read anyway), and while there is no surge one
aggregate over the (article, created_at) index, the last 24 hours of the article.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

# The usual rate is at least this many comments a minute: a quiet article whose
# average is one comment an hour is not in a surge at its fifth comment in a minute.
USUAL_FLOOR = 1.0
DAY = datetime.timedelta(hours=24)
MINUTE = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class ThreadState:
    """What posting needs of the thread's controls (one query)."""

    slow_mode_minutes: int | None = None
    surge_since: datetime.datetime | None = None
    surge_lifted_at: datetime.datetime | None = None

    @property
    def in_surge(self) -> bool:
        return self.surge_since is not None


def thread_state(article_id: int) -> ThreadState:
    from broadsheet.discussion.models import Thread

    row = (
        Thread.objects.filter(pk=article_id)
        .values("slow_mode_minutes", "surge_since", "surge_lifted_at")
        .first()
    )
    return ThreadState(**row) if row else ThreadState()


def wait_for_slow_mode(
    article_id: int, *, minutes: int, voter_key: str, email: str = "", user_id=None, now=None
) -> datetime.timedelta | None:
    """How long this reader must still wait to comment on the article; None: not at all.

    The reader is their browser (voter identity), their account or the address they
    type: each of them finds their last comment here.
    """
    from broadsheet.discussion.models import Comment

    now = now or timezone.now()
    window = datetime.timedelta(minutes=minutes)
    same = Q(author_key=voter_key)
    if user_id:
        same |= Q(user_id=user_id)
    if email:
        same |= Q(author_email=email)
    last = (
        Comment.objects.filter(same, article_id=article_id, created_at__gt=now - window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return None if last is None else last + window - now


def threshold(usual_per_minute: float) -> float:
    """More comments than this in a minute are a surge."""
    absolute = settings.BROADSHEET_SURGE_PER_MINUTE
    relative = settings.BROADSHEET_SURGE_FACTOR * max(usual_per_minute, USUAL_FLOOR)
    return min(absolute, relative)


def is_surging(article_id: int, *, since: datetime.datetime | None = None, now=None) -> bool:
    """Is the article's comment rate over the threshold right now? (one aggregate query)

    since: count nothing before it (the moment a moderator last lifted a surge).
    The comment being posted is not saved yet: it counts as one more.
    """
    from broadsheet.discussion.models import Comment

    if settings.BROADSHEET_SURGE_PER_MINUTE <= 0:
        return False
    now = now or timezone.now()
    day_start = now - DAY
    minute_start = now - MINUTE
    if since is not None:
        day_start, minute_start = max(day_start, since), max(minute_start, since)
    counts = Comment.objects.filter(article_id=article_id, created_at__gte=day_start).aggregate(
        day=Count("pk"), minute=Count("pk", filter=Q(created_at__gte=minute_start))
    )
    last_minute = counts["minute"] + 1
    # The usual rate leaves out the last minute, which is what it is compared with.
    earlier = counts["day"] - counts["minute"]
    usual = earlier / (DAY - MINUTE).total_seconds() * 60
    return last_minute > math.floor(threshold(usual))


def reports_surging(article_id: int, *, since: datetime.datetime | None = None, now=None) -> bool:
    """More than BROADSHEET_SURGE_REPORTS_PER_MINUTE reports on the article's comments
    in the last minute (one count over the report queue's index)? A brigade that reports
    comments en masse is a surge as much as one that posts them."""
    from .models import Report

    limit = settings.BROADSHEET_SURGE_REPORTS_PER_MINUTE
    if limit <= 0:
        return False
    now = now or timezone.now()
    start = now - MINUTE if since is None else max(now - MINUTE, since)
    return Report.objects.filter(article_id=article_id, created_at__gte=start).count() > limit


def start_surge(article_id: int, *, now=None, cause: str = "comment rate") -> bool:
    """Put the article under pre-moderation; True only for the call that did it.

    One conditional UPDATE, so of concurrent posts exactly one starts it (and sends the
    moderators' alert, in the caller's transaction). The thread's version moves: readers
    see the notice on their next request.
    """
    from broadsheet.core.versions import next_version
    from broadsheet.discussion.models import Thread

    from . import notices
    from .models import AuditEntry
    from .services import record

    now = now or timezone.now()
    started = Thread.objects.filter(pk=article_id, surge_since__isnull=True).update(
        surge_since=now, version=next_version("version")
    )
    if started:
        from broadsheet.core.purge import purge_later

        purge_later(f"thread-{article_id}")
        record(
            AuditEntry.Action.SURGE,
            actor=None,
            automated=True,
            article_id=article_id,
            detail=cause,
            after={"surge_since": now.isoformat()},
        )
        notices.surge_alert(article_id, since=now)
    return bool(started)
