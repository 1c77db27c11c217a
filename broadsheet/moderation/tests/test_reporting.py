"""A reader reports a comment from the article page, without JavaScript."""

import pytest
from django.test import Client

from broadsheet.core.testing import make_article, make_comment
from broadsheet.moderation.models import Report
from broadsheet.notifications.models import Delivery

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def comment():
    article = make_article("Der neue Busfahrplan", slug="busfahrplan")
    return make_comment(article, body="Die Fahrer sind alle faul.", author_name="Hans H.")


def url(comment):
    return f"/discussion/comments/{comment.pk}/report/"


NOTICE = {
    "category": "illegal",
    "law": "§ 185 StGB (Beleidigung)",
    "explanation": "Pauschale Beleidigung aller Busfahrer.",
    "reporter_name": "Anna Albers",
    "reporter_email": "Anna@Example.org",
    "good_faith": "on",
}


def test_the_report_page_shows_the_comment_and_the_choices(client, comment):
    page = client.get(url(comment)).content.decode()
    assert "Die Fahrer sind alle faul." in page
    for value in (
        "spam",
        "insult",
        "harassment",
        "misinformation",
        "off_topic",
        "other",
        "illegal",
    ):
        assert f'value="{value}"' in page


def test_a_guest_sends_a_notice_of_illegal_content(client, comment):
    response = client.post(url(comment), NOTICE, **ORIGIN)
    assert response.status_code == 302
    assert response["Location"] == f"/discussion/comments/{comment.pk}/reported/"
    report = Report.objects.get()
    assert (report.category, report.law, report.reporter_email, report.good_faith) == (
        "illegal", "§ 185 StGB (Beleidigung)", "anna@example.org", True,
    )  # fmt: skip
    assert report.comment_text == "Die Fahrer sind alle faul."
    assert Delivery.objects.get().kind == "receipt"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "missing", ["law", "explanation", "reporter_name", "reporter_email", "good_faith"]
)
def test_an_incomplete_notice_comes_back_with_the_field_marked(client, comment, missing):
    data = {k: v for k, v in NOTICE.items() if k != missing}
    response = client.post(url(comment), data, **ORIGIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="error-{missing}"' in page
    assert "Pauschale Beleidigung" in page or missing == "explanation"  # what was typed stays
    assert not Report.objects.exists()
    assert not Delivery.objects.exists()


def test_a_reader_cannot_report_the_same_comment_twice(client, comment):
    client.post(url(comment), {"category": "insult"}, **ORIGIN)
    response = client.post(url(comment), {"category": "spam"}, **ORIGIN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "already reported" in page or "bereits gemeldet" in page
    assert Report.objects.count() == 1


def test_other_readers_reports_count_separately(comment):
    for _ in range(2):
        Client().post(url(comment), {"category": "insult"}, **ORIGIN)
    comment.refresh_from_db()
    assert comment.report_count == 2


def test_a_cross_site_post_reports_nothing(client, comment):
    response = client.post(url(comment), {"category": "spam"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_comment_that_is_not_published_cannot_be_reported(client, comment):
    held = make_comment(comment.article, status="pending")
    assert client.get(url(held)).status_code == 404
    assert client.post(url(held), {"category": "spam"}, **ORIGIN).status_code == 404
    assert client.get("/discussion/comments/99999999/report/").status_code == 404


def test_bad_values_are_refused_with_a_message(client, comment):
    response = client.post(
        url(comment), {"category": "nonsense", "reporter_email": "x" * 300}, **ORIGIN
    )
    assert response.status_code == 200
    assert 'id="error-category"' in response.content.decode()
    assert not Report.objects.exists()
