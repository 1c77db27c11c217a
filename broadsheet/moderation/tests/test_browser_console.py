"""A moderator works through the queue with the keyboard, in Chromium, on the real server."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import MODERATOR, grant_role
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.moderation.models import AuditEntry, Sanction

pytestmark = pytest.mark.browser

PASSWORD = "moderation-geheim"


@pytest.fixture
def server_settings():
    # The console's English strings: its German catalogue is filled separately.
    return {"BROADSHEET_LANGUAGE": "en"}


@pytest.fixture
def queue(db, settings):
    """Three held comments, newest first in the queue: Marta, Olaf, Tilda."""
    # The server checks the password with Django's default hashers, not the tests' MD5.
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    grant_role(User.objects.create_user("moritz", "moritz@example.org", PASSWORD), MODERATOR)
    article = make_article("Der Marktplatz wird autofrei", slug="marktplatz")
    start = timezone.now() - datetime.timedelta(hours=5)
    comments = {}
    for hours, name, body in [
        (0, "Tilda", "Endlich mehr Platz für Cafés und Kinder."),
        (1, "Olaf", "Ihr seid doch alle gekauft, ihr Schwachköpfe."),
        (2, "Marta", "Und wo sollen die Lieferwagen halten?"),
    ]:
        comments[name] = make_comment(
            article, status="pending", held_because="first_time", author_name=name,
            author_email=f"{name.lower()}@example.org", body=body,
            created_at=start + datetime.timedelta(hours=hours),
        )  # fmt: skip
    # Olaf wrote before, too: a ban can take that down with him.
    comments["Olaf earlier"] = make_comment(
        article, author_name="Olaf", author_email="olaf@example.org",
        body="Die Stadtverwaltung lügt sowieso.", created_at=start - datetime.timedelta(days=1),
    )  # fmt: skip
    return comments


def log_in(page):
    page.goto("/moderation/")
    expect(page).to_have_url(re.compile(r"/account/login/"))
    page.locator("#id_username").fill("moritz")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")  # the password form (the other sends a link)
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/moderation/$"))


def status(comment) -> str:
    return Comment.objects.get(pk=comment.pk).status


def test_a_moderator_approves_rejects_and_bans_with_the_keyboard(
    browser_page, browser_console, queue
):
    page = browser_page
    marta, olaf, tilda = queue["Marta"], queue["Olaf"], queue["Tilda"]
    log_in(page)
    items = page.locator("[data-item]")
    expect(items).to_have_count(3)
    expect(page.locator('[data-queue="waiting"] [data-count]')).to_have_text("3")

    # "?" shows the help; Escape closes it.
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts")).to_be_hidden()

    # j marks the first (newest) item, j again the second, k back to the first.
    page.keyboard.press("j")
    expect(page.locator(f"#item-{marta.pk}")).to_have_class(re.compile("item--current"))
    page.keyboard.press("j")
    expect(page.locator(f"#item-{olaf.pk}")).to_have_class(re.compile("item--current"))
    expect(page.locator(f"#item-{marta.pk}")).not_to_have_class(re.compile("item--current"))
    page.keyboard.press("k")
    expect(page.locator(f"#item-{marta.pk}")).to_be_focused()

    # a approves Marta; back on the queue, the marker is on the next item, Olaf.
    page.keyboard.press("a")
    expect(page.locator(".message")).to_have_text("Comment by Marta approved.")
    expect(page).to_have_url(re.compile(rf"/moderation/#item-{olaf.pk}$"))
    expect(items).to_have_count(2)
    expect(page.locator(f"#item-{olaf.pk}")).to_have_class(re.compile("item--current"))
    expect(page.locator(f"#item-{olaf.pk}")).to_be_focused()
    expect(page.locator("[data-announce]")).to_have_text("Comment by Marta approved.")
    assert status(marta) == "approved"

    # r focuses the reason; a reason and Enter reject Olaf's insult.
    page.keyboard.press("r")
    reason = page.locator(f"#reason-{olaf.pk}")
    expect(reason).to_be_focused()
    reason.select_option("insult")
    page.keyboard.press("Enter")
    expect(page.locator(".message")).to_have_text("Comment by Olaf rejected: Insult.")
    expect(items).to_have_count(1)
    assert status(olaf) == "trash"
    assert Comment.objects.get(pk=olaf.pk).removal_reason == "insult"

    # Typing in a field is not a shortcut: "a" in the explanation approves nothing.
    page.locator(f"#explanation-{tilda.pk}").fill("")
    page.locator(f"#explanation-{tilda.pk}").press("a")
    assert status(tilda) == "pending"

    # x selects Tilda for a bulk action.
    page.locator(f"#item-{tilda.pk}").focus()
    page.keyboard.press("x")
    expect(page.locator(f"#item-{tilda.pk} [data-select]")).to_be_checked()

    # Olaf is banned from his item's page, and his earlier comment goes with the ban.
    page.goto("/moderation/rejected/")
    page.keyboard.press("j")
    page.keyboard.press("e")
    expect(page).to_have_url(re.compile(rf"/moderation/comments/{olaf.pk}/$"))
    form = page.locator("[data-sanction-form]")
    form.get_by_label("E-mail address: olaf@example.org").check()
    form.get_by_label("Ban", exact=True).check()
    form.get_by_label("Reason", exact=True).select_option("insult")
    form.get_by_label("Message shown to the person").fill("Wiederholte Beleidigungen.")
    form.get_by_label("Also reject all their earlier comments").check()
    form.get_by_role("button", name="Give the sanction").click()
    expect(page.locator(".message")).to_have_text("Ban given to olaf@example.org.")
    expect(page.locator("[data-sanction=ban]").first).to_contain_text("Wiederholte Beleidigungen.")
    ban = Sanction.objects.get()
    assert (ban.kind, ban.target, ban.value, ban.ends_at) == (
        "ban", "email", "olaf@example.org", None,
    )  # fmt: skip
    assert status(queue["Olaf earlier"]) == "trash"
    assert AuditEntry.objects.filter(action="sanction", actor_name="moritz").count() == 1

    # The queue bar counts what is left.
    expect(page.locator('[data-queue="waiting"] [data-count]')).to_have_text("1")
    assert browser_console.csp_violations() == []
    assert not [m for m in browser_console.messages if m.startswith("pageerror")]
