"""A reader's own comment on a passage, still awaiting moderation, shows that passage
exactly as an approved one does: the quote in the comment and the highlight in the
article (for its author only)."""

import json
import re

import lxml.html
import pytest
from django.test import Client

from broadsheet.core.testing import make_article
from broadsheet.discussion.models import Comment

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


def quote_of(html: str, pk: int) -> str:
    """The comment's passage block, as markup, with nothing comment-specific in it."""
    (block,) = lxml.html.fromstring(html).xpath(
        f"//article[@id='comment-{pk}']/blockquote[contains(@class, 'comment__passage')]"
    )
    return lxml.html.tostring(block, encoding="unicode").strip()


def passages(html: str) -> list:
    found = re.search(
        r'<script id="passage-data" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(found.group(1))


def _two_comments(article, settings, **quote):
    """Max's approved comment and Lea's held one, quoting the same passage."""
    max_, lea = Reader(Client()), Reader(Client())
    settings.BROADSHEET_MODERATION = "none"
    max_.post_comment(article, "Freigegeben.", name="Max", email="max@example.org", **quote)
    settings.BROADSHEET_MODERATION = "all"
    response = lea.post_comment(article, "Wartet noch.", fragment=True, **quote)
    assert response.status_code == 201 and response["X-Comment-Status"] == "pending"
    approved = Comment.objects.get(body="Freigegeben.")
    pending = Comment.objects.get(body="Wartet noch.")
    return lea, approved, pending, response.content.decode()


@pytest.mark.parametrize(
    "quote",
    [{"passage_exact": "die Linie sei überfällig"}, {"question": "1"}],
    ids=["selected passage", "editor question"],
)
def test_the_pending_comment_quotes_its_passage_like_an_approved_one(article, settings, quote):
    lea, approved, pending, fragment = _two_comments(article, settings, **quote)
    page = lea.page(article)
    expected = quote_of(page, approved.pk)
    assert "die Linie" in expected or "Senat" in expected
    # On the page, in the fragment JS inserts after posting, and after an edit.
    assert quote_of(page, pending.pk) == expected
    assert quote_of(f"<div>{fragment}</div>", pending.pk) == expected
    edited = lea.client.post(
        f"/discussion/comments/{pending.pk}/edit/",
        {"body": "Korrigiert."},
        HTTP_ORIGIN="http://testserver",
        HTTP_X_BROADSHEET_FRAGMENT="1",
    )
    assert edited.status_code == 200
    assert quote_of(f"<div>{edited.content.decode()}</div>", pending.pk) == expected
    # And under the filter for this passage.
    span = re.search(r'data-passage="(\d+-\d+)"', expected).group(1)
    filtered = lea.client.get(f"/discussion/{article.pk}/thread/?passage={span}").content
    assert quote_of(f"<div>{filtered.decode()}</div>", pending.pk) == expected


def test_the_author_sees_the_highlight_of_a_pending_passage_and_nobody_else_does(
    article, settings, client
):
    settings.BROADSHEET_MODERATION = "all"
    lea = Reader(Client())
    lea.post_comment(article, "Wartet.", passage_exact="die Linie sei zu teuer")
    mine = passages(lea.page(article))
    assert [(p["exact"], p["count"]) for p in mine] == [("die Linie sei zu teuer", 1)]
    assert passages(client.get(article.get_absolute_url()).content.decode()) == []


def test_a_pending_passage_adds_to_the_count_of_an_approved_one_for_its_author(article, settings):
    lea, approved, pending, _ = _two_comments(
        article, settings, passage_exact="die Linie sei überfällig"
    )
    (group,) = passages(lea.page(article))
    assert group["count"] == 2
    (public,) = passages(Client().get(article.get_absolute_url()).content.decode())
    assert public["count"] == 1


def test_a_pending_answer_to_an_editor_question_counts_for_its_author(article, settings):
    lea, approved, pending, _ = _two_comments(article, settings, question="1")
    html = lea.page(article)
    (group,) = passages(html)
    assert group["question"] == 1 and group["count"] == 2
