"""Building the e-mails: multipart text + HTML, in the recipient's language.

Each builder re-checks, at sending time, that the e-mail is still wanted (the comment
still approved, the subscription still there and confirmed) and returns None when it
is not; the outbox then cancels the delivery instead of sending it.
"""

import email.policy
from email.contentmanager import ContentManager, raw_data_manager
from email.headerregistry import Address
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from broadsheet.core.text import normalise_display_name

from . import conf
from .models import Delivery, Subscription, normalise_email
from .outbox import Undeliverable

DEFAULT_SITE_URL = "http://127.0.0.1:8000"
DIGEST_SIZE = 20
# Header values that must stay on one line: mail clients read List-Unsubscribe as a
# URL, and Python's default folding would turn a long one into RFC 2047 encoded words.
UNFOLDED_HEADERS = {"list-unsubscribe", "list-unsubscribe-post"}


MAX_LINE_OCTETS = 998  # RFC 5322


class _UnfoldedListHeaders(email.policy.EmailPolicy):
    def _fold(self, name, value, refold_binary=False):
        if name.lower() in UNFOLDED_HEADERS:
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, refold_binary)


def _set_text(msg, string, subtype="plain", charset="utf-8", cte=None, *args, **kwargs):
    # 8bit, as Django always sent text: the text stays readable (in the demo's mail
    # files too) and long links are not broken by quoted-printable soft line breaks.
    if cte is None and all(
        len(line.encode(charset)) <= MAX_LINE_OCTETS for line in string.splitlines()
    ):
        cte = "8bit"
    raw_data_manager.set_content(msg, string, subtype, charset, cte, *args, **kwargs)


_content_manager = ContentManager()
_content_manager.get_handlers.update(raw_data_manager.get_handlers)
_content_manager.set_handlers.update(raw_data_manager.set_handlers)
_content_manager.add_set_handler(str, _set_text)


class NotificationMessage(EmailMultiAlternatives):
    def message(self, *, policy=email.policy.default):
        options = {**policy.__dict__, "content_manager": _content_manager}
        return super().message(policy=_UnfoldedListHeaders(**options))


def site_url() -> str:
    return (settings.SITE_URL or DEFAULT_SITE_URL).rstrip("/")


def absolute(path: str) -> str:
    return f"{site_url()}{path}"


def message_domain() -> str:
    """The right-hand side of our Message-IDs: the site's host name."""
    host = urlsplit(site_url()).hostname or ""
    if "." not in host:
        host = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or host
    return host or "broadsheet.invalid"


def header_text(value: str) -> str:
    """Text for a header (subject, display name): one line, nothing invisible.

    Names typed by readers are normalised at input, but older rows, article titles
    and settings are not: a CR, LF or U+2028 in a subject makes Django refuse the
    message, and the mail could never be sent. Non-ASCII is fine: the email package
    encodes it (RFC 2047) when the message is written.
    """
    return normalise_display_name(value)


def sender() -> str:
    """From: the publication's name and the configured address (EMAIL_FROM).

    A display name in EMAIL_FROM ("Leserpost <post@zeitung.de>") wins over the
    publication's name. Built as an Address, never by pasting strings, so commas and
    quotes in the name are quoted and non-ASCII is encoded.
    """
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    try:
        return str(
            Address(display_name=header_text(name or _publication_name()), addr_spec=address)
        )
    except (ValueError, IndexError) as exc:
        raise Undeliverable(f"invalid sender address {settings.DEFAULT_FROM_EMAIL!r}") from exc


def _recipient(address: str) -> str:
    try:
        validate_email(address)
    except ValidationError:
        raise Undeliverable(f"invalid recipient address {address!r}") from None
    return address


def _publication_name() -> str:
    from broadsheet.publishing.models import Publication

    return Publication.current().name


# Builders of other apps' mails (moderation's statements of reasons, say), by kind.
BUILDERS: dict = {}


def register_builder(kind: str, builder) -> None:
    BUILDERS[kind] = builder


def build_message(delivery: Delivery) -> NotificationMessage | None:
    builder = {
        Delivery.Kind.CONFIRMATION: _confirmation,
        Delivery.Kind.COMMENT: _comment,
        Delivery.Kind.APPROVED: _approved,
        Delivery.Kind.DIGEST: _digest,
        **BUILDERS,
    }[delivery.kind]
    with translation.override(delivery.language):
        return builder(delivery)


def compose(delivery, *, subject: str, template: str, context: dict, headers=None):
    """A message from notifications/email/<template>.txt and .html, for other apps."""
    return _message(
        delivery, subject=subject, template=template, context=context, headers=headers or {}
    )


def _message(
    delivery, *, subject: str, template: str, context: dict, headers: dict
) -> NotificationMessage:
    context = {
        "publication_name": _publication_name(),
        "site_url": site_url(),
        "subject": subject,
        "language": delivery.language,
        **context,
    }
    headers = {
        "Message-ID": f"<{delivery.message_id}>",
        # RFC 3834: no out-of-office replies to us, please.
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": delivery.language,
        **headers,
    }
    message = NotificationMessage(
        subject=header_text(subject),
        body=render_to_string(f"notifications/email/{template}.txt", context),
        from_email=sender(),
        to=[_recipient(delivery.to)],
        headers=headers,
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", context), "text/html"
    )
    return message


def _discussion_headers(article, *, parent=None) -> dict:
    """Thread every e-mail about one article's discussion together in the mail client."""
    domain = message_domain()
    root = f"<discussion.{article.pk}@{domain}>"
    references = [root]
    if parent is not None:
        references.append(f"<comment.{parent.pk}@{domain}>")
    return {
        "In-Reply-To": references[-1],
        "References": " ".join(references),
        "List-Id": f"<discussion-{article.pk}.{domain}>",
    }


def _unsubscribe_headers(subscription: Subscription) -> dict:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[subscription.token]))


def manage_url(subscriber) -> str:
    return absolute(reverse("notifications:manage", args=[subscriber.manage_token]))


def comment_url(comment) -> str:
    # The permalink finds the comment's page in a long thread; the fragment survives
    # the redirect and lands on the comment.
    return absolute(f"{comment.get_absolute_url()}#{comment.anchor}")


def _live_subscription(delivery) -> Subscription | None:
    subscription = (
        Subscription.objects.select_related("subscriber", "article")
        .filter(pk=delivery.subscription_id)
        .first()
    )
    if (
        subscription is None
        or not subscription.is_confirmed
        or not subscription.subscriber.is_verified
    ):
        return None
    return subscription


def _approved_comment(delivery):
    from broadsheet.discussion.models import Comment

    return (
        Comment.objects.select_related("article", "reply_to", "parent")
        .filter(pk=delivery.comment_id, status=Comment.Status.APPROVED)
        .first()
    )


def _comment(delivery):
    comment = _approved_comment(delivery)
    subscription = _live_subscription(delivery)
    if comment is None or subscription is None:
        return None
    article = comment.article
    parent = comment.reply_to or comment.parent
    is_reply = subscription.scope != Subscription.Scope.ARTICLE and parent is not None
    from .services import mentioned_emails

    mentioned = normalise_email(delivery.to) in mentioned_emails(comment)
    if mentioned:
        subject = _("%(name)s mentioned you in a comment on “%(title)s”") % {
            "name": comment.author_name,
            "title": article.title,
        }
    elif is_reply:
        subject = _("%(name)s replied to your comment on “%(title)s”") % {
            "name": comment.author_name,
            "title": article.title,
        }
    else:
        subject = _("New comment on “%(title)s”") % {"title": article.title}
    return _message(
        delivery,
        subject=subject,
        template="comment",
        context={
            "comment": comment,
            "comment_html": _absolute_links(comment.body_html),
            "mentioned": mentioned,
            "parent": parent if is_reply else None,
            "article": article,
            "article_url": absolute(article.get_absolute_url()),
            "comment_url": comment_url(comment),
            "reply_url": absolute(f"{article.get_absolute_url()}?reply_to={comment.pk}#respond"),
            "subscription": subscription,
            "unsubscribe_url": unsubscribe_url(subscription),
            "manage_url": manage_url(subscription.subscriber),
        },
        headers={
            **_discussion_headers(article, parent=parent),
            **_unsubscribe_headers(subscription),
            **_reply_headers(subscription.subscriber, comment),
        },
    )


def _absolute_links(body_html: str):
    """Sanitised comment HTML whose site-relative links (a mention's permalink) work
    from a mail client too; nh3 writes every attribute in double quotes."""
    return mark_safe(body_html.replace(' href="/', f' href="{site_url()}/'))  # noqa: S308


def _reply_headers(subscriber, comment) -> dict:
    """Reply-To: a signed address that answers comment by mail (notifications/mail_in.py)."""
    from .mail_in import reply_address

    address = reply_address(subscriber, comment.pk)
    return {"Reply-To": address} if address else {}


def _approved(delivery):
    comment = _approved_comment(delivery)
    subscriber = delivery.subscriber
    if comment is None or subscriber is None or not subscriber.is_verified:
        return None
    subscription = _live_subscription(delivery)
    headers = _discussion_headers(comment.article)
    if subscription is not None:
        headers.update(_unsubscribe_headers(subscription))
    return _message(
        delivery,
        subject=_("Your comment on “%(title)s” is online") % {"title": comment.article.title},
        template="approved",
        context={
            "comment": comment,
            "article": comment.article,
            "comment_url": comment_url(comment),
            "unsubscribe_url": unsubscribe_url(subscription) if subscription else "",
            "manage_url": manage_url(subscriber),
        },
        headers=headers,
    )


def _confirmation(delivery):
    from .services import confirmation_token

    subscriber = delivery.subscriber
    if subscriber is None:
        return None
    # Exactly what this e-mail names, and nothing else, is what its link confirms:
    # the token lists these subscriptions. Subscribing the address to something else
    # later needs a confirmation e-mail of its own.
    pending = subscriber.subscriptions.pending().filter(created_at__lte=timezone.now())
    if delivery.article_id is not None:
        pending = pending.filter(article_id=delivery.article_id)
    pending = list(pending.select_related("article", "comment").order_by("pk"))
    if not pending:
        return None  # confirmed meanwhile, or cancelled: nothing to ask
    token = confirmation_token(delivery, pending)
    return _message(
        delivery,
        subject=_("Please confirm your e-mail address"),
        template="confirmation",
        context={
            "subscriptions": pending,
            "confirm_url": absolute(reverse("notifications:confirm", args=[token])),
            "days": conf.get("BROADSHEET_CONFIRM_MAX_AGE_DAYS"),
        },
        headers={},
    )


def _digest(delivery):
    from broadsheet.discussion.models import Comment

    user = delivery.user
    if user is None or not user.is_active or not user.email:
        return None
    waiting = Comment.objects.filter(status=Comment.Status.PENDING)
    count = waiting.count()
    if not count:
        return None  # the queue was emptied before the digest went out
    from broadsheet.moderation.mail_actions import action_url

    comments = list(waiting.select_related("article").order_by("created_at", "pk")[:DIGEST_SIZE])
    queue_url = absolute(reverse("moderation:queue"))
    return _message(
        delivery,
        subject=ngettext(
            "%(count)d comment awaits moderation",
            "%(count)d comments await moderation",
            count,
        )
        % {"count": count},
        template="digest",
        context={
            "count": count,
            # Per comment: the console's page, and signed links that open a page whose
            # button approves or rejects (moderation.mail_actions).
            "comments": [
                (
                    c,
                    absolute(reverse("moderation:comment", args=[c.pk])),
                    absolute(action_url(c, action="approve", moderator=user)),
                    absolute(action_url(c, action="reject", moderator=user)),
                )
                for c in comments
            ],
            "more": count - len(comments),
            "queue_url": queue_url,
        },
        headers={},
    )
