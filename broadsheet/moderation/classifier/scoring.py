"""Scoring with numpy alone: the decision of a linear model is a dot product."""

import logging
import math

import numpy as np

from . import NEUTRAL, Score, store
from .features import N_TEXT, NUMERIC, Vector

logger = logging.getLogger(__name__)

TERMS = 6
# What a moderator reads for the numeric features (the constant "bias" is never a reason).
NUMERIC_TERMS = {
    "links": "[links]",
    "repeats": "[repeated characters]",
    "capitals": "[CAPITALS]",
    "trust": "[trust level]",
    "speed": "[typing speed]",
}


def _probability(margin: float) -> float:
    if margin >= 0:
        return 1 / (1 + math.exp(-margin))
    z = math.exp(margin)
    return z / (1 + z)


def score(text: str, *, trust: int = 0, seconds_to_write: float | None = None) -> Score:
    if not isinstance(text, str) or not text.strip():
        return NEUTRAL
    heads = store.current()
    if heads is None:
        return NEUTRAL
    try:
        vector = Vector(text, trust=trust, seconds_to_write=seconds_to_write)
    except Exception:  # a scorer that fails must not stop a comment: log it, stay neutral
        logger.exception("the model could not read a comment")
        return NEUTRAL
    probabilities = {}
    for name, weights in heads.items():
        margin = float(weights.coef[vector.columns] @ vector.values)
        margin += float(weights.coef[N_TEXT:] @ vector.numeric) + weights.intercept
        probabilities[name] = _probability(margin)
    strongest = max(probabilities, key=probabilities.get)
    return Score(
        spam=probabilities["spam"],
        abuse=probabilities["abuse"],
        terms=_terms(vector, heads[strongest].coef),
    )


def _terms(vector: Vector, coef: np.ndarray) -> list[tuple[str, float]]:
    """The words (with their character n-grams) and numbers that raised the score most."""
    per_word = np.bincount(
        vector.char_words,
        weights=coef[vector.char_columns] * vector.char_weight,
        minlength=len(vector.words),
    )
    contributions: dict[str, float] = {}
    for word, weight in zip(vector.words, per_word.tolist(), strict=True):
        term = word.strip(".,;:!?\"'()[]«»„“”‚‘’") or word
        contributions[term] = contributions.get(term, 0.0) + weight
    word_weight = vector.word_weight
    for gram, column in zip(vector.word_grams, vector.word_columns.tolist(), strict=True):
        weight = float(coef[column]) * word_weight
        if " " in gram:
            contributions[gram] = contributions.get(gram, 0.0) + weight
        elif gram in contributions:
            contributions[gram] += weight
        else:
            # A token inside a longer word ("spiel" in "fußball-spiel"): add it to that word.
            owner = next((t for t in contributions if gram in t), gram)
            contributions[owner] = contributions.get(owner, 0.0) + weight
    for name, value, weight in zip(NUMERIC, vector.numeric, coef[N_TEXT:], strict=True):
        if value and name in NUMERIC_TERMS:
            contributions[NUMERIC_TERMS[name]] = float(value * weight)
    ranked = sorted(contributions.items(), key=lambda item: item[1], reverse=True)
    return [(term, round(weight, 3)) for term, weight in ranked[:TERMS] if weight > 0]
