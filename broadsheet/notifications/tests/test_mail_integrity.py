"""Headers that are always well-formed, and mail that can never go out failing at once.

Over a real SMTP conversation (aiosmtpd in this process): hostile names stored before
names were normalised at input, a publication name that needs encoding, and a server
that refuses one recipient for good (550) and another for now (451).
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from broadsheet.core.testing import make_comment
from broadsheet.notifications import outbox, services
from broadsheet.notifications.models import Delivery, Subscriber, Subscription
from broadsheet.publishing.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)

# Each of these made Django refuse the message ("Header values can't contain
# newlines"), so the reply notification sat in retry until it failed for good.
HOSTILE_NAMES = [
    "Eve\r\nBcc: victim@example.net",
    "Eve\nLeserin",
    "Eve\u2028Leserin",
    "Eve\u2029Leserin",
    "Eve\x85Leserin",
    "\u202eEve\u202c Leserin",
    "Eve\tLeserin\x1b",
]


def follower(article, address: str, *, scope="article", comment=None) -> Subscription:
    """A confirmed subscriber, as if they had pressed the button in their e-mail."""
    now = timezone.now()
    subscriber = Subscriber.objects.create(email=address, language="de", verified_at=now)
    return Subscription.objects.create(
        subscriber=subscriber, article=article, scope=scope, comment=comment,
        language="de", confirmed_at=now,
    )  # fmt: skip


def raw_header(received, name: str) -> str:
    """A header as it went over the wire: folded, encoded, bytes as ASCII."""
    head = received.raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n ", b" ")
    for line in head.decode("ascii").split("\r\n"):
        if line.lower().startswith(name.lower() + ":"):
            return line
    raise AssertionError(f"no {name} header")


def test_replies_by_names_with_line_breaks_or_bidi_controls_go_out_at_once(article, smtp, worker):
    leas = make_comment(article, author_name="Lea", author_email="lea@example.org")
    follower(article, "lea@example.org", scope="comment", comment=leas)
    for name in HOSTILE_NAMES:
        services.notify_subscribers(make_comment(article, parent=leas, author_name=name))

    worker()

    assert list(Delivery.objects.values_list("status", "attempts", "last_error")) == [
        ("sent", 1, "")
    ] * len(HOSTILE_NAMES)
    assert {tuple(m.recipients) for m in smtp.messages} == {("lea@example.org",)}
    subjects = sorted(m.subject for m in smtp.messages)
    assert subjects == sorted(
        [
            "Eve Bcc: victim@example.net hat auf Ihren Kommentar zu „Streit um die Stadtbahn“ geantwortet",
            *["Eve Leserin hat auf Ihren Kommentar zu „Streit um die Stadtbahn“ geantwortet"] * 6,
        ]
    )
    for mail in smtp.messages:
        assert mail["Bcc"] is None
        assert all(
            line.startswith((" ", "\t")) or ":" in line
            for line in mail.raw.split(b"\r\n\r\n", 1)[0].decode("ascii").split("\r\n")
        ), "every header line is a header or its folded continuation"


def test_the_sender_is_the_publication_by_name_encoded_not_pasted(settings, article, smtp, worker):
    Publication.objects.create(name='Tagblatt "Süd", Zürich\r\nX-Evil: 1')
    follower(article, "lea@example.org")
    services.notify_subscribers(make_comment(article))

    worker()

    [mail] = smtp.messages
    assert mail.sender == "noreply@zeitung.example"
    sender = mail.message["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == (
        'Tagblatt "Süd", Zürich X-Evil: 1',
        "noreply@zeitung.example",
    )
    assert "=?utf-8?" in raw_header(mail, "From"), "non-ASCII is RFC 2047 encoded"
    assert mail["X-Evil"] is None

    settings.DEFAULT_FROM_EMAIL = "Leserpost <post@zeitung.example>"
    services.notify_subscribers(make_comment(article))
    worker()
    assert smtp.messages[-1]["From"] == "Leserpost <post@zeitung.example>", "EMAIL_FROM wins"


@pytest.fixture
def picky_smtp(smtp):
    """The SMTP server refuses gone@ for good, busy@ for now, and accepts the rest."""
    replies = {
        "gone@example.org": "550 5.1.1 <gone@example.org>: mailbox unavailable",
        "banned@example.org": "553 5.7.1 not allowed",
        "busy@example.org": "451 4.3.0 try again later",
    }

    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        if address in replies:
            return replies[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp.handler.handle_RCPT = handle_RCPT
    return smtp


def test_a_permanent_rejection_fails_at_once_with_its_reason_and_a_4xx_is_retried(
    settings, article, picky_smtp, worker, admin_client
):
    settings.BROADSHEET_MAIL_RETRY_DELAYS = (60, 300)
    for address in [
        "gone@example.org",
        "banned@example.org",
        "busy@example.org",
        "lea@example.org",
    ]:
        follower(article, address)
    services.notify_subscribers(make_comment(article, author_email="max@example.org"))
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        worker()

    rows = {d.to: d for d in Delivery.objects.all()}
    assert (rows["lea@example.org"].status, rows["lea@example.org"].attempts) == ("sent", 1)
    for address, code in [("gone@example.org", "550"), ("banned@example.org", "553")]:
        gone = rows[address]
        assert (gone.status, gone.attempts) == ("failed", 1), "no retries for what cannot work"
        assert gone.last_error.startswith(f"Undeliverable, refused by the mail server ({code})")
        assert address in gone.last_error
    busy = rows["busy@example.org"]
    assert (busy.status, busy.attempts) == ("retrying", 1)
    assert busy.next_attempt_at == start + datetime.timedelta(seconds=60)
    assert "451 4.3.0 try again later" in busy.last_error

    # The newsroom sees why, in the outbox's list.
    page = admin_client.get(reverse("admin:notifications_delivery_changelist")).content.decode()
    assert "Undeliverable, refused by the mail server (550)" in page

    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        worker()
    assert Delivery.objects.get(to="busy@example.org").attempts == 2
    assert Delivery.objects.get(to="gone@example.org").attempts == 1
    assert [m.recipients for m in picky_smtp.messages] == [["lea@example.org"]]


def test_a_rejection_at_data_and_an_invalid_address_fail_at_once(article, smtp, worker):
    async def handle_DATA(server, session, envelope):
        return "554 5.7.1 message refused"

    smtp.handler.handle_DATA = handle_DATA
    subscription = follower(article, "lea@example.org")
    services.notify_subscribers(make_comment(article))
    # An address that slipped in before addresses were validated everywhere.
    invalid = Delivery.objects.create(
        kind="comment", key="bad-address", to="lea@@example.org\r\nBcc: x@example.net",
        language="de", subscription=subscription, subscriber=subscription.subscriber,
        comment=Delivery.objects.get().comment, message_id="bad@zeitung.example",
    )  # fmt: skip

    worker()
    assert outbox.deliver(invalid.pk) == outbox.Outcome.FAILED

    rejected = Delivery.objects.get(to="lea@example.org")
    assert (rejected.status, rejected.attempts) == ("failed", 1)
    assert rejected.last_error.startswith("Undeliverable, refused by the mail server (554)")
    invalid.refresh_from_db()
    assert (invalid.status, invalid.attempts) == ("failed", 1)
    assert invalid.last_error.startswith("Undeliverable, invalid recipient address")


def test_a_refused_connection_is_retried_not_failed(settings, article, smtp, worker):
    settings.BROADSHEET_MAIL_RETRY_DELAYS = (60,)
    follower(article, "lea@example.org")
    services.notify_subscribers(make_comment(article))
    smtp.stop()

    worker()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("retrying", 1)
    assert not delivery.last_error.startswith("Undeliverable")
