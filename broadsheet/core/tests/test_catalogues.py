"""Both interfaces are complete: no English left on a German page, no guesses."""

from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def entries(language: str):
    """(fuzzy, msgid, [msgstr …]) for each entry of a .po file, header included."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for block in text.strip().split("\n\n"):
        fuzzy, field, fields = False, None, {}
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("msg"):
                field, _, value = line.partition(" ")
                fields[field] = value.strip()[1:-1]
            elif line.startswith('"') and field:
                fields[field] += line[1:-1]
        if "msgid" in fields:
            strings = [v for k, v in fields.items() if k.startswith("msgstr")]
            yield fuzzy, fields["msgid"], strings


def test_every_german_string_is_translated_and_none_is_a_guess():
    untranslated = [
        msgid for fuzzy, msgid, strings in entries("de") if msgid and (fuzzy or not all(strings))
    ]
    assert untranslated == []
    assert len(list(entries("de"))) > 300


def test_no_fuzzy_entries_in_the_english_catalogue():
    assert not [msgid for fuzzy, msgid, _ in entries("en") if fuzzy and msgid]


@pytest.mark.parametrize(
    ("msgid", "german"),
    [
        (
            "Comments on this article are closed.",
            "Die Kommentare zu diesem Artikel sind geschlossen.",
        ),
        ("Image source", "Bildquelle"),
        ("Source", "Quelle"),
    ],
)
def test_the_compiled_catalogue_is_in_step_with_the_source(msgid, german):
    with translation.override("de"):
        assert translation.gettext(msgid) == german


@pytest.mark.django_db
def test_the_500_page_is_in_the_site_language_and_needs_no_database(rf, django_assert_num_queries):
    from broadsheet.core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Etwas ist schiefgegangen" in response.content.decode()
