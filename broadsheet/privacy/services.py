"""The write side of the privacy self-service: data links and erasure requests.

Asking for a data link looks the same for every address: a link is always sent
(rate-limited per address and per network), and what is stored is looked at only
once the link is used. A link is good once, for BROADSHEET_DATA_LINK_MINUTES; opening
it (GET) changes nothing, so a mail scanner that follows it uses nothing up: the
reader's button (POST) uses it. An erasure waits BROADSHEET_ERASURE_GRACE_HOURS, with
a cancel link in its confirmation mail; then the worker carries it out (erasure.py).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.core import ratelimit
from broadsheet.notifications.models import normalise_email
from broadsheet.notifications.outbox import queue_deliveries
from broadsheet.notifications.services import new_delivery

from . import notices
from .models import DataLink, ErasureRequest
from .subject import Subject, erasure_waiting

LINK_SALT = "privacy.data-link"
LINK_LIMITS_PER_ADDRESS = [
    ratelimit.Limit("data-link-email-hour", 3, 3600),
    ratelimit.Limit("data-link-email-day", 6, 86400),
]
LINK_LIMITS_PER_NETWORK = [
    ratelimit.Limit("data-link-ip-hour", 10, 3600),
    ratelimit.Limit("data-link-ip-day", 30, 86400),
]


class PrivacyError(Exception):
    """A request was refused; the message is shown to the reader as it is."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _language(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# --- Data links ---------------------------------------------------------------------------


def request_data_link(email: str, *, network_hash: str, language: str, now=None) -> None:
    """Mail a "my data" link to the address, whatever is stored for it.

    Refuses (PrivacyError, 429) once the address or the network asked too often; the
    message is the same for every address. The mail is queued in this transaction.
    """
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError:
        raise PrivacyError(_("Please enter a valid e-mail address.")) from None
    try:
        ratelimit.check(LINK_LIMITS_PER_NETWORK, network_hash)
        ratelimit.check(LINK_LIMITS_PER_ADDRESS, email)
    except ratelimit.RateLimited as exc:
        raise PrivacyError(exc.message, status=429) from None
    now = now or timezone.now()
    minutes = settings.BROADSHEET_DATA_LINK_MINUTES
    with transaction.atomic():
        link = DataLink.objects.create(
            email=email, created_at=now, expires_at=now + datetime.timedelta(minutes=minutes)
        )
        queue_deliveries(
            [
                new_delivery(
                    notices.DATA_LINK,
                    key=f"{notices.DATA_LINK}:{link.pk}",
                    to=email,
                    language=_language(language),
                    created_at=now,
                )
            ]
        )


def data_link_token(link_id: int) -> str:
    return signing.dumps({"l": link_id}, salt=LINK_SALT)


def _link_of(token: str) -> int:
    max_age = datetime.timedelta(minutes=settings.BROADSHEET_DATA_LINK_MINUTES)
    try:
        return int(signing.loads(token, salt=LINK_SALT, max_age=max_age)["l"])
    except signing.SignatureExpired:
        raise PrivacyError(_("This link has expired. Please ask for a new one.")) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise PrivacyError(
            _(
                "This link is not valid. Please copy it completely from the e-mail, or ask for a new one."
            )
        ) from None


def check_data_link(token: str, *, now=None) -> DataLink:
    """The link behind a token, if it can still be used; PrivacyError if not. No writes."""
    now = now or timezone.now()
    link = DataLink.objects.filter(pk=_link_of(token)).first()
    if link is None or link.expires_at <= now:
        raise PrivacyError(_("This link has expired. Please ask for a new one."))
    if link.used_at is not None:
        raise PrivacyError(_("This link was already used. Please ask for a new one."))
    return link


def use_data_link(token: str, *, now=None) -> str:
    """Use a link up (once: a conditional UPDATE) and return its address."""
    now = now or timezone.now()
    link = check_data_link(token, now=now)
    used = DataLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    if not used:  # a second click that came in at the same moment
        raise PrivacyError(_("This link was already used. Please ask for a new one."))
    return link.email


# --- Erasure ------------------------------------------------------------------------------


def check_may_erase(subject: Subject, *, user=None) -> None:
    if user is not None and (user.is_staff or user.is_superuser):
        raise PrivacyError(
            _("Newsroom accounts are not erased here. Please ask the site's administrator."),
            status=403,
        )


def request_erasure(subject: Subject, *, user=None, language: str, now=None) -> ErasureRequest:
    """Schedule the erasure of everything the subject finds, after the grace period.

    Idempotent: a second request returns the waiting one. The confirmation mail (with
    its cancel link) and the deferred task that carries it out commit with the row.
    """
    from .tasks import carry_out_erasure

    check_may_erase(subject, user=user)
    now = now or timezone.now()
    with transaction.atomic():
        waiting = erasure_waiting(subject)
        if waiting is not None:
            return waiting
        request = ErasureRequest.objects.create(
            email="" if subject.user_id else subject.email,
            user_id=subject.user_id,
            language=_language(language),
            requested_at=now,
            due_at=now + datetime.timedelta(hours=settings.BROADSHEET_ERASURE_GRACE_HOURS),
        )
        to = user.email if user is not None else subject.email
        if to:
            queue_deliveries(
                [
                    new_delivery(
                        notices.ERASURE,
                        key=f"{notices.ERASURE}:{request.pk}:{request.cancel_token[:16]}",
                        to=to,
                        language=request.language,
                        created_at=now,
                    )
                ]
            )
        # The hourly sweep (retention.sweep) catches it too, should this task be lost.
        carry_out_erasure.using(run_after=request.due_at).enqueue(request.pk)
    return request


def cancel_erasure(request: ErasureRequest) -> bool:
    """Cancel a waiting erasure; False if it was carried out or cancelled meanwhile."""
    with transaction.atomic():
        deleted, _ = ErasureRequest.objects.filter(pk=request.pk).delete()
    return bool(deleted)


def erasure_by_token(token: str) -> ErasureRequest | None:
    if not token:
        return None
    return ErasureRequest.objects.filter(cancel_token=token).first()
