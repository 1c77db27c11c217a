"""`broadsheet worker` as real processes: stopped and killed with mail still queued.

The worker processes use their own SQLite database in a temporary data folder (not
the test database) and a real SMTP server in this process. The server holds one
conversation open on cue, so a worker can be stopped or killed in mid-send.
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from .conftest import SMTPServer

SEED = """
from django.utils import timezone
from broadsheet.core.testing import make_article, make_comment
from broadsheet.notifications import services
from broadsheet.notifications.models import Subscriber, Subscription
article = make_article("Streit um die Stadtbahn")
now = timezone.now()
for n in range(6):
    s = Subscriber.objects.create(email=f"leser{n}@example.org", language="de", verified_at=now)
    Subscription.objects.create(
        subscriber=s, article=article, scope="article", language="de", confirmed_at=now
    )
print(services.notify_subscribers(make_comment(article, body="Neuigkeiten.")))
"""
REPORT = """
from broadsheet.notifications.models import Delivery
print(sorted(Delivery.objects.values_list("status", "attempts")))
"""


class Gate:
    """Holds the SMTP conversation of the n-th message after RCPT until released."""

    def __init__(self, server: SMTPServer):
        self.rcpts = 0
        self.hold_at = None
        self.arrived = threading.Event()
        self.release = threading.Event()
        server.handler.handle_RCPT = self.handle_RCPT

    def hold(self, n: int) -> None:
        self.hold_at = n
        self.arrived.clear()
        self.release.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpts += 1
        if self.rcpts == self.hold_at:
            self.arrived.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(tmp_path, smtp_server):
    env = {
        **os.environ,
        "BROADSHEET_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "broadsheet.notifications.tests.worker_settings",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}?timeout=60",
        "SITE_URL": "https://zeitung.example",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)  # always the throw-away SQLite file, never a real database

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "broadsheet.cli", *args],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def worker() -> subprocess.Popen:
        with open(tmp_path / f"worker-{time.monotonic_ns()}.log", "w") as log:
            return subprocess.Popen(
                [sys.executable, "-m", "broadsheet.cli", "worker", "--interval", "0.1"],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    run("migrate", "--verbosity", "0")
    run.worker = worker
    return run


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_stopped_and_killed_workers_leave_their_mail_to_the_next_which_sends_each_once(
    site, smtp_server
):
    gate = Gate(smtp_server)
    assert site("shell", "-c", SEED).strip().endswith("6")

    # 1. SIGTERM in mid-send: the worker finishes that e-mail, then stops; the rest waits.
    gate.hold(2)
    first = site.worker()
    assert gate.arrived.wait(30)
    first.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    gate.release.set()
    assert first.wait(30) == 0
    assert len(smtp_server.messages) == 2

    # 2. SIGKILL in mid-send: that conversation never completes.
    gate.hold(3)
    second = site.worker()
    assert gate.arrived.wait(30)
    second.kill()
    second.wait(30)
    gate.release.set()
    assert len(smtp_server.messages) == 2

    # 3. The next worker recovers the dead one's e-mail after its lease and sends the rest.
    third = site.worker()
    wait_for(lambda: len(smtp_server.messages) == 6)
    time.sleep(1)  # anything sent twice would arrive now
    third.send_signal(signal.SIGTERM)
    assert third.wait(30) == 0

    recipients = sorted(r for m in smtp_server.messages for r in m.recipients)
    assert recipients == [f"leser{n}@example.org" for n in range(6)]
    statuses = site("shell", "-c", REPORT)
    assert statuses.strip().endswith(
        "[('sent', 1), ('sent', 1), ('sent', 1), ('sent', 1), ('sent', 1), ('sent', 2)]"
    )


LEASE = 2.0  # worker_settings.BROADSHEET_MAIL_LEASE_SECONDS
MESSAGE_IDS = """
from broadsheet.notifications.models import Delivery
print(sorted(Delivery.objects.values_list("message_id", flat=True)))
"""


def stop(*workers: subprocess.Popen) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        assert worker.wait(30) == 0


def test_the_lease_is_a_minute_not_ten():
    from broadsheet.notifications import conf

    assert conf.DEFAULTS["BROADSHEET_MAIL_LEASE_SECONDS"] <= 60
    assert conf.DEFAULTS["BROADSHEET_WORKER_TIDY_SECONDS"] <= 15


def test_a_slow_smtp_conversation_keeps_its_mail_past_the_lease(site, smtp_server):
    gate = Gate(smtp_server)
    assert site("shell", "-c", SEED).strip().endswith("6")

    gate.hold(1)
    slow = site.worker()
    assert gate.arrived.wait(30)
    other = site.worker()  # recovers stalled work every 0.5 s, as every worker does
    wait_for(lambda: len(smtp_server.messages) == 5)
    time.sleep(3 * LEASE)  # the held conversation outlasts its lease three times
    assert len(smtp_server.messages) == 5, "nobody took the held e-mail over"
    gate.release.set()
    wait_for(lambda: len(smtp_server.messages) == 6)
    time.sleep(1)  # anything sent twice would arrive now
    stop(slow, other)

    assert len(smtp_server.messages) == 6
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 6
    assert site("shell", "-c", REPORT).strip().endswith(str([("sent", 1)] * 6))


def test_a_killed_workers_mail_goes_out_about_one_lease_later_with_its_message_id(
    site, smtp_server
):
    gate = Gate(smtp_server)
    assert site("shell", "-c", SEED).strip().endswith("6")

    gate.hold(1)
    doomed = site.worker()
    assert gate.arrived.wait(30)
    time.sleep(LEASE)  # its heartbeat has renewed the claim meanwhile
    survivor = site.worker()
    wait_for(lambda: len(smtp_server.messages) == 5)
    doomed.kill()
    killed_at = time.monotonic()
    doomed.wait(30)
    gate.release.set()  # the dead worker's conversation ends without its DATA
    wait_for(lambda: len(smtp_server.messages) == 6)
    took = time.monotonic() - killed_at
    time.sleep(1)
    stop(survivor)

    # Recovered once the last heartbeat's lease ran out, plus one housekeeping round.
    assert LEASE * 0.5 < took < LEASE + 3, took
    sent_ids = sorted(m["Message-ID"].strip("<>") for m in smtp_server.messages)
    assert str(sent_ids) == site("shell", "-c", MESSAGE_IDS).strip().splitlines()[-1]
    assert site("shell", "-c", REPORT).strip().endswith(str([("sent", 1)] * 5 + [("sent", 2)]))
