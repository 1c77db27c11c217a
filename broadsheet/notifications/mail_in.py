"""Replies by e-mail: signed reply addresses, and the listener that turns answers into replies.

A comment notification carries Reply-To: reply+<token>@<BROADSHEET_MAIL_IN_DOMAIN>.
The token names the comment replied to, the subscriber and an expiry, and is signed
(HMAC under SECRET_KEY) together with the subscriber's address: it cannot be made up,
moved to another comment or person, or stretched. Lower case only, since some mail
servers fold the local part's case.

`broadsheet mail-in` (aiosmtpd, SMTP or LMTP) takes mail from the site's mail server:

- RCPT: the address is checked before any data is sent (check_recipient: no writes),
  so a forged, expired or unknown address, a comment no longer there, a closed thread
  or a sanctioned person is refused with a 550 that says why, and the sender's own
  mail server bounces it to them;
- DATA: only text/plain (or the text part of a multipart; HTML-only mail converted to
  text), at most BROADSHEET_MAIL_IN_MAX_BYTES; quoted text and signatures stripped
  (reply_text.py); posted by discussion.services.post_comment, the web form's service,
  so moderation, trust levels, limits, the model and sanctions all apply. The model's
  "would you like to revise it?" cannot be asked by mail: such a reply is held for
  the moderators (send_anyway), as it is when a web reader sends it unchanged.

One mail makes at most one reply: its Message-ID is remembered for a week, and
post_comment refuses the same text from the same person within a day anyway (which
is then answered as delivered, so a mail server's retry never bounces).
"""

import asyncio
import datetime
import email
import email.policy
import hashlib
import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, connections, transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from broadsheet.core.hashing import ip_hash
from broadsheet.core.text import normalise_display_name

from .models import Subscriber
from .reply_text import html_to_text, reply_text

log = logging.getLogger(__name__)

LOCAL_PREFIX = "reply+"
MESSAGE_ID_SECONDS = 7 * 24 * 3600
_TOKEN = re.compile(r"^([0-9a-z]+)-([0-9a-z]+)-([0-9a-z]+)-([0-9a-f]{24})$")


class Refused(Exception):
    """The mail is not accepted; message says why (it ends up in the sender's bounce)."""

    def __init__(self, message: str, *, code: str = "550 5.7.1"):
        super().__init__(message)
        self.message = message
        self.code = code

    @property
    def smtp_reply(self) -> str:
        return f"{self.code} {smtp_text(self.message)}"


# SMTP replies are ASCII (no SMTPUTF8 for replies): German spelt the way Germans do.
_ASCII = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
     "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "…": "..."}
)  # fmt: skip


def smtp_text(message: str) -> str:
    """One ASCII line for an SMTP reply: umlauts spelt out, typographic quotes plain."""
    plain = unicodedata.normalize("NFKD", message.translate(_ASCII))
    return " ".join(plain.encode("ascii", "ignore").decode().split())[:400]


# --- Reply addresses ----------------------------------------------------------------------


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def _mac(comment_id: int, subscriber_id: int, address: str, expires: int) -> str:
    value = f"{comment_id}:{subscriber_id}:{address.lower()}:{expires}"
    signed = salted_hmac("broadsheet.notifications.mail_in", value, algorithm="sha256")
    return signed.hexdigest()[:24]


def reply_address(subscriber, comment_id: int, *, now: float | None = None) -> str | None:
    """The signed address that posts a reply to comment_id as subscriber; None if off."""
    domain = settings.BROADSHEET_MAIL_IN_DOMAIN
    if not domain:
        return None
    now = time.time() if now is None else now
    expires = int(now) + settings.BROADSHEET_MAIL_IN_REPLY_DAYS * 24 * 3600
    mac = _mac(comment_id, subscriber.pk, subscriber.email, expires)
    token = f"{_b36(comment_id)}-{_b36(subscriber.pk)}-{_b36(expires)}-{mac}"
    return f"{LOCAL_PREFIX}{token}@{domain}"


@dataclass
class ReplyTarget:
    """What a valid reply address stands for."""

    subscriber: Subscriber
    comment: object  # discussion.models.Comment, with its article


def check_recipient(address: str, *, now: float | None = None) -> ReplyTarget:
    """The subscriber and comment a reply address stands for, or Refused; no writes."""
    local, _at, domain = address.strip().lower().rpartition("@")
    if (
        not settings.BROADSHEET_MAIL_IN_DOMAIN
        or domain != settings.BROADSHEET_MAIL_IN_DOMAIN
        or not local.startswith(LOCAL_PREFIX)
    ):
        raise Refused(
            _("No such recipient: this server only takes answers to our notifications."),
            code="550 5.1.1",
        )
    match = _TOKEN.match(local.removeprefix(LOCAL_PREFIX))
    if match is None:
        raise Refused(_("This reply address is not valid: it was not made by us or was altered."))
    comment_id, subscriber_id, expires = (int(part, 36) for part in match.groups()[:3])
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or not constant_time_compare(
        match.group(4), _mac(comment_id, subscriber_id, subscriber.email, expires)
    ):
        raise Refused(_("This reply address is not valid: it was not made by us or was altered."))
    with translation.override(subscriber.language or settings.LANGUAGE_CODE):
        return _check_target(subscriber, comment_id, expires, now=now)


def _check_target(subscriber, comment_id: int, expires: int, *, now) -> ReplyTarget:
    from broadsheet.discussion import services as discussion
    from broadsheet.discussion.models import Comment

    now = time.time() if now is None else now
    if expires < now:
        ended = datetime.datetime.fromtimestamp(expires, tz=datetime.UTC)
        raise Refused(
            _(
                "This reply address expired on %(date)s. Please reply on the website, "
                "or answer a newer notification."
            )
            % {"date": timezone.localtime(ended).strftime("%d.%m.%Y")}
        )
    if not subscriber.is_verified:
        raise Refused(_("This reply address is no longer valid: the address was not confirmed."))
    comment = (
        Comment.objects.select_related("article")
        .filter(pk=comment_id, status=Comment.Status.APPROVED)
        .first()
    )
    if comment is None:
        raise Refused(_("The comment you are replying to is not available any more."))
    if not discussion.is_open_for_comments(comment.article):
        raise Refused(_("Comments on this article are closed."))
    _check_not_sanctioned(subscriber)
    return ReplyTarget(subscriber=subscriber, comment=comment)


def _check_not_sanctioned(subscriber) -> None:
    from broadsheet.moderation import services as moderation

    try:
        moderation.check_may_comment(mail_viewer(subscriber), email=subscriber.email)
    except moderation.ModerationError as refused:
        raise Refused(refused.message) from None


def mail_viewer(subscriber):
    """The subscriber as a reader of the discussion, for the services.

    A guest identity of its own (voter key from the subscriber, never a browser's), the
    "IP" a keyed hash of the mailbox: the limits per IP and network then count this
    mailbox, not the mail server every reply arrives through.
    """
    from broadsheet.discussion.identity import Viewer

    network = ip_hash(f"mail:{subscriber.email}")
    return Viewer(
        user=None,
        voter_token=f"mail-{subscriber.pk}",
        ip_hash=network,
        network_hash=network,
        voter_issued_at=(subscriber.verified_at or timezone.now()).timestamp(),
    )


# --- Turning a mail into a reply ------------------------------------------------------------


def text_of(message) -> str:
    """The text the sender wrote: the plain part, else the HTML part as text."""
    try:
        part = message.get_body(preferencelist=("plain",))
        if part is not None:
            return part.get_content()
        part = message.get_body(preferencelist=("html",))
        if part is not None:
            return html_to_text(part.get_content())
    except (LookupError, UnicodeError, KeyError):
        # An unknown charset or transfer encoding: a retry would fail the same way.
        raise Refused(_("We could not read the text of your mail (its encoding).")) from None
    raise Refused(_("Please answer with a text message: we found no text in your mail."))


def is_automatic(message) -> bool:
    """An out-of-office notice or another machine's answer (RFC 3834 and common usage)."""
    auto_submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        auto_submitted != "no"
        or precedence in {"bulk", "junk", "list", "auto_reply"}
        or "X-Autoreply" in message
        or "X-Autorespond" in message
    )


def _author_name(subscriber, message) -> str:
    """The name the subscriber last commented under; else their From name."""
    from broadsheet.discussion.models import Comment

    name = (
        Comment.objects.filter(author_email=subscriber.email)
        .order_by("-created_at")
        .values_list("author_name", flat=True)
        .first()
    )
    if not name:
        name = normalise_display_name(parseaddr(str(message.get("From", "")))[0])
    return name


def _trust_mail_identity(subscriber, viewer) -> None:
    """The mailbox is proven (the address reached only it): its mail identity is trusted.

    As a browser that opened a confirmation link is (Subscriber.trusted_keys), so the
    reader's earlier comments under this address count for their trust level.
    """
    key = viewer.voter_key
    with transaction.atomic():
        row = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if key not in row.trusted_keys:
            row.trusted_keys = [*row.trusted_keys, key]
            row.save(update_fields=["trusted_keys"])


def _already_posted(parent, *, viewer, body: str) -> bool:
    from broadsheet.discussion import services as discussion
    from broadsheet.discussion.models import Comment

    return Comment.objects.filter(
        article_id=parent.article_id,
        author_key=viewer.voter_key,
        body=body.strip(),
        created_at__gte=timezone.now() - discussion.DUPLICATE_WINDOW,
    ).exists()


def _message_key(message) -> str | None:
    message_id = str(message.get("Message-ID", "")).strip()
    if not message_id:
        return None
    return "mail-in:" + hashlib.blake2b(message_id.encode(), digest_size=16).hexdigest()


def accept_reply(address: str, raw: bytes, *, now: float | None = None):
    """Post the reply that raw (a whole message) makes to address; returns the comment.

    Returns None for a mail already received (same Message-ID, or the same text from
    the same person within a day) and for automatic answers (out-of-office notices),
    which are accepted and dropped. Raises Refused with the reason otherwise.
    """
    from broadsheet.discussion import services as discussion

    target = check_recipient(address, now=now)
    subscriber, parent = target.subscriber, target.comment
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if is_automatic(message):
        log.info("mail-in: dropped an automatic answer to %s", address)
        return None
    with translation.override(subscriber.language or settings.LANGUAGE_CODE):
        body = reply_text(text_of(message))
        if not body:
            raise Refused(_("We found no text of your own above the quoted message."))
        key = _message_key(message)
        if key is not None and not cache.add(key, 1, MESSAGE_ID_SECONDS):
            return None
        viewer = mail_viewer(subscriber)
        if _already_posted(parent, viewer=viewer, body=body):
            return None  # the same mail again, under another Message-ID (or none)
        _trust_mail_identity(subscriber, viewer)
        try:
            return discussion.post_comment(
                parent.article,
                viewer=viewer,
                body=body,
                author=discussion.Author(
                    name=_author_name(subscriber, message), email=subscriber.email
                ),
                reply_to=parent,
                # The model's revise prompt cannot be shown by mail: held for moderators.
                send_anyway=True,
            )
        except discussion.DiscussionError as refused:
            if key is not None:
                cache.delete(key)  # a later, corrected mail must get through
            code = "451 4.7.1" if refused.status == 429 else "550 5.7.1"
            raise Refused(refused.message, code=code) from None


# --- The listener ------------------------------------------------------------------------------


class ReplyHandler:
    """aiosmtpd handler: checks recipients at RCPT, posts replies at DATA.

    The database work runs in a worker thread (Django's ORM is synchronous), one
    message at a time per connection.
    """

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if envelope.rcpt_tos:
            # One reply per transaction keeps LMTP's one-answer-per-recipient simple;
            # the client sends the others in a new transaction (RFC 5321 4.5.3.1.10).
            return "452 4.5.3 One recipient per message, please"
        try:
            await asyncio.to_thread(_in_thread, check_recipient, address)
        except Refused as refused:
            log.info("mail-in: refused %s: %s", address, refused.message)
            return refused.smtp_reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        [address] = envelope.rcpt_tos
        raw = envelope.original_content or envelope.content
        try:
            comment = await asyncio.to_thread(_in_thread, accept_reply, address, raw)
        except Refused as refused:
            log.info("mail-in: refused a reply to %s: %s", address, refused.message)
            return refused.smtp_reply
        except Exception:
            log.exception("mail-in: could not take a reply to %s", address)
            return "451 4.3.0 Temporary failure, please try again later"
        if comment is not None:
            log.info("mail-in: comment %s (%s) from a reply by mail", comment.pk, comment.status)
        return "250 2.0.0 Reply received"


def _in_thread(function, *args):
    """Run function in one of asyncio's worker threads, with a database connection of
    its own that is closed afterwards: the executor's threads outlive the call, and a
    connection left open in one would only be closed by the garbage collector."""
    close_old_connections()
    try:
        return function(*args)
    finally:
        connections.close_all()


def server_kwargs() -> dict:
    return {
        "data_size_limit": settings.BROADSHEET_MAIL_IN_MAX_BYTES,
        "enable_SMTPUTF8": True,
        "decode_data": False,
        "ident": "Broadsheet mail-in",
    }


def controller(*, host: str | None = None, port: int | None = None, protocol: str | None = None):
    """An aiosmtpd controller for the listener (start() runs it in a thread)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.lmtp import LMTP

    class MailInController(Controller):
        def factory(self):
            if (protocol or settings.BROADSHEET_MAIL_IN_PROTOCOL) == "lmtp":
                return LMTP(self.handler, **self.SMTP_kwargs)
            return super().factory()

    return MailInController(
        ReplyHandler(),
        hostname=host or settings.BROADSHEET_MAIL_IN_HOST,
        port=port or settings.BROADSHEET_MAIL_IN_PORT,
        **server_kwargs(),
    )
