"""The read side of the console: queues, their counts and what a moderator sees beside an item.

Every function here costs a fixed number of queries whatever the size of the page, the
queue or a person's history (tests/test_console_queries.py): the history of a whole page
is one aggregate query per kind of person key, never one per item.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from broadsheet.discussion.models import Comment

from .models import AuditEntry, PersonNote, Reason, Report, Sanction, Target
from .services import Person, people_of
from .trust import Trust, trust_of_comments

PAGE_SIZE = 25


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    condition: Q

    def reasons(self) -> list[tuple[str, str]]:
        """What the queue's "reason" filter chooses from."""
        if self.slug == "waiting":
            return list(Comment.HeldBecause.choices)
        if self.slug == "rejected":
            return list(Reason.choices)
        if self.slug == "reported":
            return list(Report.Category.choices)
        return []


QUEUES = {
    queue.slug: queue
    for queue in (
        Queue("waiting", _("Waiting"), Q(status=Comment.Status.PENDING)),
        Queue("reported", _("Reported"), Q(status=Comment.Status.APPROVED, report_count__gt=0)),
        Queue("spam", _("Spam"), Q(status=Comment.Status.SPAM)),
        Queue("approved", _("Approved"), Q(status=Comment.Status.APPROVED)),
        Queue("rejected", _("Rejected"), Q(status=Comment.Status.TRASH)),
    )
}
DEFAULT_QUEUE = "waiting"


def queue_counts() -> dict:
    """{slug: count} for every queue, and "oldest_waiting" (a datetime or None): one query."""
    aggregates = {slug: Count("pk", filter=queue.condition) for slug, queue in QUEUES.items()}
    aggregates["oldest_waiting"] = Min("created_at", filter=Q(status=Comment.Status.PENDING))
    return Comment.objects.aggregate(**aggregates)


@dataclass
class QueueFilter:
    """The queue's filters, already validated (forms.QueueFilterForm.cleaned_data)."""

    article: int | None = None
    reason: str = ""
    author: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None
    q: str = ""


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def queue_comments(slug: str, filters: QueueFilter | None = None):
    """The comments of one queue, newest first, filtered; a lazy queryset (one query a page).

    Search and the author filter use icontains, which is case-insensitive on SQLite and
    PostgreSQL alike; the whole filter is one WHERE clause.
    """
    queue = QUEUES[slug]
    filters = filters or QueueFilter()
    comments = Comment.objects.filter(queue.condition)
    if filters.article:
        comments = comments.filter(article_id=filters.article)
    if filters.reason:
        if slug == "waiting":
            comments = comments.filter(held_because=filters.reason)
        elif slug == "rejected":
            comments = comments.filter(removal_reason=filters.reason)
        elif slug == "reported":
            comments = comments.filter(
                Exists(
                    Report.objects.filter(
                        comment_id=OuterRef("pk"), category=filters.reason
                    ).exclude(status=Report.Status.DECIDED)
                )
            )
    if filters.author:
        comments = comments.filter(
            Q(author_name__icontains=filters.author) | Q(author_email__icontains=filters.author)
        )
    if filters.since:
        comments = comments.filter(created_at__gte=_day_start(filters.since))
    if filters.until:
        comments = comments.filter(
            created_at__lt=_day_start(filters.until + datetime.timedelta(days=1))
        )
    if filters.q:
        comments = comments.filter(
            Q(body__icontains=filters.q)
            | Q(author_name__icontains=filters.q)
            | Q(author_email__icontains=filters.q)
        )
    return comments.select_related("article", "parent", "passage").order_by("-created_at", "-id")


# --- The author's history -----------------------------------------------------------------

# The comment column that stores each kind of person key.
KEY_COLUMNS = {
    Target.ACCOUNT: "user_id",
    Target.EMAIL: "author_email",
    Target.VOTER: "author_key",
    Target.IP: "ip_hash",
}


@dataclass
class KeyHistory:
    """What one person key has written: how many comments, and what became of them."""

    person: Person
    total: int = 0
    approved: int = 0
    pending: int = 0
    rejected: int = 0
    spam: int = 0
    reported: int = 0

    @property
    def label(self):
        return Target(self.person.target).label


@dataclass
class History:
    """Beside one item: the history of each key of its author, their notes and sanctions."""

    keys: list[KeyHistory] = field(default_factory=list)
    notes: list[PersonNote] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    report_categories: list[tuple[str, int]] = field(default_factory=list)
    # The author's trust level as it stands now, and why (trust.py).
    trust: Trust | None = None


def _key_counts(target: str, values: set[str]) -> dict[str, dict]:
    """{key value: counts} for one kind of key: one aggregate query for all the values."""
    column = KEY_COLUMNS[target]
    # "Reported": comments that drew at least one report, decided or not. The join to
    # reports can repeat a comment, so every count is distinct.
    rows = (
        Comment.objects.filter(**{f"{column}__in": values})
        .values(column)
        .annotate(
            total=Count("pk", distinct=True),
            approved=Count("pk", filter=Q(status=Comment.Status.APPROVED), distinct=True),
            pending=Count("pk", filter=Q(status=Comment.Status.PENDING), distinct=True),
            rejected=Count("pk", filter=Q(status=Comment.Status.TRASH), distinct=True),
            spam=Count("pk", filter=Q(status=Comment.Status.SPAM), distinct=True),
            reported=Count("pk", filter=Q(reports__isnull=False), distinct=True),
        )
        .order_by()
    )
    return {str(row.pop(column)): row for row in rows}


def _people_match(people) -> Q:
    """One Q for many person keys: an IN list per kind of key, not one OR per person."""
    by_target: dict[str, set[str]] = {}
    for person in people:
        by_target.setdefault(person.target, set()).add(person.value)
    match = Q(pk__in=[])
    for target, values in sorted(by_target.items()):
        match |= Q(target=target, value__in=sorted(values))
    return match


def histories_for(comments: list[Comment], *, now=None) -> dict[int, History]:
    """{comment id: History} for a page of comments in a fixed number of queries.

    One aggregate query per kind of key that occurs on the page (at most four), one for
    the notes, one for the sanctions in force, one for the open reports' categories, and
    the authors' trust levels (three: trust.trust_of_comments).
    """
    people = {comment.pk: people_of(comment) for comment in comments}
    everyone = {person for keys in people.values() for person in keys}
    counts: dict[tuple[str, str], dict] = {}
    for target in KEY_COLUMNS:
        values = {p.value for p in everyone if p.target == target}
        if values:
            for value, row in _key_counts(target, values).items():
                counts[(target, value)] = row
    notes: list[PersonNote] = []
    sanctions: list[Sanction] = []
    if everyone:
        match = _people_match(everyone)
        notes = list(PersonNote.objects.filter(match).select_related("author"))
        sanctions = list(Sanction.objects.in_force(now=now).filter(match))
    categories: dict[int, list[tuple[str, int]]] = {}
    rows = (
        Report.objects.filter(comment_id__in=[c.pk for c in comments])
        .exclude(status=Report.Status.DECIDED)
        .values("comment_id", "category")
        .annotate(n=Count("pk"))
        .order_by("comment_id", "-n", "category")
    )
    labels = dict(Report.Category.choices)
    trusts = trust_of_comments(comments, now=now)
    for row in rows if comments else ():
        categories.setdefault(row["comment_id"], []).append(
            (labels.get(row["category"], row["category"]), row["n"])
        )
    histories = {}
    for comment in comments:
        keys = people[comment.pk]
        histories[comment.pk] = History(
            keys=[KeyHistory(p, **counts.get((p.target, p.value), {})) for p in keys],
            notes=[n for n in notes if Person(n.target, n.value) in keys],
            sanctions=[s for s in sanctions if Person(s.target, s.value) in keys],
            report_categories=categories.get(comment.pk, []),
            trust=trusts.get(comment.pk),
        )
    return histories


# --- One item in full ---------------------------------------------------------------------

HISTORY_LIMIT = 50


@dataclass
class PersonRecord:
    """Everything known about the author of one comment, for the item's detail page."""

    history: History
    other_comments: list[Comment]
    all_sanctions: list[Sanction]
    audit: list[AuditEntry]
    reports: list[Report]


def person_record(comment: Comment, *, now=None) -> PersonRecord:
    """The author's other comments (newest 50), notes, sanctions, reports and audit trail.

    The audit trail is the comment's, the person keys' (sanctions, notes) and that of the
    other comments shown.

    A fixed number of queries (the history's, plus one each for the other comments, all
    sanctions, the audit entries and the comment's reports), however long the history.
    """
    history = histories_for([comment], now=now)[comment.pk]
    people = people_of(comment)
    same_person = Q(pk__in=[])
    for person in people:
        same_person |= Q(**{KEY_COLUMNS[person.target]: person.value})
    other_comments = list(
        Comment.objects.filter(same_person)
        .exclude(pk=comment.pk)
        .select_related("article")
        .order_by("-created_at", "-id")[:HISTORY_LIMIT]
    )
    match = _people_match(people)
    all_sanctions = list(Sanction.objects.filter(match).select_related("created_by", "lifted_by"))
    audit = list(
        # What happened to the comment, to the person's keys, and to their other comments.
        AuditEntry.objects.filter(
            Q(comment_id__in=[comment.pk, *(c.pk for c in other_comments)]) | match
        ).order_by("-at", "-id")[:HISTORY_LIMIT]
    )
    reports = list(Report.objects.filter(comment_id=comment.pk).order_by("-created_at", "-id"))
    return PersonRecord(
        history=history,
        other_comments=other_comments,
        all_sanctions=all_sanctions,
        audit=audit,
        reports=reports,
    )
