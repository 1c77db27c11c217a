"""A guest comments, asks for their data by mail, exports it, erases it, and after the
grace period sees the tombstone: in Chromium, on the real server, mail by SMTP."""

import datetime
import json
import re
import time

import pytest
from playwright.sync_api import expect

from broadsheet.core.browser import DEFAULT_TIMEOUT_MS
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.notifications.tests.conftest import SMTPServer
from broadsheet.privacy import retention
from broadsheet.privacy.models import ErasureLog, ErasureRequest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english"),
]
# The server's own task worker delivers; it polls the queue about once a second, and a
# loaded machine may take its time starting it.
DELIVERY_SECONDS = 60
LEA = "lea.leserin@zeitung-leser.de"


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server_settings(smtp, server_port):
    return {
        "BROADSHEET_LANGUAGE": "en",
        "BROADSHEET_MODERATION": "none",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "EMAIL_FROM": "Zeitung Beispiel <leserpost@zeitung-beispiel.de>",
        "SITE_URL": f"http://127.0.0.1:{server_port}",
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
    }


def wait_for_mail(smtp, address: str, count: int) -> list:
    deadline = time.monotonic() + DELIVERY_SECONDS
    while len(smtp.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    received = smtp.to(address)
    assert len(received) == count, [m.subject for m in received]
    return received


def test_a_guest_exports_and_erases_their_data_and_finds_the_tombstone(
    site_server, smtp, browser_page, browser_console, tmp_path
):
    article = make_article("Die Stadtbahn kommt", slug="stadtbahn-kommt",
                           body="Der Rat hat die Stadtbahn beschlossen.")  # fmt: skip
    page = browser_page
    page.set_default_timeout(DEFAULT_TIMEOUT_MS * 3)
    page.goto(article.get_absolute_url())
    form = page.locator("[data-comment-form]")
    form.locator("#comment-name").fill("Lea Leserin")
    form.locator("#comment-email").fill(LEA)
    form.locator("#comment-body").fill("Endlich eine gute Nachricht für den Süden.")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment", has_text="Endlich eine gute Nachricht")).to_be_visible()
    mine = Comment.objects.get(author_email=LEA)
    make_comment(article, parent=mine, author_name="Otto", author_email="otto@example.org",
                 body="Da bin ich anderer Meinung.")  # fmt: skip

    # From the comment form to "My data", and a link by mail.
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="My data: see, download or erase what you wrote here").click()
    expect(page.locator("h1")).to_have_text("My data")
    page.get_by_label("E-mail address").fill(LEA)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("status")).to_contain_text("a link to your data is on its way")
    [link_mail] = wait_for_mail(smtp, LEA, 1)
    assert link_mail.subject == "Your data: the link you asked for"
    page.goto(link_mail.link("/privacy/my-data/link/"))
    page.get_by_role("button", name="Show my data").click()
    expect(page.locator(".privacy")).to_contain_text("Endlich eine gute Nachricht für den Süden.")
    expect(page.locator(".privacy")).to_contain_text("keyed hash of your IP address for 90 days")

    # The export is a file with the comment in it.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything (JSON)").click()
    path = tmp_path / "export.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["schema"] == "broadsheet-personal-data"
    assert [c["body"] for c in exported["comments"]] == [
        "Endlich eine gute Nachricht für den Süden."
    ]

    # Erase: a confirmation mail with a cancel link, nothing gone yet.
    page.get_by_label(re.compile("I understand that my comments")).check()
    page.get_by_role("button", name="Erase my data").click()
    expect(page.get_by_role("status")).to_contain_text("Your erasure is scheduled.")
    [_link, confirmation] = wait_for_mail(smtp, LEA, 2)
    assert confirmation.subject == "Your data will be erased"
    assert "/privacy/erasure/" in confirmation.text
    page.goto(article.get_absolute_url())
    expect(page.locator(f"#comment-{mine.pk}")).to_contain_text("Endlich eine gute Nachricht")

    # After the grace period the worker's sweep carries it out.
    due = ErasureRequest.objects.get().due_at
    assert retention.sweep(now=due + datetime.timedelta(seconds=1))["erasures"] == 1
    page.reload()
    tombstone = page.locator(f"#comment-{mine.pk}")
    expect(tombstone).to_have_class(re.compile(r"\bcomment--removed\b"))
    expect(tombstone).to_have_text("Comment removed: deleted by its author")
    expect(page.locator(".thread")).not_to_contain_text("Endlich eine gute Nachricht")
    expect(page.locator(".thread")).not_to_contain_text("Lea Leserin")
    expect(page.locator(".comment", has_text="Da bin ich anderer Meinung.")).to_be_visible()
    assert ErasureLog.objects.count() == 1
    assert browser_console.csp_violations() == []
