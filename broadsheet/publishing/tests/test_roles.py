"""Who may publish: contributors submit, authors publish their own, editors everything."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from broadsheet.core.testing import make_article
from broadsheet.publishing import services
from broadsheet.publishing.models import Article, ArticleAuthor

pytestmark = pytest.mark.django_db


def _draft(title="Entwurf", **fields):
    return make_article(title, status=Article.Status.DRAFT, **fields)


def test_a_contributor_cannot_publish_and_is_told_to_submit(contributor):
    article = _draft()
    refusal = _("You may not publish articles. Submit the article for review instead.")
    with pytest.raises(services.PublishingDenied, match=re.escape(refusal)):
        services.publish_article(article, by=contributor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and not article.is_published()


def test_a_contributor_cannot_schedule_or_unpublish(contributor):
    article = _draft()
    later = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(services.PublishingDenied):
        services.schedule_article(article, by=contributor, at=later)
    public = make_article("Öffentlich")
    with pytest.raises(services.PublishingDenied):
        services.unpublish_article(public, by=contributor)
    with pytest.raises(services.PublishingDenied):
        public.body = "Heimlich geändert."
        services.save_draft(public, by=contributor)
    assert Article.objects.get(pk=public.pk).is_published()


def test_a_contributor_writes_and_submits_for_review(contributor):
    article = Article(title="Neu", slug="neu", body="Text.")
    services.save_draft(article, by=contributor)
    services.submit_for_review(article, by=contributor)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.published_at is None and not article.is_published()
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_an_author_publishes_their_own_article_but_not_anothers(author, editor):
    own = _draft("Eigenes")
    ArticleAuthor.objects.create(article=own, author=author.byline)
    services.publish_article(own, by=author)
    assert Article.objects.get(pk=own.pk).is_published()

    started = Article(title="Selbst begonnen", slug="selbst", body="Text.")
    services.save_draft(started, by=author)  # no byline yet: they wrote revision 1
    services.publish_article(started, by=author)
    assert Article.objects.get(pk=started.pk).is_published()

    other = _draft("Fremdes")
    with pytest.raises(
        services.PublishingDenied, match=re.escape(_("You may publish only your own articles."))
    ):
        services.publish_article(other, by=author)
    assert not Article.objects.get(pk=other.pk).is_published()


def test_an_editor_publishes_schedules_and_unpublishes_anything(editor, contributor):
    article = Article(title="Von Carla", slug="von-carla", body="Text.")
    services.submit_for_review(article, by=contributor)
    later = timezone.now() + datetime.timedelta(hours=2)
    services.schedule_article(article, by=editor, at=later)
    assert Article.objects.get(pk=article.pk).status == Article.Status.SCHEDULED
    services.publish_article(article, by=editor)
    assert Article.objects.get(pk=article.pk).is_published()
    services.unpublish_article(article, by=editor)
    assert not Article.objects.get(pk=article.pk).is_published()


def test_scheduling_in_the_past_is_refused_with_a_message(editor):
    article = _draft()
    refusal = _("Choose a publication date in the future to schedule.")
    with pytest.raises(services.PublishingError, match=re.escape(refusal)):
        services.schedule_article(
            article, by=editor, at=timezone.now() - datetime.timedelta(minutes=1)
        )


def test_the_admin_offers_a_contributor_no_publishing_and_refuses_a_crafted_post(
    client, contributor
):
    client.force_login(contributor)
    form = client.get("/admin/publishing/article/add/").content.decode()
    assert 'value="in_review"' in form
    assert 'value="published"' not in form and 'value="scheduled"' not in form
    response = client.post("/admin/publishing/article/add/", _post(status="published"))
    assert response.status_code == 200  # the form again, with the reason
    assert not Article.objects.exists()
    response = client.post("/admin/publishing/article/add/", _post(status="in_review"))
    assert response.status_code == 302
    assert Article.objects.get().status == Article.Status.IN_REVIEW


def test_the_admin_lets_an_editor_publish(client, editor):
    client.force_login(editor)
    assert 'value="published"' in client.get("/admin/publishing/article/add/").content.decode()
    assert client.post("/admin/publishing/article/add/", _post()).status_code == 302
    assert Article.objects.get().is_published()


def test_the_admin_actions_follow_the_roles(client, contributor, author):
    own, other = _draft("Eigenes"), _draft("Fremdes")
    client.force_login(contributor)
    changelist = client.get("/admin/publishing/article/").content.decode()
    assert 'value="submit_selected"' in changelist
    assert 'value="publish_selected"' not in changelist

    ArticleAuthor.objects.create(article=own, author=author.byline)
    client.force_login(author)
    response = client.post(
        "/admin/publishing/article/",
        {"action": "publish_selected", "_selected_action": [own.pk, other.pk]},
        follow=True,
    )
    assert Article.objects.get(pk=own.pk).is_published()
    assert not Article.objects.get(pk=other.pk).is_published()
    shown = [str(m) for m in response.context["messages"]]
    own_only = _("You may publish only your own articles.")
    assert any("Fremdes" in m and own_only in m for m in shown), shown
    published = ngettext("%(count)d article published.", "%(count)d articles published.", 1)
    assert published % {"count": 1} in shown, shown


def _post(**fields):
    return {
        "title": "Aus dem Rathaus",
        "slug": "aus-dem-rathaus",
        "body": "Der Rat tagte.",
        "status": "published",
        "published_at_0": "01.05.2021",
        "published_at_1": "10:00:00",
        "comments_enabled": "on",
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **fields,
    }
