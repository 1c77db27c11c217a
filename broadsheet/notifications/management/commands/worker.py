"""`broadsheet worker`: run the background tasks (django.tasks, database backend).

Runs django-tasks-db's worker loop, plus the housekeeping it lacks: every 15 s
(BROADSHEET_WORKER_TIDY_SECONDS) a thread hands the tasks of dead workers back to the
queue, so a killed worker's e-mail goes out again a lease (60 s) and at most 15 s
later; once an hour it deletes what has outlived its retention (see
notifications/outbox.py).
SIGINT / SIGTERM finish the task at hand, then stop; a second signal stops at once.

Started by `broadsheet serve` (with --parent), it also stops when serve dies without
stopping it (SIGKILL, a crash, the OOM killer): it watches its parent process id, and
once it changes (the orphan was handed to init or a subreaper) it stops as if serve
had sent SIGTERM. Polling os.getppid() works on every POSIX system and needs no pipe
that granian's forked web workers could inherit and hold open.

It refuses to start with a sender address that no real mail server accepts, unless
mail goes to files (see mail_settings.sender_problem).
"""

import logging
import os
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker, valid_interval, valid_max_tasks

from broadsheet.notifications import conf, outbox
from broadsheet.notifications.mail_settings import configured_sender_problem
from broadsheet.privacy.retention import sweep as privacy_sweep

logger = logging.getLogger("broadsheet.worker")
PARENT_POLL_SECONDS = 0.5
PURGE_SECONDS = 3600


def tidy_forever(stop: threading.Event, every: float) -> None:
    """Recover dead workers' tasks every `every` seconds; purge old records hourly."""
    purged = time.monotonic()
    while not stop.wait(every):
        try:
            close_old_connections()
            outbox.recover_stalled_work()
            if time.monotonic() - purged >= PURGE_SECONDS:
                purged = time.monotonic()
                outbox.purge_old_records()
                privacy_sweep()  # retention, and erasures whose deferred task was lost
        except Exception:
            logger.exception("Worker housekeeping failed; trying again in %s s", every)
        finally:
            connection.close()


def exit_with_parent(parent_pid: int, stop: threading.Event) -> None:
    """SIGTERM ourselves once parent_pid is no longer our parent: a graceful stop."""
    while os.getppid() == parent_pid:
        if stop.wait(PARENT_POLL_SECONDS):
            return
    logger.warning("The process that started this worker (PID %s) is gone; stopping", parent_pid)
    os.kill(os.getpid(), signal.SIGTERM)


class Command(BaseCommand):
    help = "Run the background worker that sends e-mail (one or more may run)."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="default", help="Queues, comma-separated.")
        parser.add_argument(
            "--interval", type=valid_interval, default=1.0, help="Seconds between polls when idle."
        )
        parser.add_argument("--batch", action="store_true", help="Run what is due now, then exit.")
        parser.add_argument("--max-tasks", type=valid_max_tasks, default=None)
        parser.add_argument("--worker-id", default="", help="Unique per worker (default: random).")
        parser.add_argument(
            "--parent",
            type=int,
            default=None,
            metavar="PID",
            help="Stop when process PID, which started this worker, is gone.",
        )

    def handle(
        self, *args, queue_name, interval, batch, max_tasks, worker_id, parent, verbosity, **options
    ):
        from django_tasks_db.compat import TASKS_LOGGER

        if problem := configured_sender_problem():
            raise CommandError(problem)
        stop = threading.Event()
        if parent is not None:  # first, so even a worker still starting up notices
            threading.Thread(
                target=exit_with_parent, args=(parent, stop), name="parent-watch", daemon=True
            ).start()

        level = (
            logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
        )
        for name in (TASKS_LOGGER, "django_tasks_db", "broadsheet"):
            logging.getLogger(name).setLevel(level)
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        outbox.tidy()
        if not batch:
            every = conf.get("BROADSHEET_WORKER_TIDY_SECONDS")
            threading.Thread(
                target=tidy_forever, args=(stop, every), name="tidy", daemon=True
            ).start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
