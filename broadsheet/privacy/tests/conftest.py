"""Builders for the privacy tests: a guest's trail, the mail a link arrives in."""

import re

import pytest
from django.test import Client

from broadsheet.core.hashing import keyed_hash
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Rating, Thread, Vote
from broadsheet.notifications.email import build_message
from broadsheet.notifications.models import Delivery, Subscriber, Subscription

SITE = "https://zeitung.example"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "leserpost@zeitung.example"
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0


@pytest.fixture
def article(db):
    return make_article("Streit um die Stadtbahn", slug="stadtbahn")


def voter(name: str) -> str:
    return keyed_hash(f"guest:{name}", purpose="voter")


def vote(comment, key: str, value: int = 1) -> Vote:
    """A vote with its counters, as discussion.services leaves them."""
    from django.db.models import F

    from broadsheet.discussion.models import Comment

    Comment.objects.filter(pk=comment.pk).update(
        upvotes=F("upvotes") + int(value == 1),
        downvotes=F("downvotes") + int(value == -1),
        score=F("score") + value,
    )
    return Vote.objects.create(comment=comment, voter_key=key, value=value)


def rate(article, key: str, stars: int) -> Rating:
    from django.db.models import F

    Thread.objects.get_or_create(article=article)
    Thread.objects.filter(pk=article.pk).update(
        rating_count=F("rating_count") + 1, rating_sum=F("rating_sum") + stars
    )
    return Rating.objects.create(article=article, voter_key=key, stars=stars)


def subscribe(article, email: str, scope="article") -> Subscription:
    subscriber, _ = Subscriber.objects.get_or_create(email=email, defaults={"language": "de"})
    return Subscription.objects.create(
        subscriber=subscriber, article=article, scope=scope, language="de"
    )


def lea_trail(article, *, email="lea@example.org"):
    """Lea's comment (voter key "lea"), her vote on someone's comment, her rating."""
    other = make_comment(article, author_name="Otto", author_email="otto@example.org",
                         author_key=voter("otto"), body="Ottos Meinung.")  # fmt: skip
    mine = make_comment(article, author_name="Lea", author_email=email, author_key=voter("lea"),
                        body="Leas Meinung zur Stadtbahn.", ip_hash="a" * 32)  # fmt: skip
    vote(other, voter("lea"), 1)
    rate(article, voter("lea"), 4)
    return mine, other


def mail_link(kind: str, fragment: str, *, to: str) -> str:
    """The link in the newest mail of this kind to this address, path only."""
    delivery = Delivery.objects.filter(kind=kind, to=to).latest("pk")
    body = build_message(delivery).body
    url = re.search(rf"{re.escape(SITE)}(\S*{re.escape(fragment)}\S*)", body).group(1)
    return url


class Browser:
    """A client that sends Django's CSRF token like a browser would from our pages."""

    def __init__(self, client: Client | None = None):
        self.client = client or Client(enforce_csrf_checks=True)

    def _token(self, path: str) -> str:
        page = self.client.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
        if match:
            return match.group(1)
        if "csrftoken" not in self.client.cookies:  # a page without a form (an error)
            self.client.get("/privacy/my-data/")
        return self.client.cookies["csrftoken"].value

    def get(self, path: str, **extra):
        return self.client.get(path, **extra)

    def post(self, path: str, data=None, *, form_page: str | None = None, **extra):
        data = dict(data or {})
        data["csrfmiddlewaretoken"] = self._token(form_page or path)
        return self.client.post(path, data, **extra)

    def ask_for_link(self, email: str):
        return self.post("/privacy/my-data/", {"email": email})

    def open_link(self, path: str):
        """Open the link from the e-mail and press its button."""
        return self.post(path)


@pytest.fixture
def browser():
    return Browser()
