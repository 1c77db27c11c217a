import re

import pytest
from django.test import Client

from broadsheet.core.testing import make_article

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    settings.BROADSHEET_VOTE_MIN_SECONDS = 0


@pytest.fixture
def one_rate_limit_window():
    """Stop the clock just after a minute begins, so a test never straddles two windows."""
    import datetime

    import time_machine
    from django.utils import timezone

    now = timezone.now()
    start = now.replace(second=1, microsecond=0) + datetime.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        yield


@pytest.fixture
def article(db):
    return make_article("Streit um die Stadtbahn", slug="stadtbahn")


class Reader:
    """A browser-like client: sends Origin like a real browser, keeps its cookies."""

    def __init__(self, client: Client):
        self.client = client

    def page(self, article, query=""):
        response = self.client.get(article.get_absolute_url() + query)
        assert response.status_code == 200
        return response.content.decode()

    def form_timestamp(self, article) -> str:
        return re.search(r'name="ts" value="([^"]+)"', self.page(article)).group(1)

    def post_comment(
        self, article, body="Ein guter Punkt.", *, fragment=False, follow=False, **fields
    ):
        """Send the comment form; follow=True: and load the page the redirect names.

        A refusal without JS redirects to the form given back (post/redirect/get), which
        answers with the refusal's status: the followed response has it.
        """
        data = {"name": "Lea Leserin", "email": "lea@example.org", "body": body, **fields}
        if "ts" not in data:
            data["ts"] = self.form_timestamp(article)
        headers = {"HTTP_ORIGIN": ORIGIN}
        if fragment:
            headers["HTTP_X_BROADSHEET_FRAGMENT"] = "1"
        return self.client.post(
            f"/discussion/{article.pk}/comments/", data, follow=follow, **headers
        )

    def page_token(self, article) -> str:
        """The signed token every form of the page carries, as a browser would send it."""
        return re.search(r'data-page-token="([^"]+)"', self.page(article)).group(1)

    def vote(self, comment, value="up", *, fragment=True, ts=None):
        headers = {"HTTP_ORIGIN": ORIGIN}
        if fragment:
            headers["HTTP_X_BROADSHEET_FRAGMENT"] = "1"
        data = {"value": value, "ts": self.page_token(comment.article) if ts is None else ts}
        return self.client.post(f"/discussion/comments/{comment.pk}/vote/", data, **headers)

    def rate(self, article, stars, *, fragment=True, ts=None):
        headers = {"HTTP_ORIGIN": ORIGIN}
        if fragment:
            headers["HTTP_X_BROADSHEET_FRAGMENT"] = "1"
        data = {"stars": stars, "ts": self.page_token(article) if ts is None else ts}
        return self.client.post(f"/discussion/{article.pk}/rating/", data, **headers)


@pytest.fixture
def lea(db):
    return Reader(Client())


@pytest.fixture
def max_(db):
    return Reader(Client())
