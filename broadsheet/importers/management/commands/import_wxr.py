"""`broadsheet import_wxr FILE [--dry-run] [--media-dir DIR] [--site-url URL]`."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from broadsheet.importers.parser import WxrError
from broadsheet.importers.report import ImportReport
from broadsheet.importers.service import import_wxr, site_key

BAD_INPUT = 2


class CountingReader:
    """A binary file that remembers how far it has been read, for the progress bar."""

    def __init__(self, raw):
        self.raw = raw
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.position += len(chunk)
        return chunk


class ProgressBar:
    """One line on a terminal, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self, out, *, total: int, reader: CountingReader):
        self.out = out
        self.total = max(total, 1)
        self.reader = reader
        self.drawn_at = 0.0
        self.visible = False

    def update(self, report: ImportReport) -> None:
        now = time.monotonic()
        if now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        share = min(self.reader.position / self.total, 1.0)
        filled = int(share * self.WIDTH)
        posts = report.counts["post"].total() + report.counts["page"].total()
        comments = report.counts["comment"].total()
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.out.write(
            f"\r[{bar}] {share:4.0%}  {posts} posts and pages, {comments} comments", ending=""
        )
        self.out.flush()
        self.visible = True

    def clear(self) -> None:
        if self.visible:
            self.out.write("\r\x1b[2K", ending="")
            self.out.flush()
            self.visible = False


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0, 1.1 or 1.2 from Tools → Export) with its "
        "wpDiscuz comments, votes and ratings. Runs in one transaction: bad input changes "
        "nothing (exit status 2). Running the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xml file WordPress exported")
        parser.add_argument(
            "--dry-run", action="store_true", help="do everything, then roll back; print the report"
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="a copy of wp-content/uploads: featured images and pictures in posts are "
            "copied from here (otherwise their old URLs are kept and reported)",
        )
        parser.add_argument(
            "--site-url",
            help="the old site's address, if the export's own base URL is wrong "
            "(e.g. exported from a staging copy); imports are remembered per site",
        )

    def handle(self, *args, file, dry_run, media_dir, site_url, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"cannot read {file}: no such file", returncode=BAD_INPUT)
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder", returncode=BAD_INPUT)
        if site_url is not None and not site_key(site_url):
            raise CommandError(f"--site-url {site_url!r} is not a URL", returncode=BAD_INPUT)
        try:
            with path.open("rb") as raw:
                reader = CountingReader(raw)
                bar = None
                if self.stderr.isatty():
                    bar = ProgressBar(self.stderr, total=path.stat().st_size, reader=reader)
                try:
                    report = import_wxr(
                        reader,
                        site_url=site_url,
                        media_dir=media_dir,
                        dry_run=dry_run,
                        on_item=bar.update if bar else None,
                    )
                finally:
                    if bar:
                        bar.clear()
        except WxrError as exc:
            message = f"cannot import {path.name}: {exc}; nothing was imported"
            raise CommandError(message, returncode=BAD_INPUT) from None
        except OSError as exc:
            raise CommandError(
                f"cannot read {file}: {exc.strerror}", returncode=BAD_INPUT
            ) from None
        for line in report.lines():
            self.stdout.write(line)
