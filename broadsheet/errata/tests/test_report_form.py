"""The reader's form: a passage from the article, an optional suggestion and address."""

import pytest
from django.test import Client

from broadsheet.core.testing import make_article
from broadsheet.discussion import anchoring
from broadsheet.errata.models import ErrorReport

from .conftest import WRONG, report_url, send_report


def test_a_reader_reports_a_selected_passage_with_the_servers_own_selector(client, article):
    query = "?exact=40+Millionen+Euro&prefix=fertig+sein+und+&suffix=+kosten&start=90"
    page = client.get(report_url(article) + query)
    assert page.status_code == 200
    assert WRONG in page.content.decode()
    response = send_report(client, article, email="Lea@Example.org", prefix="und ", start="90")
    assert response.status_code == 302
    assert response["Location"] == f"/errata/{article.pk}/report/sent/"
    report = ErrorReport.objects.get()
    expected = anchoring.select(article.body_text, exact=WRONG)
    assert report.selector == expected  # the same TextQuoteSelector as comment passages
    assert report.prefix.endswith("fertig sein und ") and report.suffix.startswith(" kosten")
    assert (report.status, report.email, report.suggestion) == (
        "new",
        "lea@example.org",
        "Es sind 45 Millionen.",
    )
    assert len(report.ip_hash) == 32  # the keyed hash, never the address
    assert client.get(response["Location"]).status_code == 200


def test_without_javascript_the_page_offers_the_paragraphs_to_choose_from(client, article):
    page = client.get(report_url(article)).content.decode()
    assert 'name="paragraph"' in page and "Der Senat entscheidet im Herbst." in page
    response = send_report(client, article, exact="", paragraph="2")
    assert response.status_code == 302
    assert ErrorReport.objects.get().exact == "Der Senat entscheidet im Herbst."


def test_a_quote_that_is_not_in_the_article_is_refused(client, article):
    response = send_report(client, article, exact="50 Millionen Euro")
    assert response.status_code == 400
    assert "not in the article" in response.content.decode() or "nicht im Artikel" in (
        response.content.decode()
    )
    assert not ErrorReport.objects.exists()


def test_a_report_without_any_passage_is_refused(client, article):
    response = send_report(client, article, exact="")
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()


def test_a_form_sent_too_quickly_is_refused(client, article, settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    response = send_report(client, article)
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()


def test_the_honeypot_field_refuses_the_report(client, article):
    response = send_report(client, article, homepage="https://spam.example")
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()


@pytest.mark.usefixtures("one_rate_limit_window")
def test_the_fourth_report_in_a_minute_from_one_address_is_rate_limited(client, article):
    for _ in range(3):
        assert send_report(client, article).status_code == 302
    response = send_report(client, article)
    assert response.status_code == 429
    assert ErrorReport.objects.count() == 3
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert send_report(other, article).status_code == 302  # counted per keyed IP hash


@pytest.mark.parametrize(
    "fields",
    [
        {"start": "-1"},
        {"start": "abc"},
        {"paragraph": "99", "exact": ""},
        {"paragraph": "x", "exact": ""},
        {"exact": "x" * 5000},
        {"exact": "40 Millionen\x00 Euro"},
        {"email": "not an address"},
        {"ts": "forged"},
        {"ts": ""},
        {"suggestion": "<script>alert(1)</script>" * 200},
        {"prefix": "p" * 500},
    ],
)
def test_hostile_input_gets_a_clear_refusal_never_a_500(client, article, fields):
    response = send_report(client, article, **fields)
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()
    assert "<script>alert" not in response.content.decode()


def test_hostile_query_strings_only_prefill_the_form(client, article):
    response = client.get(report_url(article) + "?start=abc&exact=%3Cscript%3Ex%3C/script%3E")
    assert response.status_code == 200
    assert "<script>x" not in response.content.decode()


def test_a_post_without_the_csrf_token_is_refused(article):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(report_url(article), {"exact": WRONG})
    assert response.status_code == 403
    assert not ErrorReport.objects.exists()


def test_only_published_articles_take_reports(client, db):
    draft = make_article("Entwurf", status="draft", body="Noch nicht öffentlich.")
    assert client.get(report_url(draft)).status_code == 404
    assert client.post(report_url(draft), {"exact": "Noch"}).status_code == 404
