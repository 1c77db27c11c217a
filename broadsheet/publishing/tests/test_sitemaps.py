"""Sitemaps, the Google News sitemap and robots.txt: what crawlers are told."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from broadsheet.core.testing import (
    make_article,
    make_author,
    make_category,
    make_tag,
    queries_for,
)
from broadsheet.publishing import sitemaps
from broadsheet.publishing.models import Article, Page, Publication

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SECTIONS = ["front", "articles", "categories", "tags", "authors", "pages"]
# Every cache empty (queries_for), exact: the same for three articles as for thirty.
# Each includes the one read of the stored site versions (publishing.models.site).
SECTION_COLD_QUERIES = {
    "front": 5, "articles": 6, "categories": 7, "tags": 6, "authors": 6, "pages": 6,
}  # fmt: skip
INDEX_COLD_QUERIES = 13
NEWS_COLD_QUERIES = 6

pytestmark = pytest.mark.django_db


def absolute(obj) -> str:
    return f"http://testserver{obj.get_absolute_url()}"


def draft(**fields):
    return make_article("Entwurf", status=Article.Status.DRAFT, **fields)


def scheduled(**fields):
    return make_article(
        "Erscheint morgen",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(days=1),
        **fields,
    )


def section_url(section: str, page: int | None = None) -> str:
    url = reverse("sitemap-section", kwargs={"section": section})
    return f"{url}?p={page}" if page else url


def fetch_urlset(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urlset = etree.fromstring(response.content)
    assert urlset.tag == f"{SITEMAP}urlset"
    return urlset


def locations(client, url) -> list[str]:
    return [loc.text for loc in fetch_urlset(client, url).iter(f"{SITEMAP}loc")]


# --- sitemap.xml -------------------------------------------------------------------------


def test_the_sitemap_index_lists_every_section_with_absolute_urls(client):
    response = client.get(reverse("sitemap"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    index = etree.fromstring(response.content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    listed = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert listed == [f"http://testserver/sitemap-{section}.xml" for section in SECTIONS]


def test_every_section_sitemap_parses(client):
    make_article(categories=[make_category()], tags=[make_tag()], authors=[make_author()])
    Page.objects.create(title="Impressum", slug="impressum", body="Wer wir sind.")

    for section in SECTIONS:
        assert locations(client, section_url(section))


def test_the_front_page_is_in_the_sitemap(client):
    assert locations(client, section_url("front")) == ["http://testserver/"]


def test_the_article_sitemap_lists_published_articles_with_their_last_change(client):
    older = make_article(published_at=timezone.now() - datetime.timedelta(days=3))
    newer = make_article()

    urlset = fetch_urlset(client, section_url("articles"))

    entries = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in urlset}
    assert entries == {
        absolute(newer): timezone.localdate(newer.updated_at).isoformat(),
        absolute(older): timezone.localdate(older.updated_at).isoformat(),
    }


def test_the_article_sitemap_leaves_out_drafts_and_scheduled_articles(client):
    published = make_article()
    hidden = [
        draft(),
        scheduled(),
        make_article(published_at=timezone.now() + datetime.timedelta(hours=2)),
    ]

    listed = locations(client, section_url("articles"))

    assert listed == [absolute(published)]
    for article in hidden:
        assert article.slug not in " ".join(listed)


def test_a_scheduled_article_enters_the_sitemap_when_its_time_comes(client):
    article = scheduled()

    with time_machine.travel(article.published_at + datetime.timedelta(minutes=5)):
        assert locations(client, section_url("articles")) == [absolute(article)]


def test_the_category_sitemap_lists_sections_with_published_articles_and_their_parents(client):
    politics = make_category("Politik")
    abroad = make_category("Ausland", parent=politics)
    make_category("Leer")
    embargoed = make_category("Geheimes Ressort")
    make_article(categories=[abroad])
    scheduled(categories=[embargoed])

    assert locations(client, section_url("categories")) == [absolute(politics), absolute(abroad)]


def test_the_tag_sitemap_lists_only_tags_of_published_articles(client):
    floods, embargoed = make_tag("Hochwasser"), make_tag("Rücktritt")
    make_article(tags=[floods])
    make_article(tags=[floods])
    scheduled(tags=[embargoed])
    draft(tags=[embargoed])

    assert locations(client, section_url("tags")) == [absolute(floods)]


def test_the_author_sitemap_lists_only_authors_with_published_articles(client):
    anna, newcomer = make_author("Anna Berg"), make_author("Neu Ling")
    make_article(authors=[anna])
    draft(authors=[newcomer])

    assert locations(client, section_url("authors")) == [absolute(anna)]


def test_the_page_sitemap_lists_static_pages_with_their_last_change(client):
    imprint = Page.objects.create(title="Impressum", slug="impressum", body="Wer wir sind.")

    urlset = fetch_urlset(client, section_url("pages"))

    (url,) = urlset
    assert url.findtext(f"{SITEMAP}loc") == absolute(imprint)
    assert url.findtext(f"{SITEMAP}lastmod") == timezone.localdate(imprint.updated_at).isoformat()


def test_an_unknown_sitemap_section_is_not_found(client):
    assert client.get(section_url("geheim")).status_code == 404


def test_a_long_section_is_paged_and_the_index_links_every_page(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    articles = [
        make_article(published_at=timezone.now() - datetime.timedelta(hours=n)) for n in range(3)
    ]

    index = etree.fromstring(client.get(reverse("sitemap")).content)
    listed = [loc.text for loc in index.iter(f"{SITEMAP}loc")]

    assert "http://testserver/sitemap-articles.xml?p=2" in listed
    assert locations(client, section_url("articles")) == [absolute(a) for a in articles[:2]]
    assert locations(client, section_url("articles", page=2)) == [absolute(articles[2])]
    assert client.get(section_url("articles", page=3)).status_code == 404


@pytest.mark.parametrize("section", SECTIONS)
def test_a_sitemap_section_needs_an_exact_number_of_cold_queries_for_three_or_thirty_articles(
    client, section
):
    def publish(count):
        for n in range(count):
            make_article(categories=[make_category()], tags=[make_tag()], authors=[make_author()])
            Page.objects.create(title=f"Seite {n}", slug=f"seite-{count}-{n}", body="Text.")

    publish(3)
    assert len(queries_for(client, section_url(section))) == SECTION_COLD_QUERIES[section]
    publish(27)
    assert len(queries_for(client, section_url(section))) == SECTION_COLD_QUERIES[section]


def test_the_sitemap_index_needs_an_exact_number_of_cold_queries_for_three_or_thirty_articles(
    client,
):
    for _ in range(3):
        make_article(categories=[make_category()], tags=[make_tag()], authors=[make_author()])
    assert len(queries_for(client, reverse("sitemap"))) == INDEX_COLD_QUERIES
    for _ in range(27):
        make_article(categories=[make_category()], tags=[make_tag()], authors=[make_author()])
    assert len(queries_for(client, reverse("sitemap"))) == INDEX_COLD_QUERIES


# --- Google News sitemap -----------------------------------------------------------------


def news_entries(client):
    response = client.get(reverse("news-sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    urlset = etree.fromstring(response.content)
    assert urlset.tag == f"{SITEMAP}urlset"
    return urlset.findall(f"{SITEMAP}url")


def test_the_news_sitemap_describes_each_recent_article_for_google_news(client):
    Publication.objects.create(name="Die Rundschau")
    article = make_article("Brücke gesperrt & Umleitung <eingerichtet>")

    (url,) = news_entries(client)

    assert url.findtext(f"{SITEMAP}loc") == absolute(article)
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Die Rundschau"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "de"
    assert news.findtext(f"{NEWS}title") == "Brücke gesperrt & Umleitung <eingerichtet>"
    published = datetime.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == article.published_at.replace(microsecond=0)


def test_the_news_sitemap_names_the_site_language(client, english):
    make_article()

    (url,) = news_entries(client)

    assert url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "en"


def test_the_news_sitemap_holds_only_articles_of_the_last_two_days(client):
    now = timezone.now()
    recent = make_article(published_at=now - datetime.timedelta(hours=47))
    make_article(published_at=now - datetime.timedelta(hours=49))
    draft()
    scheduled()

    listed = [url.findtext(f"{SITEMAP}loc") for url in news_entries(client)]

    assert listed == [absolute(recent)]


def test_the_news_sitemap_is_empty_but_valid_on_a_quiet_day(client):
    make_article(published_at=timezone.now() - datetime.timedelta(days=5))

    assert news_entries(client) == []


def test_the_news_sitemap_needs_an_exact_number_of_cold_queries_for_three_or_thirty_articles(
    client,
):
    for _ in range(3):
        make_article(authors=[make_author()])
    assert len(queries_for(client, reverse("news-sitemap"))) == NEWS_COLD_QUERIES
    for _ in range(27):
        make_article(authors=[make_author()])
    assert len(queries_for(client, reverse("news-sitemap"))) == NEWS_COLD_QUERIES
    assert len(news_entries(client)) == 30


# --- robots.txt --------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_admin_previews_and_search(client):
    response = client.get(reverse("robots"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/preview/", "/search/"):
        assert f"Disallow: {path}" in lines


def test_robots_txt_lists_both_sitemaps_with_absolute_urls(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
