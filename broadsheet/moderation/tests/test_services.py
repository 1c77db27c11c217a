"""The moderation verbs: what each changes, what it records, whom it writes to."""

import datetime

import pytest

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.identity import Viewer
from broadsheet.discussion.models import Comment, Thread
from broadsheet.moderation import services
from broadsheet.moderation.models import AppendOnly, AuditEntry, Reason, Report, Sanction
from broadsheet.moderation.services import ModerationError, Person, ReportRequest
from broadsheet.notifications.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Neue Radwege am Ring", slug="radwege")


def guest(voter="t1", ip="iphash-1"):
    return Viewer(user=None, voter_token=voter, ip_hash=ip, network_hash=ip)


def only(queryset):
    return queryset.filter(pk__in=[c.pk for c in queryset])


def test_rejecting_needs_a_reason_and_changes_nothing_without_one(article, moderator):
    comment = make_comment(article, author_email="karl@example.org")
    with pytest.raises(ModerationError):
        services.reject_comments(Comment.objects.filter(pk=comment.pk), actor=moderator, reason="")
    with pytest.raises(ModerationError):
        services.reject_comments(
            Comment.objects.filter(pk=comment.pk), actor=moderator, reason=Reason.OTHER
        )
    with pytest.raises(ModerationError):
        services.reject_comments(
            Comment.objects.filter(pk=comment.pk), actor=moderator, reason=Reason.ILLEGAL
        )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert not AuditEntry.objects.exists()
    assert not Delivery.objects.exists()


def test_rejecting_records_the_reason_recounts_and_writes_to_the_author(article, moderator):
    comment = make_comment(article, author_email="karl@example.org")
    version = Thread.objects.get(pk=article.pk).version
    changed = services.reject_comments(
        Comment.objects.filter(pk=comment.pk), actor=moderator, reason=Reason.INSULT
    )
    assert [c.pk for c in changed] == [comment.pk]
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason, comment.tombstone) == (
        Comment.Status.TRASH, Reason.INSULT, False,
    )  # fmt: skip
    thread = Thread.objects.get(pk=article.pk)
    assert thread.comment_count == 0 and thread.version > version
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.reason, entry.comment_id) == (
        AuditEntry.Action.REJECT, moderator, Reason.INSULT, comment.pk,
    )  # fmt: skip
    assert entry.before == {"status": "approved"} and entry.after["status"] == "trash"
    mail = Delivery.objects.get()
    assert (mail.kind, mail.to, mail.comment_id) == ("removal", "karl@example.org", comment.pk)


def test_a_removed_comment_with_replies_stays_as_a_tombstone(article, moderator):
    parent = make_comment(article)
    make_comment(article, parent=parent, body="Eine Antwort.")
    services.reject_comments(
        Comment.objects.filter(pk=parent.pk), actor=moderator, reason=Reason.HARASSMENT
    )
    parent.refresh_from_db()
    assert parent.tombstone
    assert Thread.objects.get(pk=article.pk).has_tombstones
    viewer = guest()
    assert parent in Comment.objects.visible_to(viewer, tombstones=True)
    assert parent not in Comment.objects.visible_to(viewer)


def test_approving_again_clears_the_removal(article, moderator):
    comment = make_comment(article)
    services.reject_comments(
        Comment.objects.filter(pk=comment.pk), actor=moderator, reason=Reason.OFF_TOPIC
    )
    services.approve_comments(Comment.objects.filter(pk=comment.pk), actor=moderator)
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == (Comment.Status.APPROVED, "")
    assert Thread.objects.get(pk=article.pk).comment_count == 1
    assert list(AuditEntry.objects.order_by("at", "id").values_list("action", flat=True)) == [
        "reject", "approve",
    ]  # fmt: skip


def test_the_audit_log_cannot_be_changed_or_deleted(article, moderator):
    comment = make_comment(article)
    services.mark_spam(Comment.objects.filter(pk=comment.pk), actor=moderator)
    entry = AuditEntry.objects.get()
    entry.detail = "nothing happened"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(detail="x")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    # Deleting the comment leaves the entry naming it.
    Comment.objects.filter(pk=comment.pk).delete()
    assert AuditEntry.objects.get().comment_id == comment.pk


def test_a_moderators_edit_is_marked_and_keeps_what_it_said(article, moderator):
    comment = make_comment(article, body="Der Bürgermeister ist ein Idiot.")
    services.edit_comment(comment, actor=moderator, body="[Beleidigung entfernt]")
    comment.refresh_from_db()
    assert comment.body == "[Beleidigung entfernt]" and comment.staff_edited_at
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EDIT)
    assert entry.before == {"body": "Der Bürgermeister ist ein Idiot."}
    assert entry.after == {"body": "[Beleidigung entfernt]"}


def test_reports_get_a_receipt_and_enough_of_them_hold_the_comment(article, settings):
    settings.BROADSHEET_REPORTS_TO_HOLD = 2
    comment = make_comment(article)
    services.report_comment(
        comment,
        viewer=guest("a", "ip-a"),
        request=ReportRequest(category="insult", reporter_email="anna@example.org"),
        language="de",
    )
    with pytest.raises(ModerationError):  # the same reader again
        services.report_comment(
            comment,
            viewer=guest("a", "ip-a"),
            request=ReportRequest(category="spam"),
            language="de",
        )
    comment.refresh_from_db()
    assert (comment.report_count, comment.status) == (1, Comment.Status.APPROVED)
    assert Delivery.objects.get().kind == "receipt"
    services.report_comment(
        comment, viewer=guest("b", "ip-b"), request=ReportRequest(category="spam"), language="de"
    )
    comment.refresh_from_db()
    assert (comment.status, comment.held_because) == (Comment.Status.PENDING, "reports")
    assert AuditEntry.objects.filter(action="hold", automated=True, actor=None).count() == 1


def test_an_illegal_content_notice_needs_law_explanation_and_good_faith(article):
    comment = make_comment(article)
    incomplete = ReportRequest(category="illegal", law="§ 185 StGB", explanation="Beleidigung")
    with pytest.raises(ModerationError) as refused:
        services.report_comment(comment, viewer=guest(), request=incomplete, language="de")
    assert refused.value.field == "good_faith"
    assert not Report.objects.exists()


def test_deciding_a_notice_removes_the_comment_and_tells_both_sides(article, moderator):
    comment = make_comment(article, author_email="karl@example.org")
    report = services.report_comment(
        comment,
        viewer=guest(),
        request=ReportRequest(
            category="illegal",
            law="§ 185 StGB",
            explanation="Beleidigung einer Person",
            reporter_name="Anna",
            reporter_email="anna@example.org",
            good_faith=True,
        ),  # fmt: skip
        language="de",
    )
    report = services.decide_notice(
        report, actor=moderator, illegal=True, legal_ground="§ 185 StGB",
        explanation="Eine Beleidigung nach § 185 StGB.",
    )  # fmt: skip
    assert (report.status, report.outcome, report.illegal) == ("decided", "removed", True)
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason, comment.report_count) == ("trash", "illegal", 0)
    kinds = sorted(Delivery.objects.values_list("kind", "to"))
    assert kinds == [
        ("decision", "anna@example.org"), ("receipt", "anna@example.org"),
        ("removal", "karl@example.org"),
    ]  # fmt: skip


def test_a_ban_stops_commenting_with_its_reason_and_a_warning_shows_once(article, moderator):
    viewer = guest("banned", "ip-x")
    services.sanction_person(
        Person("voter", viewer.voter_key), actor=moderator, kind="warning", reason=Reason.INSULT,
        message="Bitte bleiben Sie sachlich.",
    )  # fmt: skip
    warning = services.check_may_comment(viewer)
    assert warning.message == "Bitte bleiben Sie sachlich."
    services.acknowledge_warning(warning)
    assert services.check_may_comment(viewer) is None

    services.sanction_person(
        Person("email", "troll@example.org"), actor=moderator, kind="suspension",
        reason=Reason.HARASSMENT, message="Belästigung anderer Leser.",
        duration=datetime.timedelta(hours=24),
    )  # fmt: skip
    with pytest.raises(ModerationError) as refused:
        services.check_may_comment(viewer, email="Troll@Example.org")
    assert "Belästigung anderer Leser." in refused.value.message
    sanction = Sanction.objects.get(kind="suspension")
    services.lift_sanction(sanction, actor=moderator)
    assert services.check_may_comment(viewer, email="troll@example.org") is None


def test_a_ban_can_remove_every_earlier_comment_at_once(article, moderator):
    for _ in range(3):
        make_comment(article, author_email="spam@example.org")
    kept = make_comment(article, author_email="other@example.org")
    services.sanction_person(
        Person("email", "spam@example.org"), actor=moderator, kind="ban", reason=Reason.SPAM,
        reject_earlier=True,
    )  # fmt: skip
    assert Comment.objects.filter(status="trash").count() == 3
    assert Comment.objects.get(pk=kept.pk).status == "approved"
    assert Thread.objects.get(pk=article.pk).comment_count == 1
    assert not Delivery.objects.filter(kind="removal").exists()


def test_the_mails_say_what_was_removed_why_and_how_to_contest_it(article, moderator, settings):
    from broadsheet.notifications.email import build_message

    settings.BROADSHEET_APPEALS = "widerspruch@example.org"
    comment = make_comment(article, author_email="karl@example.org", body="Alles Lügner hier.")
    report = services.report_comment(
        comment,
        viewer=guest(),
        request=ReportRequest(category="insult", reporter_email="anna@example.org"),
        language="en",
    )
    services.reject_comments(
        Comment.objects.filter(pk=comment.pk), actor=moderator, reason=Reason.INSULT,
        explanation="Pauschale Beleidigung anderer Leser.",
    )  # fmt: skip
    removal = build_message(Delivery.objects.get(kind="removal"))
    text = removal.body
    assert removal.to == ["karl@example.org"]
    assert "Alles Lügner hier." in text and "Pauschale Beleidigung anderer Leser." in text
    assert "widerspruch@example.org" in text and article.title in text
    from django.utils import translation

    with translation.override("de"):
        human = translation.gettext(
            "This decision was taken by a member of our newsroom; no automated means were used."
        )
    assert human in text
    decision = build_message(Delivery.objects.get(kind="decision"))
    assert report.case_number in decision.subject
    assert "Comment removed" in decision.body  # the reporter wrote in English
