"""The local spam and abuse model: scoring, learning from moderators, sharing by database."""

import dataclasses
import io
import json
import random

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from broadsheet.core import e2e
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.moderation import services
from broadsheet.moderation.classifier import Score, features, score_comment, training
from broadsheet.moderation.classifier import store as model_store
from broadsheet.moderation.models import ClassifierHead, Reason

pytestmark = pytest.mark.django_db
# Tests that run the real worker commit their writes (it closes the test's connection).
with_worker = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_copy():
    model_store.forget()
    yield
    model_store.forget()


_STARTING: list[dict] = []


@pytest.fixture
def trained():
    """The starting model, trained once for the module and stored again for each test."""
    if not _STARTING:
        training.train()
        _STARTING.extend(ClassifierHead.objects.values())
    else:
        ClassifierHead.objects.bulk_create(ClassifierHead(**row) for row in _STARTING)
    return ClassifierHead.objects.order_by("name")


@pytest.fixture
def article():
    return make_article("Neue Radwege am Ring", slug="radwege")


def run_worker() -> None:
    """What `broadsheet worker --batch` does: run every task that is due, then return."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run()  # fmt: skip


def lessons() -> list[list]:
    tasks = DBTaskResult.objects.filter(task_path__endswith="learn_from_decision").order_by("id")
    return [r.args_kwargs["args"] for r in tasks]


def comments(article, *bodies):
    made = [make_comment(article, body=body, status="pending") for body in bodies]
    return Comment.objects.filter(pk__in=[c.pk for c in made])


# --- Scoring --------------------------------------------------------------------------------


def test_without_a_stored_model_every_score_is_neutral():
    score = score_comment("BUY CHEAP PILLS www.pills.example !!!", trust=0, seconds_to_write=1)
    assert (score.spam, score.abuse, score.terms, score.verdict) == (0.0, 0.0, [], None)


def test_a_score_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Score().spam = 1.0


def test_the_verdict_follows_the_thresholds(settings):
    settings.BROADSHEET_MODEL_SPAM_THRESHOLD = 0.8
    settings.BROADSHEET_MODEL_ABUSE_THRESHOLD = 0.6
    assert Score(spam=0.79, abuse=0.59).verdict is None
    assert Score(spam=0.8, abuse=0.1).verdict == "spam"
    assert Score(spam=0.1, abuse=0.6).verdict == "abuse"
    assert Score(spam=0.85, abuse=0.9).verdict == "abuse"  # the larger excess wins


def test_the_web_features_are_exactly_scikit_learns_hashing_vectorizer():
    rnd = random.Random(5)
    alphabet = "abcdefgäöüßXYZÄÖÜ  \n\t!!1 €😀http://x.de www. ,.;-'"
    texts = [
        "Das ist ein Test!!! KAUFEN SIE JETZT www.billig.shop",
        "",
        "a",
        " \t ",
        "Straßen-bahn",
    ]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 300))) for _ in range(200)]
    examples = [training.Example("ham", "", t, trust=1, seconds_to_write=30.0) for t in texts]
    reference = training.matrix(examples)
    for row, text in zip(reference, texts, strict=True):
        vector = features.Vector(text, trust=1, seconds_to_write=30.0)
        mine = dict(zip(vector.columns.tolist(), vector.values.tolist(), strict=True))
        mine.update((features.N_TEXT + i, v) for i, v in enumerate(vector.numeric.tolist()) if v)
        theirs = dict(zip(row.indices.tolist(), row.data.tolist(), strict=True))
        assert mine.keys() == theirs.keys(), text
        assert np.allclose([mine[k] for k in theirs], list(theirs.values()), rtol=0, atol=1e-12)


UNSEEN = [
    # Not in the seed set: new words, new sites, new insults.
    (
        "de",
        "ham",
        "Die Sperrung der Lindenallee hat mich heute zwanzig Minuten gekostet, ärgerlich.",
    ),
    (
        "de",
        "spam",
        "Sensationelle Rabatte auf Sonnenbrillen!!! Jetzt zugreifen: www.brillen-schnaeppchen.example",
    ),
    ("de", "abuse", "Der Kolumnist ist ein dummer Trottel, halt endlich die Klappe."),
    ("en", "ham", "The closure of Linden Avenue cost me twenty minutes this morning, annoying."),
    (
        "en",
        "spam",
        "Amazing discounts on sunglasses!!! Grab them now at www.sunglass-bargains.example",
    ),
    ("en", "abuse", "The columnist is a stupid idiot, just shut up already."),
]


@pytest.mark.parametrize(("language", "label", "text"), UNSEEN)
def test_the_seed_trained_model_tells_spam_and_abuse_from_ham(trained, language, label, text):
    score = score_comment(text)
    if label == "ham":
        assert score.spam < 0.5 and score.abuse < 0.5, score
        assert score.verdict is None
    else:
        assert getattr(score, label) > 0.5, score
        assert getattr(score, label) > max(score.spam, score.abuse) - 1e-9
        assert score.terms and all(weight > 0 for _, weight in score.terms)


def test_the_terms_name_the_words_that_drove_the_score(trained):
    score = score_comment("Was für ein Idiot, dieser Reporter.")
    assert score.abuse > score.spam
    assert "idiot" in [term for term, _ in score.terms[:3]], score.terms


def test_posting_speed_and_links_raise_the_spam_score(trained):
    text = "Infos unter www.angebot-heute.example und www.angebot-morgen.example"
    typed = score_comment(text, trust=2, seconds_to_write=40)
    pasted = score_comment(text, trust=0, seconds_to_write=0.5)
    assert pasted.spam > typed.spam


@pytest.mark.parametrize(
    "text", ["", "   ", "\ud800 halbes Zeichen", "x" * 20000, "😀" * 500, "\x00\x01", "a\u200bb"]
)
def test_no_text_makes_the_scorer_raise(trained, text):
    score = score_comment(text, trust=-5, seconds_to_write=-3)
    assert 0 <= score.spam <= 1 and 0 <= score.abuse <= 1


def test_a_model_stored_with_other_features_is_not_used(trained):
    ClassifierHead.objects.update(features={"format": 0})
    assert score_comment("Kauf billige Uhren auf www.uhren.example") == Score()


def test_the_weights_are_stored_as_numpy_arrays_without_pickle(trained):
    for head in trained:
        data = bytes(head.coef)
        assert data.startswith(b"\x93NUMPY")
        array = np.load(io.BytesIO(data), allow_pickle=False)
        assert array.dtype == np.float64 and array.shape == (features.N_FEATURES,)
        assert head.features == features.FEATURES


# --- Learning from moderators --------------------------------------------------------------


def test_each_moderator_decision_queues_its_lesson_and_automated_ones_none(article, moderator):
    services.approve_comments(comments(article, "Gut geschrieben."), actor=moderator)
    services.mark_spam(comments(article, "Billig: www.x.example"), actor=moderator)
    services.reject_comments(comments(article, "Du Depp."), actor=moderator, reason=Reason.HATE)
    services.reject_comments(
        comments(article, "Gehört nicht hierher."), actor=moderator, reason=Reason.OFF_TOPIC
    )
    services.reject_comments(
        comments(article, "Unklar."), actor=moderator, reason=Reason.OTHER, explanation="Test"
    )
    services.reject_comments(comments(article, "Blöd."), actor=None, reason=Reason.INSULT)
    services.approve_comments(comments(article, "Auto."), actor=moderator, automated=True)
    labels = sorted(label for _, label in lessons())
    assert labels == ["abuse", "ham", "not-spam", "spam"]


BORDERLINE = "Im Rathaus sitzen nur Schnarchnasen und Pfeifen."
SIMILAR = [
    "Die Verwaltung besteht aus lauter Schnarchnasen.",
    "Was für Pfeifen im Stadtrat, echte Schnarchnasen.",
    "Schnarchnasen und Pfeifen, die ganze Fraktion.",
    "Der Verkehrsausschuss: eine Versammlung von Pfeifen.",
    "Ihr Schnarchnasen im Bauamt kriegt nichts hin.",
]


@with_worker
def test_a_borderline_comments_abuse_score_rises_after_similar_ones_are_rejected(
    trained, article, moderator
):
    before = score_comment(BORDERLINE)
    services.reject_comments(comments(article, *SIMILAR), actor=moderator, reason=Reason.INSULT)
    run_worker()
    after = score_comment(BORDERLINE)
    assert after.abuse > before.abuse + 0.2, (before, after)
    assert after.abuse > 0.5
    assert "schnarchnasen" in [term for term, _ in after.terms]
    assert all(h.decisions == 5 for h in ClassifierHead.objects.all())


@with_worker
def test_approvals_teach_ham(trained, article, moderator):
    text = "Wer bei dem Wetter radelt, ist selber schuld, ihr Frostbeulen."
    before = score_comment(text)
    similar = [f"Frostbeulen wie ihr radeln nicht, Ausgabe {i}." for i in range(5)]
    services.approve_comments(comments(article, *similar), actor=moderator)
    run_worker()
    assert score_comment(text).abuse < before.abuse


def test_every_concurrent_lesson_counts(trained):
    versions = dict(ClassifierHead.objects.values_list("name", "version"))
    assert training.learn("Eins, du Pfeife.", "abuse")
    assert training.learn("Zwei, du Pfeife.", "abuse")
    assert training.learn("Dies ist kein Werbelink.", "not-spam")
    heads = {h.name: h for h in ClassifierHead.objects.all()}
    assert heads["spam"].version == versions["spam"] + 3
    assert heads["abuse"].version == versions["abuse"] + 2  # "not-spam" teaches abuse nothing
    assert heads["abuse"].positives == 2 and heads["spam"].positives == 0


def test_learning_without_a_model_does_nothing():
    assert training.learn("Du Pfeife.", "abuse") is False
    assert not ClassifierHead.objects.exists()


@with_worker
def test_a_comment_deleted_before_its_lesson_teaches_nothing(trained, article, moderator):
    services.reject_comments(comments(article, *SIMILAR), actor=moderator, reason=Reason.INSULT)
    Comment.objects.all().delete()
    run_worker()
    assert all(h.decisions == 0 for h in ClassifierHead.objects.all())


# --- Install time and retraining ---------------------------------------------------------


def test_setup_trains_the_starting_model_when_none_is_stored_and_not_again():
    out = io.StringIO()
    call_command("setup", "--no-demo", stdout=out)
    assert "Trained the starting spam and abuse model" in out.getvalue()
    assert dict(ClassifierHead.objects.values_list("name", "version")) == {"spam": 1, "abuse": 1}
    ClassifierHead.objects.update(decisions=7)
    out = io.StringIO()
    call_command("setup", "--no-demo", stdout=out)
    assert "Trained" not in out.getvalue()
    assert set(ClassifierHead.objects.values_list("version", "decisions")) == {(1, 7)}


@with_worker
def test_train_model_keeps_the_decisions_and_reset_forgets_them(trained, article, moderator):
    starting = {h.name: bytes(h.coef) for h in trained}
    services.reject_comments(comments(article, *SIMILAR), actor=moderator, reason=Reason.INSULT)
    services.approve_comments(comments(article, "Guter Punkt."), actor=moderator)
    run_worker()
    out = io.StringIO()
    call_command("train_model", stdout=out)
    assert "6 moderator decisions" in out.getvalue()
    retrained = score_comment(BORDERLINE).abuse
    assert {h.name: bytes(h.coef) for h in ClassifierHead.objects.all()} != starting
    assert set(ClassifierHead.objects.values_list("decisions", flat=True)) == {6}

    call_command("train_model", "--reset", stdout=io.StringIO())
    assert {h.name: bytes(h.coef) for h in ClassifierHead.objects.all()} == starting
    assert set(ClassifierHead.objects.values_list("decisions", flat=True)) == {0}
    assert score_comment(BORDERLINE).abuse < retrained


# --- Shared by every process on the database ----------------------------------------------


SCORE_SCRIPT = """
import json
from broadsheet.moderation.classifier import score_comment, training
if {learn!r}:
    for text in {learn!r}:
        training.learn(text, "abuse")
s = score_comment({text!r}, trust=1, seconds_to_write=12.5)
print("SCORE" + json.dumps([s.spam, s.abuse, s.terms]))
"""


def score_in_another_process(env, text, *, learn=()) -> list:
    script = SCORE_SCRIPT.format(text=text, learn=list(learn))
    out = e2e.run_command(env, "shell", "-c", script)
    line = next(line for line in out.splitlines() if line.startswith("SCORE"))
    return json.loads(line.removeprefix("SCORE"))


def mine(text) -> list:
    s = score_comment(text, trust=1, seconds_to_write=12.5)
    return json.loads(json.dumps([s.spam, s.abuse, s.terms]))


@pytest.mark.django_db(transaction=True)
def test_two_processes_sharing_only_the_database_score_alike(served_data_dir):
    from broadsheet.core.browser import _served_environment

    env = _served_environment(served_data_dir, {})
    training.train()
    before = mine(BORDERLINE)
    assert score_in_another_process(env, BORDERLINE) == before
    # Another process learns: this one sees it on its next score, from the database.
    theirs = score_in_another_process(env, BORDERLINE, learn=SIMILAR)
    assert theirs[1] > before[1]
    assert mine(BORDERLINE) == theirs


# --- The console ---------------------------------------------------------------------------


def test_the_console_shows_the_models_assessment_and_its_words(trained, article, client, moderator):
    comment = make_comment(article, body="Halt die Klappe, du Idiot.", status="pending")
    client.force_login(moderator)
    page = client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    assert "Model’s assessment" in page or "Einschätzung" in page
    assessment = page.split('class="assessment"', 1)[1].split("</p>", 1)[0]
    score = score_comment(comment.body)
    assert f"{round(score.abuse * 100)} %" in assessment
    assert "<q>idiot</q>" in assessment


def test_the_console_says_when_no_model_is_trained(article, client, moderator):
    comment = make_comment(article, body="Ein Kommentar.", status="pending")
    client.force_login(moderator)
    page = client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    assert "train_model" in page


@pytest.mark.django_db(transaction=True)
def test_two_learners_at_once_lose_no_lesson(served_data_dir):
    import subprocess

    from broadsheet.core.browser import _served_environment

    env = _served_environment(served_data_dir, {})
    training.train()
    steps = dict(ClassifierHead.objects.values_list("name", "steps"))
    script = (
        "from broadsheet.moderation.classifier import training\n"
        "for i in range(4):\n"
        "    assert training.learn(f'Lauter Pfeifen hier, Nummer {i}', 'abuse')\n"
    )
    learners = [
        subprocess.Popen(e2e.broadsheet_command("shell", "-c", script), env=env) for _ in range(2)
    ]
    assert [learner.wait(timeout=120) for learner in learners] == [0, 0]
    heads = {h.name: h for h in ClassifierHead.objects.all()}
    assert (heads["abuse"].version, heads["abuse"].decisions, heads["abuse"].positives) == (9, 8, 8)
    assert (heads["spam"].version, heads["spam"].decisions) == (9, 8)
    # The weights and the step counter are written whole, not added up by the database:
    # eight steps on them means no learner overwrote another's step.
    assert heads["abuse"].steps == steps["abuse"] + 8
    assert heads["spam"].steps == steps["spam"] + 8
