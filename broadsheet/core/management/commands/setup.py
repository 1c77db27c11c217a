"""`broadsheet setup`: make the data folder ready to serve, and say where to look.

Safe to run before every start: migrations and collectstatic do nothing when nothing
changed, and the demo content is only loaded into a publication without articles.
Static files go to STATIC_ROOT, which belongs to the installed release (see
settings.py), not to the data folder.
"""

import contextlib
import fcntl
import hashlib
import io
import os
from pathlib import Path

import django
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse

from broadsheet.moderation.classifier import training
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
        parser.add_argument(
            "--static-only",
            action="store_true",
            help="Only collect the static files (at install time; needs no database).",
        )

    def handle(self, *args, port, no_demo, static_only, **options):
        verbosity = options["verbosity"]
        if static_only:
            collect_static(verbosity=max(0, verbosity - 1))
            return
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        collect_static(verbosity=max(0, verbosity - 1))
        if training.train_if_empty():
            self.stdout.write("Trained the starting spam and abuse model from the seed set.")
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


def collect_static(*, verbosity: int = 0) -> bool:
    """collectstatic when the sources changed, one process at a time; whether it ran.

    Several nodes (or test servers) installed from one release share STATIC_ROOT, and
    each web process scans it at start. collectstatic rewrites some files even when
    nothing changed (hashed JavaScript and CSS are saved again), so a process starting
    meanwhile could miss one: it runs only when the sources' fingerprint differs from
    the one recorded by the last run, under a lock.
    """
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    recorded = root / ".sources"
    with open(root.parent / f".{root.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            fingerprint = _sources_fingerprint()
            manifest = root / "staticfiles.json"
            if manifest.exists() and recorded.exists() and recorded.read_text() == fingerprint:
                return False
            call_command("collectstatic", interactive=False, verbosity=verbosity)
            recorded.write_text(fingerprint)
            return True
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(lock, fcntl.LOCK_UN)


def _sources_fingerprint() -> str:
    """Names, sizes and times of every file collectstatic would collect, and how."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((django.get_version(), settings.STORAGES["staticfiles"])).encode())
    entries = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            entries.append(
                (getattr(storage, "prefix", None) or "", path, stat.st_mtime_ns, stat.st_size)
            )
    for entry in sorted(entries):
        digest.update(repr(entry).encode())
    return digest.hexdigest()
