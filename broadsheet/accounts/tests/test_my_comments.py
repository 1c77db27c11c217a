"""My comments: every status, edit within the window, delete (a tombstone with replies)."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadsheet.accounts.models import User
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment, Thread
from broadsheet.discussion.services import DiscussionError, post_comment
from broadsheet.moderation import services as moderation
from broadsheet.moderation.models import AuditEntry, Reason, Sanction, Target

from .conftest import ask_for_link, newest_link_path, signed_in_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def cold() -> None:
    for alias in ("default", "fragments"):
        caches[alias].clear()


def own(article, user, **fields):
    fields.setdefault("author_name", user.get_display_name())
    return make_comment(article, user=user, author_email=user.email, **fields)


def test_my_comments_needs_a_signed_in_reader(client):
    response = client.get("/account/comments/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_each_comment_shows_its_status_and_removal_reason(client, reader, article):
    own(article, reader, body="Veröffentlicht.")
    own(article, reader, body="Wartet.", status="pending")
    removed = own(article, reader, body="Beleidigend.")
    moderation.reject_comments(
        Comment.objects.filter(pk=removed.pk), actor=None, reason=Reason.INSULT, notify_author=False
    )
    make_comment(article, body="Von jemand anderem.")
    client.force_login(reader)

    html = client.get("/account/comments/").content.decode()

    assert "Published" in html and "Waiting for moderation" in html and "Removed: Insult" in html
    assert "Veröffentlicht." in html and "Wartet." in html
    assert "Von jemand anderem." not in html
    assert html.index("Beleidigend.") < html.index("Wartet.") < html.index("Veröffentlicht.")


def test_edit_is_offered_within_the_window_only(client, reader, article, settings):
    settings.BROADSHEET_COMMENT_EDIT_MINUTES = 15
    fresh = own(article, reader, body="Frisch.")
    old = own(
        article, reader, body="Alt.", created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.force_login(reader)
    html = client.get("/account/comments/").content.decode()
    assert f"/discussion/comments/{fresh.pk}/edit/" in html
    assert f"/discussion/comments/{old.pk}/edit/" not in html
    # The discussion's own edit view takes it from there.
    response = client.post(f"/discussion/comments/{fresh.pk}/edit/", {"body": "Korrigiert."})
    assert response.status_code == 303
    assert Comment.objects.get(pk=fresh.pk).body == "Korrigiert."


def test_deleting_a_comment_with_replies_leaves_a_tombstone(client, reader, article):
    mine = own(article, reader, body="Meine Meinung.")
    reply = make_comment(article, parent=mine, body="Eine Antwort.")
    version = Thread.objects.get(pk=article.pk).version
    client.force_login(reader)

    page = client.get(f"/account/comments/{mine.pk}/delete/").content.decode()
    assert "This comment has replies" in page
    response = client.post(f"/account/comments/{mine.pk}/delete/")

    assert response["Location"] == "/account/comments/?deleted=tombstone"
    mine.refresh_from_db()
    assert mine.status == Comment.Status.TRASH and mine.tombstone
    assert mine.removal_reason == "author" and mine.body == mine.body_html == ""
    thread = Thread.objects.get(pk=article.pk)
    assert thread.has_tombstones and thread.version > version and thread.comment_count == 1
    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.APPROVED
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert entry.actor == reader and not entry.automated and entry.comment_id == mine.pk
    assert entry.before == {"status": "approved"} and entry.after == {"tombstone": True}

    thread_html = client.get(article.get_absolute_url()).content.decode()
    assert "deleted by its author" in thread_html and "Meine Meinung." not in thread_html
    assert "Eine Antwort." in thread_html
    listing = client.get("/account/comments/").content.decode()
    assert "Deleted by you" in listing
    assert f"/account/comments/{mine.pk}/delete/" not in listing
    again = client.post(f"/account/comments/{mine.pk}/delete/")
    assert again.status_code == 400 and "already deleted" in again.content.decode()


def test_deleting_a_comment_without_replies_removes_it(client, reader, article):
    mine = own(article, reader, body="Weg damit.")
    client.force_login(reader)

    response = client.post(f"/account/comments/{mine.pk}/delete/")

    assert response["Location"] == "/account/comments/?deleted=removed"
    assert not Comment.objects.filter(pk=mine.pk).exists()
    assert Thread.objects.get(pk=article.pk).comment_count == 0
    assert AuditEntry.objects.get(action=AuditEntry.Action.DELETE).comment_id == mine.pk
    assert "Weg damit." not in client.get(article.get_absolute_url()).content.decode()


def test_nobody_deletes_someone_elses_comment(client, reader, article):
    theirs = make_comment(article, body="Nicht deins.")
    client.force_login(reader)
    assert client.get(f"/account/comments/{theirs.pk}/delete/").status_code == 404
    assert client.post(f"/account/comments/{theirs.pk}/delete/").status_code == 404
    assert Comment.objects.filter(pk=theirs.pk).exists()


def test_the_list_pages_by_keyset_in_the_same_number_of_queries(
    client, reader, article, django_assert_num_queries
):
    other = make_article("Zweiter Artikel")
    comments = [own(other if i % 2 else article, reader, body=f"Nummer {i}.") for i in range(45)]
    client.force_login(reader)

    # Cold: session, user, one page of comments with their articles, and the site's
    # chrome (version, publication, footer pages, sections); the same on every page.
    cold()
    with django_assert_num_queries(7):
        first = client.get("/account/comments/")
    html = first.content.decode()
    assert "Nummer 44." in html and "Nummer 25." in html and "Nummer 24." not in html
    assert f'href="?before={comments[25].pk}"' in html
    cold()
    with django_assert_num_queries(7):
        last = client.get(f"/account/comments/?before={comments[5].pk}")
    html = last.content.decode()
    assert "Nummer 4." in html and "Nummer 0." in html and "Older comments" not in html


def test_the_query_count_does_not_grow_with_the_comments(client, reader, article):
    client.force_login(reader)
    counts = []
    for total in (2, 20):
        while Comment.objects.filter(user=reader).count() < total:
            own(make_article(), reader)
        cold()
        with CaptureQueriesContext(connection) as queries:
            client.get("/account/comments/")
        counts.append(len(queries))
    assert counts[0] == counts[1] == 7


def test_a_banned_account_signs_in_sees_and_deletes_but_cannot_comment(client, reader, article):
    mine = own(article, reader, body="Vor der Sperre.")
    moderation.sanction_person(
        moderation.Person(Target.ACCOUNT, str(reader.pk)),
        actor=None,
        kind=Sanction.Kind.BAN,
        reason=Reason.INSULT,
        message="Wiederholte Beleidigungen.",
    )
    ask_for_link(client, "lea@example.org")
    client.post(newest_link_path("lea@example.org"))
    assert signed_in_user(client) == reader

    assert "Vor der Sperre." in client.get("/account/comments/").content.decode()
    from broadsheet.discussion.identity import Viewer

    viewer = Viewer(user=User.objects.get(pk=reader.pk), voter_token="x", ip_hash="")
    with pytest.raises(DiscussionError) as refused:
        post_comment(article, viewer=viewer, body="Nach der Sperre.")
    assert refused.value.status == 403 and "Wiederholte Beleidigungen." in refused.value.message
    assert client.post(f"/account/comments/{mine.pk}/delete/").status_code == 303
    assert not Comment.objects.filter(user=reader).exists()
