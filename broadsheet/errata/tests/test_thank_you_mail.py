"""The reporter's thank-you, through the outbox and a real SMTP conversation."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from broadsheet.core.testing import make_article
from broadsheet.errata import services
from broadsheet.notifications.tests.conftest import run_worker, smtp  # noqa: F401
from broadsheet.publishing import services as publishing

from .conftest import BODY, WRONG

pytestmark = pytest.mark.django_db(transaction=True)


def reported_and_accepted(editor, *, email: str, note: str):
    article = make_article("Die neue Linie", slug="linie-mail", body=BODY)
    report = services.report_error(
        article,
        passage=services.Passage(WRONG),
        email=email,
        ip_hash="b" * 32,
        language="de",
    )
    services.accept_report(report, by=editor, correction_text=note)
    return article, report


def test_the_reporter_is_thanked_with_the_correction_once_it_is_published(smtp, editor):  # noqa: F811
    note = "Die Linie kostet 45, nicht 40 Millionen Euro."
    article, report = reported_and_accepted(editor, email="lea@example.org", note=note)
    run_worker()
    assert smtp.to("lea@example.org") == []  # accepted is not yet corrected
    article.body = BODY.replace(WRONG, "45 Millionen Euro")
    publishing.save_article(article, by=editor)
    services.publish_pending_corrections(article, revision=article.saved_revision)
    run_worker()
    [message] = smtp.to("lea@example.org")
    with translation.override("de"):
        subject = gettext("Thank you: we corrected “%(title)s”") % {"title": article.title}
    assert message.subject == subject
    assert message["Content-Language"] == "de"
    assert note in message.text and WRONG in message.text
    assert note in message.html
    assert "https://zeitung.example" + article.get_absolute_url() in message.text
    run_worker()
    assert len(smtp.to("lea@example.org")) == 1  # one thank-you, however often it runs


def test_a_dismissed_report_and_a_report_without_address_send_nothing(smtp, editor):  # noqa: F811
    article, report = reported_and_accepted(editor, email="", note="Korrigiert.")
    services.publish_pending_corrections(article)
    other = services.report_error(
        article, passage=services.Passage("Der Senat"), email="ole@example.org",
        ip_hash="c" * 32, language="de",
    )  # fmt: skip
    services.dismiss_report(other, by=editor)
    services.publish_pending_corrections(article)
    run_worker()
    assert smtp.messages == []
    assert article.corrections.count() == 1
