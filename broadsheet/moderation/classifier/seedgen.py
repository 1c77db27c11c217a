"""Writes seed.tsv: the labelled comments the starting model learns from.

Every line of it was written for Broadsheet (the hand-written examples below, and
templates combined with vocabulary also written here); nothing is copied from a
corpus or a website. Subjects are neutral news topics: local politics, transport,
sport, weather, culture. The abusive examples are mild and use placeholders such as
"[Gruppe]" instead of naming a group. Run `python -m broadsheet.moderation.classifier.seedgen`
after changing it; the output is deterministic.
"""

import random
from pathlib import Path

HEADER = """\
# Broadsheet's seed set for the local spam and abuse model (moderation/classifier).
# ORIGINAL: written for this project (hand-written lines and templates x vocabulary in
# seedgen.py, which generates this file); not copied from any corpus or website.
# Neutral news subjects. Abusive lines are mild, with placeholders like [Gruppe].
# Format: label<TAB>language<TAB>text; label is ham, spam or abuse; language de or en.
"""

# --- Hand-written -------------------------------------------------------------------------

HAM = {
    "de": [
        "Die neue Buslinie zum Bahnhof ist eine gute Idee, aber am Wochenende fährt sie zu selten.",
        "Danke für den ausführlichen Bericht über die Gemeinderatssitzung.",
        "Ich war gestern beim Stadtfest, die Stimmung war wirklich schön.",
        "Weiß jemand, ob die Umleitung an der Hauptstraße noch bis Freitag gilt?",
        "Das Tor in der 89. Minute war verdient, die Mannschaft hat nie aufgegeben.",
        "Der Sturm hat bei uns im Garten zwei Bäume umgeworfen, zum Glück ist niemand verletzt.",
        "Ich sehe das anders: Die Sanierung des Hallenbads hätte Vorrang haben sollen.",
        "Schade, dass die Bibliothek samstags nur noch bis 13 Uhr offen hat.",
        "Im Artikel fehlt, wie hoch die Kosten für den Radweg insgesamt sind.",
        "Die Ausstellung im Stadtmuseum kann ich nur empfehlen, besonders die Fotografien.",
        "Bei uns im Viertel wurde die Straßenbeleuchtung endlich erneuert.",
        "Mein Sohn spielt in der Jugend des Vereins, die Trainer machen tolle Arbeit.",
        "Warum wurde die Bürgerversammlung so kurzfristig angekündigt?",
        "Die Zahlen zur Pünktlichkeit der S-Bahn finde ich ehrlich gesagt erschreckend.",
        "Ein kleiner Hinweis: Der Bürgermeister heißt Meier, nicht Maier.",
        "Schöner Kommentar, auch wenn ich beim Thema Parkgebühren nicht ganz zustimme.",
        "Hoffentlich bleibt das Wetter am Wochenende so, dann gehen wir wandern.",
        "Das Konzert im Park war trotz Regen gut besucht.",
        "Ich fahre seit Jahren mit dem Rad zur Arbeit und die Kreuzung am Markt ist gefährlich.",
        "Gute Nachricht für die Schule, die Turnhalle war schon lange marode.",
        "Kann die Redaktion nachfragen, wann der Bahnübergang wieder öffnet?",
        "Die Hitze der letzten Tage war kaum auszuhalten, die Stadt sollte mehr Bäume pflanzen.",
        "Ich finde es richtig, dass der Rat die Entscheidung vertagt hat.",
        "Das Theaterstück war mutig inszeniert, mir hat es gefallen.",
        "Wieder ein Heimspiel verloren, langsam wird es eng mit dem Klassenerhalt.",
        "Liebe Redaktion, könntet ihr auch über die Baustelle am Südring berichten?",
        "Der Wochenmarkt ist für mich das Beste an unserer Innenstadt.",
        "Ich bin skeptisch, ob die Tempo-30-Zone wirklich etwas bringt, lasse mich aber gern überzeugen.",
        "Der Schnee kam dieses Jahr früh, die Räumdienste waren schnell unterwegs.",
        "Spannende Debatte, danke an alle, die sachlich geblieben sind.",
        "Die Stadtbahn war heute Morgen wieder völlig überfüllt.",
        "Sehr gut recherchiert, das Thema Mieten betrifft hier fast alle.",
        "Ich verstehe den Ärger der Anwohner über den Lärm, aber das Festival gehört dazu.",
        "Wer hat das Foto vom Gewitter gemacht? Wirklich beeindruckend.",
        "Meiner Meinung nach liegt der Fehler bei der Planung, nicht bei den Arbeitern.",
        "Die Handballerinnen haben eine starke Saison gespielt, Glückwunsch!",
        "Ich habe den Antrag der Fraktion gelesen, er ist besser als sein Ruf.",
        "Endlich gibt es wieder eine direkte Zugverbindung nach München.",
        "Die Lesung in der Buchhandlung war leider schnell ausverkauft.",
        "Ist bekannt, wer den Wettbewerb für den neuen Platz gewonnen hat?",
        "Der Fahrplanwechsel bringt für unser Dorf leider keine Verbesserung.",
        "Eure Wetterseite ist die zuverlässigste, die ich kenne.",
        "Das Ergebnis der Wahl ist knapp, aber eindeutig, jetzt muss gearbeitet werden.",
        "Vielleicht sollte man die Anwohner vorher fragen, bevor man Parkplätze streicht.",
        "Ich war skeptisch, aber der neue Kreisel funktioniert erstaunlich gut.",
        "Die Kritik am Trainer finde ich übertrieben, die Verletzungen haben viel gekostet.",
        "Kommt das Hochwasser wirklich bis zur Altstadt? Weiß man schon mehr?",
        "Der Chor hat beim Adventskonzert wunderbar gesungen.",
        "Das ist doch Unsinn, die Brücke wurde nicht wegen des Radwegs gesperrt, sondern wegen Rissen.",
        "Ich halte die Entscheidung des Stadtrats für falsch, aber sie ist demokratisch zustande gekommen.",
        "Die Idee mit den Leihrädern ist gut, nur stehen sie überall im Weg herum.",
        "Hier ist der Link zum Sitzungsprotokoll auf der Seite der Stadt: https://www.stadt.example/rat/protokoll",
        "Toller Artikel! Mehr davon!",
        "Ich muss dem Kommentar über mir widersprechen: Die Zahlen stammen vom Landesamt.",
    ],
    "en": [
        "The new bus route to the station is a good idea, but it runs too rarely at weekends.",
        "Thanks for the detailed report on the council meeting.",
        "I went to the street festival yesterday and the atmosphere was lovely.",
        "Does anyone know whether the diversion on the high street lasts until Friday?",
        "That late goal was deserved, the team never gave up.",
        "The storm knocked two trees over in our garden, luckily nobody was hurt.",
        "I see it differently: fixing the swimming pool should have come first.",
        "A pity the library now closes at one on Saturdays.",
        "The article does not say how much the cycle lane will cost in total.",
        "I can recommend the exhibition at the city museum, especially the photographs.",
        "The street lights in our neighbourhood have finally been replaced.",
        "My daughter plays in the club's youth team and the coaches do a great job.",
        "Why was the public meeting announced at such short notice?",
        "The punctuality figures for the trains are frankly shocking.",
        "Small correction: the mayor's name is Miller, not Millar.",
        "Nice column, although I don't quite agree about parking charges.",
        "I hope the weather holds at the weekend, we want to go hiking.",
        "The concert in the park was well attended despite the rain.",
        "I have cycled to work for years and the junction by the market is dangerous.",
        "Good news for the school, the gym had been falling apart for years.",
        "Could the newsroom ask when the level crossing will reopen?",
        "The heat this week was hard to bear, the city should plant more trees.",
        "I think the council was right to postpone the decision.",
        "The play was boldly staged, I liked it.",
        "Another home defeat, staying up is getting difficult.",
        "Dear editors, could you also report on the roadworks on the ring road?",
        "The weekly market is the best thing about our town centre.",
        "I'm sceptical the 20 mph zone will help, but happy to be convinced.",
        "Snow came early this year and the gritters were out quickly.",
        "Interesting debate, thanks to everyone who stayed civil.",
        "The tram was completely packed again this morning.",
        "Well researched, rents affect almost everyone here.",
        "I understand the residents' complaints about noise, but the festival belongs to the town.",
        "Who took the photo of the thunderstorm? Really impressive.",
        "In my view the fault lies with the planning, not with the workers.",
        "The women's team had a strong season, congratulations!",
        "I read the party's motion and it is better than its reputation.",
        "Finally there is a direct train to Manchester again.",
        "The reading at the bookshop sold out quickly, unfortunately.",
        "Is it known who won the design competition for the new square?",
        "The new timetable brings no improvement for our village.",
        "Your weather page is the most reliable one I know.",
        "The election result is close but clear, now the work has to start.",
        "Maybe residents should be asked before parking spaces are removed.",
        "I was doubtful, but the new roundabout works surprisingly well.",
        "The criticism of the manager is overdone, injuries cost us a lot.",
        "Will the flood really reach the old town? Is anything known yet?",
        "The choir sang beautifully at the Christmas concert.",
        "That's nonsense, the bridge was closed because of cracks, not because of the cycle lane.",
        "I think the council's decision is wrong, but it was reached democratically.",
        "Here is the link to the minutes on the council's website: https://www.council.example/minutes",
        "Great piece! More of this please.",
        "I have to disagree with the comment above: the figures come from the statistics office.",
    ],
}

SPAM = {
    "de": [
        "Verdienen Sie 5000 Euro pro Woche von zu Hause! Infos unter www.schnell-reich.example",
        "Günstige Kredite ohne Schufa, sofort ausgezahlt: kredit-sofort.example",
        "Bitcoin verdoppeln in 24 Stunden, garantiert! Schreib mir auf Telegram @cryptoking",
        "SUPER ANGEBOT!!! Markenuhren zu Spottpreisen >>> uhren-outlet.example",
        "Besuchen Sie unseren Shop für die besten Gartenmöbel: https://gartenmoebel-billig.example",
        "Ich habe mit diesem Trick 3000 € im Monat nebenbei verdient, klick hier: http://geheim-trick.example",
        "Top SEO Backlinks für Ihre Webseite, jetzt bestellen bei seo-ranking.example",
        "Schlank in 7 Tagen mit unseren Kapseln, jetzt 50 % Rabatt auf www.diaet-wunder.example",
        "Heiße Singles in deiner Nähe warten auf dich: www.dating-sofort.example",
        "Investieren Sie jetzt in den neuen Coin, bevor er explodiert!!! 🚀🚀🚀",
        "Kostenlos iPhone gewinnen, einfach hier registrieren: gewinn-spiel.example/iphone",
        "Online Casino Bonus 200 % ohne Einzahlung: casino-bonus.example",
        "Pflegekräfte aufgepasst: Heimarbeit mit Top-Verdienst, Whatsapp +49 151 0000000",
        "Guter Artikel. Übrigens: die günstigsten Autoversicherungen gibt es auf versicherung-vergleich.example",
        "Forex Signale mit 95 % Trefferquote, melde dich an: forex-profi.example",
        "Ich empfehle jedem die Krypto-Plattform von Herrn Schmidt, er hat mein Geld verzehnfacht. "
        "Kontakt: schmidt.invest@mail.example",
        "Follower kaufen, Likes kaufen, billig und schnell: social-boost.example",
        "Potenzmittel ohne Rezept, diskreter Versand: apotheke-diskret.example",
        "Nur heute: Designer-Taschen ab 19,99 € im Outlet www.taschen-outlet.example",
        "Schau dir meine Seite an, da gibt es alles über Geld verdienen: www.passiv-einkommen.example",
    ],
    "en": [
        "Earn $5000 a week from home! Details at www.get-rich-fast.example",
        "Cheap loans with no credit check, paid out today: loans-now.example",
        "Double your Bitcoin in 24 hours, guaranteed! Message me on Telegram @cryptoking",
        "MEGA DEAL!!! Designer watches at rock bottom prices >>> watch-outlet.example",
        "Visit our shop for the best garden furniture: https://cheap-garden-furniture.example",
        "I made $3000 a month on the side with this one trick, click here: http://secret-trick.example",
        "Quality SEO backlinks for your website, order now at seo-rank.example",
        "Lose weight in 7 days with our capsules, 50% off today at www.diet-miracle.example",
        "Hot singles in your area are waiting for you: www.dating-now.example",
        "Invest in the new coin now before it moons!!! 🚀🚀🚀",
        "Win a free iPhone, just register here: prize-draw.example/iphone",
        "Online casino bonus 200% no deposit: casino-bonus.example",
        "Work from home and earn big, WhatsApp +44 7700 900000",
        "Good article. By the way, the cheapest car insurance is at insurance-compare.example",
        "Forex signals with 95% accuracy, sign up: forex-pro.example",
        "I recommend Mr Smith's crypto platform to everyone, he multiplied my money tenfold. "
        "Contact: smith.invest@mail.example",
        "Buy followers, buy likes, cheap and fast: social-boost.example",
        "Pills without prescription, discreet shipping: pharmacy-discreet.example",
        "Today only: designer bags from $19.99 at www.bag-outlet.example",
        "Check out my page, everything about making money online: www.passive-income.example",
    ],
}

ABUSE = {
    "de": [
        "Der Autor hat doch keine Ahnung, so ein Idiot.",
        "Halt einfach die Klappe, du Vollpfosten.",
        "Wer so einen Schwachsinn schreibt, ist zu dumm zum Denken.",
        "Der Bürgermeister ist ein unfähiger Trottel und sollte sich schämen.",
        "Du bist der größte Depp in diesem Forum, verschwinde endlich.",
        "Was für ein erbärmlicher Versager von einem Trainer.",
        "Geh zurück in deine Höhle, du Troll.",
        "Solche Leute wie du sind einfach nur widerlich.",
        "Ich weiß, wo du wohnst, pass lieber auf.",
        "Alle [Gruppe] sind Schmarotzer und gehören nicht hierher.",
        "Die Redakteurin sollte man rausschmeißen, dumme Kuh.",
        "Du Witzfigur, lern erst mal lesen, bevor du kommentierst.",
        "Halt dein dummes Maul, niemand will deine Meinung hören.",
        "Leute wie [Gruppe] machen diese Stadt kaputt, raus mit denen.",
        "Jeder, der diese Partei wählt, ist ein Vollidiot.",
        "Hau ab, du nervst alle hier mit deinem Gelaber, Spinner.",
        "Dieser Schiedsrichter ist ein blinder Vollpfosten, den sollte man verprügeln.",
        "Mit dir rede ich nicht, du bist einfach nur ein Lügner und Hetzer.",
        "Was für ein hirnloser Kommentar, typisch für dich Dummkopf.",
        "Wir finden dich schon, dann wirst du sehen, was du davon hast.",
    ],
    "en": [
        "The author clearly has no clue, what an idiot.",
        "Just shut up, you moron.",
        "Anyone who writes such rubbish is too stupid to think.",
        "The mayor is a useless clown and should be ashamed.",
        "You are the biggest fool on this forum, get lost.",
        "What a pathetic loser of a manager.",
        "Crawl back under your bridge, troll.",
        "People like you are simply disgusting.",
        "I know where you live, better watch out.",
        "All [group] are parasites and don't belong here.",
        "The reporter should be fired, stupid cow.",
        "You joke, learn to read before you comment.",
        "Shut your stupid mouth, nobody wants your opinion.",
        "People like [group] are ruining this town, get them out.",
        "Everyone who votes for that party is a complete idiot.",
        "Go away, you annoy everyone with your drivel, nutcase.",
        "That referee is a blind moron, someone should beat him up.",
        "I'm not talking to you, you're nothing but a liar and a hatemonger.",
        "What a brainless comment, typical of you, dimwit.",
        "We will find you, and then you'll see what you get.",
    ],
}

# --- Templates x vocabulary (also written here) --------------------------------------------

TOPICS = {
    "de": [
        "die neue Buslinie",
        "der Radweg am Fluss",
        "die Sanierung des Rathauses",
        "das Stadion",
        "der Haushalt der Stadt",
        "die Straßenbahn",
        "das Hochwasser im Frühjahr",
        "der Wochenmarkt",
        "das Sommerfest",
        "die Ortsumgehung",
        "das Theater",
        "die Landesliga",
        "der Nahverkehr",
        "die Parkgebühren",
        "das Freibad",
        "der Sturm am Montag",
        "die Kunsthalle",
        "die Kita-Plätze",
    ],
    "en": [
        "the new bus route",
        "the riverside cycle path",
        "the town hall refurbishment",
        "the stadium",
        "the city budget",
        "the tram",
        "the spring floods",
        "the weekly market",
        "the summer fair",
        "the bypass",
        "the theatre",
        "the county league",
        "public transport",
        "parking charges",
        "the outdoor pool",
        "Monday's storm",
        "the art gallery",
        "nursery places",
    ],
}
HAM_TEMPLATES = {
    "de": [
        "Ich finde, {topic} ist ein wichtiges Thema für unsere Stadt.",
        "Danke für den Bericht über {topic}, sehr informativ.",
        "Was {topic} angeht, hätte ich mir mehr Details gewünscht.",
        "Hat jemand Erfahrungen mit {topic}? Mich würde interessieren, wie es läuft.",
        "Beim Thema {topic} bin ich anderer Meinung als der Autor, aber gut argumentiert.",
        "Über {topic} wurde im Rat lange gestritten, gut, dass es jetzt eine Lösung gibt.",
        "Ich hoffe, {topic} wird bis zum Sommer fertig.",
        "Kurze Frage zu {topic}: Gibt es dazu schon einen Termin?",
    ],
    "en": [
        "I think {topic} is an important issue for our town.",
        "Thanks for the report on {topic}, very informative.",
        "As for {topic}, I would have liked more detail.",
        "Does anyone have experience with {topic}? I'd like to know how it's going.",
        "On {topic} I disagree with the author, but it is well argued.",
        "The council argued about {topic} for a long time, good that there is a solution now.",
        "I hope {topic} will be finished by the summer.",
        "Quick question about {topic}: is there a date yet?",
    ],
}
PRODUCTS = {
    "de": [
        "Kredite",
        "Markenuhren",
        "Diätpillen",
        "Krypto-Signale",
        "Backlinks",
        "Casino-Bonus",
        "Designer-Taschen",
        "Follower",
        "Nebenjobs",
        "Potenzmittel",
    ],
    "en": [
        "loans",
        "replica watches",
        "diet pills",
        "crypto signals",
        "backlinks",
        "casino bonus",
        "designer bags",
        "followers",
        "side jobs",
        "cheap pills",
    ],
}
DOMAINS = [
    "best-deal",
    "mega-profit",
    "top-offer",
    "fast-cash",
    "coin-boom",
    "rank-booster",
    "cheap-shop",
    "win-now",
    "easy-money",
    "lucky-spin",
]
TLDS = ["example", "example.com", "example.net", "example.shop"]
SPAM_TEMPLATES = {
    "de": [
        "Billige {product} gibt es hier: www.{domain}.{tld}",
        "Jetzt {product} bestellen und sparen!!! https://{domain}.{tld}",
        "{topic_cap}? Egal. Ich verdiene mit {product} 4000 € im Monat, Infos: {domain}.{tld}",
        "Die besten {product} im Netz, nur heute 70 % Rabatt auf {domain}.{tld}",
        "Guter Artikel über {topic}. Übrigens: {product} günstig auf http://{domain}.{tld}",
        "KOSTENLOS {product} testen >>> www.{domain}.{tld} <<<",
        "Schreib mir auf WhatsApp für {product}, schnelles Geld garantiert.",
    ],
    "en": [
        "Cheap {product} here: www.{domain}.{tld}",
        "Order {product} now and save!!! https://{domain}.{tld}",
        "{topic_cap}? Whatever. I make $4000 a month with {product}, info: {domain}.{tld}",
        "Best {product} online, 70% off today only at {domain}.{tld}",
        "Good article about {topic}. By the way: cheap {product} at http://{domain}.{tld}",
        "FREE {product} trial >>> www.{domain}.{tld} <<<",
        "Message me on WhatsApp for {product}, fast money guaranteed.",
    ],
}
TARGETS = {
    "de": [
        "der Autor",
        "der Bürgermeister",
        "die Redaktion",
        "der Trainer",
        "der Schiedsrichter",
        "mein Vorredner",
        "die Stadträtin",
        "der Verkehrsminister",
    ],
    "en": [
        "the author",
        "the mayor",
        "the newsroom",
        "the manager",
        "the referee",
        "the previous commenter",
        "the councillor",
        "the transport minister",
    ],
}
INSULTS = {
    "de": [
        "Idiot",
        "Vollpfosten",
        "Trottel",
        "Depp",
        "Dummkopf",
        "Versager",
        "Witzfigur",
        "Spinner",
    ],
    "en": ["idiot", "moron", "clown", "fool", "dimwit", "loser", "joke", "nutcase"],
}
ABUSE_TEMPLATES = {
    "de": [
        "{target_cap} ist ein {insult}, der von {topic} keine Ahnung hat.",
        "Zu {topic} schreibt hier nur ein {insult} nach dem anderen.",
        "Halt die Klappe, du {insult}, {topic} geht dich nichts an.",
        "{target_cap} sollte man einsperren, so ein {insult}.",
        "Was für ein {insult}, wer so über {topic} schreibt, ist hirnlos.",
        "Verschwinde aus diesem Forum, du {insult}.",
        "Du bist echt der letzte {insult}, schäm dich.",
    ],
    "en": [
        "{target_cap} is an {insult} who knows nothing about {topic}.",
        "Every comment on {topic} here is by one {insult} after another.",
        "Shut up, you {insult}, {topic} is none of your business.",
        "{target_cap} should be locked up, what an {insult}.",
        "What an {insult}, anyone who writes like that about {topic} is brainless.",
        "Get off this forum, you {insult}.",
        "You really are the worst {insult}, shame on you.",
    ],
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(rnd: random.Random, template: str, language: str) -> str:
    topic = rnd.choice(TOPICS[language])
    target = rnd.choice(TARGETS[language])
    text = template.format(
        topic=topic,
        topic_cap=_cap(topic),
        product=rnd.choice(PRODUCTS[language]),
        domain=rnd.choice(DOMAINS),
        tld=rnd.choice(TLDS),
        target_cap=_cap(target),
        insult=rnd.choice(INSULTS[language]),
    )
    if language == "en":
        text = text.replace(" an moron", " a moron").replace(" an fool", " a fool")
        text = text.replace(" an clown", " a clown").replace(" an dimwit", " a dimwit")
        text = text.replace(" an loser", " a loser").replace(" an joke", " a joke")
        text = text.replace(" an nutcase", " a nutcase")
    return text


def rows(*, per_template: int = 5, seed: int = 12) -> list[tuple[str, str, str]]:
    rnd = random.Random(seed)
    out = []
    for label, written, templates in (
        ("ham", HAM, HAM_TEMPLATES),
        ("spam", SPAM, SPAM_TEMPLATES),
        ("abuse", ABUSE, ABUSE_TEMPLATES),
    ):
        for language in ("de", "en"):
            out += [(label, language, text) for text in written[language]]
            for template in templates[language]:
                for _ in range(per_template):
                    out.append((label, language, _fill(rnd, template, language)))
    unique = list(dict.fromkeys(out))
    return unique


SEED_FILE = Path(__file__).with_name("seed.tsv")


def write(path: Path = SEED_FILE) -> int:
    lines = [f"{label}\t{language}\t{text}" for label, language, text in rows()]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    print(write(), "examples")
