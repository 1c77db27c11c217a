"""A reader answers a reply notification by e-mail, and the reply appears in the browser.

The real server's worker sends the notification (with its signed Reply-To) to our SMTP
sink; the reader's answer goes over SMTP to the mail-in listener on the same database;
Chromium then finds the reply under the comment it answers.
"""

import smtplib
import time
from email.message import EmailMessage

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_comment
from broadsheet.notifications import mail_in, services
from broadsheet.notifications.models import Subscriber, Subscription

from .conftest import free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOMAIN = "antwort.zeitung.de"
DELIVERY_SECONDS = 20


@pytest.fixture
def server_settings(smtp, server_port):
    return {
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "EMAIL_FROM": "Broadsheet <noreply@zeitung.de>",
        "SITE_URL": f"http://127.0.0.1:{server_port}",
        "BROADSHEET_MAIL_IN_DOMAIN": DOMAIN,
    }


@pytest.fixture
def mail_in_port(settings):
    settings.BROADSHEET_MAIL_IN_DOMAIN = DOMAIN
    port = free_port()
    controller = mail_in.controller(host="127.0.0.1", port=port, protocol="smtp")
    controller.start()
    yield port
    controller.stop()


def wait_for_mail(smtp, address: str):
    deadline = time.monotonic() + DELIVERY_SECONDS
    while not smtp.to(address) and time.monotonic() < deadline:
        time.sleep(0.1)
    [mail] = smtp.to(address)
    return mail


def test_a_reader_replies_by_email_and_the_reply_appears(
    browser_page, site_server, smtp, mail_in_port, browser_console
):
    article = make_article("Streit um die Stadtbahn", slug="stadtbahn")
    make_comment(article, author_name="Lea Leserin", author_email="lea@example.org")
    now = timezone.now()
    lea = Subscriber.objects.create(email="lea@example.org", language="de", verified_at=now)
    Subscription.objects.create(
        subscriber=lea, article=article, scope="replies", language="de", confirmed_at=now
    )
    leas = article.comments.get()
    maxs = make_comment(
        article, parent=leas, author_name="Max Mustermann", author_email="max@example.org",
        body="Und was schlagen Sie vor?",
    )  # fmt: skip
    services.notify_subscribers(maxs)
    notification = wait_for_mail(smtp, "lea@example.org")
    assert notification["Reply-To"].endswith(f"@{DOMAIN}")

    answer = EmailMessage()
    answer["From"] = "Lea Leserin <lea@example.org>"
    answer["To"] = notification["Reply-To"]
    answer["Subject"] = f"Re: {notification.subject}"
    answer.set_content(
        "Eine eigene Trasse für die Stadtbahn.\n\nGesendet von meinem iPhone\n\n"
        f"Am {now:%d.%m.%Y} schrieb Broadsheet <noreply@zeitung.de>:\n> Und was schlagen Sie vor?\n"
    )
    with smtplib.SMTP("127.0.0.1", mail_in_port, timeout=10) as client:
        client.sendmail("lea@example.org", [notification["Reply-To"]], answer.as_bytes())

    [reply] = article.comments.filter(reply_to=maxs)
    browser_page.goto(article.get_absolute_url())
    shown = browser_page.locator(f"#comment-{reply.pk}")
    expect(shown).to_contain_text("Eine eigene Trasse für die Stadtbahn.")
    expect(shown).to_contain_text("Lea Leserin")
    expect(shown).not_to_contain_text("iPhone")
    assert browser_console.csp_violations() == []
