"""How far Broadsheet trusts the person about to comment, from what they did before.

Levels, lowest to highest: new → known (an approved comment, or an e-mail address the
reader confirmed by double opt-in from this browser) → trusted (BROADSHEET_TRUSTED_AFTER
approved comments and nothing held against them). Restricted (a comment rejected, a
reader's report upheld, or a moderator's warning in the last RESTRICTED_DAYS days) wins
over all of them. The site's BROADSHEET_MODERATION decides what each level means at
posting time (policy.initial_status).

Who is "the same person": an account by its id. A guest by the e-mail address they type
*together with* their signed voter identity (the comments' author_key), or by the address
alone once this browser opened a confirmation link sent to it (notifications.Subscriber
trusted_keys): anyone can type a known commenter's address, and must not borrow their
trust by doing so. What counts against a guest follows the same pairs, plus the voter
identity alone (the same browser with another address is still the same browser).

Costs a fixed number of queries, whatever the history: one for the confirmed address
(guests only), one aggregate over the person's comments, one for warnings.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

RESTRICTED_DAYS = 30


class Level:
    NEW = "new"
    KNOWN = "known"
    TRUSTED = "trusted"
    RESTRICTED = "restricted"

    ALL = (NEW, KNOWN, TRUSTED, RESTRICTED)
    LABELS = {
        NEW: _("new"),
        KNOWN: _("known"),
        TRUSTED: _("trusted"),
        RESTRICTED: _("restricted"),
    }
    # What the model is given as a feature (classifier.score_comment's `trust`).
    SCORES = {RESTRICTED: -1, NEW: 0, KNOWN: 1, TRUSTED: 2}


@dataclass(frozen=True)
class Trust:
    level: str
    why: str = ""

    @property
    def label(self) -> str:
        return str(Level.LABELS[self.level])

    @property
    def score(self) -> int:
        return Level.SCORES[self.level]

    @property
    def is_trusted(self) -> bool:
        return self.level == Level.TRUSTED

    def __str__(self) -> str:
        return f"{self.label} ({self.why})" if self.why else self.label


def trusted_after() -> int:
    return max(1, int(getattr(settings, "BROADSHEET_TRUSTED_AFTER", 5)))


def _confirmed_address(email: str, voter_key: str) -> bool:
    """Did this browser open a confirmation link sent to this address? (one query)"""
    from broadsheet.notifications.models import Subscriber

    row = (
        Subscriber.objects.filter(email=email, verified_at__isnull=False)
        .values_list("trusted_keys", flat=True)
        .first()
    )
    return bool(row) and voter_key in row


def _against(since: datetime.datetime) -> dict:
    """Counts of what holds a comment against its author, since a moment."""
    from broadsheet.discussion.models import Comment

    from .models import AuditEntry, Reason, Report

    rejected_lately = Exists(
        AuditEntry.objects.filter(
            comment_id=OuterRef("pk"), action=AuditEntry.Action.REJECT, at__gte=since
        ).exclude(reason=Reason.SPAM)
    )
    upheld_lately = Exists(
        Report.objects.filter(
            comment_id=OuterRef("pk"), outcome=Report.Outcome.REMOVED, decided_at__gte=since
        )
    )
    return {
        "rejected": Count("pk", filter=Q(status=Comment.Status.TRASH) & Q(rejected_lately)),
        "upheld": Count("pk", filter=Q(upheld_lately)),
    }


def trust_of(viewer, *, email: str = "", now: datetime.datetime | None = None) -> Trust:
    """The trust level of whoever is about to comment, and why (shown to moderators)."""
    from broadsheet.discussion.models import Comment

    now = now or timezone.now()
    since = now - datetime.timedelta(days=RESTRICTED_DAYS)
    email = (email or "").strip().lower()
    key = viewer.voter_key
    confirmed = False
    if viewer.user is not None:
        mine = Q(user_id=viewer.user.pk)
        counted_against = mine
    else:
        confirmed = bool(email) and _confirmed_address(email, key)
        mine = Q(author_email=email) if confirmed else Q(author_email=email, author_key=key)
        if not email:
            mine = Q(pk__in=[])
        counted_against = mine | Q(author_key=key, user__isnull=True)
    return _level(
        Comment.objects.filter(counted_against),
        mine=mine,
        confirmed=confirmed,
        warned=_warned(viewer, email=email, since=since),
        since=since,
    )


def _warned(viewer, *, email: str, since) -> bool:
    """A moderator's warning in the period, to the account, this browser or the address."""
    from .models import Sanction, Target

    match = Q(target=Target.VOTER, value=viewer.voter_key)
    if viewer.user is not None:
        match |= Q(target=Target.ACCOUNT, value=str(viewer.user.pk))
    if email:
        match |= Q(target=Target.EMAIL, value=email)
    return (
        Sanction.objects.filter(match, kind=Sanction.Kind.WARNING, created_at__gte=since)
        .filter(lifted_at__isnull=True)
        .exists()
    )


def _level(comments, *, mine: Q, confirmed: bool, warned: bool, since) -> Trust:
    from broadsheet.discussion.models import Comment

    counts = comments.aggregate(
        approved=Count("pk", filter=mine & Q(status=Comment.Status.APPROVED)),
        **_against(since),
    )
    return decide(
        approved=counts["approved"] or 0,
        rejected=counts["rejected"] or 0,
        upheld=counts["upheld"] or 0,
        warned=warned,
        confirmed=confirmed,
    )


def decide(*, approved: int, rejected: int, upheld: int, warned: bool, confirmed: bool) -> Trust:
    """The level from the counts; the why is what a moderator reads beside the author."""
    days = RESTRICTED_DAYS
    if rejected:
        return Trust(
            Level.RESTRICTED,
            ngettext(
                "%(count)d comment rejected in the last %(days)d days",
                "%(count)d comments rejected in the last %(days)d days",
                rejected,
            )
            % {"count": rejected, "days": days},
        )
    if upheld:
        return Trust(
            Level.RESTRICTED,
            ngettext(
                "%(count)d report upheld in the last %(days)d days",
                "%(count)d reports upheld in the last %(days)d days",
                upheld,
            )
            % {"count": upheld, "days": days},
        )
    if warned:
        return Trust(
            Level.RESTRICTED,
            _("warned by a moderator in the last %(days)d days") % {"days": days},
        )
    approved_text = ngettext(
        "%(count)d approved comment", "%(count)d approved comments", approved
    ) % {"count": approved}
    if approved >= trusted_after():
        return Trust(Level.TRUSTED, approved_text)
    if approved:
        return Trust(Level.KNOWN, approved_text)
    if confirmed:
        return Trust(Level.KNOWN, str(_("e-mail address confirmed")))
    return Trust(Level.NEW, str(_("no approved comment yet")))


def trust_of_comments(comments, *, now: datetime.datetime | None = None) -> dict[int, Trust]:
    """{comment id: the trust of its author as it stands now}, for the console.

    For a page of comments in a fixed number of queries (three, whatever the page holds):
    the confirmed addresses (none without a guest's address), one aggregate over the
    authors' comments grouped by account, address and voter identity, and the warnings.
    An author's level is what trust_of would say for the author posting again from the
    browser they wrote the comment with.
    """
    from broadsheet.discussion.models import Comment
    from broadsheet.notifications.models import Subscriber

    from .models import Sanction, Target

    comments = list(comments)
    if not comments:
        return {}
    now = now or timezone.now()
    since = now - datetime.timedelta(days=RESTRICTED_DAYS)
    users = {c.user_id for c in comments if c.user_id}
    guests = [c for c in comments if not c.user_id]
    emails = {c.author_email.lower() for c in guests if c.author_email}
    keys = {c.author_key for c in guests if c.author_key}

    confirmed: set[tuple[str, str]] = set()
    if emails:
        for address, trusted_keys in Subscriber.objects.filter(
            email__in=emails, verified_at__isnull=False
        ).values_list("email", "trusted_keys"):
            confirmed.update((address, k) for k in trusted_keys or () if k in keys)
    against = _against(since)
    approved = Count("pk", filter=Q(status=Comment.Status.APPROVED))

    by_user: dict = {}
    by_pair: dict = {}  # (email, key) → counts
    by_email: dict = {}  # email → counts, for confirmed addresses
    by_key: dict = {}  # key → counts, the browser alone
    authors = Q(user_id__in=users) | (
        (Q(author_email__in=emails) | Q(author_key__in=keys)) & Q(user__isnull=True)
    )
    rows = (
        Comment.objects.filter(authors)
        .values("user_id", "author_email", "author_key")
        .annotate(approved=approved, **against)
        .order_by()
    )
    for row in rows:
        if row["user_id"]:
            _add(by_user, row["user_id"], row)
            continue
        pair = (row["author_email"].lower(), row["author_key"])
        _add(by_pair, pair, row)
        _add(by_email, pair[0], row)
        _add(by_key, pair[1], row)

    warnings = Q(pk__in=[])
    if users:
        warnings |= Q(target=Target.ACCOUNT, value__in=[str(u) for u in users])
    if guests:
        warnings |= Q(target=Target.VOTER, value__in=sorted(keys))
        warnings |= Q(target=Target.EMAIL, value__in=sorted(emails))
    warned = set(
        Sanction.objects.filter(
            warnings, kind=Sanction.Kind.WARNING, created_at__gte=since, lifted_at__isnull=True
        ).values_list("target", "value")
    )

    result = {}
    for comment in comments:
        if comment.user_id:
            row = by_user.get(comment.user_id, {})
            result[comment.pk] = decide(
                approved=row.get("approved", 0), rejected=row.get("rejected", 0),
                upheld=row.get("upheld", 0), confirmed=False,
                warned=(Target.ACCOUNT, str(comment.user_id)) in warned
                or (Target.VOTER, comment.author_key) in warned,
            )  # fmt: skip
            continue
        email, key = comment.author_email.lower(), comment.author_key
        is_confirmed = (email, key) in confirmed
        mine = (by_email if is_confirmed else by_pair).get(email if is_confirmed else (email, key))
        mine = mine or {}
        theirs_pair = by_pair.get((email, key), {})
        browser = by_key.get(key, {}) if key else {}
        # Against: the pair, the browser alone, and (when confirmed) the address alone.
        rejected = max(theirs_pair.get("rejected", 0), browser.get("rejected", 0))
        upheld = max(theirs_pair.get("upheld", 0), browser.get("upheld", 0))
        if is_confirmed:
            rejected = max(rejected, mine.get("rejected", 0))
            upheld = max(upheld, mine.get("upheld", 0))
        result[comment.pk] = decide(
            approved=mine.get("approved", 0) if email else 0,
            rejected=rejected,
            upheld=upheld,
            warned=(Target.VOTER, key) in warned or (Target.EMAIL, email) in warned,
            confirmed=is_confirmed,
        )
    return result


def _add(table: dict, key, row: dict) -> None:
    entry = table.setdefault(key, {"approved": 0, "rejected": 0, "upheld": 0})
    for name in entry:
        entry[name] += row[name] or 0
