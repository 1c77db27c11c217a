"""`broadsheet demo`: load the German demo publication into an empty database."""

from django.conf import settings
from django.core.management.base import BaseCommand

from broadsheet.publishing.demo.loader import load_demo, write_credentials


class Command(BaseCommand):
    help = (
        "Load a German demo publication (articles, pictures, pages, promo blocks and an "
        "editor and a moderator account) into an empty database. Does nothing if the "
        "database already has content."
    )

    def handle(self, *args, **options):
        outcome = load_demo()
        if not outcome.loaded:
            self.stdout.write("Database is not empty; demo not loaded.")
            self.stdout.write(f"It already holds: {', '.join(outcome.found)}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {outcome.articles} articles."))
        for account in outcome.accounts:
            self.stdout.write(account.credentials_line)
        path = write_credentials(outcome.accounts, settings.DATA_DIR)
        self.stdout.write(f"Log in at /admin/. The passwords are also in {path} (mode 0600).")
