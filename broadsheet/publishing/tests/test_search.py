"""Search with word forms, names and tags, on SQLite and (make test-postgres) PostgreSQL."""

import datetime
import io
import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from broadsheet.core.testing import make_article, make_author, make_category, make_tag
from broadsheet.importers.service import import_wxr
from broadsheet.importers.tests import wxr
from broadsheet.publishing.models import Article, ArticleAuthor
from broadsheet.publishing.search import search_articles

pytestmark = pytest.mark.django_db


def titles(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'class="teaser__title"><a href="[^"]+">([^<]+)</a>', html)


def cold() -> None:
    for alias in ("default", "fragments"):
        caches[alias].clear()


def index_rows() -> int:
    table = "publishing_article_search"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        return cursor.fetchone()[0]


def test_baeckereien_finds_the_article_that_says_baeckerei(client):
    make_article("Brot vom Markt", body="Die Bäckerei am Markt öffnet um sechs.")
    make_article("Kulturnacht", body="Museen öffnen lange.")
    assert titles(client, "Bäckereien") == ["Brot vom Markt"]
    assert titles(client, "bäckerei") == ["Brot vom Markt"]


def test_zuege_finds_the_article_about_a_zug(client):
    make_article("Pendeln im Havelland", body="Der Zug nach Berlin fällt wieder aus.")
    make_article("Wetter", body="Sonne und Wolken.")
    assert titles(client, "Züge") == ["Pendeln im Havelland"]


def test_every_word_must_match(client):
    make_article("Zug nach Berlin", body="Pünktlich.")
    make_article("Zug nach Wien", body="Verspätet.")
    assert titles(client, "Züge Wien") == ["Zug nach Wien"]


def test_the_last_word_also_matches_as_a_prefix_but_whole_words_rank_first(client):
    make_article("Klimaschutz im Rathaus", body="Ein Plan.")
    make_article("Das Klima ändert sich", body="Ein Bericht.")
    assert titles(client, "Klima") == ["Das Klima ändert sich", "Klimaschutz im Rathaus"]
    assert titles(client, "kl") == []  # two letters are no prefix


def test_an_authors_name_finds_their_article(client):
    berger = make_author("Anna Berger")
    make_article("Neue Brücke", body="Sie ist fertig.", authors=[berger])
    make_article("Alte Brücke", body="Sie wird abgerissen.")
    assert titles(client, "Berger") == ["Neue Brücke"]
    assert titles(client, "Anna Berger") == ["Neue Brücke"]


def test_a_tag_or_a_section_finds_its_articles(client):
    verkehr = make_tag("Verkehrswende")
    make_article("Radwege", body="Mehr Platz.", tags=[verkehr])
    make_article("Busse", body="Neue Linien.", categories=[make_category("Nahverkehr")])
    make_article("Theater", body="Premiere.")
    assert titles(client, "Verkehrswende") == ["Radwege"]
    assert titles(client, "Nahverkehr") == ["Busse"]


def test_headline_ranks_above_kicker_and_excerpt_which_rank_above_the_body(client):
    now = timezone.now()
    # The body match is the newest, so only the ranking can put it last.
    make_article("Markt", body="Die Hafenfähre fährt.", published_at=now)
    make_article("Stadt", dek="Die Hafenfähre kommt.", published_at=now - datetime.timedelta(1))
    make_article("Hafenfähre fährt wieder", published_at=now - datetime.timedelta(2))
    assert titles(client, "Hafenfähre") == ["Hafenfähre fährt wieder", "Stadt", "Markt"]


def test_an_english_article_on_a_german_site_is_stemmed_in_english(client):
    make_article("Interview", body="The trains were running late.", language="en")
    assert titles(client, "train") == ["Interview"]
    assert titles(client, "running") == ["Interview"]


def test_an_english_site_stems_its_articles_in_english(client, english):
    make_article("Budget approved", body="The council approved the budgets.")
    html = client.get("/search/", {"q": "budget approving"}).content.decode()
    assert "Budget approved" in html
    assert "1 article found for “budget approving”." in html


def test_drafts_and_future_articles_are_not_found(client):
    make_article("Geheimer Entwurf", body="Pegel.", status=Article.Status.DRAFT)
    make_article(
        "Später",
        body="Pegel.",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert titles(client, "Pegel") == []


def test_results_show_a_snippet_with_the_words_marked_and_everything_else_escaped(client):
    make_article(
        "Brot", body="Vorher. Die `<b>`-Bäckerei & Söhne backen. " + "Wort " * 40 + "Ende."
    )
    html = client.get("/search/", {"q": "Bäckereien"}).content.decode()
    snippet = re.search(r'<p class="search__snippet">(.*?)</p>', html, re.S).group(1)
    assert "&lt;b&gt;-<mark>Bäckerei</mark> &amp; Söhne backen." in snippet
    assert snippet.endswith(" …") and "<b>" not in snippet
    assert snippet.count("<mark>") == 1


def test_counts_are_proper_plurals(client, english):
    make_article("Hochwasser an der Elbe", body="Die Pegel steigen.")
    assert "1 article found for “Pegel”." in client.get("/search/?q=Pegel").content.decode()
    make_article("Hochwasser in Dresden", body="Die Pegel fallen.")
    assert "2 articles found for “Pegel”." in client.get("/search/?q=Pegel").content.decode()


def test_the_german_page_counts_and_suggests_in_german(client):
    make_article("Hochwasser an der Elbe", body="Die Pegel steigen.")
    assert "1 Artikel zu „Pegel“ gefunden." in client.get("/search/?q=Pegel").content.decode()
    html = client.get("/search/", {"q": "Xylophonorchester"}).content.decode()
    assert "Keine Artikel zu „Xylophonorchester“ gefunden." in html
    assert "Prüfen Sie die Schreibweise der Suchbegriffe." in html


def test_an_empty_result_gives_suggestions_and_the_latest_articles(client, english):
    for n in range(7):
        make_article(f"Meldung {n}", body="Text.")
    html = client.get("/search/", {"q": "Xylophonorchester"}).content.decode()
    assert "No articles found for “Xylophonorchester”." in html
    assert "Check the spelling of your search terms." in html
    assert "Try fewer words, or more general ones." in html
    latest = re.findall(r'<li><a href="[^"]+">(Meldung \d)</a>', html)
    assert latest == [f"Meldung {n}" for n in (6, 5, 4, 3, 2)]
    assert re.search(r"\d+ articles? found", html) is None


def test_the_query_is_escaped_on_the_page(client, english):
    html = client.get("/search/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html
    assert "No articles found for “&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;”." in html


HOSTILE = [
    '"',
    '"Bäckerei',
    'Bäckerei"',
    '""',
    "NEAR",
    "NEAR(Bäckerei Markt)",
    "Bäckerei NEAR/2 Markt",
    "Bäckerei AND",
    "AND OR NOT",
    "Bäckerei OR",
    "NOT Bäckerei",
    "*",
    "Bäck*",
    "^Bäckerei",
    "title:Bäckerei",
    "{title body}: Bäckerei",
    "-Bäckerei",
    "Bäckerei:*",
    "Bäckerei & | ! <-> ( )",
    "'; DROP TABLE publishing_article; --",
    "_",
    "x" * 2000,
    "Bäckerei " * 220,  # 2,000 characters (the page reads the first 200)
    "ü" * 600,  # as much as a URL may carry (core.middleware: 4,096 bytes)
    "NEAR " * 400,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_gives_results_or_the_empty_page_never_an_error(client, query):
    make_article("Brot vom Markt", body="Die Bäckerei am Markt.")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Brot vom Markt" in html or "No articles found for" in html
    if "Bäckerei" in query:
        assert "Brot vom Markt" in html, query


@pytest.mark.parametrize("query", ["ü" * 5000, "Bäckerei " * 2000, '"NEAR(' * 500])
def test_the_search_function_itself_takes_any_length(query):
    make_article("Brot vom Markt", body="Die Bäckerei am Markt.")
    found = search_articles(query)
    assert len(found) == (1 if "Bäckerei" in query else 0)


def test_a_page_past_the_results_is_not_found(client):
    make_article("Brot", body="Bäckerei.")
    assert client.get("/search/", {"q": "Bäckerei", "page": "2"}).status_code == 404
    assert client.get("/search/", {"q": "Bäckerei", "page": "x"}).status_code == 404


def test_search_results_cost_an_exact_number_of_cold_queries(client, django_assert_num_queries):
    author = make_author("Anna Berger")
    for n in range(3):
        make_article(f"Bäckerei {n}", authors=[author], tags=[make_tag()])
    # site versions, publication, footer pages, sections (the page's chrome: 4), the
    # ranked ids, the public ones, the snippets, then the teasers: articles, sections,
    # bylines, authors.
    cold()
    with django_assert_num_queries(11):
        assert client.get("/search/?q=Bäckereien").status_code == 200
    for n in range(27):
        make_article(f"Bäckerei {n}", authors=[author], tags=[make_tag()])
    cold()
    with django_assert_num_queries(11):
        assert client.get("/search/?q=Bäckereien&page=2").status_code == 200


def test_an_empty_result_costs_an_exact_number_of_cold_queries(client, django_assert_num_queries):
    make_article("Brot")
    # the chrome (4), the ranked ids (none, so no second look), the latest articles
    cold()
    with django_assert_num_queries(6):
        client.get("/search/?q=Xylophon")
    cold()
    with django_assert_num_queries(5):  # no words at all: no search, but the latest
        client.get("/search/?q=%2A%22")


# --- The index follows every write --------------------------------------------------


def test_the_index_follows_edits_renames_bylines_and_deletions(client):
    berger = make_author("Anna Berger")
    tag = make_tag("Wochenmarkt")
    article = make_article("Brot vom Markt", body="Die Bäckerei.", tags=[tag], authors=[berger])

    article.title = "Gemüse vom Markt"
    article.save()
    assert titles(client, "Brot") == [] and titles(client, "Gemüse") == ["Gemüse vom Markt"]

    tag.name = "Bauernmarkt"
    tag.save()
    assert titles(client, "Wochenmarkt") == [] and titles(client, "Bauernmarkt") != []

    berger.name = "Anna Schmidt"
    berger.save()
    assert titles(client, "Berger") == [] and titles(client, "Schmidt") != []

    ArticleAuthor.objects.filter(article=article).delete()
    assert titles(client, "Schmidt") == []
    article.tags.clear()
    assert titles(client, "Bauernmarkt") == []
    tag.articles.add(article)  # from the tag's side
    assert titles(client, "Bauernmarkt") == ["Gemüse vom Markt"]

    rows = index_rows()
    article.delete()
    assert index_rows() == rows - 1


def test_the_admin_write_path_keeps_the_index_true(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/publishing/article/add/",
        {
            "title": "Aus der Redaktion",
            "slug": "aus-der-redaktion",
            "body": "Die Bäckerei schließt.",
            "status": "published",
            "published_at_0": "01.05.2021",
            "published_at_1": "10:00:00",
            "tags": [make_tag("Innenstadt").pk],
            "comments_enabled": "on",
            "rating_enabled": "on",
            "article_authors-TOTAL_FORMS": "1",
            "article_authors-INITIAL_FORMS": "0",
            "article_authors-0-author": make_author("Jonas Weber").pk,
            "article_authors-0-position": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    for query in ("Bäckereien", "Weber", "Innenstadt"):
        assert titles(client, query) == ["Aus der Redaktion"], query


def test_the_importer_keeps_the_index_true(client, tmp_path):
    def run(title: str):
        item = wxr.post(
            7, title=title, content="<p>Die Bäckerei am Markt.</p>", tags=("wochenmarkt",)
        )
        import_wxr(wxr.write(tmp_path, wxr.document(item)))

    run("Brot vom Markt")
    for query in ("Bäckereien", "Berger", "Wochenmarkt", "Brot"):
        assert titles(client, query) == ["Brot vom Markt"], query
    run("Gemüse vom Markt")  # the second run of the same export updates the article
    assert titles(client, "Brot") == []
    assert titles(client, "Gemüse") == ["Gemüse vom Markt"]


def test_reindex_search_rebuilds_a_lost_index(client):
    make_article("Brot vom Markt", body="Die Bäckerei.", tags=[make_tag("Wochenmarkt")])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM publishing_article_search")
    assert search_articles("Bäckerei") == []
    out = io.StringIO()
    call_command("reindex_search", stdout=out)
    assert "Indexed 1 articles." in out.getvalue()
    assert titles(client, "Wochenmarkt") == ["Brot vom Markt"]
