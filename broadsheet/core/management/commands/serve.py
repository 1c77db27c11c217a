"""`broadsheet serve`: the production web server (granian, WSGI) in one command.

Granian's supervisor runs in this process and forks the worker processes, so SIGINT
and SIGTERM reach it directly: it stops accepting connections, lets the workers finish
their requests and returns here.

Static files are served by WhiteNoise inside Django (hashed names, compression, far
future caching). Uploaded media are served by granian itself from MEDIA_ROOT: they
are written after start-up, which WhiteNoise cannot see, and reading files in Rust
keeps them off the Python workers. Only re-encoded editor images live there (see
publishing/forms.py), never reader uploads.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


def default_workers() -> int:
    if value := os.environ.get("WEB_CONCURRENCY", "").strip():
        return int(value)
    # The CPUs this process may run on, which is what a container's cpuset allows.
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_port() -> int:
    return int(os.environ.get("PORT", "").strip() or 8000)


def default_threads() -> int:
    from django.db import connection

    configured = os.environ.get("BROADSHEET_THREADS", "").strip()
    if configured:
        return int(configured)
    return 1 if connection.vendor == "sqlite" else 2


class Command(BaseCommand):
    help = "Serve Broadsheet with granian: the production server, static files and media."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Use 0.0.0.0 to listen on all.")
        parser.add_argument("--port", type=int, default=default_port(), help="env PORT")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Worker processes (env WEB_CONCURRENCY; default: one per CPU).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=default_threads(),
            help=(
                "Request threads per worker (env BROADSHEET_THREADS; default 1 on SQLite, "
                "2 otherwise). Django holds the GIL for most of a request, so a few threads "
                "per process are enough to cover database waits; each one keeps its own "
                "database connection. On SQLite one thread per process is faster: writers "
                "queue for one file lock, and fewer of them wait less."
            ),
        )
        parser.add_argument("--access-log", action="store_true", help="Log every request.")
        parser.add_argument(
            "--no-worker",
            dest="task_worker",
            action="store_false",
            help="Do not start a task worker (run `broadsheet worker` separately).",
        )

    def handle(self, *args, host, port, workers, threads, access_log, task_worker, **options):
        from granian import Granian
        from granian.constants import Interfaces

        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        # Workers are forked from this process: none may inherit an open connection.
        connections.close_all()

        server = Granian(
            "broadsheet.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=threads,
            # Requests beyond the threads wait in granian's queue, not in Python.
            backpressure=threads,
            websockets=False,
            log_access=access_log,
            static_path_route=[settings.MEDIA_URL.rstrip("/")],
            static_path_mount=[media_root],
            respawn_failed_workers=True,
            workers_kill_timeout=30,
        )
        # The task worker (django.tasks, DB backend) runs alongside the web workers, so
        # one command still runs everything and one SIGTERM stops everything.
        if task_worker:
            from broadsheet.notifications.supervisor import WorkerProcess, local_site_url

            worker = WorkerProcess(site_url=local_site_url(host, port))
            server.on_startup(worker.start)
            server.on_shutdown(worker.stop)
        self.stdout.write(
            f"Broadsheet on http://{host}:{port}/ with {workers} workers of {threads} threads"
        )
        server.serve()
