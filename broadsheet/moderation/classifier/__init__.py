"""Broadsheet's own spam and abuse model: scored on this server, learning from moderators.

    from broadsheet.moderation.classifier import score_comment
    score = score_comment(text, trust=level, seconds_to_write=seconds)
    if score.verdict == "abuse": ...

A linear model over hashed character and word n-grams plus a few numbers (links,
repeated characters, capitals, the author's trust, typing speed), with two heads:
spam and abuse. Scoring needs numpy and the stored weights only (scoring.py); learning
(training.py, in the worker and the management commands) uses scikit-learn. Importing
this package imports neither.
"""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Score:
    """The model's view of one comment: probabilities 0–1 and the terms that drove them."""

    spam: float = 0.0
    abuse: float = 0.0
    # (term, weight): what pushed the higher of the two scores most, strongest first.
    terms: list[tuple[str, float]] = field(default_factory=list)

    @property
    def verdict(self) -> str | None:
        """ "spam" or "abuse" when that score passes its threshold (the larger excess wins)."""
        over = {
            "spam": self.spam - settings.BROADSHEET_MODEL_SPAM_THRESHOLD,
            "abuse": self.abuse - settings.BROADSHEET_MODEL_ABUSE_THRESHOLD,
        }
        name, excess = max(over.items(), key=lambda item: item[1])
        return name if excess >= 0 and getattr(self, name) > 0 else None


NEUTRAL = Score()


def score_comment(text: str, *, trust: int = 0, seconds_to_write: float | None = None) -> Score:
    """Score a comment's text; a neutral Score while no model is stored. Never raises for text.

    trust: the author's level (-1 restricted, 0 new, 1 known, 2–3 trusted);
    seconds_to_write: from opening the form to posting, None when unknown.
    """
    from . import scoring

    return scoring.score(text, trust=trust, seconds_to_write=seconds_to_write)


def explain(comment) -> Score:
    """The score of a stored comment, for the moderation console."""
    from . import scoring

    return scoring.score(comment.body, trust=0, seconds_to_write=None)


__all__ = ["NEUTRAL", "Score", "explain", "score_comment"]
