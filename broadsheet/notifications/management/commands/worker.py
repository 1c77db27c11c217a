"""`broadsheet worker`: run the background tasks (django.tasks, database backend).

Runs django-tasks-db's worker loop, plus the housekeeping it lacks: every minute
(BROADSHEET_WORKER_TIDY_SECONDS) a thread hands the tasks of dead workers back to the
queue and deletes what has outlived its retention (see notifications/outbox.py).
SIGINT / SIGTERM finish the task at hand, then stop; a second signal stops at once.
"""

import logging
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker, valid_interval, valid_max_tasks

from broadsheet.notifications import conf, outbox

logger = logging.getLogger("broadsheet.worker")


def tidy_forever(stop: threading.Event, every: float) -> None:
    while not stop.wait(every):
        try:
            close_old_connections()
            outbox.tidy()
        except Exception:
            logger.exception("Worker housekeeping failed; trying again in %s s", every)
        finally:
            connection.close()


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

    def handle(
        self, *args, queue_name, interval, batch, max_tasks, worker_id, verbosity, **options
    ):
        from django_tasks_db.compat import TASKS_LOGGER

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
        stop = threading.Event()
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
