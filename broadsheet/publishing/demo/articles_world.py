"""Demo articles from the International section and its children, Europa and Amerika."""

from . import DEMO_FEATURED_SLUG
from .spec import BY_4, BY_SA_3, BY_SA_4, DemoArticle, Picture, Source, in_house

ARTICLES = [
    # The reference page (DESIGN.md §1): kicker, dateline, credit line and source line.
    DemoArticle(
        slug=DEMO_FEATURED_SLUG,
        title="Nachtzug-Allianz: Berlin und Wien wollen den Balkan über Nacht erreichen",
        kicker="INTERNATIONAL",
        dateline="Berlin/Wien.",
        dek=(
            "Bahngesellschaften, Regionen und Fahrgastverbände planen neue Nachtzüge nach "
            "Zagreb, Belgrad und an die Adria. Die Nachfrage ist da – doch Wagen und Trassen "
            "sind knapp."
        ),
        authors=("ab",),
        categories=("international", "europa"),
        tags=("Bahn", "Verkehr", "Tourismus"),
        days_ago=2,
        at="06:10",
        picture=Picture(
            "Abends in Berlin einsteigen, morgens in Zagreb frühstücken: Die neue Allianz will "
            "mehr Nachtverbindungen nach Südosteuropa anbieten.",
            "Abstrakte Illustration in Nachtblau und Orange mit hellen Kreisen und Linien",
            creator="Jana Wendler",
            licence=BY_SA_3,
        ),
        source=Source(
            "Donau-Depesche", "https://www.example.org/donau-depesche/nachtzug-allianz-balkan"
        ),
        body="""
Wer abends in Berlin in den Zug steigt, soll am nächsten Vormittag in Zagreb frühstücken
können. So jedenfalls stellen sich das die Beteiligten einer neuen Nachtzug-Allianz vor,
die in Berlin und Wien zeitgleich vorgestellt wurde. Zu dem Bündnis gehören
mehrere Bahngesellschaften, drei Regionalverbände und zwei Fahrgastorganisationen. Bis
zum übernächsten Fahrplanwechsel wollen sie drei neue Verbindungen in Richtung
Südosteuropa anbieten.

## Drei Linien, ein Knoten in Wien

Herzstück der Pläne ist Wien. Dort sollen Kurswagen aus Berlin, München und Prag
zusammengeführt und neu sortiert werden – ein Verfahren, das im Nachtzugverkehr lange
üblich war und zwischenzeitlich fast verschwunden ist. Geplant sind nach Angaben der
Allianz:

- eine tägliche Verbindung Berlin–Wien–Zagreb,
- eine Verbindung Wien–Budapest–Belgrad an vier Tagen pro Woche,
- im Sommer ein Zug von Wien über Ljubljana an die Adria.

Eine Verbindung nach Sofia wird geprüft, scheitert bisher aber an fehlenden Trassen auf
einzelnen Abschnitten.

## Zu wenig Wagen, zu viele Baustellen

Die größte Hürde ist nicht die Nachfrage. „Wir könnten jeden Schlafwagen, den wir haben,
zweimal verkaufen“, sagt Miriam Szabó, die für die Allianz die Fahrzeugplanung
koordiniert. „Aber neue Wagen sind kaum zu bekommen, und die Hersteller sind auf Jahre
ausgelastet.“ Hinzu kommen Bauarbeiten, die bevorzugt nachts stattfinden – genau dann,
wenn die Züge fahren sollen.

> Ein Nachtzug ist nur so gut wie sein langsamster Abschnitt. Wenn ein Land nachts
> baut, steht der ganze Zug.

Mit diesen Worten beschreibt der Verkehrsplaner Emil Radić von der Forschungsstelle
Mobilität Mitteleuropa das Problem. Er fordert, dass [[die beteiligten Staaten ihre Baustellen besser aufeinander abstimmen|Sollten
Nachtzüge bei Bauarbeiten Vorrang bekommen? Was meinen Sie?]]. Bisher plane jedes Land für sich.

## Was Reisende erwarten können

Die Preise sollen sich an bestehenden Verbindungen orientieren: Ein Platz im
Sechser-Liegewagen soll ab etwa 50 Euro kosten, ein Abteil im Schlafwagen deutlich mehr.
Fahrräder dürfen auf allen Linien mit, sofern vorher ein Stellplatz gebucht wurde.
Fahrgastverbände begrüßen die Pläne, mahnen aber Verlässlichkeit an: Verspätungen von
mehreren Stunden hätten in den vergangenen Jahren viele Reisende abgeschreckt.

Ob der Zeitplan hält, ist offen. Die Finanzierung der ersten Wagen sei gesichert, heißt
es aus Wien, für die weiteren Linien laufen die Gespräche noch. In Berlin will man im
Frühjahr entscheiden.
""",
    ),
    DemoArticle(
        slug="zweisprachige-kitas-oder",
        title="Zweisprachige Kitas an der Oder: mehr Anmeldungen als Plätze",
        kicker="EUROPA",
        dateline="Frankfurt (Oder)/Słubice.",
        dek=(
            "Auf beiden Seiten der Grenze wollen Eltern, dass ihre Kinder Deutsch und "
            "Polnisch lernen. Die Einrichtungen suchen Erzieherinnen, die beide Sprachen "
            "sprechen."
        ),
        authors=("ab",),
        categories=("europa",),
        tags=("Bildung", "Grenzregion"),
        days_ago=9,
        at="08:15",
        picture=Picture(
            "Zwei Sprachen, ein Gruppenraum: In elf Kitas der Grenzregion wird Deutsch und "
            "Polnisch gesprochen.",
            "Abstrakte Illustration mit überlappenden Kreisen in Blau und Sand",
            creator="Paweł Nowicki",
            licence=BY_4,
        ),
        body="""
Um halb acht ist der Flur der Kita „Brückenkinder“ voller Stimmen, und nicht alle
sprechen Deutsch. Ein Vater verabschiedet sich auf Polnisch, eine Erzieherin antwortet
auf Deutsch, der kleine Jonas mischt beides. Genau so soll es sein: Die Einrichtung am
Oderufer gehört zu einem Netz von inzwischen elf zweisprachigen Kitas in der Grenzregion.

Die Nachfrage ist groß. Auf die 60 Plätze, die zum Herbst frei werden, kamen nach Angaben
des Trägers mehr als 200 Anmeldungen – etwa zur Hälfte aus Frankfurt, zur Hälfte aus
Słubice auf der anderen Seite der Brücke. „Viele Eltern pendeln selbst über die Grenze“,
sagt die Leiterin Agnieszka Wróbel. „Sie wissen, wie viel einfacher das Leben ist, wenn
man beide Sprachen spricht.“

## Gesucht: Fachkräfte mit zwei Sprachen

Das Problem ist das Personal. Erzieherinnen, die fließend Deutsch und Polnisch sprechen,
sind selten, und ihre Abschlüsse werden nicht immer ohne Weiteres anerkannt. Die Kitas
behelfen sich mit Tandems: Je Gruppe arbeiten eine deutsche und eine polnische Fachkraft,
jede spricht konsequent ihre eigene Sprache.

Das Land hat angekündigt, die Anerkennung ausländischer Abschlüsse zu vereinfachen. Der
Träger wünscht sich mehr: eine gemeinsame Ausbildung beider Länder, damit junge Menschen
gar nicht erst zwischen zwei Systemen wählen müssen.

Für Jonas ist das alles kein Thema. Er zeigt auf das Aquarium im Flur und sagt „ryba“,
dann „Fisch“, dann lacht er.
""",
    ),
    DemoArticle(
        slug="triest-landstrom-hafen",
        title="Triest will die Schiffsmotoren im Hafen abschalten",
        kicker="EUROPA",
        dateline="Triest.",
        dek=(
            "Kreuzfahrtschiffe sollen am Kai künftig Strom aus dem Netz beziehen, statt ihre "
            "Dieselgeneratoren laufen zu lassen. Anwohner haben lange dafür gekämpft."
        ),
        authors=("jw",),
        categories=("europa", "umwelt"),
        tags=("Energie", "Klima", "Tourismus"),
        days_ago=15,
        at="10:40",
        picture=Picture(
            "Am Kreuzfahrtterminal sollen Schiffe bald ans Stromnetz angeschlossen werden.",
            "Abstrakte Illustration mit diagonalen Bändern in Blau und Ocker",
            creator="Luca Benedetti",
            licence=BY_SA_3,
        ),
        body="""
Wenn im Sommer die großen Kreuzfahrtschiffe in Triest anlegen, liegt über dem Kai oft ein
grauer Schleier. Die Schiffe lassen ihre Dieselgeneratoren laufen, um Klimaanlagen,
Küchen und Beleuchtung zu versorgen – auch dann, wenn die Passagiere längst in den Cafés
der Altstadt sitzen. Damit soll in zwei Jahren Schluss sein.

Die Hafenverwaltung hat den Bau einer Landstromanlage beschlossen. Schiffe, die am
Kreuzfahrtterminal festmachen, sollen sich künftig an das Stromnetz anschließen und
ihre Motoren abstellen. Das Vorhaben umfasst:

- zwei Anschlusspunkte am Kreuzfahrtterminal,
- ein eigenes Umspannwerk am Rand des Hafengeländes,
- eine Anschlusspflicht für alle Schiffe, die technisch dafür ausgerüstet sind.

Anwohnerinnen und Anwohner haben lange dafür gekämpft. „Im August konnten wir die
Fenster nicht öffnen“, erzählt Giulia Marchetti, die seit dreißig Jahren mit Blick auf
den Hafen wohnt. Ihre Initiative hat eigene Messungen organisiert und die Ergebnisse
öffentlich gemacht.

Ganz ohne Einwände ist das Vorhaben nicht. Reedereien weisen darauf hin, dass bisher nur
ein Teil ihrer Flotte einen Landstromanschluss besitzt. Umweltverbände fragen, woher der
zusätzliche Strom kommen soll. Die Hafenverwaltung verspricht, ihn über langfristige
Verträge mit Wind- und Solarparks in der Region zu beziehen.
""",
    ),
    DemoArticle(
        slug="wien-tallinn-digitale-verwaltung",
        title="Behördengang per Smartphone: Was Wien von Tallinn lernen will",
        kicker="DIGITALES",
        dateline="Tallinn/Wien.",
        dek=(
            "In Estland erledigt man einen Umzug in wenigen Minuten online. Eine Wiener "
            "Delegation hat sich angesehen, wie das geht – und was davon übertragbar ist."
        ),
        authors=("jw",),
        categories=("europa",),
        tags=("Digitalisierung", "Städte"),
        days_ago=22,
        at="07:00",
        picture=Picture(
            "Eine Angabe, einmal erfragt: Estlands Verwaltung gilt als Vorbild.",
            "Abstrakte Illustration mit hellen Dreiecken auf dunkelblauem Verlauf",
            creator="Kadri Tamm",
            licence=BY_4,
        ),
        body="""
Ein Umzug in Tallinn dauert, was die Behörden betrifft, ungefähr fünf Minuten. Die neue
Adresse wird online eingetragen, Schule, Krankenkasse und Finanzamt erfahren automatisch
davon. In Wien dagegen heißt es für viele noch immer: Termin buchen, Formular ausdrucken,
anstellen. Eine Delegation der Wiener Stadtverwaltung war deshalb eine Woche lang in der
estnischen Hauptstadt zu Gast.

„Wir wollten nicht die Technik bestaunen, sondern verstehen, wie die Abläufe gedacht
sind“, sagt Barbara Koller, die in Wien ein Team für digitale Verwaltung leitet. Der
wichtigste Unterschied sei nicht die Software, sondern ein Grundsatz: Eine Behörde darf
eine Angabe nur einmal erfragen. Alle weiteren Stellen müssen sie sich selbst besorgen –
mit Zustimmung der Betroffenen.

## Datenschutz als Frage des Vertrauens

Dass das in Estland funktioniert, erklären die Gastgeber mit Transparenz. Jede Bürgerin
kann nachsehen, welche Behörde wann auf ihre Daten zugegriffen hat. Unberechtigte
Abfragen werden geahndet. „Vertrauen entsteht, wenn man kontrollieren kann“ – diesen Satz
bekamen die Wiener Gäste mehrfach zu hören.

Ob sich das Modell übertragen lässt, ist offen. Viele Zuständigkeiten liegen in
Österreich beim Bund, nicht bei der Stadt. Koller will dennoch klein anfangen: Ab dem
kommenden Jahr sollen sich in Wien zumindest Parkpickerl und Hundeanmeldung vollständig
online erledigen lassen.
""",
    ),
    DemoArticle(
        slug="donau-niedrigwasser-frachter",
        title="Niedrigwasser auf der Donau: Frachter fahren nur halb beladen",
        kicker="DONAU",
        dateline="Wien/Budapest.",
        dek=(
            "Zwischen Wien und Budapest ist die Fahrrinne an mehreren Stellen zu flach. "
            "Reedereien verlieren Geld, und der Streit ums Ausbaggern flammt wieder auf."
        ),
        authors=("jw",),
        categories=("europa", "wirtschaft"),
        tags=("Donau", "Wasser", "Handel"),
        days_ago=34,
        at="09:20",
        picture=Picture(
            "Wenig Wasser unter dem Kiel: Viele Frachter warten auf steigende Pegel.",
            "Abstrakte Illustration mit flachen Bändern in Grau, Blau und Orange",
            creator="Ferenc Kovács",
            licence=BY_SA_3,
        ),
        source=Source(
            "Donau-Depesche",
            "https://www.example.org/donau-depesche/niedrigwasser-mittlere-donau",
            days_before=1,
        ),
        body="""
An der Anlegestelle in Wien-Albern liegt die „Theresia“ schon seit drei Tagen. Kapitän
Milan Horvat könnte ablegen, aber nicht mit voller Ladung: Zwischen Wien und Budapest ist
die Fahrrinne an mehreren Stellen so flach, dass sein Schiff nur noch etwa die Hälfte der
üblichen Menge Getreide aufnehmen darf. „Jede zweite Fahrt ist ein Verlustgeschäft“,
sagt er.

Die Pegel an der mittleren Donau liegen seit Wochen deutlich unter dem langjährigen
Mittel. Ein schneearmer Winter in den Alpen und ein trockener Sommer haben den Fluss
schrumpfen lassen. Für die Binnenschifffahrt bedeutet das höhere Kosten: Reedereien
müssen mehr Fahrten organisieren oder Ladung auf Lastwagen und Bahn verlagern.

## Ausbaggern oder anpassen?

Wie man darauf reagieren soll, ist umstritten. Schifffahrtsverbände fordern, die
Fahrrinne an den kritischen Stellen zu vertiefen. Naturschützer halten dagegen: Eingriffe
in die Flusssohle könnten den Grundwasserspiegel in den angrenzenden Auwäldern weiter
absenken. Sie plädieren für kleinere, flachere Schiffe, die auch bei niedrigen Pegeln
fahren können.

Für Horvat ist das eine Debatte über Jahrzehnte. Er braucht Regen, und zwar bald. Bis
dahin wartet die „Theresia“ in Albern – und mit ihr rund 800 Tonnen Weizen.
""",
    ),
    DemoArticle(
        slug="europaeisches-pfandsystem",
        title="Ein Pfand für ganz Europa? Nachbarländer prüfen gemeinsames Rücknahmesystem",
        kicker="EUROPA",
        dateline="Brüssel.",
        dek=(
            "Wer in Salzburg eine Dose kauft, bekommt sein Pfand in Passau nicht zurück. "
            "Mehrere Umweltministerien lassen nun untersuchen, wie sich das ändern ließe."
        ),
        authors=("ab",),
        categories=("europa", "umwelt"),
        tags=("Klima", "Handel", "Grenzregion"),
        days_ago=48,
        at="11:05",
        picture=in_house(
            "Pfand ohne Grenzen: Noch gilt jedes System nur im eigenen Land.",
            "Abstrakte Illustration mit runden Formen in Petrol und Gold",
        ),
        body="""
Wer in Salzburg eine Dose kauft und sie in Passau zurückgeben will, hat Pech: Das Pfand
gilt nur in dem Land, in dem es bezahlt wurde. In Grenzregionen landen deshalb viele
Flaschen und Dosen im Restmüll oder in der Landschaft. Die Umweltministerien mehrerer
Nachbarländer haben bei einem Treffen in Brüssel vereinbart, das ändern zu wollen.

Eine Studie soll bis zum Sommer klären, wie ein gemeinsames System aussehen könnte. Im
Gespräch sind drei Varianten:

1. ein gemeinsames Pfandzeichen, das in allen beteiligten Ländern erkannt wird,
2. Ausgleichszahlungen zwischen den nationalen Systemen,
3. ein einheitlicher Pfandbetrag für Getränkeverpackungen.

Die dritte Variante gilt als die einfachste für Verbraucherinnen und Verbraucher, aber
als die schwierigste politisch. Einige Länder haben ihr System gerade erst eingeführt,
andere betreiben es seit Jahrzehnten und fürchten eine teure Umstellung.

Der Handel reagiert zurückhaltend, denn die Rücknahmeautomaten müssten umgerüstet werden.
Umweltverbände halten dagegen, dass gerade Grenzregionen stark profitieren würden. In
manchen Gemeinden an der deutsch-österreichischen Grenze stammt nach einer Zählung von
Freiwilligen jede dritte achtlos weggeworfene Dose von jenseits der Grenze.
""",
    ),
    DemoArticle(
        slug="rettungsdienst-goerlitz-zgorzelec",
        title="Rettungswagen dürfen jetzt über die Neiße",
        kicker="EUROPA",
        dateline="Görlitz/Zgorzelec.",
        dek=(
            "In der Doppelstadt fahren Rettungsdienste seit dem Frühjahr auch im Nachbarland, "
            "wenn sie schneller am Einsatzort sind. Der Weg dahin hat Jahre gedauert."
        ),
        authors=("ab",),
        categories=("europa", "inland"),
        tags=("Gesundheit", "Grenzregion"),
        days_ago=145,
        at="08:45",
        picture=Picture(
            "Für Notfälle zählt jede Minute, nicht die Grenze.",
            "Abstrakte Illustration mit einem hellen Band zwischen zwei blauen Flächen",
            creator="Marek Zieliński",
            licence=BY_SA_4,
        ),
        body="""
Wenn in Zgorzelec ein Notruf eingeht, kann es passieren, dass ein deutscher Rettungswagen
kommt. Seit dem Frühjahr dürfen Rettungsdienste auf beiden Seiten der Neiße auch im
Nachbarland Einsätze fahren, wenn sie schneller vor Ort sind. Für die Doppelstadt ist das
ein großer Schritt.

Bisher endete die Zuständigkeit an der Brücke. Ein Unfall am polnischen Ufer, keine
hundert Meter von einer deutschen Rettungswache entfernt, musste von einem polnischen Team
versorgt werden, das unter Umständen von deutlich weiter her anrückte. Umgekehrt galt
dasselbe.

## Funkgeräte, Sprache, Abrechnung

Was einfach klingt, hat Jahre gedauert. Die Leitstellen mussten ihre Systeme verbinden,
die Funkgeräte mussten zueinander passen, und es musste geklärt werden, wer den Einsatz
bezahlt. Hinzu kommt die Sprache: Die Besatzungen lernen in Kursen die wichtigsten
Begriffe der anderen Sprache, und in jedem Fahrzeug liegt eine zweisprachige
Notfallkarte.

„Bei einem Herzinfarkt zählt jede Minute, nicht der Pass“, sagt der Notarzt Tomasz
Kaczmarek, der auf beiden Seiten der Grenze gearbeitet hat. In den ersten Monaten zählten
die Leitstellen rund 80 grenzüberschreitende Einsätze.
""",
    ),
    DemoArticle(
        slug="montreal-winterdienst",
        title="Montréal erfindet den Winterdienst neu",
        kicker="AMERIKA",
        dateline="Montréal.",
        dek=(
            "Erst die Gehwege, dann die Autostraßen: Zwei Stadtteile räumen Schnee nach neuen "
            "Regeln. Es gibt weniger Stürze und weniger Lastwagen."
        ),
        authors=("ab",),
        categories=("amerika",),
        tags=("Städte", "Verkehr"),
        days_ago=57,
        at="14:30",
        picture=Picture(
            "Zwei Meter Neuschnee pro Winter sind in Montréal keine Seltenheit.",
            "Abstrakte Illustration mit großen hellen Kreisen auf blauem Grund",
            creator="Émilie Gagnon",
            licence=BY_4,
        ),
        body="""
Wenn es in Montréal schneit, dann richtig. Zwei Meter Neuschnee im Laufe eines Winters
sind keine Seltenheit, und die Stadt schiebt ihn nicht nur zur Seite, sondern fährt ihn
ab: Lastwagen um Lastwagen bringen den Schnee zu großen Sammelplätzen am Stadtrand. Das
ist teuer, laut und verbraucht viel Diesel. Ein Pilotprojekt in zwei Stadtteilen soll
zeigen, dass es anders geht.

Statt jede Straße gleich zu behandeln, ordnet die Stadt die Wege nach ihrer Bedeutung.
Gehwege, Radwege und Bushaltestellen werden zuerst geräumt, breite Autostraßen später.
Der Schnee bleibt, wo es möglich ist, am Straßenrand liegen und schmilzt dort im
Frühjahr.

> Früher haben wir die Stadt für Autos freigeschaufelt. Jetzt fangen wir bei den
> Menschen an, die zu Fuß unterwegs sind.

So beschreibt es Jean-Philippe Tremblay, der den Winterdienst in einem der beiden
Stadtteile leitet. Die ersten Zahlen sind ermutigend: Es gab deutlich weniger Stürze auf
Gehwegen als im Vorjahr, und die Kosten für den Abtransport sind ebenfalls gesunken.

Kritik kommt von Geschäftsleuten, die um ihre Parkplätze fürchten. Die Stadt will das
Projekt trotzdem im nächsten Winter auf weitere Viertel ausweiten.
""",
    ),
    DemoArticle(
        slug="valparaiso-standseilbahnen",
        title="Valparaíso: Die alten Standseilbahnen sollen wieder fahren",
        kicker="AMERIKA",
        dateline="Valparaíso.",
        dek=(
            "Seit mehr als hundert Jahren verbinden kleine Bahnen die Hügel der chilenischen "
            "Hafenstadt mit dem Zentrum. Viele stehen still – drei sollen nun gerettet werden."
        ),
        authors=("ab",),
        categories=("amerika",),
        tags=("Verkehr", "Städte", "Tourismus"),
        days_ago=71,
        at="16:00",
        picture=Picture(
            "Steile Hügel, enge Gassen: Für viele Menschen sind die Bahnen unverzichtbar.",
            "Abstrakte Illustration mit steilen Dreiecken in Orange und Blau",
            creator="Camila Rojas",
            licence=BY_SA_3,
        ),
        body="""
Sie heißen Ascensores und sind so alt wie das moderne Valparaíso: kleine Standseilbahnen,
die seit mehr als hundert Jahren die Hügel der chilenischen Hafenstadt mit der Unterstadt
verbinden. Viele von ihnen stehen seit Jahren still, gesperrt wegen rostiger Schienen und
maroder Seile. Jetzt sollen drei von ihnen instand gesetzt werden.

Für die Menschen auf den Hügeln ist das mehr als Nostalgie. Die Straßen hinauf sind steil
und eng, Busse fahren unregelmäßig. „Meine Mutter kommt ohne die Bahn nicht mehr in die
Stadt“, sagt Rodrigo Fuentes, der in einem der oberen Viertel einen kleinen Laden
betreibt.

## Handwerk statt Neubau

Bemerkenswert ist, wie die Stadt vorgehen will. Statt die Anlagen durch moderne Technik
zu ersetzen, sollen die historischen Wagen und Stationen erhalten bleiben. Eine Werkstatt
am Hafen bildet dafür junge Leute aus, die Holz, Metall und alte Antriebe reparieren
können. Finanziert wird das Programm zum Teil über Spenden von Auswanderern.

Die ersten Fahrten sind für das kommende Frühjahr geplant. Fuentes will dabei sein: „Ich
bin als Kind jeden Tag damit gefahren. Ich möchte, dass meine Tochter das auch kann.“
""",
    ),
    DemoArticle(
        slug="new-orleans-tonbandarchiv",
        title="New Orleans: Ein Archiv rettet die Tonbänder der Blaskapellen",
        kicker="AMERIKA",
        dateline="New Orleans.",
        dek=(
            "Paraden, Beerdigungen, Nachbarschaftsfeste: Ein kleines Team digitalisiert "
            "Aufnahmen, die es nirgendwo sonst gibt – bevor die Bänder zerfallen."
        ),
        authors=("mh",),
        categories=("amerika", "kultur"),
        tags=("Musik",),
        days_ago=86,
        at="18:30",
        picture=Picture(
            "Rund 1.400 Stunden Musik hat das Archiv bisher gesichert.",
            "Abstrakte Illustration mit Kreisen in Messinggelb auf Nachtblau",
            creator="Darnell Brooks",
            licence=BY_4,
        ),
        source=Source(
            "Gulf Coast Ledger",
            "https://gulfcoast-ledger.example.com/culture/brass-band-tapes",
            days_before=5,
        ),
        body="""
In einem Lagerraum ohne Fenster stapeln sich Kartons voller Tonbänder. Manche sind
beschriftet, „Parade, Ostern“ oder „Beerdigung, Tremé“, viele nicht. Es sind Aufnahmen
der Blaskapellen, die seit Jahrzehnten durch die Straßen von New Orleans ziehen, gemacht
von Musikern, Nachbarn und Familienangehörigen. Ein kleines Archiv hat es sich zur
Aufgabe gemacht, sie zu retten, bevor die Bänder zerfallen.

Die Arbeit ist mühsam. Jedes Band muss vorsichtig gereinigt werden, manche müssen bei
niedriger Temperatur „gebacken“ werden, damit sich die Magnetschicht nicht ablöst. Erst
dann lassen sie sich digitalisieren. Rund 1.400 Stunden Musik hat das Team bisher
gesichert.

„Diese Aufnahmen gibt es nirgendwo sonst“, sagt die Archivleiterin Loretta Simmons. „Auf
vielen hört man Musiker, die nie in einem Studio waren. Wenn die Bänder verloren gehen,
sind diese Stimmen weg.“

Die digitalisierten Stücke sollen nicht in einem Katalog verschwinden. Das Archiv spielt
sie regelmäßig in Schulen vor und lädt Familien ein, die Aufnahmen ihrer Angehörigen zu
hören. Manchmal, erzählt Simmons, werde dann im Klassenzimmer getanzt.
""",
    ),
    DemoArticle(
        slug="bogota-autofreie-sonntage",
        title="Bogotá: Sonntags gehören die Straßen den Menschen",
        kicker="AMERIKA",
        dateline="Bogotá.",
        dek=(
            "Jede Woche werden mehr als hundert Kilometer Straßen für Autos gesperrt. "
            "Delegationen aus aller Welt wollen wissen, wie das seit Jahrzehnten gelingt."
        ),
        authors=("tl",),
        categories=("amerika", "umwelt"),
        tags=("Verkehr", "Städte", "Klima"),
        days_ago=103,
        at="10:00",
        picture=Picture(
            "Radfahrerinnen, Jogger, Familien: Am Sonntagvormittag ist die Stadt eine andere.",
            "Abstrakte Illustration mit grünen und gelben Kreisen auf hellem Verlauf",
            creator="Andrés Muñoz",
            licence=BY_SA_4,
        ),
        body="""
Jeden Sonntag um sieben Uhr morgens werden in Bogotá Absperrgitter aufgestellt. Mehr als
hundert Kilometer Straßen sind dann bis zum frühen Nachmittag für Autos gesperrt.
Stattdessen sind Radfahrerinnen, Jogger, Familien mit Kinderwagen und Verkäufer von
frisch gepresstem Orangensaft unterwegs. Was in den Siebzigerjahren als Experiment
begann, gehört heute zur Stadt wie die Berge, die sie umgeben.

Inzwischen besuchen Delegationen aus aller Welt die kolumbianische Hauptstadt, um sich
das Modell anzusehen. Zuletzt war eine Gruppe aus mehreren deutschen Städten zu Gast.
Was sie mitnahm, ist vor allem eine Erkenntnis: Es braucht nicht viel Geld, aber viel
Geduld.

## Was das Modell trägt

- **Verlässlichkeit:** Die Sperrungen finden jeden Sonntag statt, bei jedem Wetter.
- **Freiwillige:** Hunderte junge Menschen sichern Kreuzungen und helfen bei Pannen.
- **Angebote am Rand:** Gymnastik in Parks, Reparaturstände, kleine Märkte.

„Am Anfang gab es viel Widerstand“, sagt die Stadtplanerin Lucía Herrera. „Heute würde
sich niemand mehr trauen, die autofreien Sonntage abzuschaffen.“
""",
    ),
    DemoArticle(
        slug="nordsee-stromnetz",
        title="Nordsee-Anrainer planen ein gemeinsames Stromnetz auf See",
        kicker="INTERNATIONAL",
        dateline="Den Haag/Hamburg.",
        dek=(
            "Windparks sollen nicht länger jeder für sich ans Land angeschlossen werden. "
            "Sechs Staaten wollen ihre Leitungen verbinden – offen ist, wer das bezahlt."
        ),
        authors=("sk",),
        categories=("international", "wirtschaft"),
        tags=("Energie", "Klima"),
        days_ago=118,
        at="12:15",
        picture=Picture(
            "Knotenpunkte auf See sollen den Windstrom dorthin leiten, wo er gebraucht wird.",
            "Abstrakte Illustration mit Linien und Kreisen in Blau und Weiß",
            creator="Joost Bakker",
            licence=BY_4,
        ),
        corrections=(
            "In einer früheren Fassung hieß es, das Netz solle zunächst 14 Windparks "
            "verbinden. Richtig ist: Geplant sind im ersten Schritt neun.",
        ),
        body="""
Bisher hat fast jeder Windpark in der Nordsee sein eigenes Kabel an Land. Das ist teuer
und verschenkt Möglichkeiten: Weht vor Dänemark der Wind und vor den Niederlanden gerade
nicht, kann der Strom nicht einfach dorthin fließen, wo er gebraucht wird. Sechs
Anrainerstaaten wollen das ändern und haben in Den Haag eine Absichtserklärung für ein
gemeinsames Netz auf See unterzeichnet.

Vorgesehen sind in einem ersten Schritt Verbindungen zwischen neun großen Windparks, die
über Knotenpunkte auf künstlichen Plattformen zusammengeschaltet werden. Von dort soll
der Strom je nach Bedarf in eines der beteiligten Länder geleitet werden.

## Wer zahlt, wer profitiert?

Wie Kosten und Erlöse verteilt werden, ist noch nicht geklärt. „Technisch ist das
lösbar, politisch ist es ein dickes Brett“, sagt die Energieökonomin Sanne Vermeulen von
einem Forschungsinstitut in Delft. Länder mit vielen Windparks könnten von den Leitungen
stärker profitieren als Länder, die vor allem Strom abnehmen.

Umweltverbände begrüßen das Vorhaben grundsätzlich, warnen aber vor den Folgen für die
Meeresnatur. Bauarbeiten am Meeresboden und der Lärm beim Rammen von Fundamenten
belasten Schweinswale und andere Tiere. Die Staaten wollen deshalb gemeinsame
Schutzgebiete festlegen, in denen nicht gebaut werden darf.
""",
    ),
    DemoArticle(
        slug="schueleraustausch-rekord",
        title="So viele Jugendliche wie lange nicht gehen für ein Jahr ins Ausland",
        kicker="INTERNATIONAL",
        dateline="Berlin.",
        dek=(
            "Austauschorganisationen melden deutlich mehr Bewerbungen. Gefragt sind neue "
            "Ziele – doch ob jemand fahren kann, hängt oft vom Geld der Eltern ab."
        ),
        authors=("ab",),
        categories=("international", "inland"),
        tags=("Bildung",),
        days_ago=134,
        at="07:45",
        picture=in_house(
            "Ein Schuljahr in Neuseeland, Japan oder Chile: Die Ziele werden vielfältiger.",
            "Abstrakte Illustration mit bunten Kreisen, die sich überlagern",
        ),
        body="""
Die Koffer sind gepackt, der Reisepass liegt bereit: Lina Petersen aus Kiel fliegt in zwei
Wochen nach Neuseeland, für ein ganzes Schuljahr. Sie ist eine von auffällig vielen
Jugendlichen, die in diesem Jahr ins Ausland gehen. Austauschorganisationen berichten
von deutlich mehr Bewerbungen als in den Vorjahren.

Begehrt sind nicht mehr nur die klassischen Ziele. Zwar stehen die USA, Kanada und Irland
weiter oben auf der Liste, doch immer mehr Schülerinnen und Schüler interessieren sich für
Länder wie Japan, Chile oder Finnland. „Die Jugendlichen wollen etwas erleben, das sie
nicht aus dem Urlaub kennen“, sagt Hannes Baumgart, der bei einem gemeinnützigen
Austauschverein die Beratung leitet.

## Eine Frage des Geldes

Ein Austauschjahr kostet je nach Land zwischen 8.000 und mehr als 20.000 Euro. Viele
Familien können das nicht aufbringen. Stipendien gibt es, aber zu wenige. Baumgart
wünscht sich, dass Schulen stärker auf Förderprogramme hinweisen: „Es bewerben sich
immer noch vor allem Kinder aus Familien, in denen schon die Eltern im Ausland waren.“

Lina hat ein Teilstipendium bekommen, den Rest haben ihre Eltern und Großeltern
zusammengelegt. Worauf sie sich am meisten freut? „Auf die Schuluniform“, sagt sie und
lacht. „Nein, im Ernst: auf eine zweite Familie.“
""",
    ),
]
