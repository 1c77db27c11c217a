"""Writes seed.tsv: the labelled comments the starting model learns from.

Every line of it was written for Broadsheet: the hand-written lines in seedlines.py and
sentences composed here from parts also written here; nothing is copied from a corpus,
a website or the demo. Run `python -m broadsheet.moderation.classifier.seedgen` after
changing either; the output is deterministic.

How the parts are chosen, so that the model learns the right words:
- ham outnumbers abuse and spam about three to one, and is varied: short and long,
  questions, corrections, quotes, numbers, links to official sites, and sharp but civil
  criticism of the very people the abusive lines insult;
- every German phrase is declined for its place (nominative, accusative, dative), so
  the lines are grammatical and articles are not tied to one label;
- the abusive lines are built from the same people, topics and function words as the
  ham lines ("der Bürgermeister ist ein ..." appears in both), so what tells them apart
  is the insult, the threat or the contempt, not "ein", "der" or "du".
"""

import random
from pathlib import Path

from .seedlines import ABUSE, HAM, SPAM

HEADER = """\
# Broadsheet's seed set for the local spam and abuse model (moderation/classifier).
# ORIGINAL: written for this project (hand-written lines in seedlines.py and sentences
# composed by seedgen.py, which generates this file); not copied from any corpus, any
# website or the demo content. Neutral news subjects; abusive lines are mild, with
# placeholders like [Gruppe] for a group of people.
# Format: label<TAB>language<TAB>text; label is ham, spam or abuse; language de or en;
# "\\n" in a text stands for a line break.
"""

# --- Vocabulary ------------------------------------------------------------------------------

# German noun phrases as (nominative, accusative, dative).
TOPICS = {
    "de": [
        ("die neue Buslinie", "die neue Buslinie", "der neuen Buslinie"),
        ("der Radweg am Fluss", "den Radweg am Fluss", "dem Radweg am Fluss"),
        ("die Sanierung des Rathauses", "die Sanierung des Rathauses", "der Sanierung des Rathauses"),
        ("das neue Stadion", "das neue Stadion", "dem neuen Stadion"),
        ("der Haushalt der Stadt", "den Haushalt der Stadt", "dem Haushalt der Stadt"),
        ("die Straßenbahnlinie 4", "die Straßenbahnlinie 4", "der Straßenbahnlinie 4"),
        ("der Hochwasserschutz", "den Hochwasserschutz", "dem Hochwasserschutz"),
        ("die Grundsteuer", "die Grundsteuer", "der Grundsteuer"),
        ("das Sommerfest", "das Sommerfest", "dem Sommerfest"),
        ("die Ortsumgehung", "die Ortsumgehung", "der Ortsumgehung"),
        ("der Spielplan des Theaters", "den Spielplan des Theaters", "dem Spielplan des Theaters"),
        ("die Schulreform", "die Schulreform", "der Schulreform"),
        ("der Nahverkehrsplan", "den Nahverkehrsplan", "dem Nahverkehrsplan"),
        ("das Freibad", "das Freibad", "dem Freibad"),
        ("der Klinikneubau", "den Klinikneubau", "dem Klinikneubau"),
        ("das Tempolimit auf der Landstraße", "das Tempolimit auf der Landstraße",
         "dem Tempolimit auf der Landstraße"),
        ("die Wohnungsbauförderung", "die Wohnungsbauförderung", "der Wohnungsbauförderung"),
        ("der Ausbau der Glasfaser", "den Ausbau der Glasfaser", "dem Ausbau der Glasfaser"),
        ("die Müllabfuhr", "die Müllabfuhr", "der Müllabfuhr"),
        ("das Jugendzentrum", "das Jugendzentrum", "dem Jugendzentrum"),
    ],
    "en": [
        "the new bus route", "the riverside cycle path", "the town hall refurbishment",
        "the new stadium", "the city budget", "tram line 4", "flood defences", "council tax",
        "the summer fair", "the bypass", "the theatre programme", "the school reform",
        "the transport plan", "the outdoor pool", "the new hospital wing",
        "the speed limit on the A road", "housing grants", "the fibre broadband rollout",
        "bin collections", "the youth centre",
    ],
}  # fmt: skip
PEOPLE = {
    "de": [
        ("der Bürgermeister", "den Bürgermeister", "dem Bürgermeister"),
        ("die Bürgermeisterin", "die Bürgermeisterin", "der Bürgermeisterin"),
        ("der Autor", "den Autor", "dem Autor"),
        ("die Autorin", "die Autorin", "der Autorin"),
        ("die Redaktion", "die Redaktion", "der Redaktion"),
        ("der Trainer", "den Trainer", "dem Trainer"),
        ("der Schiedsrichter", "den Schiedsrichter", "dem Schiedsrichter"),
        ("die Stadträtin", "die Stadträtin", "der Stadträtin"),
        ("der Verkehrsminister", "den Verkehrsminister", "dem Verkehrsminister"),
        ("die Ministerin", "die Ministerin", "der Ministerin"),
        ("der Landrat", "den Landrat", "dem Landrat"),
        ("mein Vorredner", "meinen Vorredner", "meinem Vorredner"),
        ("der Abgeordnete", "den Abgeordneten", "dem Abgeordneten"),
        ("die Fraktionschefin", "die Fraktionschefin", "der Fraktionschefin"),
    ],
    "en": [
        "the mayor", "the author", "the newsroom", "the manager", "the referee",
        "the councillor", "the transport secretary", "the minister", "the council leader",
        "the previous commenter", "our MP", "the party leader", "the reporter", "the editor",
    ],
}  # fmt: skip
# German insults as (singular, gender m/f/n, plural).
INSULTS = {
    "de": [
        ("Idiot", "m", "Idioten"), ("Vollpfosten", "m", "Vollpfosten"),
        ("Trottel", "m", "Trottel"), ("Depp", "m", "Deppen"), ("Dummkopf", "m", "Dummköpfe"),
        ("Versager", "m", "Versager"), ("Witzfigur", "f", "Witzfiguren"),
        ("Spinner", "m", "Spinner"), ("Schwachkopf", "m", "Schwachköpfe"),
        ("Hohlkopf", "m", "Hohlköpfe"), ("Vollidiot", "m", "Vollidioten"),
        ("Lappen", "m", "Lappen"), ("Knallkopf", "m", "Knallköpfe"),
        ("Dreckskerl", "m", "Dreckskerle"), ("Schnepfe", "f", "Schnepfen"),
        ("Armleuchter", "m", "Armleuchter"), ("Pappnase", "f", "Pappnasen"),
        ("Schwachmat", "m", "Schwachmaten"),
    ],
    "en": [
        "idiot", "moron", "clown", "fool", "dimwit", "loser", "nutcase", "halfwit",
        "imbecile", "cretin", "muppet", "buffoon", "scumbag", "numpty", "prat", "plonker",
        "tosser", "dunce",
    ],
}  # fmt: skip
# German insulting adjectives (stem; the ending follows the noun's gender).
SLURS = {
    "de": ["dumm", "erbärmlich", "hirnlos", "dämlich", "verlogen", "widerlich", "armselig",
           "bescheuert", "strohdumm", "jämmerlich"],
    "en": ["stupid", "pathetic", "brainless", "useless", "lying", "disgusting", "clueless",
           "worthless", "thick", "spineless"],
}  # fmt: skip
_ENDING = {"m": "er", "f": "e", "n": "es"}
_ARTICLE = {"m": "ein", "f": "eine", "n": "ein"}

# --- Ham: civil sentences, combined with an optional opener and closer ----------------------

HAM_TOPIC = {
    "de": [
        "Danke für den Bericht über {t_acc}, sehr informativ.",
        "Zu {t_dat} hätte ich mir mehr Zahlen gewünscht.",
        "Ich halte {t_acc} für richtig, auch wenn es teuer wird.",
        "Hat jemand schon Erfahrungen mit {t_dat}?",
        "Bei {t_dat} bin ich anderer Meinung als die Redaktion.",
        "Über {t_acc} wurde im Rat lange gestritten, gut, dass es jetzt eine Lösung gibt.",
        "Kurze Frage zu {t_dat}: Gibt es dazu schon einen Termin?",
        "{T_nom} kostet laut Vorlage {amount} Millionen Euro.",
        "Ich verstehe nicht, warum {t_nom} schon wieder verschoben wird.",
        "Was {t_acc} angeht, sind die Pläne seit {year} bekannt.",
        "Ein Gutachten zu {t_dat} liegt seit {year} vor, passiert ist wenig.",
        "Die Kritik an {t_dat} ist berechtigt, die Lösung ist aber nicht so einfach.",
        "Mich überzeugt {t_nom} nicht, aber ich lasse mich gern vom Gegenteil überzeugen.",
        "Von {t_dat} profitieren vor allem die Familien im Norden der Stadt.",
        "Ich habe mir die Unterlagen zu {t_dat} angesehen, die Zahlen sind plausibel.",
        "{T_nom} ist ein gutes Beispiel dafür, wie Bürgerbeteiligung funktionieren kann.",
        "{T_nom} ist ein Fass ohne Boden, das muss man offen sagen.",
        "Ein Vorschlag zu {t_dat}: Man könnte die Anwohner früher einbinden.",
    ],
    "en": [
        "Thanks for the report on {t}, very informative.",
        "On {t} I would have liked more figures.",
        "I think {t} is the right call, even if it is expensive.",
        "Does anyone have experience with {t} yet?",
        "On {t} I disagree with the newsroom.",
        "The council argued about {t} for a long time, good that there is a solution now.",
        "Quick question about {t}: is there a date yet?",
        "According to the papers, {t} costs {amount} million pounds.",
        "I do not understand why {t} is being delayed yet again.",
        "The plans for {t} have been known since {year}.",
        "A report on {t} has existed since {year}, and little has happened.",
        "The criticism of {t} is fair, but the solution is not that simple.",
        "I am not convinced by {t}, but happy to be persuaded otherwise.",
        "Families in the north of the town benefit most from {t}.",
        "I have read the documents on {t} and the figures look plausible.",
        "{T} is a good example of how public consultation can work.",
        "{T} is a money pit, that has to be said openly.",
        "A suggestion about {t}: residents could be involved earlier.",
    ],
}
HAM_PERSON = {
    "de": [
        "{P_nom} liegt in diesem Punkt meiner Meinung nach falsch.",
        "Ich halte {p_acc} in dieser Frage für schlecht beraten.",
        "{P_nom} sollte die Zahlen offenlegen, statt nur zu beschwichtigen.",
        "Von {p_dat} hätte ich mir mehr Mut erwartet.",
        "Mit Verlaub, aber {p_nom} macht es sich hier zu einfach.",
        "Ausnahmsweise stimme ich {p_dat} zu.",
        "Die Argumente, die {p_nom} vorbringt, überzeugen mich nicht.",
        "Ich würde {p_acc} gern fragen, woher diese Zahl kommt.",
        "Es ist enttäuschend, wie wenig {p_nom} zu {t_dat} gesagt hat.",
        "Warum hat {p_nom} zu {t_dat} bis heute keinen Plan vorgelegt?",
        "Ich finde, {p_nom} hat bei {t_dat} gute Arbeit geleistet.",
        "Man kann {p_dat} vieles vorwerfen, aber nicht, dass es an Einsatz fehlt.",
        "Ein klarer Fehler von {p_dat}, aber kein Grund für Häme.",
        "{P_nom} ist ein Risiko eingegangen und hat verloren, das gehört dazu.",
        "{P_nom} ist seit Jahren eine verlässliche Stimme in dieser Debatte.",
        "Du kannst {p_acc} kritisieren, aber bitte mit Argumenten.",
        "Ich habe {p_acc} bei der Versammlung erlebt, das war sachlich und klar.",
        "{P_nom} hat sich verrannt und sollte den Fehler eingestehen.",
        "Das ist kein Ruhmesblatt für {p_acc}, aber auch kein Skandal.",
        "Schade, dass {p_nom} auf die Fragen der Anwohner nicht eingegangen ist.",
    ],
    "en": [
        "{P} is wrong on this point, in my view.",
        "I think {p} is badly advised on this question.",
        "{P} should publish the figures instead of just reassuring us.",
        "I expected more courage from {p}.",
        "With respect, {p} is making this too easy.",
        "For once I agree with {p}.",
        "The arguments {p} puts forward do not convince me.",
        "I would like to ask {p} where that figure comes from.",
        "It is disappointing how little {p} has said about {t}.",
        "Why has {p} still not presented a plan for {t}?",
        "I think {p} has done a good job on {t}.",
        "You can accuse {p} of many things, but not of lacking effort.",
        "A clear mistake by {p}, but no reason to gloat.",
        "{P} took a risk and lost, that is part of the job.",
        "{P} has been a reliable voice in this debate for years.",
        "You can criticise {p}, but please with arguments.",
        "I saw {p} at the meeting and it was calm and clear.",
        "{P} has got this wrong and should admit the mistake.",
        "This is not a proud moment for {p}, but it is not a scandal either.",
        "A pity that {p} did not answer the residents' questions.",
    ],
}
# The civil twins of the abusive frames below: the same words around a civil noun, so
# "ein", "so", "was für" and "du" are not what the abuse head learns.
PRAISE = {
    "de": [("Gewinn", "m"), ("Glücksfall", "m"), ("Profi", "m"), ("Enttäuschung", "f"),
           ("Fehlbesetzung", "f"), ("Überraschung", "f"), ("Risiko", "n"), ("Vorbild", "n"),
           ("Mensch mit Prinzipien", "m"), ("Gewinn für die Stadt", "m")],
    "en": ["asset", "disappointment", "professional", "surprise", "safe pair of hands",
           "poor fit for the job", "role model", "person of principle", "risk", "lucky find"],
}  # fmt: skip
KIND = {
    "de": ["gut", "klug", "fair", "stark", "mutig", "schwach", "solid", "ehrlich", "seltsam"],
    "en": ["good", "clever", "fair", "strong", "brave", "weak", "solid", "honest", "odd"],
}  # fmt: skip
TWINS = {
    "de": [
        "{P_nom} ist {ein_kind_praise}.",
        "{P_nom} ist {ein_praise}, das muss man zugeben.",
        "So ein Glück.",
        "So ein Zufall.",
        "So ein Pech für die Mannschaft.",
        "So eine Überraschung.",
        "Was für ein Spiel!",
        "Was für eine gute Nachricht.",
        "Was für ein starker Artikel.",
        "Was für ein Abend im Theater.",
        "Ein guter Gedanke.",
        "Ein berechtigter Einwand, danke.",
        "Eine gute Frage.",
        "Ein wichtiger Beitrag.",
        "Ein neuer Aspekt, den ich so nicht kannte.",
        "Ein schwacher Text, leider.",
        "Ein Artikel, der nachdenklich macht.",
        "Du hast recht, {t_nom} ist teurer als gedacht.",
        "Du übersiehst, dass {t_nom} schon beschlossen ist.",
        "Du kannst die Zahlen im Haushaltsplan nachlesen.",
        "Ihr habt {t_acc} gut erklärt, danke.",
        "Wer {t_acc} gut findet, sollte auch sagen, wie es bezahlt wird.",
        "{P_nom} gehört zu den wenigen, die {t_acc} verstanden haben.",
        "{P_nom} und die anderen Fraktionen sollten endlich einen Plan vorlegen.",
        "Ich weiß, wo {p_nom} heute spricht: um 19 Uhr im Bürgerhaus.",
        "Weiß jemand, wo {p_nom} diese Zahlen herhat?",
        "Man sollte {p_acc} so lange fragen, bis {pronoun} eine klare Antwort gibt.",
        "Zu {t_dat} schreiben hier viele, die sich wirklich auskennen.",
        "Ich verabschiede mich aus diesem Forum, danke für die faire Debatte.",
        "Das will hier keiner hören, aber {t_nom} wird teurer.",
        "Ihr habt {t_acc} doch selbst im Rat beschlossen.",
        "Alle Fraktionen sind sich einig, dass {t_nom} kommen soll.",
        "Leute wie du und ich gehören in die Bürgerversammlung.",
        "Pass auf, die Hauptstraße ist ab Montag gesperrt.",
        "Du bist wirklich der Erste, der das anspricht.",
        "Halt, so einfach ist es nicht.",
        "Verschwinde nicht gleich, die Debatte fängt erst an.",
        "Wer sollte das bezahlen, wenn nicht die Stadt?",
        "{P_nom} sollte zurücktreten, wenn die Vorwürfe stimmen.",
        "Du hast recht.",
        "Danke dir für den Hinweis.",
        "Du Glückspilz, ich habe keine Karten mehr bekommen.",
        "Bis zur Wahl ist es nicht mehr lange, dann wird abgerechnet.",
        "Sie sind im Unrecht, und die Zahlen zeigen es.",
        "Nein, so einfach ist es nicht.",
        "Nein, danke.",
        "Einfach mal abwarten.",
        "Eine Frage noch: Wer hat das Gutachten bezahlt?",
        "Ein Fehler, aber kein Weltuntergang.",
        "Ein Hoch auf die Ehrenamtlichen!",
        "Einer muss es ja sagen.",
        "Das ist doch ein Witz.",
        "Eine echte Zumutung für die Anwohner, diese Baustelle.",
        "Ein Armutszeugnis für die Verwaltung.",
        "Du machst es dir zu einfach.",
        "Du hast den Artikel wohl nicht zu Ende gelesen.",
        "Halt, da fehlt noch die Hälfte.",
        "So ist es.",
        "So nicht, liebe Stadtverwaltung.",
    ],
    "en": [
        "{P} is {a_kind_praise}.",
        "{P} is {a_praise}, that has to be said.",
        "What a relief.",
        "What a coincidence.",
        "What a pity for the team.",
        "What a surprise.",
        "What a game!",
        "What good news.",
        "What a strong article.",
        "What an evening at the theatre.",
        "A good thought.",
        "A fair objection, thanks.",
        "A good question.",
        "An important contribution.",
        "A new angle I had not considered.",
        "A weak piece, unfortunately.",
        "An article that makes you think.",
        "You are right, {t} is more expensive than expected.",
        "You overlook that {t} has already been decided.",
        "You can look the figures up in the budget.",
        "You explained {t} well, thank you.",
        "Anyone who likes {t} should also say how to pay for it.",
        "{P} is one of the few who understood {t}.",
        "{P} and the other parties should finally present a plan.",
        "I know where {p} is speaking today: at 7 pm in the community hall.",
        "Does anyone know where {p} got these figures from?",
        "Someone should keep asking {p} until there is a clear answer.",
        "Many people who really know the subject comment on {t} here.",
        "I am leaving this forum now, thanks for the fair debate.",
        "Nobody here wants to hear it, but {t} will get more expensive.",
        "You voted for {t} in the council yourselves.",
        "All parties agree that {t} should go ahead.",
        "People like you and me belong at the public meeting.",
        "Watch out, the high street is closed from Monday.",
        "You really are the first to raise this.",
        "Hold on, it is not that simple.",
        "Don't go yet, the debate is only starting.",
        "Who should pay for it, if not the council?",
        "{P} should resign if the allegations are true.",
        "You are right.",
        "Thank you for the pointer.",
        "You lucky thing, I could not get tickets.",
        "Until the election it is not long, then the voters decide.",
        "You are wrong, and the figures show it.",
        "No, it is not that simple.",
        "No, thanks.",
        "Just wait and see.",
        "One more question: who paid for the report?",
        "A mistake, but not the end of the world.",
        "Three cheers for the volunteers!",
        "Someone has to say it.",
        "This is a joke, surely.",
        "An imposition on the residents, these roadworks.",
        "A poor show from the council.",
        "You make it too easy for yourself.",
        "You clearly did not read the article to the end.",
        "Hold on, half of it is missing.",
        "That is about right.",
        "Not like this, dear council.",
    ],
}
OPENERS = {
    "de": ["Mal ehrlich:", "Zur Einordnung:", "Ein Einwand:", "Nur so viel:", "Vorweg gesagt:",
           "Als Anwohner:", "Zum Vergleich:", "Aus meiner Erfahrung:", "Eine Ergänzung:",
           "Mit Verlaub:", "Hm.", "Ja, aber:", "Moment:", "Zur Sache:"],
    "en": ["Honestly:", "For context:", "One objection:", "Just this:", "To be fair:",
           "As a resident:", "For comparison:", "From experience:", "To add to that:",
           "With respect:", "Hm.", "Yes, but:", "Hold on:", "On the point itself:"],
}  # fmt: skip
CLOSERS = {
    "de": ["Das sollte man nicht vergessen.", "Mal sehen, was daraus wird.",
           "Ich bin gespannt auf die nächste Sitzung.", "Danke fürs Nachhaken.",
           "Da muss mehr kommen.", "Trotzdem ein lesenswerter Artikel.",
           "Die Quelle steht im Bericht des Landesamts.", "Bitte bleibt dran.",
           "Ein Punkt, der oft untergeht.", "Mehr verlange ich gar nicht.",
           "Aber vielleicht irre ich mich auch.", "Wer das anders sieht, darf mich gern korrigieren.",
           "Ich bin nicht überzeugt.", "So einfach ist es eben nicht.",
           "Die Details stehen auf https://www.stadt.example/rat",
           "Die Statistik dazu gibt es bei https://www.destatis.de",
           "Ich habe nachgerechnet, und es sind ein paar Hundert Euro mehr im Jahr.",
           "Das ist ein Punkt, und zwar ein wichtiger.",
           "Ich weiß, dass das nicht jedem gefällt, aber es ist so.",
           "Nein, das stand so nicht im Antrag.",
           "Und das ist nicht das erste Mal.",
           "Wer das bezahlt, ist bis heute offen.",
           "Ein Blick in das Protokoll hilft, es ist öffentlich."],
    "en": ["That should not be forgotten.", "Let's see what comes of it.",
           "I look forward to the next meeting.", "Thanks for following it up.",
           "More has to happen.", "Still a piece worth reading.",
           "The source is the statistics office's report.", "Please keep at it.",
           "A point that often gets lost.", "That is all I ask.",
           "But maybe I am wrong.", "Anyone who sees it differently is welcome to correct me.",
           "I am not convinced.", "It is just not that simple.",
           "The details are on https://www.council.example/meetings",
           "The statistics are at https://www.ons.gov.uk",
           "I did the sums, and it is a few hundred pounds more a year.",
           "That is a point, and an important one.",
           "I know not everyone likes it, but that is how it is.",
           "No, that is not what the motion said.",
           "And it is not the first time.",
           "Who pays for it is still open.",
           "A look at the minutes helps, they are public."],
}  # fmt: skip
QUOTES = {
    "de": ["Die Arbeiten sind im Zeitplan.", "Die Finanzierung ist gesichert.",
           "Es gibt keine Alternative zu diesem Standort.", "Die Anwohner wurden früh informiert.",
           "Die Preise bleiben stabil."],
    "en": ["The works are on schedule.", "The funding is secured.",
           "There is no alternative to this site.", "Residents were informed early.",
           "Prices will remain stable."],
}  # fmt: skip

# --- Abuse: the same people and topics, with insults, threats and contempt ------------------

ABUSE_FRAMES = {
    "de": [
        "{P_nom} ist {ein_slur_insult}.",
        "{P_nom} ist {ein_insult}, {rel} von {t_dat} keine Ahnung hat.",
        "Halt die Klappe, du {insult}.",
        "Du {slur_insult}, lies erst mal den Artikel.",
        "So {ein_insult}.",
        "Was für {ein_slur_insult}.",
        "Zu {t_dat} schreiben hier nur {insults}.",
        "{P_nom} und die anderen {insults} sollten endlich verschwinden.",
        "{P_nom} gehört rausgeworfen, so {ein_slur_insult}.",
        "Verschwinde aus diesem Forum, du {insult}.",
        "Du bist wirklich der letzte {insult_m}, schäm dich.",
        "Wer {t_acc} gut findet, ist {ein_insult}.",
        "Hau ab, du {insult}, dich will hier keiner.",
        "Ihr {insults} habt {t_acc} doch kaputt gemacht.",
        "Ich weiß, wo {p_nom} wohnt, und ich komme vorbei.",
        "Man sollte {p_acc} verprügeln, bis {pronoun} es kapiert.",
        "Pass auf, du {insult}, wir kriegen dich.",
        "[Gruppe] wie du gehören nicht in diese Stadt, du {insult}.",
        "Alle [Gruppe] sind {insults} und sollen verschwinden.",
        "Halt dein {slur_n} Maul über {t_acc}.",
    ],
    "en": [
        "{P} is {a_slur_insult}.",
        "{P} is {a_insult} who knows nothing about {t}.",
        "Shut up, you {insult}.",
        "You {slur} {insult}, read the article first.",
        "What {a_insult}.",
        "What {a_slur_insult}.",
        "Every comment on {t} here is by one {insult} after another.",
        "{P} and the other {insults} should finally disappear.",
        "{P} should be thrown out, what {a_slur_insult}.",
        "Get off this forum, you {insult}.",
        "You really are the worst {insult}, shame on you.",
        "Anyone who likes {t} is {a_insult}.",
        "Get lost, you {insult}, nobody wants you here.",
        "You {insults} have wrecked {t}.",
        "I know where {p} lives and I am coming round.",
        "Someone should beat up {p} until it sinks in.",
        "Watch out, you {insult}, we will get you.",
        "[group] like you don't belong in this town, you {insult}.",
        "All [group] are {insults} and should disappear.",
        "Shut your {slur} mouth about {t}.",
    ],
}

# --- Spam -----------------------------------------------------------------------------------

PRODUCTS = {
    "de": ["Kredite", "Markenuhren", "Diätpillen", "Krypto-Signale", "Backlinks",
           "Casino-Boni", "Designer-Taschen", "Follower", "Nebenjobs", "Potenzmittel"],
    "en": ["loans", "replica watches", "diet pills", "crypto signals", "backlinks",
           "casino bonuses", "designer bags", "followers", "side jobs", "cheap pills"],
}  # fmt: skip
DOMAINS = ["best-deal", "mega-profit", "top-offer", "fast-cash", "coin-boom", "rank-booster",
           "cheap-shop", "win-now", "easy-money", "lucky-spin"]  # fmt: skip
TLDS = ["example", "example.com", "example.net", "example.shop"]
SPAM_FRAMES = {
    "de": [
        "Billige {product} gibt es hier: www.{domain}.{tld}",
        "Jetzt {product} bestellen und sparen!!! https://{domain}.{tld}",
        "{T_nom}? Egal. Ich verdiene mit {product} 4000 € im Monat, Infos: {domain}.{tld}",
        "Die besten {product} im Netz, nur heute 70 % Rabatt auf {domain}.{tld}",
        "Guter Artikel über {t_acc}. Übrigens: {product} günstig auf http://{domain}.{tld}",
        "KOSTENLOS {product} testen >>> www.{domain}.{tld} <<<",
        "Schreib mir auf WhatsApp für {product}, schnelles Geld garantiert.",
        "Verdiene {money} € am Tag von zu Hause, klick hier: http://{domain}.{tld}",
        "Ich habe mit {product} schon {money} € verdient! Wie, steht auf www.{domain}.{tld}",
        "Nur für kurze Zeit: {product} gratis, einfach anmelden auf {domain}.{tld}",
    ],
    "en": [
        "Cheap {product} here: www.{domain}.{tld}",
        "Order {product} now and save!!! https://{domain}.{tld}",
        "{T}? Whatever. I make $4000 a month with {product}, info: {domain}.{tld}",
        "Best {product} online, 70% off today only at {domain}.{tld}",
        "Good article about {t}. By the way: cheap {product} at http://{domain}.{tld}",
        "FREE {product} trial >>> www.{domain}.{tld} <<<",
        "Message me on WhatsApp for {product}, fast money guaranteed.",
        "Earn ${money} a day from home, click here: http://{domain}.{tld}",
        "I have already made ${money} with {product}! How? See www.{domain}.{tld}",
        "Limited time only: free {product}, just sign up at {domain}.{tld}",
    ],
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeio" else "a ") + word


def _slots(rnd: random.Random, language: str) -> dict[str, str]:
    """One random filling for every slot a frame may use."""
    if language == "de":
        t_nom, t_acc, t_dat = rnd.choice(TOPICS["de"])
        p_nom, p_acc, p_dat = rnd.choice(PEOPLE["de"])
        insult, gender, insults = rnd.choice(INSULTS["de"])
        slur = rnd.choice(SLURS["de"])
        slur_insult = f"{slur}{_ENDING[gender]} {insult}"
        praise, praise_gender = rnd.choice(PRAISE["de"])
        kind = rnd.choice(KIND["de"])
        male = next(i for i, g, _ in rnd.sample(INSULTS["de"], len(INSULTS["de"])) if g == "m")
        return {
            "t_nom": t_nom, "T_nom": _cap(t_nom), "t_acc": t_acc, "t_dat": t_dat,
            "p_nom": p_nom, "P_nom": _cap(p_nom),
            "p_acc": p_acc, "p_dat": p_dat, "insult": insult, "insults": insults,
            "insult_m": male, "slur_insult": slur_insult,
            "ein_insult": f"{_ARTICLE[gender]} {insult}",
            "ein_slur_insult": f"{_ARTICLE[gender]} {slur_insult}",
            "ein_praise": f"{_ARTICLE[praise_gender]} {praise}",
            "ein_kind_praise": f"{_ARTICLE[praise_gender]} {kind}{_ENDING[praise_gender]} {praise}",
            "slur_n": f"{slur}es", "rel": "die" if gender == "f" else "der",
            "pronoun": "sie" if p_nom.startswith("die ") else "er",
            "money": str(rnd.randint(2, 9) * 100),
            "amount": f"{rnd.randint(1, 40)},{rnd.randint(1, 9)}", "year": str(rnd.randint(2009, 2023)),
            "product": rnd.choice(PRODUCTS["de"]), "domain": rnd.choice(DOMAINS),
            "tld": rnd.choice(TLDS),
        }  # fmt: skip
    topic = rnd.choice(TOPICS["en"])
    person = rnd.choice(PEOPLE["en"])
    insult = rnd.choice(INSULTS["en"])
    slur = rnd.choice(SLURS["en"])
    return {
        "t": topic, "T": _cap(topic), "p": person, "P": _cap(person), "insult": insult,
        "insults": insult[:-1] + "ies" if insult.endswith("ty") else insult + "s", "slur": slur, "a_insult": _a(insult),
        "a_slur_insult": _a(f"{slur} {insult}"),
        "a_praise": _a(rnd.choice(PRAISE["en"])),
        "a_kind_praise": _a(f"{rnd.choice(KIND['en'])} {rnd.choice(PRAISE['en'])}"),
        "money": str(rnd.randint(2, 9) * 100),
        "amount": f"{rnd.randint(1, 40)}.{rnd.randint(1, 9)}", "year": str(rnd.randint(2009, 2023)),
        "product": rnd.choice(PRODUCTS["en"]), "domain": rnd.choice(DOMAINS),
        "tld": rnd.choice(TLDS),
    }  # fmt: skip


# German contracts a preposition and "dem"/"der" in a dative ("zu dem Freibad": "zum Freibad").
CONTRACTIONS = {"zu dem": "zum", "zu der": "zur", "bei dem": "beim", "von dem": "vom",
                "an dem": "am", "in dem": "im"}  # fmt: skip


def _frame(rnd: random.Random, frames: list[str], language: str) -> str:
    text = rnd.choice(frames).format(**_slots(rnd, language))
    if language == "de":
        for long, short in CONTRACTIONS.items():
            text = text.replace(f" {long} ", f" {short} ")
            text = text.replace(f"{_cap(long)} ", f"{_cap(short)} ")
    return text


def _ham_sentence(rnd: random.Random, language: str) -> str:
    # The twins as often as the abusive frames they mirror, the rest for variety.
    family = rnd.choice([TWINS, TWINS, HAM_TOPIC, HAM_PERSON, HAM_PERSON])
    return _frame(rnd, family[language], language)


def _ham(rnd: random.Random, language: str) -> str:
    core = _ham_sentence(rnd, language)
    shape = rnd.random()
    if shape < 0.15:
        return f"{rnd.choice(OPENERS[language])} {core}"
    if shape < 0.4:
        return f"{core} {rnd.choice(CLOSERS[language])}"
    if shape < 0.6:
        second = _ham_sentence(rnd, language)
        return f"{core} {second}" if second.split()[-2:] != core.split()[-2:] else core
    if shape < 0.7:
        return f"> {rnd.choice(QUOTES[language])}\\n{core}"
    return core


def _abuse(rnd: random.Random, language: str) -> str:
    core = _frame(rnd, ABUSE_FRAMES[language], language)
    shape = rnd.random()
    if shape < 0.25:
        # Abuse often comes after a sentence on the subject: the subject is not the signal.
        civil = _frame(rnd, HAM_TOPIC[language], language)
        return f"{civil} {core}"
    if shape < 0.35:
        return f"{rnd.choice(OPENERS[language])} {core}"
    return core


# Short lines that are nothing but the insult, as many abusive comments are: each insult
# of the vocabulary gets them, so none is learnt from one or two sentences alone.
SHORT_ABUSE = {
    "de": ["{Insult}!", "Du {insult}.", "So {ein_insult}.", "Halt's Maul, {insult}.",
           "{P_nom} ist {ein_insult}.", "Lauter {insults} hier."],
    "en": ["{Insult}!", "You {insult}.", "What {a_insult}.", "Shut it, {insult}.",
           "{P} is {a_insult}.", "Nothing but {insults} here."],
}  # fmt: skip


def _short_abuse(rnd: random.Random, language: str) -> list[str]:
    lines = []
    for entry in INSULTS[language]:
        insult = entry[0] if language == "de" else entry
        for frame in rnd.sample(SHORT_ABUSE[language], 3):
            while True:
                slots = _slots(rnd, language)
                if slots["insult"] == insult:
                    break
            slots["Insult"] = _cap(insult)
            lines.append(frame.format(**slots))
    return lines


# Short civil lines, as many as the short abusive ones: a line of three words weighs each
# of its n-grams four times as much as a long one (each row is L2-normalised), so "ein",
# "du" and the full stop must not be learnt from the short insults alone.
SHORT_NOUNS = {
    "de": [("Frage", "f"), ("Artikel", "m"), ("Argument", "n"), ("Einwand", "m"),
           ("Gedanke", "m"), ("Antwort", "f"), ("Logik", "f"), ("Beitrag", "m"),
           ("Hinweis", "m"), ("Text", "m"), ("Idee", "f"), ("Vorschlag", "m"),
           ("Kommentar", "m"), ("Interview", "n"), ("Spiel", "n"), ("Ergebnis", "n")],
    "en": ["question", "article", "argument", "objection", "thought", "answer", "point of view",
           "contribution", "reply", "piece", "idea", "suggestion", "comment", "interview",
           "game", "result"],
}  # fmt: skip
SHORT_HAM = {
    "de": ["{Ein_kind_noun}.", "{Kind_noun}!", "Nein, {ein_kind_noun} ist das nicht.",
           "Wirklich {ein_kind_noun}.", "Das ist {ein_kind_noun}.", "Du hast recht, {ein_kind_noun}.",
           "Das war {ein_kind_noun}.", "{Kind_noun}, danke."],
    "en": ["{A_kind_noun}.", "{Kind_noun}!", "No, that is not {a_kind_noun}.",
           "Really {a_kind_noun}.", "That is {a_kind_noun}.", "You have {a_kind_noun} there.",
           "That was {a_kind_noun}.", "{Kind_noun}, thanks."],
}  # fmt: skip


def _short_ham(rnd: random.Random, language: str) -> str:
    kind = rnd.choice(KIND[language])
    if language == "de":
        noun, gender = rnd.choice(SHORT_NOUNS["de"])
        kind_noun = f"{kind}{_ENDING[gender]} {noun}"
        ein_kind_noun = f"{_ARTICLE[gender]} {kind_noun}"
        slots = {"Kind_noun": _cap(kind_noun), "ein_kind_noun": ein_kind_noun,
                 "Ein_kind_noun": _cap(ein_kind_noun)}  # fmt: skip
    else:
        kind_noun = f"{kind} {rnd.choice(SHORT_NOUNS['en'])}"
        slots = {"Kind_noun": _cap(kind_noun), "a_kind_noun": _a(kind_noun),
                 "A_kind_noun": _cap(_a(kind_noun))}  # fmt: skip
    return rnd.choice(SHORT_HAM[language]).format(**slots)


def _spam(rnd: random.Random, language: str) -> str:
    return _frame(rnd, SPAM_FRAMES[language], language)


# Composed lines per language, on top of the hand-written ones.
COMPOSED = {"ham": 400, "abuse": 70, "spam": 60}
SHORT_HAM_LINES = 60


def rows(*, seed: int = 12) -> list[tuple[str, str, str]]:
    rnd = random.Random(seed)
    out = []
    for label, written, compose in (
        ("ham", HAM, _ham),
        ("spam", SPAM, _spam),
        ("abuse", ABUSE, _abuse),
    ):
        for language in ("de", "en"):
            out += [(label, language, text) for text in written[language]]
            if label == "abuse":
                out += [(label, language, text) for text in _short_abuse(rnd, language)]
            if label == "ham":
                short = {_short_ham(rnd, language) for _ in range(200)}
                out += [(label, language, text) for text in sorted(short)[:SHORT_HAM_LINES]]
            composed = set()
            while len(composed) < COMPOSED[label]:
                text = compose(rnd, language)
                if text not in composed:
                    composed.add(text)
                    out.append((label, language, text))
    return list(dict.fromkeys(out))


SEED_FILE = Path(__file__).with_name("seed.tsv")


def write(path: Path = SEED_FILE) -> int:
    lines = [f"{label}\t{language}\t{text}" for label, language, text in rows()]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    print(write(), "examples")
