"""Pictures from the library inside an article's text: ![alt](image:id) on a line."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from broadsheet.core.testing import make_article, make_image
from broadsheet.publishing.body import render_body

pytestmark = pytest.mark.django_db


def test_an_image_line_becomes_a_figure_with_caption_and_linked_licence():
    image = make_image(caption="Die Brücke im Nebel")
    html = render_body(f"Vorher.\n![Blick vom Ufer](image:{image.pk})\nNachher.").html
    assert html == (
        "<p>Vorher.</p>\n"
        f'<figure class="article__image body-image"><img src="{image.file.url}" alt="Blick vom Ufer"'
        f' width="{image.width}" height="{image.height}" loading="lazy"><figcaption>'
        '<span class="caption">Die Brücke im Nebel</span> <span class="credit">Bildquelle: '
        'Wikimedia/Erika Muster/<a href="https://creativecommons.org/licenses/by-sa/3.0/deed.de"'
        ' rel="license noopener">CC BY-SA 3.0</a></span></figcaption></figure>\n'
        "<p>Nachher.</p>\n"
    )


def test_empty_alt_text_takes_the_librarys_and_no_credit_means_no_credit_line():
    image = make_image(credit_provider="", credit_creator="", licence_name="", licence_url="")
    html = render_body(f"![](image:{image.pk})").html
    assert f'alt="{image.alt_text}"' in html
    assert "figcaption" not in html and "Bildquelle" not in html


def test_english_sites_print_image_source(settings):
    settings.LANGUAGE_CODE = "en"
    image = make_image()
    assert "Image source: Wikimedia" in render_body(f"![x](image:{image.pk})").html


def test_hostile_alt_text_and_library_fields_are_escaped():
    image = make_image(
        alt_text='"><script>alert(1)</script>',
        caption="<img src=x onerror=alert(1)>",
        credit_creator="<b>Erika</b>",
        licence_url='https://example.org/"onmouseover="alert(1)',
    )
    html = render_body(f'![" onerror="alert(1)](image:{image.pk})\n\n![](image:{image.pk})').html
    assert "<script" not in html and "<img src=x" not in html and "<b>" not in html
    assert 'alt="&quot; onerror=&quot;alert(1)"' in html
    assert 'alt="&quot;&gt;&lt;script&gt;' in html
    assert '"onmouseover=' not in html
    assert html.count("<figure") == 2


@pytest.mark.parametrize(
    "source",
    [
        "![x](image:999999)",
        "![x](image:0)",
        "![x](image:-1)",
        "![x](image:1e3)",
        "![x](image:12345678901234567890)",
        "![x](image:1 onerror=alert(1))",
        "![x](image:javascript:alert(1))",
        "![x](javascript:alert(1))",
        "Text ![x](image:999999) im Satz.",
        "\ue003" + "0\ue004",
    ],
)
def test_unknown_and_hostile_ids_render_nothing_harmful(source):
    rendered = render_body(source)
    assert "<figure" not in rendered.html and "\ue003" not in rendered.html
    # No picture is loaded and no attribute runs script: at most, text or an empty <img>.
    assert 'src="' not in rendered.html and 'href="' not in rendered.html
    assert not re.search(r"<[^>]*(onerror|javascript:)", rendered.html)
    assert set(rendered.missing_images) <= {0, 999999}


def test_missing_ids_are_listed_and_known_ones_not():
    image = make_image()
    rendered = render_body(f"![a](image:{image.pk})\n\n![b](image:999998)\n\n![c](image:999998)")
    assert rendered.html.count("<figure") == 1
    assert rendered.missing_images == (999998,)
    article = make_article("Mit Bild", body="![b](image:999997)")
    assert article.missing_images == (999997,)


def test_form_line_endings_are_lines_too():
    image = make_image()
    assert "<figure" in render_body(f"Text.\r\n\r\n![a](image:{image.pk})\r\nMehr.").html
    assert "<figure" in render_body(f"Text.\r![a](image:{image.pk})\r").html


def test_inside_a_code_block_the_line_stays_text():
    image = make_image()
    line = f"![a](image:{image.pk})"
    html = render_body(f"```\n{line}\n```").html
    assert "<figure" not in html and line in html


def test_one_query_for_all_pictures_none_without(django_assert_num_queries):
    first, second = make_image(), make_image()
    with django_assert_num_queries(1):
        render_body(f"![a](image:{first.pk})\n\n![b](image:{second.pk})\n\n![c](image:4242)")
    with django_assert_num_queries(0):
        render_body("Nur Text, ![kein Bild](https://example.org/x.png).")


def test_captions_do_not_count_as_words_and_questions_still_work():
    image = make_image(caption="Sehr viele Wörter in dieser Bildunterschrift")
    rendered = render_body(
        f"Zwei Wörter.\n\n![a](image:{image.pk})\n\n[[Die Linie.|Was meinen Sie?]]"
    )
    assert rendered.text == "Zwei Wörter. Die Linie."
    assert [q.passage for q in rendered.questions] == ["Die Linie."]


def test_saving_reports_unknown_images_to_the_editor(client, editor):
    image = make_image()
    article = make_article("Mit Bildern", body="Text.")
    client.force_login(editor)
    data = {
        "title": article.title,
        "slug": article.slug,
        "body": f"Text.\r\n\r\n![a](image:{image.pk})\r\n\r\n![b](image:999990)",
        "status": "published",
        "published_at_0": "01.05.2021",
        "published_at_1": "10:00:00",
        "comments_enabled": "on",
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    url = f"/admin/publishing/article/{article.pk}/change/"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    warnings = [m.message for m in response.context["messages"] if m.level_tag == "warning"]
    with translation.override(settings.LANGUAGE_CODE):
        expected = gettext("The text refers to images the library does not have: %(ids)s.")
    assert warnings == [expected % {"ids": "999990"}]
    article.refresh_from_db()
    assert article.body_html.count("<figure") == 1
    data["body"] = f"![a](image:{image.pk})"
    response = client.post(url, data, follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_the_preview_names_unknown_images(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/publishing/article/preview-body/", {"body": "![x](image:999991)\n\nText."}
    )
    assert response.json()["missing_images"] == [999991]
