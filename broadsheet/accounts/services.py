"""The write side of reader accounts: sign-in links, profiles, claiming and deleting comments.

Signing in and signing up are one flow. Asking for a link writes a LoginLink row and
queues its e-mail in the outbox, for every address alike: no account is looked up, so
the answer, the work done and its timing say nothing about whether the address has an
account. The account is found, or created, only when the link is used; using it also
proves the address, which is what lets an account claim the comments written as a
guest under it.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from broadsheet.core import ratelimit
from broadsheet.core.text import normalise_display_name
from broadsheet.discussion import services as discussion
from broadsheet.discussion.models import Comment, Thread
from broadsheet.moderation.policy import is_reserved_name

from .models import LoginLink, User

LINK_KIND = "login_link"  # the Delivery kind of the sign-in mail (builder in apps.py)
LINK_SALT = "broadsheet.accounts.login-link"
# What Comment.removal_reason says when the author deleted the comment themselves.
DELETED_BY_AUTHOR = "author"
NAME_MAX_LENGTH = 80  # Comment.author_name's length: the name is copied there

LINK_LIMITS_PER_EMAIL = [
    ratelimit.Limit("login-link-email", 3, 15 * 60),
    ratelimit.Limit("login-link-email-day", 10, 24 * 3600),
]
LINK_LIMITS_PER_NETWORK = [
    ratelimit.Limit("login-link-ip", 10, 3600),
]


class AccountError(Exception):
    """A reader's request was refused; the message is shown to them as it is."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def normalise_email(email: str) -> str:
    return email.strip().lower()[:254]


def safe_next(url: str) -> str:
    """The page to return to after signing in: a path on this site, or ""."""
    url = (url or "").strip()[:300]
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return ""


# --- Sign-in links ----------------------------------------------------------------------


def request_login_link(
    email: str, *, network_key: str, language: str, next_url: str = "", now=None
) -> LoginLink:
    """Queue a sign-in link to the address, whether or not it has an account.

    network_key is a keyed hash of the reader's network (rate-limited like the
    address). Raises AccountError (429) past a limit; the limits count every address
    the same way, so they disclose nothing either. The row and its e-mail are written
    in one transaction; the worker sends the mail.
    """
    from broadsheet.notifications.outbox import queue_deliveries
    from broadsheet.notifications.services import new_delivery

    now = now or timezone.now()
    email = normalise_email(email)
    try:
        ratelimit.check(LINK_LIMITS_PER_NETWORK, network_key)
        ratelimit.check(LINK_LIMITS_PER_EMAIL, email)
    except ratelimit.RateLimited as exc:
        raise AccountError(exc.message, status=429) from None
    minutes = settings.BROADSHEET_LOGIN_LINK_MINUTES
    with transaction.atomic():
        # Links a day past their end are of no use to anyone: forget them.
        LoginLink.objects.filter(expires_at__lt=now - datetime.timedelta(days=1)).delete()
        link = LoginLink.objects.create(
            email=email,
            next_url=safe_next(next_url),
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=minutes),
        )
        queue_deliveries(
            [new_delivery(LINK_KIND, key=f"login:{link.pk}", to=email, language=language)]
        )
    return link


def login_link_token(link: LoginLink) -> str:
    return signing.dumps(link.pk, salt=LINK_SALT)


def _invalid() -> AccountError:
    return AccountError(_("This sign-in link is not valid. Please ask for a new one."), status=400)


def check_login_link(token: str, *, now=None) -> LoginLink:
    """The link a token names, if it can still be used; AccountError saying why not.

    No writes: opening the link (a mail scanner does) changes nothing.
    """
    now = now or timezone.now()
    try:
        pk = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        raise _invalid() from None
    link = LoginLink.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if link is None:
        raise _invalid()
    if link.used_at is not None:
        raise AccountError(
            _("This sign-in link has already been used. Please ask for a new one."), status=410
        )
    if link.expires_at <= now:
        raise AccountError(
            _("This sign-in link has expired. Please ask for a new one."), status=410
        )
    return link


@dataclass
class SignIn:
    user: User
    created: bool
    next_url: str


def use_login_link(token: str, *, now=None) -> SignIn:
    """Spend the link (once: a conditional UPDATE) and return the account to sign in.

    The account with the link's address is used, or a new one is made; either way its
    address now counts as confirmed. Newsroom accounts sign in with their password
    (AccountError), and so do closed (inactive) accounts not at all.
    """
    now = now or timezone.now()
    link = check_login_link(token, now=now)
    with transaction.atomic():
        spent = LoginLink.objects.filter(
            pk=link.pk, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if not spent:  # used by a parallel request a moment ago
            check_login_link(token, now=now)
            raise _invalid()
        user = User.objects.filter(email__iexact=link.email).order_by("pk").first()
        created = user is None
        if user is None:
            user = User(
                username=f"reader-{secrets.token_hex(6)}",
                email=link.email,
                display_name=_suggested_name(link.email),
            )
            user.set_unusable_password()
            user.save()
        elif user.is_staff or user.is_superuser:
            raise AccountError(_("Newsroom accounts sign in with their password."), status=403)
        elif not user.is_active:
            raise AccountError(_("This account is closed."), status=403)
        user.email_confirmed_at = now
        user.save(update_fields=["email_confirmed_at"])
    return SignIn(user=user, created=created, next_url=link.next_url)


def _suggested_name(email: str) -> str:
    """The name last used on a guest comment from this (now confirmed) address, if free."""
    names = (
        Comment.objects.filter(author_email=email, user__isnull=True)
        .order_by("-created_at")
        .values_list("author_name", flat=True)[:1]
    )
    for name in names:
        try:
            return check_display_name(name, user=None)
        except AccountError:
            return ""
    return ""


# --- The profile --------------------------------------------------------------------------


def check_display_name(name: str, *, user: User | None) -> str:
    """The name as it will be shown, or AccountError: empty, too long, or someone else's.

    Normalised as guests' names are; refused when it would pass for the newsroom's
    (policy.is_reserved_name: staff names and words like "Redaktion") or another
    account already shows it. No writes.
    """
    name = normalise_display_name(name)
    if not name:
        raise AccountError(_("Please tell us your name."), field="display_name")
    if len(name) > NAME_MAX_LENGTH:
        raise AccountError(
            _("At most %(max)d characters, please.") % {"max": NAME_MAX_LENGTH},
            field="display_name",
        )
    is_staff = user is not None and user.is_staff
    if not is_staff and is_reserved_name(name):
        raise AccountError(
            _("This name belongs to our newsroom. Please choose another one."),
            field="display_name",
        )
    others = User.objects.filter(display_name__iexact=name)
    if user is not None:
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise AccountError(
            _("Another reader already uses this name. Please choose another one."),
            field="display_name",
        )
    return name


def update_profile(user: User, *, display_name: str, bio: str) -> User:
    """Set the account's public name and its short "about me" (plain text)."""
    name = check_display_name(display_name, user=user)
    bio = bio.strip()
    limit = settings.BROADSHEET_BIO_MAX_LENGTH
    if len(bio) > limit:
        raise AccountError(
            _("Your text is %(length)d characters long; at most %(max)d are allowed.")
            % {"length": len(bio), "max": limit},
            field="bio",
        )
    user.display_name = name
    user.bio = bio
    user.save(update_fields=["display_name", "bio"])
    return user


# --- Comments written as a guest, and one's own comments -----------------------------------


def claimable_comments(user: User):
    """Guest comments under the account's address, once the address is confirmed.

    Before that (an account a newsroom member created, with any address typed in) the
    address proves nothing, and nothing is claimable.
    """
    if user.email_confirmed_at is None or not user.email:
        return Comment.objects.none()
    return Comment.objects.filter(
        author_email=normalise_email(user.email), user__isnull=True, kind=Comment.Kind.COMMENT
    )


def claim_comments(user: User) -> int:
    """Attach the claimable comments to the account; how many were attached.

    Each thread touched moves its version, so no cached page shows them as a guest's.
    """
    with transaction.atomic():
        comments = Comment.objects.select_for_update().filter(
            pk__in=list(claimable_comments(user).values_list("pk", flat=True))
        )
        article_ids = sorted(set(comments.values_list("article_id", flat=True)))
        claimed = comments.update(user=user)
        for article_id in article_ids:
            discussion.touch_thread(article_id)
    return claimed


def check_may_delete(comment: Comment, *, user: User) -> None:
    """Only the author deletes their comment, and only once. No writes."""
    if comment.user_id != user.pk:
        raise AccountError(_("This is not your comment."), status=404)
    if comment.removal_reason == DELETED_BY_AUTHOR:
        raise AccountError(_("You have already deleted this comment."))


def delete_own_comment(comment: Comment, *, user: User) -> bool:
    """The author deletes their comment; True if a tombstone stays, False if it is gone.

    A comment with replies (of any status: removing its row would take them with it)
    stays in the thread as "deleted by its author", without its text, so the replies
    keep their place; one without replies is removed with its votes. Either way the
    audit log records it as the author's own action, and the thread is recounted and
    its version moved (discussion.services). A banned or suspended account may still
    delete: sanctions stop new comments, not taking old ones away.
    """
    from broadsheet.moderation import services as moderation
    from broadsheet.moderation.models import AuditEntry

    check_may_delete(comment, user=user)
    with transaction.atomic():
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        check_may_delete(current, user=user)
        before = {"status": current.status}
        has_replies = Comment.objects.filter(parent_id=current.pk).exists()
        if has_replies:
            rows = Comment.objects.filter(pk=current.pk)
            wiped = {"body": "", "body_html": "", "held_because": ""}
            if current.status == Comment.Status.TRASH:
                rows.update(**wiped)  # removed already: keep the moderators' reason
                discussion.touch_thread(current.article_id)
            else:
                discussion.set_comments_status(
                    rows,
                    Comment.Status.TRASH,
                    fields=lambda c: {
                        **wiped,
                        "removal_reason": DELETED_BY_AUTHOR,
                        "tombstone": True,
                    },
                )
                Thread.objects.filter(pk=current.article_id).update(has_tombstones=True)
        else:
            discussion.delete_comments(Comment.objects.filter(pk=current.pk))
        moderation.record(
            AuditEntry.Action.DELETE,
            actor=user,
            comment=current,
            detail="deleted by its author",
            before=before,
            after={"tombstone": has_replies},
        )
    return has_replies
