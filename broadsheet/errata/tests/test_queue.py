"""The editors' queue: count, highlight in the current text, accept, dismiss."""

import json
import re

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from broadsheet.errata import services
from broadsheet.errata.models import ErrorReport
from broadsheet.notifications.models import Delivery
from broadsheet.publishing import services as publishing

from .conftest import BODY, WRONG


def a_report(article, **fields) -> ErrorReport:
    return services.report_error(
        article,
        passage=services.Passage(fields.pop("exact", WRONG)),
        suggestion="Es sind 45 Millionen.",
        email=fields.pop("email", "lea@example.org"),
        ip_hash="a" * 32,
        language="de",
    )


def change_url(report) -> str:
    return f"/admin/errata/errorreport/{report.pk}/change/"


def article_form(article, body: str) -> dict:
    return {
        "title": article.title,
        "slug": article.slug,
        "body": body,
        "status": "published",
        "published_at_0": "01.05.2021",
        "published_at_1": "10:00:00",
        "comments_enabled": "on",
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }


def test_editors_see_how_many_reports_are_new(client, editor, article):
    a_report(article)
    a_report(article, exact="Der Senat")
    services.dismiss_report(a_report(article, exact="Altstadt"), by=editor)
    client.force_login(editor)
    page = client.get("/admin/errata/errorreport/").content.decode()
    with translation.override("de"):
        expected = ngettext(
            "%(count)d new error report to check.", "%(count)d new error reports to check.", 2
        ) % {"count": 2}
    assert expected in page


def test_moderators_have_no_access_to_the_queue(client, moderator, article):
    report = a_report(article)
    client.force_login(moderator)
    assert client.get("/admin/errata/errorreport/").status_code == 403
    assert client.post(f"/admin/errata/errorreport/{report.pk}/dismiss/").status_code == 403
    assert ErrorReport.objects.get().status == "new"


def test_the_passage_is_highlighted_in_the_current_text_after_it_changed(client, editor, article):
    report = a_report(article)
    article.body = "Neu: ein erster Satz davor.\n\n" + BODY
    publishing.save_article(article)
    client.force_login(editor)
    page = client.get(change_url(report)).content.decode()
    mark = re.search(r"<mark data-errata-passage>([^<]*)</mark>", page)
    assert mark and mark.group(1) == WRONG
    assert "Neu: ein erster Satz davor." in page  # the context is today's text
    assert services.current_passage(report).start > report.start


def test_a_passage_gone_from_the_article_says_so(client, editor, article):
    report = a_report(article)
    article.body = "Die Stadt plant nichts mehr."
    publishing.save_article(article)
    client.force_login(editor)
    page = client.get(change_url(report)).content.decode()
    assert "data-errata-gone" in page and "data-errata-passage" not in page


def test_dismissing_closes_the_report_and_mails_nobody(client, editor, article):
    report = a_report(article)
    client.force_login(editor)
    assert client.get(f"/admin/errata/errorreport/{report.pk}/dismiss/").status_code == 302
    assert ErrorReport.objects.get().status == "new"  # a GET decides nothing
    response = client.post(f"/admin/errata/errorreport/{report.pk}/dismiss/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.decided_by) == ("dismissed", editor)
    assert not Delivery.objects.exists()
    assert "data-errata-accept" not in client.get(change_url(report)).content.decode()


def test_accepting_opens_the_article_and_its_save_publishes_the_correction(client, editor, article):
    report = a_report(article)
    client.force_login(editor)
    page = client.get(change_url(report)).content.decode()
    prefilled = re.search(r'<textarea id="errata-correction-text"[^>]*>([^<]*)</textarea>', page)
    assert prefilled and WRONG in prefilled.group(1)  # the note starts from the passage
    note = "In einer früheren Version hieß es, die Linie koste 40 Millionen Euro."
    response = client.post(
        f"/admin/errata/errorreport/{report.pk}/accept/", {"correction_text": note}
    )
    assert response.status_code == 302
    assert (
        response["Location"] == f"/admin/publishing/article/{article.pk}/change/?errata={report.pk}"
    )
    opened = client.get(response["Location"]).content.decode()
    assert WRONG in opened  # the passage, in the message over the article's form
    public = client.get(article.get_absolute_url()).content.decode()
    assert note not in public  # not before the fix is saved
    fixed = BODY.replace(WRONG, "45 Millionen Euro")
    saved = client.post(response["Location"], article_form(article, fixed))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    report.refresh_from_db()
    correction = report.correction
    article.refresh_from_db()  # its date (and so its URL) came from the form
    assert correction.text == note and correction.article_id == article.pk
    assert correction.revision == article.revisions.first()  # the save that made the fix
    public = client.get(article.get_absolute_url()).content.decode()
    assert note in public
    ld = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>',
                              public, re.S).group(1))  # fmt: skip
    graph = ld.get("@graph", [ld])
    corrections = [c for node in graph for c in node.get("correction", [])]
    assert [c["text"] for c in corrections] == [note]
    # The thank-you is queued once; saving again publishes nothing twice.
    assert Delivery.objects.filter(kind="errata", to="lea@example.org").count() == 1
    client.post(response["Location"], article_form(article, fixed))
    assert article.corrections.count() == 1
    assert Delivery.objects.count() == 1


def test_accepting_needs_a_correction_note(client, editor, article):
    report = a_report(article)
    client.force_login(editor)
    client.post(f"/admin/errata/errorreport/{report.pk}/accept/", {"correction_text": "  "})
    assert ErrorReport.objects.get().status == "new"


def test_the_thank_you_mail_to_one_address_is_limited(editor, db):
    from broadsheet.core.testing import make_article

    for n in range(3):
        article = make_article(f"Artikel {n}", body=BODY)
        report = a_report(article, email="viel@example.org")
        services.accept_report(report, by=editor, correction_text="Korrigiert.")
        publishing.save_article(article)
        services.publish_pending_corrections(article)
    assert ErrorReport.objects.filter(correction__isnull=False).count() == 3
    assert Delivery.objects.filter(to="viel@example.org").count() == 2


@pytest.mark.parametrize("n", [1, 10])
def test_the_queue_takes_the_same_queries_however_many_reports(
    client, editor, article, n, django_assert_num_queries, settings
):
    settings.BROADSHEET_RATE_LIMITS = False  # ten reports from one network, by design
    for i in range(n):
        a_report(article, exact=["Altstadt", "Der Senat"][i % 2])
    client.force_login(editor)
    # The session and the user, the count of new ones, the editor's permissions (two),
    # the changelist's count and total, the page of reports with their articles, and
    # the site's chrome (publication twice, versions, footer pages, sections: cold).
    with django_assert_num_queries(13):
        response = client.get("/admin/errata/errorreport/")
    assert response.content.decode().count("data-errata-row") == n
