"""Data retention: what identifies readers is dropped after BROADSHEET_RETENTION_DAYS.

Run by the worker (hourly, with its other housekeeping) and by `broadsheet
privacy_sweep`. In batches of BATCH rows, each in its own short transaction, so a
first sweep over years of comments never holds SQLite's write lock for long:

- keyed IP hashes: of comments (Comment.ip_hash), of reports (reporter_ip_hash) and
  of error reports (errata.ErrorReport.ip_hash);
- voter identities: the keyed voter hash a comment carries (author_key), and those of
  votes, ratings and reports. A vote or rating stays counted but is no longer linked
  to anyone: its key becomes a random one (the counters do not move);
- voter identities remembered by subscribers as "has read this mailbox";
- failed log-ins and rate-limit windows that are over;
- data links that have expired, and erasures whose grace period ended (in case their
  deferred task was lost).

Votes and ratings are dated by when they were last changed. Moderation records
(sanctions, notes, the audit log) keep their keys: they are the moderators' memory.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

BATCH = 500
ANONYMOUS_PREFIX = "expired:"


def _anonymous_key() -> str:
    return f"{ANONYMOUS_PREFIX}{secrets.token_hex(16)}"


def _in_batches(queryset, write) -> int:
    """Apply write(ids) to the queryset's rows, BATCH at a time; how many rows."""
    done = 0
    while True:
        with transaction.atomic():
            ids = list(queryset.values_list("pk", flat=True)[:BATCH])
            if not ids:
                return done
            write(ids)
        done += len(ids)


def _rekey(model, date_field: str, key_field: str, cutoff) -> int:
    stale = model.objects.filter(**{f"{date_field}__lt": cutoff}).exclude(
        **{f"{key_field}__startswith": ANONYMOUS_PREFIX}
    )

    def write(ids):
        for pk in ids:  # one random key each: the unique constraints still hold
            model.objects.filter(pk=pk).update(**{key_field: _anonymous_key()})

    return _in_batches(stale, write)


def sweep(*, now: datetime.datetime | None = None) -> dict:
    """Drop what outlived its retention; counts per kind. Safe to run at any time."""
    from broadsheet.accounts.models import LoginFailures
    from broadsheet.core.models import RateCounter
    from broadsheet.discussion.models import Comment, Rating, Vote
    from broadsheet.errata.models import ErrorReport
    from broadsheet.moderation.models import Report
    from broadsheet.notifications.models import Subscriber

    from .erasure import carry_out
    from .models import DataLink, ErasureRequest

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.BROADSHEET_RETENTION_DAYS)
    counts = {}
    old_comments = Comment.objects.filter(created_at__lt=cutoff)
    counts["comment_ip_hashes"] = _in_batches(
        old_comments.exclude(ip_hash=""),
        lambda ids: Comment.objects.filter(pk__in=ids).update(ip_hash=""),
    )
    counts["comment_voter_keys"] = _in_batches(
        old_comments.exclude(author_key=""),
        lambda ids: Comment.objects.filter(pk__in=ids).update(author_key=""),
    )
    counts["votes"] = _rekey(Vote, "created_at", "voter_key", cutoff)
    counts["ratings"] = _rekey(Rating, "updated_at", "voter_key", cutoff)
    counts["report_ip_hashes"] = _in_batches(
        Report.objects.filter(created_at__lt=cutoff).exclude(reporter_ip_hash=""),
        lambda ids: Report.objects.filter(pk__in=ids).update(reporter_ip_hash=""),
    )
    counts["report_voter_keys"] = _rekey(Report, "created_at", "reporter_key", cutoff)
    counts["error_report_ip_hashes"] = _in_batches(
        ErrorReport.objects.filter(created_at__lt=cutoff).exclude(ip_hash=""),
        lambda ids: ErrorReport.objects.filter(pk__in=ids).update(ip_hash=""),
    )
    counts["subscriber_keys"] = _in_batches(
        Subscriber.objects.filter(created_at__lt=cutoff).exclude(trusted_keys=[]),
        lambda ids: Subscriber.objects.filter(pk__in=ids).update(trusted_keys=[]),
    )
    counts["login_failures"] = LoginFailures.objects.filter(
        Q(blocked_until__isnull=True) | Q(blocked_until__lt=now), last_failure_at__lt=cutoff
    ).delete()[0]
    counts["rate_counters"] = RateCounter.objects.filter(expires__lt=int(now.timestamp())).delete()[
        0
    ]
    counts["data_links"] = DataLink.objects.filter(expires_at__lt=now).delete()[0]
    due = ErasureRequest.objects.filter(due_at__lte=now).values_list("pk", flat=True)
    counts["erasures"] = sum(1 for pk in list(due) if carry_out(pk, now=now) is not None)
    return counts
