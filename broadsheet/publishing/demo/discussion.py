"""Demo discussions: a long, lively thread under the featured article and a few short
ones elsewhere, with votes, ratings and two comments waiting for the moderator.

All text here was written for this demo. The thread is built from a fixed seed, so
every demo install shows the same conversation.
"""

import datetime
import hashlib
import random

from django.conf import settings

from broadsheet.core.text import render_comment_markdown
from broadsheet.discussion import anchoring, passages
from broadsheet.discussion.models import Comment, EditorQuestion, Rating, Thread
from broadsheet.discussion.services import set_comment_count

READERS = [
    "Marlene aus Pankow", "Jörg K.", "Sabine Hollerbach", "Tobias", "Frau Ö.", "Kemal Y.",
    "Ute Brandstätter", "Nachtschwärmer", "Lukas aus Linz", "Greta W.", "Bahnfahrer_77",
    "Dr. Irmgard Seidel", "Piet", "Hanna aus Graz", "Aleksandar", "Elke Vogt", "Moritz L.",
    "Schaffnerin a. D.", "Ben", "Familie Rautenberg", "Yusuf", "Claudia aus Cottbus",
]  # fmt: skip

# Openers for the featured article about the night-train alliance.
TRAIN_OPENERS = [
    "Endlich! Ich fahre seit Jahren mit dem Nachtzug nach Wien und wünsche mir genau so eine Verbindung weiter in den Süden.",
    "Klingt gut auf dem Papier. Aber wer garantiert, dass die Kurswagen in Wien nicht stundenlang auf den Anschluss warten?",
    "Die entscheidende Frage ist der Preis. Ein Liegeplatz darf nicht teurer sein als Flug plus Hotel, sonst bleibt das ein Nischenangebot.",
    "Ich habe letzten Sommer den Nachtzug nach Rijeka genommen. Schlafen ging so, das Frühstück mit Blick aufs Meer hat alles wettgemacht.",
    "Warum dauert das bis zum übernächsten Fahrplanwechsel? Die Wagen stehen doch teilweise schon abgestellt herum.",
    "Als Familie mit zwei kleinen Kindern ist ein eigenes Abteil für uns das Wichtigste. Hoffentlich gibt es genug davon.",
    "Schön, dass auch Fahrgastverbände mit am Tisch sitzen. Die wissen am besten, wo es im Alltag hakt.",
    "Mich interessiert, ob man Fahrräder mitnehmen kann. Für Radreisen an der Adria wäre das ideal.",
    "Nachtzüge sind die beste Erfindung seit dem Speisewagen. Mehr davon, bitte auch Richtung Skandinavien!",
    "Ich bleibe skeptisch. Die letzten Ankündigungen dieser Art sind an fehlenden Trassen gescheitert.",
    "Barrierefreiheit wird im Artikel gar nicht erwähnt. Gibt es rollstuhlgerechte Abteile?",
    "Wer einmal im Schlafwagen über die Alpen gefahren ist, will nicht mehr zurück ins Flugzeug.",
    "Die Buchung über mehrere Bahngesellschaften ist heute ein Albtraum. Ein gemeinsames Ticket wäre der eigentliche Fortschritt.",
    "Gute Nachricht für alle, die beruflich pendeln. Ein Termin um neun in Zagreb ohne Übernachtung im Hotel spart richtig Geld.",
    "Ich hätte gern gewusst, wie viele Plätze pro Zug geplant sind. Bei den Sommerzügen war ja ständig alles ausgebucht.",
]
TRAIN_REPLIES = [
    "Sehe ich genauso.",
    "Da muss ich widersprechen: Mit Bahncard und früher Buchung war mein Liegeplatz günstiger als der Flug.",
    "Laut Artikel soll es ein gemeinsames Ticket geben, aber erst ab dem zweiten Jahr.",
    "Das hängt sehr von der Strecke ab. Über den Semmering ist es nachts erstaunlich ruhig.",
    "Gute Frage! Vielleicht kann die Redaktion da nachhaken?",
    "Ich glaube, das scheitert eher am Personal als an den Wagen.",
    "Wir waren mit dem Rad unterwegs, es gab zwei Stellplätze pro Zug. Frühzeitig reservieren!",
    "Die Trassen sind tatsächlich das Nadelöhr, vor allem rund um Wien.",
    "Danke für den Erfahrungsbericht, das macht Lust aufs Ausprobieren.",
    "Das stimmt, aber irgendwo muss man ja anfangen.",
    "Bei der alten Verbindung gab es ein Abteil für Rollstuhlfahrer. Ich hoffe, das wird übernommen.",
    "Genau das habe ich mir beim Lesen auch gedacht.",
    "Ein bisschen mehr Optimismus würde uns allen guttun 😉",
    "Stimmt leider. Ich habe dreimal umbuchen müssen, bis es klappte.",
    "Wer *wirklich* schlafen will, sollte Ohrstöpsel einpacken. Ansonsten: absolute Empfehlung.",
    "Interessanter Punkt. Vielleicht gibt es dazu bald einen eigenen Artikel?",
    "> Ein gemeinsames Ticket wäre der eigentliche Fortschritt.\n\nDem ist nichts hinzuzufügen.",
    "Kleine Korrektur: Die Allianz spricht von drei Linien, nicht von zwei.",
]
LEAD_INS = [
    "Noch ein Gedanke dazu:", "Um es mal aus Sicht einer Pendlerin zu sagen:", "Ganz ehrlich?",
    "Nach dem zweiten Lesen:", "Als jemand, der oft im Ausland arbeitet:", "Kurz gesagt:",
    "Aus Wiener Sicht:", "Mal ketzerisch gefragt:",
]  # fmt: skip
# Short threads elsewhere: generic, friendly, sometimes critical.
GENERAL = [
    "Danke für diesen gründlich recherchierten Bericht!",
    "Genau solche Geschichten aus der Region fehlen mir in den großen Zeitungen.",
    "Ich hätte mir noch eine Stimme der Gegenseite gewünscht.",
    "Bei uns im Ort läuft es ganz ähnlich. Schön zu lesen, dass es anderswo klappt.",
    "Weiß jemand, ob es dazu eine Informationsveranstaltung gibt?",
    "Das ist ein Thema, das viel mehr Aufmerksamkeit verdient.",
    "Spannend! Bitte bleiben Sie da dran.",
    "Die Zahlen im dritten Absatz überraschen mich. Gibt es eine Quelle dafür?",
]
GENERAL_REPLIES = [
    "Die Zahlen stammen laut Text aus dem Jahresbericht des Landes.",
    "Ja, nächsten Donnerstag im Rathaus, soweit ich weiß.",
    "Dem kann ich mich nur anschließen.",
    "Vielleicht in einem Folgeartikel?",
]
# Answers to the editors' question in the featured article, and readers quoting passages.
QUESTION_ANSWERS = [
    "Ja, unbedingt. Wer nachts baut, muss den wenigen Zügen, die dann fahren, Vorfahrt lassen.",
    "Vorrang klingt gut, aber irgendwann muss gebaut werden. Besser wäre eine gemeinsame Baustellenplanung über die Grenzen hinweg.",
    "Ich arbeite selbst im Gleisbau. Nachts zu bauen ist oft die einzige Möglichkeit, den Tagverkehr nicht lahmzulegen.",
    "Solange ein einziges Land quer schießt, nützt die beste Abstimmung nichts.",
]
QUOTED = [
    (
        "Wir könnten jeden Schlafwagen, den wir haben, zweimal verkaufen",
        "Dann sollte man eben mehr Wagen bestellen – oder alte modernisieren.",
    ),
    (
        "Wir könnten jeden Schlafwagen, den wir haben, zweimal verkaufen",
        "Das deckt sich mit meiner Erfahrung: Im Sommer war wochenlang alles ausgebucht.",
    ),
    (
        "ab etwa 50 Euro",
        "50 Euro für einen Liegeplatz finde ich fair, wenn das Frühstück dabei ist.",
    ),
    (
        "Fahrräder dürfen auf allen Linien mit",
        "Sehr gut! Das war für mich bisher das größte Hindernis.",
    ),
]
PENDING = [
    (
        "Erstkommentator",
        "Ich lese hier seit Monaten still mit und wollte einfach einmal Danke sagen.",
    ),
    (
        "Neu hier",
        "Weiß jemand, ab wann man die Tickets buchen kann? Auf der Website der Bahn steht noch nichts.",
    ),
]


class _Builder:
    def __init__(self, article, *, rng, start, now, expected: int):
        self.article, self.rng, self.start = article, rng, start
        self.created: list[Comment] = []
        self.seconds = 0
        # Spread the comments between publication and now, never into the future.
        self.step = max(2, int((now - start).total_seconds() / (expected * 1.3)))

    def add(self, body: str, *, parent=None, name=None, status=Comment.Status.APPROVED) -> Comment:
        self.seconds += self.rng.randint(1, 2 * self.step)
        while parent is not None and parent.depth >= settings.BROADSHEET_COMMENT_MAX_DEPTH:
            parent = parent.parent  # as the discussion does: attach at the deepest level
        name = name or self.rng.choice(READERS)
        up, down = (
            self.rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21]),
            self.rng.choice([0, 0, 0, 1, 2, 4]),
        )
        comment = Comment(
            article=self.article,
            reply_to=parent,
            author_name=name,
            author_email=f"{hashlib.sha256(name.encode()).hexdigest()[:8]}@leser.example.org",
            body=body,
            body_html=render_comment_markdown(body),
            status=status,
            created_at=self.start + datetime.timedelta(seconds=self.seconds),
            upvotes=up,
            downvotes=down,
            score=up - down,
        )
        comment.place_under(parent)
        comment.save()
        comment.save_path()
        self.created.append(comment)
        return comment

    def finish(self, *, ratings: list[int]) -> None:
        for n, stars in enumerate(ratings):
            Rating.objects.create(article=self.article, voter_key=f"demo-rating-{n}", stars=stars)
        Thread.objects.update_or_create(
            article=self.article,
            defaults={
                "rating_count": len(ratings),
                "rating_sum": sum(ratings),
            },
        )
        set_comment_count(self.article.pk)


def create_discussions(articles_by_slug: dict, *, featured_slug: str, now) -> int:
    """Create the demo threads; returns the number of comments written."""
    rng = random.Random(20211)
    total = 0
    featured = articles_by_slug[featured_slug]
    start = featured.published_at + datetime.timedelta(minutes=20)
    builder = _Builder(featured, rng=rng, start=start, now=now, expected=320)
    for round_ in range(64):
        opener = TRAIN_OPENERS[round_ % len(TRAIN_OPENERS)]
        if round_ >= len(TRAIN_OPENERS):
            opener = f"{rng.choice(LEAD_INS)} {opener}"
        top = builder.add(opener)
        # A few conversations run deep, the rest branch out a little.
        chain_length = rng.choice([0, 1, 2, 3, 4, 5, 7, 9, 12])
        node = top
        for _ in range(chain_length):
            target = node if node.depth < 5 and rng.random() < 0.7 else rng.choice([top, node])
            node = builder.add(rng.choice(TRAIN_REPLIES), parent=target)
    _inline_feedback(builder, featured, rng)
    for name, body in PENDING:
        builder.add(body, name=name, status=Comment.Status.PENDING)
    builder.finish(ratings=[rng.choice([3, 4, 4, 5, 5]) for _ in range(37)])
    total += len(builder.created)

    others = [
        a
        for slug, a in sorted(articles_by_slug.items())
        if slug != featured_slug and a.is_published(now=now)
    ]
    for article in rng.sample(others, k=min(10, len(others))):
        start = article.published_at + datetime.timedelta(hours=1)
        builder = _Builder(article, rng=rng, start=start, now=now, expected=10)
        for _ in range(rng.randint(2, 6)):
            top = builder.add(rng.choice(GENERAL))
            if rng.random() < 0.5:
                builder.add(rng.choice(GENERAL_REPLIES), parent=top)
        builder.finish(ratings=[rng.randint(2, 5) for _ in range(rng.randint(0, 12))])
        total += len(builder.created)
    return total


def _inline_feedback(builder: _Builder, article, rng) -> None:
    """Answers to the editors' question, and comments quoting passages."""
    question = EditorQuestion.objects.filter(article=article, active=True).first()
    for body in QUESTION_ANSWERS:
        comment = builder.add(body)
        if question is not None:
            passages.attach(
                comment, anchoring.select(article.body_text, exact=question.passage), question
            )
    for exact, body in QUOTED:
        comment = builder.add(body)
        passages.attach(comment, anchoring.select(article.body_text, exact=exact), None)
    if QUOTED:
        builder.add(rng.choice(TRAIN_REPLIES), parent=comment)
