"""The German catalogue says what de_strings.txt says for this app's msgids."""

from django.utils import translation

from .conftest import german_strings


def test_the_catalogue_translates_our_strings_as_handed_over():
    disagreements = {}
    with translation.override("de"):
        for msgid, expected in german_strings().items():
            if isinstance(msgid, tuple):
                got = (translation.ngettext(*msgid, 1), translation.ngettext(*msgid, 2))
                expected = tuple(expected)
            else:
                got = translation.gettext(msgid)
            if got != expected:
                disagreements[msgid] = got
    assert disagreements == {}, "broadsheet/locale/de differs from de_strings.txt"
