""" "More on this topic" under each article, and the per-article SEO and social overrides."""

import datetime

import lxml.html
import pytest
from django.utils import timezone

from broadsheet.core.testing import make_article, make_category, make_image, make_tag, queries_for
from broadsheet.publishing.related import RELATED_SIZE

pytestmark = pytest.mark.django_db


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def related_titles(client, article) -> list[str]:
    return [a.text_content() for a in page(client, article).xpath("//aside[@class='related']//a")]


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def test_related_articles_rank_shared_tags_then_shared_categories_then_the_newest(client):
    trains, strike = make_tag("Bahn"), make_tag("Streik")
    traffic, culture = make_category("Verkehr"), make_category("Kultur")
    article = make_article("Streik bei der Bahn", tags=[trains, strike], categories=[traffic])
    make_article("Beide Schlagworte", tags=[trains, strike], published_at=ago(days=9))
    make_article("Ein Schlagwort, ein Ressort", tags=[strike], categories=[traffic],
                 published_at=ago(days=8))  # fmt: skip
    make_article("Ein Schlagwort", tags=[trains], published_at=ago(days=1))
    make_article("Nur das Ressort, neu", categories=[traffic], published_at=ago(hours=1))
    make_article("Nur das Ressort, alt", categories=[traffic], published_at=ago(days=30))
    make_article("Nichts gemeinsam", categories=[culture])
    make_article("Entwurf", status="draft", tags=[trains, strike])

    assert (
        related_titles(client, article)
        == [
            "Beide Schlagworte",
            "Ein Schlagwort, ein Ressort",
            "Ein Schlagwort",
            "Nur das Ressort, neu",
        ][:RELATED_SIZE]
    )


def test_an_article_without_tags_gets_the_latest_of_its_category(client):
    traffic = make_category("Verkehr")
    article = make_article("Ohne Schlagworte", categories=[traffic], published_at=ago(days=2))
    make_article("Älter", categories=[traffic], published_at=ago(days=5))
    make_article("Neuer", categories=[traffic], published_at=ago(days=1))
    make_article("Anderswo", categories=[make_category("Sport")])
    assert related_titles(client, article) == ["Neuer", "Älter"]


def test_an_article_with_nothing_in_common_shows_no_related_block(client):
    article = make_article("Allein", categories=[make_category("Kultur")])
    make_article("Anderswo", categories=[make_category("Sport")])
    assert not page(client, article).xpath("//aside[@class='related']")


def test_a_renamed_related_article_shows_under_the_other_at_once(client):
    tag = make_tag("Bahn")
    article = make_article("Hauptstück", tags=[tag])
    other = make_article("Alter Titel", tags=[tag])
    assert related_titles(client, article) == ["Alter Titel"]
    other.title = "Neuer Titel"
    other.save()  # the articles version moves with the save (publishing/signals.py)
    assert related_titles(client, article) == ["Neuer Titel"]


def test_the_related_list_is_one_query_cold_and_none_warm(client):
    tag = make_tag("Bahn")
    article = make_article("Hauptstück", tags=[tag])
    for _ in range(3):
        make_article(tags=[tag])
    cold = queries_for(client, article.get_absolute_url())
    assert sum('"shared_tags"' in sql for sql in cold) == 1
    client.get(article.get_absolute_url())
    warm = queries_for(client, article.get_absolute_url(), cold=False)
    assert not [sql for sql in warm if '"shared_tags"' in sql]


def test_seo_overrides_replace_title_description_and_social_image(client):
    lead, social = make_image(alt_text="Bahnhof"), make_image(alt_text="Stellwerk")
    article = make_article(
        "Die lange Überschrift",
        dek="Der Vorspann.",
        lead_image=lead,
        seo_title="Kurz für Suchmaschinen",
        seo_description="Eine Beschreibung für Suchmaschinen.",
        social_image=social,
    )
    tree = page(client, article)
    assert tree.findtext(".//title").startswith("Kurz für Suchmaschinen – ")
    assert tree.xpath("//meta[@name='description']/@content") == [
        "Eine Beschreibung für Suchmaschinen."
    ]
    assert tree.xpath("//meta[@property='og:title']/@content") == ["Kurz für Suchmaschinen"]
    assert tree.xpath("//meta[@property='og:description']/@content") == [
        "Eine Beschreibung für Suchmaschinen."
    ]
    (image,) = tree.xpath("//meta[@property='og:image']/@content")
    assert image.endswith(social.file.url)
    assert tree.xpath("//meta[@property='og:image:alt']/@content") == ["Stellwerk"]
    assert tree.xpath("//h1")[-1].text_content() == "Die lange Überschrift"  # the page keeps it
    assert not tree.xpath("//meta[@name='robots']")


def test_without_overrides_the_headline_excerpt_and_lead_image_are_used(client):
    lead = make_image(alt_text="Bahnhof")
    article = make_article("Die Überschrift", dek="Der Vorspann.", lead_image=lead)
    tree = page(client, article)
    assert tree.xpath("//meta[@property='og:title']/@content") == ["Die Überschrift"]
    assert tree.xpath("//meta[@name='description']/@content") == ["Der Vorspann."]
    (image,) = tree.xpath("//meta[@property='og:image']/@content")
    assert image.endswith(lead.file.url)


def test_noindex_sets_meta_robots_and_leaves_the_article_out_of_the_sitemaps(client):
    hidden = make_article("Nicht für Suchmaschinen", noindex=True)
    shown = make_article("Für alle")
    tree = page(client, hidden)
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert not page(client, shown).xpath("//meta[@name='robots']")
    for url in ("/sitemap-articles.xml", "/news-sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert shown.get_absolute_url() in body, url
        assert hidden.get_absolute_url() not in body, url


def test_the_admin_offers_the_seo_and_social_fieldset(client, editor):
    client.force_login(editor)
    response = client.get("/admin/publishing/article/add/")
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    for name in ("seo_title", "seo_description", "social_image", "noindex", "is_lead"):
        assert tree.xpath(f"//*[@name='{name}']"), name
