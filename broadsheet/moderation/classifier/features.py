"""What the model sees of a comment: hashed n-grams and six numbers, with numpy alone.

The text part is exactly scikit-learn's HashingVectorizer as training configures it
(see FEATURES and training.vectorizers): character n-grams 2–5 inside word boundaries
("char_wb") and word uni- and bigrams, lower-cased, hashed with MurmurHash3 (seed 0)
into one space of 2^18 columns without alternating signs, each part L2-normalised and
the two added. It is written again here, with a vectorised MurmurHash3, so that a web
process scores a comment without importing scikit-learn (about 90 MB per process);
tests/test_classifier.py checks that both give the same vector.

The numbers after the text columns: links, runs of repeated characters, the share of
capitals, the author's trust level, the typing speed and a constant 1. They are scaled
to about 0–1 so that one SGD step moves them no more than the text.

The constant is the model's real intercept. SGDClassifier learns its own intercept from
sparse rows at a hundredth of the rate (scikit-learn's SPARSE_INTERCEPT_DECAY), so in 15
epochs it stays near 0 and the prior moves into the commonest n-grams instead: "ein",
"der" and " e" became abuse words and a short civil line scored like an insult. A
constant column learns at the full rate.
"""

import math
import re

import numpy as np

N_TEXT = 2**18
NUMERIC = ("links", "repeats", "capitals", "trust", "speed", "bias")
N_FEATURES = N_TEXT + len(NUMERIC)

# Stored with the weights: a model trained with other settings is not used (store.py).
FEATURES = {
    "format": 2,
    "text": {
        "n_features": N_TEXT,
        "char_wb": [2, 5],
        "word": [1, 2],
        "lowercase": True,
        "alternate_sign": False,
        "norm": "l2",
    },
    "numeric": list(NUMERIC),
}

_WHITE_SPACES = re.compile(r"\s\s+")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_LINK = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|biz|info|shop|xyz|ru)\b"
)
_REPEAT = re.compile(r"(.)\1{2,}")


def char_wb_ngrams(text: str) -> list[tuple[str, int]]:
    """HashingVectorizer's char_wb 2–5 n-grams of lower-cased text, each with its word's number."""
    grams = []
    append = grams.append
    for number, word in enumerate(_WHITE_SPACES.sub(" ", text).split()):
        w = " " + word + " "
        w_len = len(w)
        for n in range(2, 6):
            offset = 0
            append((w[offset : offset + n], number))
            while offset + n < w_len:
                offset += 1
                append((w[offset : offset + n], number))
            if offset == 0:  # a short word counts once
                break
    return grams


def word_ngrams(text: str) -> list[str]:
    """HashingVectorizer's word unigrams and bigrams of lower-cased text."""
    tokens = _TOKEN.findall(text)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)


def _rotl(x, r: int):
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def murmurhash3_32(keys: list[bytes]) -> np.ndarray:
    """MurmurHash3 (x86, 32 bit, seed 0) of many short keys at once, as signed int32."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    width = 4 * (int(lengths.max(initial=0)) // 4 + 1)  # room for the tail block
    data = b"".join(k.ljust(width, b"\0") for k in keys)
    blocks = np.frombuffer(data, dtype="<u4").reshape(len(keys), width // 4)
    n_blocks = lengths // 4
    h = np.zeros(len(keys), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for j in range(int(n_blocks.max(initial=0))):
            k = blocks[:, j] * _C1
            k = _rotl(k, 15) * _C2
            mixed = _rotl(h ^ k, 13) * np.uint32(5) + np.uint32(0xE6546B64)
            h = np.where(n_blocks > j, mixed, h)
        # The bytes after the last whole block, zero-padded: the tail as one word.
        k = blocks[np.arange(len(keys)), n_blocks] * _C1
        k = _rotl(k, 15) * _C2
        h = np.where(lengths % 4 != 0, h ^ k, h)
        h ^= lengths.astype(np.uint32)
        h ^= h >> np.uint32(16)
        h *= np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
    return h.view(np.int32)


def bucket(hashes: np.ndarray) -> np.ndarray:
    """HashingVectorizer's column for a signed hash (abs modulo, with its -2^31 case)."""
    wide = hashes.astype(np.int64)
    columns = np.abs(wide) % N_TEXT
    return np.where(wide == -(2**31), (2**31 - 1 - (N_TEXT - 1)) % N_TEXT, columns)


def _l2_counts(columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Distinct columns, their L2-normalised counts, and the value of a single occurrence."""
    unique, counts = np.unique(columns, return_counts=True)
    values = counts.astype(np.float64)
    norm = math.sqrt(float(values @ values)) if len(values) else 0.0
    return unique, (values / norm if norm else values), (1 / norm if norm else 0.0)


def numeric_features(text: str, *, trust: int, seconds_to_write: float | None) -> np.ndarray:
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 8 else 0.0
    links = len(_LINK.findall(text))
    repeats = len(_REPEAT.findall(text))
    if seconds_to_write is None or seconds_to_write <= 0:
        speed = 0.0  # unknown (an import, an API client): says nothing
    else:
        # Characters per second: people type up to about 8, a pasted text arrives at once.
        speed = min(1.0, math.log1p(len(text) / seconds_to_write) / math.log1p(50))
    return np.array(
        [
            min(1.0, math.log1p(links) / math.log1p(5)),
            min(1.0, math.log1p(repeats) / math.log1p(5)),
            capitals,
            max(-1, min(3, int(trust))) / 3,
            speed,
            1.0,
        ]
    )


class Vector:
    """One comment as the model sees it: sparse text columns, numbers and where they came from."""

    __slots__ = (
        "columns",
        "values",
        "numeric",
        "words",
        "char_columns",
        "char_words",
        "word_grams",
        "word_columns",
        "char_weight",
        "word_weight",
    )

    def __init__(self, text: str, *, trust: int = 0, seconds_to_write: float | None = None):
        lowered = text.lower()
        chars = char_wb_ngrams(lowered)
        grams = word_ngrams(lowered)
        self.words = _WHITE_SPACES.sub(" ", lowered).split()
        keys = [g.encode("utf-8", "surrogatepass") for g, _ in chars]
        keys += [g.encode("utf-8", "surrogatepass") for g in grams]
        columns = bucket(murmurhash3_32(keys)) if keys else np.zeros(0, dtype=np.int64)
        self.char_columns = columns[: len(chars)]
        self.char_words = np.fromiter((n for _, n in chars), dtype=np.int64, count=len(chars))
        self.word_grams = grams
        self.word_columns = columns[len(chars) :]
        char_unique, char_values, self.char_weight = _l2_counts(self.char_columns)
        word_unique, word_values, self.word_weight = _l2_counts(self.word_columns)
        both = np.concatenate([char_unique, word_unique])
        self.columns, inverse = np.unique(both, return_inverse=True)
        self.values = np.bincount(
            inverse, weights=np.concatenate([char_values, word_values]), minlength=len(self.columns)
        )
        self.numeric = numeric_features(text, trust=trust, seconds_to_write=seconds_to_write)
