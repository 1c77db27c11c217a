"""Running an export twice changes nothing; a newer export updates and adds."""

import pytest
from django.apps import apps

from broadsheet.discussion.identity import Viewer
from broadsheet.discussion.models import Comment, Thread
from broadsheet.discussion.services import cast_vote, rate_article
from broadsheet.importers.models import ImportedObject
from broadsheet.publishing.models import Article, Image

from . import wxr


def snapshot() -> dict:
    """Every row of every table, timestamps included."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in ("publishing", "discussion", "importers")
    }


def newer(morgenpost, tmp_path):
    """The same site exported again after a few more days of WordPress."""
    text = morgenpost.read_text()
    text = text.replace("Gipfel in Wien: Einigung &amp; Streit", "Gipfel in Wien: Einigung erzielt")
    text = text.replace('i:5;s:7:"dislike";i:2;', 'i:8;s:7:"dislike";i:2;')  # comment 1001
    text = text.replace("<![CDATA[4.5]]>", "<![CDATA[4.0]]>").replace(
        "<wp:meta_value><![CDATA[4]]></wp:meta_value></wp:postmeta>",
        "<wp:meta_value><![CDATA[6]]></wp:meta_value></wp:postmeta>",
    )
    reply = wxr.comment(1012, parent=1003, author="Neu", content="Spät, aber doch.")
    text = text.replace("</wp:comment>\n\t</item>", f"</wp:comment>{reply}\n\t</item>", 1)
    new_post = wxr.post(108, title="Nachtrag", name="nachtrag", comments=[wxr.comment(1080)])
    text = text.replace("</channel>", f"{new_post}</channel>")
    return wxr.write(tmp_path, text, "newer.xml")


def test_importing_the_same_file_twice_changes_nothing(run_import, morgenpost, uploads):
    run_import(morgenpost, "--media-dir", str(uploads))
    before = snapshot()
    again = run_import(morgenpost, "--media-dir", str(uploads))
    assert snapshot() == before
    table = {line.split()[0]: line.split()[-4:] for line in again.stdout.splitlines()[2:12]}
    assert table["post"] == ["0", "0", "7", "0"]
    assert table["comment"] == ["0", "0", "12", "0"]


def test_a_wxr_1_0_export_imported_twice_changes_nothing(run_import):
    from .conftest import FIXTURES

    run_import(FIXTURES / "altes-blog-wxr-1.0.xml")
    before = snapshot()
    run_import(FIXTURES / "altes-blog-wxr-1.0.xml")
    assert snapshot() == before


def test_a_newer_export_updates_changed_posts_and_adds_new_comments(
    run_import, morgenpost, tmp_path
):
    run_import(morgenpost)
    untouched = Article.objects.get(slug="wahlkampf-beginnt").updated_at
    result = run_import(newer(morgenpost, tmp_path))
    gipfel = Article.objects.get(slug="gipfel-in-wien")
    assert gipfel.title == "Gipfel in Wien: Einigung erzielt"
    assert Article.objects.get(slug="wahlkampf-beginnt").updated_at == untouched
    late = Comment.objects.get(pk=1012)
    assert (late.parent_id, late.root_id, late.depth) == (1003, 1001, 3)
    assert late.path == "0000001002/0000001003/0000001012/"
    assert Thread.objects.get(article=gipfel).comment_count == 6
    assert Article.objects.get(slug="nachtrag").comments.get().pk == 1080
    table = {line.split()[0]: line.split()[-4:] for line in result.stdout.splitlines()[2:12]}
    assert table["post"] == ["1", "1", "6", "0"]
    assert table["comment"] == ["2", "1", "11", "0"]


def test_votes_and_ratings_cast_here_survive_a_newer_export(
    run_import, morgenpost, tmp_path, reader
):
    run_import(morgenpost)
    viewer = Viewer(user=reader, voter_token="", ip_hash="x")
    cast_vote(Comment.objects.get(pk=1001), viewer=viewer, value=1)  # 5 → 6 up
    rate_article(Article.objects.get(slug="gipfel-in-wien"), viewer=viewer, stars=5)  # 18/4 → 23/5
    run_import(newer(morgenpost, tmp_path))
    karl = Comment.objects.get(pk=1001)
    assert (karl.upvotes, karl.downvotes, karl.score) == (9, 2, 7)  # WordPress added 3 likes
    thread = Thread.objects.get(article__slug="gipfel-in-wien")
    assert (thread.rating_count, thread.rating_sum) == (7, 29)  # 6 × 4.0 in WordPress, plus ours


def test_comments_deleted_here_are_not_brought_back(run_import, morgenpost):
    run_import(morgenpost)
    Comment.objects.filter(pk=1005).delete()
    result = run_import(morgenpost)
    assert not Comment.objects.filter(pk=1005).exists()
    assert "comment: deleted in Broadsheet since the last import: 1 (comment 1005 on post 101)" in (
        result.stdout
    )


def test_a_later_run_with_the_media_folder_adds_the_featured_images(
    run_import, morgenpost, uploads
):
    run_import(morgenpost)
    assert Article.objects.get(slug="gipfel-in-wien").lead_image is None
    result = run_import(morgenpost, "--media-dir", str(uploads))
    assert Article.objects.get(slug="gipfel-in-wien").lead_image is not None
    table = {line.split()[0]: line.split()[-4:] for line in result.stdout.splitlines()[2:12]}
    assert table["post"] == ["0", "1", "6", "0"]


def test_imports_are_remembered_per_site_and_http_or_www_do_not_matter(
    run_import, morgenpost, tmp_path
):
    run_import(morgenpost)
    counts = (Article.objects.count(), Comment.objects.count())
    moved = morgenpost.read_text().replace(
        "https://morgenpost.example", "http://www.morgenpost.example"
    )
    result = run_import(wxr.write(tmp_path, moved, "http.xml"))
    assert (Article.objects.count(), Comment.objects.count()) == counts
    assert "morgenpost.example (WXR 1.2)" in result.stdout
    assert set(ImportedObject.objects.values_list("site", flat=True)) == {"morgenpost.example"}


def test_site_url_overrides_the_exports_own(run_import, morgenpost, tmp_path):
    staging = morgenpost.read_text().replace(
        "https://morgenpost.example", "https://staging.example"
    )
    run_import(
        wxr.write(tmp_path, staging, "staging.xml"), "--site-url", "https://morgenpost.example"
    )
    assert set(ImportedObject.objects.values_list("site", flat=True)) == {"morgenpost.example"}


@pytest.mark.parametrize("media", [False, True])
def test_a_dry_run_reports_everything_and_changes_nothing(
    run_import, morgenpost, uploads, media, settings
):
    before = snapshot()
    args = ["--dry-run", *(["--media-dir", str(uploads)] if media else [])]
    result = run_import(morgenpost, *args)
    assert snapshot() == before
    assert result.stdout.startswith("Dry run, nothing was saved: WordPress site morgenpost.example")
    assert "post                      7" in result.stdout
    assert Image.objects.count() == 0
    media_root = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media_root.rglob("*")) if media_root.exists() else True
