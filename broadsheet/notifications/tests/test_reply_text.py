"""What is left of an e-mail answer once quotes and signatures are gone."""

import pytest

from broadsheet.notifications.reply_text import html_to_text, reply_text


@pytest.mark.parametrize(
    ("mail", "expected"),
    [
        (
            "Stimmt.\n\nAm 01.12.2026 um 10:00 schrieb Broadsheet <noreply@zeitung.example>:\n"
            "> Max hat geantwortet.\n",
            "Stimmt.",
        ),
        ("Agreed.\n\nOn Tue, Dec 1, 2026 at 10:00 Broadsheet wrote:\n> quoted\n", "Agreed."),
        (
            "Genau so.\n\n-----Original Message-----\nFrom: Broadsheet\nSubject: Re\n\nText",
            "Genau so.",
        ),
        (
            "Genau so.\n\nVon: Broadsheet <noreply@zeitung.example>\n"
            "Gesendet: Dienstag, 1. Dezember 2026 10:00\nAn: lea@example.org\n"
            "Betreff: Antwort\n\nText",
            "Genau so.",
        ),
        ("Kurz.\n\n-- \nLea Leserin\nMusterstraße 1\n", "Kurz."),
        ("Kurz.\n\nGesendet von meinem iPhone\n", "Kurz."),
        ("Erste Zeile.\n> ein Zitat dazwischen\nZweite Zeile.", "Erste Zeile.\nZweite Zeile."),
        ("Ein Absatz.\n\nNoch einer mit 3 > 2.", "Ein Absatz.\n\nNoch einer mit 3 > 2."),
        ("> nur Zitat\n> sonst nichts\n", ""),
    ],
)
def test_quotes_and_signatures_are_stripped(mail, expected):
    assert reply_text(mail) == expected


def test_html_becomes_plain_text_without_scripts_styles_or_quotes():
    html = (
        "<html><head><style>p { color: red }</style><title>Re</title></head><body>"
        "<p>Hallo <b>Welt</b></p><script>alert(1)</script><div>Zweite&nbsp;Zeile &amp; mehr</div>"
        "<blockquote><p>Das Zitat</p></blockquote><p>&lt;img src=x onerror=alert(1)&gt;</p>"
        "</body></html>"
    )
    assert html_to_text(html) == "Hallo Welt\n\nZweite Zeile & mehr\n\n<img src=x onerror=alert(1)>"
