"""What moderation changes in the thread readers see, and what it refuses at posting."""

import datetime

import pytest
from django.test import Client

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.moderation import services
from broadsheet.moderation.models import Reason, Sanction
from broadsheet.moderation.services import Person

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    settings.BROADSHEET_VOTE_MIN_SECONDS = 0
    settings.BROADSHEET_MODERATION = "none"


@pytest.fixture
def article():
    return make_article("Der Stadtrat und das Freibad", slug="freibad")


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def one(comment):
    return Comment.objects.filter(pk=comment.pk)


def post(client, article, body="Ein Beitrag zum Freibad.", **fields):
    import re

    ts = re.search(r'name="ts" value="([^"]+)"', page(client, article)).group(1)
    data = {"name": "Lea Leserin", "email": "lea@example.org", "body": body, "ts": ts, **fields}
    return client.post(f"/discussion/{article.pk}/comments/", data, follow=True, **ORIGIN)


def test_a_removed_comment_with_replies_leaves_a_tombstone_with_its_reason(article, moderator):
    parent = make_comment(article, body="Der Bademeister ist ein Trottel.")
    make_comment(article, parent=parent, body="Das geht zu weit.")
    before = page(Client(), article)  # cached for first-time readers
    assert "Der Bademeister ist ein Trottel." in before
    services.reject_comments(one(parent), actor=moderator, reason=Reason.INSULT)
    html = page(Client(), article)
    assert "Der Bademeister ist ein Trottel." not in html
    assert "Das geht zu weit." in html
    assert f'id="comment-{parent.pk}"' in html and "comment--removed" in html
    from django.utils import translation

    with translation.override("de"):
        assert str(Reason.INSULT.label) in html or translation.gettext("Insult") in html


def test_a_removed_comment_without_replies_is_simply_gone(article, moderator):
    comment = make_comment(article, body="Werbung für Badehosen.")
    services.reject_comments(one(comment), actor=moderator, reason=Reason.SPAM)
    html = page(Client(), article)
    assert "Werbung für Badehosen." not in html and "comment--removed" not in html


def test_newsroom_comments_carry_a_badge_and_edits_are_marked(article, moderator, editor):
    reader_comment = make_comment(article, body="Meine Telefonnummer ist 0171 1234567.")
    client = Client()
    client.force_login(editor)
    post(client, article, body="Die Redaktion hat beim Bad nachgefragt.")
    comment = Comment.objects.get(user=editor)
    assert comment.by_newsroom and comment.status == Comment.Status.APPROVED
    html = page(Client(), article)
    assert "badge--newsroom" in html
    assert "0171 1234567" in html
    services.edit_comment(reader_comment, actor=moderator, body="[Telefonnummer entfernt]")
    html = page(Client(), article)
    assert "0171 1234567" not in html and "[Telefonnummer entfernt]" in html
    assert "comment__edited--newsroom" in html


def test_pinned_comments_open_the_thread_and_recommendations_are_marked(article, moderator):
    older = make_comment(
        article, body="Erster!", created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    best = make_comment(article, body="Eine kluge Einordnung der Kosten.")
    html = page(Client(), article)
    assert html.index("Erster!") < html.index("Eine kluge Einordnung")
    services.pin_comment(best, actor=moderator)
    services.feature_comment(best, actor=moderator)
    html = page(Client(), article)
    assert html.index("Eine kluge Einordnung") < html.index("Erster!")
    assert "badge--pinned" in html and "badge--featured" in html
    assert '"@type":"Comment"' in html and "Eine kluge Einordnung der Kosten." in html
    services.pin_comment(best, actor=moderator, pinned=False)
    html = page(Client(), article)
    assert html.index("Erster!") < html.index("Eine kluge Einordnung")
    assert older.pk


def test_every_approved_comment_can_be_reported_but_not_ones_own(article):
    comment = make_comment(article)
    html = page(Client(), article)
    assert f"/discussion/comments/{comment.pk}/report/" in html


def test_a_moderator_sees_held_comments_and_controls_a_reader_does_not(article, moderator, reader):
    held = make_comment(article, status="pending", body="Wartet noch auf Freigabe.")
    make_comment(article, body="Schon öffentlich.")
    assert "Wartet noch auf Freigabe." not in page(Client(), article)
    as_reader = Client()
    as_reader.force_login(reader)
    html = page(as_reader, article)
    assert "Wartet noch auf Freigabe." not in html and "comment__moderate" not in html
    as_moderator = Client()
    as_moderator.force_login(moderator)
    html = page(as_moderator, article)
    assert "Wartet noch auf Freigabe." in html and "comment__moderate" in html
    assert f"/moderation/comments/{held.pk}/act/" in html
    assert 'name="csrfmiddlewaretoken"' in html
    # The first-time reader's cached page never got the moderator's controls.
    html = page(Client(), article)
    assert "comment__moderate" not in html and "csrfmiddlewaretoken" not in html


def test_a_moderator_approves_from_the_thread(article, moderator):
    import re

    held = make_comment(article, status="pending", body="Bitte freigeben.")
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    html = page(client, article)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        f"/moderation/comments/{held.pk}/act/",
        {"action": "approve", "next": article.get_absolute_url(), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(article.get_absolute_url())
    assert "Bitte freigeben." in page(Client(), article)


def test_guests_cannot_post_as_the_newsroom(article):
    from django.utils import translation

    for name in ("Redaktion", "Rеdaktion"):  # the second with a Cyrillic е
        html = post(Client(), article, name=name, body="Offizielle Mitteilung!").content.decode()
        with translation.override("de"):
            message = translation.gettext(
                "This name belongs to our newsroom. Please choose another one."
            )
        assert message in html and "Offizielle Mitteilung!" in html
    assert not Comment.objects.exists()


def test_a_banned_person_is_told_why_and_nothing_is_posted(article, moderator):
    services.sanction_person(
        Person("email", "lea@example.org"), actor=moderator, kind=Sanction.Kind.BAN,
        reason=Reason.HARASSMENT, message="Wiederholte Belästigung anderer Leser.",
    )  # fmt: skip
    response = post(Client(), article, body="Ich schon wieder.")
    assert "Wiederholte Belästigung anderer Leser." in response.content.decode()
    assert "Ich schon wieder." in response.content.decode()  # the text comes back
    assert not Comment.objects.exists()


def test_a_suspension_ends_by_itself(article, moderator):
    import time_machine
    from django.utils import timezone

    now = timezone.now()
    with time_machine.travel(now, tick=False):
        services.sanction_person(
            Person("email", "lea@example.org"), actor=moderator, kind=Sanction.Kind.SUSPENSION,
            reason=Reason.INSULT, message="Bitte eine Pause.", duration=datetime.timedelta(hours=1),
        )  # fmt: skip
        post(Client(), article, body="Zu früh.")
        assert not Comment.objects.exists()
    with time_machine.travel(now + datetime.timedelta(hours=1, minutes=1), tick=False):
        post(Client(), article, body="Nach der Pause.")
    assert Comment.objects.get().body == "Nach der Pause."


def test_a_warning_stops_the_next_comment_once_and_keeps_its_text(article, moderator):
    client = Client()
    services.sanction_person(
        Person("email", "lea@example.org"), actor=moderator, kind=Sanction.Kind.WARNING,
        reason=Reason.OFF_TOPIC, message="Bitte beim Thema bleiben.",
    )  # fmt: skip
    first = post(client, article, body="Übrigens, das Wetter.").content.decode()
    assert "Bitte beim Thema bleiben." in first and "Übrigens, das Wetter." in first
    assert not Comment.objects.exists()
    post(client, article, body="Übrigens, das Wetter.")
    assert Comment.objects.get().body == "Übrigens, das Wetter."
