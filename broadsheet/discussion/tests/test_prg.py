"""Refused comments: post/redirect/get, so a reload never sends a comment again.

Without JS a refusal (too quick, expired, invalid, rate-limited, closed) redirects to
the form given back, held as a CommentDraft under a token in the address (never the
e-mail): the page shows the text, each field's error and a fresh timestamp, to its
author only, and no cache keeps it.
"""

import datetime
import html
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from broadsheet.discussion.models import Comment, CommentDraft

from .conftest import Reader

pytestmark = pytest.mark.django_db

TEXT = "Nicht verloren, auch ohne JavaScript."


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.BROADSHEET_MODERATION = "none"


def refused(reader, article, body=TEXT, **fields):
    """Send a form that is refused; the redirect's address and the page it names."""
    response = reader.post_comment(article, body, **fields)
    assert response.status_code == 303
    location = response["Location"]
    return location, reader.client.get(location)


def test_a_refusal_redirects_to_the_form_given_back_and_never_names_the_address(
    lea, article, settings
):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    location, page = refused(lea, article)
    assert re.fullmatch(
        rf"/discussion/{article.pk}/comments/\?draft=[\w-]{{20,}}#respond", location
    )
    assert "lea" not in location and "example.org" not in location
    assert page.status_code == 400
    content = html.unescape(page.content.decode())
    assert TEXT in content
    assert 'value="Lea Leserin"' in content and 'value="lea@example.org"' in content
    assert "Das ging schnell!" in content
    assert not Comment.objects.exists()


def test_reloading_the_page_after_a_refusal_sends_nothing(lea, article, settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    location, _page = refused(lea, article)
    for _ in range(3):
        again = lea.client.get(location)
        assert TEXT in html.unescape(again.content.decode())
    assert not Comment.objects.exists()
    assert CommentDraft.objects.count() == 1


def test_each_field_shows_its_own_error(lea, article):
    _location, page = refused(lea, article, email="keine-adresse", url="javascript:alert(1)")
    content = page.content.decode()
    email_error = re.search(r'id="comment-email-error"[^>]*>([^<]+)<', content).group(1)
    url_error = re.search(r'id="comment-url-error"[^>]*>([^<]+)<', content).group(1)
    assert "E-Mail-Adresse" in email_error
    assert "Adresse" in url_error and email_error != url_error
    assert 'aria-invalid="true"' in content
    assert 'value="keine-adresse"' in content


def test_a_rate_limited_comment_comes_back_with_its_status(article, one_rate_limit_window):
    for i in range(5):
        Reader(Client()).post_comment(article, f"Nummer {i}", email=f"{i}@example.org")
    location, page = refused(Reader(Client()), article, email="sechs@example.org")
    assert page.status_code == 429
    assert TEXT in html.unescape(page.content.decode())


def test_the_form_given_back_is_private_and_not_cached(lea, max_, article, settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    location, page = refused(lea, article)
    cache_control = page["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert page["Referrer-Policy"] == "no-referrer"
    # Everyone else, before and after: the article without Lea's draft.
    for reader in (max_, Reader(Client())):
        assert TEXT not in html.unescape(reader.page(article))
        assert "lea@example.org" not in reader.page(article)


def test_a_stranger_with_a_guessed_or_expired_token_gets_the_article(lea, max_, article, settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    location, _page = refused(lea, article)
    guessed = max_.client.get(f"/discussion/{article.pk}/comments/?draft=nope")
    assert guessed.status_code == 302
    assert guessed["Location"] == f"{article.get_absolute_url()}#respond"
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, minutes=1)):
        expired = lea.client.get(location)
    assert expired.status_code == 302
    assert TEXT not in expired.content.decode()


def test_a_draft_for_another_article_is_not_shown_there(lea, article, settings):
    from broadsheet.core.testing import make_article

    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    location, _page = refused(lea, article)
    other = make_article("Anderswo", slug="anderswo")
    token = location.split("draft=")[1].split("#")[0]
    response = lea.client.get(f"/discussion/{other.pk}/comments/?draft={token}")
    assert response.status_code == 302


def test_sending_the_form_given_back_posts_once_and_forgets_the_draft(lea, article):
    _location, page = refused(lea, article, email="keine-adresse")
    content = page.content.decode()
    form = content[content.index("data-comment-form") :]
    ts = html.unescape(re.search(r'name="ts" value="([^"]+)"', form).group(1))
    draft = re.search(r'name="draft" value="([^"]+)"', form).group(1)
    response = lea.post_comment(article, TEXT, ts=ts, draft=draft)
    assert response.status_code == 303 and "#comment-" in response["Location"]
    assert Comment.objects.get().body == TEXT
    assert not CommentDraft.objects.exists()


def test_expired_drafts_are_deleted_when_the_next_is_saved(lea, article, settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    refused(lea, article)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        refused(lea, article, "Später noch einmal.")
    assert list(CommentDraft.objects.values_list("fields__body", flat=True)) == [
        "Später noch einmal."
    ]


def test_a_reply_comes_back_as_a_reply(lea, article, settings):
    from broadsheet.core.testing import make_comment

    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    parent = make_comment(article, author_name="Jonas")
    _location, page = refused(lea, article, reply_to=parent.pk)
    content = page.content.decode()
    assert "Antwort an Jonas" in content
    assert f'name="reply_to" value="{parent.pk}"' in content


def test_with_javascript_refusals_stay_json_and_store_no_draft(lea, article, settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    response = lea.post_comment(article, TEXT, fragment=True, email="keine-adresse")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] and "email" in body["fields"]
    assert not CommentDraft.objects.exists()


def test_the_honeypot_is_not_kept_in_the_draft(lea, article):
    refused(lea, article, homepage="https://spam.example")
    assert "homepage" not in CommentDraft.objects.get().fields
