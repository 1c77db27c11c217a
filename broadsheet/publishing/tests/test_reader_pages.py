import datetime

import pytest
import time_machine
from django.utils import timezone

from broadsheet.core.testing import (
    make_article,
    make_author,
    make_category,
    make_image,
    make_tag,
)  # fmt: skip
from broadsheet.publishing.models import Article, Correction, Page, PromoBlock, PromoLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_article():
    """An article carrying every element of the reference page (DESIGN.md §1)."""
    international = make_category("International", slug="international")
    author = make_author("Anna Berger", initials="ab")
    image = make_image(caption="Die Grenzbrücke am Morgen")
    article = make_article(
        "Neue Brücke verbindet zwei Länder",
        slug="neue-bruecke",
        kicker="INTERNATIONAL",
        dateline="Berlin/Wien.",
        body="Die Brücke ist fertig.\n\nSie wurde heute eröffnet.",
        published_at=datetime.datetime(2021, 5, 1, 10, 0, tzinfo=datetime.UTC),
        lead_image=image,
        source_outlet="Wiener Abendpost",
        source_url="https://example.org/bruecke",
        source_date=datetime.date(2021, 5, 1),
        authors=[author],
        categories=[international],
        tags=[make_tag("Verkehr"), make_tag("Europa")],
    )
    Correction.objects.create(article=article, text="Die Brücke ist 300 m lang, nicht 3 km.")
    return article


def test_article_url_follows_wordpress_permalinks(reference_article):
    assert reference_article.get_absolute_url() == "/2021/05/01/neue-bruecke/"


def test_article_page_shows_every_element_of_the_reference_in_german(client, reference_article):
    html = client.get(reference_article.get_absolute_url()).content.decode()
    assert '<p class="kicker">INTERNATIONAL</p>' in html
    assert "1. Mai 2021" in html
    assert (
        '<span class="dateline" data-anchor-ignore>Berlin/Wien.</span> Die Brücke ist fertig.'
        in html
    )
    assert (
        'Sie wurde heute eröffnet. <span class="initials" data-anchor-ignore>(ab)</span></p>'
        in html
    )
    assert "Bildquelle: Wikimedia/Erika Muster/" in html
    assert 'rel="license noopener">CC BY-SA 3.0</a>' in html
    assert "Quelle: " in html and "Wiener Abendpost</a> vom 01.05.2021" in html
    assert "Die Brücke ist 300 m lang, nicht 3 km." in html
    assert "1. Mai 2021, 12:00 Uhr" in html
    assert "Lesezeichen" not in html and "Permalink" not in html
    assert 'href="/category/international/" rel="tag">International</a>' in html
    assert 'href="/tag/verkehr/" rel="tag">Verkehr</a>' in html


def test_article_page_speaks_english_when_the_site_is_english(client, reference_article, english):
    html = client.get(reference_article.get_absolute_url()).content.decode()
    assert "Image source: Wikimedia/Erika Muster/" in html
    assert "1 May 2021, noon" in html
    assert "Published in" in html and "Bookmark" not in html
    assert "Source: " in html
    assert '<html lang="en">' in html


def test_a_wrong_date_in_the_url_redirects_to_the_canonical_one(client, reference_article):
    response = client.get("/2020/01/01/neue-bruecke/")
    assert response.status_code == 301
    assert response["Location"] == "/2021/05/01/neue-bruecke/"


@pytest.mark.parametrize(
    "url",
    [
        "/2021/05/01/gibt-es-nicht/",
        "/category/gibt-es-nicht/",
        "/tag/gibt-es-nicht/",
        "/author/gibt-es-nicht/",
        "/gibt-es-nicht/",
        "/2021/13/",
        "/2021/02/30/",
        "/?page=999",
        "/?page=abc",
        "/admin-nicht/da/",
    ],
)
def test_unknown_urls_give_a_404_page_in_the_site_language(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_drafts_are_invisible_to_readers(client):
    draft = make_article("Noch geheim", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Noch geheim" not in client.get("/").content.decode()


def test_scheduled_article_appears_by_itself_at_its_time(client):
    start = timezone.now()
    when = start + datetime.timedelta(hours=2)
    article = make_article("Morgen früh", status=Article.Status.SCHEDULED, published_at=when)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Morgen früh" not in client.get("/").content.decode()
    with time_machine.travel(when + datetime.timedelta(minutes=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Morgen früh" in client.get("/").content.decode()


def test_front_page_lists_newest_first_and_paginates(client, settings):
    settings.BROADSHEET_PAGE_SIZE = 2
    now = timezone.now()
    for days, title in [(3, "Alt"), (2, "Mittel"), (1, "Neu")]:
        make_article(title, published_at=now - datetime.timedelta(days=days))
    first = client.get("/").content.decode()  # the news front: Neu leads (frontpage.py)
    assert first.index(">Neu<") < first.index(">Mittel<") < first.index(">Alt<")
    assert ">Alt<" in client.get("/?page=2").content.decode()
    assert ">Alt<" in client.get("/page/2/").content.decode()


def test_category_archive_includes_articles_of_child_categories(client):
    world = make_category("International", slug="international")
    europe = make_category("Europa", slug="europa", parent=world)
    make_article("Aus Europa", categories=[europe])
    make_article("Aus der Welt", categories=[world])
    make_article("Anderswo", categories=[make_category("Inland")])
    parent_page = client.get("/category/international/").content.decode()
    assert "Aus Europa" in parent_page and "Aus der Welt" in parent_page
    assert "Anderswo" not in parent_page
    child_page = client.get("/category/international/europa/").content.decode()
    assert "Aus Europa" in child_page and "Aus der Welt" not in child_page


def test_tag_author_and_date_archives_list_their_articles(client):
    author = make_author("Jonas Keller")
    tag = make_tag("Klima")
    when = datetime.datetime(2024, 3, 15, 12, tzinfo=datetime.UTC)
    make_article("Gesuchter Artikel", authors=[author], tags=[tag], published_at=when)
    make_article("Anderer Artikel", published_at=when + datetime.timedelta(days=40))
    for url in ["/tag/klima/", "/author/jonas-keller/", "/2024/", "/2024/03/", "/2024/03/15/"]:
        html = client.get(url).content.decode()
        assert "Gesuchter Artikel" in html, url
    assert "Anderer Artikel" not in client.get("/2024/03/").content.decode()
    assert "März 2024" in client.get("/2024/03/").content.decode()


def test_search_finds_words_in_title_and_body_but_not_drafts(client):
    make_article("Hochwasser an der Elbe", body="Die Pegel steigen in Dresden.")
    make_article("Geheimer Entwurf", body="Pegel unbekannt.", status=Article.Status.DRAFT)
    make_article("Kulturnacht", body="Museen öffnen lange.")
    html = client.get("/search/", {"q": "Pegel"}).content.decode()
    assert "Hochwasser an der Elbe" in html
    assert "Geheimer Entwurf" not in html and "Kulturnacht" not in html
    assert "Hochwasser" in client.get("/search/", {"q": "hochwass"}).content.decode()


@pytest.mark.parametrize(
    "query", ['"', "NOT", "a OR", "*", "())", "'; DROP TABLE x; --", "ü" * 300]
)
def test_search_survives_hostile_queries(client, query):
    make_article("Irgendwas")
    assert client.get("/search/", {"q": query}).status_code == 200


def test_wordpress_search_links_redirect_to_search(client):
    response = client.get("/", {"s": "Elbe"})
    assert response.status_code == 301
    assert response["Location"] == "/search/?q=Elbe"


def test_static_pages_are_linked_from_the_footer(client):
    Page.objects.create(title="Impressum", slug="impressum", body="Verantwortlich: *Redaktion*.")
    html = client.get("/").content.decode()
    assert '<a href="/impressum/">Impressum</a>' in html
    page = client.get("/impressum/").content.decode()
    assert "Verantwortlich: <em>Redaktion</em>." in page


def test_promo_blocks_show_in_order_and_only_in_their_categories(client):
    culture = make_category("Kultur")
    sport = make_category("Sport")
    social = PromoBlock.objects.create(kind="social", title="Folgen Sie uns", position=1)
    PromoLink.objects.create(block=social, label="Mastodon", url="https://example.org/@blatt")
    PromoBlock.objects.create(kind="text", title="Nur Kultur", text="Kulturtipp", position=0)
    PromoBlock.objects.get(title="Nur Kultur").categories.add(culture)
    PromoBlock.objects.create(
        kind="banner", title="Shop", image=make_image(), url="https://example.org/shop", position=2
    )
    in_culture = client.get(make_article(categories=[culture]).get_absolute_url()).content.decode()
    assert (
        in_culture.index("Nur Kultur")
        < in_culture.index("Folgen Sie uns")
        < in_culture.index("Shop")
    )
    assert 'href="https://example.org/@blatt"' in in_culture
    in_sport = client.get(make_article(categories=[sport]).get_absolute_url()).content.decode()
    assert "Nur Kultur" not in in_sport and "Folgen Sie uns" in in_sport


def test_article_body_is_sanitised_by_the_allow_list(client):
    article = make_article(
        body="Text <script>alert(1)</script> [Link](javascript:alert(1)) "
        '<img src="x.png" onerror="alert(1)"> <a href="https://example.org" onclick="x()">ok</a>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('class="article__body prose">')[1].split("</div>")[0]
    assert "<script" not in body and "alert(1)</script>" not in body
    assert 'href="javascript:' not in body
    assert "onerror" not in body and "onclick" not in body
    assert '<img src="x.png">' in body
    assert '<a href="https://example.org" rel="noopener">ok</a>' in body


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(make_article().get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "default-src 'self'" in policy
