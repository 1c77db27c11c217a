"""The write side of moderation: verbs used by the console, the admin, e-mail links and the importer.

Every action runs in one transaction with the change it records: the comment's new
state, the thread's recount and version (through discussion.services, so every cached
page of the thread is replaced on the next request on every node), one append-only
AuditEntry per comment, and the e-mails it causes (queued in the outbox in the same
transaction, sent by the worker). `actor` is the moderator; None with automated=True
is a rule of Broadsheet's own (reports holding a comment, say).

check_* functions may refuse and never write; the verbs write.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.core import ratelimit
from broadsheet.discussion import services as discussion
from broadsheet.discussion.models import Comment, Thread

from . import notices
from .classifier import learning
from .models import AuditEntry, PersonNote, Reason, Report, Sanction, Target

REPORT_LIMITS = [
    ratelimit.Limit("report-ip-min", 5, 60),
    ratelimit.Limit("report-ip-hour", 30, 3600),
]
SUSPENSIONS = {
    "1h": datetime.timedelta(hours=1),
    "24h": datetime.timedelta(hours=24),
    "7d": datetime.timedelta(days=7),
    "30d": datetime.timedelta(days=30),
}


class ModerationError(Exception):
    """An action was refused; the message is shown as it is."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


@dataclass(frozen=True)
class Person:
    """One key by which Broadsheet knows a person (see models.Target)."""

    target: str
    value: str

    @property
    def label(self) -> str:
        if self.target == Target.EMAIL:
            return self.value
        return f"{Target(self.target).label} {self.value[:8]}"


def people_of(comment: Comment) -> list[Person]:
    """Every key the comment's author is known by, most specific first."""
    people = []
    if comment.user_id:
        people.append(Person(Target.ACCOUNT, str(comment.user_id)))
    if comment.author_email:
        people.append(Person(Target.EMAIL, comment.author_email.lower()))
    if comment.author_key:
        people.append(Person(Target.VOTER, comment.author_key))
    if comment.ip_hash:
        people.append(Person(Target.IP, comment.ip_hash))
    return people


def comments_of(person: Person):
    """The comments a person key finds (an indexed lookup for each kind of key)."""
    lookup = {
        Target.ACCOUNT: "user_id",
        Target.EMAIL: "author_email",
        Target.VOTER: "author_key",
        Target.IP: "ip_hash",
    }[person.target]
    return Comment.objects.filter(**{lookup: person.value})


def _actor_name(actor) -> str:
    if actor is None:
        return "Broadsheet"
    return actor.get_display_name() if hasattr(actor, "get_display_name") else str(actor)


def _snapshot(comment: Comment, *names: str) -> dict:
    return {name: getattr(comment, name) for name in names}


def record(action: str, *, actor, automated: bool = False, comment=None, **fields) -> AuditEntry:
    """Append one entry to the audit log (inside the caller's transaction)."""
    person = fields.pop("person", None)
    if person is not None:
        fields.update(target=person.target, value=person.value)
    if comment is not None:
        fields.update(comment_id=comment.pk, article_id=comment.article_id)
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=_actor_name(actor),
        automated=automated,
        **fields,
    )


# --- Decisions on comments ----------------------------------------------------------------


def approve_comments(comments, *, actor, automated: bool = False) -> list[Comment]:
    """Publish comments (a queryset). Open reports on them are decided as "kept"."""
    with transaction.atomic():
        changed = discussion.set_comments_status(
            comments,
            Comment.Status.APPROVED,
            fields=lambda c: {"held_because": "", "removal_reason": "", "tombstone": False},
        )
        for comment in changed:
            record(
                AuditEntry.Action.APPROVE,
                actor=actor,
                automated=automated,
                comment=comment,
                before={"status": comment.previous_status},
                after={"status": comment.status},
            )
        _decide_open_reports(changed, actor=actor, outcome=Report.Outcome.KEPT)
        learning.queue_decisions(changed, learning.APPROVE, actor=actor, automated=automated)
    return changed


def check_reason(reason: str, explanation: str, legal_ground: str) -> None:
    if reason not in Reason.values:
        raise ModerationError(_("Please choose a reason."), field="reason")
    if reason == Reason.OTHER and not explanation.strip():
        raise ModerationError(_("Please explain the reason in a few words."), field="explanation")
    if reason == Reason.ILLEGAL and not legal_ground.strip():
        raise ModerationError(_("Please name the law the comment breaks."), field="legal_ground")


def reject_comments(
    comments,
    *,
    actor,
    reason: str,
    explanation: str = "",
    legal_ground: str = "",
    automated: bool = False,
    notify_author: bool = True,
) -> list[Comment]:
    """Remove comments (a queryset) with a reason; each author gets a statement of reasons.

    A comment with visible replies stays in the thread as a tombstone that names the
    reason ("Kommentar entfernt: Beleidigung"). Open reports on it are decided as
    "removed", and their reporters told. Refuses (ModerationError) without a reason,
    "other" without an explanation, "illegal" without a legal ground.
    """
    check_reason(reason, explanation, legal_ground)
    explanation = explanation.strip()
    legal_ground = legal_ground.strip()

    def removal(comment):
        has_replies = Comment.objects.filter(
            parent_id=comment.pk, status=Comment.Status.APPROVED
        ).exists()
        return {"removal_reason": reason, "tombstone": has_replies, "held_because": ""}

    with transaction.atomic():
        changed = discussion.set_comments_status(comments, Comment.Status.TRASH, fields=removal)
        with_tombstones = {c.article_id for c in changed if c.tombstone}
        if with_tombstones:
            Thread.objects.filter(pk__in=with_tombstones).update(has_tombstones=True)
        for comment in changed:
            record(
                AuditEntry.Action.REJECT,
                actor=actor,
                automated=automated,
                comment=comment,
                reason=reason,
                detail="\n".join(filter(None, [legal_ground, explanation])),
                before={"status": comment.previous_status},
                after={"status": comment.status, "tombstone": comment.tombstone},
            )
            if notify_author:
                notices.statement_of_reasons(
                    comment,
                    reason=reason,
                    explanation=explanation,
                    legal_ground=legal_ground,
                    automated=automated,
                )
        _decide_open_reports(
            changed,
            actor=actor,
            outcome=Report.Outcome.REMOVED,
            reason=reason,
            legal_ground=legal_ground,
            explanation=explanation,
        )
        learning.queue_decisions(changed, reason, actor=actor, automated=automated)
    return changed


def mark_spam(comments, *, actor, automated: bool = False) -> list[Comment]:
    """Spam is removed without a statement of reasons: spammers get no mail from us."""
    with transaction.atomic():
        changed = discussion.set_comments_status(
            comments,
            Comment.Status.SPAM,
            fields=lambda c: {"removal_reason": Reason.SPAM, "tombstone": False},
        )
        for comment in changed:
            record(
                AuditEntry.Action.SPAM,
                actor=actor,
                automated=automated,
                comment=comment,
                reason=Reason.SPAM,
                before={"status": comment.previous_status},
                after={"status": comment.status},
            )
        _decide_open_reports(
            changed, actor=actor, outcome=Report.Outcome.REMOVED, reason=Reason.SPAM
        )
        learning.queue_decisions(changed, Reason.SPAM, actor=actor, automated=automated)
    return changed


def hold_comments(
    comments, *, actor, because: str = Comment.HeldBecause.MODERATOR, automated: bool = False
) -> list[Comment]:
    """Take comments off the site until a moderator decides."""
    with transaction.atomic():
        changed = discussion.set_comments_status(
            comments, Comment.Status.PENDING, fields=lambda c: {"held_because": because}
        )
        for comment in changed:
            record(
                AuditEntry.Action.HOLD,
                actor=actor,
                automated=automated,
                comment=comment,
                detail=Comment.HeldBecause(because).label,
                before={"status": comment.previous_status},
                after={"status": comment.status},
            )
    return changed


EDITABLE = ("body", "author_name", "author_email", "author_url")


def edit_comment(comment: Comment, *, actor, **changes) -> Comment:
    """A moderator's edit: the text or author line, marked "edited by the newsroom".

    Readers see the new version on their next request (discussion.revise_comment moves
    the thread's version); the audit entry keeps what it said before.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "body" in changes and not (changes["body"] or "").strip():
        raise ModerationError(_("A comment cannot be empty."), field="body")
    if "author_name" in changes and not (changes["author_name"] or "").strip():
        raise ModerationError(_("Please give a name."), field="author_name")
    with transaction.atomic():
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        before = _snapshot(current, *changes)
        revised = discussion.revise_comment(current, **changes)
        after = _snapshot(revised, *changes)
        if before == after:
            return revised
        now = timezone.now()
        Comment.objects.filter(pk=comment.pk).update(staff_edited_at=now)
        revised.staff_edited_at = now
        record(
            AuditEntry.Action.EDIT,
            actor=actor,
            comment=revised,
            before={k: v for k, v in before.items() if before[k] != after[k]},
            after={k: v for k, v in after.items() if before[k] != after[k]},
        )
    return revised


def _set_flag(comment: Comment, *, actor, name: str, value: bool, on: str, off: str) -> Comment:
    with transaction.atomic():
        updated = (
            Comment.objects.filter(pk=comment.pk).exclude(**{name: value}).update(**{name: value})
        )
        if updated:
            if name == "pinned":
                has_pinned = Comment.objects.filter(article_id=comment.article_id, pinned=True)
                Thread.objects.filter(pk=comment.article_id).update(has_pinned=has_pinned.exists())
            discussion.touch_thread(comment.article_id)
            record(on if value else off, actor=actor, comment=comment)
    setattr(comment, name, value)
    return comment


def pin_comment(comment: Comment, *, actor, pinned: bool = True) -> Comment:
    """Show a comment first in its thread (above every sort order)."""
    if pinned and comment.status != Comment.Status.APPROVED:
        raise ModerationError(_("Only a published comment can be pinned."))
    return _set_flag(
        comment, actor=actor, name="pinned", value=pinned,
        on=AuditEntry.Action.PIN, off=AuditEntry.Action.UNPIN,
    )  # fmt: skip


def feature_comment(comment: Comment, *, actor, featured: bool = True) -> Comment:
    """Mark a comment "Empfehlung der Redaktion" (and in the page's JSON-LD)."""
    if featured and comment.status != Comment.Status.APPROVED:
        raise ModerationError(_("Only a published comment can be recommended."))
    return _set_flag(
        comment, actor=actor, name="featured", value=featured,
        on=AuditEntry.Action.FEATURE, off=AuditEntry.Action.UNFEATURE,
    )  # fmt: skip


# --- Reader reports and DSA notices -------------------------------------------------------


@dataclass
class ReportRequest:
    category: str
    explanation: str = ""
    law: str = ""
    reporter_name: str = ""
    reporter_email: str = ""
    good_faith: bool = False


def check_report(comment: Comment, request: ReportRequest) -> None:
    """Refuse a report that is incomplete; no writes."""
    if comment.status != Comment.Status.APPROVED or comment.kind != Comment.Kind.COMMENT:
        raise ModerationError(_("This comment cannot be reported."), status=404)
    if request.category not in Report.Category.values:
        raise ModerationError(_("Please choose what is wrong with the comment."), field="category")
    if request.category == Report.Category.ILLEGAL:
        # DSA Art. 16(2): a sufficiently substantiated explanation, the location, the
        # notifier's name and e-mail (except for some offences), a good-faith statement.
        if not request.law.strip():
            raise ModerationError(_("Please name the law the comment breaks."), field="law")
        if not request.explanation.strip():
            raise ModerationError(
                _("Please explain why the comment is illegal."), field="explanation"
            )
        if not request.good_faith:
            raise ModerationError(
                _("Please confirm that your notice is accurate and made in good faith."),
                field="good_faith",
            )
    if request.category == Report.Category.OTHER and not request.explanation.strip():
        raise ModerationError(
            _("Please tell us in a few words what is wrong."), field="explanation"
        )


def report_comment(comment: Comment, *, viewer, request: ReportRequest, language: str) -> Report:
    """A reader reports a comment; enough reports hold it for review.

    One report per reader and comment (a second one is refused with a message, the
    first stands). A reporter who left an address gets a receipt, and later the
    decision. BROADSHEET_REPORTS_TO_HOLD reports by different readers take the comment
    off the site until a moderator decides; a notice of illegal content never does so
    alone (that is a moderator's assessment).
    """
    check_report(comment, request)
    try:
        ratelimit.check(REPORT_LIMITS, viewer.ip_hash)
    except ratelimit.RateLimited as exc:
        raise ModerationError(exc.message, status=429) from None
    try:
        with transaction.atomic():
            report = Report.objects.create(
                comment=comment,
                article_id=comment.article_id,
                comment_text=comment.body,
                comment_author=comment.author_name,
                category=request.category,
                explanation=request.explanation.strip(),
                law=request.law.strip()[:300],
                reporter_name=request.reporter_name.strip()[:80],
                reporter_email=request.reporter_email.strip().lower()[:254],
                good_faith=request.good_faith,
                reporter_user=viewer.user,
                reporter_key=viewer.voter_key,
                reporter_ip_hash=viewer.ip_hash,
                language=language,
            )
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
            discussion.touch_thread(comment.article_id)
            record(
                AuditEntry.Action.REPORT,
                actor=viewer.user,
                comment=comment,
                report=report,
                detail=report.get_category_display(),
            )
            if report.reporter_email:
                notices.report_receipt(report)
            _check_report_surge(comment.article_id)
            comment.refresh_from_db(fields=["report_count", "status"])
            if (
                comment.report_count >= settings.BROADSHEET_REPORTS_TO_HOLD
                and comment.status == Comment.Status.APPROVED
            ):
                hold_comments(
                    Comment.objects.filter(pk=comment.pk),
                    actor=None,
                    because=Comment.HeldBecause.REPORTS,
                    automated=True,
                )
    except IntegrityError:
        raise ModerationError(_("You have already reported this comment. Thank you!")) from None
    return report


def _check_report_surge(article_id: int) -> None:
    """Many reports on one article's comments put it under pre-moderation, as many
    comments do (surge.py); counted from the last time a moderator lifted one."""
    from . import surge

    state = surge.thread_state(article_id)
    if not state.in_surge and surge.reports_surging(article_id, since=state.surge_lifted_at):
        surge.start_surge(article_id, cause="report rate")


def _decide_open_reports(comments, *, actor, outcome: str, **decision) -> None:
    ids = [c.pk for c in comments]
    if not ids:
        return
    open_reports = Report.objects.filter(comment_id__in=ids).exclude(status=Report.Status.DECIDED)
    for report in open_reports.select_related("comment"):
        _close_report(report, actor=actor, outcome=outcome, **decision)
    Comment.objects.filter(pk__in=ids).update(report_count=0)


def _close_report(
    report: Report,
    *,
    actor,
    outcome: str,
    reason: str = "",
    legal_ground: str = "",
    explanation: str = "",
    illegal: bool | None = None,
) -> None:
    report.status = Report.Status.DECIDED
    report.outcome = outcome
    report.decided_at = timezone.now()
    report.decided_by = actor
    report.automated = actor is None
    if report.is_notice:
        report.illegal = (
            illegal
            if illegal is not None
            else (outcome == Report.Outcome.REMOVED and reason == Reason.ILLEGAL)
        )
        report.legal_ground = legal_ground
        report.decision_explanation = explanation
    report.save()
    record(
        AuditEntry.Action.DECIDE,
        actor=actor,
        automated=actor is None,
        comment=report.comment,
        report=report,
        reason=reason,
        detail=report.get_outcome_display(),
    )
    if report.reporter_email:
        notices.report_decision(report)


def start_review(report: Report, *, actor) -> Report:
    if report.status == Report.Status.DECIDED:
        raise ModerationError(_("This case has already been decided."))
    if report.status == Report.Status.RECEIVED:
        Report.objects.filter(pk=report.pk, status=Report.Status.RECEIVED).update(
            status=Report.Status.IN_REVIEW
        )
        report.status = Report.Status.IN_REVIEW
    return report


def decide_notice(
    report: Report,
    *,
    actor,
    illegal: bool,
    legal_ground: str = "",
    explanation: str = "",
    reason: str = Reason.ILLEGAL,
) -> Report:
    """Decide a notice of illegal content: the legal assessment, and the comment's fate.

    Illegal: the comment is removed with the given ground (its author gets a statement of
    reasons, the reporter the decision). Not illegal: the report is closed as "kept"
    (the comment may still be removed for another reason with reject_comments).
    """
    if report.status == Report.Status.DECIDED:
        raise ModerationError(_("This case has already been decided."))
    if not explanation.strip():
        raise ModerationError(_("Please explain the decision."), field="explanation")
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if illegal:
            if not legal_ground.strip():
                raise ModerationError(_("Please name the legal ground."), field="legal_ground")
            comments = Comment.objects.filter(pk=report.comment_id)
            reject_comments(
                comments,
                actor=actor,
                reason=reason,
                explanation=explanation,
                legal_ground=legal_ground,
            )
            report.refresh_from_db()
            if report.status != Report.Status.DECIDED:  # the comment was gone already
                _close_report(
                    report, actor=actor, outcome=Report.Outcome.REMOVED, reason=reason,
                    legal_ground=legal_ground, explanation=explanation, illegal=True,
                )  # fmt: skip
            else:
                Report.objects.filter(pk=report.pk).update(
                    illegal=True, legal_ground=legal_ground.strip(),
                    decision_explanation=explanation.strip(),
                )  # fmt: skip
        else:
            _close_report(
                report, actor=actor, outcome=Report.Outcome.KEPT,
                legal_ground=legal_ground.strip(), explanation=explanation.strip(), illegal=False,
            )  # fmt: skip
            if report.comment_id:
                _refresh_report_count(report.comment_id)
    report.refresh_from_db()
    return report


def _refresh_report_count(comment_id: int) -> None:
    count = (
        Report.objects.filter(comment_id=comment_id).exclude(status=Report.Status.DECIDED).count()
    )
    Comment.objects.filter(pk=comment_id).update(report_count=count)


def dismiss_reports(comment: Comment, *, actor) -> int:
    """Close the open reports on a comment as "kept"; one the reports held is published again."""
    with transaction.atomic():
        reports = list(Report.objects.filter(comment=comment).exclude(status=Report.Status.DECIDED))
        for report in reports:
            _close_report(report, actor=actor, outcome=Report.Outcome.KEPT)
        Comment.objects.filter(pk=comment.pk).update(report_count=0)
        approve_comments(
            Comment.objects.filter(
                pk=comment.pk,
                status=Comment.Status.PENDING,
                held_because=Comment.HeldBecause.REPORTS,
            ),
            actor=actor,
        )
        discussion.touch_thread(comment.article_id)
    return len(reports)


def add_case_note(report: Report, *, actor, text: str) -> Report:
    text = text.strip()
    if not text:
        raise ModerationError(_("The note is empty."), field="text")
    stamp = f"{timezone.localtime():%Y-%m-%d %H:%M} {_actor_name(actor)}: {text}"
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        report.notes = f"{report.notes}\n{stamp}".strip()
        report.save(update_fields=["notes"])
        record(AuditEntry.Action.NOTE, actor=actor, report=report, detail=text)
    return report


# --- Sanctions and notes on people ---------------------------------------------------------


def sanction_person(
    person: Person,
    *,
    actor,
    kind: str,
    reason: str,
    message: str = "",
    duration: datetime.timedelta | None = None,
    reject_earlier: bool = False,
    now: datetime.datetime | None = None,
) -> Sanction:
    """Warn, suspend (for duration) or ban one person key; optionally remove their comments.

    The message is what the person reads when they next try to comment (a warning is
    shown once and then ends). Earlier comments are removed with the same reason and
    without a statement of reasons per comment (one mail per comment would flood them).
    """
    now = now or timezone.now()
    if kind not in Sanction.Kind.values:
        raise ModerationError(_("Please choose warning, suspension or ban."), field="kind")
    if reason not in Reason.values:
        raise ModerationError(_("Please choose a reason."), field="reason")
    if kind == Sanction.Kind.SUSPENSION and not duration:
        raise ModerationError(_("Please choose how long the suspension lasts."), field="duration")
    if person.target not in Target.values or not person.value:
        raise ModerationError(_("This person cannot be identified."))
    with transaction.atomic():
        sanction = Sanction.objects.create(
            kind=kind,
            target=person.target,
            value=person.value,
            reason=reason,
            message=message.strip(),
            created_by=actor,
            created_at=now,
            ends_at=now + duration if kind == Sanction.Kind.SUSPENSION else None,
        )
        record(
            AuditEntry.Action.SANCTION,
            actor=actor,
            person=person,
            sanction=sanction,
            reason=reason,
            detail=sanction.get_kind_display(),
            after={
                "kind": kind,
                "ends_at": sanction.ends_at.isoformat() if sanction.ends_at else None,
            },
        )
        if reject_earlier:
            reject_comments(
                comments_of(person).exclude(status__in=[Comment.Status.TRASH, Comment.Status.SPAM]),
                actor=actor,
                reason=reason,
                explanation=message or Reason(reason).label,
                legal_ground="-" if reason == Reason.ILLEGAL else "",
                notify_author=False,
            )
    return sanction


def lift_sanction(sanction: Sanction, *, actor) -> Sanction:
    with transaction.atomic():
        now = timezone.now()
        updated = Sanction.objects.filter(pk=sanction.pk, lifted_at__isnull=True).update(
            lifted_at=now, lifted_by=actor
        )
        if updated:
            record(
                AuditEntry.Action.LIFT,
                actor=actor,
                person=Person(sanction.target, sanction.value),
                sanction=sanction,
            )
    sanction.refresh_from_db()
    return sanction


def add_note(person: Person, *, actor, text: str) -> PersonNote:
    text = text.strip()
    if not text:
        raise ModerationError(_("The note is empty."), field="text")
    with transaction.atomic():
        note = PersonNote.objects.create(
            target=person.target, value=person.value, text=text, author=actor
        )
        record(AuditEntry.Action.NOTE, actor=actor, person=person, detail=text)
    return note


def viewer_people(viewer, *, email: str = "") -> list[Person]:
    """The keys of whoever is about to comment: account, e-mail, voter and IP hash."""
    people = []
    if viewer.user is not None:
        people.append(Person(Target.ACCOUNT, str(viewer.user.pk)))
        email = email or viewer.user.email
    if email:
        people.append(Person(Target.EMAIL, email.strip().lower()))
    people.append(Person(Target.VOTER, viewer.voter_key))
    if viewer.ip_hash:
        people.append(Person(Target.IP, viewer.ip_hash))
    return people


def sanctions_for(people: list[Person], *, now=None):
    from django.db.models import Q

    if not people:
        return Sanction.objects.none()
    match = Q()
    for person in people:
        match |= Q(target=person.target, value=person.value)
    return Sanction.objects.in_force(now=now).filter(match)


def check_may_comment(viewer, *, email: str = "", now=None) -> Sanction | None:
    """Refuse a suspended or banned person with the sanction's message; no writes.

    Returns a warning that is due to be shown (acknowledge_warning marks it seen).
    """
    in_force = list(sanctions_for(viewer_people(viewer, email=email), now=now))
    for sanction in in_force:
        if sanction.kind == Sanction.Kind.WARNING:
            continue
        if sanction.kind == Sanction.Kind.BAN:
            text = _("You can no longer comment here.")
        else:
            text = _("You cannot comment until %(end)s.") % {
                "end": timezone.localtime(sanction.ends_at).strftime("%d.%m.%Y %H:%M")
            }
        reason = sanction.message or Reason(sanction.reason).label
        raise ModerationError(f"{text} {_('Reason:')} {reason}", status=403)
    warnings = [s for s in in_force if s.kind == Sanction.Kind.WARNING and not s.acknowledged_at]
    return warnings[0] if warnings else None


def acknowledge_warning(sanction: Sanction) -> None:
    """A warning ends once shown: it was shown next to the comment just posted."""
    Sanction.objects.filter(pk=sanction.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now(), ends_at=timezone.now()
    )


# --- Surge controls of an article (surge.py) -----------------------------------------------

SLOW_MODE_MAX_MINUTES = 24 * 60
SLOW_MODE_STEPS = (1, 2, 5, 10, 15, 30, 60)


def slow_mode_choices() -> list[tuple[int, str]]:
    """What a moderator's slow-mode menu offers: off, or one comment per so many minutes."""
    from django.utils.translation import ngettext

    return [(0, _("off"))] + [
        (m, ngettext("one comment per minute", "one comment per %(m)d minutes", m) % {"m": m})
        for m in SLOW_MODE_STEPS
    ]


def set_slow_mode(thread: Thread, minutes: int | None, *, actor) -> Thread:
    """Allow each reader one comment per `minutes` on the article (None or 0: off).

    Readers see the rule by the form on their next request (the thread's version moves).
    """
    minutes = minutes or None
    if minutes is not None and not 1 <= minutes <= SLOW_MODE_MAX_MINUTES:
        raise ModerationError(
            _("Slow mode takes between 1 and %(max)d minutes.") % {"max": SLOW_MODE_MAX_MINUTES},
            field="minutes",
        )
    with transaction.atomic():
        current = Thread.objects.select_for_update().get(pk=thread.pk)
        if current.slow_mode_minutes != minutes:
            before = current.slow_mode_minutes
            discussion.set_thread_controls(thread.pk, slow_mode_minutes=minutes)
            record(
                AuditEntry.Action.SLOW_MODE,
                actor=actor,
                article_id=thread.pk,
                before={"slow_mode_minutes": before},
                after={"slow_mode_minutes": minutes},
            )
    thread.slow_mode_minutes = minutes
    return thread


def lift_surge(thread: Thread, *, actor) -> bool:
    """End the article's automatic pre-moderation; False if there was none.

    Comments held meanwhile stay in the queue for a decision. The rate is counted
    afresh from now, so the burst that set it off does not set it off again.
    """
    now = timezone.now()
    with transaction.atomic():
        current = Thread.objects.select_for_update().get(pk=thread.pk)
        if current.surge_since is None:
            return False
        discussion.set_thread_controls(thread.pk, surge_since=None, surge_lifted_at=now)
        record(
            AuditEntry.Action.SURGE_LIFT,
            actor=actor,
            article_id=thread.pk,
            before={"surge_since": current.surge_since.isoformat()},
        )
    thread.surge_since, thread.surge_lifted_at = None, now
    return True
