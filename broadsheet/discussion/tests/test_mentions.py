"""Mentions: "@Name" links that person's latest comment in the thread, resolved at saving."""

import datetime
import json

import lxml.html
import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion import services
from broadsheet.discussion.mentions import render_body
from broadsheet.discussion.models import Comment, Mention

from .conftest import Reader


@pytest.fixture
def open_door(settings):
    settings.BROADSHEET_MODERATION = "none"


def links(html: str) -> list[tuple[str, str, str]]:
    """(class, href, text) of each link in a comment's HTML."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(a.get("class", ""), a.get("href"), a.text_content()) for a in fragment.iter("a")]


def mention(comment) -> tuple[str, str, str]:
    return ("mention", f"/comment/{comment.pk}/#comment-{comment.pk}", f"@{comment.author_name}")


def test_a_name_from_the_thread_links_that_persons_latest_comment(article):
    make_comment(article, author_name="Moritz L.")
    latest = make_comment(article, author_name="Moritz L.")
    rendered = render_body("Danke, @Moritz L., genau so.", article_id=article.pk)
    assert links(rendered.html) == [mention(latest)]
    assert 'rel="nofollow ugc noopener"' in rendered.html
    assert rendered.mentioned == [latest.pk]


def test_the_longest_name_wins_and_a_prefix_alone_still_links(article):
    moritz = make_comment(article, author_name="Moritz")
    moritz_l = make_comment(article, author_name="Moritz L.")
    rendered = render_body("@Moritz L. und @Moritz sind zwei.", article_id=article.pk)
    assert links(rendered.html) == [mention(moritz_l), mention(moritz)]
    assert rendered.mentioned == [moritz_l.pk, moritz.pk]


@pytest.mark.parametrize(
    "body",
    [
        "@Moritzchen schrieb das",  # a longer word is another name
        "schreib an moritz@Moritz.de",  # an address, not a mention
        "@moritz kleingeschrieben",  # names match as written
        "Im Code: `@Moritz`",
        "Ein Link: [@Moritz](https://example.org/)",
        "@Lea hat nie kommentiert",
        "@ Moritz mit Leerzeichen",
    ],
)
def test_what_is_not_a_mention_stays_as_written(article, body):
    make_comment(article, author_name="Moritz")
    rendered = render_body(body, article_id=article.pk)
    assert all(cls != "mention" for cls, _href, _text in links(rendered.html))
    assert rendered.mentioned == []


def test_only_approved_comments_names_count(article):
    make_comment(article, author_name="Wartend", status="pending")
    make_comment(article, author_name="Spammer", status="spam")
    rendered = render_body("@Wartend und @Spammer", article_id=article.pk)
    assert links(rendered.html) == []


@pytest.mark.parametrize(
    "name",
    [
        '<img src=x onerror="alert(1)">',
        "Anna <b>fett</b>",
        '"><script>alert(1)</script>',
        "[klick](javascript:alert(1))",
        "Ben & Jerry’s",
    ],
)
def test_hostile_names_are_linked_as_plain_text(article, name):
    target = make_comment(article, author_name=name)
    rendered = render_body(f"Hallo @{name} !", article_id=article.pk)
    assert links(rendered.html) == [mention(target)]
    fragment = lxml.html.fragment_fromstring(rendered.html, create_parent="div")
    assert not fragment.xpath("//script | //img | //b | //*[@onerror]")
    assert all(not href.startswith("javascript") for _cls, href, _text in links(rendered.html))


def test_a_name_with_markdown_characters_links_when_escaped_as_the_form_inserts_it(article):
    target = make_comment(article, author_name="*Anna*_B")
    assert links(render_body(r"Hallo @\*Anna\*\_B", article_id=article.pk).html) == [
        mention(target)
    ]


def test_a_reader_cannot_forge_a_mention_class(article):
    html = render_body(
        '<a class="mention" href="/x">@Fake</a> [x](https://example.org "t"){.mention}',
        article_id=article.pk,
    ).html
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    assert fragment.xpath("//a") and not fragment.xpath("//*[@class]")


def test_a_posted_comment_is_linked_without_js_and_its_mentions_stored(article, open_door):
    moritz = make_comment(article, author_name="Moritz L.")
    Reader(Client()).post_comment(article, "Sehe ich wie @Moritz L. – danke!")
    comment = Comment.objects.latest("pk")
    assert links(comment.body_html) == [mention(moritz)]
    assert [m.target_id for m in Mention.objects.filter(comment=comment)] == [moritz.pk]
    page = Reader(Client()).page(article)
    assert f'<a href="/comment/{moritz.pk}/#comment-{moritz.pk}" class="mention"' in page


def test_posting_without_an_at_sign_asks_nothing_more(
    article, open_door, django_assert_max_num_queries
):
    make_comment(article, author_name="Moritz")
    with_mention = Reader(Client())
    with_mention.post_comment(article, "Erster Text @Moritz")
    assert Mention.objects.count() == 1
    assert render_body("Kein Name hier.", article_id=article.pk).mentioned == []
    with django_assert_max_num_queries(0):
        render_body("Kein Name hier.", article_id=article.pk)


def test_names_that_arrive_later_do_not_change_a_stored_comment(article, open_door):
    Reader(Client()).post_comment(article, "Wo ist @Paula?")
    comment = Comment.objects.get()
    assert links(comment.body_html) == []
    make_comment(article, author_name="Paula")
    comment.refresh_from_db()
    assert links(comment.body_html) == []  # resolved when written, as stored


def test_editing_resolves_the_mentions_again(article, open_door):
    lea = Reader(Client())
    paula = make_comment(article, author_name="Paula")
    ole = make_comment(article, author_name="Ole")
    lea.post_comment(article, "Hallo @Paula")
    comment = Comment.objects.latest("pk")
    viewer = type("Viewer", (), {"owns": lambda self, c: True})()
    services.edit_comment(comment, viewer=viewer, body="Hallo @Ole", now=timezone.now())
    comment.refresh_from_db()
    assert links(comment.body_html) == [mention(ole)]
    assert list(Mention.objects.values_list("target_id", flat=True)) == [ole.pk]
    assert paula.pk not in Mention.objects.values_list("target_id", flat=True)


def test_a_moderators_revision_keeps_mentions(article):
    paula = make_comment(article, author_name="Paula")
    comment = make_comment(article, author_name="Max", body="Früher")
    services.revise_comment(comment, body="[entfernt] @Paula")
    comment.refresh_from_db()
    assert links(comment.body_html) == [mention(paula)]
    assert Mention.objects.get(comment=comment).target_id == paula.pk


def test_the_names_endpoint_lists_the_threads_people_most_recent_first(
    article, django_assert_num_queries
):
    start = timezone.now() - datetime.timedelta(hours=3)
    for hours, name in enumerate(["Ole", "Paula", "Ole", "Rosa"]):
        make_comment(article, author_name=name, created_at=start + datetime.timedelta(hours=hours))
    make_comment(article, author_name="Wartend", status="pending")
    url = f"/discussion/{article.pk}/names/?v=1"
    with django_assert_num_queries(2):  # the thread's version, then its names
        response = Client().get(url)
    assert json.loads(response.content) == {"names": ["Rosa", "Ole", "Paula"]}
    assert response["Cache-Control"] == "public, max-age=300"
    assert not response.cookies
    with django_assert_num_queries(1):  # warm: the version only
        assert json.loads(Client().get(url).content)["names"] == ["Rosa", "Ole", "Paula"]
    make_comment(article, author_name="Neu")
    services.touch_thread(article.pk)
    assert json.loads(Client().get(url).content)["names"][0] == "Neu"


def test_the_names_of_an_unpublished_or_missing_article_are_not_given(db):
    draft = make_article("Entwurf", slug="entwurf", status="draft")
    make_comment(draft, author_name="Geheim")
    assert Client().get(f"/discussion/{draft.pk}/names/").status_code == 404
    assert Client().get("/discussion/999999/names/").status_code == 404
    assert Client().get(f"/discussion/{2**63}/names/").status_code == 404
    assert Client().post(f"/discussion/{draft.pk}/names/").status_code == 405
