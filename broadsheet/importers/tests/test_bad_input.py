"""Bad input: one clear line, exit status 2, and the database exactly as before."""

import os
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from broadsheet.discussion.models import Comment
from broadsheet.publishing.models import Article

from . import wxr
from .test_idempotency import snapshot
from .test_parser import BOMB


@pytest.fixture
def earlier_import(run_import, tmp_path):
    """Something already in the database that a failed import must not touch."""
    run_import(
        wxr.write(tmp_path, wxr.document(wxr.post(1, comments=[wxr.comment(1)])), "early.xml")
    )
    return snapshot()


def many_posts() -> str:
    posts = [
        wxr.post(n, comments=[wxr.comment(n * 10 + i) for i in range(3)]) for n in range(2, 60)
    ]
    return wxr.document(*posts)


CASES = {
    "not xml": b"Kein XML, sondern ein Brief.",
    "not wxr": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>'
    b"<item><title>x</title></item></channel></rss>",
    "unsupported version": wxr.document(wxr.post(2), version="1.5").encode(),
    "truncated after many posts": many_posts().encode()[:-300],
    "invalid utf-8 near the end": many_posts()
    .encode()
    .replace(b"</channel>", b"\xff\xfe</channel>"),
    "entity bomb": BOMB,
    "external entity": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&x;</title>'
    b"<wp:wxr_version>1.2</wp:wxr_version></channel></rss>",
}
MESSAGES = {
    "not xml": "not an XML file",
    "not wxr": "not a WordPress export",
    "unsupported version": "unsupported WXR version '1.5'",
    "truncated after many posts": "ends in the middle of the export",
    "invalid utf-8 near the end": "invalid UTF-8",
    "entity bomb": "declares a DTD",
    "external entity": "declares a DTD",
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_exits_with_status_2_and_changes_nothing(
    case, earlier_import, run_import, tmp_path
):
    path = wxr.write(tmp_path, CASES[case], "bad.xml")
    with pytest.raises(CommandError) as failed:
        run_import(path)
    assert failed.value.returncode == 2
    message = str(failed.value)
    assert message.startswith("cannot import bad.xml: ") and MESSAGES[case] in message
    assert message.endswith("; nothing was imported") and "\n" not in message
    assert snapshot() == earlier_import


def test_pictures_stored_before_the_file_turned_out_bad_are_removed(
    run_import, tmp_path, uploads, settings
):
    attachment = wxr.post(
        9, post_type="attachment", status="inherit", meta={"_wp_attached_file": "2021/05/tor.png"}
    )
    text = wxr.document(
        attachment, wxr.post(1, meta={"_thumbnail_id": "9"}), *[wxr.post(n) for n in range(2, 40)]
    )
    path = wxr.write(tmp_path, text.encode()[:-200], "bad.xml")
    with pytest.raises(CommandError):
        run_import(path, "--media-dir", str(uploads))
    assert Article.objects.count() == 0
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_a_missing_file_or_media_folder_is_a_clear_error(run_import, tmp_path):
    with pytest.raises(CommandError, match="cannot read .*nichts.xml: no such file") as failed:
        run_import(tmp_path / "nichts.xml")
    assert failed.value.returncode == 2
    path = wxr.write(tmp_path, wxr.document())
    with pytest.raises(CommandError, match="--media-dir .* is not a folder"):
        run_import(path, "--media-dir", str(tmp_path / "fehlt"))
    with pytest.raises(CommandError, match="is not a URL"):
        run_import(path, "--site-url", "   ")


def test_a_single_broken_item_is_imported_as_well_as_possible(run_import, tmp_path):
    items = [
        wxr.post(
            1,
            comments=[
                wxr.comment(1, date_gmt="kaputt", date=""),
                wxr.comment(1),
                wxr.comment(2, parent=99),
            ],
        ),
        wxr.post(1, title="Doppelt"),
        wxr.post(2).replace("<wp:post_id>2</wp:post_id>", "<wp:post_id></wp:post_id>"),
    ]
    result = run_import(wxr.write(tmp_path, wxr.document(*items)))
    article = Article.objects.get()
    assert Comment.objects.get(pk=1).created_at == article.published_at
    assert Comment.objects.get(pk=2).parent is None
    assert "comment: missing or repeated comment id: 1 (comment 1 on post 1)" in result.stdout
    assert "item: post id repeated in the file (first one imported): 1 (post 1)" in result.stdout
    assert "item: no WordPress post id: 1 (post #3)" in result.stdout
    assert "comment without a valid date, dated like its post: 1" in result.stdout


def test_the_command_line_prints_one_line_and_exits_with_2(tmp_path):
    """The real `broadsheet` command, as an operator runs it."""
    bad = wxr.write(tmp_path, b"<html>kein Export</html>", "export.xml")
    env = {**os.environ, "BROADSHEET_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "broadsheet.cli", "import_wxr", str(bad)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "CommandError: cannot import export.xml: not a WordPress export: the file has no <rss> "
        "element; nothing was imported"
    ]
