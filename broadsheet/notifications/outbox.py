"""The outbox: every e-mail is a Delivery row first and an SMTP conversation second.

How an e-mail is sent once and never lost:

1. Deciding to send writes the Delivery row *and* its django.tasks row in one
   transaction (the task backend stores tasks in the same database), so either both
   exist or neither does. The row's unique `key` makes deciding twice harmless.
2. A worker claims the row with one conditional UPDATE (queued/retrying and due →
   sending, attempts + 1, a fresh claim token). Only one claim can win, so duplicate
   tasks for the same row are no-ops.
3. The worker sends, then records `sent` under its claim token. SMTP errors record
   `retrying` with the next attempt time and enqueue the retry in the same
   transaction; after the last attempt the row is `failed` (admin: "send again").
4. A worker that dies mid-task leaves its task row "running" and its delivery
   "sending". After the lease, `recover_stalled_work` (run by `broadsheet worker`)
   puts our task rows back to "ready", and the claim accepts a delivery whose lease
   ran out. Nothing is sent twice unless the crash fell between the SMTP server's
   final "250 OK" and our commit (milliseconds); such a resend carries the same
   Message-ID, by which mail clients drop duplicates.
5. A delivery still owed after the lease whose task ended without it (a write refused
   by a locked database, pruned task rows) gets a new task from the same sweep.
"""

import datetime
import logging
import smtplib
import uuid

from django.core.mail import mailers
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from . import conf
from .models import Delivery, Subscriber, Subscription

logger = logging.getLogger(__name__)

TASK_PREFIX = "broadsheet.notifications.tasks."
CHUNK = 500


class Outcome:
    SENT = "sent"
    RETRYING = "retrying"
    FAILED = "failed"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"  # not due, already done, or claimed by another worker


def queue_deliveries(deliveries: list[Delivery]) -> int:
    """Insert deliveries that do not exist yet (by key) and enqueue a send task for each.

    Must run inside the caller's transaction: rows and tasks commit together.
    Returns how many deliveries are queued for these keys.
    """
    from .tasks import send_email

    assert transaction.get_connection().in_atomic_block, "queue_deliveries needs a transaction"
    queued = 0
    for start in range(0, len(deliveries), CHUNK):
        chunk = deliveries[start : start + CHUNK]
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
        ids = Delivery.objects.filter(
            key__in=[d.key for d in chunk], status=Delivery.Status.QUEUED, attempts=0
        ).values_list("pk", "next_attempt_at")
        for pk, due in ids:
            _enqueue_send(send_email, pk, due)
            queued += 1
    return queued


def _enqueue_send(send_email, delivery_id: int, due: datetime.datetime | None) -> None:
    task = send_email
    if due is not None and due > timezone.now():
        task = send_email.using(run_after=due)
    task.enqueue(delivery_id)


def claim(delivery_id: int, *, now: datetime.datetime) -> str | None:
    """Take this delivery for one attempt; the claim token, or None if not ours to send."""
    lease = datetime.timedelta(seconds=conf.get("BROADSHEET_MAIL_LEASE_SECONDS"))
    token = uuid.uuid4().hex
    due = Q(status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRYING], next_attempt_at__lte=now)
    abandoned = Q(status=Delivery.Status.SENDING, claimed_at__lt=now - lease)
    won = (
        Delivery.objects.filter(pk=delivery_id)
        .filter(due | abandoned)
        .update(
            status=Delivery.Status.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
        )
    )
    return token if won else None


def deliver(delivery_id: int) -> str:
    """Send one queued e-mail, at most once per claim; record the outcome.

    Never raises for SMTP trouble: a failed attempt is recorded and retried later.
    """
    from .email import build_message

    now = timezone.now()
    token = claim(delivery_id, now=now)
    if token is None:
        return Outcome.SKIPPED
    delivery = Delivery.objects.get(pk=delivery_id)
    try:
        message = build_message(delivery)
        if message is None:
            _finish(delivery, token, status=Delivery.Status.CANCELLED)
            return Outcome.CANCELLED
        with mailers.default as connection:
            if connection.send_messages([message]) != 1:
                raise smtplib.SMTPException("the mail backend did not accept the message")
    except Exception as exc:  # every failure is recorded, and retried while attempts remain
        return _record_failure(delivery, token, exc)
    if not _finish(delivery, token, status=Delivery.Status.SENT, sent_at=timezone.now()):
        logger.warning("Delivery %s was sent after its claim had expired", delivery_id)
    return Outcome.SENT


def _finish(delivery: Delivery, token: str, **changes) -> bool:
    return bool(
        Delivery.objects.filter(pk=delivery.pk, claim=token, status=Delivery.Status.SENDING).update(
            claim="", **changes
        )
    )


def is_permanent(exc: Exception) -> bool:
    """The server refused every recipient for good (5xx): retrying cannot help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in exc.recipients.values())
    return False


def _record_failure(delivery: Delivery, token: str, exc: Exception) -> str:
    from .tasks import send_email

    delays = list(conf.get("BROADSHEET_MAIL_RETRY_DELAYS"))
    attempts = Delivery.objects.filter(pk=delivery.pk).values_list("attempts", flat=True).get()
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if attempts > len(delays) or is_permanent(exc):
        logger.error("Giving up on delivery %s after %s attempts: %s", delivery.pk, attempts, error)
        _finish(delivery, token, status=Delivery.Status.FAILED, last_error=error)
        return Outcome.FAILED
    due = timezone.now() + datetime.timedelta(seconds=delays[attempts - 1])
    logger.warning(
        "Delivery %s attempt %s failed, retrying at %s: %s", delivery.pk, attempts, due, error
    )
    with transaction.atomic():
        if _finish(
            delivery, token, status=Delivery.Status.RETRYING, next_attempt_at=due, last_error=error
        ):
            _enqueue_send(send_email, delivery.pk, due)
    return Outcome.RETRYING


def send_again(deliveries) -> int:
    """Queue failed or cancelled deliveries for a fresh round of attempts (admin action)."""
    from .tasks import send_email

    count = 0
    with transaction.atomic():
        for delivery in deliveries.filter(
            status__in=[Delivery.Status.FAILED, Delivery.Status.CANCELLED]
        ):
            now = timezone.now()
            updated = Delivery.objects.filter(pk=delivery.pk, status=delivery.status).update(
                status=Delivery.Status.QUEUED, attempts=0, next_attempt_at=now, last_error=""
            )
            if updated:
                _enqueue_send(send_email, delivery.pk, now)
                count += 1
    return count


def recover_stalled_work(*, now: datetime.datetime | None = None) -> int:
    """Hand the tasks of workers that died mid-task to the living; returns how many.

    django-tasks-db leaves such a task "running" for ever. Ours are idempotent (see the
    module docstring), so after the lease they simply run again.
    """
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    lease = datetime.timedelta(seconds=conf.get("BROADSHEET_MAIL_LEASE_SECONDS"))
    recovered = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        task_path__startswith=TASK_PREFIX,
        started_at__lt=now - lease,
    ).update(status=TaskResultStatus.READY, started_at=None)
    if recovered:
        logger.warning(
            "Re-queued %s notification tasks of a worker that stopped mid-task", recovered
        )
    return recovered + requeue_orphaned_deliveries(now=now)


def requeue_orphaned_deliveries(*, now: datetime.datetime) -> int:
    """Give a send task to overdue deliveries that have none.

    A task can end without recording its delivery's outcome: the database refused a
    write ("database is locked" beyond the busy timeout), or someone pruned task rows.
    The delivery row still says what is owed, so a new task is all it takes.
    """
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import send_email

    lease = datetime.timedelta(seconds=conf.get("BROADSHEET_MAIL_LEASE_SECONDS"))
    waiting = [Delivery.Status.QUEUED, Delivery.Status.RETRYING]
    overdue = list(
        Delivery.objects.filter(
            Q(status__in=waiting, next_attempt_at__lt=now - lease)
            | Q(status=Delivery.Status.SENDING, claimed_at__lt=now - lease)
        ).values_list("pk", flat=True)[:CHUNK]
    )
    if not overdue:
        return 0
    pending = DBTaskResult.objects.filter(
        task_path=send_email.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    has_task = {args["args"][0] for args in pending.iterator() if args.get("args")}
    orphans = [pk for pk in overdue if pk not in has_task]
    with transaction.atomic():
        for pk in orphans:
            send_email.enqueue(pk)
    if orphans:
        logger.warning("Re-queued %s deliveries whose task ended without them", len(orphans))
    return len(orphans)


def purge_old_records(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Forget what is no longer needed: data protection, and small tables.

    Unconfirmed subscriptions, addresses with nothing left to follow, and the record of
    finished deliveries and tasks are deleted after the retention period. Failed
    deliveries stay until someone looks at them.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=conf.get("BROADSHEET_NOTIFICATION_RETENTION_DAYS"))
    finished = [Delivery.Status.SENT, Delivery.Status.CANCELLED]
    unconfirmed = Subscription.objects.pending().filter(created_at__lt=cutoff)
    old_deliveries = Delivery.objects.filter(status__in=finished, created_at__lt=cutoff)
    deleted = {
        "subscriptions": unconfirmed.delete()[0],
        "deliveries": old_deliveries.delete()[0],
        "tasks": _purge_finished_tasks(cutoff),
    }
    idle = (
        Subscriber.objects.filter(created_at__lt=cutoff)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff))
        .annotate(n=Count("subscriptions"))
        .filter(n=0)
    )
    idle_ids = list(idle.values_list("pk", flat=True)[:CHUNK])
    deleted["subscribers"] = Subscriber.objects.filter(pk__in=idle_ids).delete()[0]
    return deleted


def _purge_finished_tasks(cutoff: datetime.datetime) -> int:
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    finished = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
    return DBTaskResult.objects.filter(
        task_path__startswith=TASK_PREFIX, status__in=finished, finished_at__lt=cutoff
    ).delete()[0]


def tidy(*, now: datetime.datetime | None = None) -> None:
    """The worker's periodic housekeeping."""
    recover_stalled_work(now=now)
    purge_old_records(now=now)
