"""The weights in the database, and this process's copy of them.

Scoring checks the heads' versions with one small query each time (two rows, by a
unique index) and loads the weights again only when a version moved. Scoring happens
when a comment is posted and when a moderator opens a comment, both requests that run
a dozen queries anyway, so the check costs little; in exchange every node uses a
moderator's lesson from the next comment on, and a query count does not depend on a
timer (a time-based re-read would make the posting path's query count vary).
"""

import io
import threading
from dataclasses import dataclass

import numpy as np

from broadsheet.moderation.models import ClassifierHead

from .features import FEATURES, N_FEATURES

HEADS = (ClassifierHead.Name.SPAM, ClassifierHead.Name.ABUSE)


@dataclass(frozen=True)
class Weights:
    coef: np.ndarray  # float64, N_FEATURES, read-only
    intercept: float
    steps: float


def dump(coef: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(coef, dtype=np.float64), allow_pickle=False)
    return buffer.getvalue()


def load(data) -> np.ndarray:
    array = np.load(io.BytesIO(bytes(data)), allow_pickle=False)
    array.setflags(write=False)
    return array


_lock = threading.Lock()
_cached: tuple[tuple, dict[str, Weights]] | None = None


def current() -> dict[str, Weights] | None:
    """Both heads' weights as stored now, or None while no usable model is stored."""
    global _cached
    versions = tuple(ClassifierHead.objects.order_by("name").values_list("name", "version"))
    if len(versions) != len(HEADS):
        return None
    cached = _cached
    if cached is not None and cached[0] == versions:
        return cached[1]
    with _lock:
        rows = ClassifierHead.objects.order_by("name")
        heads = {}
        stamp = []
        for row in rows:
            if row.features != FEATURES:
                return None  # trained with other features: `broadsheet train_model --reset`
            coef = load(row.coef)
            if coef.shape != (N_FEATURES,):
                return None
            heads[row.name] = Weights(coef, row.intercept, row.steps)
            stamp.append((row.name, row.version))
        if set(heads) != set(HEADS):
            return None
        _cached = (tuple(stamp), heads)
        return heads


def forget() -> None:
    """Drop this process's copy (tests; the next score reads the weights again)."""
    global _cached
    _cached = None
