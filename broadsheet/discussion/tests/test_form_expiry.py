"""The comment form's signed timestamp expires; a reader who took long keeps the comment.

A timestamp collected once must not post comments for days (a security review had a
55-minute-old one accepted from a client that never loaded the page), and a reader who
wrote for an afternoon gets the form back with everything kept: one more click sends it.
"""

import datetime
import html
import re

import pytest
import time_machine
from django.utils import timezone, translation

from broadsheet.discussion.models import Comment, CommentDraft

pytestmark = pytest.mark.django_db

TEXT = "Lange überlegt, sorgfältig formuliert: die Stadtbahn braucht eine zweite Linie."


def message(msgid: str) -> str:
    """A message as the site shows it, in its language (German by default)."""
    with translation.override("de"):
        return translation.gettext(msgid)


EXPIRED = "The form was open for too long. Please send it again."


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.BROADSHEET_MODERATION = "none"
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 3
    settings.BROADSHEET_COMMENT_FORM_MAX_AGE = 6 * 3600


def form_ts(page: str) -> str:
    """The comment form's timestamp (the page's other forms carry their own)."""
    form = page[page.index("data-comment-form") :]
    return html.unescape(re.search(r'name="ts" value="([^"]+)"', form).group(1))


def test_the_default_age_is_six_hours():
    from django.conf import settings

    assert settings.BROADSHEET_COMMENT_FORM_MAX_AGE == 6 * 3600


def test_a_form_within_its_age_posts(lea, article):
    ts = lea.form_timestamp(article)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=5, minutes=59)):
        response = lea.post_comment(article, TEXT, ts=ts)
    assert response.status_code == 303
    assert Comment.objects.get().body == TEXT


def test_a_timestamp_replayed_after_its_age_posts_nothing(lea, article):
    ts = lea.form_timestamp(article)
    later = timezone.now() + datetime.timedelta(hours=6, seconds=5)
    with time_machine.travel(later):
        for days in range(3):
            with time_machine.travel(later + datetime.timedelta(days=days)):
                assert (
                    lea.post_comment(article, f"{TEXT} {days}", ts=ts, follow=True).status_code
                    == 400
                )
    assert not Comment.objects.exists()


def test_an_expired_form_comes_back_with_everything_kept_and_one_click_sends_it(lea, article):
    ts = lea.form_timestamp(article)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=7)):
        response = lea.post_comment(
            article, TEXT, ts=ts, url="https://lea.example", notify="replies", follow=True
        )
        assert response.status_code == 400
        assert not Comment.objects.exists()
        page = response.content.decode()
        assert message(EXPIRED) in page
        assert TEXT in html.unescape(page)
        assert 'value="Lea Leserin"' in page
        assert 'value="lea@example.org"' in page
        assert 'value="https://lea.example"' in page
        assert '<option value="replies" selected>' in page
        fresh = form_ts(page)
        assert fresh != ts
        draft = re.search(r'name="draft" value="([^"]+)"', page).group(1)
        # At once, with the form as it came back: no "that was quick", no second refusal.
        again = lea.post_comment(article, TEXT, ts=fresh, draft=draft)
    assert again.status_code == 303
    assert "#comment-" in again["Location"]
    assert Comment.objects.get().body == TEXT
    assert not CommentDraft.objects.exists()


def test_an_expired_form_sent_by_script_gets_a_fresh_timestamp_to_send_again(lea, article):
    ts = lea.form_timestamp(article)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=7)):
        refused = lea.post_comment(article, TEXT, ts=ts, fragment=True)
        assert refused.status_code == 400
        body = refused.json()
        assert body["error"] == message(EXPIRED)
        assert body["ts"] and body["ts"] != ts
        again = lea.post_comment(article, TEXT, ts=body["ts"], fragment=True)
    assert again.status_code == 201
    assert Comment.objects.count() == 1
    assert not CommentDraft.objects.exists()  # the script's form stays on its page


def test_a_forged_timestamp_gets_no_head_start(lea, article):
    """A script that never loaded the page waits the minimum fill time like anyone."""
    refused = lea.post_comment(article, TEXT, ts="forged", fragment=True)
    assert refused.status_code == 400
    again = lea.post_comment(article, TEXT, ts=refused.json()["ts"], fragment=True)
    assert again.status_code == 400
    assert again.json()["error"] == message(
        "That was quick! Please take a moment and send your comment again."
    )
    assert not Comment.objects.exists()


def test_a_form_sent_too_quickly_keeps_its_own_timestamp(lea, article):
    """Too quick is not expired: the script keeps the page's timestamp, which soon passes."""
    ts = lea.form_timestamp(article)
    refused = lea.post_comment(article, TEXT, ts=ts, fragment=True)
    assert refused.status_code == 400 and "ts" not in refused.json()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=4)):
        assert lea.post_comment(article, TEXT, ts=ts, fragment=True).status_code == 201
