"""The demo publication around the articles: masthead, people, sections, pages, promos."""

PUBLICATION = {
    "name": "Die Abendlaterne",
    "tagline": "Nachrichten aus Berlin, Wien und der Welt",
    "description": (
        "Die Abendlaterne ist ein unabhängiges Nachrichtenblog mit Redaktionen in Berlin "
        "und Wien. Wir berichten über Politik, Wirtschaft, Kultur und Umwelt – aus den "
        "Regionen zwischen Oder und Donau und aus dem Rest der Welt, werbefrei und mit "
        "einer offenen Diskussion unter jedem Artikel. Die Abendlaterne ist eine erfundene "
        "Demo-Publikation."
    ),
}

# initials -> (name, slug, biography)
AUTHORS = {
    "ab": (
        "Anna Brandt",
        "anna-brandt",
        "Anna Brandt berichtet aus Berlin über internationale Politik und Europa. Bevor sie "
        "zur Abendlaterne kam, war sie einige Jahre Korrespondentin in Warschau und Prag.",
    ),
    "jw": (
        "Jakob Wimmer",
        "jakob-wimmer",
        "Jakob Wimmer leitet das Wiener Büro. Er schreibt über Österreich, den Donauraum und "
        "alles, was auf Schienen fährt.",
    ),
    "sk": (
        "Selin Kaya",
        "selin-kaya",
        "Selin Kaya ist Wirtschaftsredakteurin. Sie interessiert sich für Handwerk, "
        "Genossenschaften und die Frage, wer am Ende die Rechnung bezahlt.",
    ),
    "tl": (
        "Tobias Lehner",
        "tobias-lehner",
        "Tobias Lehner schreibt über Umwelt, Klima und Landwirtschaft. Er lebt mit seiner "
        "Familie am Rand des Spreewalds und fährt jeden Tag mit dem Rad zum Bahnhof.",
    ),
    "mh": (
        "Marie Hofstätter",
        "marie-hofstaetter",
        "Marie Hofstätter ist Kulturredakteurin in Wien und Berlin: Theater, Literatur und "
        "Musik, am liebsten dort, wo man sie nicht erwartet.",
    ),
}

# (slug, name, parent slug, description); parents come before their children.
CATEGORIES = [
    ("international", "International", None, "Nachrichten und Reportagen aus aller Welt."),
    ("europa", "Europa", "international", "Von der Oder bis zur Adria: Europa im Alltag."),
    ("amerika", "Amerika", "international", "Nord- und Südamerika, erzählt aus der Nähe."),
    ("inland", "Inland", None, "Politik und Gesellschaft in Deutschland."),
    ("wirtschaft", "Wirtschaft", None, "Handwerk, Handel, Arbeit und Geld."),
    ("kultur", "Kultur", None, "Bühne, Buch, Musik und Film."),
    ("umwelt", "Umwelt", None, "Klima, Natur und Landwirtschaft."),
]
# The front page as the editors set it: the lead story (Article.is_lead) and the order
# of the sections there and in the navigation (Category.position).
FRONT_LEAD = "nachtzug-allianz-berlin-wien"
FRONT_SECTIONS = ("inland", "international", "wirtschaft", "umwelt", "kultur")

PAGES = [
    {
        "slug": "impressum",
        "title": "Impressum",
        "position": 1,
        # Raw strings: a backslash at the end of a line is a Markdown line break.
        "body": r"""
*Die Abendlaterne ist eine Demo-Publikation der Software Broadsheet. Das Unternehmen,
alle Namen, Anschriften und Nummern auf dieser Seite sind erfunden.*

## Anbieter

Abendlaterne Medien GmbH\
Beispielstraße 12\
10115 Berlin

Redaktionsbüro Wien:\
Musterwiese 3/7\
1010 Wien

## Kontakt

Telefon: +49 30 23125 400\
E-Mail: redaktion@example.org

## Vertretung und Register

Vertreten durch die Geschäftsführerin Dr. Henrike Sommerfeld.\
Eingetragen im Handelsregister des Amtsgerichts Berlin-Charlottenburg unter
HRB 000000 (Beispiel).\
Umsatzsteuer-Identifikationsnummer: DE000000000 (Beispiel)

## Redaktionell verantwortlich

Verantwortlich für den Inhalt im Sinne des § 18 Abs. 2 MStV:\
Konrad Adler, Chefredakteur, Anschrift wie oben.

Namentlich gekennzeichnete Beiträge geben die Meinung der Autorinnen und Autoren
wieder. Übernommene Texte sind mit ihrer Quelle gekennzeichnet, Bilder mit Urheber
und Lizenz.

## Leserdiskussion

Kommentare werden vor oder nach der Veröffentlichung von unserem Moderationsteam
geprüft. Beiträge, die gegen unsere Diskussionsregeln verstoßen, entfernen wir. Hinweise
auf problematische Kommentare nehmen wir unter moderation@example.org entgegen.

## Streitschlichtung

Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer
Verbraucherschlichtungsstelle teilzunehmen.
""",
    },
    {
        "slug": "datenschutz",
        "title": "Datenschutz",
        "position": 2,
        "body": r"""
*Diese Erklärung gehört zur Demo-Publikation „Die Abendlaterne“. Sie beschreibt, wie
Broadsheet mit Daten umgeht; die Kontaktangaben sind erfunden.*

## Wer verantwortlich ist

Verantwortlich für die Verarbeitung Ihrer Daten ist die Abendlaterne Medien GmbH,
Beispielstraße 12, 10115 Berlin, E-Mail: datenschutz@example.org. Unseren
Datenschutzbeauftragten, Herrn Lukas Feldmann, erreichen Sie unter derselben Adresse.

## Wenn Sie nur lesen

Sie können jeden Artikel lesen, ohne sich anzumelden und ohne dass wir Sie
wiedererkennen. Wir binden keine Werbung, keine Zählpixel und keine Schriften oder
Skripte fremder Anbieter ein. Ihre IP-Adresse verwenden wir nur, um die Seite
auszuliefern und Missbrauch abzuwehren; gespeichert wird sie ausschließlich als
verschlüsselter Prüfwert, aus dem sich die Adresse nicht zurückrechnen lässt.

## Wenn Sie kommentieren oder abstimmen

Für einen Kommentar speichern wir den Namen, den Sie angeben, Ihre E-Mail-Adresse (sie
wird nie veröffentlicht), auf Wunsch Ihre Website, den Text und den Zeitpunkt. Damit
jede Person nur einmal abstimmen oder einen Artikel bewerten kann, setzen wir ein
zufälliges, signiertes Cookie, das keine Angaben über Sie enthält.

Rechtsgrundlage ist Art. 6 Abs. 1 lit. b DSGVO (Sie möchten an der Diskussion
teilnehmen) und Art. 6 Abs. 1 lit. f DSGVO (unser Interesse an einer Diskussion ohne
Spam und Missbrauch).

## Benachrichtigungen und Newsletter

Wenn Sie über neue Kommentare oder Antworten informiert werden möchten, schicken wir
Ihnen zuerst eine E-Mail mit einem Bestätigungslink. Erst nach Ihrer Bestätigung
senden wir weitere Nachrichten (Art. 6 Abs. 1 lit. a DSGVO). Jede E-Mail enthält einen
Link, mit dem Sie sich mit einem Klick wieder abmelden.

## Wie lange wir speichern

Kommentare bleiben gespeichert, solange der Artikel online ist, oder bis Sie uns um
Löschung bitten. Unbestätigte Anmeldungen für Benachrichtigungen löschen wir nach
wenigen Tagen.

## Ihre Rechte

Sie haben das Recht auf

- Auskunft über die Daten, die wir zu Ihnen speichern,
- Berichtigung falscher und Löschung nicht mehr benötigter Daten,
- Einschränkung der Verarbeitung und Datenübertragbarkeit,
- Widerspruch gegen Verarbeitungen, die auf unserem berechtigten Interesse beruhen.

Eine Einwilligung können Sie jederzeit für die Zukunft widerrufen. Außerdem können Sie
sich bei einer Datenschutz-Aufsichtsbehörde beschweren, zum Beispiel bei der Behörde,
die für unseren Sitz in Berlin zuständig ist.
""",
    },
]

SOCIAL_LINKS = [
    ("Mastodon", "https://social.example.org/@abendlaterne"),
    ("Bluesky", "https://bsky.example.com/profile/abendlaterne"),
    ("Newsletter", "https://example.org/newsletter"),
    ("Podcast „Nachtschicht“", "https://podcast.example.org/nachtschicht"),
]

SHOP_URL = "https://shop.example.org/"

SHOP_TEXT = "Tassen, Taschen, Jahresabos: Jeder Einkauf finanziert unabhängigen Journalismus."

SUPPORT_TEXT = (
    "Die Abendlaterne ist werbefrei und wird von ihren Leserinnen und Lesern finanziert. "
    "Wenn Ihnen dieser Artikel etwas wert war, [unterstützen Sie uns mit einem "
    "Abo](https://example.org/abo) – schon ab drei Euro im Monat."
)

ENVIRONMENT_LETTER_TEXT = (
    "Jeden Freitag fasst Tobias Lehner die Umweltnachrichten der Woche zusammen: mit "
    "Messwerten, Hintergründen und mindestens einer guten Nachricht. "
    "[Kostenlos abonnieren](https://example.org/newsletter/umwelt)"
)
