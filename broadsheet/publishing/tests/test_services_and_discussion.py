"""No cross-app post_save: the discussion follows an article only through the services.

And one function owns Thread.comment_count (discussion.services.set_comment_count).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion import services as discussion
from broadsheet.discussion.models import EditorQuestion, Passage, Thread
from broadsheet.publishing import services
from broadsheet.publishing.models import Article

pytestmark = pytest.mark.django_db

QUESTION = "[[Die Linie wird verlängert.|Was halten Sie davon?]]"


def _discussion_queries(queries) -> list[str]:
    tables = ("discussion_", "moderation_")
    return [q["sql"] for q in queries if any(t in q["sql"] for t in tables)]


def test_an_orm_save_without_the_service_does_not_touch_discussion_tables():
    article = Article(title="Roh", slug="roh", body=f"Vorspann. {QUESTION}", status="published")
    with CaptureQueriesContext(connection) as queries:
        article.save()
        article.body = "Ganz anders."
        article.save()
    assert _discussion_queries(queries.captured_queries) == []
    assert not EditorQuestion.objects.exists()


def test_the_service_syncs_questions_and_reanchors_passages():
    article = Article(title="Mit Frage", slug="frage", body=f"Vorspann. {QUESTION}")
    services.publish_article(article)
    question = EditorQuestion.objects.get(article=article)
    assert question.active and question.passage == "Die Linie wird verlängert."
    comment = make_comment(article, body="Zur Stelle.")
    discussion_passage = Passage.objects.create(
        comment=comment, article=article, exact="Vorspann.", start=0, end=9
    )
    article.body = "Neuer Anfang. Vorspann. Ohne Frage."
    services.save_article(article)
    assert not EditorQuestion.objects.get(pk=question.pk).active
    discussion_passage.refresh_from_db()
    assert not discussion_passage.orphaned
    assert article.body_text[discussion_passage.start : discussion_passage.end] == "Vorspann."
    assert article.passage_report.total == 1


def test_the_counter_function_sets_exact_counts_and_moves_by_deltas():
    one, two = make_article("Eins"), make_article("Zwei")
    for article in (one, two):
        Thread.objects.get_or_create(article=article)
    make_comment(one), make_comment(one), make_comment(one, status="pending")
    Thread.objects.update(comment_count=99)  # gone wrong, as by a hand-edited row
    before = Thread.objects.get(pk=one.pk).version
    with CaptureQueriesContext(connection) as queries:
        discussion.set_comment_count([one.pk, two.pk])
    assert len(queries.captured_queries) == 1  # one UPDATE for every thread given
    assert Thread.objects.get(pk=one.pk).comment_count == 2
    assert Thread.objects.get(pk=two.pk).comment_count == 0
    assert Thread.objects.get(pk=one.pk).version > before
    discussion.set_comment_count(two.pk, delta=1)
    assert Thread.objects.get(pk=two.pk).comment_count == 1
    discussion.set_comment_count(two.pk)  # the exact count repairs a wrong one
    assert Thread.objects.get(pk=two.pk).comment_count == 0


def test_the_builders_count_through_the_counter_function():
    article = make_article()
    make_comment(article)
    make_comment(article, status="pending")
    assert Thread.objects.get(pk=article.pk).comment_count == 1
