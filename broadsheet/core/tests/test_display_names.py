"""A reader's name is normalised once, at input, for pages, logs and mail headers."""

import unicodedata

import pytest

from broadsheet.core.text import normalise_display_name


def test_it_keeps_an_ordinary_name():
    assert normalise_display_name("Lea Leserin") == "Lea Leserin"


def test_it_keeps_typography_and_non_latin_scripts():
    assert normalise_display_name("Renée O’Brien-Müller²") == "Renée O’Brien-Müller²"
    assert normalise_display_name("김민준 · Łukasz") == "김민준 · Łukasz"


@pytest.mark.parametrize(
    "separator",
    ["\r\n", "\n", "\r", "\t", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\u00a0", "\u3000"],
)
def test_line_breaks_tabs_and_odd_spaces_become_one_space(separator):
    assert normalise_display_name(f"Lea{separator}Leserin") == "Lea Leserin"


def test_a_header_injection_becomes_harmless_text():
    name = normalise_display_name("Lea\r\nBcc: victim@example.org")
    assert name == "Lea Bcc: victim@example.org"
    assert not any(unicodedata.category(c) == "Cc" for c in name)


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_other_control_characters_do_not_survive(control):
    assert normalise_display_name(f"Lea{control}Leserin") == "Lea Leserin"


@pytest.mark.parametrize(
    "invisible",
    [
        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # embeddings and overrides
        "\u2066", "\u2067", "\u2068", "\u2069",  # isolates
        "\u200e", "\u200f", "\u061c",  # marks
        "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width, soft hyphen
    ],
)  # fmt: skip
def test_bidi_controls_and_zero_width_characters_are_dropped(invisible):
    assert normalise_display_name(f"Ad{invisible}min") == "Admin"


def test_a_right_to_left_override_cannot_reverse_what_the_page_shows():
    assert normalise_display_name("moc.elpmaxe\u202e@lea") == "moc.elpmaxe@lea"


def test_it_composes_to_nfc_but_keeps_compatibility_characters():
    decomposed = "Mu\u0308ller"
    assert normalise_display_name(decomposed) == "Müller"
    assert normalise_display_name(decomposed) == unicodedata.normalize("NFC", decomposed)
    # NFKC would turn these into "fi" and "TM"; a reader's chosen characters stay.
    assert normalise_display_name("ﬁne Corp™") == "ﬁne Corp™"


def test_a_combining_mark_separated_by_a_zero_width_space_still_composes():
    assert normalise_display_name("Mu\u200b\u0308ller") == "Müller"


def test_whitespace_is_collapsed_and_stripped():
    assert normalise_display_name("  Lea \t\t  Leserin \n") == "Lea Leserin"


def test_a_lone_surrogate_is_dropped_so_the_name_encodes_as_utf8():
    name = normalise_display_name("Lea\ud800")
    assert name == "Lea"
    name.encode("utf-8")


@pytest.mark.parametrize("value", ["", None, "   ", "\r\n\t", "\u200b\u202e\ufeff", "\u2028"])
def test_a_name_of_nothing_but_invisible_characters_becomes_empty(value):
    assert normalise_display_name(value) == ""
