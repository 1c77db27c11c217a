"""What a reader does with a mouse: once with JavaScript, once without."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from broadsheet.core.browser import DEFAULT_TIMEOUT_MS
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment, Rating

pytestmark = pytest.mark.browser


@pytest.fixture
def server_settings():
    return {
        "BROADSHEET_MODERATION": "none",
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
        "BROADSHEET_COMMENTS_PER_PAGE": "2",
    }


@pytest.fixture
def thread(db):
    article = make_article(
        "Die Stadtbahn kommt", slug="stadtbahn", body="Die Stadt baut eine Bahn."
    )
    start = timezone.now() - datetime.timedelta(days=3)
    old = make_comment(article, author_name="Jonas", body="Der älteste Beitrag.", created_at=start)
    make_comment(
        article,
        author_name="Mira",
        body="Der mittlere Beitrag.",
        created_at=start + datetime.timedelta(hours=1),
    )
    make_comment(
        article,
        author_name="Ole",
        body="Der neueste Beitrag.",
        created_at=start + datetime.timedelta(hours=2),
    )
    return article, old


@pytest.fixture
def no_js_page(chromium_browser, site_server, settings):
    context = chromium_browser.new_context(
        base_url=site_server.base_url, locale=settings.LANGUAGE_CODE, java_script_enabled=False
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def fill_guest_form(page, body: str):
    form = page.locator("[data-comment-form]")
    if form.locator("#comment-name").is_visible():
        form.locator("#comment-name").fill("Lea Leserin")
        form.locator("#comment-email").fill("lea@example.org")
    form.locator("#comment-body").fill(body)
    return form


def test_a_guest_comments_replies_votes_sorts_loads_more_and_rates_with_javascript(
    browser_page, browser_console, thread
):
    article, old = thread
    page = browser_page
    page.goto(article.get_absolute_url())

    fill_guest_form(page, "Mein erster Gedanke.").get_by_role(
        "button", name="Kommentar senden"
    ).click()
    expect(page.locator(".comment", has_text="Mein erster Gedanke.")).to_be_visible()
    expect(page.locator("[data-announce]")).to_have_text("Ihr Kommentar ist veröffentlicht.")
    assert page.url.endswith(article.get_absolute_url())  # no reload

    page.locator(f"#comment-{old.pk} [data-reply]").click()
    expect(page.locator("#respond h3")).to_have_text("Antwort an Jonas")
    fill_guest_form(page, "Da stimme ich zu.").get_by_role(
        "button", name="Kommentar senden"
    ).click()
    reply = page.locator(".reply .comment", has_text="Da stimme ich zu.")
    expect(reply).to_be_visible()
    expect(reply.locator(".comment__reply-to")).to_have_text("Antwort an Jonas")
    assert Comment.objects.get(body="Da stimme ich zu.").parent_id == old.pk

    up = page.locator(f"#comment-{old.pk} .vote__up")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(up.locator("[data-up]")).to_have_text("1")

    page.get_by_role("link", name="Neueste").click()
    expect(page.locator(".conversation").first).to_contain_text("Mein erster Gedanke.")

    page.get_by_role("link", name="Älteste").click()
    # Wait for the oldest-first page itself: the newest-first one has two conversations too,
    # and "load more" on it would load the wrong page.
    expect(page.locator(".conversation").first).to_contain_text("Der älteste Beitrag.")
    expect(page.locator(".conversation")).to_have_count(2)
    page.get_by_role("link", name="Weitere Kommentare laden").click()
    expect(page.locator(".conversation")).to_have_count(4)
    expect(page.locator(".conversation").last).to_contain_text("Mein erster Gedanke.")

    page.get_by_label("4 Sterne").check()  # choosing sends nothing; "Bewerten" does
    page.get_by_role("button", name="Bewerten").click()
    expect(page.locator("[data-rating-average]")).to_have_text("4,0")
    expect(page.locator("[data-rating-count]")).to_have_text("1 Stimme")
    assert Rating.objects.get().stars == 4
    assert browser_console.csp_violations() == []
    assert not [m for m in browser_console.messages if m.startswith("pageerror")]


def test_a_guest_does_the_same_without_javascript(no_js_page, thread):
    article, old = thread
    page = no_js_page
    page.goto(article.get_absolute_url())

    fill_guest_form(page, "Ohne Skript geschrieben.").get_by_role(
        "button", name="Kommentar senden"
    ).click()
    new = Comment.objects.get(body="Ohne Skript geschrieben.")
    assert page.url.endswith(f"#comment-{new.pk}")
    expect(page.locator(f"#comment-{new.pk}")).to_be_visible()

    page.goto(article.get_absolute_url())
    page.locator(f"#comment-{old.pk} [data-reply]").click()
    expect(page.locator("#respond h3")).to_have_text("Antwort an Jonas")
    fill_guest_form(page, "Antwort ohne Skript.").get_by_role(
        "button", name="Kommentar senden"
    ).click()
    reply = Comment.objects.get(body="Antwort ohne Skript.")
    assert reply.parent_id == old.pk
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Antwort an Jonas")

    # A guest's vote counts once their identity is 2 s old (BROADSHEET_VOTE_MIN_SECONDS):
    # the voter cookie came with the first comment a moment ago, the page just now. The
    # script waits by itself; without it the reader would be asked to try again.
    page.wait_for_timeout(2100)
    page.locator(f"#comment-{old.pk} .vote__up").click()
    expect(page.locator(f"#comment-{old.pk} .vote__up")).to_have_attribute("aria-pressed", "true")
    old.refresh_from_db()
    assert old.upvotes == 1

    page.get_by_role("link", name="Neueste").click()
    expect(page.locator(".conversation").first).to_contain_text("Ohne Skript geschrieben.")
    page.get_by_role("link", name="Älteste").click()
    page.get_by_role("link", name="Weitere Kommentare laden").click()
    expect(page.locator(".conversation").first).to_contain_text("Der neueste Beitrag.")

    page.get_by_label("2 Sterne").check()
    page.get_by_role("button", name="Bewerten").click()
    assert page.url.endswith("#rating")
    expect(page.locator("[data-rating-average]")).to_have_text("2,0")


def test_a_mistake_in_the_form_keeps_everything_the_guest_typed(no_js_page, thread):
    article, _ = thread
    page = no_js_page
    page.goto(article.get_absolute_url())
    form = page.locator("[data-comment-form]")
    form.locator("#comment-name").fill("Lea")
    form.locator("#comment-email").fill("keine-adresse")
    form.locator("#comment-body").fill("Dieser lange Text darf nicht verloren gehen.")
    form.get_by_role("button", name="Kommentar senden").click()
    expect(page.locator("#comment-email-error")).to_be_visible()
    expect(page.locator("#comment-body")).to_have_value(
        "Dieser lange Text darf nicht verloren gehen."
    )
    assert not Comment.objects.filter(body__startswith="Dieser lange").exists()
