"""`broadsheet serve`: the production web server (granian, WSGI) in one command.

Granian's supervisor runs in this process and forks the worker processes, so SIGINT
and SIGTERM reach it directly: it stops accepting connections, lets the workers finish
their requests and returns here.

Static files are served by WhiteNoise inside Django (hashed names, compression, far
future caching). Uploaded media are served by Django too (core/views.py `media`), not
from disk by granian: a draft's lead image must stay hidden until the article is
published, and every picture needs its own headers (CSP sandbox, nosniff, CORP).
Only re-encoded editor images live there (see publishing/forms.py), never reader
uploads.

How the server holds real traffic (measured on the 2-core machine, demo data, with
`broadsheet/core/tests/test_real_server.py` and `make bench`):

- **Connections are not requests.** Granian's `backpressure` limits the connections a
  worker has accepted, not the requests in flight (granian's README, "Backpressure"):
  a keep-alive connection holds its slot while it sits idle. It used to equal the
  request threads, 1 per worker on SQLite, so two idle browsers held the whole site:
  with 6 idle keep-alive sockets open, 3 parallel fresh requests to `/` took 0.03 s,
  30.0 s and 30.0 s (the 30 s were granian's idle timeout); the demo's biggest article
  reached its `load` event in Chromium after 31.7 s, and 20 Chromium readers opening it
  at once all timed out after 120 s. Now each worker accepts up to `--connections`
  (default 1,024) connections, held by granian's Rust runtime outside Python, and
  the request threads alone bound the concurrency in Python: requests
  beyond them wait in granian's queue. Measured again: the 6 idle sockets were served
  at once and the 3 fresh requests took 0.013, 0.028 and 0.026 s; the article's `load`
  event came after 3.2 s in a freshly started Chromium (about 1.5 s once the page is
  rendered in both workers: the page is 500 KB of HTML with 359 comments, and parsing
  it is Chromium's time, not the server's); the 20 readers all loaded it, none failed
  (15–27 s each: 20 renderers of that page on 2 cores at a load average of 15).
  test_real_server.py asserts < 1 s for a fresh request next to 8 idle or 8
  half-sent-header connections.
- **Idle and slow clients time out on our terms.** Granian's HTTP/1 header read
  timeout (`--header-timeout`, default 15 s) is a deadline for a request's whole
  header, counted from its first byte or, on a kept-alive connection, from the end
  of the previous answer; it is not renewed by each byte that trickles in. So an idle
  keep-alive connection is closed after 15 s, and a slowloris client sending one
  header line a second is cut off after 15 s as well (both measured: 10.0 s with a
  10 s setting). Browsers reopen a closed idle connection by themselves. Behind a load
  balancer that pools connections, set it above the balancer's idle timeout (granian
  allows up to 60 s), or the balancer may reuse a connection just as it is closed.
  What granian does not bound, and a reverse proxy in front must (nginx does both by
  default: `client_body_timeout`, request buffering): a connection that never sends
  a byte stays open until the client closes it (it only costs one connection slot of
  2 × 1,024), and a request body that trickles in holds a request thread while Django
  reads it (measured: 4 slow POST bodies stalled every other request on 2 × 1 threads).
- **Threads.** Django holds the GIL for most of a request, so a few threads per
  process only cover waits (database, file reads of static files, the client's
  socket). Two per process, on SQLite too: with the machine shared by other work,
  2 threads served the front page at 91/s against 78/s with 1 (8 connections), the
  100-comment article at 128/s against 65/s, and comment POSTs (every one a write
  queued on SQLite's single file lock, busy timeout and IMMEDIATE transactions) at
  41/s against 32/s with no error at 8 or 64 connections; 4 threads added nothing but
  a higher p99 for writes (2.1 s against 1.3 s at 64 connections). Each thread keeps
  its own database connection. One process per CPU (`--workers`, WEB_CONCURRENCY).

Every setting has an environment variable, so a container can set them without a
different command line.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

# Per worker: far above what a load balancer's pool or many browsers keep open, far
# below the 20,000 file descriptors a process gets here (ulimit -n).
CONNECTIONS_PER_WORKER = 1024
HEADER_TIMEOUT_SECONDS = 15
THREADS_PER_WORKER = 2


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise CommandError(f"{name} must be a whole number, not {value!r}.") from None


def default_workers() -> int:
    if os.environ.get("WEB_CONCURRENCY", "").strip():
        return env_int("WEB_CONCURRENCY", 1)
    # The CPUs this process may run on, which is what a container's cpuset allows.
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_port() -> int:
    return env_int("PORT", 8000)


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
            default=env_int("BROADSHEET_THREADS", THREADS_PER_WORKER),
            help=(
                f"Request threads per worker (env BROADSHEET_THREADS; default "
                f"{THREADS_PER_WORKER}). Django holds the GIL for most of a request, so a "
                "few threads per process are enough to cover database and socket waits; "
                "each one keeps its own database connection."
            ),
        )
        parser.add_argument(
            "--connections",
            dest="max_connections",
            type=int,
            default=env_int("BROADSHEET_MAX_CONNECTIONS", CONNECTIONS_PER_WORKER),
            help=(
                "Open connections each worker accepts, idle keep-alive ones included (env "
                f"BROADSHEET_MAX_CONNECTIONS; default {CONNECTIONS_PER_WORKER}). Requests "
                "beyond the threads wait in granian's queue; connections beyond this wait "
                "in the kernel's backlog."
            ),
        )
        parser.add_argument(
            "--header-timeout",
            type=int,
            default=env_int("BROADSHEET_HEADER_TIMEOUT", HEADER_TIMEOUT_SECONDS),
            help=(
                "Seconds a client has to send a request's header, and the longest an idle "
                "keep-alive connection stays open (env BROADSHEET_HEADER_TIMEOUT; default "
                f"{HEADER_TIMEOUT_SECONDS}, at most 60). Behind a load balancer, set it "
                "above the balancer's idle timeout."
            ),
        )
        parser.add_argument("--access-log", action="store_true", help="Log every request.")
        parser.add_argument(
            "--no-worker",
            dest="task_worker",
            action="store_false",
            help="Do not start a task worker (run `broadsheet worker` separately).",
        )

    def handle(
        self,
        *args,
        host,
        port,
        workers,
        threads,
        max_connections,
        header_timeout,
        access_log,
        task_worker,
        **options,
    ):
        from granian import Granian
        from granian.constants import Interfaces
        from granian.http import HTTP1Settings

        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        if max_connections < threads:
            raise CommandError("--connections must be at least --threads.")
        if not 1 <= header_timeout <= 60:
            raise CommandError("--header-timeout must be between 1 and 60 seconds.")
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
            # A limit on connections, not on requests (see the module docstring): idle
            # keep-alive connections must never use up what fresh requests need.
            backpressure=max_connections,
            http1_settings=HTTP1Settings(header_read_timeout=header_timeout * 1000),
            websockets=False,
            log_access=access_log,
            respawn_failed_workers=True,
            workers_kill_timeout=30,
        )
        # The task worker (django.tasks, DB backend) runs alongside the web workers, so
        # one command still runs everything and one SIGTERM stops everything.
        if task_worker:
            from broadsheet.notifications.mail_settings import configured_sender_problem
            from broadsheet.notifications.supervisor import WorkerProcess, local_site_url

            # The worker would refuse to start, and be restarted every few seconds for
            # ever: say so once, before anything listens.
            if problem := configured_sender_problem():
                raise CommandError(f"{problem} (Or start with --no-worker.)")

            worker = WorkerProcess(site_url=local_site_url(host, port))
            server.on_startup(worker.start)
            server.on_shutdown(worker.stop)
        self.stdout.write(
            f"Broadsheet on http://{host}:{port}/ with {workers} workers of {threads} threads, "
            f"up to {max_connections} connections each, {header_timeout} s header timeout"
        )
        server.serve()
