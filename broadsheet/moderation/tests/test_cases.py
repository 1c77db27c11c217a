"""The case pages: every report a case, DSA notices decided with a legal assessment.

Each action is a POST that redirects back to the case with a message; a refusal says
why and changes nothing. The texts are checked in English (the `english` fixture), so
the German catalogue can change without breaking these tests.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from broadsheet.core.testing import make_article, make_comment, queries_for
from broadsheet.discussion.models import Comment
from broadsheet.moderation.models import AuditEntry, Report
from broadsheet.notifications.models import Delivery

from .case_builders import notice, report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def article():
    return make_article("Neue Radwege am Ring", slug="radwege")


@pytest.fixture
def console(client, moderator):
    client.force_login(moderator)
    return client


def flashed(response) -> list[str]:
    """The messages this request added (not those still waiting from earlier ones)."""
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def url(name, report_=None):
    return reverse(f"moderation:{name}", args=[report_.pk] if report_ else [])


def post(client, name, report_, data=None):
    response = client.post(url(name, report_), data or {})
    assert response.status_code == 302, response.content[:300]
    assert response.url.startswith(url("case", report_))
    return response


def snapshot(report_: Report) -> tuple:
    report_.refresh_from_db()
    comment = Comment.objects.get(pk=report_.comment_id)
    return (
        report_.status, report_.outcome, report_.illegal, report_.notes,
        comment.status, AuditEntry.objects.count(), Delivery.objects.count(),
    )  # fmt: skip


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_every_report_newest_first_notices_marked_and_counts_per_status(
    console, article, moderator
):
    first = report(make_comment(article, body="Werbung für Pillen"), "spam")
    second = notice(make_comment(article, body="Eine strafbare Beleidigung"))
    third = report(make_comment(article, body="Völlig am Thema vorbei"), "off_topic")
    report(Comment.objects.get(body="Werbung für Pillen"), "insult")
    from broadsheet.moderation import services

    services.start_review(third, actor=moderator)

    page = console.get(url("cases"))
    assert page.status_code == 200
    reports = list(page.context["page"].object_list)
    assert reports[:3] == list(Report.objects.order_by("-created_at", "-id"))[:3]
    assert reports[-1] == first and second in reports
    html = page.content.decode()
    assert html.count("case-row--notice") == 1 and "DSA notice" in html
    assert "Eine strafbare Beleidigung" in html and second.case_number in html
    counts = {s["value"]: s["count"] for s in page.context["statuses"]}
    assert counts == {"received": 3, "in_review": 1, "decided": 0}
    assert 'data-status="in_review">1<' in html


def test_the_list_filters_by_status_category_and_notices_only(console, article, moderator):
    from broadsheet.moderation import services

    spam = report(make_comment(article), "spam")
    insult = report(make_comment(article), "insult")
    illegal = notice(make_comment(article))
    services.start_review(insult, actor=moderator)

    def listed(query):
        page = console.get(url("cases") + query)
        assert page.status_code == 200
        return set(page.context["page"].object_list)

    assert listed("") == {spam, insult, illegal}
    assert listed("?status=in_review") == {insult}
    assert listed("?status=received") == {spam, illegal}
    assert listed("?category=spam") == {spam}
    assert listed("?notices=on") == {illegal}
    assert listed("?notices=on&status=in_review") == set()
    # Counts per status follow the category filter, not the status filter.
    page = console.get(url("cases") + "?category=insult&status=received")
    assert {s["value"]: s["count"] for s in page.context["statuses"]}["in_review"] == 1
    # Nonsense in the query is ignored, not a 500.
    assert listed("?status=nonsense&category=<script>") == {spam, insult, illegal}


def test_the_list_is_paginated(console, article, settings):
    from broadsheet.moderation.views import cases

    settings.BROADSHEET_REPORTS_TO_HOLD = 1000
    comment = make_comment(article)
    filed = [report(comment, "spam") for _ in range(cases.CASES_PER_PAGE + 1)]
    second = console.get(url("cases") + "?page=2")
    assert list(second.context["page"].object_list) == [filed[0]]
    assert console.get(url("cases") + "?page=999").status_code == 200


def _grow(article, times: int) -> None:
    for i in range(times):
        comment = make_comment(article, body=f"Kommentar {i}")
        notice(comment)
        report(comment, "spam")
        report(comment, "insult")


def test_the_list_takes_the_same_queries_with_ten_times_the_data(console, article, moderator):
    _grow(article, 3)
    few = queries_for(console, url("cases"))
    _grow(article, 27)
    many = queries_for(console, url("cases"))
    assert len(few) == len(many) == 12, "\n".join(many)


# --- Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,method",
    [
        ("cases", "get"), ("case", "get"), ("case-csv", "get"), ("case-note", "post"),
        ("case-review", "post"), ("case-decide", "post"), ("case-remove", "post"),
        ("case-keep", "post"), ("audit", "get"), ("statistics", "get"),
        ("statistics-csv", "get"),
    ],
)  # fmt: skip
def test_anonymous_visitors_log_in_first_and_readers_are_refused(
    client, article, reader, name, method
):
    filed = notice(make_comment(article))
    target = url(name, filed if name.startswith("case-") or name == "case" else None)
    before = snapshot(filed)
    response = getattr(client, method)(target, {"illegal": "yes", "explanation": "x"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(reader)
    assert getattr(client, method)(target, {"illegal": "yes"}).status_code == 403
    assert snapshot(filed) == before


def test_actions_only_take_posts_and_unknown_cases_are_404(console, article):
    filed = notice(make_comment(article))
    assert console.get(url("case-decide", filed)).status_code == 405
    assert console.get(reverse("moderation:case", args=[999999])).status_code == 404
    assert console.post(reverse("moderation:case-note", args=[999999])).status_code == 404


# --- One case -----------------------------------------------------------------------------------


def test_the_case_shows_the_text_as_reported_the_reporter_the_law_and_the_other_reports(
    console, article, moderator
):
    from broadsheet.moderation import services

    comment = make_comment(article, body="Der Stadtrat ist ein Haufen Verbrecher.")
    filed = notice(
        comment, reporter_name="Anna Anzeige", reporter_email="anna@example.org",
        law="§ 186 StGB", explanation="Üble Nachrede gegen den Stadtrat",
    )  # fmt: skip
    other = report(comment, "insult")
    services.edit_comment(comment, actor=moderator, body="[entfernt]")

    page = console.get(url("case", filed))
    html = page.content.decode()
    assert "Der Stadtrat ist ein Haufen Verbrecher." in html  # as reported, not as now
    assert "The comment has been changed since it was reported." in html
    assert comment.get_absolute_url() in html and article.title in html
    assert reverse("moderation:comment", args=[comment.pk]) in html
    assert "Anna Anzeige" in html and "anna@example.org" in html
    assert "§ 186 StGB" in html and "Üble Nachrede gegen den Stadtrat" in html
    assert other.case_number in html and url("case", other) in html
    assert [e.action for e in page.context["trail"]] == ["report", "edit"]
    assert f'action="{url("case-decide", filed)}"' in html
    assert url("case-remove", filed) not in html  # a notice is decided on the law


def test_a_plain_report_offers_remove_and_keep(console, article):
    filed = report(make_comment(article), "spam")
    html = console.get(url("case", filed)).content.decode()
    assert url("case-remove", filed) in html and url("case-keep", filed) in html
    assert url("case-decide", filed) not in html


# --- Deciding a notice --------------------------------------------------------------------------


def test_deciding_a_notice_illegal_removes_the_comment_and_queues_both_mails(
    console, article, moderator
):
    comment = make_comment(article, author_email="karl@example.org")
    filed = notice(comment, reporter_email="anna@example.org")

    response = post(
        console, "case-decide", filed,
        {"illegal": "yes", "legal_ground": "§ 185 StGB", "explanation": "Eine Beleidigung."},
    )  # fmt: skip

    assert flashed(response) == ["Decided: illegal. The comment was removed."]
    filed.refresh_from_db()
    assert (filed.status, filed.outcome, filed.illegal, filed.legal_ground) == (
        "decided", "removed", True, "§ 185 StGB",
    )  # fmt: skip
    assert (filed.decided_by, filed.decision_explanation) == (moderator, "Eine Beleidigung.")
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == ("trash", "illegal")
    assert sorted(Delivery.objects.values_list("kind", "to")) == [
        ("decision", "anna@example.org"), ("receipt", "anna@example.org"),
        ("removal", "karl@example.org"),
    ]  # fmt: skip
    page = console.get(response.url)
    assert "Decided" in page.content.decode() and not page.context["is_open"]


def test_deciding_a_notice_not_illegal_keeps_the_comment_and_tells_the_reporter(console, article):
    comment = make_comment(article, author_email="karl@example.org")
    filed = notice(comment)

    response = post(
        console, "case-decide", filed,
        {"illegal": "no", "explanation": "Zugespitzte, aber zulässige Meinung."},
    )  # fmt: skip

    assert flashed(response) == ["Decided: not illegal. The comment stays."]
    filed.refresh_from_db()
    assert (filed.status, filed.outcome, filed.illegal) == ("decided", "kept", False)
    assert filed.decision_explanation == "Zugespitzte, aber zulässige Meinung."
    assert Comment.objects.get(pk=comment.pk).status == "approved"
    assert sorted(Delivery.objects.values_list("kind", flat=True)) == ["decision", "receipt"]


@pytest.mark.parametrize(
    "data,message",
    [
        ({"legal_ground": "§ 185 StGB", "explanation": "x"}, "This field is required."),
        ({"illegal": "yes", "legal_ground": "§ 185 StGB"}, "Please explain the decision."),
        ({"illegal": "yes", "explanation": "Eine Beleidigung."}, "Please name the legal ground."),
        ({"illegal": "no", "explanation": "   "}, "Please explain the decision."),
    ],
)
def test_an_incomplete_decision_is_refused_with_a_message_and_changes_nothing(
    console, article, data, message
):
    filed = notice(make_comment(article))
    before = snapshot(filed)
    response = post(console, "case-decide", filed, data)
    assert flashed(response) == [message]
    assert snapshot(filed) == before


def test_a_decided_case_cannot_be_decided_again(console, article):
    filed = notice(make_comment(article))
    post(console, "case-decide", filed, {"illegal": "no", "explanation": "Zulässig."})
    before = snapshot(filed)
    response = post(
        console, "case-decide", filed,
        {"illegal": "yes", "legal_ground": "§ 185 StGB", "explanation": "Doch strafbar."},
    )  # fmt: skip
    assert flashed(response) == ["This case has already been decided."]
    assert snapshot(filed) == before


def test_a_plain_report_is_not_decided_as_a_notice_and_a_notice_not_by_remove_or_keep(
    console, article
):
    plain = report(make_comment(article), "spam")
    before = snapshot(plain)
    response = post(
        console, "case-decide", plain,
        {"illegal": "yes", "legal_ground": "§ 1", "explanation": "x"},
    )  # fmt: skip
    assert flashed(response) == ["Only a notice of illegal content is decided here."]
    assert snapshot(plain) == before

    filed = notice(make_comment(article))
    before = snapshot(filed)
    for name, data in [("case-remove", {"reason": "insult"}), ("case-keep", {})]:
        response = post(console, name, filed, data)
        assert flashed(response) == [
            "A notice of illegal content is decided with a legal assessment."
        ]
    assert snapshot(filed) == before


# --- Plain reports: remove or keep -----------------------------------------------------------


def test_removing_a_reported_comment_needs_a_reason_then_closes_all_its_reports(console, article):
    comment = make_comment(article, author_email="karl@example.org")
    filed = report(comment, "insult", reporter_email="anna@example.org")
    second = report(comment, "harassment")
    before = snapshot(filed)

    for data, message in [
        ({}, "This field is required."),
        ({"reason": "other"}, "Please explain the reason in a few words."),
        ({"reason": "illegal"}, "Please name the law the comment breaks."),
    ]:
        assert flashed(post(console, "case-remove", filed, data)) == [message]
    assert snapshot(filed) == before

    response = post(console, "case-remove", filed, {"reason": "insult", "explanation": "Pauschal."})
    assert flashed(response) == ["The comment was removed."]
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == ("trash", "insult")
    for closed in (filed, second):
        closed.refresh_from_db()
        assert (closed.status, closed.outcome) == ("decided", "removed")
    assert sorted(Delivery.objects.values_list("kind", "to")) == [
        ("decision", "anna@example.org"), ("receipt", "anna@example.org"),
        ("removal", "karl@example.org"),
    ]  # fmt: skip
    # The case is closed: neither remove nor keep again.
    before = snapshot(filed)
    assert flashed(post(console, "case-keep", filed)) == ["This case has already been decided."]
    assert snapshot(filed) == before


def test_keeping_a_reported_comment_closes_its_reports(console, article):
    comment = make_comment(article)
    filed = report(comment, "off_topic", reporter_email="anna@example.org")
    response = post(console, "case-keep", filed)
    assert flashed(response) == ["The comment stays; the reports are closed."]
    filed.refresh_from_db()
    assert (filed.status, filed.outcome) == ("decided", "kept")
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == ("approved", 0)
    assert sorted(Delivery.objects.values_list("kind", flat=True)) == ["decision", "receipt"]


def test_keeping_a_comment_the_reports_held_publishes_it_again(console, article, settings):
    settings.BROADSHEET_REPORTS_TO_HOLD = 2
    comment = make_comment(article)
    filed = report(comment, "insult")
    report(comment, "spam")
    comment.refresh_from_db()
    assert (comment.status, comment.held_because) == ("pending", "reports")

    post(console, "case-keep", filed)

    comment.refresh_from_db()
    assert (comment.status, comment.held_because, comment.report_count) == ("approved", "", 0)
    assert not Report.objects.exclude(status="decided").exists()


def test_a_deleted_comment_cannot_be_removed_or_kept(console, article):
    comment = make_comment(article)
    filed = report(comment, "insult")
    # Taken off by a path that leaves the report open (the admin's delete, say).
    Comment.objects.filter(pk=comment.pk).delete()
    filed.refresh_from_db()
    before = (filed.status, AuditEntry.objects.count())
    response = post(console, "case-remove", filed, {"reason": "insult"})
    assert flashed(response) == ["The comment no longer exists."]
    assert (Report.objects.get(pk=filed.pk).status, AuditEntry.objects.count()) == before
    assert console.get(url("case", filed)).status_code == 200


# --- Notes and review -------------------------------------------------------------------------


def test_notes_are_kept_on_the_case_and_in_its_trail(console, article, moderator):
    filed = notice(make_comment(article))
    response = post(console, "case-note", filed, {"text": "Rechtsabteilung gefragt."})
    assert flashed(response) == ["Note added."]
    assert response.url.endswith("#notes")
    filed.refresh_from_db()
    assert filed.notes.endswith("moritz: Rechtsabteilung gefragt.")
    entry = AuditEntry.objects.get(action="note")
    assert (entry.report_id, entry.actor, entry.detail) == (
        filed.pk, moderator, "Rechtsabteilung gefragt.",
    )  # fmt: skip
    page = console.get(url("case", filed)).content.decode()
    assert "Rechtsabteilung gefragt." in page


def test_an_empty_note_is_refused(console, article):
    filed = notice(make_comment(article))
    before = snapshot(filed)
    assert flashed(post(console, "case-note", filed, {"text": "  "})) == ["The note is empty."]
    assert flashed(post(console, "case-note", filed, {"text": "x" * 4001})) == [
        "Ensure this value has at most 4000 characters (it has 4001)."
    ]
    assert snapshot(filed) == before


def test_starting_the_review_moves_the_case_on_and_a_decided_case_stays_decided(console, article):
    filed = notice(make_comment(article))
    response = post(console, "case-review", filed)
    assert flashed(response) == ["The case is now in review."]
    filed.refresh_from_db()
    assert filed.status == "in_review"
    assert "Start review" not in console.get(url("case", filed)).content.decode()

    post(console, "case-decide", filed, {"illegal": "no", "explanation": "Zulässig."})
    before = snapshot(filed)
    response = post(console, "case-review", filed)
    assert flashed(response) == ["This case has already been decided."]
    assert snapshot(filed) == before


def test_the_pages_render_in_german_too(console, article, moderator, settings):
    settings.LANGUAGE_CODE = "de"
    filed = notice(make_comment(article))
    services_note = {"text": "Notiz"}
    post(console, "case-note", filed, services_note)
    for target in (
        url("cases"), url("case", filed), url("audit"), url("statistics"),
        url("statistics") + "?period=last-year",
    ):  # fmt: skip
        response = console.get(target)
        assert response.status_code == 200, target
        assert response["Content-Language"] == "de"
    assert console.get(url("case-csv", filed)).status_code == 200
