"""Surges: an article's comment rate spikes, non-trusted people are held until a moderator lifts it."""

import datetime
import itertools

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion import services as discussion
from broadsheet.discussion.identity import Viewer
from broadsheet.discussion.models import Comment, Thread
from broadsheet.moderation import notices, services, surge
from broadsheet.moderation.models import AuditEntry
from broadsheet.notifications.email import build_message
from broadsheet.notifications.models import Delivery

pytestmark = pytest.mark.django_db
_people = itertools.count()


@pytest.fixture(autouse=True)
def _settings(settings, english):
    settings.BROADSHEET_MODERATION = "first-time"
    settings.BROADSHEET_TRUSTED_AFTER = 3
    settings.BROADSHEET_SURGE_PER_MINUTE = 10
    settings.BROADSHEET_SURGE_FACTOR = 5.0


@pytest.fixture
def article():
    return make_article("Großbrand am Hafen", slug="hafen")


def person() -> Viewer:
    n = next(_people)
    return Viewer(user=None, voter_token=f"v{n}", ip_hash=f"ip{n}", network_hash=f"net{n}")


def email_of(viewer) -> str:
    return f"{viewer.voter_token}@example.org"


def with_history(article, approved: int) -> Viewer:
    """Someone with this many approved comments (on another article), an hour ago."""
    viewer = person()
    elsewhere = make_article()
    for i in range(approved):
        make_comment(
            elsewhere, author_email=email_of(viewer), author_key=viewer.voter_key,
            created_at=timezone.now() - datetime.timedelta(hours=1), body=f"Früher {i}",
        )  # fmt: skip
    return viewer


def post(article, viewer, body="Was ist da los?"):
    author = discussion.Author(name=f"Person {viewer.voter_token}", email=email_of(viewer))
    return discussion.post_comment(article, viewer=viewer, body=body, author=author)


def burst(article, count: int, *, seconds_ago=20):
    """Comments already written in the last minute (by as many people)."""
    at = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    for i in range(count):
        make_comment(article, created_at=at, author_email=f"b{i}@example.org", body=f"Los {i}")


def usual(article, per_minute: float):
    """An average of per_minute comments over the 24 hours before the last minute."""
    start = timezone.now() - datetime.timedelta(hours=24)
    total = int(per_minute * 24 * 60)
    step = datetime.timedelta(hours=23, minutes=58) / total
    Comment.objects.bulk_create(
        Comment(
            article=article,
            author_name="Stammgast",
            author_email="s@example.org",
            body="Alltag",
            status="approved",
            created_at=start + i * step,
        )  # fmt: skip
        for i in range(total)
    )


def in_surge(article) -> bool:
    return Thread.objects.get(pk=article.pk).surge_since is not None


def test_more_than_the_absolute_rate_starts_a_surge(article, settings):
    settings.BROADSHEET_SURGE_FACTOR = 1000  # only the absolute rate counts here
    known = with_history(article, 1)
    burst(article, 9)
    assert post(article, known).status == "approved"  # the tenth: not more than ten
    assert not in_surge(article)
    comment = post(article, with_history(article, 1), body="Und jetzt?")  # the eleventh
    assert in_surge(article)
    assert (comment.status, comment.held_because) == ("pending", "surge")


def test_five_times_the_usual_rate_starts_a_surge_on_a_quiet_article(article, settings):
    settings.BROADSHEET_SURGE_PER_MINUTE = 1000  # only the relative rate counts here
    burst(article, 4)
    assert post(article, with_history(article, 1)).status == "approved"  # five a minute
    assert not in_surge(article)
    post(article, with_history(article, 1), body="Sechs.")
    assert in_surge(article)


def test_a_busy_article_needs_five_times_its_own_usual_rate(article, settings):
    settings.BROADSHEET_SURGE_PER_MINUTE = 1000
    usual(article, 2)  # two a minute: a surge is more than ten
    burst(article, 8)
    assert post(article, with_history(article, 1)).status == "approved"
    assert post(article, with_history(article, 1), body="Zehn.").status == "approved"
    assert not in_surge(article)
    post(article, with_history(article, 1), body="Elf.")
    assert in_surge(article)


def test_the_check_is_one_aggregate_query(article, django_assert_num_queries):
    burst(article, 3)
    with django_assert_num_queries(1):
        assert not surge.is_surging(article.pk)


def test_moderators_get_one_alert_only(article, moderator, editor):
    burst(article, 12)
    for i in range(4):
        post(article, with_history(article, 1), body=f"Nummer {i}")
    alerts = Delivery.objects.filter(kind=notices.SURGE)
    assert sorted(alerts.values_list("to", flat=True)) == [moderator.email]
    message = build_message(alerts.get())
    assert "Großbrand am Hafen" in message.subject
    assert f"?article={article.pk}" in message.body
    started = AuditEntry.objects.get(action=AuditEntry.Action.SURGE)
    assert (started.actor, started.automated, started.article_id) == (None, True, article.pk)


def test_during_a_surge_only_trusted_people_are_published(article):
    burst(article, 12)
    known, trusted = with_history(article, 1), with_history(article, 3)
    held = post(article, known)
    assert (held.status, held.held_because) == ("pending", "surge")
    assert post(article, trusted).status == "approved"
    new = post(article, person(), body="Ich bin neu.")
    assert new.status == "pending"
    hold = AuditEntry.objects.get(comment_id=held.pk, action=AuditEntry.Action.HOLD)
    assert (hold.actor, hold.automated, hold.after["held_because"]) == (None, True, "surge")


def test_readers_see_a_notice_during_a_surge(article, moderator):
    assert (
        "check new comments before" not in Client().get(article.get_absolute_url()).content.decode()
    )
    burst(article, 12)
    post(article, with_history(article, 1))
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "Because of the many comments, we check new comments before they are published." in html
    services.lift_surge(Thread.objects.get(pk=article.pk), actor=moderator)
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "check new comments before" not in html


def test_a_moderator_lifts_it_and_normal_rules_return(article, moderator):
    burst(article, 12)
    post(article, with_history(article, 1))
    client = Client()
    client.force_login(moderator)
    assert "Lift pre-moderation" in client.get(article.get_absolute_url()).content.decode()
    response = client.post(
        f"/moderation/articles/{article.pk}/controls/",
        {"action": "lift_surge", "next": article.get_absolute_url()},
    )
    assert response.status_code == 302
    assert not in_surge(article)
    lifted = AuditEntry.objects.get(action=AuditEntry.Action.SURGE_LIFT)
    assert (lifted.actor, lifted.automated) == (moderator, False)
    # The burst that set it off does not set it off again: the rate counts from the lift.
    assert post(article, with_history(article, 1), body="Ruhe.").status == "approved"
    assert not in_surge(article)
    # The alert still waiting in the outbox is no longer sent.
    assert build_message(Delivery.objects.get(kind=notices.SURGE)) is None


def test_a_new_surge_after_a_lift_alerts_again(article, moderator):
    burst(article, 12)
    post(article, with_history(article, 1))
    services.lift_surge(Thread.objects.get(pk=article.pk), actor=moderator)
    later = timezone.now() + datetime.timedelta(minutes=5)
    for i in range(11):
        make_comment(article, created_at=later - datetime.timedelta(seconds=5), body=f"Neu {i}")
    import time_machine

    with time_machine.travel(later):
        post(article, with_history(article, 1), body="Wieder viel los.")
    assert in_surge(article)
    assert Delivery.objects.filter(kind=notices.SURGE).count() == 2


def test_surges_can_be_switched_off(article, settings):
    settings.BROADSHEET_SURGE_PER_MINUTE = 0
    burst(article, 50)
    assert post(article, with_history(article, 1)).status == "approved"
    assert not in_surge(article)


def test_a_wave_of_reports_puts_the_article_under_pre_moderation(settings, moderator):
    from broadsheet.moderation.models import AuditEntry
    from broadsheet.moderation.services import ReportRequest

    settings.BROADSHEET_SURGE_REPORTS_PER_MINUTE = 3
    settings.BROADSHEET_REPORTS_TO_HOLD = 100  # the comments themselves stay online
    story = make_article("Die Brücke wird gesperrt", slug="bruecke-gesperrt")
    comments = [make_comment(story, body=f"Meinung Nummer {i}.") for i in range(4)]
    for i, comment in enumerate(comments):
        reporter = Viewer(user=None, voter_token=f"r{i}", ip_hash=f"ip{i}", network_hash=f"n{i}")
        services.report_comment(
            comment, viewer=reporter, request=ReportRequest(category="spam"), language="de"
        )
        surging = Thread.objects.get(pk=story.pk).surge_since is not None
        assert surging == (i == 3), i  # the fourth report in a minute is one too many
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SURGE)
    assert entry.automated and entry.detail == "report rate"
