"""Demo articles from Inland and Wirtschaft, including the draft and the scheduled piece."""

from .spec import BY_4, BY_SA_3, DemoArticle, Picture, Source, in_house

ARTICLES = [
    DemoArticle(
        slug="buergeraemter-vier-tage-woche",
        title="Bürgerämter testen die Vier-Tage-Woche",
        kicker="INLAND",
        dateline="Berlin.",
        dek=(
            "Zwei Berliner Bezirke lassen ihre Beschäftigten an vier statt fünf Tagen "
            "arbeiten. Die Ämter bleiben trotzdem jeden Werktag geöffnet."
        ),
        authors=("ab",),
        categories=("inland",),
        tags=("Arbeit", "Städte"),
        days_ago=4,
        at="07:15",
        picture=Picture(
            "Vier lange Tage statt fünf kurzer: Der Versuch läuft ein Jahr.",
            "Abstrakte Illustration mit vier hellen Streifen auf braunem Verlauf",
            creator="Thomas Gerlach",
            licence=BY_SA_3,
        ),
        body="""
In den Bürgerämtern von zwei Berliner Bezirken gilt seit diesem Monat ein neuer
Rhythmus: Die Beschäftigten arbeiten an vier statt fünf Tagen, dafür etwas länger. Die
Ämter selbst bleiben an fünf Tagen geöffnet, einzelne Schalter sogar bis in den Abend.
Der Versuch ist auf ein Jahr angelegt und wird wissenschaftlich begleitet.

Hintergrund sind hohe Krankenstände und viele offene Stellen. „Wir konkurrieren mit
Unternehmen, die flexiblere Arbeitszeiten bieten“, sagt Petra Lindemann, die als
Personalrätin an dem Modell mitgearbeitet hat. Auf die ersten Stellenanzeigen nach dem
Start hätten sich doppelt so viele Menschen beworben wie zuvor.

## Was sich für Bürgerinnen und Bürger ändert

Wer einen Termin braucht, merkt zunächst wenig. Die Online-Buchung funktioniert wie
bisher, neu sind zwei längere Abende pro Woche. Ob die Wartezeiten sinken, lässt sich
nach wenigen Wochen noch nicht sagen. Die Bezirke wollen im Herbst erste Zahlen vorlegen.

Andere Bezirke beobachten den Versuch genau. Skeptiker verweisen darauf, dass längere
Arbeitstage gerade im Publikumsverkehr anstrengend sind. Lindemann hält dagegen: „Ein
freier Tag mehr pro Woche ist für viele genau das, was sie brauchen, um nicht
auszubrennen.“
""",
    ),
    DemoArticle(
        slug="wohnungstausch-boerse",
        title="Zu groß, zu klein, getauscht: Wie eine Börse Wohnungen passender macht",
        kicker="WOHNEN",
        dateline="Berlin.",
        dek=(
            "Ältere Menschen in großen Wohnungen, Familien in kleinen: Eine Tauschbörse "
            "bringt sie zusammen – und die Miete pro Quadratmeter bleibt gleich."
        ),
        authors=("sk",),
        categories=("inland",),
        tags=("Wohnen", "Städte"),
        days_ago=19,
        at="09:30",
        picture=in_house(
            "312 Haushalte haben in einem halben Jahr ihre Wohnung getauscht.",
            "Abstrakte Illustration mit zwei ineinandergreifenden Flächen in Ocker und Rot",
        ),
        corrections=(
            "In einer früheren Fassung hieß es, die Tauschbörse werde vom Land Berlin "
            "betrieben. Tatsächlich betreiben sie mehrere landeseigene "
            "Wohnungsgesellschaften.",
        ),
        body="""
Helga Sander wohnt seit 41 Jahren in ihrer Vier-Zimmer-Wohnung in Berlin-Lichtenberg. Die
Kinder sind längst ausgezogen, ihr Mann ist vor drei Jahren gestorben. „Ich putze Zimmer,
die ich nie betrete“, sagt die 78-Jährige. Eine Etage tiefer lebt Familie Okonkwo mit drei
Kindern auf zwei Zimmern. Dass beide Parteien ihre Wohnungen getauscht haben, verdanken
sie einer neuen Tauschbörse.

Die Plattform wird von mehreren landeseigenen Wohnungsgesellschaften betrieben. Mieterinnen
und Mieter geben dort an, was sie suchen und was sie abgeben. Das Besondere: Beim Tausch
übernehmen beide Parteien ihre bisherige Miete pro Quadratmeter. Wer in eine kleinere
Wohnung zieht, zahlt also nicht plötzlich mehr als vorher.

In den ersten sechs Monaten wurden nach Angaben der Betreiber 312 Tauschvorgänge
abgeschlossen. Das klingt nach wenig angesichts des angespannten Marktes, doch jede
Vermittlung zählt doppelt: Zwei Haushalte wohnen danach passender als zuvor.

## Nicht jeder Tausch gelingt

Manchmal scheitert es an Kleinigkeiten. Ältere Menschen wollen ihr Viertel nicht
verlassen, Familien brauchen die Nähe zur Schule. Die Betreiber haben deshalb eine
Beratung eingerichtet, die bei der Suche hilft und auch beim Umzug unterstützt.

Helga Sander hat den Tausch nicht bereut. Ihre neue Wohnung hat einen Balkon, und die
Okonkwo-Kinder klingeln manchmal, um ihr ein Stück Kuchen zu bringen.
""",
    ),
    DemoArticle(
        slug="landaerztinnen-uckermark",
        title="Landarztquote: Die ersten Absolventinnen beginnen in der Uckermark",
        kicker="GESUNDHEIT",
        dateline="Prenzlau.",
        dek=(
            "Wer über die Quote Medizin studiert, verpflichtet sich, aufs Land zu gehen. "
            "Eine frühere Notfallsanitäterin hat nun eine verwaiste Praxis übernommen."
        ),
        authors=("ab",),
        categories=("inland",),
        tags=("Gesundheit",),
        days_ago=41,
        at="08:00",
        picture=Picture(
            "Nach zwei Jahren brennt in der Praxis wieder Licht.",
            "Abstrakte Illustration mit einem warmen Lichtkreis auf dunklem Grund",
            creator="Ute Rehfeld",
            licence=BY_4,
        ),
        body="""
Die Praxis in der Kleinstadt war zwei Jahre lang geschlossen. Der alte Hausarzt ging in
Rente, eine Nachfolge fand sich nicht. Seit Anfang des Monats brennt hinter den
Milchglasfenstern wieder Licht: Dr. Sophie Reinecke hat die Praxis übernommen. Sie ist eine
der ersten Absolventinnen, die über die sogenannte Landarztquote Medizin studiert haben.

Das Prinzip ist einfach: Ein Teil der Studienplätze wird an Bewerberinnen und Bewerber
vergeben, die sich verpflichten, nach ihrer Ausbildung mehrere Jahre in einer
unterversorgten Region zu arbeiten. Die Abiturnote spielt dabei eine geringere Rolle,
Berufserfahrung in der Pflege oder im Rettungsdienst zählt mehr.

„Ohne die Quote wäre ich vermutlich nie zum Studium gekommen“, sagt Reinecke, die vorher
als Notfallsanitäterin gearbeitet hat. Die Verpflichtung schreckt sie nicht: „Ich wollte
immer aufs Land. Hier kennt man seine Patienten, und sie kennen einen.“

## Ein Anfang, aber keine Lösung

Der Bedarf ist groß. Im Landkreis sind nach Schätzungen der Kreisverwaltung mehr als
zwanzig Hausarztsitze unbesetzt. Die ersten Quoten-Absolventinnen können diese Lücke nicht
allein schließen. Reinecke setzt deshalb auf Zusammenarbeit: Mit zwei Kolleginnen aus
Nachbarorten teilt sie sich die Notdienste, eine Praxisassistentin macht Hausbesuche.

Im Wartezimmer sitzen an diesem Vormittag elf Menschen. Eine ältere Frau sagt, sie sei
einfach froh, nicht mehr vierzig Kilometer fahren zu müssen.
""",
    ),
    DemoArticle(
        slug="schwimmkurse-verein-leipzig",
        title="Kein Kind soll die Grundschule verlassen, ohne schwimmen zu können",
        kicker="INLAND",
        dateline="Leipzig.",
        dek=(
            "Immer weniger Kinder schwimmen sicher. Ein Leipziger Verein hält mit zusätzlichen "
            "Wasserzeiten, Ehrenamtlichen und kostenlosen Kursen dagegen."
        ),
        authors=("ab",),
        categories=("inland",),
        tags=("Ehrenamt", "Bildung"),
        days_ago=63,
        at="06:45",
        picture=Picture(
            "Mehr als 400 Kinder haben über das Programm ihr erstes Abzeichen gemacht.",
            "Abstrakte Illustration mit Wellenbändern in Blau und Sand",
            creator="Karin Ulbrich",
            licence=BY_SA_3,
        ),
        source=Source(
            "Pleiße-Post",
            "https://pleisse-post.example.com/lokales/schwimmen-lernen",
            days_before=2,
        ),
        body="""
Samstagmorgen, halb neun, Schwimmhalle im Leipziger Süden: Zwölf Kinder stehen am
Beckenrand, manche zitternd, manche ungeduldig. Trainer Ralf Bäumer pfeift, und die
ersten springen ins Wasser. Das Seepferdchen ist für viele von ihnen noch ein fernes Ziel.
Dass sie überhaupt hier sind, liegt an einem Verein, der sich etwas vorgenommen hat: Kein
Kind im Stadtteil soll die Grundschule verlassen, ohne schwimmen zu können.

Schwimmlehrer und Vereine warnen seit Jahren, dass immer weniger Kinder sicher schwimmen.
Die Gründe sind bekannt: geschlossene Bäder, lange Wartelisten für Kurse, in manchen
Familien fehlt das Geld. Der Verein setzt an allen drei Punkten an. Er hat mit der Stadt
zusätzliche Wasserzeiten ausgehandelt, bildet ehrenamtliche Helfer aus und bietet Kurse
für Familien mit wenig Einkommen kostenlos an.

> Schwimmen ist kein Hobby. Es ist eine Fähigkeit, die Leben rettet.

So steht es auf einem Plakat im Eingangsbereich; Bäumer hat es selbst aufgehängt. Seit dem
Start des Programms haben nach Vereinsangaben mehr als 400 Kinder ihr erstes Abzeichen
gemacht.

Die größte Sorge ist die Zukunft der Halle. Sie ist mehr als vierzig Jahre alt, die
Sanierung ist beschlossen, aber nicht finanziert. Sollte sie schließen, sagt Bäumer,
„fangen wir wieder bei null an“.
""",
    ),
    DemoArticle(
        slug="ersatzbus-havelland",
        title="Pendeln im Havelland: Wenn der Ersatzbus zum Alltag wird",
        kicker="VERKEHR",
        dateline="Rathenow.",
        dek=(
            "Die Bahnstrecke wird saniert, und das ist nötig. Doch volle Busse und dunkle "
            "Haltestellen bringen Pendlerinnen und Pendler an ihre Grenzen."
        ),
        authors=("tl",),
        categories=("inland",),
        tags=("Bahn", "Verkehr"),
        days_ago=94,
        at="05:50",
        picture=Picture(
            "Um 5.42 Uhr fährt der erste Ersatzbus Richtung Berlin.",
            "Abstrakte Illustration mit einem gelben Band auf dunkelbraunem Verlauf",
            creator="Sven Markgraf",
            licence=BY_SA_3,
        ),
        body="""
Um 5.42 Uhr fährt der Bus. Eigentlich sollte hier ein Zug fahren, doch die Strecke wird
seit Monaten saniert, und wer aus Rathenow in Richtung Berlin pendelt, steigt seitdem in
einen Ersatzbus. Für Kerstin Möller, die als Pflegerin in Spandau arbeitet, bedeutet das:
jeden Tag eine Dreiviertelstunde früher aufstehen.

Dass gebaut werden muss, bestreitet niemand. Gleise, Weichen und Stellwerke sind veraltet,
Störungen waren an der Tagesordnung. Doch wie der Ersatzverkehr organisiert ist, sorgt für
Ärger. Pendlerinnen und Pendler berichten von

- Bussen, die voll sind, bevor sie die letzte Haltestelle erreichen,
- Anschlüssen, die regelmäßig verpasst werden,
- Haltestellen ohne Dach, Licht und Fahrplanaushang.

Eine Pendlerinitiative hat inzwischen mehr als 1.500 Unterschriften gesammelt. Sie fordert
zusätzliche Busse in den Stoßzeiten und eine Entschädigung für Zeitkarteninhaber. Das
Verkehrsunternehmen kündigte an, ab dem kommenden Monat zwei weitere Fahrten am Morgen
anzubieten.

Kerstin Möller will abwarten. „Ich fahre gern Bahn“, sagt sie. „Aber noch ein Winter an
einer dunklen Haltestelle, und ich kaufe mir ein Auto.“
""",
    ),
    DemoArticle(
        slug="feuerwehr-nachwuchs-cottbus",
        title="Freiwillige Feuerwehr: Nachwuchs gesucht – und gefunden",
        kicker="EHRENAMT",
        dateline="Cottbus.",
        dek=(
            "Vielen Wehren fehlen Mitglieder, vor allem tagsüber. Eine Cottbuser Wehr wirbt "
            "gezielt um Frauen und Quereinsteiger – mit Erfolg."
        ),
        authors=("tl",),
        categories=("inland",),
        tags=("Ehrenamt",),
        days_ago=142,
        at="13:20",
        picture=in_house(
            "Neun neue Mitglieder im vergangenen Jahr, darunter vier Frauen.",
            "Abstrakte Illustration mit roten und goldenen Formen auf dunklem Grund",
        ),
        body="""
Der Schlauch ist schwerer, als er aussieht. Die zwölfjährige Mia hält ihn mit beiden
Händen, ein Feuerwehrmann steht dicht hinter ihr. Dann schießt das Wasser heraus und trifft
das Ziel, eine Holzwand mit aufgemalten Flammen. Die Umstehenden klatschen. Der Tag der
offenen Tür der Freiwilligen Feuerwehr in einem Cottbuser Ortsteil ist vor allem eines:
ein Werbetermin.

Freiwillige Feuerwehren in ganz Deutschland suchen Nachwuchs. Viele Mitglieder sind über
fünfzig, junge Leute ziehen zum Studium oder zur Arbeit weg. Wer bleibt, arbeitet oft in
einer anderen Stadt und ist tagsüber nicht erreichbar. Gerade am Tag ist die
Einsatzbereitschaft deshalb vielerorts knapp.

Die Wehr in Cottbus geht neue Wege. Sie wirbt gezielt um Menschen, die erst spät im Leben
zur Feuerwehr kommen, und um Frauen, die bisher deutlich in der Minderheit sind. Die
Ausbildungsabende liegen so, dass sie sich mit Schichtdiensten vereinbaren lassen. „Wir
müssen uns nach den Leuten richten, nicht umgekehrt“, sagt Wehrführer Steffen Kaminski.

Der Erfolg gibt ihm recht: Im vergangenen Jahr sind neun neue Mitglieder hinzugekommen,
darunter vier Frauen. Und Mia? Die will jetzt in die Jugendfeuerwehr.
""",
    ),
    # A draft, so editors find unfinished work in the admin and in previews.
    DemoArticle(
        slug="schulessen-brandenburg-recherche",
        title="Schulessen in Brandenburg: Was eine Mahlzeit wirklich kostet",
        kicker="INLAND",
        dateline="Potsdam.",
        dek="Entwurf – Zahlen und Zitate noch nicht freigegeben.",
        authors=("sk",),
        categories=("inland",),
        tags=("Bildung", "Gesundheit"),
        days_ago=0,
        status="draft",
        picture=in_house(
            "Zwischen 2,80 Euro und mehr als 5 Euro zahlen Eltern für ein Mittagessen.",
            "Abstrakte Illustration mit Kreisen in Ocker und Hellblau",
        ),
        body="""
Was kostet ein Schulessen in Brandenburg – und wer bezahlt es? Die Preise für Eltern
reichen nach unserer Umfrage unter Schulträgern von 2,80 Euro bis zu mehr als 5 Euro pro
Mahlzeit. Dahinter stehen sehr unterschiedliche Modelle.

**Notiz für die Redaktion:** Antwort des Ministeriums zur Zahl der bezuschussten Essen
steht noch aus. Zitat der Elternvertreterin aus Potsdam freigeben lassen.

Fest steht: Die Kosten für Lebensmittel und Personal sind in den vergangenen Jahren stark
gestiegen. Caterer berichten, dass sie ihre Preise erhöhen oder das Angebot verkleinern
mussten.
""",
    ),
    DemoArticle(
        slug="baeckereien-strompreise",
        title="Backen, wenn der Strom billig ist",
        kicker="WIRTSCHAFT",
        dateline="Dresden.",
        dek=(
            "Ein Dresdner Bäcker richtet seine Backstube nach dem Börsenstrompreis aus und "
            "nutzt die Abwärme seiner Öfen. Die Handwerkskammer will das Beispiel verbreiten."
        ),
        authors=("sk",),
        categories=("wirtschaft",),
        tags=("Energie", "Handwerk"),
        days_ago=12,
        at="06:30",
        picture=Picture(
            "Die Öfen laufen jetzt an, wenn viel Wind weht.",
            "Abstrakte Illustration mit goldenen Kreisen auf dunkelgrünem Verlauf",
            creator="Katrin Vogt",
            licence=BY_SA_3,
        ),
        body="""
Der Ofen in der Backstube von Uwe Hartmann heizt neuerdings um zwei Uhr nachts an – nicht
mehr wie früher um halb eins. Eine kleine Änderung, die sich auf seiner Stromrechnung
deutlich bemerkbar macht. Hartmann bezieht seinen Strom seit einem Jahr zu einem Tarif,
der sich stündlich am Börsenpreis orientiert. Wenn viel Wind weht und wenig Strom
gebraucht wird, backt er.

Für Handwerksbetriebe wie seinen, eine Bäckerei mit drei Filialen im Dresdner Osten, waren
die vergangenen Jahre hart. Die Energiepreise schossen in die Höhe, Mehl und Butter wurden
teurer, Personal ist knapp. Viele Kollegen haben aufgegeben. Hartmann hat stattdessen
angefangen zu rechnen.

## Drei Stellschrauben

- **Zeit:** Energieintensive Arbeiten wie das Vorheizen der Öfen liegen in den günstigen
  Stunden.
- **Wärme:** Die Abwärme der Öfen erhitzt das Wasser für die Reinigung und heizt im Winter
  den Verkaufsraum.
- **Sortiment:** Weniger Sorten, dafür in größeren Mengen gebacken.

Das Ergebnis: Sein Energieverbrauch ist um ein Fünftel gesunken, die Kosten noch stärker.
Reich werde man damit nicht, sagt Hartmann, „aber wir können die Brötchen wieder zu einem
Preis verkaufen, den die Leute bezahlen“.

Die Handwerkskammer will das Beispiel nun bekannter machen und bietet Beratungen für
Betriebe an, die ähnliche Wege gehen wollen.
""",
    ),
    DemoArticle(
        slug="solardaecher-genossenschaft",
        title="Eine Genossenschaft bringt Solarstrom auf Mietshäuser",
        kicker="ENERGIE",
        dateline="Berlin.",
        dek=(
            "Mieterstrom galt lange als zu kompliziert. Eine Berliner Genossenschaft hat "
            "inzwischen 23 Häuser ausgestattet – und bildet ihre Elektrikerinnen selbst aus."
        ),
        authors=("sk", "tl"),
        categories=("wirtschaft", "umwelt"),
        tags=("Energie", "Wohnen", "Klima"),
        days_ago=27,
        at="10:10",
        picture=Picture(
            "96 Module auf einem Dach im Wedding versorgen 31 Haushalte.",
            "Abstrakte Illustration mit goldenen Rechtecken und Bändern auf Grün",
            creator="Ole Hansen",
            licence=BY_4,
        ),
        body="""
Auf dem Dach eines Mietshauses in Berlin-Wedding glänzen seit Kurzem 96 Solarmodule. Sie
gehören weder dem Vermieter noch einem Energiekonzern, sondern einer Genossenschaft, an
der sich jeder ab 250 Euro beteiligen kann. Der Strom wird direkt an die Mieterinnen und
Mieter im Haus verkauft – günstiger als beim Grundversorger.

Mieterstrom heißt das Modell, und es hat lange nicht funktioniert. Die Regeln waren so
kompliziert, dass sich kaum jemand darauf einließ. Inzwischen sind sie einfacher
geworden, und die Genossenschaft hat nach eigenen Angaben 23 Häuser ausgestattet. Weitere
vierzig stehen auf der Warteliste.

„Wir sind langsamer als ein Konzern, aber geduldiger“, sagt die Vorständin Ina Kowalczyk.
Die Genossenschaft verspreche keine hohen Renditen, sondern eine verlässliche Verzinsung
von etwa drei Prozent für ihre Mitglieder.

## Was die Mieter davon haben

Niemand ist verpflichtet, den Strom vom Dach zu beziehen. Im Haus im Wedding haben sich
dennoch 31 von 38 Haushalten dafür entschieden. Für sie sinkt die Stromrechnung um
durchschnittlich 80 bis 120 Euro im Jahr. Reicht der Solarstrom nicht, etwa im Winter,
liefert die Genossenschaft Ökostrom aus dem Netz dazu.

Der Engpass liegt woanders: Es gibt zu wenige Fachbetriebe, die die Anlagen installieren.
Die Genossenschaft bildet deshalb inzwischen selbst Elektrikerinnen und Elektriker aus.
""",
    ),
    DemoArticle(
        slug="leere-bueros-frankfurt",
        title="Leere Büros: Was aus den Türmen in der Innenstadt wird",
        kicker="WIRTSCHAFT",
        dateline="Frankfurt am Main.",
        dek=(
            "Seit viele Beschäftigte zu Hause arbeiten, stehen ganze Etagen leer. Gleichzeitig "
            "fehlen Wohnungen. Warum der Umbau trotzdem so schwierig ist."
        ),
        authors=("sk",),
        categories=("wirtschaft",),
        tags=("Wohnen", "Arbeit", "Städte"),
        days_ago=52,
        at="07:50",
        picture=Picture(
            "Hohe Türme, leere Etagen: Rund 14 Prozent der Büroflächen sind ungenutzt.",
            "Abstrakte Illustration mit hohen Rechtecken in Grün und Gold",
            creator="Martin Roth",
            licence=BY_SA_3,
        ),
        corrections=(
            "In einer früheren Fassung hieß es, der Büroleerstand in Frankfurt liege bei "
            "18 Prozent. Richtig ist: rund 14 Prozent.",
        ),
        body="""
Im 14. Stock eines Bürohauses im Frankfurter Bankenviertel ist es still. Die Schreibtische
sind abgebaut, an den Wänden sieht man noch die Umrisse der Whiteboards. Seit die frühere
Mieterin, eine Versicherung, die Hälfte ihrer Flächen aufgegeben hat, steht die Etage leer.
Sie ist nicht die einzige.

Nach Schätzungen eines Maklerverbands liegt der Büroleerstand in der Stadt inzwischen bei
rund 14 Prozent. Viele Unternehmen haben ihre Flächen nach der Pandemie verkleinert, weil
ihre Beschäftigten teilweise von zu Hause arbeiten. Gleichzeitig fehlen in Frankfurt
Wohnungen, vor allem bezahlbare.

## Umbau statt Abriss

Naheliegend wäre es, aus Büros Wohnungen zu machen. Doch so einfach ist das nicht.
Bürogebäude haben tiefe Grundrisse, im Inneren wenig Tageslicht und selten Balkone.
Leitungen für Bäder und Küchen fehlen. „Ein Umbau kostet fast so viel wie ein Neubau“,
sagt die Architektin Nadine Ebersbach, die mehrere solcher Projekte geplant hat.

Trotzdem gibt es Beispiele, die zeigen, dass es geht. Ein früheres Verwaltungsgebäude am
Stadtrand ist heute ein Wohnheim für Studierende, ein anderes beherbergt eine Schule. Die
Stadt will solche Umbauten erleichtern, etwa durch Ausnahmen bei der Stellplatzpflicht.

Für die Eigentümer ist das auch eine Frage der Zeit. Je länger eine Fläche leer steht,
desto eher sind sie bereit, über neue Nutzungen nachzudenken.
""",
    ),
    DemoArticle(
        slug="graz-akku-recycling",
        title="Ein Grazer Start-up gibt E-Bike-Akkus ein zweites Leben",
        kicker="ÖSTERREICH",
        dateline="Graz.",
        dek=(
            "Wenn ein Akku schwächelt, sind meist nur wenige Zellen defekt. Ein junges "
            "Unternehmen tauscht sie aus – und kämpft vor allem mit verklebten Gehäusen."
        ),
        authors=("jw",),
        categories=("wirtschaft", "europa"),
        tags=("Energie", "Verkehr", "Handwerk"),
        days_ago=78,
        at="11:30",
        picture=Picture(
            "Reparieren statt wegwerfen: Ein aufbereiteter Akku kostet etwa die Hälfte.",
            "Abstrakte Illustration mit grünen und roten Rechtecken in Reihen",
            creator="Lisa Pichler",
            licence=BY_4,
        ),
        body="""
In einer ehemaligen Autowerkstatt am Grazer Stadtrand stapeln sich Akkus, Hunderte, in
allen Formen und Farben. Die meisten stammen aus E-Bikes, deren Reichweite nicht mehr
reicht. Für ihre Besitzer sind sie Abfall, für das junge Unternehmen, das hier arbeitet,
ein Rohstoff.

Die Idee ist einfach: Ein Akku besteht aus vielen einzelnen Zellen. Wenn er schwächelt,
sind meist nur wenige davon defekt. Das Team um die Gründerin Theresa Aigner öffnet die
Gehäuse, misst jede Zelle und tauscht die schlechten aus. Der Akku hält danach fast so
lange wie ein neuer, kostet aber nur etwa die Hälfte.

„Viele Hersteller verkleben ihre Akkus so, dass man sie nicht öffnen kann“, sagt Aigner.
„Wir verbringen mehr Zeit mit dem Gehäuse als mit der Elektronik.“ Sie hofft auf
europäische Regeln, nach denen Akkus künftig leichter austauschbar und reparierbar sein
müssen.

Was sich nicht mehr reparieren lässt, wird verwertet: Intakte Zellen landen in
Stromspeichern für Gartenhäuser und Almhütten, der Rest geht an ein Recyclingwerk, das
Lithium, Kobalt und Nickel zurückgewinnt. Inzwischen beschäftigt das Unternehmen vierzehn
Menschen. Im nächsten Jahr will es eine zweite Werkstatt in Linz eröffnen.
""",
    ),
    DemoArticle(
        slug="pflegeschule-vietnam",
        title="Eine Berliner Pflegeschule bildet in Hanoi aus",
        kicker="WIRTSCHAFT",
        dateline="Hanoi/Berlin.",
        dek=(
            "Ein Jahr Deutschkurs in Vietnam, dann die Ausbildung in Berlin: Eine Schule wirbt "
            "um Pflegekräfte – und verzichtet auf die umstrittenen Vermittlungsgebühren."
        ),
        authors=("sk",),
        categories=("wirtschaft", "international"),
        tags=("Gesundheit", "Arbeit"),
        days_ago=110,
        at="09:00",
        picture=Picture(
            "„Haben Sie Schmerzen?“ – Sätze für den Alltag auf der Station.",
            "Abstrakte Illustration mit weichen Kreisen in Grün und Creme",
            creator="Nguyen Thi Lan",
            licence=BY_SA_3,
        ),
        body="""
Der Unterricht beginnt um acht Uhr, auf Deutsch. An einer Sprachschule in Hanoi sitzen
zwanzig junge Frauen und Männer und üben Sätze, die sie bald jeden Tag brauchen werden:
„Haben Sie Schmerzen?“, „Ich helfe Ihnen beim Aufstehen.“ In einem Jahr sollen sie eine
Pflegeausbildung in Berlin beginnen.

Hinter dem Programm steht eine Berliner Pflegeschule, die mit zwei Kliniken und einem
Träger von Pflegeheimen zusammenarbeitet. Die Auszubildenden lernen zunächst ein Jahr
lang in Vietnam Deutsch, die Kosten tragen die künftigen Arbeitgeber. Danach folgt die
reguläre dreijährige Ausbildung in Deutschland.

## Mehr als ein Arbeitsvertrag

Programme dieser Art gibt es inzwischen viele, und nicht alle haben einen guten Ruf.
Kritiker bemängeln hohe Vermittlungsgebühren und falsche Versprechungen. Die Berliner
Schule verzichtet nach eigenen Angaben auf jede Gebühr für die Bewerberinnen und Bewerber
und stellt eine Ansprechpartnerin, die bei Wohnungssuche, Behörden und Heimweh hilft.

„Die ersten Monate sind die schwersten“, sagt Pham Minh Thu, die vor drei Jahren selbst
über das Programm kam und heute auf einer Intensivstation arbeitet. „Man versteht die
Sprache, aber nicht die Witze.“ Inzwischen lacht sie mit, erzählt sie, und ihre
Kolleginnen wissen, wie eine gute Phở schmeckt.
""",
    ),
    DemoArticle(
        slug="einzelhandel-kleinstadt",
        title="Kleine Läden, große Sorgen: Der Handel in der Kleinstadt",
        kicker="WIRTSCHAFT",
        dateline="Wittenberge.",
        dek=(
            "Leere Schaufenster, treue Stammkundschaft: Wie Geschäftsleute und Stadt "
            "versuchen, das Zentrum einer Kleinstadt an der Elbe lebendig zu halten."
        ),
        authors=("sk",),
        categories=("wirtschaft", "inland"),
        tags=("Handel", "Städte"),
        days_ago=150,
        at="08:20",
        picture=in_house(
            "Strickkurs statt Laufkundschaft: Neue Ideen für alte Läden.",
            "Abstrakte Illustration mit warmen Rechtecken in Rot und Creme",
        ),
        source=Source(
            "Elbe-Havel-Bote",
            "https://www.example.com/elbe-havel-bote/handel-in-der-kleinstadt",
            days_before=3,
        ),
        body="""
Die Einkaufsstraße im Zentrum war einmal der ganze Stolz der Stadt. Heute reihen sich hier
leere Schaufenster an Geschäfte, die gerade so durchhalten. Renate Albrecht betreibt seit
27 Jahren einen Laden für Kurzwaren und Handarbeitsbedarf. „Früher hatte ich zwei
Angestellte“, sagt sie. „Heute bin ich froh, wenn ich meine eigene Miete verdiene.“

Die Gründe für den Niedergang kleiner Innenstädte sind vielfältig. Der Onlinehandel nimmt
Kundschaft weg, Einkaufszentren am Stadtrand locken mit kostenlosen Parkplätzen, und die
Bevölkerung ist über Jahre geschrumpft. Was bleibt, sind Geschäfte mit einer sehr treuen,
aber oft älteren Stammkundschaft.

## Neue Ideen für alte Läden

Die Stadt versucht gegenzusteuern. Leere Geschäfte werden für einige Monate günstig an
Gründerinnen und Gründer vermietet, die eine Idee ausprobieren wollen. In einem früheren
Schuhgeschäft gibt es jetzt eine Fahrradwerkstatt, in einer alten Apotheke ein Café mit
Leseecke.

Renate Albrecht hat ihr Angebot erweitert: Seit einem Jahr gibt sie donnerstagabends
Strickkurse. Die sind meistens ausgebucht, auch von jungen Leuten. „Man muss den Menschen
einen Grund geben, in die Stadt zu kommen“, sagt sie. „Einkaufen allein reicht nicht
mehr.“
""",
    ),
    # Scheduled for the day after tomorrow: visible to editors, not yet to readers.
    DemoArticle(
        slug="wochenmaerkte-im-wandel",
        title="Wochenmärkte im Wandel: Suppe am Nachmittag statt Kartoffeln am Morgen",
        kicker="WIRTSCHAFT",
        dateline="Hannover.",
        dek=(
            "Händler finden keine Nachfolger, die Kundschaft wird älter. Ein Markt in "
            "Hannover versucht es mit einem dritten Tag – und der beginnt erst um 15 Uhr."
        ),
        authors=("sk",),
        categories=("wirtschaft",),
        tags=("Handel", "Landwirtschaft", "Städte"),
        days_ago=-2,
        status="scheduled",
        picture=Picture(
            "Nach der Arbeit auf den Markt: Der Donnerstag zieht neue Kundschaft an.",
            "Abstrakte Illustration mit bunten Kreisen auf grünem Verlauf",
            creator="Wiebke Harms",
            licence=BY_4,
        ),
        body="""
Der Wochenmarkt auf dem Platz in Hannover-Linden war jahrzehntelang eine Sache für
Frühaufsteher: dienstags und freitags von sieben bis eins, Gemüse, Käse, Blumen.
Inzwischen gibt es einen dritten Markttag, und der beginnt erst am Nachmittag. Donnerstags
ab 15 Uhr kommen Menschen nach der Arbeit, es gibt Kaffee, warmes Essen und manchmal
Musik.

Wochenmärkte stehen vielerorts unter Druck. Händlerinnen und Händler finden keine
Nachfolger, die Kundschaft wird älter, und Supermärkte bieten längst ebenfalls regionale
Produkte an. Gleichzeitig wünschen sich viele Städte lebendige Plätze. Der Markt am
Nachmittag ist ein Versuch, beides zusammenzubringen.

„Donnerstags verkaufe ich weniger Kartoffeln, dafür mehr Suppe“, sagt der Gemüsebauer
Hinrich Meyer, der seit dreißig Jahren auf dem Markt steht. Unterm Strich lohne es sich,
auch weil er neue Stammkunden gewonnen habe, die morgens nie Zeit hätten.

Die Stadt will das Modell auf zwei weitere Märkte übertragen. Bedingung ist, dass sich
genug Händler finden, die am Nachmittag noch einmal aufbauen.
""",
    ),
]
