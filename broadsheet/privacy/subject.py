"""Whose data: an e-mail address a reader proved they read, or an account.

A Subject finds, with one indexed query per kind of row, everything linked to it:
comments by the address (exactly that address, lower case as stored) or the account;
votes and ratings by the voter identities those comments carry (and the account's
own); subscriptions of the address; sanctions and moderators' notes naming one of
its keys; reports it filed. Keyed IP hashes are counted, never shown: they only tell
who wrote from the same network in the same month, which says nothing to the reader
and would tell about others.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from broadsheet.core.hashing import keyed_hash
from broadsheet.discussion.models import Comment, Rating, Vote
from broadsheet.errata.models import ErrorReport
from broadsheet.moderation.models import PersonNote, Report, Sanction, Target
from broadsheet.notifications.models import Subscription, normalise_email


@dataclass(frozen=True)
class Subject:
    email: str = ""
    user_id: int | None = None

    @classmethod
    def of_address(cls, email: str) -> "Subject":
        return cls(email=normalise_email(email))

    @classmethod
    def of_account(cls, user) -> "Subject":
        # The account's address counts only once it was proven (a sign-in link opened):
        # a newsroom member could type anyone's address into an account.
        proven = getattr(user, "email_confirmed_at", None) is not None
        return cls(email=normalise_email(user.email) if proven and user.email else "",
                   user_id=user.pk)  # fmt: skip

    @property
    def account_voter_key(self) -> str:
        return keyed_hash(f"user:{self.user_id}", purpose="voter") if self.user_id else ""

    def comments(self):
        match = Q(pk__in=[])
        if self.email:
            match |= Q(author_email=self.email)
        if self.user_id:
            match |= Q(user_id=self.user_id)
        return Comment.objects.filter(match)

    def person_keys(self, voter_keys) -> Q:
        """The moderation keys (models.Target) that name this person; never IP hashes,
        which many people share."""
        match = Q(target=Target.VOTER, value__in=list(voter_keys))
        if self.email:
            match |= Q(target=Target.EMAIL, value=self.email)
        if self.user_id:
            match |= Q(target=Target.ACCOUNT, value=str(self.user_id))
        return match

    def reports_filed(self):
        match = Q(pk__in=[])
        if self.email:
            match |= Q(reporter_email__iexact=self.email)
        if self.user_id:
            match |= Q(reporter_user_id=self.user_id)
        return Report.objects.filter(match)

    def error_reports(self):
        """Error reports (errata) know a person only by the address they typed."""
        if not self.email:
            return ErrorReport.objects.none()
        return ErrorReport.objects.filter(email=self.email)

    def subscriptions(self):
        if not self.email:
            return Subscription.objects.none()
        return Subscription.objects.filter(subscriber__email=self.email)


@dataclass
class PersonalData:
    subject: Subject
    user: object | None = None
    comments: list = field(default_factory=list)
    voter_keys: set = field(default_factory=set)
    votes: list = field(default_factory=list)
    ratings: list = field(default_factory=list)
    subscriptions: list = field(default_factory=list)
    sanctions: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    error_reports: list = field(default_factory=list)
    erasure: object | None = None

    @property
    def ip_hash_count(self) -> int:
        return sum(1 for c in self.comments if c.ip_hash)

    @property
    def is_empty(self) -> bool:
        return not (
            self.user or self.comments or self.votes or self.ratings or self.subscriptions
            or self.sanctions or self.notes or self.reports or self.error_reports
        )  # fmt: skip


def _heavy(prefix: str) -> list[str]:
    """An article's text columns: the page names articles, it never shows them."""
    return [f"{prefix}{name}" for name in ("body", "body_html", "body_text")]


def voter_keys_of(subject: Subject, comments) -> set[str]:
    keys = {c.author_key for c in comments if c.author_key}
    if subject.user_id:
        keys.add(subject.account_voter_key)
    return keys


def personal_data(subject: Subject, *, user=None) -> PersonalData:
    """Everything stored about the subject: nine queries, however much there is."""
    comments = list(
        subject.comments()
        .select_related("article", "passage")
        .defer(*_heavy("article__"))
        .order_by("created_at", "pk")
    )
    keys = voter_keys_of(subject, comments)
    data = PersonalData(subject=subject, user=user, comments=comments, voter_keys=keys)
    if keys:
        data.votes = list(
            Vote.objects.filter(voter_key__in=keys)
            .select_related("comment__article")
            .defer("comment__body", "comment__body_html", *_heavy("comment__article__"))
            .order_by("created_at", "pk")
        )
        data.ratings = list(
            Rating.objects.filter(voter_key__in=keys)
            .select_related("article")
            .defer(*_heavy("article__"))
            .order_by("created_at", "pk")
        )
    data.subscriptions = list(
        subject.subscriptions()
        .select_related("article", "subscriber")
        .defer(*_heavy("article__"))
        .order_by("created_at", "pk")
    )
    people = subject.person_keys(keys)
    data.sanctions = list(Sanction.objects.filter(people))
    data.notes = list(PersonNote.objects.filter(people))
    data.reports = list(subject.reports_filed().order_by("created_at", "pk"))
    data.error_reports = list(
        subject.error_reports()
        .select_related("article", "correction")
        .defer(*_heavy("article__"))
        .order_by("created_at", "pk")
    )
    data.erasure = erasure_waiting(subject)
    return data


def erasure_waiting(subject: Subject):
    from .models import ErasureRequest

    if subject.user_id:
        return ErasureRequest.objects.filter(user_id=subject.user_id).first()
    return ErasureRequest.objects.filter(email=subject.email, user__isnull=True).first()
