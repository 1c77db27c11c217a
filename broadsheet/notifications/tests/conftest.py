"""A real SMTP server (aiosmtpd, in-process), a worker that drains the queue, readers.

Tests that send mail use `@pytest.mark.django_db(transaction=True)`: the discussion's
signals fire after commit, and the worker runs as it does in production, outside
any test transaction.
"""

import email
import email.policy
import re
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from broadsheet.core.testing import make_article

ORIGIN = "http://testserver"


@dataclass
class Received:
    """One message as the SMTP server got it: envelope and parsed content."""

    sender: str
    recipients: list[str]
    message: email.message.EmailMessage
    raw: bytes = b""

    def __getitem__(self, header: str) -> str:
        return self.message[header]

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, content_type: str) -> str:
        body = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        assert body is not None and body.get_content_type() == content_type
        return body.get_content()

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")

    def links(self) -> list[str]:
        return re.findall(r"https?://\S+", self.text)

    def link(self, fragment: str) -> str:
        return next(link for link in self.links() if fragment in link)


@dataclass
class SMTPHandler:
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, envelope.content)
            )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    """An SMTP server on 127.0.0.1 that can be taken down and brought back up."""

    def __init__(self):
        self.port = free_port()
        self.handler = SMTPHandler()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[Received]:
        return list(self.handler.messages)

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]

    def clear(self):
        self.handler.messages.clear()


@pytest.fixture
def smtp(settings):
    """A running SMTP server, and Django's SMTP backend pointed at it."""
    server = SMTPServer()
    server.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 5},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "noreply@zeitung.example"
    settings.SITE_URL = "https://zeitung.example"
    yield server
    server.stop()


def run_worker(*, max_tasks: int | None = None) -> None:
    """What `broadsheet worker --batch` does: run every task that is due, then return."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def worker():
    return run_worker


def confirmation_token(delivery) -> str:
    """The token in the link of this confirmation e-mail, built as the worker builds it."""
    from broadsheet.notifications.email import build_message

    message = build_message(delivery)
    return re.search(r"/notifications/confirm/([^/\s]+)/", message.body).group(1)


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    settings.SITE_URL = "https://zeitung.example"


@pytest.fixture
def article(db):
    return make_article("Streit um die Stadtbahn", slug="stadtbahn")


class Reader:
    """A browser-like client: sends Origin like a real browser, keeps its cookies."""

    def __init__(self, name: str, email_address: str):
        self.client = Client()
        self.name = name
        self.email = email_address

    def form_timestamp(self, article) -> str:
        page = self.client.get(article.get_absolute_url()).content.decode()
        return re.search(r'name="ts" value="([^"]+)"', page).group(1)

    def comment(self, article, body="Ein guter Punkt.", **fields):
        data = {"name": self.name, "email": self.email, "body": body, **fields}
        data.setdefault("ts", self.form_timestamp(article))
        response = self.client.post(f"/discussion/{article.pk}/comments/", data, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 303, response.content.decode()[:500]
        return response

    def subscribe(self, article, scope="article", email_address=None, **headers):
        data = {"scope": scope, "email": email_address or self.email}
        return self.client.post(
            f"/notifications/subscribe/{article.pk}/", data, HTTP_ORIGIN=ORIGIN, **headers
        )

    def open(self, url: str):
        return self.client.get(url.removeprefix("https://zeitung.example"))

    def confirm(self, url: str):
        """Open the confirmation link, then press the page's button (a same-origin POST)."""
        page = self.open(url)
        assert page.status_code == 200, page.content.decode()[:500]
        path = url.removeprefix("https://zeitung.example")
        return self.client.post(path, HTTP_ORIGIN=ORIGIN, follow=True)


@pytest.fixture
def lea(db):
    return Reader("Lea Leserin", "lea@example.org")


@pytest.fixture
def max_(db):
    return Reader("Max Mustermann", "max@example.org")


@pytest.fixture
def kim(db):
    return Reader("Kim Kommentar", "kim@example.org")
