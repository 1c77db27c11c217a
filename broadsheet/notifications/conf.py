"""Tunables of the notifications app, each overridable in settings.py.

settings.py stays the one place that reads the environment; these are defaults that
suit a small publication and tests can override with the `settings` fixture.
"""

from django.conf import settings

DEFAULTS = {
    # No second confirmation e-mail to the same address within this window.
    "BROADSHEET_CONFIRM_INTERVAL_MINUTES": 60,
    # A confirmation link works for this long after it was sent.
    "BROADSHEET_CONFIRM_MAX_AGE_DAYS": 7,
    # Waits before the 2nd, 3rd … attempt to send an e-mail; after the last one fails,
    # the delivery is marked failed (visible and re-sendable in the admin).
    "BROADSHEET_MAIL_RETRY_DELAYS": (60, 300, 1800, 7200, 21600),
    # An attempt still marked "sending" after this long belongs to a worker that died.
    # Must exceed the longest SMTP conversation (EMAIL_TIMEOUT bounds each step).
    "BROADSHEET_MAIL_LEASE_SECONDS": 600,
    # How often `broadsheet worker` looks for dead workers' tasks and old records.
    "BROADSHEET_WORKER_TIDY_SECONDS": 60,
    # At most one moderation digest per moderator in this many minutes.
    "BROADSHEET_MODERATION_DIGEST_MINUTES": 15,
    # Unconfirmed subscriptions, idle addresses and the record of sent e-mails are
    # deleted after this many days.
    "BROADSHEET_NOTIFICATION_RETENTION_DAYS": 30,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
