"""Every write path shows on the next request, and the counters stay exact.

Each test first views the article (so the comment fragments, the thread page and the
whole discussion are cached), then writes by one path, then views it again.
"""

import re

import pytest
from django.test import Client

from broadsheet.core.testing import make_comment
from broadsheet.discussion import services
from broadsheet.discussion.models import Comment, Thread

from .conftest import Reader

pytestmark = pytest.mark.django_db


def page(article) -> str:
    return Reader(Client()).page(article)


def heading(html: str) -> str:
    return re.search(r'<h2 id="comments-title">([^<]*)</h2>', html).group(1).strip()


def count(article) -> int:
    return Thread.objects.get(pk=article.pk).comment_count


def change_form(comment, **changes) -> dict:
    data = {
        "status": comment.status,
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
        "body": comment.body,
    }
    return {**data, **changes}


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def insult(article):
    return make_comment(
        article,
        body="Der Autor ist ein Vollidiot.",
        author_name="Hans Müller aus der Lindenstraße 4",
        author_url="https://hans.example/",
    )


def test_a_moderators_admin_edit_of_text_name_and_website_shows_on_the_next_request(
    admin_client, article, insult
):
    before = page(article)
    assert "Vollidiot" in before and "Lindenstraße" in before and "hans.example" in before

    response = admin_client.post(
        f"/admin/discussion/comment/{insult.pk}/change/",
        change_form(insult, body="[Beleidigung entfernt]", author_name="Hans M.", author_url=""),
    )
    assert response.status_code == 302

    after = page(article)
    assert "Vollidiot" not in after and "[Beleidigung entfernt]" in after
    assert "Lindenstraße" not in after and "Hans M." in after
    assert "hans.example" not in after
    assert Comment.objects.get(pk=insult.pk).body_html.strip() == "<p>[Beleidigung entfernt]</p>"


def test_an_admin_edit_moves_the_thread_version_in_the_same_save(admin_client, article, insult):
    version = Thread.objects.get(pk=article.pk).version
    admin_client.post(
        f"/admin/discussion/comment/{insult.pk}/change/", change_form(insult, body="Sachlich.")
    )
    assert Thread.objects.get(pk=article.pk).version > version


def test_the_revise_service_shows_a_redaction_on_the_next_request(article, insult):
    assert "Vollidiot" in page(article)
    services.revise_comment(insult, body="[entfernt]", author_name="Hans M.")
    after = page(article)
    assert "Vollidiot" not in after and "[entfernt]" in after and "Hans M." in after


def test_marking_spam_and_approving_again_in_the_admin_form_keeps_the_edit_and_the_count(
    admin_client, article, insult
):
    make_comment(article, body="Ein zweiter Kommentar.")
    page(article)
    url = f"/admin/discussion/comment/{insult.pk}/change/"
    admin_client.post(url, change_form(insult, status="spam", body="[entfernt]"))
    assert count(article) == 1
    html = page(article)
    assert "[entfernt]" not in html and "Vollidiot" not in html
    assert heading(html) == "1 Kommentar"

    insult.refresh_from_db()
    admin_client.post(url, change_form(insult, status="approved"))
    html = page(article)
    assert count(article) == 2 and heading(html) == "2 Kommentare"
    assert "[entfernt]" in html and "Vollidiot" not in html


def test_deleting_a_comment_in_the_admin_leaves_the_count_exact(admin_client, article, insult):
    make_comment(article, body="Bleibt stehen.")
    assert heading(page(article)) == "2 Kommentare"

    response = admin_client.post(f"/admin/discussion/comment/{insult.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302

    html = page(article)
    assert count(article) == 1 and heading(html) == "1 Kommentar"
    assert "Vollidiot" not in html and "Bleibt stehen." in html


def test_delete_selected_in_the_admin_takes_replies_along_and_recounts(
    admin_client, article, insult
):
    reply = make_comment(article, parent=insult, body="Antwort auf die Beleidigung.")
    make_comment(article, parent=reply, body="Antwort auf die Antwort.")
    other = make_comment(article, body="Noch einer.")
    keeper = make_comment(article, body="Bleibt stehen.")
    assert heading(page(article)) == "5 Kommentare"

    response = admin_client.post(
        "/admin/discussion/comment/",
        {"action": "delete_selected", "_selected_action": [insult.pk, other.pk], "post": "yes"},
    )
    assert response.status_code == 302

    html = page(article)
    assert list(Comment.objects.values_list("pk", flat=True)) == [keeper.pk]
    assert count(article) == 1 and heading(html) == "1 Kommentar"
    assert "Antwort auf die Antwort." not in html and "Noch einer." not in html


def test_the_admin_bulk_status_actions_show_at_once_with_exact_counts(
    admin_client, article, insult
):
    held = make_comment(article, status="pending", body="Wartet auf Freischaltung.")
    keeper = make_comment(article, body="Bleibt stehen.")
    assert heading(page(article)) == "2 Kommentare"

    def act(action, *comments):
        response = admin_client.post(
            "/admin/discussion/comment/",
            {"action": action, "_selected_action": [c.pk for c in comments]},
        )
        assert response.status_code == 302

    act("mark_spam", insult, keeper)
    html = page(article)
    assert count(article) == 0 and "Vollidiot" not in html and "Bleibt stehen." not in html
    act("mark_approved", held, keeper)
    html = page(article)
    assert count(article) == 2 and heading(html) == "2 Kommentare"
    assert "Wartet auf Freischaltung." in html and "Bleibt stehen." in html
    act("reject_off_topic", held)
    act("mark_pending", keeper)
    html = page(article)
    assert count(article) == 0 and "Wartet auf Freischaltung." not in html


def test_closing_a_thread_in_the_admin_list_hides_the_form_on_the_next_request(
    admin_client, article, insult
):
    assert 'id="respond"' in page(article)
    response = admin_client.post(
        "/admin/discussion/thread/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-article": str(article.pk),
            "form-0-closed": "on",
            "_save": "Speichern",
        },
    )
    assert response.status_code == 302
    assert Thread.objects.get(pk=article.pk).closed
    assert 'id="respond"' not in page(article)


def test_a_comment_deleted_in_a_shell_is_recounted_all_the_same(article, insult):
    reply = make_comment(article, parent=insult, body="Antwort.")
    make_comment(article, body="Bleibt stehen.")
    assert heading(page(article)) == "3 Kommentare"
    insult.delete()  # no service: the post_delete safety net recounts
    assert count(article) == 1 and heading(page(article)) == "1 Kommentar"
    assert not Comment.objects.filter(pk=reply.pk).exists()
    Comment.objects.all().delete()
    assert count(article) == 0


def test_a_status_change_recounts_a_counter_that_had_drifted(article, insult):
    Thread.objects.filter(pk=article.pk).update(comment_count=7)  # wrong, from long ago
    held = make_comment(article, status="pending", body="Wartet.")
    services.set_comment_status(held, Comment.Status.APPROVED)
    assert count(article) == 2


def test_a_plain_update_of_a_comment_row_changes_its_cached_fragment(article, insult):
    # The fragment key hashes the stored row, so even a write that bypasses every
    # service (and bumps nothing) cannot leave the old text in the comment's fragment.
    from broadsheet.discussion.context import _thread
    from broadsheet.discussion.identity import Viewer

    viewer = Viewer(user=None, voter_token="", ip_hash="")
    first = _thread(
        article, Thread.objects.get(pk=article.pk), viewer, sort="oldest", cursor=None,
        is_open=True, returning=True, filter_="all",
    )  # fmt: skip
    assert "Vollidiot" in first.html
    Comment.objects.filter(pk=insult.pk).update(body_html="<p>[entfernt]</p>")
    again = _thread(
        article, Thread.objects.get(pk=article.pk), viewer, sort="oldest", cursor=None,
        is_open=True, returning=True, filter_="all",
    )  # fmt: skip
    assert "Vollidiot" not in again.html and "[entfernt]" in again.html
