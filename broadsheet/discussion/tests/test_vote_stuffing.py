"""Counted participation that cannot be stuffed: identities, page tokens, shared limits.

A security review once added 240 up-votes to one comment in 12 seconds and 240
one-star ratings in 3, from one address, by never keeping the voter cookie. Here every
request of the attacker comes from a fresh Client (no cookies), as it did then.
"""

import datetime
import json
import re

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.utils import timezone

from broadsheet.core.testing import make_comment
from broadsheet.discussion import services
from broadsheet.discussion.models import Rating

from .conftest import ORIGIN, Reader

pytestmark = pytest.mark.django_db

BURST = services.NEW_VOTER_LIMITS[0].count
HOURLY = services.NEW_VOTER_LIMITS[1].count


@pytest.fixture(autouse=True)
def _two_seconds(settings):
    settings.BROADSHEET_VOTE_MIN_SECONDS = 2


@pytest.fixture
def clock():
    """Stopped just after an hour begins; tests move it on by hand.

    Rate limits count per clock minute and clock hour: a test that moves through five
    minutes must not cross the top of an hour, or the hourly count starts again.
    """
    start = timezone.now().replace(minute=0, second=1, microsecond=0) + datetime.timedelta(hours=1)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def comment(article):
    return make_comment(article, author_name="Jonas")


def upvotes(comment) -> int:
    comment.refresh_from_db()
    return comment.upvotes


def stranger(address="203.0.113.9") -> Reader:
    """A client that keeps no cookie: a new voter on every request."""
    return Reader(Client(REMOTE_ADDR=address))


def test_240_cookieless_votes_from_one_address_add_only_the_burst_limit(article, comment, clock):
    token = stranger().page_token(article)
    clock.shift(3)
    statuses = [stranger().vote(comment, ts=token).status_code for _ in range(240)]
    assert upvotes(comment) == BURST == 30
    assert statuses == [200] * BURST + [429] * (240 - BURST)


def test_new_voters_of_one_network_are_limited_per_hour(article, comment, clock):
    token = stranger().page_token(article)
    clock.shift(3)
    counted = []
    for _minute in range(5):
        before = upvotes(comment)
        for _ in range(BURST + 10):
            stranger().vote(comment, ts=token)
        counted.append(upvotes(comment) - before)
        clock.shift(60)
    assert counted == [30, 30, 30, 30, 0]
    assert sum(counted) == HOURLY


def test_addresses_in_one_ipv6_64_share_one_bucket(article, comment, clock):
    token = stranger("2001:db8:1:2::1").page_token(article)
    clock.shift(3)
    for host in range(1, 41):
        stranger(f"2001:db8:1:2:{host:x}::{host:x}").vote(comment, ts=token)
    assert upvotes(comment) == BURST
    # The neighbouring /64 is another household.
    assert stranger("2001:db8:1:3::1").vote(comment, ts=token).status_code == 200
    assert upvotes(comment) == BURST + 1


def test_readers_with_a_voter_cookie_still_vote_while_new_voters_are_refused(article, clock):
    first, second = make_comment(article), make_comment(article)
    lea = Reader(Client(REMOTE_ADDR="203.0.113.9"))
    token = lea.page_token(article)
    clock.shift(3)
    assert lea.vote(first, ts=token).status_code == 200  # lea now has a voter cookie
    for _ in range(BURST + 5):
        stranger().vote(first, ts=token)
    refused = stranger().vote(second, ts=token)
    assert refused.status_code == 429
    assert "zu viele neue Leserinnen" in refused.json()["error"]
    assert lea.vote(second, ts=token).status_code == 200
    assert upvotes(second) == 1


def test_a_vote_without_the_page_token_does_not_count(article, comment, clock):
    clock.shift(3)
    response = stranger().vote(comment, ts="")
    assert response.status_code == 400
    assert "laden Sie sie neu" in response.json()["error"]
    # Without JavaScript: the article page with the message.
    page = stranger().vote(comment, ts="", fragment=False)
    assert page.status_code == 400
    assert "Diese Seite ist veraltet. Bitte laden Sie sie neu" in page.content.decode()
    assert upvotes(comment) == 0


def test_a_forged_or_foreign_token_does_not_count(article, comment, clock):
    forged = signing.dumps(int(timezone.now().timestamp()) - 60, salt="something-else")
    clock.shift(3)
    assert stranger().vote(comment, ts=forged).status_code == 400
    assert stranger().vote(comment, ts="1733000000").status_code == 400
    assert upvotes(comment) == 0


def test_a_vote_from_a_page_served_less_than_two_seconds_ago_does_not_count(
    article, comment, clock
):
    reader = stranger()
    token = reader.page_token(article)
    clock.shift(1)
    too_fast = reader.vote(comment, ts=token)
    assert too_fast.status_code == 429
    assert "schnell" in too_fast.json()["error"]  # the site speaks German
    assert "bs_voter" not in too_fast.cookies  # no identity issued for it
    assert upvotes(comment) == 0
    clock.shift(1.5)
    assert reader.vote(comment, ts=token).status_code == 200
    assert upvotes(comment) == 1


def test_a_returning_voter_may_vote_from_a_page_they_just_loaded(article, clock):
    first, second = make_comment(article), make_comment(article)
    lea = Reader(Client())
    token = lea.page_token(article)
    clock.shift(3)
    assert lea.vote(first, ts=token).status_code == 200
    clock.shift(5)
    # A fresh page, voted from at once: the cookie is 5 seconds old.
    assert lea.vote(second).status_code == 200
    assert upvotes(second) == 1


def test_a_token_older_than_a_day_does_not_count(article, comment, clock, settings):
    token = stranger().page_token(article)
    clock.shift(settings.BROADSHEET_VOTE_TOKEN_MAX_AGE + 1)
    response = stranger().vote(comment, ts=token)
    assert response.status_code == 400
    assert upvotes(comment) == 0


def test_the_vote_forms_of_a_cached_page_carry_a_token_of_their_own_response(article, comment):
    reader = stranger()
    reader.page(article)  # fills the caches
    html = reader.page(article)
    assert "@@form-timestamp@@" not in html
    tokens = set(re.findall(r'name="ts" value="([^"]+)"', html))
    assert len(tokens) == 1  # comment form, vote forms and rating form: one page, one time
    (token,) = tokens
    assert signing.loads(token, salt="comment-form-time") <= timezone.now().timestamp()


# --- Ratings -------------------------------------------------------------------------


def rating(article) -> tuple[int, int]:
    article.thread.refresh_from_db()
    return article.thread.rating_count, article.thread.rating_sum


def test_240_cookieless_ratings_from_one_address_add_only_the_burst_limit(article, clock):
    token = stranger().page_token(article)
    clock.shift(3)
    statuses = [stranger().rate(article, 1, ts=token).status_code for _ in range(240)]
    assert statuses.count(200) == BURST
    assert Rating.objects.count() == BURST
    assert rating(article) == (BURST, BURST)


def test_a_rating_without_a_valid_or_old_enough_token_does_not_count(article, clock, settings):
    reader = stranger()
    token = reader.page_token(article)
    assert reader.rate(article, 1, ts="").status_code == 400
    assert reader.rate(article, 1, ts=token).status_code == 429  # page served just now
    clock.shift(settings.BROADSHEET_VOTE_TOKEN_MAX_AGE + 1)
    assert reader.rate(article, 1, ts=token).status_code == 400  # page served a day ago
    assert Rating.objects.count() == 0
    no_js = reader.rate(article, 1, ts="", fragment=False)
    assert no_js.status_code == 400
    assert "Bitte laden Sie sie neu" in no_js.content.decode()
    fresh = reader.page_token(article)  # a fresh page: the reader waits, the rating counts
    clock.shift(3)
    assert json.loads(reader.rate(article, 4, ts=fresh).content)["count"] == 1


def test_a_new_readers_first_comment_counts_as_a_new_identity(article, settings, clock):
    # Comments issue voter cookies too: a script that posts them may not use the
    # budget of new voters twice.
    settings.BROADSHEET_MODERATION = "none"
    token = stranger().page_token(article)
    clock.shift(3)
    for _ in range(BURST):
        stranger().vote(make_comment(article), ts=token)
    response = stranger().post_comment(article, "Neu hier.", fragment=True)
    assert response.status_code == 429


def test_the_origin_check_still_comes_first(comment):
    response = Client().post(
        f"/discussion/comments/{comment.pk}/vote/",
        {"value": "up", "ts": ""},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert ORIGIN != "https://evil.example"
