"""The outbox: every e-mail is a Delivery row first and an SMTP conversation second.

How an e-mail is sent once and never lost:

1. Deciding to send writes the Delivery row *and* its django.tasks row in one
   transaction (the task backend stores tasks in the same database), so either both
   exist or neither does. The row's unique `key` makes deciding twice harmless.
2. A worker claims the row with one conditional UPDATE (queued/retrying and due →
   sending, attempts + 1, a fresh claim token). Only one claim can win, so duplicate
   tasks for the same row are no-ops.
3. While it sends, a heartbeat thread renews the claim every quarter of the lease
   (BROADSHEET_MAIL_LEASE_SECONDS, 60 s), so a slow SMTP conversation keeps its mail
   however long it takes, and a short lease is safe.
4. The worker records `sent` under its claim token. A delivery that can never succeed
   (an invalid address, a header that cannot be encoded, a permanent 5xx rejection)
   is `failed` at once, with the reason in `last_error`. Other errors (connection
   refused, 4xx) record `retrying` with the next attempt time and enqueue the retry in
   the same transaction; after the last attempt the row is `failed` (admin: "send
   again").
5. A worker that dies mid-task leaves its task row "running" and its delivery
   "sending", and its heartbeat stops. One lease later `recover_stalled_work` (run by
   `broadsheet worker` every BROADSHEET_WORKER_TIDY_SECONDS) puts the send task back
   to "ready", and the claim accepts the delivery whose lease ran out: a killed
   worker's mail goes out about a minute later, not ten.
6. A delivery still owed after the lease whose task ended without it (a write refused
   by a locked database, pruned task rows) gets a new task from the same sweep.

What remains is at-least-once, never at-most-once: if a worker dies between the SMTP
server's final "250 OK" and the UPDATE that records `sent` (milliseconds), the mail is
sent a second time after the lease. The copy carries the same Message-ID (the row's,
fixed when the mail was decided), so receivers and mail clients that drop duplicates
by Message-ID show one mail. Nothing is ever sent twice for any other reason: a
worker that lost its claim records nothing.
"""

import datetime
import email.errors
import logging
import smtplib
import threading
import uuid

from django.core.mail import mailers
from django.db import connection, transaction
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


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=conf.get("BROADSHEET_MAIL_LEASE_SECONDS"))


def claim(delivery_id: int, *, now: datetime.datetime) -> str | None:
    """Take this delivery for one attempt; the claim token, or None if not ours to send."""
    token = uuid.uuid4().hex
    due = Q(status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRYING], next_attempt_at__lte=now)
    abandoned = Q(status=Delivery.Status.SENDING, claimed_at__lt=now - _lease())
    won = (
        Delivery.objects.filter(pk=delivery_id)
        .filter(due | abandoned)
        .update(
            status=Delivery.Status.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
        )
    )
    return token if won else None


def renew(delivery_id: int, token: str) -> bool:
    """Extend our claim by a lease from now; False if it is no longer ours."""
    return bool(
        Delivery.objects.filter(pk=delivery_id, claim=token, status=Delivery.Status.SENDING).update(
            claimed_at=timezone.now()
        )
    )


class Heartbeat:
    """Renews a claim from a thread while the SMTP conversation runs.

    Every quarter of the lease, so three beats in a row may be lost (a database locked
    for a moment) before another worker may take the mail over. The thread has its own
    database connection and closes it when it stops.
    """

    def __init__(self, delivery_id: int, token: str):
        self.delivery_id = delivery_id
        self.token = token
        self.every = _lease().total_seconds() / 4
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="mail-heartbeat", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    if not renew(self.delivery_id, self.token):
                        logger.warning("Delivery %s: lost its claim mid-send", self.delivery_id)
                        return
                except Exception:  # a missed beat is survivable: three more follow
                    logger.exception("Delivery %s: could not renew the claim", self.delivery_id)
        finally:
            connection.close()


class Undeliverable(Exception):
    """This e-mail can never be sent as it is: fail it now, with the reason."""


def deliver(delivery_id: int) -> str:
    """Send one queued e-mail, at most once per claim; record the outcome.

    Never raises for SMTP trouble: a failed attempt is recorded and retried later,
    unless it can never succeed.
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
        with Heartbeat(delivery.pk, token), mailers.default as mail:
            if mail.send_messages([message]) != 1:
                raise smtplib.SMTPException("the mail backend did not accept the message")
    except Exception as exc:  # every failure is recorded, and retried while it may help
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


def _smtp_code(exc: Exception) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        # One recipient per e-mail; were there more, a single 4xx keeps hope alive.
        return min(codes) if codes else None
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code
    return None


def permanent_reason(exc: Exception) -> str:
    """Why this failure can never turn into a delivery, or "" if retrying may help.

    Permanent: what we built cannot be sent (Undeliverable; Django reports invalid
    addresses and headers as ValueError), the server cannot take it (no SMTPUTF8), or
    the server said no for good (5xx, RFC 5321 §4.2.1). Authentication errors are
    5xx too, but they are the operator's to fix, and every mail would fail: those,
    connection trouble and 4xx replies are retried with backoff.
    """
    if isinstance(exc, Undeliverable):
        return str(exc)
    if isinstance(exc, ValueError | UnicodeError | email.errors.MessageError):
        return f"cannot be encoded: {exc}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return f"the server does not support it: {exc}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return ""
    code = _smtp_code(exc)
    if code is not None and 500 <= code < 600:
        return f"refused by the mail server ({code})"
    return ""


def is_permanent(exc: Exception) -> bool:
    return bool(permanent_reason(exc))


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = [
            f"{address}: {code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for address, (code, message) in exc.recipients.items()
        ]
        return f"SMTPRecipientsRefused: {'; '.join(replies)}"
    return f"{type(exc).__name__}: {exc}"


def _record_failure(delivery: Delivery, token: str, exc: Exception) -> str:
    from .tasks import send_email

    delays = list(conf.get("BROADSHEET_MAIL_RETRY_DELAYS"))
    attempts = Delivery.objects.filter(pk=delivery.pk).values_list("attempts", flat=True).get()
    reason = permanent_reason(exc)
    error = _describe(exc)
    if reason:
        error = f"Undeliverable, {reason} — {error}"
    error = error[:2000]
    if reason or attempts > len(delays):
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
    module docstring), so they simply run again. A send task counts as dead once its
    delivery's heartbeat has stopped for a lease (BROADSHEET_MAIL_LEASE_SECONDS), not
    by its age: a slow SMTP conversation keeps its task. The other tasks only decide
    what to send and carry no heartbeat, so they get the longer
    BROADSHEET_TASK_LEASE_SECONDS.
    """
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import send_email

    now = now or timezone.now()
    lease = _lease()
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path__startswith=TASK_PREFIX
    )
    task_lease = datetime.timedelta(seconds=conf.get("BROADSHEET_TASK_LEASE_SECONDS"))
    recovered = (
        running.exclude(task_path=send_email.module_path)
        .filter(started_at__lt=now - task_lease)
        .update(status=TaskResultStatus.READY, started_at=None)
    )
    sends = running.filter(task_path=send_email.module_path, started_at__lt=now - lease)
    delivery_of = {
        pk: args["args"][0]
        for pk, args in sends.values_list("pk", "args_kwargs").iterator()
        if args.get("args")
    }
    if delivery_of:
        beating = set(
            Delivery.objects.filter(
                pk__in=set(delivery_of.values()),
                status=Delivery.Status.SENDING,
                claimed_at__gte=now - lease,
            ).values_list("pk", flat=True)
        )
        dead = [pk for pk, delivery_id in delivery_of.items() if delivery_id not in beating]
        recovered += sends.filter(pk__in=dead).update(
            status=TaskResultStatus.READY, started_at=None
        )
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

    lease = _lease()
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
