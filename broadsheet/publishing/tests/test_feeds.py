"""RSS 2.0, Atom and JSON Feed: what readers subscribe to, and what they must never see."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from broadsheet.core.testing import (
    make_article,
    make_author,
    make_category,
    make_image,
    make_tag,
    queries_for,
)
from broadsheet.publishing.models import Article, Publication

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"

pytestmark = pytest.mark.django_db


def draft(**fields):
    return make_article("Entwurf unter Verschluss", status=Article.Status.DRAFT, **fields)


def scheduled(**fields):
    return make_article(
        "Morgen um acht",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(days=1),
        **fields,
    )


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return etree.fromstring(response.content).findall("channel/item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return etree.fromstring(response.content).findall(f"{ATOM}entry")


def json_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return json.loads(response.content)["items"]


def titles_in(client, url) -> set[str]:
    """The article titles a feed lists, whatever its format."""
    if url.endswith("/json/"):
        return {item["title"] for item in json_items(client, url)}
    if url.endswith("/atom/"):
        return {entry.findtext(f"{ATOM}title") for entry in atom_entries(client, url)}
    return {item.findtext("title") for item in rss_items(client, url)}


@pytest.fixture
def publication():
    return Publication.objects.create(
        name="Die Rundschau", description="Nachrichten aus der Region."
    )


# --- RSS 2.0 -----------------------------------------------------------------------------


def test_rss_feed_has_the_channel_elements_the_spec_requires(client, publication):
    response = client.get(reverse("feed-rss"))

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    rss = etree.fromstring(response.content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Die Rundschau"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.findtext("description") == "Nachrichten aus der Region."
    assert channel.findtext("language") == "de"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://testserver/feed/"


def test_rss_items_carry_title_link_guid_and_pubdate(client):
    author = make_author("Anna Berg")
    article = make_article(
        "Stadtrat beschließt Haushalt", authors=[author], dek="Ein Teaser & mehr."
    )

    (item,) = rss_items(client, reverse("feed-rss"))

    assert item.findtext("title") == "Stadtrat beschließt Haushalt"
    assert item.findtext("link") == f"http://testserver{article.get_absolute_url()}"
    guid = item.find("guid")
    assert guid.text.startswith("tag:testserver,") and guid.text.endswith(f":article-{article.pk}")
    assert guid.get("isPermaLink") == "false"
    assert item.findtext("pubDate")
    assert item.findtext(f"{DC}creator") == "Anna Berg"
    assert item.findtext("description") == "Ein Teaser &amp; mehr."
    assert "<em>Betonung</em>" in item.findtext(f"{CONTENT}encoded")


def test_rss_feed_lists_only_published_articles(client):
    make_article("Schon erschienen")
    draft()
    scheduled()
    make_article(
        "Zukunft trotz Status veröffentlicht",
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )

    assert titles_in(client, reverse("feed-rss")) == {"Schon erschienen"}


def test_a_scheduled_article_joins_the_feeds_when_its_time_comes(client):
    article = scheduled()

    with time_machine.travel(article.published_at + datetime.timedelta(minutes=1)):
        for name in ("feed-rss", "feed-atom", "feed-json"):
            assert titles_in(client, reverse(name)) == {"Morgen um acht"}


def test_rss_enclosure_points_at_the_lead_image_with_an_absolute_url(client):
    image = make_image()
    make_article(lead_image=image)

    (item,) = rss_items(client, reverse("feed-rss"))

    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"http://testserver{image.file.url}"
    assert enclosure.get("type") == "image/png"
    assert int(enclosure.get("length")) == image.file.size


# --- Atom --------------------------------------------------------------------------------


def test_atom_feed_has_the_elements_rfc_4287_requires(client, publication):
    article = make_article("Neue Brücke eröffnet", authors=[make_author("Bea Kurz")])

    response = client.get(reverse("feed-atom"))

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "http://testserver/"
    assert feed.findtext(f"{ATOM}title") == "Die Rundschau"
    assert feed.findtext(f"{ATOM}updated")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id").startswith("tag:testserver,")
    assert entry.findtext(f"{ATOM}title") == "Neue Brücke eröffnet"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}published")
    link = entry.find(f"{ATOM}link[@rel='alternate']")
    assert link.get("href") == f"http://testserver{article.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Bea Kurz"
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<em>Betonung</em>" in content.text


def test_atom_feed_lists_only_published_articles(client):
    make_article("Schon erschienen")
    draft()
    scheduled()

    assert titles_in(client, reverse("feed-atom")) == {"Schon erschienen"}


def test_an_article_keeps_its_id_when_its_publication_date_moves(client):
    article = make_article()
    (before,) = atom_entries(client, reverse("feed-atom"))

    article.published_at -= datetime.timedelta(days=3)
    article.save()
    (after,) = atom_entries(client, reverse("feed-atom"))

    def link(entry):
        return entry.find(f"{ATOM}link[@rel='alternate']").get("href")

    assert link(after) != link(before)
    assert after.findtext(f"{ATOM}id") == before.findtext(f"{ATOM}id")


def test_an_article_has_the_same_id_in_rss_atom_and_json(client):
    make_article()

    (rss,) = rss_items(client, reverse("feed-rss"))
    (atom,) = atom_entries(client, reverse("feed-atom"))
    (item,) = json_items(client, reverse("feed-json"))

    assert rss.findtext("guid") == atom.findtext(f"{ATOM}id") == item["id"]


def test_an_article_edited_before_its_scheduled_time_is_not_updated_before_it_appeared(client):
    article = scheduled()

    with time_machine.travel(article.published_at + datetime.timedelta(hours=1)):
        (entry,) = atom_entries(client, reverse("feed-atom"))

    assert entry.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}published")


# --- JSON Feed ---------------------------------------------------------------------------


def test_json_feed_follows_version_1_1(client, publication):
    author = make_author("Carla Dorn")
    article = make_article(
        "Wahlbeteiligung steigt", authors=[author], lead_image=make_image(), dek="Kurz gesagt."
    )

    response = client.get(reverse("feed-json"))

    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    document = json.loads(response.content)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == "Die Rundschau"
    assert document["home_page_url"] == "http://testserver/"
    assert document["feed_url"] == "http://testserver/feed/json/"
    assert document["language"] == "de"
    (item,) = document["items"]
    assert item["id"].startswith("tag:testserver,")
    assert item["url"] == f"http://testserver{article.get_absolute_url()}"
    assert item["title"] == "Wahlbeteiligung steigt"
    assert "<em>Betonung</em>" in item["content_html"]
    assert item["summary"] == "Kurz gesagt."
    assert datetime.datetime.fromisoformat(item["date_published"]) == article.published_at
    assert item["authors"] == [
        {"name": "Carla Dorn", "url": f"http://testserver{author.get_absolute_url()}"}
    ]
    assert item["image"].startswith("http://testserver/media/")


def test_json_feed_lists_only_published_articles(client):
    make_article("Schon erschienen")
    draft()
    scheduled()

    assert titles_in(client, reverse("feed-json")) == {"Schon erschienen"}


def test_json_feed_refuses_to_be_posted_to(client):
    assert client.post(reverse("feed-json")).status_code == 405


# --- Category, tag and author feeds --------------------------------------------------------

FORMATS = ["rss", "atom", "json"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_section_feed_includes_the_articles_of_its_subsections(client, fmt):
    politics = make_category("Politik")
    abroad = make_category("Ausland", parent=politics)
    sport = make_category("Sport")
    make_article("Gipfel in Genf", categories=[abroad])
    make_article("Landtag tagt", categories=[politics])
    make_article("Derby gewonnen", categories=[sport])
    draft(categories=[politics])
    scheduled(categories=[abroad])

    parent_feed = reverse(f"category-feed-{fmt}", kwargs={"path": politics.path})
    child_feed = reverse(f"category-feed-{fmt}", kwargs={"path": abroad.path})

    assert titles_in(client, parent_feed) == {"Gipfel in Genf", "Landtag tagt"}
    assert titles_in(client, child_feed) == {"Gipfel in Genf"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_tag_feed_lists_the_published_articles_with_that_tag(client, fmt):
    floods, other = make_tag("Hochwasser"), make_tag("Wahlen")
    make_article("Pegel sinkt", tags=[floods])
    make_article("Wahlkampf beginnt", tags=[other])
    draft(tags=[floods])
    scheduled(tags=[floods])

    url = reverse(f"tag-feed-{fmt}", kwargs={"slug": floods.slug})

    assert titles_in(client, url) == {"Pegel sinkt"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_author_feed_lists_the_published_articles_of_that_author(client, fmt):
    anna, bert = make_author("Anna Berg"), make_author("Bert Cramer")
    make_article("Annas Reportage", authors=[anna])
    make_article("Gemeinsamer Kommentar", authors=[bert, anna])
    make_article("Berts Glosse", authors=[bert])
    draft(authors=[anna])
    scheduled(authors=[anna])

    url = reverse(f"author-feed-{fmt}", kwargs={"slug": anna.slug})

    assert titles_in(client, url) == {"Annas Reportage", "Gemeinsamer Kommentar"}


def test_a_category_feed_is_titled_after_its_section(client, publication):
    sport = make_category("Sport")

    rss = etree.fromstring(client.get(reverse("category-feed-rss", args=[sport.path])).content)
    document = json.loads(client.get(reverse("category-feed-json", args=[sport.path])).content)

    assert "Sport" in rss.findtext("channel/title")
    assert rss.findtext("channel/link") == "http://testserver/category/sport/"
    assert rss.find(f"channel/{ATOM}link").get("href") == "http://testserver/category/sport/feed/"
    assert "Sport" in document["title"]
    assert document["feed_url"] == "http://testserver/category/sport/feed/json/"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("kind", "kwargs"),
    [
        ("category", {"path": "gibt-es-nicht"}),
        ("category", {"path": "politik/gibt-es-nicht"}),
        ("tag", {"slug": "gibt-es-nicht"}),
        ("author", {"slug": "gibt-es-nicht"}),
    ],
)
def test_a_feed_for_an_unknown_slug_is_not_found(client, kind, kwargs, fmt):
    make_category("Politik")

    response = client.get(reverse(f"{kind}-feed-{fmt}", kwargs=kwargs))

    assert response.status_code == 404


# --- Query counts ------------------------------------------------------------------------


# Every cache empty (queries_for), exact: the same for three articles as for thirty.
# A category, tag or author feed costs one more: looking up its subject.
FEED_COLD_QUERIES = 9  # with the one read of the stored site versions


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("feed-rss", None),
        ("feed-atom", None),
        ("feed-json", None),
        ("category-feed-rss", "category"),
        ("category-feed-atom", "category"),
        ("category-feed-json", "category"),
        ("tag-feed-rss", "tag"),
        ("tag-feed-json", "tag"),
        ("author-feed-atom", "author"),
        ("author-feed-json", "author"),
    ],
)
def test_a_feed_needs_an_exact_number_of_cold_queries_for_three_or_thirty_articles(
    client, name, kind
):
    section = make_category("Politik")
    tag = make_tag("Hochwasser")
    author = make_author("Anna Berg")
    subject = {"category": section, "tag": tag, "author": author}.get(kind)
    kwargs = {}
    if kind == "category":
        kwargs = {"path": section.path}
    elif kind:
        kwargs = {"slug": subject.slug}
    url = reverse(name, kwargs=kwargs)

    def publish(count):
        for _ in range(count):
            make_article(
                authors=[author, make_author()],
                categories=[make_category(parent=section)],
                tags=[tag, make_tag()],
                lead_image=make_image(),
            )

    publish(3)
    expected = FEED_COLD_QUERIES + (1 if kind else 0)
    assert len(queries_for(client, url)) == expected
    publish(27)
    assert len(queries_for(client, url)) == expected
    assert len(titles_in(client, url)) == 30


def test_a_cached_feed_shows_a_new_article_at_once(client, django_assert_num_queries):
    make_article("Erste Meldung")
    first = client.get(reverse("feed-rss")).content.decode()
    # The same feed again comes from the cache: one query asks whether it is current.
    with django_assert_num_queries(1):
        assert client.get(reverse("feed-rss")).content.decode() == first
    make_article("Eilmeldung")
    assert "Eilmeldung" in client.get(reverse("feed-rss")).content.decode()
