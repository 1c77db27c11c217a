"""Importing the publication: authors, sections, tags, posts, pages and pictures."""

import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image as PILImage

from broadsheet.publishing.models import Article, Author, Category, Image, Page, Tag

from . import wxr

UTC = datetime.UTC


@pytest.fixture
def imported(run_import, morgenpost, uploads):
    return run_import(morgenpost, "--media-dir", str(uploads))


def article(slug: str) -> Article:
    return Article.objects.get(slug=slug)


def test_authors_become_bylines_with_initials_from_the_display_name(imported):
    anna = Author.objects.get(slug="anna-berger")
    jens = Author.objects.get(slug="jens-oelmann")
    assert (anna.name, anna.initials) == ("Anna Berger", "ab")
    assert (jens.name, jens.initials) == ("Jens Ölmann", "jö")
    assert anna.user is None  # no login is created for a byline
    assert article("gipfel-in-wien").ordered_authors == [anna]


def test_categories_keep_their_hierarchy_and_tags_come_along(imported):
    international = Category.objects.get(slug="international")
    assert international.parent.slug == "politik"
    assert international.path == "politik/international"
    assert Category.objects.get(slug="politik").description == "Alles aus der Politik"
    assert Category.objects.get(slug="ueber-den-tellerrand").name == "Über den Tellerrand"
    assert set(Tag.objects.values_list("slug", "name")) == {
        ("klima", "Klima"),
        ("wahl-2021", "Wahl 2021"),
    }
    gipfel = article("gipfel-in-wien")
    assert [c.slug for c in gipfel.categories.all()] == ["international"]
    assert [t.slug for t in gipfel.tags.all()] == ["klima"]


def test_post_statuses_are_mapped_and_private_posts_are_reported(imported):
    statuses = dict(Article.objects.values_list("slug", "status"))
    assert statuses == {
        "gipfel-in-wien": "published",
        "wahlkampf-beginnt": "scheduled",
        "entwurf-ohne-datum": "draft",
        "nur-fuer-uns": "draft",  # private
        "zur-freigabe": "draft",  # pending
        "geloescht": "draft",  # trash, "__trashed" taken off the slug
        "ueber-uns-hinaus": "published",
    }
    assert "private post imported as a draft: 1 (post 104)" in imported.stdout
    assert "trash post imported as a draft: 1 (post 106)" in imported.stdout


def test_dates_come_from_gmt_and_undated_drafts_stay_undated(imported, settings):
    assert article("gipfel-in-wien").published_at == datetime.datetime(
        2021, 5, 1, 8, 30, tzinfo=UTC
    )
    assert article("wahlkampf-beginnt").published_at == datetime.datetime(2031, 9, 1, 6, tzinfo=UTC)
    assert article("entwurf-ohne-datum").published_at is None
    assert article("zur-freigabe").published_at is None


def test_without_a_gmt_date_the_local_date_counts_in_the_sites_time_zone(run_import, tmp_path):
    post = wxr.post(1, date="2021-07-01 12:00:00", date_gmt="0000-00-00 00:00:00")
    run_import(wxr.write(tmp_path, wxr.document(post)))
    # Europe/Berlin in summer is two hours ahead of UTC.
    assert Article.objects.get().published_at == datetime.datetime(2021, 7, 1, 10, tzinfo=UTC)


def test_excerpt_sticky_and_comment_status_are_kept(imported):
    gipfel = article("gipfel-in-wien")
    assert gipfel.title == "Gipfel in Wien: Einigung & Streit"
    assert gipfel.dek == "Die Minister einigen sich."
    assert gipfel.sticky is True
    assert gipfel.comments_enabled is True
    assert article("wahlkampf-beginnt").comments_enabled is False
    assert article("wahlkampf-beginnt").sticky is False


def test_password_protected_posts_are_not_published(run_import, tmp_path):
    result = run_import(wxr.write(tmp_path, wxr.document(wxr.post(1, password="geheim"))))
    assert Article.objects.get().status == Article.Status.DRAFT
    assert "password-protected post imported as a draft" in result.stdout


def test_the_body_is_sanitised_with_captions_as_figures_and_shortcodes_counted(imported):
    gipfel = article("gipfel-in-wien")
    html = gipfel.body_html
    assert "<script" not in html and "onclick" not in html and "alert" not in html
    assert re.search(
        r"<figure><img [^>]+>\s*<figcaption>Das Tor im Mai</figcaption>\s*</figure>", html
    )
    assert "[gallery" not in html and "[caption" not in html and "wpdiscuz-feedback" not in html
    assert "Ein umstrittener Satz über die Einigung steht hier." in gipfel.body_text
    assert "<p>1. Mai 2021: Ein Tag, der *bleibt*.</p>" in html  # not a list, no emphasis
    assert '<a href="/2021/04/30/vorbericht/"' in html  # links to the old site made relative
    assert (
        "Shortcodes converted or removed: [caption → figure] × 1, [gallery] × 1" in imported.stdout
    )


def test_featured_images_are_copied_from_the_media_folder_and_re_encoded(imported):
    gipfel = article("gipfel-in-wien")
    image = gipfel.lead_image
    assert image is not None
    assert image.alt_text == "Das Brandenburger Tor bei Nacht"
    assert image.caption == "Das Tor im Mai"
    assert image.source_url == "https://morgenpost.example/wp-content/uploads/2021/05/tor.png"
    with PILImage.open(image.file.path) as picture:
        assert picture.size == (120, 80)
    # The picture in the text is the resized copy, stored once and linked from the body.
    inline = Image.objects.exclude(pk=image.pk).get()
    assert inline.file.url in gipfel.body_html


def test_without_a_media_folder_featured_images_keep_their_url_in_the_report(
    run_import, morgenpost
):
    result = run_import(morgenpost)
    assert Image.objects.count() == 0
    assert article("gipfel-in-wien").lead_image is None
    assert (
        "featured image not copied (no --media-dir); original URL kept here: 1 "
        "(post 101: https://morgenpost.example/wp-content/uploads/2021/05/tor.png)"
    ) in result.stdout
    assert "picture in the text still loads from the old site" in result.stdout


def test_a_file_that_is_not_an_image_is_refused_and_reported(run_import, morgenpost, uploads):
    (uploads / "2021" / "05" / "tor.png").write_bytes(b"<?php system($_GET['c']); ?>")
    result = run_import(morgenpost, "--media-dir", str(uploads))
    assert article("gipfel-in-wien").lead_image is None
    assert "image: not an image we can read (re-encoding refused it): 1 (2021/05/tor.png)" in (
        result.stdout
    )


def test_media_paths_never_leave_the_media_folder(run_import, tmp_path, uploads):
    (tmp_path / "outside.png").write_bytes((uploads / "2021" / "05" / "tor.png").read_bytes())
    attachment = wxr.post(
        9, post_type="attachment", status="inherit",
        meta={"_wp_attached_file": "../outside.png"},
    )  # fmt: skip
    post = wxr.post(1, meta={"_thumbnail_id": "9"})
    result = run_import(
        wxr.write(tmp_path, wxr.document(attachment, post)), "--media-dir", str(uploads)
    )
    assert Image.objects.count() == 0
    assert "file not found in --media-dir: 1 (../outside.png)" in result.stdout


def test_pages_are_imported_outside_the_footer_and_drafts_are_skipped(run_import, tmp_path):
    pages = [
        wxr.post(200, post_type="page", title="Impressum", name="impressum"),
        wxr.post(201, post_type="page", title="Entwurf", name="entwurf", status="draft"),
    ]
    result = run_import(wxr.write(tmp_path, wxr.document(*pages)))
    page = Page.objects.get()
    assert (page.slug, page.title, page.in_footer) == ("impressum", "Impressum", False)
    assert "page: draft page (Broadsheet pages are always public): 1 (page 201)" in result.stdout


def test_other_post_types_and_taxonomies_are_skipped_with_reasons(imported):
    assert "item: post type nav_menu_item is not imported: 1 (nav_menu_item 300)" in imported.stdout
    assert "term: taxonomy nav_menu is not imported: 1 (hauptmenue)" in imported.stdout


def test_the_report_counts_every_kind(imported):
    lines = imported.stdout.splitlines()
    assert lines[0] == "WordPress site morgenpost.example (WXR 1.2), 11 items."
    table = {line.split()[0]: line.split()[-4:] for line in lines[2:12]}
    assert table["post"] == ["7", "0", "0", "0"]
    assert table["page"] == ["2", "0", "0", "0"]
    assert table["comment"] == ["12", "0", "0", "0"]
    assert table["author"] == ["2", "0", "0", "0"]


def test_existing_sections_and_bylines_are_reused_not_duplicated(run_import, morgenpost):
    Category.objects.create(name="Politik", slug="politik")
    Author.objects.create(name="Anna Berger", slug="anna-berger", initials="ab")
    run_import(morgenpost)
    assert Category.objects.filter(slug__startswith="politik").count() == 1
    assert Author.objects.filter(name="Anna Berger").count() == 1


def test_slugs_that_are_taken_get_a_suffix(run_import, tmp_path):
    Article.objects.create(title="Alt", slug="artikel-1", body="", published_at=timezone.now())
    run_import(wxr.write(tmp_path, wxr.document(wxr.post(1))))
    assert Article.objects.filter(slug="artikel-1-2").exists()
