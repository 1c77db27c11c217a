"""`broadsheet mail-in`: the SMTP (or LMTP) listener for replies by e-mail.

The site's mail server forwards mail for BROADSHEET_MAIL_IN_DOMAIN to it (see the
README for a Postfix transport). Every recipient is checked at RCPT; a valid answer
becomes a reply through the discussion's services (notifications/mail_in.py).
Runs until SIGINT or SIGTERM; one process is enough (it holds no state the web
nodes need, and several may run behind the mail server for redundancy).
"""

import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from broadsheet.notifications import mail_in

logger = logging.getLogger("broadsheet.mail_in")


class Command(BaseCommand):
    help = "Receive replies by e-mail over SMTP or LMTP (for the site's mail server)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.BROADSHEET_MAIL_IN_HOST)
        parser.add_argument("--port", type=int, default=settings.BROADSHEET_MAIL_IN_PORT)
        parser.add_argument(
            "--protocol", choices=["smtp", "lmtp"], default=settings.BROADSHEET_MAIL_IN_PROTOCOL
        )

    def handle(self, *args, host, port, protocol, **options):
        if not settings.BROADSHEET_MAIL_IN_DOMAIN:
            raise CommandError(
                "BROADSHEET_MAIL_IN_DOMAIN is not set: notifications carry no reply "
                "address, so there is nothing to receive."
            )
        # aiosmtpd logs every command of every conversation at INFO: too much for a log.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        controller = mail_in.controller(host=host, port=port, protocol=protocol)
        try:
            controller.start()
        except (OSError, RuntimeError) as exc:
            raise CommandError(f"Cannot listen on {host}:{port}: {exc}") from exc
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(
            f"Receiving replies for @{settings.BROADSHEET_MAIL_IN_DOMAIN} over "
            f"{protocol.upper()} on {host}:{port}",
        )
        self.stdout.flush()
        try:
            while not stop.wait(1):
                pass
        finally:
            controller.stop()
            self.stdout.write("mail-in stopped")
