"""Subscribers, their subscriptions, and the outbox of e-mails to send.

A Subscriber is one e-mail address: verified once (double opt-in), managed through
one secret link. A Subscription says what the address follows. A Delivery is one
e-mail: the worker claims it with a conditional UPDATE, sends it and records the
outcome, so each row is sent at most once by a healthy worker and never silently lost
(see services.deliver).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    # 256 bits: the token alone authorises unsubscribing and managing an address.
    return secrets.token_urlsafe(32)


def normalise_email(email: str) -> str:
    return email.strip().lower()


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"), unique=True, max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    manage_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Start of the current confirmation window: while it lasts, no second
    # confirmation e-mail goes to this address, however often someone subscribes it.
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    # Voter keys (account or guest cookie, see discussion.identity) of browsers that
    # opened a confirmation link: they have shown they read this mailbox, so their
    # further subscriptions need no new confirmation e-mail.
    trusted_keys = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def trusts(self, voter_key: str) -> bool:
        return bool(voter_key) and voter_key in self.trusted_keys


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False, subscriber__verified_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    class Scope(models.TextChoices):
        ARTICLE = "article", _("all new comments on the article")
        REPLIES = "replies", _("replies to my comments on the article")
        COMMENT = "comment", _("replies to one comment")

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("subscriber"),
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope)
    article = models.ForeignKey(
        "publishing.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    comment = models.ForeignKey(
        "discussion.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("comment"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Opaque token of the one-click unsubscribe link (RFC 8058) in every e-mail.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # The author's own comment that was held for moderation when they subscribed:
    # they get one "your comment was approved" e-mail when it goes live.
    approval_of = models.ForeignKey(
        "discussion.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "article", "scope"],
                condition=Q(comment__isnull=True),
                name="one_subscription_per_scope",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "comment"],
                condition=Q(comment__isnull=False),
                name="one_subscription_per_comment",
            ),
            models.CheckConstraint(
                condition=Q(scope="comment", comment__isnull=False)
                | (~Q(scope="comment") & Q(comment__isnull=True)),
                name="comment_scope_names_a_comment",
            ),
        ]
        indexes = [models.Index(fields=["article", "scope"], name="subscription_by_article")]

    def __str__(self) -> str:
        return f"{self.subscriber.email}: {self.get_scope_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Delivery(models.Model):
    """One e-mail to one address, from the moment it is decided until it is sent."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("confirmation request")
        COMMENT = "comment", _("new comment")
        APPROVED = "approved", _("comment approved")
        DIGEST = "digest", _("moderation digest")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        RETRYING = "retrying", _("waiting to retry")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    # What this e-mail is about, e.g. "comment:42:lea@example.org". Unique, so whoever
    # decides to send it twice (two workers, a repeated task) creates one row only.
    key = models.CharField(max_length=300, unique=True)
    to = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # SET_NULL: an unsubscribed reader's queued e-mails are cancelled when their turn comes.
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        "discussion.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.ForeignKey(
        "publishing.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # Set with status=sending by the worker that owns this attempt; results are
    # recorded only under the same claim, so a worker that lost its claim changes nothing.
    claim = models.CharField(max_length=32, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["kind", "user", "status"], name="delivery_digest"),
            models.Index(fields=["created_at"], name="delivery_age"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to}"

    @staticmethod
    def new_message_id(kind: str, domain: str) -> str:
        return f"{kind}.{uuid.uuid4().hex}@{domain}"


class DigestFlag(models.Model):
    """One row: whether a moderation digest task is queued (and since when).

    Held comments all share one queued digest task (the digest lists the whole queue
    when it runs). The flag lives here, not in a process's cache, because the web
    process sets it and the worker clears it: both must see the same row. It is set
    with a conditional UPDATE in the comment's transaction and cleared by the task
    before it reads the queue, so a comment held after that gets a digest of its own.
    """

    queued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:  # not in the admin, so no translated names
        return f"digest queued at {self.queued_at}" if self.queued_at else "no digest queued"
