"""Tunables of the notifications app, each overridable in settings.py.

settings.py stays the one place that reads the environment; these are defaults that
suit a small publication and tests can override with the `settings` fixture.
"""

from django.conf import settings

DEFAULTS = {
    # No second confirmation e-mail to the same address about the same article within
    # this window.
    "BROADSHEET_CONFIRM_INTERVAL_MINUTES": 60,
    # At most this many confirmation e-mails to one address in an hour, whatever they
    # are about: nobody can flood a stranger's mailbox by subscribing it everywhere.
    "BROADSHEET_CONFIRM_MAILS_PER_HOUR": 3,
    # A confirmation link works for this long after it was sent.
    "BROADSHEET_CONFIRM_MAX_AGE_DAYS": 7,
    # Waits before the 2nd, 3rd … attempt to send an e-mail; after the last one fails,
    # the delivery is marked failed (visible and re-sendable in the admin).
    "BROADSHEET_MAIL_RETRY_DELAYS": (60, 300, 1800, 7200, 21600),
    # An attempt whose claim was not renewed for this long belongs to a worker that
    # died: its e-mail is sent again by another worker. The sending worker renews the
    # claim every quarter of this while the SMTP conversation lasts (outbox.Heartbeat),
    # so it need not exceed the longest conversation.
    "BROADSHEET_MAIL_LEASE_SECONDS": 60,
    # The same for the tasks that only decide what to send (they have no heartbeat).
    "BROADSHEET_TASK_LEASE_SECONDS": 600,
    # Refuse to start a worker that hands mail to a server with a sender address no
    # real server accepts (mail_settings.sender_problem). Off only for test rigs whose
    # SMTP server takes anything.
    "BROADSHEET_MAIL_SENDER_CHECK": True,
    # How often `broadsheet worker` looks for dead workers' tasks (old records are
    # purged hourly).
    "BROADSHEET_WORKER_TIDY_SECONDS": 15,
    # At most one moderation digest per moderator in this many minutes.
    "BROADSHEET_MODERATION_DIGEST_MINUTES": 15,
    # Unconfirmed subscriptions, idle addresses and the record of sent e-mails are
    # deleted after this many days.
    "BROADSHEET_NOTIFICATION_RETENTION_DAYS": 30,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
