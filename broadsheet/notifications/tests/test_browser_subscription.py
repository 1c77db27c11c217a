"""A guest follows a discussion by e-mail in a real browser, and leaves it in one click."""

import time

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The server's own task worker delivers; it polls the queue about once a second.
DELIVERY_SECONDS = 20


@pytest.fixture
def server_settings(smtp, server_port):
    """The server as a publisher runs it: its worker sends through our SMTP server."""
    return {
        "BROADSHEET_MODERATION": "none",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        # A sender a real mail server would take (the worker refuses .example ones).
        "EMAIL_FROM": "Broadsheet <noreply@zeitung.de>",
        "SITE_URL": f"http://127.0.0.1:{server_port}",
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
    }


@pytest.fixture
def site(site_server, server_port):
    assert site_server.port == server_port
    return site_server


def wait_for_mail(smtp, count: int) -> list:
    """The messages once count have arrived (the worker runs in the server, not here)."""
    deadline = time.monotonic() + DELIVERY_SECONDS
    while len(smtp.messages) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return smtp.messages


def comment_as_guest(page, article, *, name, email, text):
    page.goto(article.get_absolute_url())
    form = page.locator("[data-comment-form]")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("textarea[name=body]").fill(text)
    form.get_by_role("button", name="Kommentar senden").click()
    expect(page.locator(".thread")).to_contain_text(text)


def test_a_guest_subscribes_confirms_gets_notified_and_unsubscribes_in_one_click(
    site, article, smtp, browser_page, chromium_browser, browser_console
):
    lea = browser_page
    lea.goto(article.get_absolute_url())
    bar = lea.locator("#subscribe")
    expect(bar.get_by_label("neue Kommentare")).to_be_checked()
    bar.get_by_label("E-Mail").fill("lea@example.org")
    bar.get_by_role("button", name="Abonnieren").click()
    expect(bar.get_by_role("status")).to_contain_text("Fast geschafft")

    [confirmation] = wait_for_mail(smtp, 1)
    assert confirmation.recipients == ["lea@example.org"]
    lea.goto(confirmation.link("/notifications/confirm/"))  # a page that asks, first
    expect(lea.locator("h1")).to_have_text("Abonnement bestätigen")
    lea.get_by_role("button", name="Ja, benachrichtigen Sie mich").click()
    expect(lea.locator("h1")).to_have_text("Danke, Ihre Adresse ist bestätigt")
    smtp.clear()

    # Max reads without JavaScript: the plain form POST and redirect.
    max_context = chromium_browser.new_context(
        base_url=site.base_url, locale="de", java_script_enabled=False
    )
    max_context.set_default_timeout(10_000)
    max_ = max_context.new_page()
    comment_as_guest(
        max_, article, name="Max Mustermann", email="max@example.org", text="Die Bahn kommt."
    )

    [notification] = wait_for_mail(smtp, 1)
    assert notification.recipients == ["lea@example.org"]
    assert notification.subject == "Neuer Kommentar zu „Streit um die Stadtbahn“"
    assert "Die Bahn kommt." in notification.text
    lea.goto(notification.link("#comment-"))
    expect(lea.locator(".comment:target")).to_contain_text("Die Bahn kommt.")

    # The mail client's one-click unsubscribe (RFC 8058): a POST without cookies.
    unsubscribe_url = notification["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith(site.base_url)
    mail_client = chromium_browser.new_context()
    response = mail_client.request.post(unsubscribe_url, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    mail_client.close()

    comment_as_guest(
        max_, article, name="Max Mustermann", email="max@example.org", text="Noch ein Gedanke."
    )
    # The new comment is visible, so its notifications were queued in its transaction:
    # give the worker time to (wrongly) send one.
    time.sleep(3)
    assert smtp.messages == [notification], "no more mail after unsubscribing"
    max_context.close()
    assert browser_console.csp_violations() == []
