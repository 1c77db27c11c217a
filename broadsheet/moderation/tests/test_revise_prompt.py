"""The revise prompt: the model objects once, the author may revise or send anyway (then held)."""

import re

import pytest
from django.test import Client

from broadsheet.core.testing import make_article
from broadsheet.discussion.forms import send_anyway_token
from broadsheet.discussion.models import Comment
from broadsheet.moderation import classifier, notices, services
from broadsheet.moderation.models import AuditEntry, Reason
from broadsheet.moderation.statistics import Period, transparency_report
from broadsheet.notifications.email import build_message
from broadsheet.notifications.models import Delivery

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}
INSULT = "Der Bürgermeister ist ein Idiot."
PROMPT = "Your comment may break our rules – would you like to revise it?"


@pytest.fixture(autouse=True)
def _settings(settings, english):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    settings.BROADSHEET_MODERATION = "none"


@pytest.fixture
def scored(monkeypatch):
    """A stand-in for the model: "Idiot" is abuse, "Rabatt" spam; records every call."""
    calls = []

    def score_comment(text, *, trust=0, seconds_to_write=None):
        calls.append({"text": text, "trust": trust, "seconds_to_write": seconds_to_write})
        if "Idiot" in text:
            return classifier.Score(abuse=0.97, terms=[("idiot", 2.0)])
        if "Rabatt" in text:
            return classifier.Score(spam=0.95, terms=[("rabatt", 1.5)])
        return classifier.Score(spam=0.01, abuse=0.01)

    monkeypatch.setattr(classifier, "score_comment", score_comment)
    return calls


@pytest.fixture
def article():
    return make_article("Das neue Rathaus", slug="rathaus")


def page(client, article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


def post(client, article, body, *, fragment=False, follow=False, **extra):
    ts = re.search(r'name="ts" value="([^"]+)"', page(client, article)).group(1)
    data = {"name": "Lea Leserin", "email": "lea@example.org", "body": body, "ts": ts, **extra}
    headers = {**ORIGIN, **({"HTTP_X_BROADSHEET_FRAGMENT": "1"} if fragment else {})}
    return client.post(f"/discussion/{article.pk}/comments/", data, follow=follow, **headers)


def token_on(html: str) -> str:
    return re.search(r'name="anyway_token" value="([^"]*)"', html).group(1)


def test_without_js_the_first_submission_is_refused_once_with_the_text_kept(article, scored):
    response = post(Client(), article, INSULT, follow=True)
    assert response.status_code == 409
    html = response.content.decode()
    assert PROMPT in html
    assert f"{INSULT}</textarea>" in html
    assert "Send anyway" in html and "data-anyway hidden" not in html
    assert token_on(html)
    assert not Comment.objects.exists()
    assert scored[0]["trust"] == 0 and scored[0]["seconds_to_write"] >= 0


def test_a_harmless_comment_shows_no_send_anyway(article, scored):
    assert "data-anyway hidden" in page(Client(), article)
    assert post(Client(), article, "Schöner Bau.").status_code == 303
    assert Comment.objects.get().status == "approved"


def test_sent_anyway_it_is_held_with_the_models_reason_and_an_automated_audit_entry(
    article, scored, moderator
):
    lea = Client()
    token = token_on(post(lea, article, INSULT, follow=True).content.decode())
    response = post(lea, article, INSULT, anyway="1", anyway_token=token)
    assert response.status_code == 303 and "draft=" not in response["Location"]
    comment = Comment.objects.get()
    assert (comment.status, comment.held_because) == ("pending", "model")
    assert comment.get_held_because_display() == "possible insult (automatic)"
    entry = AuditEntry.objects.get(comment_id=comment.pk)
    assert (entry.action, entry.actor, entry.automated) == ("hold", None, True)
    assert entry.after == {"status": "pending", "held_because": "model"}
    # The transparency statistics count it as an automated hold.
    hold = next(
        s for s in transparency_report(Period.last_days(1)).decisions_by_means if s.key == "hold"
    )
    assert (hold.automated, hold.manual) == (1, 0)
    # The console says why it waits.
    client = Client()
    client.force_login(moderator)
    assert "possible insult (automatic)" in client.get("/moderation/").content.decode()


def test_a_rejection_after_the_models_hold_says_automated_means_detected_it(
    article, scored, moderator
):
    lea = Client()
    token = token_on(post(lea, article, INSULT, follow=True).content.decode())
    post(lea, article, INSULT, anyway="1", anyway_token=token)
    comment = Comment.objects.get()
    services.reject_comments(
        Comment.objects.filter(pk=comment.pk), actor=moderator, reason=Reason.INSULT
    )
    message = build_message(Delivery.objects.get(kind=notices.REMOVAL))
    assert "Automated means were used to detect this comment" in message.body
    assert "no automated means were used" not in message.body


def test_a_human_only_rejection_says_no_automated_means(article, scored, moderator):
    post(Client(), article, "Ein ganz normaler Satz.")
    comment = Comment.objects.get()
    services.reject_comments(
        Comment.objects.filter(pk=comment.pk),
        actor=moderator,
        reason=Reason.OTHER,
        explanation="Thema verfehlt",
    )
    body = build_message(Delivery.objects.get(kind=notices.REMOVAL)).body
    assert "no automated means were used" in body and "detect" not in body


def test_spam_is_held_with_its_own_label(article, scored):
    lea = Client()
    text = "Rabatt auf alles!"
    token = token_on(post(lea, article, text, follow=True).content.decode())
    post(lea, article, text, anyway="1", anyway_token=token)
    comment = Comment.objects.get()
    assert comment.held_because == "model_spam"
    assert comment.get_held_because_display() == "possible spam (automatic)"


def test_a_changed_text_is_scored_again(article, scored):
    lea = Client()
    token = token_on(post(lea, article, INSULT, follow=True).content.decode())
    # Still an insult: asked again, with a new token for the new text.
    worse = "Der Bürgermeister ist ein Idiot und ein Lügner."
    response = post(lea, article, worse, anyway="1", anyway_token=token, follow=True)
    assert response.status_code == 409
    assert token_on(response.content.decode()) not in ("", token)
    assert not Comment.objects.exists()
    # Revised into something civil: published at once.
    civil = "Der Bürgermeister hat hier einen Fehler gemacht."
    assert post(lea, article, civil, anyway="1", anyway_token=token).status_code == 303
    assert Comment.objects.get().status == "approved"
    assert [call["text"] for call in scored] == [INSULT, worse, civil]


def test_a_send_anyway_flag_for_another_text_does_not_work(article, scored):
    """A script cannot pre-set "send anyway": the token names the text it was given for."""
    forged = send_anyway_token("Ein harmloser Satz.", article_id=article.pk)
    other_article = make_article("Anderswo")
    tokens = (forged, send_anyway_token(INSULT, article_id=other_article.pk), "", "nonsense")
    for i, token in enumerate(tokens):
        response = post(
            Client(), article, INSULT, anyway="1", anyway_token=token, follow=True,
            email=f"bot{i}@example.org",
        )  # fmt: skip
        assert response.status_code == 409, token
    assert not Comment.objects.exists()


def test_with_js_the_refusal_comes_as_json_and_send_anyway_holds(article, scored):
    lea = Client()
    response = post(lea, article, INSULT, fragment=True)
    assert response.status_code == 409
    data = response.json()
    assert data["error"] == PROMPT and data["anyway_token"]
    response = post(
        lea, article, INSULT, fragment=True, anyway="1", anyway_token=data["anyway_token"]
    )
    assert response.status_code == 201
    assert response["X-Comment-Status"] == "pending"
    assert Comment.objects.get().held_because == "model"


def test_ticking_send_anyway_without_a_prompt_changes_nothing(article, scored):
    assert post(Client(), article, "Ganz sachlich.", anyway="1").status_code == 303
    assert Comment.objects.get().status == "approved"


def test_staff_are_not_asked(article, scored, moderator):
    client = Client()
    client.force_login(moderator)
    assert post(client, article, INSULT).status_code == 303
    assert Comment.objects.get().status == "approved"
    assert scored == []


def test_the_real_model_asks_to_revise_an_insult(article, settings):
    from broadsheet.moderation.classifier import store, training

    settings.BROADSHEET_MODEL_ABUSE_THRESHOLD = 0.5
    store.forget()
    training.train()
    try:
        insult = "Der Kolumnist ist ein dummer Trottel, halt endlich die Klappe."
        response = post(Client(), article, insult, fragment=True)
        assert response.status_code == 409, response.content
        assert response.json()["error"] == PROMPT
        assert post(Client(), article, "Das Rathaus wird im Mai eröffnet.").status_code == 303
    finally:
        store.forget()
