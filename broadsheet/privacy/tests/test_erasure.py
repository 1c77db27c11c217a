"""Erasure: asked for on the data page, cancellable for the grace period, then carried out
by the worker, with every counter and every cached page following."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from broadsheet.accounts.models import User
from broadsheet.core.hashing import keyed_hash
from broadsheet.core.testing import make_comment
from broadsheet.discussion.models import Comment, Rating, Thread, Vote
from broadsheet.moderation import services as moderation
from broadsheet.moderation.models import AuditEntry, PersonNote, Report, Sanction, Target
from broadsheet.notifications.models import Delivery, Subscriber
from broadsheet.notifications.tests.conftest import run_worker
from broadsheet.privacy import notices
from broadsheet.privacy.erasure import carry_out
from broadsheet.privacy.models import ErasureLog, ErasureRequest

from .conftest import lea_trail, mail_link, subscribe, vote, voter

pytestmark = pytest.mark.django_db


def page(article) -> str:
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def ask_for_erasure(browser, email="lea@example.org"):
    browser.ask_for_link(email)
    browser.open_link(mail_link(notices.DATA_LINK, "/link/", to=email))
    return browser.post("/privacy/my-data/erase/", {"confirm": "on"}, form_page="/privacy/my-data/")


def after_grace(settings, request=None):
    request = request or ErasureRequest.objects.get()
    return request.due_at + datetime.timedelta(seconds=1)


def tombstone_text() -> str:
    with translation.override("de"):
        return gettext("Comment removed: %(reason)s") % {"reason": gettext("deleted by its author")}


def test_asking_schedules_the_erasure_with_a_mail_and_a_deferred_task(browser, article, settings):
    lea_trail(article)
    response = ask_for_erasure(browser)
    assert response.status_code == 302 and response["Location"].endswith("?state=erasure")
    request = ErasureRequest.objects.get()
    assert request.email == "lea@example.org"
    assert request.due_at - request.requested_at == datetime.timedelta(hours=24)
    assert Delivery.objects.filter(kind=notices.ERASURE, to="lea@example.org").count() == 1
    task = DBTaskResult.objects.get(task_path="broadsheet.privacy.tasks.carry_out_erasure")
    assert task.run_after == request.due_at and task.args_kwargs["args"] == [request.pk]
    # A second request changes nothing: the waiting one stands.
    browser.post("/privacy/my-data/erase/", {"confirm": "on"}, form_page="/privacy/my-data/")
    assert ErasureRequest.objects.count() == 1
    assert "Leas Meinung" in page(article)  # nothing erased during the grace period
    assert carry_out(request.pk) is None


def test_the_box_must_be_ticked(browser, article):
    lea_trail(article)
    browser.ask_for_link("lea@example.org")
    browser.open_link(mail_link(notices.DATA_LINK, "/link/", to="lea@example.org"))
    response = browser.post("/privacy/my-data/erase/", {}, form_page="/privacy/my-data/")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ErasureRequest.objects.exists()


# The worker runs as in production, outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_after_the_grace_period_the_worker_erases_and_the_article_shows_the_tombstone(
    browser, article, settings
):
    mine, other = lea_trail(article)
    reply = make_comment(article, parent=mine, author_name="Otto", author_email="otto@example.org",
                         body="Antwort von Otto.")  # fmt: skip
    lonely = make_comment(article, author_email="lea@example.org", author_key=voter("lea"),
                          body="Leas zweiter Kommentar.")  # fmt: skip
    vote(reply, voter("lea"), -1)
    subscribe(article, "lea@example.org")
    before = page(article)  # cached now: the erasure must replace every copy
    assert "Leas Meinung zur Stadtbahn." in before and "Leas zweiter Kommentar." in before
    ask_for_erasure(browser)
    with time_machine.travel(after_grace(settings)):
        run_worker()
    assert not ErasureRequest.objects.exists()
    after = page(article)
    assert "Leas Meinung" not in after and "Leas zweiter" not in after
    assert "Antwort von Otto." in after and tombstone_text() in after
    tomb = Comment.objects.get(pk=mine.pk)
    assert (tomb.status, tomb.tombstone, tomb.body, tomb.author_name, tomb.author_email,
            tomb.ip_hash, tomb.author_key) == ("trash", True, "", "", "", "", "")  # fmt: skip
    assert not Comment.objects.filter(pk=lonely.pk).exists()
    thread = Thread.objects.get(pk=article.pk)
    assert thread.comment_count == 2  # Otto's comment and his reply
    assert (thread.rating_count, thread.rating_sum) == (0, 0)
    other.refresh_from_db()
    reply.refresh_from_db()
    assert (other.upvotes, other.score, reply.downvotes, reply.score) == (0, 0, 0, 0)
    assert not Vote.objects.filter(voter_key=voter("lea")).exists()
    assert not Rating.objects.exists()
    assert not Subscriber.objects.filter(email="lea@example.org").exists()
    assert not Delivery.objects.filter(to="lea@example.org").exists()
    log = ErasureLog.objects.get()
    assert log.email_hash == keyed_hash("lea@example.org", purpose="erasure")
    assert log.counts == {"votes": 2, "ratings": 1, "comments_deleted": 1, "comments_blanked": 1,
                          "subscriptions": 1, "account": 0}  # fmt: skip
    assert "lea" not in str(log.counts) + log.email_hash


def test_remove_takes_the_comment_off_the_thread_without_a_tombstone(browser, article, settings):
    settings.BROADSHEET_ERASURE_COMMENTS = "remove"
    mine, _other = lea_trail(article)
    make_comment(article, parent=mine, author_email="otto@example.org", body="Antwort von Otto.")
    page(article)
    ask_for_erasure(browser)
    carry_out(ErasureRequest.objects.get().pk, now=after_grace(settings))
    after = page(article)
    assert "Leas Meinung" not in after and tombstone_text() not in after
    hidden = Comment.objects.get(pk=mine.pk)
    assert (hidden.status, hidden.tombstone, hidden.body) == ("trash", False, "")
    # Otto's reply is Otto's: kept, though out of the thread's view with its parent.
    assert Comment.objects.filter(body="Antwort von Otto.").exists()


# The worker runs as in production, outside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_the_cancel_link_of_the_mail_cancels_with_a_button(browser, article, settings, english):
    lea_trail(article)
    ask_for_erasure(browser)
    path = mail_link(notices.ERASURE, "/privacy/erasure/", to="lea@example.org")
    assert browser.get(path).status_code == 200
    assert ErasureRequest.objects.exists()  # opening the link changes nothing
    done = browser.post(path)
    assert done.status_code == 200
    assert "The erasure is cancelled." in done.content.decode()
    assert not ErasureRequest.objects.exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        run_worker()
    assert "Leas Meinung zur Stadtbahn." in page(article)
    assert not ErasureLog.objects.exists()
    again = browser.post(path)
    assert again.status_code == 404
    assert "There is no erasure waiting for this link" in again.content.decode()


def test_the_data_page_cancels_too(browser, article, english):
    lea_trail(article)
    ask_for_erasure(browser)
    assert "Cancel the erasure" in browser.get("/privacy/my-data/").content.decode()
    response = browser.post("/privacy/my-data/cancel/", form_page="/privacy/my-data/")
    assert response["Location"].endswith("?state=cancelled")
    assert not ErasureRequest.objects.exists()


def test_a_forged_cancel_link_says_so(browser, english):
    response = browser.get("/privacy/erasure/nichts/")
    assert response.status_code == 404
    assert "There is no erasure waiting for this link" in response.content.decode()


def test_the_audit_log_and_reports_keep_that_something_happened_not_the_text(
    browser, article, moderator, settings
):
    mine, _other = lea_trail(article)
    moderation.edit_comment(mine, actor=moderator, body="Leas Meinung, gekürzt.")
    moderation.add_note(moderation.Person(Target.EMAIL, "lea@example.org"), actor=moderator,
                        text="Lea schreibt sehr viel.")  # fmt: skip
    Report.objects.create(comment=mine, comment_text="Leas Meinung zur Stadtbahn.",
                          comment_author="Lea", category="spam", reporter_key=voter("otto"),
                          language="de")  # fmt: skip
    warning = Sanction.objects.create(kind="warning", target=Target.EMAIL,
                                      value="lea@example.org", reason="insult",
                                      lifted_at=timezone.now())  # fmt: skip
    ban = Sanction.objects.create(kind="ban", target=Target.EMAIL, value="lea@example.org",
                                  reason="insult")  # fmt: skip
    ask_for_erasure(browser)
    carry_out(ErasureRequest.objects.get().pk, now=after_grace(settings))
    trail = " ".join(f"{e.detail} {e.value} {e.before} {e.after}" for e in AuditEntry.objects.all())
    assert "Leas Meinung" not in trail and "lea@example.org" not in trail
    assert "Lea schreibt" not in trail
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EDIT, comment_id=mine.pk).exists()
    report = Report.objects.get()
    assert "Leas Meinung" not in report.comment_text and report.comment_author != "Lea"
    assert not PersonNote.objects.exists()
    assert not Sanction.objects.filter(pk=warning.pk).exists()
    assert Sanction.objects.filter(pk=ban.pk).exists()  # in force: the house rules still apply


def test_an_account_is_erased_and_closed(client, reader, article, settings, english):
    make_comment(article, user=reader, author_name="Lea", author_email="", body="Vom Konto.")
    client.force_login(reader)
    page_before = client.get("/privacy/my-data/").content.decode()
    assert "Your account is closed." in page_before
    client.post("/privacy/my-data/erase/", {"confirm": "on"})
    request = ErasureRequest.objects.get()
    assert request.user_id == reader.pk and request.email == ""
    assert Delivery.objects.filter(kind=notices.ERASURE, to="lea@example.org").exists()
    carry_out(request.pk, now=after_grace(settings))
    reader.refresh_from_db()
    assert not reader.is_active and reader.email == "" and reader.display_name == ""
    assert not reader.has_usable_password()
    assert not Comment.objects.filter(body="Vom Konto.").exists()
    assert ErasureLog.objects.get().subject == ErasureLog.Subject.ACCOUNT
    assert client.get("/privacy/my-data/").context["user"].is_authenticated is False


def test_a_newsroom_account_is_not_erased_here(client, moderator, english):
    client.force_login(moderator)
    response = client.post("/privacy/my-data/erase/", {"confirm": "on"})
    assert response.status_code == 403
    assert "Newsroom accounts are not erased here." in response.content.decode()
    assert not ErasureRequest.objects.exists()
    assert User.objects.get(pk=moderator.pk).is_active
