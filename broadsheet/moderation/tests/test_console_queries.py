"""The console's queue and history pages cost the same number of queries with ten times the data."""

import pytest
from django.urls import reverse

from broadsheet.core.testing import make_article, make_comment, queries_for
from broadsheet.discussion.identity import Viewer
from broadsheet.discussion.models import Comment, Passage
from broadsheet.moderation import services
from broadsheet.moderation.models import Reason
from broadsheet.moderation.services import Person, ReportRequest

pytestmark = pytest.mark.django_db

# Session, user, the user's and the groups' permissions, the site chrome (cold), the queue
# counts, the page's count and rows, and per page: one history query per kind of key
# (account, e-mail, voter, IP), the notes, the sanctions in force, the reports' categories,
# and the authors' trust (trust.trust_of_comments: the guests' confirmed addresses, one
# aggregate over the authors' comments, the warnings).
QUEUE_QUERIES = 20
# The same four for the user, chrome and counts; the comment with its article, parent and
# passage; its history (as above: seven), the other comments, all sanctions, the audit
# trail and the comment's reports.
# The author's trust: two for an account (no confirmed address to look up).
DETAIL_QUERIES = 24  # one of them: the model's version check (classifier/store.py)


def seed(scale: int, moderator):
    """scale × 30 people, each with a held comment and a past (approved, rejected, reported)."""
    article = make_article(f"Debatte {scale}")
    parent = make_comment(article, body="Worauf geantwortet wird.")
    first = None
    for i in range(30 * scale):
        email = f"person{i}@example.org"
        keys = {"author_email": email, "author_key": f"voter-{i}", "ip_hash": f"ip-{i % 7}"}
        comment = make_comment(
            article, status="pending", parent=parent, held_because="first_time",
            body=f"Ein zurückgehaltener Beitrag Nummer {i}.", user=moderator if i == 0 else None,
            **keys,
        )  # fmt: skip
        Passage.objects.create(
            comment=comment, article=article, exact="Ein zitierter Satz", start=0, end=18
        )
        past = make_comment(article, body="Ein früherer Beitrag.", **keys)
        make_comment(article, status="trash", removal_reason="insult", **keys)
        viewer = Viewer(user=None, voter_token=f"r{i}", ip_hash=f"rip{i}", network_hash=f"n{i}")
        services.report_comment(
            past, viewer=viewer, request=ReportRequest(category="insult"), language="de"
        )
        services.add_note(Person("email", email), actor=moderator, text="Schon bekannt.")
        services.sanction_person(
            Person("voter", f"voter-{i}"), actor=moderator, kind="warning", reason=Reason.INSULT
        )
        first = first or comment
    return first


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.mark.parametrize("scale", [1, 10])
def test_the_queue_costs_a_fixed_number_of_queries(mod_client, moderator, scale):
    seed(scale, moderator)
    for queue in ("waiting", "reported", "approved", "rejected"):
        url = reverse("moderation:queue", kwargs={"queue": queue})
        queries = queries_for(mod_client, url, cold=True)
        assert len(queries) == QUEUE_QUERIES, f"{queue}:\n" + "\n".join(queries)
    search = reverse("moderation:queue") + "?q=Beitrag&author=person&reason=first_time"
    assert len(queries_for(mod_client, search, cold=True)) == QUEUE_QUERIES


@pytest.mark.parametrize("scale", [1, 10])
def test_the_item_and_its_history_cost_a_fixed_number_of_queries(mod_client, moderator, scale):
    first = seed(scale, moderator)
    # The first person has many more comments by IP hash when the data grows.
    assert Comment.objects.filter(ip_hash=first.ip_hash).count() >= 12 * scale
    url = reverse("moderation:comment", args=[first.pk])
    queries = queries_for(mod_client, url, cold=True)
    assert len(queries) == DETAIL_QUERIES, "\n".join(queries)
