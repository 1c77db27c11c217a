"""`broadsheet privacy_sweep`: drop what outlived its retention now (the worker does it hourly)."""

from django.core.management.base import BaseCommand

from broadsheet.privacy.retention import sweep


class Command(BaseCommand):
    help = "Drop IP hashes and voter identities past BROADSHEET_RETENTION_DAYS; run due erasures."

    def handle(self, *args, **options):
        counts = sweep()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
