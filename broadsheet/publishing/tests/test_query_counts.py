"""Every reader page costs a fixed number of queries, whatever the size of the archive."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from broadsheet.core.testing import make_article, make_author, make_category, make_image, make_tag
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


def queries_for(client, url: str) -> int:
    client.get(url)  # warm the site-wide caches, as on a running server
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


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


@pytest.mark.parametrize("url", PAGES)
def test_listing_pages_cost_the_same_queries_with_ten_times_the_articles(client, archive, url):
    archive(3)
    small = queries_for(client, url)
    archive(27)
    assert queries_for(client, url) == small <= 10


def test_article_page_costs_a_fixed_handful_of_queries(client, archive):
    article = archive(3)[0]
    small = queries_for(client, article.get_absolute_url())
    archive(27)
    assert queries_for(client, article.get_absolute_url()) == small <= 10


def test_search_costs_a_fixed_number_of_queries(client, archive):
    archive(3)
    small = queries_for(client, "/search/?q=Absatz")
    archive(27)
    assert queries_for(client, "/search/?q=Absatz") == small <= 10
