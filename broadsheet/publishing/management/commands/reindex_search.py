"""`broadsheet reindex_search`: rebuild the full-text index of every article."""

from django.core.management.base import BaseCommand
from django.db import transaction

from broadsheet.publishing.search import reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index of all articles (stemmed words, authors, tags and "
        "sections). Saves keep the index true by themselves; run this after restoring a "
        "database from a dump that left the index out, or after changing the site's "
        "language. Readers keep searching the old index until it commits."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = reindex_all()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles."))
