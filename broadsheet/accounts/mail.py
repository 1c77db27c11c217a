"""The sign-in e-mail, built by the worker when it sends it (notifications.outbox)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.notifications import email as mail

from .models import LoginLink, User
from .services import login_link_token


def build_login_link(delivery):
    """The link mail, or None (nothing to send) when the link was used or ran out."""
    _kind, _sep, pk = delivery.key.partition(":")
    link = LoginLink.objects.filter(pk=pk, used_at__isnull=True).first()
    if link is None or link.expires_at <= timezone.now():
        return None
    # The mailbox's owner may learn whether it has an account; nobody else sees this.
    has_account = User.objects.filter(email__iexact=link.email).exists()
    url = mail.absolute(reverse("accounts:link", args=[login_link_token(link)]))
    return mail.compose(
        delivery,
        subject=_("Your sign-in link") if has_account else _("Your link to sign up"),
        template="login_link",
        context={
            "has_account": has_account,
            "link_url": url,
            "minutes": settings.BROADSHEET_LOGIN_LINK_MINUTES,
        },
    )
