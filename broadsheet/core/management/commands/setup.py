"""`broadsheet setup`: make the data folder ready to serve, and say where to look.

Safe to run before every start: migrations and collectstatic do nothing when nothing
changed, and the demo content is only loaded into a publication without articles.
Static files go to STATIC_ROOT, which belongs to the installed release (see
settings.py), not to the data folder.
"""

import contextlib
import fcntl
import io
import os
from pathlib import Path

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
        collect_static(verbosity=max(0, verbosity - 1))
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


def collect_static(*, verbosity: int = 0) -> None:
    """collectstatic, one process at a time.

    Several nodes (or test servers) installed from one release share STATIC_ROOT; two
    collectstatic runs at once would interleave writes of the same manifest.
    """
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with open(root.parent / f".{root.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            call_command("collectstatic", interactive=False, verbosity=verbosity)
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(lock, fcntl.LOCK_UN)
