"""Anchoring to passages: selection, disambiguation and finding anchors again after edits."""

import re

import pytest

from broadsheet.discussion.anchoring import AnchorError, normalise, reanchor, select

TEXT = (
    "Die Stadt plant eine neue Straßenbahnlinie. Die Linie soll 2030 fertig sein. "
    "Kritiker sagen, die Linie sei zu teuer. Befürworter sagen, die Linie sei überfällig. "
    "Im Herbst entscheidet der Rat über die Finanzierung der neuen Linie."
)


def test_a_quote_gets_its_prefix_suffix_and_position():
    selector = select(TEXT, exact="soll 2030 fertig sein")
    assert TEXT[selector.start : selector.end] == "soll 2030 fertig sein"
    assert selector.prefix.endswith("Die Linie ") and selector.suffix.startswith(". Kritiker")
    assert len(selector.prefix) <= 32 and len(selector.suffix) <= 32


def test_a_repeated_phrase_is_told_apart_by_its_context():
    first = select(TEXT, exact="die Linie sei", prefix="Kritiker sagen, ")
    second = select(TEXT, exact="die Linie sei", prefix="Befürworter sagen, ")
    assert first.start < second.start
    assert TEXT[second.start - 19 : second.start] == "Befürworter sagen, "


def test_a_repeated_phrase_without_context_takes_the_position_hint():
    occurrences = [m.start() for m in re.finditer("Linie", TEXT)]
    assert len(occurrences) == 4
    assert [select(TEXT, exact="Linie", hint=at + 2).start for at in occurrences] == occurrences


@pytest.mark.parametrize(
    "exact", ["", "   ", "Diese Worte stehen nirgends", "<script>alert(1)</script>", "x" * 1001]
)
def test_a_quote_that_is_not_in_the_article_is_refused(exact):
    with pytest.raises(AnchorError):
        select(TEXT, exact=exact)


def test_unicode_and_whitespace_are_normalised():
    decomposed = "Befu\u0308rworter   sagen,\n die"  # ü as u + combining diaeresis, odd spaces
    selector = select(TEXT, exact=decomposed)
    assert selector.exact == "Befürworter sagen, die"
    assert normalise("a\u00a0\t b") == "a b"


def test_an_unchanged_article_keeps_every_anchor_exactly():
    old = select(TEXT, exact="die Linie sei überfällig")
    found, how = reanchor(TEXT, old)
    assert (found, how) == (old, "exact")


def test_an_edit_before_the_passage_moves_the_anchor_with_it():
    old = select(TEXT, exact="die Linie sei überfällig")
    edited = "Vorbemerkung der Redaktion: aktualisiert. " + TEXT
    found, how = reanchor(edited, old)
    assert how == "exact"
    assert edited[found.start : found.end] == "die Linie sei überfällig"
    assert found.start == old.start + len("Vorbemerkung der Redaktion: aktualisiert. ")


def test_an_edit_after_the_passage_keeps_it():
    old = select(TEXT, exact="Die Linie soll 2030 fertig sein.")
    edited = TEXT.replace("Im Herbst entscheidet", "Im Winter entscheidet")
    found, how = reanchor(edited, old)
    assert how == "exact" and found.start == old.start


def test_an_edit_in_the_context_falls_back_to_the_quote_alone():
    old = select(TEXT, exact="soll 2030 fertig sein")
    edited = TEXT.replace("Die Linie soll", "Die Trasse soll")
    found, how = reanchor(edited, old)
    assert how == "quote"
    assert edited[found.start : found.end] == "soll 2030 fertig sein"


def test_an_edit_inside_the_passage_is_found_by_fuzzy_matching():
    old = select(TEXT, exact="Im Herbst entscheidet der Rat über die Finanzierung")
    edited = TEXT.replace("entscheidet der Rat über", "entscheidet der Stadtrat über")
    found, how = reanchor(edited, old)
    assert how == "fuzzy"
    assert edited[found.start : found.end].startswith("Im Herbst entscheidet der Stadtrat")


def test_a_deleted_passage_is_orphaned_not_moved_to_other_text():
    old = select(TEXT, exact="Kritiker sagen, die Linie sei zu teuer.")
    edited = TEXT.replace("Kritiker sagen, die Linie sei zu teuer. ", "")
    found, how = reanchor(edited, old)
    assert (found, how) == (None, "orphaned")


def test_a_short_quote_is_never_fuzzy_matched_to_something_else():
    old = select(TEXT, exact="2030")
    found, how = reanchor(TEXT.replace("2030", "2031"), old)
    assert (found, how) == (None, "orphaned")


def test_selectors_serialise_as_web_annotation():
    selector = select(TEXT, exact="2030")
    quote, position = selector.as_web_annotation()
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "2030",
        "prefix": selector.prefix,
        "suffix": selector.suffix,
    }
    assert position == {
        "type": "TextPositionSelector",
        "start": selector.start,
        "end": selector.end,
    }
