"""Transparency statistics: exact figures for a constructed month, in six queries."""

import csv
import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.moderation import services, statistics
from broadsheet.moderation.models import Reason
from broadsheet.moderation.services import Person
from broadsheet.moderation.statistics import Period

from .case_builders import notice, report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MARCH = Period(datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
T0 = datetime.datetime(2025, 3, 10, 10, 0, tzinfo=BERLIN)
HOUR = datetime.timedelta(hours=1)


def at(when):
    return time_machine.travel(when, tick=False)


def only(comment):
    return Comment.objects.filter(pk=comment.pk)


@pytest.fixture
def march(moderator):
    """Six reports received in March (three notices), five decided after 1, 2, 3, 4, 10 h.

    Outside the month: a notice just before it, a report just after, and a decision,
    a removal and a suspension in April.
    """
    article = make_article("Neue Radwege am Ring", slug="radwege")
    with at(datetime.datetime(2025, 2, 28, 23, 30, tzinfo=BERLIN)):
        late = make_comment(article, author_email="g@example.org")
        notice(late)
    with at(T0):
        a, b, c, d, e, f, h = (
            make_comment(article, author_email=f"{n}@example.org") for n in "abcdefh"
        )
        cases = {
            "a": notice(a), "b": notice(b), "f": notice(f),
            "c": report(c, "insult"), "d": report(d, "spam"), "e": report(e, "insult"),
        }  # fmt: skip
        services.hold_comments(only(h), actor=None, automated=True)
        services.sanction_person(
            Person("email", "a@example.org"), actor=moderator, kind="warning",
            reason=Reason.INSULT,
        )  # fmt: skip
    with at(T0 + HOUR):
        services.decide_notice(
            cases["a"], actor=moderator, illegal=True, legal_ground="§ 185 StGB",
            explanation="Beleidigung.",
        )  # fmt: skip
    with at(T0 + 2 * HOUR):
        services.reject_comments(only(c), actor=moderator, reason=Reason.INSULT)
    with at(T0 + 3 * HOUR):
        services.mark_spam(only(d), actor=None, automated=True)
    with at(T0 + 4 * HOUR):
        services.decide_notice(cases["b"], actor=moderator, illegal=False, explanation="Zulässig.")
    with at(T0 + 5 * HOUR):
        services.approve_comments(only(h), actor=moderator)
    with at(T0 + 10 * HOUR):
        services.dismiss_reports(e, actor=moderator)
    with at(datetime.datetime(2025, 3, 31, 23, 59, tzinfo=BERLIN)):
        for address in ("x@example.org", "y@example.org"):
            services.sanction_person(
                Person("email", address), actor=moderator, kind="ban", reason=Reason.SPAM
            )
    with at(datetime.datetime(2025, 4, 1, 0, 0, tzinfo=BERLIN)):
        report(f, "spam")
    with at(datetime.datetime(2025, 4, 2, 9, 0, tzinfo=BERLIN)):
        services.reject_comments(only(late), actor=moderator, reason=Reason.HARASSMENT)
        services.sanction_person(
            Person("email", "z@example.org"), actor=moderator, kind="suspension",
            reason=Reason.SPAM, duration=datetime.timedelta(days=7),
        )  # fmt: skip
    return cases


def counts(rows) -> dict:
    return {row.key: row.count for row in rows}


def test_the_figures_of_a_month(march, django_assert_num_queries):
    with django_assert_num_queries(6):
        figures = statistics.transparency_report(MARCH)

    assert counts(figures.reports_by_category) == {
        "spam": 1, "insult": 2, "harassment": 0, "misinformation": 0, "off_topic": 0,
        "other": 0, "illegal": 3,
    }  # fmt: skip
    assert (figures.reports_received, figures.notices_received) == (6, 3)
    removals = counts(figures.removals_by_reason)
    assert {k: v for k, v in removals.items() if v} == {"illegal": 1, "insult": 1, "spam": 1}
    assert figures.removals == 3
    assert counts(figures.notices_by_legality) == {"illegal": 1, "legal": 1}

    assert figures.time_to_decision == statistics.Durations(5, 3 * HOUR, 10 * HOUR)
    assert figures.time_to_decision_notices == statistics.Durations(2, 2.5 * HOUR, 4 * HOUR)

    means = {s.key: (s.automated, s.manual) for s in figures.decisions_by_means}
    assert means == {
        "approve": (0, 1), "reject": (0, 2), "spam": (1, 0), "hold": (1, 0), "decide": (1, 4),
    }  # fmt: skip
    assert (figures.automated_decisions, figures.manual_decisions) == (3, 7)
    assert counts(figures.sanctions_by_kind) == {"warning": 1, "suspension": 0, "ban": 2}


def test_an_empty_period_is_all_zeros_and_no_durations():
    figures = statistics.transparency_report(
        Period(datetime.date(2020, 1, 1), datetime.date(2020, 1, 31))
    )
    assert figures.reports_received == figures.removals == figures.sanctions == 0
    assert figures.time_to_decision == statistics.Durations(0, None, None)


@pytest.mark.parametrize(
    "values,median,p90",
    [
        ([5], 5, 5), ([1, 2], 1.5, 2), ([3, 1, 2], 2, 3), (list(range(1, 11)), 5.5, 9),
        (list(range(1, 12)), 6, 10), ([], None, None),
    ],
)  # fmt: skip
def test_median_and_nearest_rank_percentile(values, median, p90):
    assert statistics.median(values) == median
    assert statistics.percentile(values, 0.9) == p90


def test_periods_default_to_the_last_30_days_and_last_year_is_the_calendar_year():
    today = datetime.date(2026, 1, 15)
    assert Period.last_days(30, today=today) == Period(
        datetime.date(2025, 12, 17), datetime.date(2026, 1, 15)
    )
    assert Period.last_year(today=today) == Period(
        datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    )
    start, after = MARCH.bounds
    assert (start, after) == (
        datetime.datetime(2025, 3, 1, tzinfo=BERLIN), datetime.datetime(2025, 4, 1, tzinfo=BERLIN),
    )  # fmt: skip


# --- The page and its CSV ---------------------------------------------------------------------


def test_the_page_shows_the_chosen_period(client, moderator, march):
    client.force_login(moderator)
    response = client.get(reverse("moderation:statistics") + "?start=2025-03-01&end=2025-03-31")
    assert response.status_code == 200
    assert response.context["period"] == MARCH
    html = response.content.decode()
    assert '<tr data-key="illegal"><th scope="row">Illegal content</th><td>3</td></tr>' in html
    assert "3.0 h" in html and "10.0 h" in html and "2.5 h" in html
    assert (
        '<tr data-key="decide"><th scope="row">report decided</th><td>1</td><td>4</td></tr>' in html
    )
    assert "a@example.org" not in html and "Anna" not in html


def test_the_period_presets_and_bad_dates(client, moderator):
    client.force_login(moderator)
    page = reverse("moderation:statistics")
    with at(datetime.datetime(2026, 1, 15, 12, 0, tzinfo=BERLIN)):
        assert client.get(page).context["period"] == Period(
            datetime.date(2025, 12, 17), datetime.date(2026, 1, 15)
        )
        assert client.get(page + "?period=last-year").context["period"] == Period(
            datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
        )
        backwards = client.get(page + "?start=2025-03-31&end=2025-03-01")
        assert backwards.status_code == 200
        assert "The period ends before it starts." in backwards.content.decode()
        assert backwards.context["period"].end == datetime.date(2026, 1, 15)
        assert client.get(page + "?start=nonsense").status_code == 200


def test_the_csv_has_the_figures_and_no_personal_data(client, moderator, march):
    client.force_login(moderator)
    response = client.get(reverse("moderation:statistics-csv") + "?start=2025-03-01&end=2025-03-31")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="moderation-2025-03-01-2025-03-31.csv"'
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Section", "Item", "Value"]
    assert ["Period", "From", "2025-03-01"] in rows
    assert ["Reports received by type", "Illegal content", "3"] in rows
    assert ["Removals by reason", "Insult", "1"] in rows
    assert ["Notices decided by legality", "Illegal", "1"] in rows
    assert ["Time to decision, all reports", "Median (hours)", "3.0"] in rows
    assert ["Time to decision, all reports", "90th percentile (hours)", "10.0"] in rows
    assert ["Time to decision, notices of illegal content", "Median (hours)", "2.5"] in rows
    assert ["Automated decisions", "marked as spam", "1"] in rows
    assert ["Manual decisions", "report decided", "4"] in rows
    assert ["Sanctions by kind", "Ban", "2"] in rows
    assert "@example.org" not in text and "Beleidigung." not in text
