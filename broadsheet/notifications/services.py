"""The write side of notifications: verbs that subscribe, confirm, cancel and decide
which e-mails to send.

Every verb runs in one transaction. E-mail is never sent here: deciding to send
writes Delivery rows and their tasks in the same transaction (see outbox.py), and
the worker sends them. Nothing but the one confirmation e-mail ever goes to an
address that has not been confirmed.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.core import ratelimit

from . import conf
from .models import Delivery, DigestFlag, Subscriber, Subscription, normalise_email
from .outbox import queue_deliveries

logger = logging.getLogger(__name__)

SUBSCRIBE_LIMITS_PER_IP = [
    ratelimit.Limit("subscribe-ip-min", 5, 60),
    ratelimit.Limit("subscribe-ip-hour", 30, 3600),
]
CONFIRMATION_LIMITS_PER_IP = [
    ratelimit.Limit("confirm-mail-ip-hour", 5, 3600),
    ratelimit.Limit("confirm-mail-ip-day", 20, 86400),
]
CONFIRM_SALT = "notifications.confirm"
TRUSTED_KEYS_KEPT = 10
Scope = Subscription.Scope


class SubscriptionError(Exception):
    """A reader's request was refused; the message is shown to them as it is."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _limit(limits, key: str) -> None:
    try:
        ratelimit.check(limits, key)
    except ratelimit.RateLimited as exc:
        raise SubscriptionError(exc.message, status=429) from None


def _site_language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- Subscribing ------------------------------------------------------------------------


@dataclass
class SubscribeResult:
    subscription: Subscription
    # The caller proved they own the address (their account's e-mail, or a browser that
    # confirmed it before). Only then may a reply say "subscribed": to anyone else the
    # answer is always "check your inbox", so nobody learns who follows what.
    proven: bool
    confirmation_queued: bool = False

    @property
    def is_active(self) -> bool:
        return self.subscription.is_confirmed and self.subscription.subscriber.is_verified


def subscribe(
    email: str,
    *,
    article,
    scope: str,
    language: str,
    comment=None,
    user=None,
    voter_key: str = "",
    ip_hash: str = "",
    approval_of=None,
    now: datetime.datetime | None = None,
) -> SubscribeResult:
    """Subscribe an address to an article, to replies to its comments, or to one comment.

    Active at once when the caller proves the address is theirs (`user` with that
    e-mail, or `voter_key` of a browser that opened a confirmation link for it);
    otherwise pending until the address confirms. Each confirmation e-mail names the
    address's pending subscriptions to one article, and its link confirms those only.
    At most one such e-mail goes to an address per article and window
    (BROADSHEET_CONFIRM_INTERVAL_MINUTES), at most BROADSHEET_CONFIRM_MAILS_PER_HOUR
    to an address in all, and confirmation e-mails are rate-limited per IP hash.
    Beyond the limits nothing is sent, and the caller's answer is the same, so it
    tells nobody what an address follows. Subscribing again is harmless. An existing
    article-wide subscription covers the narrower scopes and is returned instead.
    Raises SubscriptionError for a bad address or a hit rate limit.
    """
    now = now or timezone.now()
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise SubscriptionError(_("Please enter a valid e-mail address.")) from None
    if scope not in Scope.values:
        raise SubscriptionError(_("Please choose what you want to be notified of."))
    if scope == Scope.COMMENT and (comment is None or comment.article_id != article.pk):
        raise SubscriptionError(_("The comment you are replying to is not available."))
    if scope != Scope.COMMENT:
        comment = None
    language = _site_language(language)
    _limit(SUBSCRIBE_LIMITS_PER_IP, ip_hash)

    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language, "created_at": now}
        )
        owns = user is not None and normalise_email(user.email or "") == email
        if owns and not subscriber.is_verified:
            subscriber.verified_at = now
        subscriber.language = language
        subscriber.save(update_fields=["verified_at", "language"])
        proven = owns or subscriber.trusts(voter_key)

        subscription = Subscription.objects.filter(
            subscriber=subscriber, article=article, scope=Scope.ARTICLE
        ).first()
        if subscription is None or scope == Scope.ARTICLE:
            subscription, _created = Subscription.objects.get_or_create(
                subscriber=subscriber,
                article=article,
                scope=scope,
                comment=comment,
                defaults={"language": language, "created_at": now},
            )
        if approval_of is not None:
            subscription.approval_of = approval_of
            subscription.save(update_fields=["approval_of"])

        result = SubscribeResult(subscription, proven=proven)
        if subscription.is_confirmed:
            return result
        if proven:
            _activate(subscription, now=now)
            return result
        result.confirmation_queued = _request_confirmation(
            subscriber, article=article, ip_hash=ip_hash, now=now
        )
    return result


def _activate(subscription: Subscription, *, now: datetime.datetime) -> None:
    subscription.confirmed_at = subscription.confirmed_at or now
    subscription.save(update_fields=["confirmed_at"])
    if subscription.scope == Scope.ARTICLE:
        # The whole article replaces the narrower subscriptions of the same address.
        narrower = Subscription.objects.filter(
            subscriber_id=subscription.subscriber_id, article_id=subscription.article_id
        ).exclude(pk=subscription.pk)
        if subscription.approval_of_id is None:
            subscription.approval_of_id = (
                narrower.exclude(approval_of=None).values_list("approval_of", flat=True).first()
            )
            subscription.save(update_fields=["approval_of"])
        narrower.delete()


def _request_confirmation(
    subscriber: Subscriber, *, article, ip_hash: str, now: datetime.datetime
) -> bool:
    """Queue a confirmation e-mail for this address's wishes on this article, within limits.

    Call with the subscriber row locked (subscribe() holds it), so concurrent requests
    for one address count the same e-mails and queue one between them.
    """
    window = datetime.timedelta(minutes=conf.get("BROADSHEET_CONFIRM_INTERVAL_MINUTES"))
    asked = Delivery.objects.filter(kind=Delivery.Kind.CONFIRMATION, subscriber=subscriber)
    if asked.filter(article=article, created_at__gt=now - window).exists():
        return False  # that e-mail is on its way; it names this wish if still unsent
    hourly = conf.get("BROADSHEET_CONFIRM_MAILS_PER_HOUR")
    if asked.filter(created_at__gt=now - datetime.timedelta(hours=1)).count() >= hourly:
        logger.info("Confirmation e-mails to subscriber %s paused: hourly limit", subscriber.pk)
        return False
    _limit(CONFIRMATION_LIMITS_PER_IP, ip_hash)
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=now)
    queue_deliveries(
        [
            _delivery(
                Delivery.Kind.CONFIRMATION,
                key=f"confirmation:{subscriber.pk}:{article.pk}:{now.timestamp():.6f}",
                to=subscriber.email,
                language=subscriber.language,
                subscriber=subscriber,
                article=article,
                created_at=now,
            )
        ]
    )
    return True


def confirmation_token(delivery: Delivery, subscriptions: list[Subscription]) -> str:
    """The signed token of a confirmation link: which address, which subscriptions, when.

    The subscriptions are exactly those the e-mail lists (see email._confirmation).
    """
    return signing.dumps(
        {
            "s": delivery.subscriber_id,
            "p": [subscription.pk for subscription in subscriptions],
            "t": int(delivery.created_at.timestamp()),
        },
        salt=CONFIRM_SALT,
    )


@dataclass
class Confirmation:
    subscriber: Subscriber
    confirmed: list[Subscription] = field(default_factory=list)


def _invalid_link() -> SubscriptionError:
    return SubscriptionError(
        _("This confirmation link has expired or is not valid. Please subscribe again.")
    )


def _read_confirmation_token(token: str) -> tuple[int, Q]:
    """The subscriber a confirmation link is for, and which of its subscriptions it names."""
    max_age = datetime.timedelta(days=conf.get("BROADSHEET_CONFIRM_MAX_AGE_DAYS"))
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
        subscriber_id, asked = int(payload["s"]), int(payload["t"])
        named = [int(pk) for pk in payload["p"]] if "p" in payload else None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise _invalid_link() from None
    if named is not None:
        return subscriber_id, Q(pk__in=named)
    # A link e-mailed before tokens named subscriptions: what existed when it was asked
    # for, which every such e-mail listed.
    return subscriber_id, Q(
        created_at__lt=datetime.datetime.fromtimestamp(asked + 1, tz=datetime.UTC)
    )


@dataclass
class ConfirmationRequest:
    subscriber: Subscriber
    pending: list[Subscription]


def confirmation_request(token: str) -> ConfirmationRequest:
    """What a confirmation link would confirm; reads only (a GET of the link).

    Raises SubscriptionError for an expired or forged token.
    """
    subscriber_id, named = _read_confirmation_token(token)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        raise _invalid_link()
    pending = subscriber.subscriptions.pending().filter(named)
    return ConfirmationRequest(
        subscriber, list(pending.select_related("article", "comment").order_by("pk"))
    )


def confirm_subscription(
    token: str, *, voter_key: str = "", now: datetime.datetime | None = None
) -> Confirmation:
    """Verify the address behind a confirmation link and activate what its e-mail named.

    Only the subscriptions listed in the token (those the e-mail showed) are activated:
    someone else subscribing the address to more, before or after the click, needs a
    link of its own. Remembers the browser (voter_key) as one that reads the mailbox.
    Idempotent. Raises SubscriptionError for an expired or forged token.
    """
    now = now or timezone.now()
    subscriber_id, named = _read_confirmation_token(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None:
            raise _invalid_link()
        subscriber.verified_at = subscriber.verified_at or now
        if voter_key and voter_key not in subscriber.trusted_keys:
            subscriber.trusted_keys = [*subscriber.trusted_keys, voter_key][-TRUSTED_KEYS_KEPT:]
        subscriber.save(update_fields=["verified_at", "trusted_keys"])
        pending = subscriber.subscriptions.pending().filter(named)
        # Article-wide first: activating one removes the narrower rows of its article.
        confirmed = []
        for subscription in pending.order_by("scope", "pk"):
            if Subscription.objects.filter(pk=subscription.pk).exists():
                _activate(subscription, now=now)
                confirmed.append(subscription)
    return Confirmation(subscriber, confirmed)


# --- Leaving ------------------------------------------------------------------------------


def unsubscribe(token: str) -> Subscription | None:
    """End the subscription behind an unsubscribe link; None if there is none (any more).

    Idempotent, and safe to call from a cookieless RFC 8058 one-click POST. E-mails
    already queued for it are cancelled when their turn comes.
    """
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_related("subscriber", "article").filter(token=token).first()
        )
        if subscription is not None:
            subscription.delete()
    return subscription


def cancel_subscriptions(subscriber: Subscriber, *, ids: list[int] | None = None) -> int:
    """Cancel some (ids) or all subscriptions of an address, from the manage page."""
    with transaction.atomic():
        subscriptions = subscriber.subscriptions.all()
        if ids is not None:
            subscriptions = subscriptions.filter(pk__in=ids)
        return subscriptions.delete()[1].get(Subscription._meta.label, 0)


def subscribe_comment_author(
    comment, *, notify: str, language: str, held: bool
) -> SubscribeResult | None:
    """Follow-up for a reader who ticked "notify me" on the comment form.

    "replies" follows replies to that comment, "all" the whole article. A comment that
    was held for moderation also earns its author a "your comment was approved" e-mail.
    Whether the address is proven is decided as for the subscribe bar: by account or by
    the browser (the comment's author key is the writer's voter key).
    """
    email = comment.user.email if comment.user_id and comment.user else comment.author_email
    if notify not in ("replies", "all") or not email:
        return None
    scope = Scope.ARTICLE if notify == "all" else Scope.COMMENT
    result = subscribe(
        email,
        article=comment.article,
        scope=scope,
        comment=comment if scope == Scope.COMMENT else None,
        language=language,
        user=comment.user,
        voter_key=comment.author_key,
        ip_hash=comment.ip_hash,
        approval_of=comment if held else None,
    )
    comment.refresh_from_db(fields=["status"])
    if held and comment.status == comment.Status.APPROVED:
        # Approved before this ran (several workers): the approval notice is due now.
        notify_author_of_approval(comment)
    return result


# --- Deciding what to send ---------------------------------------------------------------


def _delivery(kind: str, *, key: str, to: str, language: str, **fields) -> Delivery:
    from .email import message_domain

    fields.setdefault("created_at", timezone.now())
    fields.setdefault("next_attempt_at", fields["created_at"])
    return Delivery(
        kind=kind,
        key=key,
        to=to,
        language=language,
        message_id=Delivery.new_message_id(kind, message_domain()),
        **fields,
    )


# A reply to your own comment is the most specific reason to write; it decides the
# subject line and which subscription the e-mail's unsubscribe link ends.
_SCOPE_RANK = {Scope.COMMENT: 0, Scope.REPLIES: 1, Scope.ARTICLE: 2}


def _emails_of(comment) -> set[str]:
    emails = {normalise_email(comment.author_email or "")}
    if comment.user_id and comment.user:
        emails.add(normalise_email(comment.user.email or ""))
    return emails - {""}


def mentioned_emails(comment) -> set[str]:
    """The addresses of the people a comment mentions (discussion/mentions.py)."""
    from broadsheet.discussion.models import Mention

    rows = Mention.objects.filter(comment_id=comment.pk).values_list(
        "target__author_email", "target__user__email"
    )
    return {normalise_email(email) for row in rows for email in row if email}


def notify_subscribers(comment) -> int:
    """Queue one e-mail per confirmed address whose subscription matches this comment.

    A person the comment mentions matches with any subscription to the article. Only
    for approved comments (a held comment's mentions wait for its approval); never to
    the comment's own author; at most one e-mail per comment and address, however many
    of its subscriptions match and however often this runs (the delivery key is unique).
    Returns the number of queued e-mails.
    """
    from broadsheet.discussion.models import Comment

    comment = Comment.objects.select_related("article", "user").get(pk=comment.pk)
    if comment.status != Comment.Status.APPROVED:
        return 0
    retention = datetime.timedelta(days=conf.get("BROADSHEET_NOTIFICATION_RETENTION_DAYS"))
    if comment.created_at < timezone.now() - retention:
        # Old news, and its delivery keys may have been purged: approving an old
        # comment again must not notify anyone a second time.
        return 0
    matches = Q(scope=Scope.ARTICLE, article_id=comment.article_id)
    target_id = comment.reply_to_id or comment.parent_id
    target = (
        Comment.objects.select_related("user").filter(pk=target_id).first() if target_id else None
    )
    if target is not None:
        matches |= Q(scope=Scope.COMMENT, comment_id=target.pk)
        if owners := _emails_of(target):
            matches |= Q(
                scope=Scope.REPLIES, article_id=comment.article_id, subscriber__email__in=owners
            )
    if mentioned := mentioned_emails(comment):
        # "@Name": the person named hears of it if they follow this discussion at all
        # (any confirmed subscription to the article), once, like any other reader.
        matches |= Q(article_id=comment.article_id, subscriber__email__in=mentioned)
    best: dict[str, Subscription] = {}
    subscriptions = (
        Subscription.objects.confirmed()
        .filter(matches)
        .exclude(subscriber__email__in=_emails_of(comment))
        .select_related("subscriber")
        .order_by("pk")
    )
    for subscription in subscriptions.iterator(chunk_size=2000):
        email = subscription.subscriber.email
        known = best.get(email)
        if known is None or _SCOPE_RANK[subscription.scope] < _SCOPE_RANK[known.scope]:
            best[email] = subscription
    deliveries = [
        _delivery(
            Delivery.Kind.COMMENT,
            key=f"comment:{comment.pk}:{email}",
            to=email,
            language=subscription.language,
            subscriber=subscription.subscriber,
            subscription=subscription,
            comment=comment,
            article=comment.article,
        )
        for email, subscription in best.items()
    ]
    with transaction.atomic():
        return queue_deliveries(deliveries)


def notify_author_of_approval(comment) -> int:
    """Queue "your comment was approved" for authors who asked to be notified.

    Only confirmed addresses get it; the request is then used up either way.
    """
    from broadsheet.discussion.models import Comment

    if comment.status != Comment.Status.APPROVED:
        return 0
    with transaction.atomic():
        waiting = Subscription.objects.filter(approval_of=comment)
        deliveries = [
            _delivery(
                Delivery.Kind.APPROVED,
                key=f"approved:{comment.pk}:{subscription.subscriber.email}",
                to=subscription.subscriber.email,
                language=subscription.language,
                subscriber=subscription.subscriber,
                subscription=subscription,
                comment=comment,
                article_id=comment.article_id,
            )
            for subscription in waiting.confirmed().select_related("subscriber")
        ]
        queued = queue_deliveries(deliveries)
        waiting.update(approval_of=None)
    return queued


def moderators():
    from django.contrib.auth import get_user_model

    from broadsheet.accounts.roles import MODERATOR

    return (
        get_user_model()
        .objects.filter(groups__name=MODERATOR, is_active=True)
        .exclude(email="")
        .distinct()
    )


def notify_moderators(*, now: datetime.datetime | None = None) -> int:
    """Make sure each moderator has a digest of the moderation queue coming.

    A digest lists what is waiting when it is sent, so one queued digest covers any
    number of held comments. A new one is scheduled no earlier than
    BROADSHEET_MODERATION_DIGEST_MINUTES after the previous one went out; its key
    names the previous digest, so concurrent workers schedule it once.
    """
    now = now or timezone.now()
    gap = datetime.timedelta(minutes=conf.get("BROADSHEET_MODERATION_DIGEST_MINUTES"))
    waiting = [Delivery.Status.QUEUED, Delivery.Status.RETRYING]
    scheduled = 0
    for moderator in moderators():
        digests = Delivery.objects.filter(kind=Delivery.Kind.DIGEST, user=moderator)
        if digests.filter(status__in=waiting).exists():
            continue
        previous = digests.order_by("-pk").first()
        due = now
        if previous is not None:
            last = previous.sent_at or previous.claimed_at or previous.created_at
            due = max(now, last + gap)
        delivery = _delivery(
            Delivery.Kind.DIGEST,
            key=f"digest:{moderator.pk}:after:{previous.pk if previous else 0}",
            to=moderator.email,
            language=settings.LANGUAGE_CODE,
            user=moderator,
            created_at=now,
            next_attempt_at=due,
        )
        with transaction.atomic():
            scheduled += queue_deliveries([delivery])
    return scheduled


# A queued digest task that never ran (its row deleted by hand, say) must not silence
# the moderators for good: a flag older than this is claimed again.
DIGEST_FLAG_STALE = datetime.timedelta(minutes=30)


def claim_digest_flag(*, now: datetime.datetime | None = None) -> bool:
    """Set the "digest queued" flag if it was free; True if this call set it.

    One conditional UPDATE, so of any number of concurrent callers (in any process)
    exactly one gets True. Call inside the transaction that queues the task.
    """
    now = now or timezone.now()
    free = Q(queued_at__isnull=True) | Q(queued_at__lt=now - DIGEST_FLAG_STALE)
    if DigestFlag.objects.filter(free, pk=1).update(queued_at=now):
        return True
    if DigestFlag.objects.filter(pk=1).exists():
        return False
    # The migration makes the row; a flushed test database may have lost it.
    try:
        with transaction.atomic():
            DigestFlag.objects.create(pk=1, queued_at=now)
    except IntegrityError:
        return False
    return True


def release_digest_flag() -> None:
    """Clear the flag: the digest task runs now and reads the queue as it stands."""
    DigestFlag.objects.filter(pk=1).update(queued_at=None)


def new_delivery(kind: str, *, key: str, to: str, language: str, **fields) -> Delivery:
    """A Delivery ready for outbox.queue_deliveries, for mails other apps decide to send."""
    return _delivery(kind, key=key, to=to, language=language, **fields)
