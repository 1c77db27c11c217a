"""The privacy mails: the "my data" link, and the confirmation of an erasure request.

Queued as Delivery rows in the caller's transaction (notifications.outbox), built by
the worker when it sends them, in the reader's language.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from broadsheet.notifications import email as mail

DATA_LINK, ERASURE = "data_link", "erasure"


def _pk(delivery) -> int:
    return int(delivery.key.split(":")[1])


def build_data_link(delivery):
    from .models import DataLink
    from .services import data_link_token

    link = DataLink.objects.filter(pk=_pk(delivery), used_at__isnull=True).first()
    if link is None:
        return None  # used or expired before the mail went out
    url = reverse("privacy:open-link", args=[data_link_token(link.pk)])
    return mail.compose(
        delivery,
        subject=_("Your data: the link you asked for"),
        template="privacy_link",
        context={
            "link_url": mail.absolute(url),
            "minutes": settings.BROADSHEET_DATA_LINK_MINUTES,
            "form_url": mail.absolute(reverse("privacy:my-data")),
        },
    )


def build_erasure(delivery):
    from .models import ErasureRequest

    request = ErasureRequest.objects.filter(pk=_pk(delivery)).first()
    if request is None:
        return None  # cancelled (or carried out) before the mail went out
    return mail.compose(
        delivery,
        subject=_("Your data will be erased"),
        template="privacy_erasure",
        context={
            "due_at": request.due_at,
            "hours": settings.BROADSHEET_ERASURE_GRACE_HOURS,
            "cancel_url": mail.absolute(reverse("privacy:cancel", args=[request.cancel_token])),
        },
    )
