import json
import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from broadsheet.core.testing import make_comment
from broadsheet.discussion.models import Comment, Rating, Thread, Vote

from .conftest import Reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(article):
    return make_comment(article, author_name="Jonas")


def counts(comment):
    comment.refresh_from_db()
    return comment.upvotes, comment.downvotes, comment.score


def test_an_up_vote_counts_and_the_same_click_withdraws_it(lea, comment):
    assert lea.vote(comment, "up").json() == {"up": 1, "down": 0, "mine": 1}
    assert counts(comment) == (1, 0, 1)
    assert lea.vote(comment, "up").json() == {"up": 0, "down": 0, "mine": 0}
    assert counts(comment) == (0, 0, 0)
    assert Vote.objects.count() == 0


def test_the_other_button_switches_the_vote_in_one_click(lea, comment):
    lea.vote(comment, "up")
    assert lea.vote(comment, "down").json() == {"up": 0, "down": 1, "mine": -1}
    assert counts(comment) == (0, 1, -1)
    assert Vote.objects.get().value == -1


def test_guests_behind_one_ip_each_get_their_own_vote(comment):
    for _ in range(3):
        Reader(Client(REMOTE_ADDR="198.51.100.7")).vote(comment, "up")
    assert counts(comment) == (3, 0, 3)


def test_a_guest_can_vote_on_another_guests_comment_but_not_on_their_own(lea, article, settings):
    settings.BROADSHEET_MODERATION = "none"
    lea.post_comment(article, "Meiner.")
    own = Comment.objects.get(body="Meiner.")
    response = lea.vote(own, "up")
    assert response.status_code == 403
    assert "eigenen" in response.json()["error"]
    assert counts(own) == (0, 0, 0)


def test_a_reader_account_votes_once_whatever_the_browser(client, reader, comment):
    for _ in range(2):
        browser = Client()
        browser.force_login(reader)
        Reader(browser).vote(comment, "down")
    assert counts(comment) == (0, 0, 0)  # the second browser withdrew the same account's vote


@pytest.mark.parametrize("value", ["sideways", "", "1", "up;down"])
def test_a_forged_vote_value_is_refused(lea, comment, value):
    response = lea.vote(comment, value)
    assert response.status_code == 400
    assert counts(comment) == (0, 0, 0)


def test_a_forged_voter_cookie_is_ignored_not_trusted(comment):
    client = Client()
    client.cookies["bs_voter"] = "someone-elses-token:forged-signature"
    Reader(client).vote(comment, "up")
    assert counts(comment) == (1, 0, 1)
    assert client.cookies["bs_voter"].value != "someone-elses-token:forged-signature"


def test_pending_and_spam_comments_cannot_be_voted_on(lea, article):
    for status in ("pending", "spam"):
        hidden = make_comment(article, status=status)
        assert lea.vote(hidden, "up").status_code == 400
        assert counts(hidden) == (0, 0, 0)


def test_voting_without_javascript_redirects_to_the_comment(lea, comment):
    response = lea.vote(comment, "up", fragment=False)
    assert response.status_code == 303
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert 'aria-pressed="true"' in lea.page(comment.article)


@pytest.mark.usefixtures("one_rate_limit_window")
def test_voting_is_rate_limited_per_voter(lea, article):
    comments = [make_comment(article) for _ in range(32)]
    statuses = [lea.vote(c, "up").status_code for c in comments]
    assert statuses[:30] == [200] * 30
    assert statuses[30:] == [429, 429]


def test_a_cross_site_vote_is_refused(comment):
    response = Client().post(
        f"/discussion/comments/{comment.pk}/vote/",
        {"value": "up"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert counts(comment) == (0, 0, 0)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks under real concurrency need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_parallel_voters_are_counted_exactly_on_postgresql(comment):
    voters = [Reader(Client(REMOTE_ADDR=f"10.1.{i // 200}.{i % 200}")) for i in range(40)]
    barrier = threading.Barrier(len(voters))
    results = []

    def vote(reader, value):
        barrier.wait()
        try:
            results.append(reader.vote(comment, value).status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=vote, args=(reader, "up" if i % 4 else "down"))
        for i, reader in enumerate(voters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 40
    assert counts(comment) == (30, 10, 20)
    assert Vote.objects.filter(comment=comment).count() == 40


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks under real concurrency need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_one_voter_double_clicking_in_parallel_still_has_one_vote(comment):
    client = Client()
    Reader(client).vote(comment, "up")  # get a voter cookie
    Reader(client).vote(comment, "up")  # and withdraw again
    barrier = threading.Barrier(6)

    def click():
        barrier.wait()
        try:
            Reader(client).vote(comment, "down")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Vote.objects.filter(comment=comment).count() <= 1
    up, down, score = counts(comment)
    assert (up, down) == (0, Vote.objects.filter(comment=comment).count())
    assert score == -down


def test_rating_shows_average_with_one_decimal_and_count(article):
    for stars in (5, 4, 4):
        assert Reader(Client()).rate(article, stars).status_code == 200
    thread = Thread.objects.get(pk=article.pk)
    assert (thread.rating_count, thread.rating_sum) == (3, 13)
    html = Reader(Client()).page(article)
    assert "4,3" in html and "3 Stimmen" in html


def test_rating_again_changes_the_readers_rating_instead_of_adding_one(lea, article):
    assert lea.rate(article, 2).json() == {
        "average": 2.0,
        "count": 1,
        "count_label": "1 Stimme",
        "mine": 2,
    }
    assert lea.rate(article, 5).json() == {
        "average": 5.0,
        "count": 1,
        "count_label": "1 Stimme",
        "mine": 5,
    }
    assert Rating.objects.get().stars == 5
    assert 'value="5" checked' in lea.page(article)


@pytest.mark.parametrize("stars", ["0", "6", "-1", "drei", ""])
def test_an_impossible_rating_is_refused(lea, article, stars):
    assert lea.rate(article, stars).status_code == 400
    assert Rating.objects.count() == 0


def test_rating_a_disabled_article_is_refused(lea, article):
    article.rating_enabled = False
    article.save()
    assert lea.rate(article, 3).status_code == 400
    assert 'id="rating"' not in lea.page(article)


def test_rating_without_javascript_redirects_to_the_rating(lea, article):
    response = lea.rate(article, 4, fragment=False)
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#rating"


def test_the_article_json_ld_carries_the_aggregate_rating(article):
    for stars in (3, 4):
        Reader(Client()).rate(article, stars)
    html = Reader(Client()).page(article)
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    )
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 3.5,
        "ratingCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_a_moderator_approves_a_held_comment_in_the_admin(client, moderator, article):
    held = make_comment(article, status="pending", body="Bitte freischalten.")
    client.force_login(moderator)
    response = client.post(
        "/admin/discussion/comment/",
        {"action": "mark_approved", "_selected_action": [held.pk]},
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == "approved"
    assert Thread.objects.get(pk=article.pk).comment_count == 1
    assert "Bitte freischalten." in Reader(Client()).page(article)
