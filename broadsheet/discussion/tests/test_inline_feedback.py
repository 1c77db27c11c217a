"""Inline feedback: comments on one passage of the article, and editor questions."""

import json
import re

import pytest

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment, EditorQuestion, Passage
from broadsheet.publishing.services import save_article

pytestmark = pytest.mark.django_db

BODY = (
    "Die Stadt plant eine neue Straßenbahnlinie.\n\n"
    "[[Der Senat will die Linie bis 2030 verlängern.|Was halten Sie von diesem Vorschlag?]]\n\n"
    "Kritiker sagen, die Linie sei zu teuer. Befürworter sagen, die Linie sei überfällig."
)


@pytest.fixture
def article(db):
    return make_article("Die neue Linie", slug="linie", body=BODY)


@pytest.fixture(autouse=True)
def _open_door(settings):
    settings.BROADSHEET_MODERATION = "none"


def passages_json(html: str) -> list:
    return json.loads(
        re.search(
            r'<script id="passage-data" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )


def test_an_editor_question_is_shown_with_a_marker_and_a_link_to_the_form(client, article):
    question = EditorQuestion.objects.get(article=article)
    assert (question.number, question.question) == (1, "Was halten Sie von diesem Vorschlag?")
    assert question.passage == "Der Senat will die Linie bis 2030 verlängern."
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<mark class="editor-question" id="frage-1" data-question="1">Der Senat will' in html
    assert 'href="?question=1#respond"' in html


def test_the_question_form_works_without_javascript(lea, article):
    form_page = lea.page(article, "?question=1")
    assert "„Der Senat will die Linie bis 2030 verlängern.“" in form_page
    assert 'name="question" value="1"' in form_page
    response = lea.post_comment(article, "Gute Idee, aber zu spät.", question="1")
    assert response.status_code == 303
    passage = Passage.objects.get()
    assert (
        passage.question.number == 1
        and passage.exact == "Der Senat will die Linie bis 2030 verlängern."
    )
    html = lea.page(article)
    assert "(1 Antwort)" in html
    assert "Gute Idee, aber zu spät." in html
    assert '<a href="#frage-1" data-passage=' in html


def test_a_reader_comments_on_a_selected_passage_and_the_server_computes_the_selector(lea, article):
    response = lea.post_comment(
        article,
        "Teuer ist relativ.",
        passage_exact="die Linie sei",
        passage_prefix="Kritiker sagen, ",
        passage_start="9999",  # a wrong hint from the browser changes nothing
    )
    assert response.status_code == 303
    passage = Passage.objects.get()
    assert passage.exact == "die Linie sei"
    assert article.body_text[passage.start - 16 : passage.start] == "Kritiker sagen, "
    assert passage.suffix.startswith(" zu teuer.")
    assert Comment.objects.get().has_passage
    data = passages_json(lea.page(article))
    assert data == [
        {
            "id": f"{passage.start}-{passage.end}", "exact": "die Linie sei", "prefix": passage.prefix,
            "suffix": passage.suffix, "start": passage.start, "end": passage.end, "count": 1, "question": None,
            "label": "1 Kommentar zu dieser Stelle",  # the highlight's name, for screen readers
        }
    ]  # fmt: skip


@pytest.mark.parametrize(
    "exact",
    [
        "Dieser Satz steht nicht im Artikel.",
        "<script>alert(1)</script>",
        "x" * 1500,
        "Kritiker sagen, die Linie sei zu günstig",
    ],
)
def test_a_quote_that_is_not_in_the_article_is_refused_and_nothing_is_saved(lea, article, exact):
    response = lea.post_comment(article, "Mein Kommentar bleibt.", passage_exact=exact, follow=True)
    assert response.status_code == 400
    assert Comment.objects.count() == 0 and Passage.objects.count() == 0
    html = response.content.decode()
    assert "Mein Kommentar bleibt." in html


def test_a_question_that_does_not_exist_is_refused(lea, article):
    assert lea.post_comment(article, "Hallo", question="7", follow=True).status_code == 400
    assert Comment.objects.count() == 0


def test_a_reply_cannot_quote_a_passage(lea, article):
    parent = make_comment(article)
    response = lea.post_comment(
        article, "Antwort", reply_to=parent.pk, passage_exact="die Linie sei", follow=True
    )
    assert response.status_code == 400
    assert not Passage.objects.exists()


def test_the_inline_filter_shows_only_comments_on_passages(lea, article, client):
    plain = make_comment(article, body="Allgemein.")
    lea.post_comment(article, "Zur Stelle.", passage_exact="die Linie sei überfällig")
    inline = Comment.objects.get(body="Zur Stelle.")
    all_html = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{plain.pk}"' in all_html and f'id="comment-{inline.pk}"' in all_html
    inline_html = client.get(article.get_absolute_url() + "?filter=inline").content.decode()
    assert (
        f'id="comment-{plain.pk}"' not in inline_html and f'id="comment-{inline.pk}"' in inline_html
    )
    passage = inline.passage
    fragment = client.get(f"/discussion/{article.pk}/thread/?passage={passage.start}-{passage.end}")
    assert f'id="comment-{inline.pk}"' in fragment.content.decode()


def test_an_edit_elsewhere_keeps_the_passage_and_a_deleted_passage_is_orphaned(
    lea, article, client
):
    lea.post_comment(article, "Zu teuer?", passage_exact="die Linie sei zu teuer")
    passage = Passage.objects.get()
    article.body = "Neuer Vorspann.\n\n" + article.body
    save_article(article)
    passage.refresh_from_db()
    assert not passage.orphaned
    assert article.body_text[passage.start : passage.end] == "die Linie sei zu teuer"
    assert article.passage_report.kept["exact"] == 1

    article.body = article.body.replace("Kritiker sagen, die Linie sei zu teuer. ", "")
    save_article(article)
    passage.refresh_from_db()
    assert passage.orphaned and article.passage_report.orphaned == 1
    html = client.get(article.get_absolute_url()).content.decode()
    assert "nicht mehr im Artikel" in html and "„die Linie sei zu teuer“" in html
    assert passages_json(html) == []


def test_the_editor_is_told_how_many_passages_were_orphaned(client, editor, article, lea):
    lea.post_comment(article, "Zu teuer?", passage_exact="die Linie sei zu teuer")
    client.force_login(editor)
    response = client.post(
        f"/admin/publishing/article/{article.pk}/change/",
        {
            "title": article.title,
            "slug": article.slug,
            "body": "Alles neu geschrieben.",
            "status": "published",
            "published_at_0": article.published_at.strftime("%d.%m.%Y"),
            "published_at_1": "10:00:00",
            "comments_enabled": "on",
            "rating_enabled": "on",
            "article_authors-TOTAL_FORMS": "0",
            "article_authors-INITIAL_FORMS": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },  # fmt: skip
        follow=True,
    )
    assert (
        "1 Kommentar zitiert eine Stelle, die nicht mehr im Artikel steht"
        in response.content.decode()
    )


def test_a_removed_editor_question_becomes_inactive_and_its_link_disappears(client, article):
    article.body = BODY.replace(
        "[[Der Senat will die Linie bis 2030 verlängern.|Was halten Sie von diesem Vorschlag?]]",
        "Der Senat will die Linie bis 2030 verlängern.",
    )
    save_article(article)
    assert not EditorQuestion.objects.get(article=article).active
    assert "?question=1" not in client.get(article.get_absolute_url()).content.decode()
    assert client.get(article.get_absolute_url() + "?question=1").status_code == 200


def test_inline_comments_pass_the_same_moderation(lea, article, settings, client):
    settings.BROADSHEET_MODERATION = "first-time"
    lea.post_comment(article, "Erstmals hier.", passage_exact="die Linie sei überfällig")
    assert Comment.objects.get().status == "pending"
    assert passages_json(client.get(article.get_absolute_url()).content.decode()) == []
    # held comments mark no passage for others; their author sees it as approved ones are
    assert [p["exact"] for p in passages_json(lea.page(article))] == ["die Linie sei überfällig"]
