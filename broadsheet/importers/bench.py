"""Import benchmark: a generated WXR with 5,000 posts and 100,000 comments.

    from broadsheet.importers.bench import run_import_benchmark
    result = run_import_benchmark()          # ImportBenchmark(seconds=…, peak_rss_mb=…)

or `python -m broadsheet.importers.bench [--posts N] [--comments N]`. The export is
written to a temporary file as it is generated (never held in memory), then
`broadsheet import_wxr` runs in a child process on a fresh SQLite data folder, so the
time and the peak memory are those of the real command. Targets: under 60 s and under
300 MB peak RSS.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from xml.sax.saxutils import escape

TARGET_SECONDS = 60
TARGET_RSS_MB = 300

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Benchmark-Post</title>
<link>https://bench.example</link>
<language>de-DE</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:base_blog_url>https://bench.example</wp:base_blog_url>
"""
PARAGRAPH = (
    "Berlin/Wien. Die Verhandlungen dauerten bis tief in die Nacht, und am Ende stand "
    "ein Kompromiss, mit dem keine Seite ganz zufrieden ist. Beobachter sprechen von "
    "einem „wichtigen Schritt“, Kritiker von einer vertanen Chance."
)
COMMENT = (
    "Ich sehe das ähnlich, aber man sollte nicht vergessen, dass die Zahlen vom letzten "
    "Jahr etwas anderes sagen.\nDazu gibt es einen guten Bericht."
)


def _cdata(value: str) -> str:
    return f"<![CDATA[{value}]]>"


def _comment(out, cid: int, parent: int, rng: random.Random, day: int) -> None:
    status = rng.choices(["1", "0", "spam", "trash"], weights=[90, 5, 4, 1])[0]
    likes, dislikes = rng.randint(0, 30), rng.randint(0, 8)
    votes = f'a:2:{{s:4:"like";i:{likes};s:7:"dislike";i:{dislikes};}}'
    out.write(
        "<wp:comment>"
        f"<wp:comment_id>{cid}</wp:comment_id>"
        f"<wp:comment_author>{_cdata(f'Leserin {cid % 5000}')}</wp:comment_author>"
        f"<wp:comment_author_email>{_cdata(f'leserin{cid % 5000}@example.org')}"
        "</wp:comment_author_email>"
        "<wp:comment_author_url></wp:comment_author_url>"
        f"<wp:comment_author_IP>{_cdata(f'192.0.2.{cid % 250}')}</wp:comment_author_IP>"
        f"<wp:comment_date>{_cdata(f'2021-05-{day:02d} 12:{cid % 60:02d}:00')}</wp:comment_date>"
        f"<wp:comment_date_gmt>{_cdata(f'2021-05-{day:02d} 10:{cid % 60:02d}:00')}"
        "</wp:comment_date_gmt>"
        f"<wp:comment_content>{_cdata(COMMENT)}</wp:comment_content>"
        f"<wp:comment_approved>{_cdata(status)}</wp:comment_approved>"
        f"<wp:comment_type>{_cdata('comment')}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        "<wp:comment_user_id>0</wp:comment_user_id>"
        "<wp:commentmeta><wp:meta_key>wpdiscuz_votes_seperate</wp:meta_key>"
        f"<wp:meta_value>{_cdata(votes)}</wp:meta_value></wp:commentmeta>"
        "</wp:comment>\n"
    )


def write_export(path: Path, *, posts: int, comments: int, seed: int = 1) -> int:
    """Write a WXR 1.2 export to path, item by item; returns its size in bytes."""
    rng = random.Random(seed)
    per_post, extra = divmod(comments, max(posts, 1))
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(1, 6):
            out.write(
                f"<wp:author><wp:author_id>{n}</wp:author_id>"
                f"<wp:author_login>{_cdata(f'autor{n}')}</wp:author_login>"
                f"<wp:author_email>{_cdata(f'autor{n}@bench.example')}</wp:author_email>"
                f"<wp:author_display_name>{_cdata(f'Autorin Nummer{n}')}</wp:author_display_name>"
                "</wp:author>\n"
            )
        for n in range(1, 21):
            parent = f"ressort-{(n - 1) // 5 * 5 + 1}" if n % 5 != 1 else ""
            out.write(
                f"<wp:category><wp:term_id>{n}</wp:term_id>"
                f"<wp:category_nicename>ressort-{n}</wp:category_nicename>"
                f"<wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name>{_cdata(f'Ressort {n}')}</wp:cat_name></wp:category>\n"
            )
        comment_id = 1
        for post in range(1, posts + 1):
            day = post % 28 + 1
            body = "\n\n".join([PARAGRAPH] * rng.randint(3, 8))
            out.write(
                "<item>"
                f"<title>{escape(f'Meldung Nummer {post}: Einigung in Wien')}</title>"
                f"<link>https://bench.example/2021/05/{day:02d}/meldung-{post}/</link>"
                f"<dc:creator>{_cdata(f'autor{post % 5 + 1}')}</dc:creator>"
                f"<content:encoded>{_cdata(body)}</content:encoded>"
                f"<excerpt:encoded>{_cdata('Die Kurzfassung.')}</excerpt:encoded>"
                f"<wp:post_id>{post}</wp:post_id>"
                f"<wp:post_date>{_cdata(f'2021-05-{day:02d} 10:00:00')}</wp:post_date>"
                f"<wp:post_date_gmt>{_cdata(f'2021-05-{day:02d} 08:00:00')}</wp:post_date_gmt>"
                "<wp:comment_status>open</wp:comment_status>"
                f"<wp:post_name>meldung-{post}</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="ressort-{post % 20 + 1}">'
                f"{_cdata(f'Ressort {post % 20 + 1}')}</category>"
                f'<category domain="post_tag" nicename="thema-{post % 200}">'
                f"{_cdata(f'Thema {post % 200}')}</category>"
                "<wp:postmeta><wp:meta_key>wpdiscuz_post_rating</wp:meta_key>"
                f"<wp:meta_value>{rng.choice(['3.5', '4', '4.25'])}</wp:meta_value></wp:postmeta>"
                "<wp:postmeta><wp:meta_key>wpdiscuz_post_rating_count</wp:meta_key>"
                f"<wp:meta_value>{rng.randint(1, 40)}</wp:meta_value></wp:postmeta>\n"
            )
            ids: list[int] = []
            for _ in range(per_post + (1 if post <= extra else 0)):
                parent = rng.choice(ids) if ids and rng.random() < 0.4 else 0
                _comment(out, comment_id, parent, rng, day)
                ids.append(comment_id)
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")
    return path.stat().st_size


@dataclass
class ImportBenchmark:
    posts: int
    comments: int
    file_mb: float
    seconds: float
    cpu_seconds: float  # user + system: what the import cost on a busy machine too
    peak_rss_mb: float
    exit_status: int

    @property
    def meets_targets(self) -> bool:
        return (
            self.exit_status == 0
            and self.seconds < TARGET_SECONDS
            and self.peak_rss_mb < TARGET_RSS_MB
        )


# The import runs in a child that reports its own high-water mark (VmHWM): the
# rusage of a child also counts its parent's memory from before exec.
CHILD = """
import os, re, sys
import django
django.setup()
from django.core.management import call_command
with open(os.devnull, "w") as quiet:
    call_command("import_wxr", sys.argv[1], stdout=quiet)
status = open("/proc/self/status").read()
print(re.search(r"VmHWM:\\s+([0-9]+)", status).group(1))
"""


def _child_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    env.update(BROADSHEET_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="broadsheet.settings")
    return env


def run_import_benchmark(*, posts: int = 5000, comments: int = 100_000) -> ImportBenchmark:
    """Generate the export, import it into a fresh SQLite database, measure it."""
    with tempfile.TemporaryDirectory(prefix="broadsheet-import-bench-") as folder:
        folder = Path(folder)
        export = folder / "export.xml"
        size = write_export(export, posts=posts, comments=comments)
        data_dir = folder / "data"
        data_dir.mkdir()
        env = _child_env(data_dir)
        cli = [sys.executable, "-m", "broadsheet.cli"]
        subprocess.run([*cli, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
        started = time.monotonic()
        child = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", CHILD, str(export)], env=env, stdout=subprocess.PIPE, text=True
        )
        output = child.stdout.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        lines = output.strip().splitlines()
        peak_kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return ImportBenchmark(
        posts=posts,
        comments=comments,
        file_mb=round(size / 1e6, 1),
        seconds=round(seconds, 1),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 1),
        peak_rss_mb=round(peak_kb / 1024, 1),
        exit_status=child.returncode,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m broadsheet.importers.bench")
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = run_import_benchmark(posts=args.posts, comments=args.comments)
    print({**asdict(result), "meets_targets": result.meets_targets})
    return 0 if result.meets_targets else 1


if __name__ == "__main__":
    sys.exit(main())
