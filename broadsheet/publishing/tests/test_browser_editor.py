"""An editor writes in the real admin: toolbar, live preview, word count and autosave."""

import time

import pytest
from django.conf import global_settings
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from broadsheet.core.testing import make_article
from broadsheet.publishing.models import Article, ArticleAutosave

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def de(message: str) -> str:
    with translation.override("de"):
        return gettext(message)


def test_the_editor_previews_counts_words_and_autosaves_without_a_revision(
    browser_page, browser_console, editor, settings
):
    # The server checks passwords with the real hashers, not the suite's fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    editor.set_password("redaktion-geheim")
    editor.save(update_fields=["password"])
    article = make_article("Skizze", status=Article.Status.DRAFT, body="Erster Satz.")
    page = browser_page
    page.goto(f"/admin/login/?next=/admin/publishing/article/{article.pk}/change/")
    page.fill("input[name=username]", "erika")
    page.fill("input[name=password]", "redaktion-geheim")
    page.locator("input[type=submit]").click()
    body = page.locator("#id_body")
    expect(body).to_have_value("Erster Satz.")
    expect(page.locator("#body-preview")).to_contain_text("Erster Satz.")

    body.press("End")
    body.press_sequentially(" Zweiter")
    body.evaluate("el => el.setSelectionRange(el.value.length - 7, el.value.length)")
    page.get_by_role("button", name=de("Bold"), exact=True).click()
    expect(body).to_have_value("Erster Satz. **Zweiter**")
    expect(page.locator("#body-preview strong")).to_have_text("Zweiter")
    expect(page.locator(".md-words")).to_contain_text("3")

    deadline = time.monotonic() + 15
    while not ArticleAutosave.objects.filter(article=article).exists():
        assert time.monotonic() < deadline, "no autosave within 15 s"
        time.sleep(0.5)
    assert ArticleAutosave.objects.get().body == "Erster Satz. **Zweiter**"
    assert article.revisions.count() == 1  # typing made no revision
    assert Article.objects.get(pk=article.pk).body == "Erster Satz."

    page.reload()  # reopening brings back what was typed
    expect(page.locator("#id_body")).to_have_value("Erster Satz. **Zweiter**")
    assert browser_console.csp_violations() == []
