"""Slow mode: one comment per reader and N minutes on an article, switched by moderators."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from broadsheet.core.testing import make_article
from broadsheet.discussion.models import Comment, Thread
from broadsheet.discussion.services import thread_for
from broadsheet.moderation import services
from broadsheet.moderation.models import AuditEntry
from broadsheet.moderation.services import ModerationError

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture(autouse=True)
def _open(settings, english):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    settings.BROADSHEET_MODERATION = "none"


@pytest.fixture
def article():
    return make_article("Die Brücke wird gesperrt", slug="bruecke")


@pytest.fixture
def slow(article, moderator):
    services.set_slow_mode(thread_for(article), 5, actor=moderator)
    return article


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def post(client, article, body, *, fragment=False, follow=False):
    ts = re.search(r'name="ts" value="([^"]+)"', page(client, article)).group(1)
    data = {"name": "Lea Leserin", "email": "lea@example.org", "body": body, "ts": ts}
    headers = {**ORIGIN, **({"HTTP_X_BROADSHEET_FRAGMENT": "1"} if fragment else {})}
    return client.post(f"/discussion/{article.pk}/comments/", data, follow=follow, **headers)


def test_readers_see_slow_mode_by_the_form(slow):
    assert "Slow mode: one comment per 5 minutes" in page(Client(), slow)


def test_a_second_comment_within_the_minutes_is_refused_with_the_text_kept(slow):
    lea = Client()
    assert post(lea, slow, "Mein erster Gedanke.").status_code == 303
    response = post(lea, slow, "Und gleich noch einer.", follow=True)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait 5 more minutes" in html
    assert "Und gleich noch einer.</textarea>" in html
    assert not Comment.objects.filter(body="Und gleich noch einer.").exists()
    # With JavaScript: the same refusal as JSON; the form keeps the text on the page.
    response = post(lea, slow, "Und gleich noch einer.", fragment=True)
    assert response.status_code == 429
    assert "Please wait" in response.json()["error"]


def test_another_address_from_the_same_browser_waits_too(slow):
    lea = Client()
    post(lea, slow, "Erster Gedanke.")
    ts = re.search(r'name="ts" value="([^"]+)"', page(lea, slow)).group(1)
    data = {"name": "Lea", "email": "other@example.org", "body": "Zweiter Gedanke.", "ts": ts}
    response = lea.post(f"/discussion/{slow.pk}/comments/", data, **ORIGIN)
    assert response.status_code == 303 and "draft=" in response["Location"]


def test_the_next_comment_is_welcome_after_the_minutes(slow):
    lea = Client()
    post(lea, slow, "Erster Gedanke.")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5, seconds=1)):
        response = post(lea, slow, "Fünf Minuten später.")
        assert response.status_code == 303
    assert Comment.objects.filter(body="Fünf Minuten später.").exists()


def test_other_readers_and_other_articles_are_not_held_up(slow):
    post(Client(), slow, "Von Lea.")
    other = Client()
    ts = re.search(r'name="ts" value="([^"]+)"', page(other, slow)).group(1)
    data = {"name": "Max", "email": "max@example.org", "body": "Von Max.", "ts": ts}
    assert other.post(f"/discussion/{slow.pk}/comments/", data, **ORIGIN).status_code == 303
    assert Comment.objects.filter(body="Von Max.").exists()


def test_staff_are_not_slowed(slow, moderator):
    client = Client()
    client.force_login(moderator)
    for body in ("Hinweis der Redaktion.", "Noch ein Hinweis."):
        assert post(client, slow, body).status_code == 303
    assert Comment.objects.filter(user=moderator).count() == 2


def test_moderators_switch_slow_mode_in_the_thread(article, moderator):
    client = Client()
    client.force_login(moderator)
    html = page(client, article)
    assert "data-thread-controls" in html
    assert "data-thread-controls" not in page(Client(), article)
    response = client.post(
        f"/moderation/articles/{article.pk}/controls/",
        {"action": "slow_mode", "minutes": "10", "next": article.get_absolute_url()},
    )
    assert response.status_code == 302
    assert Thread.objects.get(pk=article.pk).slow_mode_minutes == 10
    # Readers see it on their next request (the cached page was replaced).
    assert "Slow mode: one comment per 10 minutes" in page(Client(), article)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SLOW_MODE)
    assert (entry.actor, entry.article_id, entry.after) == (
        moderator, article.pk, {"slow_mode_minutes": 10},
    )  # fmt: skip
    client.post(
        f"/moderation/articles/{article.pk}/controls/", {"action": "slow_mode", "minutes": "0"}
    )
    assert Thread.objects.get(pk=article.pk).slow_mode_minutes is None
    assert "Slow mode" not in page(Client(), article)


def test_moderators_switch_slow_mode_in_the_console(article, moderator):
    from broadsheet.core.testing import make_comment

    comment = make_comment(article, status="pending")
    client = Client()
    client.force_login(moderator)
    html = client.get(f"/moderation/comments/{comment.pk}/").content.decode()
    assert f'action="/moderation/articles/{article.pk}/controls/"' in html
    client.post(
        f"/moderation/articles/{article.pk}/controls/",
        {"action": "slow_mode", "minutes": "2", "next": f"/moderation/comments/{comment.pk}/"},
    )
    assert Thread.objects.get(pk=article.pk).slow_mode_minutes == 2


def test_readers_cannot_switch_slow_mode(article, reader):
    client = Client()
    client.force_login(reader)
    response = client.post(
        f"/moderation/articles/{article.pk}/controls/", {"action": "slow_mode", "minutes": "60"}
    )
    assert response.status_code == 403
    assert Thread.objects.filter(pk=article.pk, slow_mode_minutes__isnull=False).count() == 0


def test_slow_mode_takes_sensible_minutes(article, moderator):
    with pytest.raises(ModerationError):
        services.set_slow_mode(thread_for(article), 100_000, actor=moderator)
