"""A guest comments, signs up with the same address by the mail link, and claims the comment."""

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("english"),
]
# The server's own task worker delivers; it polls the queue about once a second.
DELIVERY_SECONDS = 20


@pytest.fixture
def server_settings(smtp, server_port):
    return {
        "BROADSHEET_LANGUAGE": "en",
        "BROADSHEET_MODERATION": "none",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "EMAIL_FROM": "Broadsheet <noreply@zeitung.de>",
        "SITE_URL": f"http://127.0.0.1:{server_port}",
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
    }


def wait_for_mail(smtp, address: str) -> list:
    deadline = time.monotonic() + DELIVERY_SECONDS
    while not smtp.to(address) and time.monotonic() < deadline:
        time.sleep(0.1)
    return smtp.to(address)


def test_a_guest_signs_up_by_mail_link_claims_the_comment_and_finds_it(
    site_server, article, smtp, browser_page, browser_console
):
    page = browser_page
    page.goto(article.get_absolute_url())
    form = page.locator("[data-comment-form]")
    form.locator("input[name=name]").fill("Lea Leserin")
    form.locator("input[name=email]").fill("lea@example.org")
    form.locator("textarea[name=body]").fill("Die Stadtbahn braucht mehr Halte.")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".thread")).to_contain_text("Die Stadtbahn braucht mehr Halte.")

    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail").fill("lea@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("status")).to_have_text(
        "If this address can sign in, we sent a link to it."
    )

    [mail] = wait_for_mail(smtp, "lea@example.org")
    assert mail.subject == "Your link to sign up"
    link = re.search(r"http://\S+/account/link/\S+/", mail.text).group(0)
    assert link.startswith(site_server.base_url)
    page.goto(link)  # a page that asks first: opening it signs nobody in
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign in")
    page.get_by_role("button", name="Sign me in").click()

    expect(page.locator("h1")).to_have_text("Your earlier comments")
    page.get_by_role("button", name="Claim my 1 earlier comment").click()

    expect(page.locator("h1")).to_have_text("My comments")
    expect(page.get_by_role("status")).to_have_text("1 comment is now part of your account.")
    item = page.locator(".account__comment")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Die Stadtbahn braucht mehr Halte.")
    expect(item).to_contain_text("Published")
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign out")

    # The link was spent: opening it again says so.
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("already been used")
    assert browser_console.csp_violations() == []
