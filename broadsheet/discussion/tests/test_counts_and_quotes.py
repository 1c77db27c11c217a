"""Numbers and quotation marks as each language writes them: plural counts, grouped
thousands (never inside ids), and quotes that are not German on the English site."""

import json
import re

import lxml.html
import pytest
from django.test import override_settings

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Thread

from .conftest import Reader

pytestmark = pytest.mark.django_db

BODY = (
    "Die Stadt plant eine neue Straßenbahnlinie.\n\n"
    "[[Der Senat will die Linie bis 2030 verlängern.|Was halten Sie von diesem Vorschlag?]]\n\n"
    "Kritiker sagen, die Linie sei zu teuer. Befürworter sagen, die Linie sei überfällig."
)


@pytest.fixture
def article(db):
    return make_article("Die neue Linie", slug="linie", body=BODY)


@pytest.fixture
def _open_door(settings):
    settings.BROADSHEET_MODERATION = "none"


def passages(html: str) -> list:
    found = re.search(
        r'<script id="passage-data" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(found.group(1))


def discussion(html: str):
    (section,) = lxml.html.fromstring(html).xpath("//*[@id='comments']")
    return section


# --- Plural counts on passages --------------------------------------------------------


def test_a_passage_count_is_a_proper_plural(client, article, english, _open_door):
    Reader(client).post_comment(article, "Zu teuer?", passage_exact="die Linie sei zu teuer")
    (one,) = passages(client.get(article.get_absolute_url()).content.decode())
    assert one["label"] == "1 comment on this passage"
    Reader(client).post_comment(article, "Finde ich nicht.", passage_exact="die Linie sei zu teuer")
    (two,) = passages(client.get(article.get_absolute_url()).content.decode())
    assert two["count"] == 2 and two["label"] == "2 comments on this passage"


# --- Quotation marks -----------------------------------------------------------------


def test_quotes_are_english_on_the_english_site(client, article, english, _open_door):
    Reader(client).post_comment(article, "Zu teuer?", passage_exact="die Linie sei zu teuer")
    html = client.get(article.get_absolute_url()).content.decode()
    (quote,) = discussion(html).xpath("//blockquote[contains(@class, 'comment__passage')]//a")
    assert quote.text_content() == "“die Linie sei zu teuer”"
    form = client.get(article.get_absolute_url() + "?question=1").content.decode()
    (asked,) = discussion(form).xpath(
        "//blockquote[contains(@class, 'respond__quote')][not(@data-passage-quote)]"
    )
    assert asked.text_content() == "“Der Senat will die Linie bis 2030 verlängern.”"
    assert "„" not in lxml.html.tostring(discussion(html), encoding="unicode")


def test_quotes_are_german_on_the_german_site(client, article, _open_door):
    Reader(client).post_comment(article, "Zu teuer?", passage_exact="die Linie sei zu teuer")
    html = client.get(article.get_absolute_url()).content.decode()
    (quote,) = discussion(html).xpath("//blockquote[contains(@class, 'comment__passage')]//a")
    assert quote.text_content() == "„die Linie sei zu teuer“"


def test_a_quoted_passage_is_escaped(client, english, _open_door):
    article = make_article("Markup", body="Er schrieb <b>fett</b> & mehr dazu.")
    Reader(client).post_comment(article, "Hm.", passage_exact="fett & mehr")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "“fett &amp; mehr”" in html


def test_no_discussion_template_hard_codes_german_quotes():
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        str(path.relative_to(templates))
        for folder in ("discussion", "moderation")
        for path in (templates / folder).rglob("*.html")
        if "„" in path.read_text()
    ]
    assert offenders == []


# --- Thousands -----------------------------------------------------------------------


def _big_thread(article, count=10_000):
    comment = make_comment(article, upvotes=1234, downvotes=5, score=1229, pk=12345)
    Thread.objects.filter(pk=article.pk).update(comment_count=count)
    return comment


def test_the_comment_count_is_grouped_in_german(client, article):
    _big_thread(article)
    (title,) = discussion(client.get(article.get_absolute_url()).content.decode()).xpath("//h2")
    assert title.text_content() == "10.000 Kommentare"


def test_the_comment_count_is_grouped_in_english(client, article, english):
    _big_thread(article, 1_234_567)
    (title,) = discussion(client.get(article.get_absolute_url()).content.decode()).xpath("//h2")
    assert title.text_content() == "1,234,567 comments"


@pytest.mark.parametrize("count", [0, 1, 999])
def test_small_counts_are_not_grouped(client, article, english, count):
    Thread.objects.update_or_create(article=article, defaults={"comment_count": count})
    (title,) = discussion(client.get(article.get_absolute_url()).content.decode()).xpath("//h2")
    assert title.text_content() == f"{count} comment{'' if count == 1 else 's'}"


def test_vote_counts_are_grouped_but_ids_never_are(client, article):
    comment = _big_thread(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="vote__count" data-up>1.234</span>' in html
    _assert_plain_ids(html, comment)


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_ids_stay_plain_even_if_the_site_groups_every_number(client, article):
    comment = _big_thread(article)
    reply = make_comment(article, parent=comment, pk=23456)
    Thread.objects.filter(pk=article.pk).update(comment_count=10_000)
    html = client.get(article.get_absolute_url()).content.decode()
    _assert_plain_ids(html, comment)
    assert f'data-comment="{reply.pk}"' in html and 'data-depth="1"' in html
    fragment = client.get(
        f"/discussion/{article.pk}/conversations/{comment.pk}/", HTTP_X_BROADSHEET_FRAGMENT="1"
    ).content.decode()
    _assert_plain_ids(fragment, comment)


def _assert_plain_ids(html: str, comment) -> None:
    pk = comment.pk
    for needle in (
        f'id="comment-{pk}"',
        f'data-comment="{pk}"',
        f'href="/comment/{pk}/"',
        f'action="/discussion/comments/{pk}/vote/"',
        f'href="?reply_to={pk}#respond"',
        f'data-reply="{pk}"',
        f'href="/discussion/comments/{pk}/report/"',
    ):
        assert needle in html, needle
    assert not re.search(
        r"(comment-|data-comment=\"|reply_to=|data-reply=\")\d{1,3}[.,]\d{3}", html
    )


def test_the_rating_count_label_is_grouped(client, article, english):
    Thread.objects.update_or_create(
        article=article, defaults={"rating_count": 9_999, "rating_sum": 9_999 * 4}
    )
    reader = Reader(client)
    response = reader.rate(article, 5)
    assert response.status_code == 200
    assert response.json()["count_label"] == "10,000 votes"
