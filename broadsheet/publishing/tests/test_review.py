"""The review flow: "in review" mails the editors over real SMTP; the queue shows them."""

import pytest
from django.utils.translation import ngettext

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import EDITOR, grant_role
from broadsheet.notifications.models import Delivery
from broadsheet.notifications.tests.conftest import run_worker, smtp  # noqa: F401
from broadsheet.publishing import services
from broadsheet.publishing.models import Article


def _submitted(by, title="Der neue Radweg"):
    article = Article(title=title, slug="radweg", body="Der Radweg <wird> gebaut.")
    services.submit_for_review(article, by=by)
    return article


@pytest.mark.django_db(transaction=True)
def test_submitting_for_review_mails_every_editor_over_smtp(smtp, contributor, editor):  # noqa: F811
    second = User.objects.create_user("ed", "ed@example.org", "x", first_name="Ed")
    grant_role(second, EDITOR)
    User.objects.create_user("nobody", "nobody@example.org", "x")  # not an editor
    article = _submitted(contributor)
    run_worker()
    assert sorted(r for m in smtp.messages for r in m.recipients) == [
        "ed@example.org",
        "erika@example.org",
    ]
    mail = smtp.to("erika@example.org")[0]
    assert "Der neue Radweg" in mail.subject
    assert "carla" in mail.text and "Der neue Radweg" in mail.text
    assert f"https://zeitung.example/admin/publishing/article/{article.pk}/change/" in mail.links()
    assert any("status__exact=in_review" in link for link in mail.links())


@pytest.mark.django_db(transaction=True)
def test_saving_again_in_review_sends_no_second_mail_and_the_submitter_gets_none(
    smtp,  # noqa: F811
    editor,
):
    article = _submitted(editor)  # an editor submitting is not mailed about it
    assert Delivery.objects.count() == 0
    other = User.objects.create_user("ed", "ed@example.org", "x")
    grant_role(other, EDITOR)
    article = Article.objects.get(pk=article.pk)
    article.body = "Zweite Fassung."
    services.submit_for_review(article, by=editor)
    assert Delivery.objects.count() == 0  # still the same submission


@pytest.mark.django_db(transaction=True)
def test_an_article_published_before_the_mail_goes_sends_nothing(smtp, contributor, editor):  # noqa: F811
    article = _submitted(contributor)
    services.publish_article(Article.objects.get(pk=article.pk), by=editor)
    run_worker()
    assert smtp.messages == []


@pytest.mark.django_db
def test_the_review_queue_counts_and_filters_articles_in_review(client, contributor, editor):
    _submitted(contributor)
    Article.objects.create(title="Nur eine Skizze", slug="skizze", body="x")
    client.force_login(editor)
    page = client.get("/admin/publishing/article/").content.decode()
    waiting = ngettext(
        "%(count)d article is waiting for review.", "%(count)d articles are waiting for review.", 1
    )
    assert waiting % {"count": 1} in page
    queue = client.get("/admin/publishing/article/?status__exact=in_review").content.decode()
    assert "Der neue Radweg" in queue and "Nur eine Skizze" not in queue
    assert waiting % {"count": 1} not in queue  # no reminder inside the queue itself
