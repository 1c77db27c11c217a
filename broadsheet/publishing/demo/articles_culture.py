"""Demo articles from the Kultur and Umwelt sections."""

from .spec import BY_4, BY_SA_3, BY_SA_4, DemoArticle, Picture, in_house

ARTICLES = [
    DemoArticle(
        slug="scheunentheater-prignitz",
        title="Ein Dorf in der Prignitz spielt Shakespeare",
        kicker="KULTUR",
        dateline="Perleberg.",
        dek=(
            "Der Postbote, die Tierärztin und zwei Schüler stehen auf der Bühne, das halbe "
            "Dorf hilft hinter den Kulissen. Die Aufführungen in der Scheune sind ausverkauft."
        ),
        authors=("mh",),
        categories=("kultur",),
        tags=("Theater", "Ehrenamt"),
        days_ago=6,
        at="19:30",
        picture=Picture(
            "Strohballen als Zuschauerreihen: Theater in einer ehemaligen Scheune.",
            "Abstrakte Illustration mit warmen Lichtkegeln in Orange und Violett",
            creator="Frieda Lorenz",
            licence=BY_SA_3,
        ),
        body="""
Die Scheune riecht noch nach Heu, obwohl hier seit zehn Jahren kein Vieh mehr steht. Auf
Strohballen sitzen an diesem Samstagabend gut hundert Menschen, auf der Bühne aus alten
Brettern stehen der Postbote, die Tierärztin und zwei Schüler aus dem Nachbardorf. Sie
spielen „Ein Sommernachtstraum“, in einer eigenen Fassung und mit Prignitzer Einschlag.

Das Theaterprojekt ist vor vier Jahren entstanden, aus einer Laune heraus, wie die
Regisseurin Katharina Vollmer erzählt. Sie ist Schauspielerin, lebte lange in Hamburg und
kam während der Pandemie zurück in das Dorf ihrer Großeltern. „Ich hatte keine Arbeit, und
alle anderen auch nicht. Also haben wir Theater gespielt.“

## Ein ganzes Dorf auf und hinter der Bühne

Inzwischen wirken mehr als vierzig Menschen mit. Nicht alle spielen: Ein Tischler baut die
Kulissen, eine Rentnerin näht die Kostüme, die Freiwillige Feuerwehr kümmert sich um
Parkplätze und Bratwurst. Die Aufführungen sind jedes Jahr ausverkauft, Gäste kommen aus
Berlin und Hamburg.

Am Ende des Abends gibt es stehenden Applaus. Der Postbote, der den Zettel spielt, trägt
noch den Eselskopf, als er die Stühle zusammenräumt. Im nächsten Sommer, sagt Vollmer,
soll es Schiller sein: „Die Räuber. Das passt hierher.“
""",
    ),
    DemoArticle(
        slug="anthologie-kaffeehaus-wien",
        title="„Melange und Mitternacht“: Junge Wiener Literatur aus dem Kaffeehaus",
        kicker="LITERATUR",
        dateline="Wien.",
        dek=(
            "Achtzehn Autorinnen und Autoren unter dreißig, ein Ort: Eine neue Anthologie "
            "zeigt, dass das Kaffeehaus als Schreibstube lebt – nur die Themen sind neu."
        ),
        authors=("mh",),
        categories=("kultur", "europa"),
        tags=("Literatur",),
        days_ago=31,
        at="17:00",
        picture=in_house(
            "Mehr als 300 Texte gingen auf den offenen Aufruf ein.",
            "Abstrakte Illustration mit Kreisen in Kaffeebraun und Creme auf Violett",
        ),
        body="""
Das Kaffeehaus als Schreibstube hat in Wien eine lange Tradition. Dass sie lebt, zeigt eine
Anthologie, die in dieser Woche in einem kleinen Wiener Verlag erschienen ist. „Melange und
Mitternacht“ versammelt Erzählungen, Gedichte und kurze Szenen von achtzehn Autorinnen und
Autoren, die alle jünger als dreißig sind und einen Teil ihrer Texte im Kaffeehaus
geschrieben haben.

Die Herausgeberin Ilse Navratil hat die Beiträge über einen offenen Aufruf gesammelt. Mehr
als 300 Texte gingen ein. „Ich hatte erwartet, dass alle über Kaffeehäuser schreiben“, sagt
sie. „Stattdessen schreiben sie über Wohnungsnot, über Großmütter, über Liebe in Zeiten der
Schichtarbeit. Das Kaffeehaus ist der Ort, nicht das Thema.“

Herausragend ist die Erzählung „Der Ober“ von Emre Yıldız, die aus der Sicht eines Kellners
erzählt wird, der seine Stammgäste besser kennt als deren Familien. Auch die Gedichte von
Hanna Leitgeb, knapp und voller Wiener Wendungen, bleiben lange im Ohr.

Nicht jeder Text überzeugt. Manche Beiträge wirken wie Fingerübungen, und die Anordnung
folgt keinem erkennbaren Prinzip. Doch als Momentaufnahme einer jungen Szene, die sich ihre
Orte sucht, ist das Buch ein Gewinn. Die Premiere findet, wie könnte es anders sein, in
einem Kaffeehaus statt.
""",
    ),
    DemoArticle(
        slug="kinobus-brandenburg",
        title="Kino auf Rädern: Ein Bus bringt Filme in die Dörfer",
        kicker="FILM",
        dateline="Neuruppin.",
        dek=(
            "Projektor, Tonanlage, aufblasbare Leinwand: Ein umgebauter Reisebus tourt den "
            "Sommer über durch Brandenburg. Das Programm wünschen sich die Dörfer selbst."
        ),
        authors=("mh",),
        categories=("kultur",),
        tags=("Film", "Ehrenamt"),
        days_ago=67,
        at="20:15",
        picture=Picture(
            "Wenn es dunkel wird, beginnt auf dem Dorfplatz die Vorstellung.",
            "Abstrakte Illustration mit einem hellen Rechteck vor violettem Abendhimmel",
            creator="Jonas Reiter",
            licence=BY_4,
        ),
        body="""
Wenn der Bus auf den Dorfplatz rollt, laufen die Kinder schon hinterher. Der alte Reisebus
ist innen ausgebaut: Statt Sitzreihen gibt es einen Projektor, eine Tonanlage und eine
aufblasbare Leinwand, die neben dem Bus aufgestellt wird. An diesem Abend läuft ein
Animationsfilm für die Kleinen, später ein Krimi für die Großen.

Das Kino auf Rädern fährt von Mai bis September durch die Dörfer im Norden Brandenburgs.
Betrieben wird es von einem Verein, der von Spenden, kleinen Eintrittsgeldern und einem
Zuschuss des Landkreises lebt. Viele Orte hatten nie ein eigenes Kino, in anderen hat es
vor Jahrzehnten geschlossen.

„Es geht nicht nur um die Filme“, sagt der Vereinsvorsitzende Daniel Stöhr. „Es geht
darum, dass die Leute mal wieder zusammen irgendwo sitzen.“ Nach der Vorstellung bleiben
viele noch, trinken etwas, reden über den Film oder über den Ort.

Das Programm bestimmen die Dörfer selbst: Jeder Ort darf sich im Frühjahr einen Film
wünschen. Die Liste reicht von DEFA-Klassikern bis zu aktuellen Kinoerfolgen. Am häufigsten
gewünscht, sagt Stöhr, werde seit Jahren derselbe Film: „Drei Haselnüsse für
Aschenbrödel“. Auch im Juli, bei dreißig Grad.
""",
    ),
    DemoArticle(
        slug="erzaehlcafe-marzahn",
        title="Ein Stadtteil schreibt sein Buch: Erinnerungen aus Marzahn",
        kicker="KULTUR",
        dateline="Berlin.",
        dek=(
            "Einmal im Monat wird in einer Bibliothek erzählt, Freiwillige schreiben mit. "
            "Daraus ist ein Buch mit 44 Geschichten geworden – die erste Auflage ist weg."
        ),
        authors=("mh",),
        categories=("kultur", "inland"),
        tags=("Literatur", "Ehrenamt", "Städte"),
        days_ago=98,
        at="15:45",
        picture=Picture(
            "44 Erinnerungen vom Einzug in die Neubauten bis heute.",
            "Abstrakte Illustration mit gestapelten Rechtecken in Rosa und Petrol",
            creator="Birgit Schaller",
            licence=BY_SA_4,
        ),
        body="""
Gertrud Hoffmann erinnert sich genau an den Tag, an dem sie den Schlüssel bekam. Februar
1982, elfte Etage, Zentralheizung, warmes Wasser aus der Wand. „Wir haben geweint vor
Freude“, sagt die 86-Jährige. Ihre Geschichte steht jetzt in einem Buch, zusammen mit 43
anderen Erinnerungen aus Marzahn.

Entstanden ist das Buch in einem Erzählcafé, das eine Stadtteilbibliothek seit zwei Jahren
anbietet. Einmal im Monat treffen sich dort Menschen aller Generationen, trinken Kaffee und
erzählen. Freiwillige schreiben mit, die Erzählenden lesen die Texte gegen und dürfen alles
ändern.

Die Geschichten reichen vom Einzug in die Neubauten über die Wendezeit bis in die
Gegenwart. Ein junger Mann erzählt, wie er als Kind aus Kasachstan nach Marzahn kam und im
Treppenhaus Deutsch lernte. Eine Frau beschreibt, wie die Nachbarschaft um einen
Spielplatz kämpfte. „Marzahn wird oft von außen beschrieben“, sagt die Bibliothekarin Nadja
Richter. „Hier beschreibt es sich selbst.“

Das Buch liegt in der Bibliothek kostenlos aus. Die erste Auflage von 500 Exemplaren war
nach zwei Wochen vergriffen; eine zweite ist bestellt.
""",
    ),
    DemoArticle(
        slug="kleinverlage-buchmesse-halle",
        title="Die Messe der kleinen Verlage: Lesen in der Markthalle",
        kicker="LITERATUR",
        dateline="Halle (Saale).",
        dek=(
            "Mehr als sechzig unabhängige Verlage stellen aus, viele davon Ein-Personen-"
            "Betriebe. Die Lage der Branche ist schwierig, die Stimmung trotzdem gut."
        ),
        authors=("mh",),
        categories=("kultur",),
        tags=("Literatur", "Handel"),
        days_ago=126,
        at="12:00",
        picture=Picture(
            "Bücherstände, wo sonst Gemüse verkauft wird.",
            "Abstrakte Illustration mit vielen schmalen Rechtecken in Orange und Blau",
            creator="Paul Siebert",
            licence=BY_SA_3,
        ),
        body="""
Wo sonst Obst und Gemüse verkauft werden, stehen an diesem Wochenende Bücherstände. Die
Messe der unabhängigen Verlage in der alten Markthalle hat sich in wenigen Jahren zu einem
festen Termin entwickelt. Mehr als sechzig Verlage sind gekommen, die meisten mit weniger
als fünf Beschäftigten, manche mit nur einer einzigen Person.

Die Stimmung ist gut, die Lage der Branche weniger. Papier und Druck sind teurer geworden,
Buchhandlungen bestellen vorsichtiger, und die großen Häuser beherrschen die
Stapeltische. „Wir leben von Menschen, die gezielt nach etwas Besonderem suchen“, sagt die
Verlegerin Johanna Kühne, die Lyrik und Übersetzungen aus dem Baltikum verlegt.

## Was kleine Verlage anders machen

Viele setzen auf Nähe. Sie verkaufen direkt an ihre Leserinnen und Leser, organisieren
Lesungen in Wohnzimmern und Gärten und bieten Abonnements an: Man zahlt einen festen
Betrag im Jahr und bekommt jedes neue Buch zugeschickt. Andere spezialisieren sich auf
Nischen, von Wanderliteratur bis zu Comics aus Südosteuropa.

Am Samstagnachmittag ist die Halle so voll, dass man sich zwischen den Ständen
durchschieben muss. Johanna Kühne hat bis zum Abend mehr Bücher verkauft als in einem
durchschnittlichen Monat. „Für solche Tage“, sagt sie, „macht man das.“
""",
    ),
    DemoArticle(
        slug="chorprojekt-tempelhofer-feld",
        title="Dreihundert Stimmen auf dem Tempelhofer Feld",
        kicker="MUSIK",
        dateline="Berlin.",
        dek=(
            "Zwölf Kiezchöre und viele, die noch nie in einem Chor standen: Ein Jahr lang "
            "haben sie geprobt. Jeder durfte ein Lied aus seiner Kindheit mitbringen."
        ),
        authors=("mh", "ab"),
        categories=("kultur", "inland"),
        tags=("Musik", "Ehrenamt"),
        days_ago=163,
        at="21:00",
        picture=Picture(
            "Ein türkisches Wiegenlied, ein Kanon aus dem Erzgebirge, ein Spiritual.",
            "Abstrakte Illustration mit einem Halbkreis aus hellen Punkten auf Violett",
            creator="Clara Wendt",
            licence=BY_4,
        ),
        body="""
Um kurz nach sechs am Abend wird es still auf dem Tempelhofer Feld. Dreihundert Menschen
stehen im Halbkreis auf dem alten Rollfeld, Windjacken über den Schultern, Notenblätter in
Klarsichthüllen. Dann gibt die Chorleiterin das Zeichen, und der erste Ton trägt weit über
den Asphalt.

Ein Jahr lang haben sich die Mitwirkenden vorbereitet. Es singen Menschen aus zwölf
Kiezchören, dazu Einzelne, die sich auf einen Aufruf hin gemeldet hatten. Viele hatten
noch nie in einem Chor gestanden. Geprobt wurde in Turnhallen, Kirchen und einer
ehemaligen Brauerei.

Auf dem Programm stehen Lieder aus den Herkunftsländern der Mitwirkenden: ein türkisches
Wiegenlied, ein polnisches Tanzlied, ein Spiritual, ein Kanon aus dem Erzgebirge. „Jede und
jeder sollte ein Lied aus der eigenen Kindheit einbringen dürfen“, sagt die Chorleiterin
Amelie Sonntag. „Und alle anderen lernen es mit.“

Als nach einer knappen Stunde das letzte Stück verklingt, ist die Sonne hinter den Hangars
verschwunden. Die Zuhörerinnen und Zuhörer, die auf Decken im Gras saßen, stehen auf und
singen bei der Zugabe mit.
""",
    ),
    DemoArticle(
        slug="giesspatenschaften-stadtbaeume",
        title="Gießkannen gegen die Dürre: Wie Nachbarn Berlins junge Bäume retten",
        kicker="UMWELT",
        dateline="Berlin.",
        dek=(
            "Junge Straßenbäume vertrocknen, wenn es wochenlang nicht regnet. Tausende "
            "Freiwillige gießen mit – und tragen auf einer Karte ein, wo sie waren."
        ),
        authors=("tl",),
        categories=("umwelt",),
        tags=("Natur", "Städte", "Wasser", "Klima"),
        days_ago=2,
        at="08:30",
        picture=in_house(
            "Etwa 100 Liter pro Woche braucht ein junger Straßenbaum im Sommer.",
            "Abstrakte Illustration mit grünen Kreisen und einem blauen Band",
        ),
        body="""
Jeden zweiten Abend trägt Yusuf Demir zwei Gießkannen über die Straße. Sein Ziel ist eine
junge Linde vor dem Haus gegenüber, im vergangenen Herbst gepflanzt, kaum dicker als ein
Besenstiel. „Ohne Wasser schafft sie den Sommer nicht“, sagt der Rentner. Demir ist einer
von vielen Berlinerinnen und Berlinern, die eine Gießpatenschaft für einen Straßenbaum
übernommen haben.

Die Stadtbäume leiden unter den trockenen Sommern. Vor allem junge Bäume, deren Wurzeln
noch nicht tief genug reichen, vertrocknen, wenn es wochenlang nicht regnet. Die
Grünflächenämter können nicht überall gleichzeitig sein. Auf einer Online-Karte tragen
Freiwillige deshalb ein, welchen Baum sie wann gegossen haben.

## So gießen Sie richtig

Die Fachleute der Bezirke geben einfache Ratschläge:

- lieber selten und viel als oft und wenig, etwa 100 Liter pro Woche für einen jungen Baum,
- am besten morgens oder abends, damit weniger Wasser verdunstet,
- den Boden um den Stamm vorher lockern, damit das Wasser einsickern kann.

Ob die Hilfe der Nachbarschaft ausreicht, weiß niemand. Aber die Bezirke beobachten, dass
gegossene Bäume deutlich seltener eingehen. Demirs Linde treibt inzwischen neue Blätter.
Er hat sie fotografiert und das Bild seiner Enkelin geschickt.
""",
    ),
    DemoArticle(
        slug="moore-spreewald",
        title="Das Wasser soll zurück: Landwirte im Spreewald zwischen Skepsis und Hoffnung",
        kicker="UMWELT",
        dateline="Lübbenau.",
        dek=(
            "Trockengelegte Moore setzen Jahr für Jahr Treibhausgase frei. Ein Pilotprojekt "
            "will sie wieder vernässen – und den Betrieben eine Zukunft auf nassem Boden geben."
        ),
        authors=("tl",),
        categories=("umwelt",),
        tags=("Landwirtschaft", "Klima", "Wasser"),
        days_ago=38,
        at="07:10",
        picture=Picture(
            "Schilf statt Mais: Auf nassen Flächen wachsen andere Kulturen.",
            "Abstrakte Illustration mit waagerechten Bändern in Moosgrün und Blau",
            creator="Greta Kühn",
            licence=BY_SA_3,
        ),
        body="""
Wo Bernd Krüger heute Heu macht, war vor zweihundert Jahren ein Moor. Seine Vorfahren
haben es entwässert, Gräben gezogen, den Boden urbar gemacht. Nun soll das Wasser
zurückkommen. Krüger soll mithelfen, und er ist hin- und hergerissen.

Entwässerte Moore gehören zu den großen, oft übersehenen Quellen von Treibhausgasen. Liegt
der Torf trocken, zersetzt er sich und setzt Kohlendioxid frei, Jahr für Jahr. Wer die
Flächen wieder vernässt, stoppt diesen Prozess. Im Spreewald läuft dazu ein Pilotprojekt,
an dem sich ein gutes Dutzend Betriebe beteiligt.

> Ich verstehe, warum das wichtig ist. Aber ich muss auch in zehn Jahren noch von meinem
> Land leben können.

Das sagt Krüger, und so denken viele seiner Kolleginnen und Kollegen. Auf nassen Flächen
wachsen weder Mais noch Weizen. Möglich sind andere Kulturen: Schilf für Dämmstoffe,
Rohrkolben, Wasserbüffel statt Milchkühen. Für diese Produkte gibt es bisher allerdings
nur kleine Märkte.

Das Projekt soll das ändern. Es zahlt einen Ausgleich für Ernteausfälle, vermittelt
Abnehmer und finanziert Maschinen, die auf weichem Boden fahren können. Krüger hat sich
entschieden, zwölf Hektar zur Verfügung zu stellen. „Ein Anfang“, sagt er. „Dann sehen wir
weiter.“
""",
    ),
    DemoArticle(
        slug="biber-lobau",
        title="Die Biber sind zurück in der Lobau",
        kicker="UMWELT",
        dateline="Wien.",
        dek=(
            "Im 19. Jahrhundert ausgerottet, heute wieder in mehreren Revieren zu Hause: "
            "Die Biber gestalten den Auwald am Stadtrand um – nicht zu jedermanns Freude."
        ),
        authors=("jw",),
        categories=("umwelt", "europa"),
        tags=("Natur", "Donau"),
        days_ago=82,
        at="06:00",
        picture=Picture(
            "Biberdämme halten Wasser in der Au und schaffen neue Tümpel.",
            "Abstrakte Illustration mit Kreisen in Grün und Blau auf hellem Grund",
            creator="Veronika Huber",
            licence=BY_SA_4,
        ),
        body="""
Die Spuren sind unverkennbar: angenagte Stämme, spitz zulaufende Stümpfe, ein frisch
aufgeschütteter Damm aus Ästen und Schlamm. In der Lobau, dem Auwald am östlichen Rand
Wiens, leben wieder Biber, so viele wie seit langer Zeit nicht. Die Ranger des
Nationalparks zählen inzwischen mehrere Familienreviere.

Im 19. Jahrhundert war der Biber in Österreich ausgerottet, gejagt wegen seines Fells und
seines Fleisches. Über Wiederansiedlungen entlang der Donau ist er zurückgekehrt. Für die
Au ist das ein Gewinn: Biberdämme halten Wasser in der Landschaft, es entstehen Tümpel,
in denen Amphibien und Libellen leben.

## Nicht alle freuen sich

Ganz ohne Konflikte geht das nicht. Biber fällen auch Obstbäume in angrenzenden Gärten,
und ihre Dämme setzen manchmal Wege unter Wasser. Die Nationalparkverwaltung setzt auf
Drahtgitter um wertvolle Bäume und auf Aufklärung. „Der Biber ist kein Schädling, sondern
ein Landschaftsgestalter“, sagt die Rangerin Sabine Gruber.

Wer die Tiere sehen will, braucht Geduld. Biber sind in der Dämmerung aktiv und scheu.
Die Ranger bieten in den Sommermonaten Abendführungen an. Mit etwas Glück, sagt Gruber,
sieht man einen Kopf, der lautlos durchs Wasser zieht – und hört den Schlag der Kelle,
wenn das Tier abtaucht.
""",
    ),
    DemoArticle(
        slug="sternenpark-westhavelland",
        title="Ein Dorf schaltet das Licht aus",
        kicker="UMWELT",
        dateline="Gülpe.",
        dek=(
            "Im Westhavelland ist der Nachthimmel so dunkel wie kaum irgendwo in Deutschland. "
            "Die Bewohner schützen ihn – und bekommen Besuch von Sternguckern."
        ),
        authors=("tl",),
        categories=("umwelt",),
        tags=("Natur", "Tourismus"),
        days_ago=121,
        at="22:00",
        picture=Picture(
            "In klaren Nächten ist die Milchstraße mit bloßem Auge zu sehen.",
            "Abstrakte Illustration mit kleinen hellen Punkten auf tiefgrünem Verlauf",
            creator="Henrik Albers",
            licence=BY_4,
        ),
        body="""
Um 22 Uhr gehen in Gülpe die Laternen aus. Nicht, weil der Gemeinde das Geld fehlt,
sondern weil sie es so will. Das kleine Dorf im Westhavelland liegt in einer der dunkelsten
Gegenden Deutschlands, und die Menschen hier haben gelernt, das als Schatz zu begreifen.
In klaren Nächten ist die Milchstraße mit bloßem Auge zu sehen.

Künstliches Licht hat sich in den vergangenen Jahrzehnten immer weiter ausgebreitet. Für
Insekten ist das ein Problem: Sie umkreisen Lampen bis zur Erschöpfung. Zugvögel verlieren
die Orientierung, und auch Menschen schlafen schlechter, wenn es nie richtig dunkel wird.

Die Region hat sich deshalb Regeln für die Beleuchtung gegeben. Lampen sollen nach unten
strahlen, warmes statt kaltweißes Licht verwenden und nachts gedimmt oder abgeschaltet
werden. Viele Hausbesitzer machen freiwillig mit.

Inzwischen kommen Gäste eigens wegen der Dunkelheit. Die Pension am Ortsrand bietet
Sternführungen an, Hobbyastronomen bauen ihre Teleskope auf dem Deich auf. „Früher haben
die Leute gefragt, warum es hier nachts so finster ist“, sagt die Wirtin Claudia Brenner.
„Heute fragen sie, wann der nächste Neumond ist.“
""",
    ),
    DemoArticle(
        slug="hitzeschutz-schulen-magdeburg",
        title="31 Grad im Klassenzimmer: Magdeburg plant den Hitzeschutz für Schulen",
        kicker="UMWELT",
        dateline="Magdeburg.",
        dek=(
            "Außenrollos, grüne Dächer, Fenster, die nachts von selbst aufgehen: Die Stadt "
            "will die heißesten Schulgebäude zuerst nachrüsten. Klimaanlagen bleiben die "
            "Ausnahme."
        ),
        authors=("tl",),
        categories=("umwelt", "inland"),
        tags=("Klima", "Bildung", "Gesundheit"),
        days_ago=172,
        at="07:40",
        picture=in_house(
            "Südfenster, dritter Stock, Siebzigerjahre: Hier wird es im Sommer besonders heiß.",
            "Abstrakte Illustration mit einer gelben Sonnenscheibe auf grünem Verlauf",
        ),
        body="""
Im vergangenen Sommer zeigte das Thermometer im Klassenraum der 7b um elf Uhr vormittags 31
Grad. Die Schülerinnen und Schüler saßen mit nassen Tüchern im Nacken vor ihren Heften, an
Konzentration war nicht zu denken. Der Raum liegt im dritten Stock eines Schulgebäudes aus
den Siebzigerjahren, die Fenster zeigen nach Süden.

Magdeburg will solche Situationen künftig vermeiden. Ein Hitzeschutzplan für die Schulen
der Stadt sieht vor, die am stärksten betroffenen Gebäude zuerst nachzurüsten. Vorgesehen
sind:

- außen liegende Rollos statt Vorhängen,
- begrünte Dächer und, wo möglich, Fassaden,
- eine Nachtlüftung, bei der sich Fenster automatisch öffnen, wenn es draußen kühler ist.

Klimaanlagen sind die Ausnahme. Sie seien teuer im Betrieb und verlagerten das Problem nur,
heißt es aus der Stadtverwaltung. Räume, in denen es trotz aller Maßnahmen zu heiß wird,
sollen aber mobile Geräte bekommen.

Die Schülervertretung hat eine eigene Liste geschrieben und einen Punkt ergänzt, der in
keinem Plan stand: Trinkwasserspender auf jedem Flur. Die Stadt hat zugesagt, das zu
prüfen.
""",
    ),
]
