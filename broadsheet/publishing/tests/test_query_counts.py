"""Every reader page costs a fixed number of queries, whatever the size of the archive."""

import pytest

from broadsheet.core.testing import (
    make_article,
    make_author,
    make_category,
    make_image,
    make_tag,
    queries_for,
)
from broadsheet.publishing.models import Correction, PromoBlock, PromoLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    """Returns add(count): adds count fully dressed articles to one shared archive."""
    world = make_category("International", slug="international")
    europe = make_category("Europa", slug="europa", parent=world)
    tag = make_tag("Klima")
    authors = [make_author("Anna Berger"), make_author("Jonas Keller")]
    image = make_image()
    block = PromoBlock.objects.create(kind="social", title="Folgen")
    PromoLink.objects.create(block=block, label="Mastodon", url="https://example.org/m")

    def add(count: int):
        articles = [
            make_article(
                body="Ein Absatz.",
                authors=authors,
                categories=[europe, world],
                tags=[tag],
                lead_image=image,
            )  # fmt: skip
            for _ in range(count)
        ]
        for article in articles:
            Correction.objects.create(article=article, text="Korrigiert.")
        return articles

    return add


PAGES = [
    "/",
    "/category/international/",
    "/category/international/europa/",
    "/tag/klima/",
    "/author/anna-berger/",
    "/feed/",
    "/feed/atom/",
    "/feed/json/",
]
# The cold path: every cache empty, as for the first reader after a write or a restart.
# Exact numbers: a new query anywhere in the page (an N+1 in a teaser) fails here.
# Each includes the one read of the stored site versions (publishing.models.site).
COLD = {
    # The news front (publishing/frontpage.py): the lead, the latest, the section rows
    # and the most commented (one query each) where the plain listing counted its rows
    # and ids; the versions come with the newest thread's in the same first query, and
    # the articles bring their threads' comment counts in the same join as their images.
    "/": 12,
    "/category/international/": 11,
    "/category/international/europa/": 11,
    "/tag/klima/": 11,
    "/author/anna-berger/": 11,
    "/feed/": 9,
    "/feed/atom/": 9,
    "/feed/json/": 9,
}
ARTICLE_COLD = 15  # with "More on this topic" (publishing/related.py, one query)
SEARCH_COLD = 11  # with the snippets of the page's results (one query)


def assert_queries(statements: list[str], expected: int) -> None:
    assert len(statements) == expected, "\n".join(statements)


@pytest.mark.parametrize("url", PAGES)
def test_listing_pages_cost_an_exact_number_of_cold_queries_with_ten_times_the_articles(
    client, archive, url
):
    archive(3)
    assert_queries(queries_for(client, url), COLD[url])
    archive(27)
    assert_queries(queries_for(client, url), COLD[url])


@pytest.mark.parametrize("url", PAGES)
def test_listing_pages_cost_the_same_warm_queries_with_ten_times_the_articles(client, archive, url):
    archive(3)
    client.get(url)  # warm the caches, as on a running server
    small = queries_for(client, url, cold=False)
    archive(27)
    client.get(url)
    assert len(queries_for(client, url, cold=False)) == len(small) < COLD[url]


def test_article_page_costs_an_exact_number_of_cold_queries_with_ten_times_the_articles(
    client, archive
):
    article = archive(3)[0]
    assert_queries(queries_for(client, article.get_absolute_url()), ARTICLE_COLD)
    archive(27)
    assert_queries(queries_for(client, article.get_absolute_url()), ARTICLE_COLD)


def test_a_warm_article_page_costs_fewer_queries_than_a_cold_one(client, archive):
    url = archive(3)[0].get_absolute_url()
    client.get(url)
    warm = queries_for(client, url, cold=False)
    archive(27)
    client.get(url)
    assert len(queries_for(client, url, cold=False)) == len(warm) < ARTICLE_COLD


def test_search_costs_an_exact_number_of_cold_queries_with_ten_times_the_articles(client, archive):
    archive(3)
    assert_queries(queries_for(client, "/search/?q=Absatz"), SEARCH_COLD)
    archive(27)
    assert_queries(queries_for(client, "/search/?q=Absatz"), SEARCH_COLD)
