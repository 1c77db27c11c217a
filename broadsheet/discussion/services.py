"""The write side of the discussion: verbs that change comments, votes and ratings.

Every service runs in one transaction, keeps the denormalised counters in step with
F() expressions, and bumps Thread.version so cached thread fragments expire.
Side effects (notifications) go through transaction.on_commit.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, PositiveIntegerField, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from broadsheet.core import ratelimit
from broadsheet.core.purge import purge_later
from broadsheet.core.versions import next_version
from broadsheet.moderation import surge
from broadsheet.moderation.policy import initial_status, is_reserved_name
from broadsheet.moderation.trust import trust_of

from . import mentions, passages, signals
from .anchoring import AnchorError
from .models import Comment, Rating, Thread, Vote
from .passages import PassageRequest

COMMENT_LIMITS_PER_IP = [
    ratelimit.Limit("comment-ip-min", 5, 60),
    ratelimit.Limit("comment-ip-hour", 40, 3600),
]
COMMENT_LIMITS_PER_EMAIL = [
    ratelimit.Limit("comment-email-min", 3, 60),
    ratelimit.Limit("comment-email-hour", 30, 3600),
]
VOTE_LIMITS_PER_VOTER = [ratelimit.Limit("vote-voter", 30, 60)]
VOTE_LIMITS_PER_IP = [ratelimit.Limit("vote-ip", 120, 60)]
RATING_LIMITS = [ratelimit.Limit("rating-voter", 10, 60)]
# New guest identities (a first vote, rating or comment without a voter cookie) per
# network (IPv4 address or IPv6 /64). Each reader needs one only once (the cookie
# lasts two years), so the limit binds a script that drops its cookies, not readers:
# 30 a minute lets a newsroom or school class of 20 behind one NAT vote within the
# same minute; 120 an hour caps a cookie-dropping script at 120 votes per comment and
# hour instead of the 240 in 12 seconds a security review once added.
NEW_VOTER_LIMITS = [
    ratelimit.Limit("new-voter-min", 30, 60),
    ratelimit.Limit("new-voter-hour", 120, 3600),
]
DUPLICATE_WINDOW = datetime.timedelta(hours=24)


class DiscussionError(Exception):
    """A reader's action was refused; the message is shown to them as it is."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


class RevisionSuggested(DiscussionError):
    """The model objected to the text: its author is asked, once, to revise it.

    Sending the same text again with send_anyway saves it, held for a moderator.
    """

    def __init__(self, message: str, *, verdict: str):
        super().__init__(message, field="body", status=409)
        self.verdict = verdict


def _limit(limits, key: str) -> None:
    try:
        ratelimit.check(limits, key)
    except ratelimit.RateLimited as exc:
        raise DiscussionError(exc.message, status=429) from None


def check_established_voter(viewer, *, now: float | None = None) -> None:
    """Refuse votes and ratings of guest identities younger than a few seconds.

    A guest exists from their voter cookie's issue time or from the time the page they
    act from was served (its signed token), whichever is earlier: a reader who loaded
    the page has existed since then, a script that posts without loading it never has.
    Accounts are identities of their own. No writes.
    """
    if viewer.user is not None:
        return
    if viewer.identity_age(now=now) < settings.BROADSHEET_VOTE_MIN_SECONDS:
        raise DiscussionError(_("That was quick! Please wait a moment and try again."), status=429)


def _limit_new_identity(viewer) -> None:
    """Count one new guest identity for the reader's network, or refuse it."""
    if viewer.user is not None or not viewer.new_voter:
        return
    try:
        ratelimit.check(NEW_VOTER_LIMITS, viewer.network_hash)
    except ratelimit.RateLimited as exc:
        minutes = max(1, round(exc.retry_after / 60))
        raise DiscussionError(
            ngettext(
                "Too many new readers from your network are taking part right now. "
                "Please try again in a minute.",
                "Too many new readers from your network are taking part right now. "
                "Please try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
            status=429,
        ) from None


def comments_close_at(article) -> datetime.datetime | None:
    from broadsheet.publishing.models.site import site_chrome

    days = article.comments_close_after_days
    if days is None:
        days = site_chrome()["publication"].comments_close_after_days
    if days is None or article.published_at is None:
        return None
    return article.published_at + datetime.timedelta(days=days)


def is_open_for_comments(article, thread: Thread | None = None, *, now=None) -> bool:
    now = now or timezone.now()
    if not article.comments_enabled or not article.is_published(now=now):
        return False
    if thread is not None and thread.closed:
        return False
    close_at = comments_close_at(article)
    return close_at is None or now < close_at


def thread_for(article) -> Thread:
    thread, _ = Thread.objects.get_or_create(article=article)
    return thread


def _bump(article_id: int, **changes) -> None:
    Thread.objects.filter(pk=article_id).update(version=next_version("version"), **changes)
    purge_later(f"thread-{article_id}")  # shared caches' copies, once this commits


def touch_thread(article_id: int) -> None:
    """Move the thread's version after a change made elsewhere that readers see
    (a pin, a report count): every cached page of the thread is replaced."""
    _bump(article_id)


@dataclass
class Author:
    name: str
    email: str
    url: str = ""


def post_comment(
    article,
    *,
    viewer,
    body: str,
    author: Author | None = None,
    reply_to: Comment | None = None,
    notify: str = "",
    passage: "PassageRequest | None" = None,
    now: datetime.datetime | None = None,
    seconds_to_write: float | None = None,
    send_anyway: bool = False,
) -> Comment:
    """Create a comment (or a reply) and decide its moderation status.

    Raises DiscussionError with a message for the reader when the thread is closed,
    the parent is not part of this visible thread, a limit is hit, slow mode asks the
    reader to wait or the same text was just posted; RevisionSuggested when the model
    objects to the text, unless send_anyway (the author saw that and sent the same text
    again: it is then held for a moderator, with an automated audit entry). Replies
    deeper than the maximum depth attach at the deepest level. The status follows the
    author's trust level (moderation/trust.py, policy.py) and the article's surge state.
    """
    now = now or timezone.now()
    body = body.strip()
    user = viewer.user
    if user is not None:
        author = Author(name=user.get_display_name(), email=user.email, url="")
    if author is None or not author.name.strip():
        raise DiscussionError(_("Please tell us your name."), field="name")
    if not viewer.is_staff and is_reserved_name(author.name):
        raise DiscussionError(
            _("This name belongs to our newsroom. Please choose another one."), field="name"
        )
    max_length = settings.BROADSHEET_COMMENT_MAX_LENGTH
    if not body:
        raise DiscussionError(_("Please write a comment."), field="body")
    if len(body) > max_length:
        raise DiscussionError(
            _("Your comment is %(length)d characters long; at most %(max)d are allowed.")
            % {"length": len(body), "max": max_length},
            field="body",
        )

    selector = question = None
    if passage is not None and not passage.is_empty:
        if reply_to is not None:
            raise DiscussionError(_("A reply cannot quote a passage of its own."))
        try:
            selector, question = passages.resolve(article, passage)
        except AnchorError:
            raise DiscussionError(
                _(
                    "The passage you quoted is not in the article (any more). Please select it again."
                ),
                field="passage",
            ) from None

    # Everything that only reads happens before the write lock is taken: on SQLite an
    # IMMEDIATE transaction serialises all writers, so it should be short.
    parent = None
    if reply_to is not None:
        if reply_to.article_id != article.pk or not (
            reply_to.status == Comment.Status.APPROVED or viewer.owns(reply_to)
        ):
            raise DiscussionError(_("The comment you are replying to is not available."))
        parent = reply_to
        while parent.depth >= settings.BROADSHEET_COMMENT_MAX_DEPTH:
            parent = parent.parent
    email = author.email.strip().lower()[:254]
    _limit(COMMENT_LIMITS_PER_IP, viewer.ip_hash)
    _limit(COMMENT_LIMITS_PER_EMAIL, email)
    _limit_new_identity(viewer)
    duplicate = Comment.objects.filter(
        article=article,
        body=body,
        created_at__gte=now - DUPLICATE_WINDOW,
        author_key=viewer.voter_key,
    )
    if duplicate.exists():
        raise DiscussionError(_("You have already posted this comment."), field="body")
    _check_sanctions(viewer, email=email)
    trust = None
    verdict = None
    surge_starts = in_surge = False
    if not viewer.is_staff:
        state = surge.thread_state(article.pk)
        _check_slow_mode(article, state, viewer=viewer, email=email, now=now)
        trust = trust_of(viewer, email=email, now=now)
        verdict = _model_verdict(body, trust=trust, seconds_to_write=seconds_to_write)
        if verdict and not send_anyway:
            raise RevisionSuggested(
                _("Your comment may break our rules – would you like to revise it?"),
                verdict=verdict,
            )
        in_surge = state.in_surge
        if not in_surge and surge.is_surging(article.pk, since=state.surge_lifted_at, now=now):
            in_surge = surge_starts = True
    status, held_because = initial_status(
        text=body, email=email, name=author.name, url=author.url,
        trust=trust, is_staff=viewer.is_staff, model_verdict=verdict, surge=in_surge,
    )  # fmt: skip
    # Mentions are resolved now, against the thread as it is, and stored (mentions.py).
    rendered = mentions.render_body(body, article_id=article.pk)

    with transaction.atomic():
        thread = thread_for(article)
        if not is_open_for_comments(article, thread, now=now):
            raise DiscussionError(_("Comments on this article are closed."), status=403)
        comment = Comment(
            article=article,
            reply_to=reply_to,
            user=user,
            author_name=author.name.strip()[:80],
            author_email=email,
            author_url=author.url.strip()[:300],
            author_key=viewer.voter_key,
            body=body,
            body_html=rendered.html,
            status=status,
            held_because=held_because,
            by_newsroom=viewer.is_staff,
            created_at=now,
            ip_hash=viewer.ip_hash,
        )
        comment.place_under(parent)
        comment.save()
        comment.save_path()
        mentions.store_mentions(comment, rendered.mentioned, created=True)
        if selector is not None:
            passages.attach(comment, selector, question)
        if surge_starts:
            surge.start_surge(article.pk, now=now)
        if held_because in AUTOMATED_HOLDS:
            _record_automated_hold(comment)
        if status == Comment.Status.APPROVED:
            set_comment_count(article.pk, delta=1)
        viewer.remember_comment(comment.pk)
        language = translation.get_language() or settings.LANGUAGE_CODE
        # Inside the transaction: the listeners queue their work in the same database,
        # so a comment and its notifications are saved together or not at all.
        signals.comment_posted.send(Comment, comment=comment, notify=notify, language=language)
        if status == Comment.Status.APPROVED:
            signals.comment_visible.send(Comment, comment=comment)
        elif status == Comment.Status.PENDING:
            signals.comment_held.send(Comment, comment=comment)
    return comment


# Holds decided by automated means: recorded in the audit log as automated, so the
# statement of reasons and the transparency statistics can say so.
AUTOMATED_HOLDS = {
    Comment.HeldBecause.MODEL, Comment.HeldBecause.MODEL_SPAM, Comment.HeldBecause.SURGE,
}  # fmt: skip


def _record_automated_hold(comment: Comment) -> None:
    from broadsheet.moderation import services as moderation
    from broadsheet.moderation.models import AuditEntry

    moderation.record(
        AuditEntry.Action.HOLD,
        actor=None,
        automated=True,
        comment=comment,
        detail=str(Comment.HeldBecause(comment.held_because).label),
        after={"status": comment.status, "held_because": comment.held_because},
    )


def _model_verdict(body: str, *, trust, seconds_to_write: float | None) -> str | None:
    """ "spam" or "abuse" when the local model objects to the text, else None."""
    from broadsheet.moderation.classifier import score_comment

    return score_comment(body, trust=trust.score, seconds_to_write=seconds_to_write).verdict


def _check_slow_mode(article, state, *, viewer, email: str, now) -> None:
    """Refuse a second comment within the article's slow-mode minutes, with the wait."""
    if not state.slow_mode_minutes:
        return
    wait = surge.wait_for_slow_mode(
        article.pk,
        minutes=state.slow_mode_minutes,
        voter_key=viewer.voter_key,
        email=email,
        user_id=viewer.user_id,
        now=now,
    )
    if wait is None:
        return
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    raise DiscussionError(
        ngettext(
            "Slow mode: one comment per %(every)d minutes. Please wait %(minutes)d more "
            "minute; your text is kept.",
            "Slow mode: one comment per %(every)d minutes. Please wait %(minutes)d more "
            "minutes; your text is kept.",
            minutes,
        )
        % {"every": state.slow_mode_minutes, "minutes": minutes},
        status=429,
    )


def _check_sanctions(viewer, *, email: str) -> None:
    """Refuse a suspended or banned person with the reason the moderators gave.

    A warning stops the next comment once: the author reads it, and their text comes
    back to be sent again (the warning ends when shown).
    """
    from broadsheet.moderation import services as moderation

    try:
        warning = moderation.check_may_comment(viewer, email=email)
    except moderation.ModerationError as refused:
        raise DiscussionError(refused.message, status=403) from None
    if warning is not None:
        moderation.acknowledge_warning(warning)
        raise DiscussionError(
            _(
                "A note from our moderators: %(message)s Your comment has not been sent yet: "
                "please check it and send it again."
            )
            % {"message": warning.message or moderation.Reason(warning.reason).label},
            status=409,
        )


def can_edit(comment: Comment, viewer, *, now=None) -> bool:
    now = now or timezone.now()
    window = datetime.timedelta(minutes=settings.BROADSHEET_COMMENT_EDIT_MINUTES)
    return (
        viewer.owns(comment)
        and comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING)
        and now - comment.created_at <= window
    )


def edit_comment(comment: Comment, *, viewer, body: str, now=None) -> Comment:
    """Replace the text of the viewer's own comment within the edit window."""
    now = now or timezone.now()
    body = body.strip()
    if not can_edit(comment, viewer, now=now):
        raise DiscussionError(_("This comment can no longer be edited."))
    if not body:
        raise DiscussionError(_("Please write a comment."), field="body")
    if len(body) > settings.BROADSHEET_COMMENT_MAX_LENGTH:
        raise DiscussionError(
            _("Your comment is %(length)d characters long; at most %(max)d are allowed.")
            % {"length": len(body), "max": settings.BROADSHEET_COMMENT_MAX_LENGTH},
            field="body",
        )
    rendered = mentions.render_body(body, article_id=comment.article_id)
    with transaction.atomic():
        comment.body = body
        comment.body_html = rendered.html
        comment.edited_at = now
        comment.save(update_fields=["body", "body_html", "edited_at"])
        mentions.store_mentions(comment, rendered.mentioned, created=False)
        _bump(comment.article_id)
    return comment


@dataclass
class VoteResult:
    upvotes: int
    downvotes: int
    mine: int  # +1, -1 or 0


def cast_vote(comment: Comment, *, viewer, value: int) -> VoteResult:
    """Vote +1 or -1; the same vote again withdraws it, the other one switches it.

    Exact under concurrency: the vote row is unique per voter and locked while it
    changes, and the counters move by F() deltas in the same transaction.
    """
    if value not in (1, -1):
        raise DiscussionError(_("A vote is either up or down."))
    if comment.status != Comment.Status.APPROVED:
        raise DiscussionError(_("This comment cannot be voted on."))
    if viewer.owns(comment):
        raise DiscussionError(_("You cannot vote on your own comment."), status=403)
    check_established_voter(viewer)
    _limit_new_identity(viewer)
    key = viewer.voter_key
    _limit(VOTE_LIMITS_PER_VOTER, key)
    _limit(VOTE_LIMITS_PER_IP, viewer.network_hash or viewer.ip_hash)
    for _attempt in range(3):
        try:
            return _apply_vote(comment, key, value)
        except IntegrityError:
            # A parallel request of the same voter inserted first; read it and retry.
            continue
    raise DiscussionError(_("Your vote could not be saved. Please try again."))


@transaction.atomic
def _apply_vote(comment: Comment, key: str, value: int) -> VoteResult:
    existing = Vote.objects.select_for_update().filter(comment=comment, voter_key=key).first()
    up = down = 0
    if existing is None:
        Vote.objects.create(comment=comment, voter_key=key, value=value)
        mine = value
        up, down = (1, 0) if value == 1 else (0, 1)
    elif existing.value == value:
        existing.delete()
        mine = 0
        up, down = (-1, 0) if value == 1 else (0, -1)
    else:
        existing.value = value
        existing.save(update_fields=["value"])
        mine = value
        up, down = (1, -1) if value == 1 else (-1, 1)
    Comment.objects.filter(pk=comment.pk).update(
        upvotes=F("upvotes") + up, downvotes=F("downvotes") + down, score=F("score") + up - down
    )
    _bump(comment.article_id)
    counts = Comment.objects.filter(pk=comment.pk).values("upvotes", "downvotes").get()
    return VoteResult(counts["upvotes"], counts["downvotes"], mine)


@dataclass
class RatingResult:
    average: float
    count: int
    mine: int


def rate_article(article, *, viewer, stars: int) -> RatingResult:
    """Rate 1–5 stars; rating again changes the reader's rating, never adds a second."""
    if stars not in range(1, 6):
        raise DiscussionError(_("Please choose between one and five stars."))
    if not article.rating_enabled or not article.is_published():
        raise DiscussionError(_("This article cannot be rated."))
    check_established_voter(viewer)
    _limit_new_identity(viewer)
    _limit(RATING_LIMITS, viewer.voter_key)
    _limit(VOTE_LIMITS_PER_IP, viewer.network_hash or viewer.ip_hash)
    for _attempt in range(3):
        try:
            return _apply_rating(article, viewer.voter_key, stars)
        except IntegrityError:
            continue
    raise DiscussionError(_("Your rating could not be saved. Please try again."))


@transaction.atomic
def _apply_rating(article, key: str, stars: int) -> RatingResult:
    thread_for(article)
    existing = Rating.objects.select_for_update().filter(article=article, voter_key=key).first()
    if existing is None:
        Rating.objects.create(article=article, voter_key=key, stars=stars)
        _bump(article.pk, rating_count=F("rating_count") + 1, rating_sum=F("rating_sum") + stars)
    elif existing.stars != stars:
        delta = stars - existing.stars
        existing.stars = stars
        existing.save(update_fields=["stars", "updated_at"])
        _bump(article.pk, rating_sum=F("rating_sum") + delta)
    thread = Thread.objects.get(pk=article.pk)
    return RatingResult(round(thread.rating_average, 1), thread.rating_count, stars)


def set_comment_status(comment: Comment, status: str) -> Comment:
    """Move a comment between pending / approved / spam / trash; the count is recomputed."""
    set_comments_status(Comment.objects.filter(pk=comment.pk), status)
    comment.status = status
    return Comment.objects.get(pk=comment.pk)


def set_comments_status(comments, status: str, *, fields=None) -> list[Comment]:
    """Move comments (a queryset) to status; returns the comments that changed.

    fields, if given, is called with each changing comment (before its new status is
    set) and returns further columns to write with it: the moderation services record
    why a comment was held or removed this way. Each changed comment is locked while it
    changes; every thread touched is then recounted once (recount_thread), so the
    counter is exact whatever it was before.
    """
    if status not in Comment.Status.values:
        raise ValueError(f"unknown comment status {status!r}")
    changed = []
    touched: set[int] = set()
    with transaction.atomic():
        rows = Comment.objects.select_for_update().filter(pk__in=comments.values("pk"))
        for current in rows.exclude(status=status).order_by("pk"):
            extra = fields(current) if fields else {}
            current.previous_status = current.status
            current.status = status
            for name, value in extra.items():
                setattr(current, name, value)
            current.save(update_fields=["status", *extra])
            changed.append(current)
            touched.add(current.article_id)
            if status == Comment.Status.APPROVED:
                signals.comment_visible.send(Comment, comment=current)
        for article_id in sorted(touched):
            recount_thread(article_id)
    return changed


def revise_comment(
    comment: Comment,
    *,
    body: str | None = None,
    author_name: str | None = None,
    author_email: str | None = None,
    author_url: str | None = None,
) -> Comment:
    """A moderator's change to a comment's text or author line (a redaction, say).

    None leaves a field as it is. The HTML is rendered again from the new text, and the
    thread's version moves in the same transaction, so every cached page of the thread
    (and the comment's own fragment, keyed by its stored row) is replaced on the next
    request on every node.
    """
    changes = {}
    rendered = None
    if body is not None and body.strip() != comment.body:
        changes["body"] = body.strip()
        rendered = mentions.render_body(changes["body"], article_id=comment.article_id)
        changes["body_html"] = rendered.html
    for name, value in (
        ("author_name", author_name), ("author_email", author_email), ("author_url", author_url),
    ):  # fmt: skip
        if value is not None:
            value = value.strip().lower() if name == "author_email" else value.strip()
            if value != getattr(comment, name):
                changes[name] = value
    if not changes:
        return comment
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(**changes)
        if rendered is not None:
            mentions.store_mentions(comment, rendered.mentioned, created=False)
        _bump(comment.article_id)
    for name, value in changes.items():
        setattr(comment, name, value)
    return comment


def delete_comments(comments) -> int:
    """Delete comments (a queryset) with their replies, votes and passages.

    Returns how many comments went, replies included. Every thread touched is recounted
    in the same transaction.
    """
    with transaction.atomic():
        doomed = Comment.objects.filter(pk__in=list(comments.values_list("pk", flat=True)))
        article_ids = set(doomed.values_list("article_id", flat=True))
        doomed.recounts_threads = True  # this service recounts; see receivers.py
        _total, per_model = doomed.delete()
        for article_id in sorted(article_ids):
            recount_thread(article_id)
    return per_model.get(Comment._meta.label, 0)


def recount_thread(article_id: int) -> None:
    """Set the thread's comment_count to the exact number of approved reader comments.

    The thread row is locked first, then counted: a comment posted meanwhile either
    committed before the lock (and is counted) or moves the counter by its F() delta
    after this transaction. The version moves too, for the thread's cached pages.
    """
    thread, _ = Thread.objects.select_for_update().get_or_create(article_id=article_id)
    set_comment_count(article_id)


def _approved_comments():
    return Comment.objects.filter(kind=Comment.Kind.COMMENT, status=Comment.Status.APPROVED)


def set_comment_count(article_ids, *, delta: int | None = None) -> None:
    """The one writer of Thread.comment_count (posting, recounts, imports, seeds).

    With delta, the counter moves by it in one F() update (a comment approved or posted);
    without, each thread given (an id or several) is set to its exact number of approved
    reader comments in one UPDATE. The version moves either way and the thread pages are
    purged after commit, so no cached count outlives the change.
    """
    ids = [article_ids] if isinstance(article_ids, int) else list(article_ids)
    if delta is not None:
        for article_id in ids:
            _bump(article_id, comment_count=F("comment_count") + delta)
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        exact = (
            _approved_comments()
            .filter(article_id=OuterRef("pk"))
            .order_by()
            .values("article_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        Thread.objects.filter(pk__in=chunk).update(
            comment_count=Coalesce(Subquery(exact), 0), version=next_version("version")
        )
        purge_later(*(f"thread-{pk}" for pk in chunk))


def ensure_thread(article) -> Thread:
    """The article's thread, created when it is first needed (publishing calls this)."""
    thread, _created = Thread.objects.get_or_create(article_id=article.pk)
    return thread


def sync_passages(article, *, questions=None, created: bool = False):
    """Keep editor questions and quoted passages in step with a newly saved body.

    Called by publishing.services after each save of an article (the only writer of
    article bodies besides migrations and shells). questions are the [[passage|question]]
    marks of the rendered body; a new article without any has nothing to anchor yet.
    Returns the re-anchoring report (None when nothing was done) for the editor.
    """
    if created and not questions:
        return None
    return passages.refresh(article, questions)


def set_thread_controls(article_id: int, **changes) -> None:
    """Change the thread's surge controls (for moderation.services; moves the version)."""
    allowed = {"slow_mode_minutes", "surge_since", "surge_lifted_at"}
    if set(changes) - allowed:
        raise ValueError(f"not a thread control: {sorted(set(changes) - allowed)}")
    with transaction.atomic():
        Thread.objects.get_or_create(article_id=article_id)
        _bump(article_id, **changes)


def set_thread_closed(thread: Thread, *, closed: bool) -> None:
    """Close or reopen a thread to new comments."""
    with transaction.atomic():
        _bump(thread.pk, closed=closed)
    thread.closed = closed


COUNTER = PositiveIntegerField()


def adjust_thread(
    article, *, rating_count: int = 0, rating_sum: int = 0, closed: bool | None = None
) -> None:
    """Move the rating counters by these deltas (never below zero), set closed if given.

    For imports, which carry rating totals from another system: votes cast here since
    the last import stay counted.
    """
    changes = {}
    if rating_count:
        changes["rating_count"] = Greatest(
            F("rating_count") + rating_count, Value(0), output_field=COUNTER
        )
    if rating_sum:
        changes["rating_sum"] = Greatest(
            F("rating_sum") + rating_sum, Value(0), output_field=COUNTER
        )
    if closed is not None:
        changes["closed"] = closed
    if not changes:
        return
    with transaction.atomic():
        thread_for(article)
        _bump(article.pk, **changes)
