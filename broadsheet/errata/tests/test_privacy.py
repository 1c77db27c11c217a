"""A reporter's address is personal data: in the export, and erased with it."""

from broadsheet.errata import services
from broadsheet.errata.models import ErrorReport
from broadsheet.privacy import erasure, export
from broadsheet.privacy.subject import Subject, personal_data

from .conftest import WRONG


def test_an_error_report_is_in_the_export_and_erased_with_the_address(article):
    services.report_error(
        article,
        passage=services.Passage(WRONG),
        suggestion="Es sind 45 Millionen, sagt mein Nachbar Herr K.",
        email="lea@example.org",
        ip_hash="d" * 32,
        language="de",
    )
    services.report_error(
        article, passage=services.Passage("Der Senat"), email="ole@example.org",
        ip_hash="e" * 32, language="de",
    )  # fmt: skip
    data = personal_data(Subject.of_address("Lea@Example.org"))
    assert not data.is_empty
    [exported] = export.as_json(data)["error_reports"]
    assert exported["email"] == "lea@example.org" and exported["passage"] == WRONG
    assert exported["status"] == "new" and exported["correction"] is None
    erasure.erase(Subject.of_address("lea@example.org"))
    lea, ole = ErrorReport.objects.order_by("pk")
    assert (lea.email, lea.suggestion, lea.ip_hash) == ("", "", "")
    assert lea.exact == WRONG  # the newsroom keeps the passage
    assert ole.email == "ole@example.org"  # nobody else's
    assert personal_data(Subject.of_address("lea@example.org")).is_empty


def test_the_retention_sweep_drops_old_error_reports_ip_hashes(article, settings):
    import datetime

    from django.utils import timezone

    from broadsheet.privacy.retention import sweep

    report = services.report_error(
        article, passage=services.Passage(WRONG), ip_hash="f" * 32, language="de"
    )
    later = timezone.now() + datetime.timedelta(days=settings.BROADSHEET_RETENTION_DAYS + 1)
    assert sweep(now=timezone.now())["error_report_ip_hashes"] == 0
    assert sweep(now=later)["error_report_ip_hashes"] == 1
    report.refresh_from_db()
    assert report.ip_hash == "" and report.exact == WRONG
