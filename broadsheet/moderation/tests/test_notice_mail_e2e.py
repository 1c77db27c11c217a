"""End to end: a guest's notice of illegal content, its receipt, the decision, over real SMTP.

The guest reports through the reader's report form without JavaScript (a plain POST
with the browser's Origin); a moderator decides in the console with Django's CSRF
token checked; the worker delivers the outbox to an aiosmtpd server. The reporter
wrote in English on an English site, the moderator decides after the site switched
to German: the reporter's mails stay in the reporter's language.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from broadsheet.core.testing import make_article, make_comment
from broadsheet.moderation.models import Report
from broadsheet.notifications.models import Delivery
from broadsheet.notifications.tests.conftest import ORIGIN, SMTPServer, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp(settings):
    server = SMTPServer()
    server.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 5},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "noreply@zeitung.example"
    settings.SITE_URL = "https://zeitung.example"
    settings.BROADSHEET_APPEALS = "widerspruch@zeitung.example"
    yield server
    server.stop()


def csrf_token(page) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def test_a_guest_notice_gets_a_receipt_and_the_decision_in_the_reporters_language(
    settings, smtp, moderator
):
    settings.LANGUAGE_CODE = "en"
    article = make_article("Neue Radwege am Ring", slug="radwege")
    comment = make_comment(
        article, body="Der Stadtrat ist ein Haufen Verbrecher.", author_email="karl@example.org"
    )

    guest = Client()
    report_url = reverse("discussion:report", args=[comment.pk])
    assert guest.get(report_url).status_code == 200
    response = guest.post(
        report_url,
        {
            "category": "illegal",
            "law": "§ 186 StGB (üble Nachrede)",
            "explanation": "Unbelegte Behauptung, der Stadtrat begehe Straftaten.",
            "reporter_name": "Anna Anzeige",
            "reporter_email": "anna@example.org",
            "good_faith": "on",
        },
        HTTP_ORIGIN=ORIGIN,
    )
    assert response.status_code == 302, response.content.decode()[:500]
    report = Report.objects.get()
    assert (report.category, report.language) == ("illegal", "en")

    run_worker()
    [receipt] = smtp.to("anna@example.org")
    assert receipt.subject == f"We received your report (case {report.case_number})"
    assert receipt["Content-Language"] == "en"

    settings.LANGUAGE_CODE = "de"
    console = Client(enforce_csrf_checks=True)
    console.force_login(moderator)
    case_url = reverse("moderation:case", args=[report.pk])
    page = console.get(case_url)
    assert page.status_code == 200 and "Anna Anzeige" in page.content.decode()
    decided = console.post(
        reverse("moderation:case-decide", args=[report.pk]),
        {
            "csrfmiddlewaretoken": csrf_token(page),
            "illegal": "yes",
            "legal_ground": "§ 186 StGB",
            "explanation": "Eine unbelegte Tatsachenbehauptung über den Stadtrat.",
        },
    )
    assert decided.status_code == 302 and decided.url == case_url
    # Without the token the console refuses (Django's CSRF check, not the reader's Origin one).
    assert console.post(reverse("moderation:case-note", args=[report.pk])).status_code == 403

    run_worker()
    [_receipt, decision] = smtp.to("anna@example.org")
    assert decision.subject == f"Decision on your report (case {report.case_number})"
    assert decision["Content-Language"] == "en"
    assert f"We have decided on your report (case {report.case_number})" in decision.text
    assert "We consider the comment illegal." in decision.text
    assert "§ 186 StGB" in decision.text
    assert "Eine unbelegte Tatsachenbehauptung über den Stadtrat." in decision.text
    assert "widerspruch@zeitung.example" in decision.text

    [removal] = smtp.to("karl@example.org")
    assert "Der Stadtrat ist ein Haufen Verbrecher." in removal.text
    assert "§ 186 StGB" in removal.text
    assert set(Delivery.objects.values_list("kind", "status")) == {
        ("receipt", "sent"), ("decision", "sent"), ("removal", "sent"),
    }  # fmt: skip
