"""The local spam and abuse model: scoring, learning from moderators, sharing by database."""

import dataclasses

import pytest

from broadsheet.moderation.classifier import Score, score_comment
from broadsheet.moderation.classifier import store as model_store


@pytest.fixture(autouse=True)
def fresh_copy():
    model_store.forget()
    yield
    model_store.forget()


@pytest.mark.django_db
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
