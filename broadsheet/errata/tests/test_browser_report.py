"""A reader reports an error in a selected passage on the real server; the editor's fix
publishes the correction on the page, and the reader's thank-you arrives by SMTP."""

import time

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from broadsheet.core.testing import make_article
from broadsheet.discussion.tests.test_browser_inline_feedback import select_text
from broadsheet.errata import services
from broadsheet.errata.models import ErrorReport
from broadsheet.notifications.tests.conftest import SMTPServer
from broadsheet.publishing import services as publishing

from .conftest import BODY, WRONG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SENDER = "Zeitung Beispiel <leserpost@zeitung-beispiel.de>"


def de(message: str) -> str:
    with translation.override("de"):
        return gettext(message)


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server_settings(smtp, server_port):
    return {
        "BROADSHEET_LANGUAGE": "de",
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "EMAIL_FROM": SENDER,
        "SITE_URL": f"http://127.0.0.1:{server_port}",
    }


def test_a_reader_reports_a_selected_passage_and_the_fix_brings_the_correction(
    browser_page, browser_console, smtp, editor
):
    article = make_article("Die neue Linie", slug="linie", body=BODY)
    page = browser_page
    page.goto(article.get_absolute_url())
    # The keyboard route: the paragraph buttons offer a report too.
    page.get_by_role("button", name=de("Report an error in a paragraph")).press("Enter")
    with translation.override("de"):
        third = gettext("Report an error in paragraph %(number)s") % {"number": 3}
    page.get_by_role("button", name=third).press("Enter")
    expect(page.locator("textarea[name=exact]")).to_have_value("Der Senat entscheidet im Herbst.")
    page.go_back()
    select_text(page, WRONG)
    page.get_by_role("button", name=de("Report an error"), exact=True).click()
    expect(page.locator("textarea[name=exact]")).to_have_value(WRONG)
    page.locator("textarea[name=suggestion]").fill("Es sind 45 Millionen Euro.")
    page.locator("input[name=email]").fill("lea@zeitung-beispiel.de")
    page.get_by_role("button", name=de("Send the report")).click()
    expect(page.locator("[data-errata-sent]")).to_be_visible()
    report = ErrorReport.objects.get()
    assert report.exact == WRONG and report.prefix.endswith("fertig sein und ")

    # The editor accepts and saves the fixed text (the services the admin calls).
    note = "In einer früheren Version stand, die Linie koste 40 Millionen Euro."
    services.accept_report(report, by=editor, correction_text=note)
    article.body = BODY.replace(WRONG, "45 Millionen Euro")
    publishing.save_article(article, by=editor)
    services.publish_pending_corrections(article, revision=article.saved_revision)

    page.goto(article.get_absolute_url())
    expect(page.locator(".corrections")).to_contain_text(note)
    deadline = time.monotonic() + 60  # the server's own worker sends it
    while not smtp.to("lea@zeitung-beispiel.de") and time.monotonic() < deadline:
        time.sleep(0.2)
    [mail] = smtp.to("lea@zeitung-beispiel.de")
    assert note in mail.text
    assert browser_console.csp_violations() == []
