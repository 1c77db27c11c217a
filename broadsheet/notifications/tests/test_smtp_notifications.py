"""Notifications over a real SMTP conversation: who gets what, with which headers."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from broadsheet.core.testing import make_comment
from broadsheet.discussion.models import Comment
from broadsheet.discussion.services import set_comment_status
from broadsheet.notifications import services
from broadsheet.notifications.models import Delivery, Subscriber, Subscription

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    settings.BROADSHEET_MODERATION = "none"


def confirmed(reader, article, worker, smtp, scope="article"):
    """Subscribe from the bar, then click the link in the confirmation e-mail."""
    reader.subscribe(article, scope=scope)
    worker()
    confirmation = smtp.to(reader.email)[-1]
    assert reader.confirm(confirmation.link("/notifications/confirm/")).status_code == 200
    smtp.clear()


def test_a_subscriber_gets_new_comments_with_unsubscribe_and_threading_headers(
    article, lea, max_, smtp, worker
):
    confirmed(lea, article, worker, smtp)

    max_.comment(article, "Die Stadtbahn kommt zu spät.")
    worker()

    [mail] = smtp.messages
    assert mail.recipients == ["lea@example.org"]
    assert mail.sender == "noreply@zeitung.example"
    assert mail["From"] == "Broadsheet <noreply@zeitung.example>"
    assert mail.subject == "Neuer Kommentar zu „Streit um die Stadtbahn“"
    assert mail["Content-Language"] == "de"
    assert "Max Mustermann hat „Streit um die Stadtbahn“ kommentiert" in mail.text
    assert "Die Stadtbahn kommt zu spät." in mail.text
    assert "<p>Die Stadtbahn kommt zu spät.</p>" in mail.html
    comment = Comment.objects.get()
    link = f"https://zeitung.example/comment/{comment.pk}/#comment-{comment.pk}"
    assert link in mail.text and f'href="{link}"' in mail.html
    subscription = Subscription.objects.get()
    unsubscribe = f"https://zeitung.example/notifications/unsubscribe/{subscription.token}/"
    assert mail["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in mail.text
    delivery = Delivery.objects.get(kind=Delivery.Kind.COMMENT)
    assert mail["Message-ID"] == f"<{delivery.message_id}>"
    assert mail["Message-ID"].endswith("@zeitung.example>")
    assert mail["In-Reply-To"] == f"<discussion.{article.pk}@zeitung.example>"
    assert mail["References"] == f"<discussion.{article.pk}@zeitung.example>"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail.message.get_content_type() == "multipart/alternative"
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 1


def test_english_subscribers_get_english_mail(settings, article, lea, max_, smtp, worker):
    settings.LANGUAGE_CODE = "en"
    confirmed(lea, article, worker, smtp)

    max_.comment(article, "The tram is late.")
    worker()

    [mail] = smtp.messages
    assert mail.subject == "New comment on “Streit um die Stadtbahn”"
    assert mail["Content-Language"] == "en"
    assert "Max Mustermann commented on “Streit um die Stadtbahn”" in mail.text
    assert "Unsubscribe from this discussion" in mail.text


def test_each_subscriber_gets_mail_in_the_language_they_subscribed_in(
    settings, article, lea, kim, max_, smtp, worker
):
    confirmed(lea, article, worker, smtp)
    settings.LANGUAGE_CODE = "en"
    confirmed(kim, article, worker, smtp)

    max_.comment(article)
    worker()

    assert smtp.to(lea.email)[0].subject == "Neuer Kommentar zu „Streit um die Stadtbahn“"
    assert smtp.to(kim.email)[0].subject == "New comment on “Streit um die Stadtbahn”"


def test_a_new_address_gets_only_the_confirmation_until_it_confirms(
    article, lea, max_, smtp, worker
):
    lea.subscribe(article)
    max_.comment(article, "Erster Kommentar.")
    worker()

    [confirmation] = smtp.messages
    assert confirmation.recipients == ["lea@example.org"]
    assert confirmation.subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert "Streit um die Stadtbahn" in confirmation.text
    assert confirmation["List-Unsubscribe"] is None

    lea.subscribe(article)  # impatient: asks again
    max_.comment(article, "Zweiter Kommentar.")
    worker()
    assert len(smtp.messages) == 1, "no second confirmation, no notification"

    lea.confirm(confirmation.link("/notifications/confirm/"))
    max_.comment(article, "Dritter Kommentar.")
    worker()
    assert [m.subject for m in smtp.to(lea.email)][1:] == [
        "Neuer Kommentar zu „Streit um die Stadtbahn“"
    ]
    assert "Dritter Kommentar." in smtp.messages[-1].text


def test_one_email_per_comment_even_when_several_subscriptions_match(
    article, lea, max_, smtp, worker
):
    leas_comment = make_comment(article, author_name="Lea", author_email="lea@example.org")
    confirmed(lea, article, worker, smtp, scope="replies")
    trusted_browser = Subscriber.objects.get(email=lea.email).trusted_keys[0]
    services.subscribe(
        lea.email, article=article, scope="comment", comment=leas_comment, language="de",
        voter_key=trusted_browser,
    )  # fmt: skip
    assert Subscription.objects.confirmed().count() == 2

    max_.comment(article, "Antwort an Lea.", reply_to=leas_comment.pk)
    worker()
    services.notify_subscribers(Comment.objects.get(body="Antwort an Lea."))  # again: no-op
    worker()

    [mail] = smtp.messages
    assert mail.subject == (
        "Max Mustermann hat auf Ihren Kommentar zu „Streit um die Stadtbahn“ geantwortet"
    )


def test_pending_and_spam_comments_notify_nobody_and_approval_notifies_once(
    settings, article, lea, max_, smtp, worker
):
    confirmed(lea, article, worker, smtp)
    settings.BROADSHEET_MODERATION = "all"
    max_.comment(article, "Ein zurückgehaltener Kommentar.")
    worker()
    held = Comment.objects.get()
    assert held.status == Comment.Status.PENDING
    spam = make_comment(article, status="spam", body="Kauft Uhren!")
    services.notify_subscribers(spam)
    worker()
    assert smtp.to(lea.email) == []

    set_comment_status(held, Comment.Status.APPROVED)
    worker()
    set_comment_status(held, Comment.Status.SPAM)
    set_comment_status(held, Comment.Status.APPROVED)
    worker()

    [mail] = smtp.to(lea.email)
    assert "Ein zurückgehaltener Kommentar." in mail.text


def test_a_comment_unpublished_before_its_mail_went_out_is_not_sent(
    article, lea, max_, smtp, worker
):
    confirmed(lea, article, worker, smtp)
    max_.comment(article, "Gleich wieder weg.")
    worker(max_tasks=1)  # decides who gets it, sends nothing yet
    set_comment_status(Comment.objects.get(), Comment.Status.SPAM)
    worker()

    assert smtp.messages == []
    assert Delivery.objects.get(kind="comment").status == Delivery.Status.CANCELLED


def test_the_author_of_a_comment_is_not_notified_of_it(article, lea, max_, smtp, worker):
    confirmed(lea, article, worker, smtp)
    confirmed(max_, article, worker, smtp)

    lea.comment(article, "Mein eigener Kommentar.")
    worker()

    assert [m.recipients for m in smtp.messages] == [["max@example.org"]]


def test_replies_scope_notifies_of_replies_to_my_comments_only(
    article, lea, max_, kim, smtp, worker
):
    confirmed(lea, article, worker, smtp, scope="replies")
    leas = make_comment(article, author_name="Lea", author_email="Lea@Example.org")
    kims = make_comment(article, author_name="Kim", author_email="kim@example.org")

    max_.comment(article, "Antwort an Kim.", reply_to=kims.pk)
    max_.comment(article, "Ein neuer Gedanke.")
    max_.comment(article, "Antwort an Lea.", reply_to=leas.pk)
    worker()

    [mail] = smtp.messages
    assert mail.recipients == ["lea@example.org"]
    assert "Antwort an Lea." in mail.text
    assert mail["References"] == (
        f"<discussion.{article.pk}@zeitung.example> <comment.{leas.pk}@zeitung.example>"
    )


def test_a_guest_who_ticks_notify_replies_follows_their_comment_after_confirming(
    article, lea, max_, smtp, worker
):
    lea.comment(article, "Wer antwortet mir?", notify="replies")
    worker()
    [confirmation] = smtp.messages
    assert confirmation.recipients == ["lea@example.org"]
    leas = Comment.objects.get()
    assert Subscription.objects.get().comment == leas
    lea.confirm(confirmation.link("/notifications/confirm/"))
    smtp.clear()

    max_.comment(article, "Ich!", reply_to=leas.pk)
    max_.comment(article, "Etwas ganz anderes.")
    worker()

    [mail] = smtp.messages
    assert mail.recipients == ["lea@example.org"] and "Ich!" in mail.text


def test_a_confirmed_browser_ticking_notify_all_needs_no_second_confirmation(
    article, lea, max_, smtp, worker
):
    confirmed(lea, article, worker, smtp, scope="replies")
    lea.comment(article, "Ich will jetzt alles lesen.", notify="all")
    worker()
    assert smtp.messages == []
    assert Subscription.objects.get().scope == "article"

    max_.comment(article, "Hallo alle.")
    worker()
    assert [m.recipients for m in smtp.messages] == [["lea@example.org"]]


def test_a_held_comments_author_who_asked_hears_that_it_was_approved(
    settings, article, lea, smtp, worker
):
    settings.BROADSHEET_MODERATION = "all"
    lea.comment(article, "Bitte freischalten.", notify="replies")
    worker()
    lea.confirm(smtp.messages[0].link("/notifications/confirm/"))
    smtp.clear()

    set_comment_status(Comment.objects.get(), Comment.Status.APPROVED)
    worker()

    [mail] = smtp.messages
    assert mail.recipients == ["lea@example.org"]
    assert mail.subject == "Ihr Kommentar zu „Streit um die Stadtbahn“ ist online"
    assert "Bitte freischalten." in mail.text


def test_moderators_get_a_digest_at_most_every_few_minutes(
    settings, article, lea, max_, moderator, editor, smtp, worker
):
    settings.BROADSHEET_MODERATION = "all"
    settings.BROADSHEET_MODERATION_DIGEST_MINUTES = 15
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        lea.comment(article, "Erster wartender Kommentar.")
        worker()
        max_.comment(article, "Zweiter wartender Kommentar.")
        worker()
    [first] = smtp.messages
    assert first.recipients == ["moritz@example.org"], "moderators only, not editors"
    assert first.subject == "1 Kommentar wartet auf Freischaltung"

    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        worker()
    assert len(smtp.messages) == 1, "at most one digest in 15 minutes"
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        worker()
    second = smtp.messages[-1]
    assert second.subject == "2 Kommentare warten auf Freischaltung"
    assert "Zweiter wartender Kommentar." in second.text
    assert re.search(r"/moderation/\s", second.text), "the console's queue"


def test_the_digest_lets_moderators_decide_with_a_click_and_a_button(
    settings, article, lea, moderator, smtp, worker
):
    from django.test import Client

    settings.BROADSHEET_MODERATION = "all"
    lea.comment(article, "Bitte um Freigabe per Mail.")
    worker()
    [digest] = smtp.messages
    from django.utils import translation

    with translation.override("de"):
        labels = [translation.gettext("Publish"), translation.gettext("Reject")]
    approve, reject = (re.search(rf"{label}: (\S+)", digest.text).group(1) for label in labels)
    assert "/moderation/mail/" in approve and approve != reject
    path = approve.split("://", 1)[1].split("/", 1)[1]
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(f"/{path}").content.decode()  # a mail scanner opening it changes nothing
    assert Comment.objects.get().status == Comment.Status.PENDING
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    browser.post(f"/{path}", {"csrfmiddlewaretoken": token})
    assert Comment.objects.get().status == Comment.Status.APPROVED


def test_posting_a_comment_queues_mail_but_never_sends_it_in_the_request(
    article, lea, max_, smtp, worker
):
    confirmed(lea, article, worker, smtp)
    smtp.stop()  # a dead SMTP server cannot slow down or break a comment POST

    max_.comment(article, "Schnell gepostet.")

    assert Comment.objects.filter(body="Schnell gepostet.").exists()
    assert not Delivery.objects.filter(kind="comment").exists(), "decided by the worker"


def test_a_spam_comments_wish_to_be_notified_writes_to_nobody(article, kim, smtp, worker):
    from broadsheet.moderation.models import BlocklistEntry

    BlocklistEntry.objects.create(kind="word", value="billige uhren")

    kim.comment(article, "Billige Uhren hier!", notify="all", email="opfer@example.org")
    worker()

    assert Comment.objects.get().status == Comment.Status.SPAM
    assert smtp.messages == [] and not Subscription.objects.exists()
