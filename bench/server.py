"""Start `broadsheet serve` on the benchmark's data folder, and always stop it again."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

STARTUP_SECONDS = 60
SHUTDOWN_SECONDS = 15


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextlib.contextmanager
def running_server(*, env: dict[str, str], workers: int, log_path: Path):
    """Yields (process, base_url); on the way out SIGTERM, then SIGKILL the whole group."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "broadsheet.cli", "serve"]
    command += ["--port", str(port), "--workers", str(workers)]
    with open(log_path, "w") as log:
        # Its own process group, so nothing it forks can outlive the benchmark.
        process = subprocess.Popen(  # noqa: S603 - our own argument list, no shell
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_serving(process, base_url, log_path)
            yield process, base_url
        finally:
            _stop(process)


def _wait_until_serving(process: subprocess.Popen, base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"broadsheet serve exited early:\n{log_path.read_text()}")
        try:
            http_status(base_url + "/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"broadsheet serve did not answer within {STARTUP_SECONDS} s")


def _stop(process: subprocess.Popen) -> None:
    # The group id stays ours while the leader is unreaped or any member is alive.
    with contextlib.suppress(ProcessLookupError):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=SHUTDOWN_SECONDS)
    except subprocess.TimeoutExpired:
        print("broadsheet serve ignored SIGTERM; killing it", file=sys.stderr)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    # A worker that outlived its supervisor would still hold the group.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
