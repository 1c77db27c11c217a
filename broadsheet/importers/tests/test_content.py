"""WordPress content into Broadsheet's: shortcodes, paragraphs, sanitising, slugs."""

import nh3
import pytest

from broadsheet.core.text import COMMENT_TAGS, URL_SCHEMES, render_article_markdown
from broadsheet.importers import content
from broadsheet.publishing.body import render_body

SITE = ("https://morgenpost.example", "http://morgenpost.example")


def convert(raw, **kwargs):
    return content.convert_body(raw, site_prefixes=SITE, **kwargs)


def test_captions_become_figures_with_their_caption():
    body = convert(
        '[caption id="attachment_5" align="alignleft" width="300"]'
        '<a href="/x"><img src="https://x.org/a.jpg" '
        'alt="A" /></a> Eine <em>Bildunterschrift</em>[/caption]'
    )
    assert body.html.startswith(
        '<figure><a href="/x" rel="noopener"><img src="https://x.org/a.jpg" alt="A"></a>'
    )
    assert "<figcaption>Eine <em>Bildunterschrift</em></figcaption>" in body.html
    assert body.shortcodes == {"caption → figure": 1}


def test_the_caption_attribute_of_old_wordpress_versions_is_understood():
    body = convert(
        '[caption caption="Alt &amp; neu"]<img src="https://x.org/a.jpg" alt="">[/caption]'
    )
    assert "<figcaption>Alt &amp; neu</figcaption>" in body.html


def test_other_shortcodes_are_removed_and_counted_but_their_text_kept():
    body = convert(
        'Vorher [gallery ids="1,2"] [su_box title="Info"]Kasten[/su_box] '
        "[embed]https://v.example/1[/embed] nachher"
    )
    assert body.html == "<p>Vorher  Kasten https://v.example/1 nachher</p>"
    assert body.shortcodes == {"gallery": 1, "su_box": 1, "embed": 1}


def test_bracketed_words_that_are_no_shortcodes_stay():
    body = convert("Er sagte [sic] und [1] und [Anm. d. Red.] und [[gallery]].")
    assert body.html == "<p>Er sagte [sic] und [1] und [Anm. d. Red.] und [gallery].</p>"
    assert not body.shortcodes


def test_inline_feedback_keeps_the_passage_and_records_the_question():
    body = convert(
        'Erster Satz. [wpdiscuz-feedback id="q1" question="Was meinen Sie?" opened="0"]'
        "Der strittige "
        "<strong>Satz</strong>.[/wpdiscuz-feedback] Letzter Satz."
    )
    assert "[[Der strittige <strong>Satz</strong>.|Was meinen Sie?]]" in body.source
    assert body.html.startswith(
        '<p>Erster Satz. <mark class="editor-question" id="frage-1" data-question="1">'
        "Der strittige <strong>Satz</strong>.</mark>"
    )
    [passage] = body.feedback
    assert (passage.wp_form_id, passage.question, passage.opened) == (
        "q1",
        "Was meinen Sie?",
        False,
    )
    text = render_body(body.source).text  # what Article.body_text will hold
    assert passage.exact.startswith("Der strittige") and passage.exact.endswith(".")
    assert text[passage.position : passage.position + len(passage.exact)] == passage.exact
    assert (passage.prefix, passage.suffix) == ("Erster Satz. ", " Letzter Satz.")


def test_loose_text_becomes_paragraphs_with_line_breaks_like_wpautop():
    body = convert(
        "Berlin/Wien. Erste Zeile\nzweite Zeile.\n\nZweiter Absatz.\n\n<ul><li>Punkt</li></ul>"
    )
    assert body.html == (
        "<p>Berlin/Wien. Erste Zeile<br>\nzweite Zeile.</p>\n<p>Zweiter Absatz.</p>\n"
        "<ul>\n<li>Punkt</li>\n</ul>"
    )


def test_gutenberg_block_comments_and_scripts_are_dropped():
    body = convert(
        '<!-- wp:paragraph --><p onclick="x()">Text<script>alert(1)</script></p>'
        "<!-- /wp:paragraph -->"
    )
    assert body.html == "<p>Text</p>"


@pytest.mark.parametrize(
    "raw",
    [
        "1. Mai 2021 war ein Feiertag.",
        "* kein Aufzählungspunkt *und keine Betonung*",
        "# keine Überschrift",
        "    eingerückt, aber kein Code",
        "Zitat:\n\n> kein Blockzitat",
        "<pre>Code\n\n    mit Leerzeilen</pre>\nDanach.",
        "Text mit [[Wiki|Link]] bleibt Text.",
        "<div>lose</div> und <h1>Titel</h1>",
    ],
)
def test_the_body_renders_exactly_as_converted_whatever_markdown_would_make_of_it(raw):
    body = convert(raw)
    assert render_article_markdown(body.source).strip() == body.html.strip()
    assert (
        render_body(body.source).questions == []
    )  # imported text never becomes an editor question


def test_links_to_the_old_site_become_relative_but_uploads_do_not():
    body = convert(
        '<a href="https://morgenpost.example/2021/05/01/x/">a</a> '
        '<a href="http://morgenpost.example">b</a> '
        '<a href="https://morgenpost.example/wp-content/uploads/f.pdf">c</a> <a href="https://andere.example/">d</a>'
    )
    assert 'href="/2021/05/01/x/"' in body.html and 'href="/"' in body.html
    assert 'href="https://morgenpost.example/wp-content/uploads/f.pdf"' in body.html
    assert 'href="https://andere.example/"' in body.html
    assert body.links_rewritten == 2


def test_pictures_are_moved_when_the_resolver_knows_them_and_reported_otherwise():
    body = convert(
        '<img src="https://morgenpost.example/wp-content/uploads/a.jpg" alt="a">'
        '<img src="https://cdn.example/b.jpg" alt="b">',
        image_url=lambda url: "/media/a.jpg" if url.endswith("a.jpg") else None,
    )
    assert 'src="/media/a.jpg"' in body.html
    assert body.external_images == ["https://cdn.example/b.jpg"]


@pytest.mark.parametrize(
    "raw",
    [
        "Hallo",
        "Hallo\nWelt",
        "a\n\n\nb  \n c",
        ' x > y "q" ',
        "Ünïcödé – „Zitat“ 😀",
        "\n\nstart",
        "a\u00a0b",
        "",
    ],
)
def test_the_plain_text_shortcut_for_comments_matches_the_sanitiser(raw):
    full = nh3.clean(
        content.autop(raw), tags=COMMENT_TAGS | {"br"}, attributes={"a": {"href"}},
        url_schemes=URL_SCHEMES, link_rel="nofollow ugc noopener", strip_comments=True,
    )  # fmt: skip
    assert content.comment_html(raw) == full


def test_comments_keep_safe_links_only():
    assert content.comment_html(
        '<a href="javascript:x()">a</a> <a href="https://x.org" onclick="y">b</a>'
    ) == (
        '<p><a rel="nofollow ugc noopener">a</a> '
        '<a href="https://x.org" rel="nofollow ugc noopener">b</a></p>'
    )


@pytest.mark.parametrize(
    ("value", "slug"),
    [("%c3%bcber-uns", "ueber-uns"), ("Straße & Grün", "strasse-gruen"), ("", ""), ("---", "")],
)
def test_slugs_are_ascii_with_german_umlauts_spelt_out(value, slug):
    assert content.make_slug(value, 100) == slug


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Anna Berger", "ab"),
        ("Anna Maria Berger", "ab"),
        ("Jens Ölmann", "jö"),
        ("admin", "a"),
        ("", ""),
    ],
)
def test_initials_come_from_the_first_and_last_name(name, letters):
    assert content.initials(name) == letters


@pytest.mark.parametrize(
    ("login", "nicename"),
    [
        ("anna", "anna"),
        ("j.oelmann", "j-oelmann"),
        ("Max Mustermann", "max-mustermann"),
        ("a_b@c.de", "a_bc-de"),
    ],
)
def test_the_old_author_slug_follows_wordpress(login, nicename):
    assert content.wp_nicename(login) == nicename
