"""The task worker that `broadsheet serve` starts: it dies with serve, and it refuses a
sender address no mail server accepts, as real processes (core/e2e.py).
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from broadsheet.core import e2e

ORPHAN_SECONDS = 10


def children(pid: int) -> list[int]:
    """Processes whose parent is pid, from /proc (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid …: comm may hold spaces and brackets.
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def command_line(pid: int) -> list[str]:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


def is_running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's exit may wait for a PID 1 that never reaps)."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture(scope="module")
def data_env(tmp_path_factory):
    env = e2e.server_environment(tmp_path_factory.mktemp("serve-worker"))
    e2e.prepare_data_dir(env, demo=False)
    return env


def task_worker_of(serve_pid: int) -> int | None:
    workers = [pid for pid in children(serve_pid) if "worker" in command_line(pid)]
    return workers[0] if workers else None


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_task_worker_stops_when_serve_is_killed(data_env):
    server = e2e.start_server(data_env, extra_args=("--workers", "1"))
    worker = None
    try:
        assert wait_for(lambda: task_worker_of(server.process.pid), 30), server.output()
        worker = task_worker_of(server.process.pid)

        server.process.send_signal(signal.SIGKILL)  # no shutdown hook runs
        server.process.wait(10)
        killed_at = time.monotonic()

        assert wait_for(lambda: not is_running(worker), ORPHAN_SECONDS), "the worker lives on"
        print(f"worker gone {time.monotonic() - killed_at:.2f} s after serve was killed")
    finally:
        if worker is not None and is_running(worker):
            os.kill(worker, signal.SIGKILL)  # the orphan this test made, by its PID
        server.stop()


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own command line
        e2e.broadsheet_command(*args), env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("sender", "why"),
    [
        ("", "the sender domain 'localhost' is reserved and receives no mail"),
        ("Zeitung <post@example.com>", "the sender domain 'example.com' is reserved"),
        ("post@redaktion", "the sender domain 'redaktion' has no dot"),
    ],
)
def test_the_worker_refuses_a_sender_no_mail_server_accepts(data_env, sender, why):
    env = {**data_env, "EMAIL_URL": "smtp://127.0.0.1:1", "EMAIL_FROM": sender}
    env.pop("SITE_URL", None)

    result = run(env, "worker", "--batch")

    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"CommandError: Cannot send e-mail: {why}"), line
    assert "EMAIL_FROM" in line


def test_serve_refuses_to_start_its_worker_with_such_a_sender_in_one_line(data_env):
    env = {**data_env, "EMAIL_URL": "smtp://127.0.0.1:1", "EMAIL_FROM": "noreply@localhost"}

    result = run(env, "serve", "--port", str(e2e.free_port()))

    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("CommandError: Cannot send e-mail: the sender domain 'localhost'")
    assert line.endswith("(Or start with --no-worker.)")


def test_mail_to_files_or_a_real_sender_starts_the_worker(data_env):
    # `make run`: no EMAIL_URL, so mail goes to files and noreply@localhost is fine.
    assert run({**data_env, "EMAIL_FROM": ""}, "worker", "--batch").returncode == 0
    env = {**data_env, "EMAIL_URL": "smtp://127.0.0.1:1", "EMAIL_FROM": "post@zeitung.de"}
    result = run(env, "worker", "--batch")  # nothing queued: no SMTP connection
    assert result.returncode == 0, result.stderr
