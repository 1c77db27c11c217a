"""`broadsheet setup`: make the data folder ready to serve, and say where to look.

Safe to run before every start: migrations and collectstatic do nothing when nothing
changed, and the demo content is only loaded into a publication without articles.
"""

import io
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse

from broadsheet.publishing.demo.loader import CREDENTIALS_FILENAME
from broadsheet.publishing.models import Article


class Command(BaseCommand):
    help = "Migrate the database, collect static files and load the demo into an empty site."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT", "").strip() or 8000),
            help="The port `broadsheet serve` will listen on, for the printed URLs (env PORT).",
        )
        parser.add_argument(
            "--no-demo", action="store_true", help="Do not load the demo into an empty site."
        )

    def handle(self, *args, port, no_demo, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        call_command("collectstatic", interactive=False, verbosity=max(0, verbosity - 1))
        if not no_demo and not Article.objects.exists():
            self.stdout.write("Empty site: loading the demo publication …")
            # Its report repeats the credentials printed from the file below.
            call_command("demo", stdout=io.StringIO())

        credentials = settings.DATA_DIR / CREDENTIALS_FILENAME
        if credentials.exists():
            self.stdout.write(credentials.read_text().rstrip())
        base = f"http://127.0.0.1:{port}"
        self.stdout.write(f"Site:  {base}/")
        self.stdout.write(f"Admin: {base}{reverse('admin:index')}")
        self.stdout.write(f"Data:  {settings.DATA_DIR}")
