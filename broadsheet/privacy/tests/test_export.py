"""The data page and its JSON export show exactly the person's data, in few queries."""

import json

import pytest
from django.utils import timezone

from broadsheet.core.hashing import keyed_hash
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Passage
from broadsheet.moderation.models import PersonNote, Report, Sanction, Target
from broadsheet.privacy import notices
from broadsheet.privacy.export import SCHEMA, VERSION
from broadsheet.privacy.views import SESSION_EMAIL, SESSION_UNTIL

from .conftest import Browser, lea_trail, mail_link, rate, subscribe, vote, voter

pytestmark = pytest.mark.django_db


def as_lea(browser: Browser, email="lea@example.org") -> Browser:
    browser.ask_for_link(email)
    browser.open_link(mail_link(notices.DATA_LINK, "/link/", to=email))
    return browser


def exported(browser) -> dict:
    response = browser.get("/privacy/my-data/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    return json.loads(response.content)


def test_a_guest_exports_exactly_their_comments_votes_ratings_and_subscriptions(browser, article):
    mine, other = lea_trail(article)
    Passage.objects.create(comment=mine, article=article, exact="die Stadtbahn", start=0, end=13)
    # People with similar addresses, and their trails: none of it is Lea's.
    for email in ("lea@example.org.evil", "xlea@example.org", "lea+x@example.org"):
        make_comment(
            article, author_email=email, body=f"Nicht Lea: {email}", author_key=voter(email)
        )
        subscribe(article, email)
    vote(mine, voter("otto"), -1)  # Otto's vote on Lea's comment is Otto's
    rate(make_article("Zweiter Artikel"), voter("otto"), 2)
    subscribe(article, "lea@example.org", scope="replies")
    data = exported(as_lea(browser))
    assert data["schema"] == SCHEMA and data["version"] == VERSION
    assert data["subject"] == {"email": "lea@example.org", "account": None}
    [comment] = data["comments"]
    assert comment["body"] == "Leas Meinung zur Stadtbahn."
    assert comment["status"] == "approved"
    assert comment["passage"] == "die Stadtbahn"
    assert comment["article"] == {
        "title": "Streit um die Stadtbahn",
        "url": "https://zeitung.example" + article.get_absolute_url(),
    }
    assert comment["url"] == "https://zeitung.example" + mine.get_absolute_url()
    assert [(v["comment_id"], v["value"]) for v in data["votes"]] == [(other.pk, 1)]
    assert [(r["article"]["title"], r["stars"]) for r in data["ratings"]] == [
        ("Streit um die Stadtbahn", 4)
    ]
    assert [s["scope"] for s in data["subscriptions"]] == ["replies"]
    assert data["stored_not_shown"] == [{"kind": "ip_hash", "count": 1, "retention_days": 90}]
    assert "a" * 32 not in json.dumps(data)  # the IP hash is named, never shown
    assert data["erasure"] is None


def test_sanctions_notes_and_reports_filed_are_part_of_the_export(browser, article, moderator):
    mine, other = lea_trail(article)
    Sanction.objects.create(kind="warning", target=Target.EMAIL, value="lea@example.org",
                            reason="insult", message="Bitte sachlich bleiben.")  # fmt: skip
    Sanction.objects.create(kind="ban", target=Target.EMAIL, value="otto@example.org",
                            reason="spam")  # fmt: skip
    PersonNote.objects.create(target=Target.VOTER, value=voter("lea"), text="Schreibt oft spät.",
                              author=moderator)  # fmt: skip
    PersonNote.objects.create(target=Target.VOTER, value=voter("otto"), text="Ottos Notiz")
    Report.objects.create(comment=other, comment_text=other.body, comment_author="Otto",
                          category="off_topic", reporter_email="lea@example.org",
                          reporter_key=voter("lea"), language="de")  # fmt: skip
    data = exported(as_lea(browser))
    assert [(s["kind"], s["message"]) for s in data["sanctions"]] == [
        ("warning", "Bitte sachlich bleiben.")
    ]
    assert data["moderator_notes"] == [
        {"text": "Schreibt oft spät.", "created_at": data["moderator_notes"][0]["created_at"]}
    ]
    assert [r["category"] for r in data["reports_filed"]] == ["off_topic"]
    assert "moritz" not in json.dumps(data)  # the moderator who wrote the note is not named


def test_an_account_exports_its_comments_and_the_votes_of_its_account_identity(
    client, reader, article
):
    mine = make_comment(article, user=reader, author_name="Lea", author_email="", body="Konto")
    other = make_comment(article, body="Fremd", author_email="lea@example.org")
    vote(other, keyed_hash(f"user:{reader.pk}", purpose="voter"))
    client.force_login(reader)
    response = client.get("/privacy/my-data/export.json")
    data = json.loads(response.content)
    assert data["subject"]["account"]["username"] == "lea"
    # The account's address was never proven: comments under that address are not its.
    assert data["subject"]["email"] is None
    assert [c["id"] for c in data["comments"]] == [mine.pk]
    assert [v["comment_id"] for v in data["votes"]] == [other.pk]


def test_a_proven_account_address_brings_the_guest_comments_written_with_it(
    client, reader, article
):
    reader.email_confirmed_at = timezone.now()
    reader.save()
    guest = make_comment(article, author_email="lea@example.org", body="Als Gast")
    client.force_login(reader)
    data = json.loads(client.get("/privacy/my-data/export.json").content)
    assert [c["id"] for c in data["comments"]] == [guest.pk]


def test_a_session_past_its_hour_no_longer_shows_the_data(client, article):
    lea_trail(article)
    session = client.session
    session[SESSION_EMAIL] = "lea@example.org"
    session[SESSION_UNTIL] = 0
    session.save()
    assert client.get("/privacy/my-data/export.json").status_code == 302


def _seed(article, n: int):
    for i in range(n):
        target = make_article(f"Artikel {i}")
        c = make_comment(target, author_email="lea@example.org", author_key=voter("lea"))
        Passage.objects.create(comment=c, article=target, exact="Zitat", start=0, end=5)
        other = make_comment(target, author_email="otto@example.org")
        vote(other, voter("lea"))
        rate(target, voter("lea"), 3)
        subscribe(target, "lea@example.org")


@pytest.mark.parametrize("n", [1, 10])
def test_the_data_page_takes_the_same_queries_however_much_there_is(
    client, article, n, django_assert_num_queries
):
    _seed(article, n)
    session = client.session
    session[SESSION_EMAIL] = "lea@example.org"
    session[SESSION_UNTIL] = 2**40
    session.save()
    # The session; comments, votes, ratings, subscriptions, sanctions, notes, reports,
    # error reports, a waiting erasure; the site's versions and chrome (publication,
    # footer pages, sections: cold cache).
    with django_assert_num_queries(14):
        response = client.get("/privacy/my-data/")
    assert response.content.decode().count("Ein Kommentar.") == n
    # The export: the session and the nine of the data.
    with django_assert_num_queries(10):
        assert client.get("/privacy/my-data/export.json").status_code == 200
