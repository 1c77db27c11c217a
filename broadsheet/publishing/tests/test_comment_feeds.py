"""Comment feeds (RSS 2.0, Atom with RFC 4685 threading): per article and for the site."""

import xml.etree.ElementTree as ET

import pytest

from broadsheet.core.testing import make_article, make_comment, queries_for
from broadsheet.discussion import services
from broadsheet.discussion.models import Comment

ATOM = "{http://www.w3.org/2005/Atom}"
THR = "{http://purl.org/syndication/thread/1.0}"

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Streit um die Stadtbahn", slug="stadtbahn")


def fetch(client, url) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)  # noqa: S314 (our own feed, not untrusted input)


def rss_items(client, url) -> list[ET.Element]:
    return fetch(client, url).findall("channel/item")


def atom_entries(client, url) -> list[ET.Element]:
    return fetch(client, url).findall(f"{ATOM}entry")


def rss_url(article) -> str:
    return f"{article.get_absolute_url()}feed/"


def atom_url(article) -> str:
    return f"{article.get_absolute_url()}feed/atom/"


def a_conversation(article):
    top = make_comment(article, body="Die Stadtbahn kommt zu spät.", author_name="Anna A.")
    reply = make_comment(
        article, parent=top, body="Besser spät als nie.", author_name="Bernd B.",
        author_email="bernd@example.org",
    )  # fmt: skip
    return top, reply


def test_the_article_feeds_list_its_approved_comments_in_both_formats(client, article):
    top, reply = a_conversation(article)
    make_comment(make_article("Anderes Thema"), body="Nicht von hier.")

    items = rss_items(client, rss_url(article))
    entries = atom_entries(client, atom_url(article))

    assert [item.findtext("description") for item in items] == [reply.body_html, top.body_html]
    assert [entry.findtext(f"{ATOM}summary") for entry in entries] == [
        reply.body_html, top.body_html,
    ]  # fmt: skip
    assert [e.findtext(f"{ATOM}author/{ATOM}name") for e in entries] == ["Bernd B.", "Anna A."]
    assert items[0].findtext("link") == f"http://testserver/comment/{reply.pk}/#comment-{reply.pk}"


def test_a_reply_points_at_its_parent_and_a_comment_at_its_article(client, article):
    top, reply = a_conversation(article)

    entries = {e.findtext(f"{ATOM}id"): e for e in atom_entries(client, atom_url(article))}
    top_id = next(i for i in entries if i.endswith(f":comment-{top.pk}"))
    reply_id = next(i for i in entries if i.endswith(f":comment-{reply.pk}"))

    thread = entries[reply_id].find(f"{THR}in-reply-to")
    assert thread.get("ref") == top_id
    assert thread.get("href") == f"http://testserver/comment/{top.pk}/#comment-{top.pk}"
    on_article = entries[top_id].find(f"{THR}in-reply-to")
    assert on_article.get("ref").endswith(f":article-{article.pk}")
    assert on_article.get("href") == f"http://testserver{article.get_absolute_url()}"

    items = {i.findtext("guid"): i for i in rss_items(client, rss_url(article))}
    assert items[reply_id].find(f"{THR}in-reply-to").get("ref") == top_id


def test_held_spam_removed_and_tombstoned_comments_never_appear(client, article):
    make_comment(article, body="Sichtbar für alle.")
    make_comment(article, status=Comment.Status.PENDING, body="Wartet noch.")
    make_comment(article, status=Comment.Status.SPAM, body="Billige Uhren.")
    make_comment(article, status=Comment.Status.TRASH, body="Entfernt.")
    make_comment(article, status=Comment.Status.TRASH, tombstone=True, body="Grabstein.")

    for url in (rss_url(article), "/comments/feed/"):
        body = client.get(url).content.decode()
        assert "Sichtbar für alle." in body
        for hidden in ("Wartet noch.", "Billige Uhren.", "Entfernt.", "Grabstein."):
            assert hidden not in body


def test_feeds_name_authors_but_never_their_addresses(client, article):
    a_conversation(article)
    for url in (rss_url(article), atom_url(article), "/comments/feed/", "/comments/feed/atom/"):
        body = client.get(url).content.decode()
        assert "Bernd B." in body
        assert "@example.org" not in body


def test_the_site_feed_has_the_latest_comments_of_every_published_article(client, article, english):
    top, reply = a_conversation(article)
    other = make_comment(make_article("Haushalt 2027"), body="Zu teuer.")
    draft = make_article("Entwurf", status="draft")
    make_comment(draft, body="Aus dem Entwurf.")

    entries = atom_entries(client, "/comments/feed/atom/")

    assert [e.findtext(f"{ATOM}summary") for e in entries] == [
        other.body_html, reply.body_html, top.body_html,
    ]  # fmt: skip
    assert entries[0].findtext(f"{ATOM}title") == f"{other.author_name} on “Haushalt 2027”"
    reply_entry = entries[1].find(f"{THR}in-reply-to")
    assert reply_entry.get("href") == f"http://testserver/comment/{top.pk}/#comment-{top.pk}"


def test_an_approval_shows_in_the_cached_feeds_at_once(client, article):
    make_comment(article, body="Der erste.")
    held = make_comment(article, status=Comment.Status.PENDING, body="Der zweite.")
    assert len(rss_items(client, rss_url(article))) == 1
    assert len(rss_items(client, "/comments/feed/")) == 1

    services.set_comment_status(held, Comment.Status.APPROVED)

    assert len(rss_items(client, rss_url(article))) == 2
    assert len(rss_items(client, "/comments/feed/")) == 2


def test_a_moderator_edit_changes_the_cached_feeds(client, article):
    comment = make_comment(article, body="Der Bürgermeister ist ein Idiot.")
    assert "Idiot" in client.get(atom_url(article)).content.decode()
    assert "Idiot" in client.get("/comments/feed/").content.decode()

    services.revise_comment(comment, body="Der Bürgermeister ist [entfernt].")

    for url in (atom_url(article), "/comments/feed/"):
        body = client.get(url).content.decode()
        assert "Idiot" not in body
        assert "[entfernt]" in body


def test_a_removal_takes_the_comment_out_of_the_cached_feeds(client, article):
    comment = make_comment(article, body="Bald weg.")
    assert len(rss_items(client, "/comments/feed/")) == 1

    services.set_comment_status(comment, Comment.Status.TRASH)

    assert rss_items(client, "/comments/feed/") == []
    assert rss_items(client, rss_url(article)) == []


def test_the_article_feed_costs_six_queries_cold_however_many_comments(client, article):
    a_conversation(article)
    few = queries_for(client, rss_url(article))
    for n in range(20):
        make_comment(article, body=f"Kommentar {n}")
    many = queries_for(client, atom_url(article))
    # The article with its thread version, the site's versions, the site's chrome
    # (publication, footer pages, sections: as for every page), the comments.
    assert len(few) == len(many) == 6, many


def test_the_site_feed_costs_six_queries_cold_however_many_comments(client, article):
    a_conversation(article)
    few = queries_for(client, "/comments/feed/")
    for n in range(10):
        make_comment(make_article(f"Artikel {n}"), body=f"Kommentar {n}")
    many = queries_for(client, "/comments/feed/atom/")
    # The feed's state (comment ids and thread versions), the site's versions, the
    # site's chrome (three), the comments with their articles.
    assert len(few) == len(many) == 6, many


def test_a_warm_feed_costs_only_its_key(client, article):
    a_conversation(article)
    for url in (rss_url(article), "/comments/feed/"):
        queries_for(client, url)
        # The stored versions: the article's (or the feed's comments') and the site's.
        assert len(queries_for(client, url, cold=False)) == 2


def test_an_unknown_or_unpublished_article_has_no_feed(client):
    draft = make_article("Noch geheim", status="draft")
    assert client.get("/2020/01/01/gibt-es-nicht/feed/").status_code == 404
    assert client.get(f"/{draft.created_at:%Y/%m/%d}/{draft.slug}/feed/").status_code == 404


def test_a_wrong_date_redirects_to_the_articles_feed(client, article):
    response = client.get(f"/1999/01/01/{article.slug}/feed/atom/")
    assert response.status_code == 301
    assert response["Location"] == atom_url(article)


def test_the_article_and_the_front_page_announce_their_comment_feeds(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{rss_url(article)}"' in page
    assert f'href="{atom_url(article)}"' in page
    front = client.get("/").content.decode()
    assert 'href="/comments/feed/"' in front
    assert 'href="/comments/feed/atom/"' in front
