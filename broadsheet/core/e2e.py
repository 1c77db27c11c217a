"""The real server for end-to-end tests: `broadsheet serve` in a subprocess, as `make run`.

`make run` is `broadsheet setup` then `broadsheet serve --port N` with nothing else on
the command line: default workers, threads and settings. Tests that claim to check what
readers get start exactly that, against a data folder of their own, and talk to it over
real sockets. Nothing here shares memory with the test process: the only way a test
sees the server's state is through HTTP, or through the database it was pointed at.

Used by the real-server tests (core/tests), the multi-node tests and the benchmark.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

STARTUP_SECONDS = 60
SHUTDOWN_SECONDS = 15
# What the suite around a test may have set, which `make run` on a fresh machine has not.
SUITE_ONLY_VARIABLES = ("DATABASE_URL", "REDIS_URL", "DEBUG", "PORT", "WEB_CONCURRENCY")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def broadsheet_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "broadsheet.cli", *args]


def server_environment(data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a fresh `make run`: its own data folder, nothing from the suite.

    overrides add to it (e.g. DATABASE_URL, REDIS_URL for a scaled-out node).
    """
    env = {**os.environ, "BROADSHEET_DATA_DIR": str(data_dir)}
    for name in SUITE_ONLY_VARIABLES:
        env.pop(name, None)
    env.update(overrides)
    return env


def run_command(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    """Run one `broadsheet` command to completion; its output, or AssertionError."""
    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        broadsheet_command(*args), env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise AssertionError(
            f"broadsheet {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def fetch(url: str, *, timeout: float = 10, headers: dict | None = None):
    """GET url; the response, or the HTTPError (which is a response too)."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - our server
    try:
        return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http to our server
    except urllib.error.HTTPError as error:
        return error


@dataclass
class ServerProcess:
    process: subprocess.Popen
    base_url: str
    port: int
    env: dict[str, str]
    output_path: Path
    extra_args: tuple[str, ...] = field(default=())

    def url(self, path: str) -> str:
        return self.base_url + path

    def output(self) -> str:
        return self.output_path.read_text(errors="replace")

    def wait_until_serving(self, timeout: float = STARTUP_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"broadsheet serve exited early:\n{self.output()}")
            try:
                fetch(self.url("/healthz"), timeout=2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"broadsheet serve did not answer within {timeout} s")

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL for the whole process group; the exit status of serve."""
        status = None
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                status = self.process.wait(timeout=SHUTDOWN_SECONDS)
        else:
            status = self.process.returncode
        # A worker that outlived its supervisor would keep the port: it goes too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        return status


def start_server(
    env: dict[str, str], *, extra_args: tuple[str, ...] = (), port: int | None = None
) -> ServerProcess:
    """`broadsheet serve --port N` as `make run` starts it (plus extra_args, if any).

    The data folder in env must be prepared (`prepare_data_dir`). Its own process group,
    so stopping it takes granian's workers and the task worker along.
    """
    port = port or free_port()
    output_path = Path(env["BROADSHEET_DATA_DIR"]) / f"serve-{port}.log"
    with open(output_path, "w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command line, no shell
            broadsheet_command("serve", "--port", str(port), *extra_args),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = ServerProcess(
        process=process,
        base_url=f"http://127.0.0.1:{port}",
        port=port,
        env=env,
        output_path=output_path,
        extra_args=extra_args,
    )
    try:
        server.wait_until_serving()
    except BaseException:
        server.stop()
        raise
    return server


def prepare_data_dir(env: dict[str, str], *, demo: bool = True) -> str:
    """`broadsheet setup` (with the demo, as `make run`, unless demo=False)."""
    return run_command(env, "setup", *(() if demo else ("--no-demo",)))


def wait_for_a_fresh_minute(headroom: float = 25.0) -> None:
    """Sleep into the next clock minute unless this one has headroom seconds left.

    Rate limits count per clock minute (core/ratelimit.py); a test that sends a burst
    against a real server, where no test clock can be stopped, must not straddle two
    windows, or it would see two minutes' allowance.
    """
    left = 60 - time.time() % 60
    if left < headroom:
        time.sleep(left + 0.2)
