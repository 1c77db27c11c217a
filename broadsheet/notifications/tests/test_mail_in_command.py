"""`broadsheet mail-in` as a real process: LMTP from a mail server, a reply, a clean stop.

The process uses its own SQLite database in a temporary data folder (not the test
database), as test_worker_process.py does.
"""

import os
import signal
import smtplib
import subprocess
import sys
import time

import pytest

from .conftest import free_port

DOMAIN = "antwort.zeitung.example"
SEED = """
from django.utils import timezone
from broadsheet.core.testing import make_article, make_comment
from broadsheet.notifications.mail_in import reply_address
from broadsheet.notifications.models import Subscriber
article = make_article("Streit um die Stadtbahn")
make_comment(article, author_name="Lea Leserin", author_email="lea@example.org")
answer = make_comment(article, author_name="Max", author_email="max@example.org", body="Und?")
lea = Subscriber.objects.create(email="lea@example.org", language="de", verified_at=timezone.now())
print(reply_address(lea, answer.pk))
"""
REPORT = """
from broadsheet.discussion.models import Comment
print(list(Comment.objects.filter(reply_to__body="Und?").values_list("body", "status")))
"""
REPLY = (
    "From: Lea Leserin <lea@example.org>\r\nSubject: Re: Und?\r\n"
    "Message-ID: <eins@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Darum.\r\n\r\nAm Dienstag schrieb Broadsheet:\r\n> Und?\r\n"
)


@pytest.fixture
def command(tmp_path):
    """Runs `broadsheet …` in a fresh data folder (no database yet)."""
    env = {
        **os.environ,
        "BROADSHEET_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "broadsheet.settings",
        "BROADSHEET_MAIL_IN_DOMAIN": DOMAIN,
        "BROADSHEET_MODERATION": "none",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)  # always the throw-away SQLite file, never a real database

    def run(*args: str, extra_env=None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "broadsheet.cli", *args],
            env={**env, **(extra_env or {})}, capture_output=True, text=True, timeout=120,
            check=False,
        )  # fmt: skip

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "broadsheet.cli", "mail-in", *args],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip

    run.start = start
    return run


@pytest.fixture
def site(command):
    """The same, with a migrated SQLite database."""
    assert command("migrate", "--verbosity", "0").returncode == 0
    return command


def wait_listening(process) -> str:
    lines = []
    while line := process.stdout.readline():
        lines.append(line)
        if "Receiving replies" in line:
            return line
    raise AssertionError("".join(lines))


def test_the_command_takes_a_reply_over_lmtp_and_stops_on_sigterm(site):
    seeded = site("shell", "-c", SEED)
    assert seeded.returncode == 0, seeded.stderr[-2000:]
    address = seeded.stdout.strip().splitlines()[-1]
    port = free_port()
    process = site.start("--host", "127.0.0.1", "--port", str(port), "--protocol", "lmtp")
    try:
        assert "over LMTP on 127.0.0.1" in wait_listening(process)
        with smtplib.LMTP("127.0.0.1", port, timeout=30) as client:
            client.ehlo_or_helo_if_needed()
            assert client.sendmail("lea@example.org", [address], REPLY.encode()) == {}
            client.mail("lea@example.org")
            code, text = client.rcpt(f"redaktion@{DOMAIN}")
            assert code == 550 and b"5.1.1" in text
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert "mail-in stopped" in output
    report = site("shell", "-c", REPORT)
    assert report.stdout.strip().splitlines()[-1] == "[('Darum.', 'approved')]", report.stderr


def test_the_command_refuses_to_start_without_a_mail_in_domain(command):
    result = command("mail-in", extra_env={"BROADSHEET_MAIL_IN_DOMAIN": ""})
    assert result.returncode != 0
    assert "BROADSHEET_MAIL_IN_DOMAIN is not set" in result.stderr


def test_the_command_says_when_the_port_is_taken(command):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = command("mail-in", "--host", "127.0.0.1", "--port", str(port))
    assert result.returncode != 0
    assert f"Cannot listen on 127.0.0.1:{port}" in result.stderr
    assert time.monotonic() - started < 60
