"""The block of text a publisher includes in their privacy page, with today's numbers.

Markdown, from templates/privacy/privacy_text.md in the requested language, so it
says exactly what this installation does: the retention days, the grace period and
what becomes of comments are the configured ones (`broadsheet privacy_text`).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from broadsheet.notifications import conf
from broadsheet.notifications.email import absolute


def privacy_text(language: str) -> str:
    with translation.override(language):
        return (
            render_to_string(
                "privacy/privacy_text.md",
                {
                    "retention_days": settings.BROADSHEET_RETENTION_DAYS,
                    "grace_hours": settings.BROADSHEET_ERASURE_GRACE_HOURS,
                    "tombstones": settings.BROADSHEET_ERASURE_COMMENTS == "tombstone",
                    "notification_days": conf.get("BROADSHEET_NOTIFICATION_RETENTION_DAYS"),
                    "my_data_url": absolute(reverse("privacy:my-data")),
                },
            ).strip()
            + "\n"
        )
