"""The CSV of one case: what a lawyer needs, readable in Excel, and never a formula."""

import csv
import io

import pytest
from django.urls import reverse

from broadsheet.core.testing import make_article, make_comment
from broadsheet.moderation import services
from broadsheet.moderation.views.cases import safe_cell

from .case_builders import notice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def article():
    return make_article("Neue Radwege am Ring", slug="radwege")


def download(client, report):
    response = client.get(reverse("moderation:case-csv", args=[report.pk]))
    assert response.status_code == 200
    return response


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_case_csv_holds_every_field_and_the_trail(client, moderator, article):
    comment = make_comment(article, body="Der Bürgermeister ist ein Lügner.", author_name="Karl")
    report = notice(
        comment, reporter_name="Anna Anzeige", reporter_email="anna@example.org",
        law="§ 186 StGB", explanation="Üble Nachrede",
    )  # fmt: skip
    services.add_case_note(report, actor=moderator, text="Rechtsabteilung gefragt.")
    services.decide_notice(
        report, actor=moderator, illegal=True, legal_ground="§ 186 StGB",
        explanation="Unwahre Tatsachenbehauptung.",
    )  # fmt: skip
    report.refresh_from_db()
    client.force_login(moderator)

    response = download(client, report)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="case-{report.case_number}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for umlauts
    rows = rows_of(response)
    fields = {row[0]: row[1] for row in rows if len(row) == 2}
    assert fields["Case number"] == report.case_number
    assert fields["Category"] == "Illegal content"
    assert fields["Notice of illegal content"] == "yes"
    assert fields["Law concerned"] == "§ 186 StGB"
    assert fields["Reporter's explanation"] == "Üble Nachrede"
    assert fields["Reporter's name"] == "Anna Anzeige"
    assert fields["Reporter's e-mail"] == "anna@example.org"
    assert fields["Good-faith statement"] == "yes"
    assert fields["Reported text"] == "Der Bürgermeister ist ein Lügner."
    assert fields["Author of the comment"] == "Karl"
    assert fields["Article"] == "Neue Radwege am Ring"
    assert fields["Status"] == "Decided"
    assert fields["Decision"] == "Comment removed"
    assert fields["Illegal"] == "yes"
    assert fields["Legal ground"] == "§ 186 StGB"
    assert fields["Explanation of the decision"] == "Unwahre Tatsachenbehauptung."
    assert fields["Decided by"] == "moritz"
    assert fields["Decided by automated means"] == "no"
    assert fields["Received"].startswith(f"{report.created_at:%Y}-")
    assert fields["Decided at"]
    assert "Rechtsabteilung gefragt." in fields["Case notes"]
    trail_at = rows.index(["Audit trail"])
    assert rows[trail_at + 1] == ["When", "Who", "Action", "Automated", "Reason", "Detail"]
    actions = [row[2] for row in rows[trail_at + 2 :]]
    assert actions == ["reported", "note added", "rejected", "report decided"]
    rejected = rows[trail_at + 2 + 2]
    assert rejected[1] == "moritz" and rejected[4] == "Illegal content"
    assert "§ 186 StGB" in rejected[5]


def test_cells_that_start_like_a_formula_are_kept_as_text(client, moderator, article):
    comment = make_comment(article, body='=HYPERLINK("http://evil.example","Klick")')
    report = notice(
        comment, reporter_name="@SUM(A1:A9)", law="+49 Gesetz", explanation="-2+3",
    )  # fmt: skip
    client.force_login(moderator)

    fields = {row[0]: row[1] for row in rows_of(download(client, report)) if len(row) == 2}

    assert fields["Reported text"] == '\'=HYPERLINK("http://evil.example","Klick")'
    assert fields["Reporter's name"] == "'@SUM(A1:A9)"
    assert fields["Law concerned"] == "'+49 Gesetz"
    assert fields["Reporter's explanation"] == "'-2+3"


@pytest.mark.parametrize(
    "value,cell",
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=1", "a=1"), ("", ""), (None, ""), (5, "5"),
    ],
)  # fmt: skip
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_only_moderators_download_a_case(client, reader, article):
    report = notice(make_comment(article))
    url = reverse("moderation:case-csv", args=[report.pk])
    assert client.get(url).status_code == 302
    client.force_login(reader)
    assert client.get(url).status_code == 403
