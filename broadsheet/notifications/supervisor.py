"""Run `broadsheet worker` as a child of another long-running command (`broadsheet serve`).

The embedded default is one command for everything: the web server starts one task
worker beside its web workers, restarts it if it dies, and stops it gracefully on
shutdown. Should the server die without a shutdown (SIGKILL), the worker notices that
its parent is gone (`--parent`) and stops within a second, so no orphan keeps sending
mail for a server that is no more. Scaled-out installs run `broadsheet worker` on their
own instead.
"""

import logging
import os
import signal
import subprocess
import sys
import threading

logger = logging.getLogger(__name__)

RESTART_DELAY = 5.0
# The worker finishes the e-mail it is sending (EMAIL_URL timeout, default 20 s).
STOP_TIMEOUT = 60.0


def local_site_url(host: str, port: int) -> str:
    """The address a local reader uses for a server listening on host:port."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - we connect, we do not bind
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class WorkerProcess:
    def __init__(self, args: list[str] | None = None, *, site_url: str = ""):
        """site_url: where the server listens, for links in e-mails when SITE_URL is unset."""
        self.command = [sys.executable, "-m", "broadsheet.cli", "worker", *(args or [])]
        self.env = os.environ.copy()
        if site_url and not self.env.get("SITE_URL"):
            self.env["SITE_URL"] = site_url
        self.process: subprocess.Popen | None = None
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def start(self) -> None:
        self.stopping.clear()
        self._spawn()
        threading.Thread(target=self._watch, name="worker-watch", daemon=True).start()

    def _spawn(self) -> None:
        with self.lock:
            # Its own session: a Ctrl+C in the terminal reaches the server only, which
            # then stops the worker with a single SIGTERM (a second one would abort
            # the e-mail being sent).
            # --parent: the worker stops by itself should this process die unannounced.
            command = [*self.command, "--parent", str(os.getpid())]
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and command
                command, env=self.env, start_new_session=True
            )
        logger.info("Started task worker (PID %s)", self.process.pid)

    def _watch(self) -> None:
        while not self.stopping.is_set():
            code = self.process.wait()
            if self.stopping.is_set():
                return
            logger.error("Task worker exited with %s; restarting in %s s", code, RESTART_DELAY)
            if self.stopping.wait(RESTART_DELAY):
                return
            self._spawn()

    def stop(self) -> None:
        self.stopping.set()
        with self.lock:
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            logger.warning("Task worker did not stop in %s s; killing it", STOP_TIMEOUT)
            process.kill()
            process.wait()
