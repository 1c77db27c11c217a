"""Carrying out an erasure (GDPR Art. 17), run by the worker once the grace period ends.

What goes, in one transaction:

- the person's comments: a comment that others answered stays as a blank "deleted"
  tombstone (BROADSHEET_ERASURE_COMMENTS=tombstone) or blank and hidden (remove), so
  the others' replies are not erased with it; every other comment is deleted. The
  thread counters are recounted and the thread versions move (discussion.services),
  so every cached page and fragment that showed a comment is replaced;
- votes and ratings under the voter identities those comments carry (and the
  account's own), with the counters they moved moved back;
- the subscriber row of the address with its subscriptions, the record of mails sent
  to it, its data links; notes of moderators on the person and sanctions no longer in
  force (one in force is kept until it ends: the house rules still apply);
- the person's name and address in reports they filed, and the text and author of
  their comments in reports about them;
- in the audit log, which is otherwise never changed: the erased text, name and
  address in the before/after of edits, and the person key and note text of entries
  about the person. The entries stay, so the log still says that the action happened;
- an account: its name, address and profile are blanked, it can no longer log in.

An ErasureLog row keeps when, a keyed hash of the address, and the counts.
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from broadsheet.core.hashing import keyed_hash
from broadsheet.discussion import services as discussion
from broadsheet.discussion.models import Comment, Passage, Rating, Thread, Vote
from broadsheet.errata.models import ErrorReport
from broadsheet.moderation.models import AuditEntry, PersonNote, Report, Sanction
from broadsheet.notifications.models import Delivery, Subscriber
from broadsheet.publishing.models import Article

from .models import DataLink, ErasureLog, ErasureRequest
from .subject import Subject, voter_keys_of

logger = logging.getLogger(__name__)

# Comment.removal_reason of an erased comment (its tombstone reads "deleted").
ERASED = "author"  # as accounts.services.delete_own_comment: "deleted by its author"
REDACTED = "[erased]"
# The comment fields an audit entry's before/after may hold (moderation.services.EDITABLE).
PERSONAL_FIELDS = ("body", "author_name", "author_email", "author_url")


def carry_out(request_id: int, *, now: datetime.datetime | None = None) -> ErasureLog | None:
    """Erase what the request names if it is due; None if it is not (cancelled, done,
    or still in its grace period). Idempotent: the request row goes with the erasure."""
    now = now or timezone.now()
    with transaction.atomic():
        request = (
            # of=("self",): PostgreSQL locks no row on the nullable side of an outer join.
            ErasureRequest.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=request_id, due_at__lte=now)
            .first()
        )
        if request is None:
            return None
        user = request.user
        subject = Subject.of_account(user) if user else Subject.of_address(request.email)
        address = subject.email or (user.email if user else "")
        counts = erase(subject, user=user)
        log = ErasureLog.objects.create(
            erased_at=now,
            requested_at=request.requested_at,
            subject=ErasureLog.Subject.ACCOUNT if user else ErasureLog.Subject.EMAIL,
            email_hash=keyed_hash(address, purpose="erasure") if address else "",
            counts=counts,
        )
        request.delete()
    logger.info("Erasure %s carried out: %s", log.pk, counts)
    return log


def erase(subject: Subject, *, user=None) -> dict:
    """Erase everything the subject finds (inside the caller's transaction); the counts."""
    comments = list(subject.comments().only("pk", "article_id", "parent_id", "author_key"))
    keys = voter_keys_of(subject, comments)
    counts = {
        "votes": _erase_votes(keys),
        "ratings": _erase_ratings(keys),
        **_erase_comments({c.pk for c in comments}),
        "subscriptions": 0,
        "account": 0,
    }
    # Only a proven address (Subject.of_account): an account's unconfirmed address may
    # be someone else's, and so are its subscriptions.
    if subject.email:
        counts["subscriptions"] = _erase_address(subject.email)
    _erase_person_records(subject, keys)
    if user is not None:
        counts["account"] = _erase_account(user)
    return counts


def _erase_votes(keys: set[str]) -> int:
    if not keys:
        return 0
    votes = Vote.objects.filter(voter_key__in=keys)
    per_comment = votes.values("comment_id", "comment__article_id").annotate(
        up=Count("pk", filter=Q(value=1)), down=Count("pk", filter=Q(value=-1))
    )
    articles = set()
    for row in per_comment:
        Comment.objects.filter(pk=row["comment_id"]).update(
            upvotes=F("upvotes") - row["up"],
            downvotes=F("downvotes") - row["down"],
            score=F("score") - row["up"] + row["down"],
        )
        articles.add(row["comment__article_id"])
    deleted, _ = votes.delete()
    for article_id in sorted(articles):
        discussion.touch_thread(article_id)
    return deleted


def _erase_ratings(keys: set[str]) -> int:
    if not keys:
        return 0
    ratings = Rating.objects.filter(voter_key__in=keys)
    per_article = ratings.values("article_id").annotate(n=Count("pk"), stars=Sum("stars"))
    for row in per_article:
        discussion.adjust_thread(
            Article(pk=row["article_id"]), rating_count=-row["n"], rating_sum=-row["stars"]
        )
    deleted, _ = ratings.delete()
    return deleted


def _answered_by_others(ids: set[int]) -> set[int]:
    """Those of the comments (ids) below which someone else's comment hangs."""
    roots = set(Comment.objects.filter(pk__in=ids).values_list("root_id", flat=True)) | set(ids)
    roots.discard(None)
    tree = dict(
        Comment.objects.filter(Q(root_id__in=roots) | Q(pk__in=roots)).values_list(
            "pk", "parent_id"
        )
    )
    answered = set()
    for pk, parent in tree.items():
        if pk in ids:
            continue
        while parent is not None:
            if parent in ids:
                answered.add(parent)
            parent = tree.get(parent)
    return answered


def _erase_comments(ids: set[int]) -> dict:
    if not ids:
        return {"comments_deleted": 0, "comments_blanked": 0}
    _redact_reports_and_audit(ids)
    kept = _answered_by_others(ids)
    tombstone = settings.BROADSHEET_ERASURE_COMMENTS == "tombstone"
    touched = set(Comment.objects.filter(pk__in=ids).values_list("article_id", flat=True))
    if kept:
        Passage.objects.filter(comment_id__in=kept).delete()
        Vote.objects.filter(comment_id__in=kept).delete()
        Comment.objects.filter(pk__in=kept).update(
            status=Comment.Status.TRASH,
            tombstone=tombstone,
            removal_reason=ERASED,
            held_because="",
            body="",
            body_html="",
            author_name="",
            author_email="",
            author_url="",
            author_key="",
            ip_hash="",
            user=None,
            has_passage=False,
            edited_at=None,
            staff_edited_at=None,
            pinned=False,
            featured=False,
            report_count=0,
            upvotes=0,
            downvotes=0,
            score=0,
        )
        if tombstone:
            with_tombstones = Comment.objects.filter(pk__in=kept).values("article_id")
            Thread.objects.filter(pk__in=with_tombstones).update(has_tombstones=True)
    deleted = 0
    if ids - kept:
        deleted = discussion.delete_comments(Comment.objects.filter(pk__in=ids - kept))
    for article_id in sorted(touched):
        discussion.recount_thread(article_id)  # also moves the version: caches follow
    return {"comments_deleted": deleted, "comments_blanked": len(kept)}


def _audit():
    # The audit log refuses updates through its own manager (AppendOnly). An erasure is
    # the one change the law requires: the plain base manager writes it, and only here.
    return AuditEntry._base_manager


def _redact_reports_and_audit(ids: set[int]) -> None:
    Report.objects.filter(comment_id__in=ids).update(comment_text=REDACTED, comment_author=REDACTED)
    entries = _audit().filter(comment_id__in=ids).exclude(before={}, after={})
    for entry in entries.only("pk", "before", "after"):
        before, after = _redacted(entry.before), _redacted(entry.after)
        if (before, after) != (entry.before, entry.after):
            _audit().filter(pk=entry.pk).update(before=before, after=after)


def _redacted(snapshot):
    if not isinstance(snapshot, dict):
        return snapshot
    return {k: (REDACTED if k in PERSONAL_FIELDS and v else v) for k, v in snapshot.items()}


def _erase_address(email: str) -> int:
    subscribers = Subscriber.objects.filter(email=email)
    subscriptions = sum(s.subscriptions.count() for s in subscribers)
    subscribers.delete()
    # The record of mails sent to the address; one being sent right now finishes.
    Delivery.objects.filter(to__iexact=email).exclude(status=Delivery.Status.SENDING).delete()
    DataLink.objects.filter(email=email).delete()
    Report.objects.filter(reporter_email__iexact=email).update(
        reporter_email="", reporter_name="", reporter_ip_hash=""
    )
    # Error reports: the passage stays for the newsroom, what the person wrote goes.
    ErrorReport.objects.filter(email__iexact=email).update(email="", suggestion="", ip_hash="")
    return subscriptions


def _erase_person_records(subject: Subject, keys: set[str]) -> None:
    people = subject.person_keys(keys)
    PersonNote.objects.filter(people).delete()
    in_force = Sanction.objects.in_force().filter(people).values("pk")
    Sanction.objects.filter(people).exclude(pk__in=in_force).delete()
    # Entries about the person: the note's text goes, the key becomes unreadable.
    for entry in _audit().filter(people).only("pk", "value", "action"):
        changes = {"value": keyed_hash(entry.value, purpose="erasure")}
        if entry.action == AuditEntry.Action.NOTE:
            changes["detail"] = REDACTED
        _audit().filter(pk=entry.pk).update(**changes)
    if subject.user_id:
        Report.objects.filter(reporter_user_id=subject.user_id).update(
            reporter_user=None, reporter_email="", reporter_name="", reporter_ip_hash=""
        )


def _erase_account(user) -> int:
    from django.apps import apps

    try:
        login_links = apps.get_model("accounts", "LoginLink")
    except LookupError:
        login_links = None
    if login_links is not None and user.email:
        login_links.objects.filter(email__iexact=user.email).delete()
    user.username = f"erased-{user.pk}-{secrets.token_hex(4)}"
    user.email = user.first_name = user.last_name = user.display_name = ""
    if hasattr(user, "bio"):
        user.bio = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    return 1
