"""The news front: lead story, sections by category, comment counts, most commented."""

import datetime

import lxml.html
import pytest
from django.utils import timezone

from broadsheet.core.testing import (
    make_article,
    make_author,
    make_category,
    make_comment,
    queries_for,
)
from broadsheet.discussion.models import Comment
from broadsheet.discussion.services import set_comment_status
from broadsheet.publishing.frontpage import MOST_COMMENTED_SIZE, SECTION_SIZE

pytestmark = pytest.mark.django_db

FRONT_COLD = 12  # see test_it_costs_an_exact_number_of_cold_queries_whatever_the_archive


def front(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def lead_title(client) -> str:
    (title,) = texts(front(client), "//section[@class='front__lead']//h2")
    return title


def count_in(teaser) -> int:
    (label,) = texts(teaser, ".//a[@class='front-teaser__comments']")
    return int(label.split()[0])


def _month(when) -> str:
    from django.utils.dates import MONTHS
    from django.utils.translation import override

    with override("de"):
        return str(MONTHS[when.month])


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def test_the_editors_pick_leads_before_sticky_and_latest_articles(client):
    make_article("Die Wahl der Redaktion", is_lead=True, published_at=ago(days=3))
    make_article("Oben angeheftet", sticky=True, published_at=ago(days=1))
    make_article("Das Neueste")
    assert lead_title(client) == "Die Wahl der Redaktion"


def test_without_a_pick_the_latest_sticky_article_leads(client):
    make_article("Alt und angeheftet", sticky=True, published_at=ago(days=5))
    make_article("Neu und angeheftet", sticky=True, published_at=ago(days=2))
    make_article("Das Neueste")
    assert lead_title(client) == "Neu und angeheftet"


def test_without_a_pick_or_sticky_article_the_latest_leads(client):
    make_article("Gestern", published_at=ago(days=1))
    make_article("Heute")
    make_article("Morgen", status="scheduled", published_at=ago(days=-1))  # not yet public
    make_article("Entwurf", status="draft", is_lead=True)
    assert lead_title(client) == "Heute"


def test_an_empty_front_page_says_so(client):
    assert texts(front(client), "//p[@class='empty']") == ["Hier gibt es noch keine Artikel."]


def test_sections_follow_the_editors_order_with_each_categorys_latest_articles(client):
    sport = make_category("Sport", position=2)
    politics = make_category("Politik", position=1)
    football = make_category("Fußball", slug="fussball", parent=sport)
    make_category("Leer", position=0)  # no articles: no section
    make_article("Aufmacher", is_lead=True, categories=[politics])
    for n in range(SECTION_SIZE + 1):
        make_article(f"Politik {n}", categories=[politics], published_at=ago(hours=10 - n))
    make_article("Sport alt", categories=[sport], published_at=ago(days=2))
    make_article("Pokal", categories=[football, sport], published_at=ago(hours=1))

    tree = front(client)
    assert texts(tree, "//section[@class='front__section']/h2") == ["Politik", "Sport"]
    politics_titles, sport_titles = (
        texts(section, ".//h3") for section in tree.xpath("//section[@class='front__section']")
    )
    # The newest SECTION_SIZE, the lead not repeated, an article filed twice shown once.
    assert politics_titles == ["Politik 3", "Politik 2", "Politik 1"]
    assert sport_titles == ["Pokal", "Sport alt"]


def test_teasers_show_the_stored_comment_count_and_the_time_of_day(client):
    section = make_category("Lokales")
    article = make_article("Viel Gesprächsstoff", categories=[section], published_at=ago(hours=3))
    make_article("Still", categories=[section], published_at=ago(hours=4))
    make_article("Aufmacher")
    for _ in range(3):
        make_comment(article)
    make_comment(article, status="pending")

    tree = front(client)
    (teaser,) = tree.xpath("//article[.//a[text()='Viel Gesprächsstoff']]")
    assert count_in(teaser) == 3  # the pending comment is not counted
    when = timezone.localtime(article.published_at)
    (shown,) = texts(teaser, ".//time")
    assert shown == f"{when.day}. {_month(when)} {when.year}, {when:%H:%M} Uhr"
    (quiet,) = tree.xpath("//article[.//a[text()='Still']]")
    assert count_in(quiet) == 0  # no Thread row yet


def test_most_commented_counts_only_approved_comments_of_the_last_48_hours(client):
    busy = make_article("Heiß diskutiert")
    old_news = make_article("Früher heiß", published_at=ago(days=10))
    held = make_article("Nur zurückgehalten")
    quiet = make_article("Ein Kommentar")
    for _ in range(3):
        make_comment(busy, created_at=ago(hours=47))
    for _ in range(9):
        make_comment(old_news, created_at=ago(hours=49))  # outside the window
    for status in ("pending", "pending", "spam", "trash"):
        make_comment(held, status=status)
    make_comment(quiet)

    tree = front(client)
    titles = texts(tree, "//ol[contains(@class, 'front__most-list')]/li/a")
    assert titles == ["Heiß diskutiert", "Ein Kommentar"]
    counts = texts(tree, "//ol[contains(@class, 'front__most-list')]/li/span")
    assert [int(label.split()[0]) for label in counts] == [3, 1]


def test_most_commented_lists_at_most_its_size(client):
    for n in range(MOST_COMMENTED_SIZE + 2):
        make_comment(make_article(f"Debatte {n}"))
    assert (
        len(front(client).xpath("//ol[contains(@class, 'front__most-list')]/li"))
        == MOST_COMMENTED_SIZE
    )


def test_the_latest_list_shows_articles_of_every_section_and_of_none(client):
    make_article("Ohne Ressort", published_at=ago(hours=2))
    make_article("Im Ressort", categories=[make_category("Sport")], published_at=ago(hours=3))
    make_article("Aufmacher")
    latest = texts(front(client), "//section[@class='front__latest']//a")
    assert latest == ["Ohne Ressort", "Im Ressort"]  # newest first, the lead not repeated


def test_a_front_page_without_recent_comments_has_no_most_commented_block(client):
    make_comment(make_article("Alt"), created_at=ago(days=3))
    assert not front(client).xpath("//section[@class='front__most']")


def test_an_approval_shows_on_the_next_front_page_and_changes_its_etag(client):
    article = make_article("Wartet auf Freigabe")
    make_comment(article)
    pending = make_comment(article, status="pending")
    before = client.get("/")
    (teaser,) = lxml.html.fromstring(before.content).xpath("//section[@class='front__lead']")
    assert count_in(teaser) == 1
    etag = before["ETag"]
    # A conditional request is answered from the versions while nothing changed …
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    set_comment_status(pending, Comment.Status.APPROVED)

    # … and the approval moves them: no 304, the new count, from the warm caches too.
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    after = client.get("/")
    assert after["ETag"] != etag
    (teaser,) = lxml.html.fromstring(after.content).xpath("//section[@class='front__lead']")
    assert count_in(teaser) == 2
    assert f"thread-{article.pk}" in after["Surrogate-Key"].split()
    assert after["Cache-Control"].startswith("public")


def test_a_new_article_shows_on_the_next_front_page(client):
    make_article("Erste Meldung")
    client.get("/")
    make_article("Eilmeldung")
    assert lead_title(client) == "Eilmeldung"


def test_later_pages_and_wordpress_search_links_keep_the_plain_listing(client):
    for _ in range(13):
        make_article()
    assert client.get("/page/2/").status_code == 200
    assert client.get("/page/9/").status_code == 404
    assert client.get("/?page=abc").status_code == 404
    assert client.get("/?s=Zug")["Location"] == "/search/?q=Zug"


def test_it_costs_an_exact_number_of_cold_queries_whatever_the_archive(client):
    """Versions with the newest thread version (1), lead, latest, sections, most commented (4),
    articles with images and threads, categories, bylines, authors (4), chrome (3)."""
    sections = [make_category(f"Ressort {n}", position=n) for n in range(3)]
    byline = [make_author("Anna Berger")]

    def add(count):
        for n in range(count):
            article = make_article(categories=[sections[n % 3]], sticky=n == 0, authors=byline)
            make_comment(article)

    add(4)
    small = queries_for(client, "/")
    add(36)
    assert len(queries_for(client, "/")) == len(small) == FRONT_COLD, "\n".join(small)
    client.get("/")
    assert len(queries_for(client, "/", cold=False)) == 1  # the versions; the rest is cached
