"""Anchoring comments to passages of an article: W3C Web Annotation selectors.

A passage is stored as a TextQuoteSelector (exact, prefix, suffix) plus a
TextPositionSelector (start, end) over the article's normalised plain text. Both
are computed here on the server; what a browser sends is only a hint, and a quote
that does not occur in the article is refused.

When the article changes, anchors are found again, in order of confidence:
exact text with its prefix and suffix, then the exact text alone (nearest to where
it was), then a fuzzy match of about the same length within a bound; an anchor that
matches none of these is orphaned, never moved to the wrong text.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix kept, as hypothesis.is does
MAX_EXACT = 1000
FUZZY_MIN_RATIO = 0.85
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, every run of white space as one space, trimmed: the text anchors live in."""
    return collapse(text).strip()


def collapse(text: str) -> str:
    """NFC and single spaces, not trimmed: for prefixes and suffixes, whose edge spaces count."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text))


@dataclass(frozen=True)
class Selector:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def as_web_annotation(self) -> list[dict]:
        return [
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


class AnchorError(ValueError):
    pass


def _selector_at(text: str, start: int, end: int) -> Selector:
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def _occurrences(text: str, exact: str) -> list[int]:
    found, at = [], text.find(exact)
    while at != -1:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def _context_score(text: str, at: int, exact: str, prefix: str, suffix: str) -> int:
    """How many characters of prefix and suffix agree with the text around `at`."""
    before = text[max(0, at - len(prefix)) : at]
    after = text[at + len(exact) : at + len(exact) + len(suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def select(
    text: str, *, exact: str, prefix: str = "", suffix: str = "", hint: int | None = None
) -> Selector:
    """A selector for `exact` in `text`, disambiguated by prefix, suffix and position.

    Raises AnchorError when the quote is empty, too long, or not in the text.
    """
    text, exact = normalise(text), normalise(exact)
    prefix, suffix = collapse(prefix)[-CONTEXT:], collapse(suffix)[:CONTEXT]
    if not exact:
        raise AnchorError("empty quote")
    if len(exact) > MAX_EXACT:
        raise AnchorError("quote too long")
    candidates = _occurrences(text, exact)
    if not candidates:
        raise AnchorError("quote not in text")
    best = max(
        candidates,
        key=lambda at: (
            _context_score(text, at, exact, prefix, suffix),
            -abs(at - hint) if hint is not None else 0,
        ),
    )
    return _selector_at(text, best, best + len(exact))


def reanchor(text: str, old: Selector) -> tuple[Selector | None, str]:
    """Find an old selector in a changed text: (selector or None, how it was found)."""
    text = normalise(text)
    candidates = _occurrences(text, old.exact)
    full = [
        at for at in candidates
        if text[max(0, at - len(old.prefix)) : at] == old.prefix
        and text[at + len(old.exact) : at + len(old.exact) + len(old.suffix)] == old.suffix
    ]  # fmt: skip
    if full:
        at = min(full, key=lambda a: abs(a - old.start))
        return _selector_at(text, at, at + len(old.exact)), "exact"
    if candidates:
        at = max(
            candidates,
            key=lambda a: (
                _context_score(text, a, old.exact, old.prefix, old.suffix),
                -abs(a - old.start),
            ),
        )
        return _selector_at(text, at, at + len(old.exact)), "quote"
    fuzzy = _fuzzy(text, old)
    if fuzzy is not None:
        return fuzzy, "fuzzy"
    return None, "orphaned"


def _fuzzy(text: str, old: Selector) -> Selector | None:
    """The window of the text most like the old quote, if it is alike enough.

    Windows start at word boundaries and are the quote's length ± 20 %; the best
    one must reach FUZZY_MIN_RATIO. Bounded: quotes over MAX_EXACT never get here.
    """
    exact = old.exact
    if len(exact) < 12:
        return None  # too short to tell a small edit from a different phrase
    starts = [0, *(m.end() for m in re.finditer(r"\s", text))]
    lengths = sorted({len(exact), int(len(exact) * 0.8), int(len(exact) * 1.2)})
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    best, best_ratio = None, FUZZY_MIN_RATIO
    for start in starts:
        for length in lengths:
            window = text[start : start + length]
            if len(window) < len(exact) * 0.8:
                continue
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio or (
                ratio == best_ratio and best and abs(start - old.start) < abs(best[0] - old.start)
            ):
                best, best_ratio = (start, start + length), ratio
    if best is None:
        return None
    start, end = best
    # Trim to word boundaries inside the window so the highlight does not cut words.
    window = text[start:end].rstrip()
    end = start + len(window)
    return _selector_at(text, start, end)
