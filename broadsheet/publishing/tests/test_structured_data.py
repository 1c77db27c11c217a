"""schema.org NewsArticle JSON-LD and OpenGraph on the article page."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone
from lxml import html

from broadsheet.core.testing import make_article, make_author, make_image, make_tag
from broadsheet.publishing.models import Article, Correction, Publication

pytestmark = pytest.mark.django_db


def article_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


def json_ld(response) -> dict:
    """The one JSON-LD block of the page, parsed as a browser's HTML parser sees it."""
    document = html.fromstring(response.content)
    (script,) = document.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def opengraph(response) -> list[tuple[str, str]]:
    document = html.fromstring(response.content)
    return [(m.get("property"), m.get("content")) for m in document.xpath("//meta[@property]")]


@pytest.fixture
def reportage():
    """A republished, corrected piece by two authors with a credited lead image."""
    Publication.objects.create(name="Die Rundschau")
    article = make_article(
        "Der Fluss steigt",
        authors=[make_author("Anna Berg"), make_author("Bert Cramer")],
        tags=[make_tag("Hochwasser")],
        lead_image=make_image(caption="Die Altstadt unter Wasser"),
        dateline="Passau.",
        dek="Die Pegel erreichen einen Höchststand.",
        kicker="Unwetter",
        source_outlet="Donaubote",
        source_url="https://donaubote.example/fluss",
        source_date=datetime.date(2024, 6, 2),
    )
    Correction.objects.create(article=article, text="Der Pegel lag bei 12,20 m, nicht 12,80 m.")
    return article


def test_the_article_page_describes_itself_as_a_news_article(client, reportage):
    data = json_ld(article_page(client, reportage))

    url = f"http://testserver{reportage.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["url"] == data["@id"] == data["mainEntityOfPage"] == url
    assert data["headline"] == "Der Fluss steigt"
    assert data["description"] == "Die Pegel erreichen einen Höchststand."
    assert data["inLanguage"] == "de"
    assert data["dateline"] == "Passau."
    assert data["articleSection"] == "Unwetter"
    assert data["keywords"] == ["Hochwasser"]


def test_json_ld_dates_are_the_publication_and_the_last_change(client, reportage):
    data = json_ld(article_page(client, reportage))
    reportage.refresh_from_db()  # adding its tags and corrections changed it

    assert datetime.datetime.fromisoformat(data["datePublished"]) == reportage.published_at
    assert datetime.datetime.fromisoformat(data["dateModified"]) == reportage.updated_at


def test_json_ld_never_says_an_article_changed_before_it_appeared(client):
    article = make_article(
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(hours=2),
    )

    with time_machine.travel(article.published_at + datetime.timedelta(minutes=1)):
        data = json_ld(article_page(client, article))

    assert data["dateModified"] == data["datePublished"]


def test_json_ld_lists_every_author_in_byline_order(client, reportage):
    data = json_ld(article_page(client, reportage))

    assert data["author"] == [
        {
            "@type": "Person",
            "name": author.name,
            "url": f"http://testserver{author.get_absolute_url()}",
        }
        for author in reportage.ordered_authors
    ]
    assert [a["name"] for a in data["author"]] == ["Anna Berg", "Bert Cramer"]


def test_json_ld_credits_and_licenses_the_lead_image(client, reportage):
    image = reportage.lead_image

    (picture,) = json_ld(article_page(client, reportage))["image"]

    assert picture["@type"] == "ImageObject"
    assert picture["url"] == f"http://testserver{image.file.url}"
    assert picture["width"] == image.width and picture["height"] == image.height
    assert picture["caption"] == "Die Altstadt unter Wasser"
    assert picture["creditText"] == "Wikimedia/Erika Muster/CC BY-SA 3.0"
    assert picture["creator"] == {"@type": "Person", "name": "Erika Muster"}
    assert picture["license"] == "https://creativecommons.org/licenses/by-sa/3.0/deed.de"


def test_json_ld_names_the_original_of_a_republished_piece(client, reportage):
    data = json_ld(article_page(client, reportage))

    assert data["isBasedOn"] == {
        "@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": "Donaubote"},
        "url": "https://donaubote.example/fluss",
        "datePublished": "2024-06-02",
    }


def test_json_ld_of_an_original_piece_claims_no_source(client):
    data = json_ld(article_page(client, make_article()))

    assert "isBasedOn" not in data
    assert "correction" not in data
    assert "image" not in data


def test_json_ld_carries_each_correction(client, reportage):
    correction = reportage.corrections.get()

    data = json_ld(article_page(client, reportage))

    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Der Pegel lag bei 12,20 m, nicht 12,80 m.",
            "datePublished": correction.corrected_at.isoformat(),
        }
    ]


def test_json_ld_names_the_publisher(client, reportage):
    data = json_ld(article_page(client, reportage))

    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Die Rundschau",
        "url": "http://testserver/",
    }


def test_json_ld_urls_use_the_configured_site_url(client, settings, reportage):
    settings.SITE_URL = "https://rundschau.example"

    data = json_ld(article_page(client, reportage))

    assert data["url"] == f"https://rundschau.example{reportage.get_absolute_url()}"
    assert data["publisher"]["url"] == "https://rundschau.example/"


def test_a_script_tag_in_the_headline_cannot_break_out_of_the_json_ld(client):
    title = 'Warum </script><script>alert("x")</script> & <!-- nicht hilft'
    article = make_article(title, dek="</SCRIPT> auch nicht")

    response = article_page(client, article)

    data = json_ld(response)
    assert data["headline"] == title
    assert data["description"] == "</SCRIPT> auch nicht"
    page = html.fromstring(response.content)
    mentioning_alert = [s.get("type") for s in page.xpath("//script") if "alert" in (s.text or "")]
    assert mentioning_alert == ["application/ld+json"]


def test_a_long_headline_is_cut_to_what_search_engines_show(client):
    article = make_article("Wort " * 40)

    assert len(json_ld(article_page(client, article))["headline"]) == 110


def test_opengraph_describes_the_article(client, reportage):
    properties = opengraph(article_page(client, reportage))
    values = dict(properties)

    assert values["og:type"] == "article"
    assert values["og:title"] == "Der Fluss steigt"
    assert values["og:url"] == f"http://testserver{reportage.get_absolute_url()}"
    assert values["og:site_name"] == "Die Rundschau"
    assert values["og:image"] == f"http://testserver{reportage.lead_image.file.url}"
    assert values["og:image:alt"] == reportage.lead_image.alt_text
    published = datetime.datetime.fromisoformat(values["article:published_time"])
    assert published == reportage.published_at
    assert [content for prop, content in properties if prop == "article:author"] == [
        f"http://testserver{author.get_absolute_url()}" for author in reportage.ordered_authors
    ]
    assert values["article:tag"] == "Hochwasser"
