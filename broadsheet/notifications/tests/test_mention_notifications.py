"""A person mentioned with "@Name" hears of it, over a real SMTP conversation, if they
subscribed to the discussion; once per comment; never the author; held ones after approval."""

import pytest

from broadsheet.core.testing import make_comment
from broadsheet.discussion.models import Comment
from broadsheet.discussion.services import set_comment_status
from broadsheet.notifications import services

from .test_smtp_notifications import confirmed

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    settings.BROADSHEET_MODERATION = "none"


@pytest.fixture
def leas_comment(article, lea):
    return make_comment(article, author_name="Lea Leserin", author_email=lea.email)


def mentioned_subject(language="de") -> str:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(language):
        return gettext("%(name)s mentioned you in a comment on “%(title)s”") % {
            "name": "Max Mustermann",
            "title": "Streit um die Stadtbahn",
        }


def test_a_subscriber_who_is_mentioned_gets_one_mail_that_says_so(
    article, lea, max_, leas_comment, smtp, worker
):
    confirmed(lea, article, worker, smtp, scope="replies")
    max_.comment(article, "Da hat @Lea Leserin recht, @Lea Leserin!")
    worker()
    comment = Comment.objects.get(author_name="Max Mustermann")
    services.notify_subscribers(comment)  # again: nothing more
    worker()

    [mail] = smtp.messages
    assert mail.recipients == ["lea@example.org"]
    assert mail.subject == mentioned_subject()
    assert "Da hat @Lea Leserin recht" in mail.text
    link = f'href="https://zeitung.example/comment/{leas_comment.pk}/#comment-{leas_comment.pk}"'
    assert link in mail.html
    assert mail["List-Unsubscribe"]


def test_a_mention_and_a_reply_in_one_comment_make_one_mail(
    article, lea, max_, leas_comment, smtp, worker
):
    confirmed(lea, article, worker, smtp, scope="replies")
    max_.comment(article, "Genau, @Lea Leserin.", reply_to=leas_comment.pk)
    worker()

    [mail] = smtp.messages
    assert mail.subject == mentioned_subject()


def test_nobody_who_never_subscribed_is_written_to(article, lea, max_, leas_comment, smtp, worker):
    max_.comment(article, "Was meint @Lea Leserin dazu?")
    worker()

    assert smtp.messages == []
    assert Comment.objects.get(author_name="Max Mustermann").mentions.count() == 1


def test_a_subscription_to_another_article_does_not_count(
    article, lea, max_, leas_comment, smtp, worker
):
    from broadsheet.core.testing import make_article

    elsewhere = make_article("Anderswo", slug="anderswo")
    confirmed(lea, elsewhere, worker, smtp, scope="replies")
    max_.comment(article, "Was meint @Lea Leserin dazu?")
    worker()

    assert smtp.messages == []


def test_mentioning_oneself_sends_nothing(article, lea, max_, leas_comment, smtp, worker):
    confirmed(lea, article, worker, smtp, scope="replies")
    lea.comment(article, "Wie ich, @Lea Leserin, schon sagte.")
    worker()

    assert smtp.messages == []


def test_a_held_comment_mentions_only_once_it_is_approved(
    settings, article, lea, max_, leas_comment, smtp, worker
):
    confirmed(lea, article, worker, smtp, scope="replies")
    settings.BROADSHEET_MODERATION = "all"
    max_.comment(article, "Noch geheim, @Lea Leserin.")
    worker()
    held = Comment.objects.get(author_name="Max Mustermann")
    assert held.status == Comment.Status.PENDING
    assert smtp.messages == []

    set_comment_status(held, Comment.Status.APPROVED)
    worker()

    [mail] = smtp.messages
    assert mail.subject == mentioned_subject()


def test_an_unconfirmed_subscription_is_not_enough(article, lea, max_, leas_comment, smtp, worker):
    lea.subscribe(article, scope="replies")  # the confirmation e-mail is never clicked
    worker()
    smtp.clear()
    max_.comment(article, "Hallo @Lea Leserin")
    worker()

    assert smtp.messages == []


def test_an_english_subscriber_reads_it_in_english(
    settings, article, lea, max_, leas_comment, smtp, worker
):
    settings.LANGUAGE_CODE = "en"
    confirmed(lea, article, worker, smtp, scope="article")
    max_.comment(article, "Hi @Lea Leserin")
    worker()

    [mail] = smtp.messages
    assert mail.subject == "Max Mustermann mentioned you in a comment on “Streit um die Stadtbahn”"
