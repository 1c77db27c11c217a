"""The hand-written lines of the seed set (seedgen.py adds composed ones and writes seed.tsv).

Written for Broadsheet; nothing here is copied from a corpus, a website or the demo
(the demo's comments are the held-out test of the false-positive rate). Ham is most of
it, as on a real comment page: agreement and disagreement, sharp but civil criticism of
politicians and of the newsroom, corrections, questions, quotes ("> "), numbers and
links to official sites. The abusive lines carry their signal in insults, threats and
contempt for a group (always the placeholder [Gruppe]/[group]), not in function words.
"\\n" in a line stands for a line break.
"""

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
        (
            "Ich bin skeptisch, ob die Tempo-30-Zone wirklich etwas bringt, "
            "lasse mich aber gern überzeugen."
        ),
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
        (
            "Das ist doch Unsinn, die Brücke wurde nicht wegen des Radwegs gesperrt, "
            "sondern wegen Rissen."
        ),
        (
            "Ich halte die Entscheidung des Stadtrats für falsch, "
            "aber sie ist demokratisch zustande gekommen."
        ),
        "Die Idee mit den Leihrädern ist gut, nur stehen sie überall im Weg herum.",
        (
            "Hier ist der Link zum Sitzungsprotokoll auf der Seite der Stadt: "
            "https://www.stadt.example/rat/protokoll"
        ),
        "Toller Artikel! Mehr davon!",
        "Ich muss dem Kommentar über mir widersprechen: Die Zahlen stammen vom Landesamt.",
        # Short lines, as many replies are.
        "Sehe ich anders.",
        "Danke!",
        "Volle Zustimmung.",
        "Das stimmt so nicht.",
        "Gut zu wissen.",
        "Ein wichtiger Hinweis, danke.",
        "Da ist was dran.",
        "Leider wahr.",
        "Mir fehlt hier die Gegenseite.",
        "Endlich sagt es mal jemand.",
        "Quelle?",
        "Das ist eine berechtigte Frage.",
        "Ich bin da ganz bei Ihnen.",
        "Du hast recht, das hatte ich übersehen.",
        "Ihr habt vergessen, die Uhrzeit zu nennen.",
        "Ein starkes Stück Lokaljournalismus.",
        "Eine Frage an die Redaktion: Gibt es den Bericht auch als PDF?",
        # Criticism of politicians, in civil words.
        (
            "Der Oberbürgermeister hat im Wahlkampf günstigere Tickets versprochen, "
            "davon ist nichts übrig."
        ),
        "Die Ministerin weicht jeder konkreten Frage aus, das ist enttäuschend.",
        (
            "Ich habe die Partei zweimal gewählt, "
            "aber diese Haushaltspolitik kann ich nicht mehr mittragen."
        ),
        (
            "Ein Landrat, der erst nach dem dritten Hochwasser handelt, "
            "hat seinen Job nicht gut gemacht."
        ),
        "Die Koalition streitet seit Monaten, und die Schulen warten weiter auf das Geld.",
        "Das ist ein politisches Versagen, und zwar über Jahre und über Parteigrenzen hinweg.",
        (
            "Der Stadtrat sollte sich schämen, "
            "die Sanierung der Grundschule schon wieder zu verschieben."
        ),
        "Die Opposition kritisiert viel, legt aber selbst keinen durchgerechneten Vorschlag vor.",
        (
            "Wer den Nahverkehr kürzt und gleichzeitig über Staus klagt, "
            "hat ein Glaubwürdigkeitsproblem."
        ),
        "Mit Verlaub, Herr Abgeordneter, Ihre Rechnung geht nicht auf.",
        "Ich traue der Landesregierung bei diesem Projekt nicht mehr über den Weg.",
        (
            "Der Verkehrsminister redet die Probleme klein, "
            "die Pendler erleben jeden Tag etwas anderes."
        ),
        "Peinlich, dass die Verwaltung den Förderantrag zu spät eingereicht hat.",
        (
            "Die Stadtspitze hat die Bürger schlicht nicht gefragt, "
            "und jetzt wundert man sich über den Widerstand."
        ),
        # Criticism of the newsroom, in civil words.
        "Die Überschrift ist reißerisch, der Text selbst ist deutlich ausgewogener.",
        "Liebe Redaktion, der Artikel stellt nur eine Seite dar. Das war schon mal besser.",
        "Warum kommt in dem Bericht kein einziger Anwohner zu Wort?",
        "Ich vermisse eine Einordnung der Zahlen: 12 Prozent wovon?",
        "Die Grafik ist irreführend, die Achse beginnt nicht bei null.",
        "Schwacher Artikel, der nur die Pressemitteilung der Stadt wiedergibt.",
        "Ihr schreibt von 400 Teilnehmern, die Polizei sprach von rund 150.",
        "Bitte korrigieren: Die Sitzung war am Dienstag, nicht am Mittwoch.",
        "Ein Tippfehler im zweiten Absatz: Es muss Kreistag heißen, nicht Kreistrag.",
        "Korrektur: Die Linie 7 fährt seit März nicht mehr über den Marktplatz.",
        "Der Kommentar ist mir zu einseitig, aber immerhin klar als Meinung gekennzeichnet.",
        "Seit der Umstellung der Webseite finde ich die Lokalnachrichten kaum noch.",
        # Questions, numbers, links to official sites.
        (
            "Wie viele Wohnungen sollen auf dem Gelände entstehen, "
            "und wie viele davon sozial gefördert?"
        ),
        "Gibt es schon einen Termin für die Bürgerbeteiligung zum neuen Bebauungsplan?",
        "Laut Haushaltsplan sind es 3,8 Millionen Euro, nicht 38 Millionen.",
        "Die Linie fährt tagsüber alle 20 Minuten, nach 21 Uhr aber nur noch stündlich.",
        "Im Jahr 2019 waren es 1.240 Unfälle, im letzten Jahr 1.105, also etwa 11 Prozent weniger.",
        "Die Arbeitslosenquote liegt im Kreis bei 4,9 Prozent, das steht in der Monatsstatistik.",
        (
            "Die offiziellen Zahlen zur Bevölkerung gibt es beim Statistischen Bundesamt: "
            "https://www.destatis.de"
        ),
        (
            "Die Unwetterwarnungen stehen immer aktuell beim Deutschen Wetterdienst: "
            "https://www.dwd.de"
        ),
        "Wer die Abstimmung nachlesen will: https://www.bundestag.de/parlament/plenum/abstimmung",
        (
            "Die Messwerte zur Luftqualität veröffentlicht das Umweltbundesamt: "
            "https://www.umweltbundesamt.de/daten"
        ),
        "Der Bebauungsplan liegt im Rathaus aus und steht auf https://www.stadt.example/bauleitplanung",
        (
            "Die Fragen zur Grundsteuer beantwortet das Finanzministerium auf seiner Webseite, "
            "das hat mir geholfen."
        ),
        "Die Tabelle im Anhang zeigt 17 Standorte, im Text ist von 15 die Rede. Was stimmt?",
        # Quotes.
        "> Die Stadt rechnet mit Kosten von 4,2 Millionen Euro.\\nUnd was ist mit den Folgekosten für den Unterhalt?",
        "> Die Bauarbeiten sollen im Herbst beginnen.\\nDas hieß es im letzten Jahr auch schon.",
        "> Alle Schulen bekommen bis Ende des Jahres schnelles Internet.\\nUnsere Schule wartet seit 2020 darauf.",
        "> Der Verein sieht keinen Handlungsbedarf.\\nDas sehen die Eltern der Jugendspieler deutlich anders.",
        (
            "> Niemand hat mit einem solchen Andrang gerechnet.\\nWirklich niemand? "
            "Das Fest gibt es seit 30 Jahren."
        ),
        # Longer lines.
        (
            "Ich wohne seit über zwanzig Jahren an der Bahnstrecke und habe schon drei Lärmschutzgutachten erlebt. "
            "Jedes Mal hieß es, die Wände kommen bald. Ich glaube es erst, wenn die Bagger da sind, "
            "aber ich freue mich, dass die Zeitung dranbleibt."
        ),
        (
            "Man kann über die Parkgebühren streiten, "
            "aber die Innenstadt braucht Geld für die Sanierung der Plätze. Mir wäre lieber, "
            "die Einnahmen würden fest dafür reserviert, "
            "statt im allgemeinen Haushalt zu verschwinden."
        ),
        (
            "Als Lehrerin kann ich nur sagen: Die neuen Tablets nützen wenig, "
            "wenn niemand sie wartet. "
            "An unserer Schule ist ein Drittel der Geräte nach einem Jahr kaputt oder veraltet."
        ),
        (
            "Ich war bei der Sitzung und muss ergänzen, dass der Antrag nicht abgelehnt, "
            "sondern in den Ausschuss verwiesen wurde. Das ist ein Unterschied, "
            "denn im Ausschuss kann er noch geändert werden."
        ),
        (
            "Der Trainer hat mit einer sehr jungen Mannschaft mehr erreicht, "
            "als man erwarten durfte. Wer jetzt seine Entlassung fordert, "
            "sollte sich die Tabelle vom letzten Jahr ansehen."
        ),
        (
            "Eine Gruppe von Anwohnern hat eine Petition gestartet, "
            "weil die Brücke seit Monaten gesperrt ist. "
            "Über 800 Menschen haben schon unterschrieben."
        ),
        (
            "Die Gruppe der Pflegekräfte wird in der ganzen Debatte kaum erwähnt, "
            "dabei tragen sie die Hauptlast."
        ),
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
        (
            "Here is the link to the minutes on the council's website: "
            "https://www.council.example/minutes"
        ),
        "Great piece! More of this please.",
        "I have to disagree with the comment above: the figures come from the statistics office.",
        # Short lines.
        "I disagree.",
        "Thank you!",
        "Exactly this.",
        "That is not quite right.",
        "Good to know.",
        "Fair enough.",
        "Sadly true.",
        "Source?",
        "You are right, I had missed that.",
        "You forgot to mention the time.",
        "A fair question.",
        "Local journalism at its best.",
        "A question for the editors: is the report available as a PDF?",
        # Criticism of politicians, in civil words.
        "The mayor promised cheaper fares during the campaign and nothing is left of it.",
        "The minister dodges every specific question, which is disappointing.",
        "I voted for the party twice, but I can no longer support this budget.",
        "A council leader who only acts after the third flood has not done the job well.",
        "The coalition has been arguing for months while the schools still wait for the money.",
        "This is a political failure, over many years and across all parties.",
        "The council should be ashamed of postponing the primary school repairs yet again.",
        "The opposition criticises a lot but has not put forward a costed plan of its own.",
        "Anyone who cuts buses and then complains about traffic jams has a credibility problem.",
        "With respect, the figures the MP quoted simply do not add up.",
        "I no longer trust the government on this project.",
        "The transport secretary plays the problems down, commuters see something else every day.",
        "Embarrassing that the council missed the deadline for the grant application.",
        "The leadership never asked residents, and now they are surprised by the opposition.",
        # Criticism of the newsroom, in civil words.
        "The headline is sensational, the article itself is far more balanced.",
        "Dear editors, this piece only presents one side. You have done better before.",
        "Why does not a single resident get to speak in this report?",
        "The figures need context: 12 percent of what?",
        "The chart is misleading, the axis does not start at zero.",
        "A weak article that just repeats the council's press release.",
        "You report 400 protesters, the police said about 150.",
        "Please correct: the meeting was on Tuesday, not Wednesday.",
        "Typo in the second paragraph: it should be county council, not country council.",
        "Correction: route 7 has not gone through the market square since March.",
        "This column is too one-sided for me, but at least it is clearly marked as opinion.",
        "Since the website redesign I can hardly find the local news any more.",
        # Questions, numbers, links to official sites.
        "How many homes will be built on the site, and how many of them will be affordable?",
        "Is there a date yet for the consultation on the new local plan?",
        "According to the budget it is 3.8 million pounds, not 38 million.",
        "The route runs every 20 minutes during the day but only hourly after 9 pm.",
        "In 2019 there were 1,240 accidents, last year 1,105, so about 11 percent fewer.",
        "Unemployment in the county is 4.9 percent, that is in the monthly figures.",
        "The official population figures are published by the ONS: https://www.ons.gov.uk",
        "Current weather warnings are always on the Met Office site: https://www.metoffice.gov.uk",
        "If you want to read the vote yourself: https://www.parliament.uk/business/votes",
        "The guidance on council tax bands is on https://www.gov.uk/council-tax-bands",
        "The planning application is on https://www.council.example/planning and in the library.",
        "The table in the appendix lists 17 sites, the text speaks of 15. Which is right?",
        # Quotes.
        "> The council expects costs of 4.2 million pounds.\\nAnd what about the running costs afterwards?",
        "> Work is due to start in the autumn.\\nThat is what they said last year too.",
        "> Every school will have fast broadband by the end of the year.\\nOur school has been waiting since 2020.",
        "> The club sees no need for action.\\nThe parents of the youth players see that rather differently.",
        "> Nobody expected such crowds.\\nReally nobody? The fair has been held for 30 years.",
        # Longer lines.
        (
            "I have lived next to the railway for over twenty years and seen three noise reports. "
            "Every time we were told the barriers were coming soon. "
            "I will believe it when the diggers arrive, but I am glad the paper keeps asking."
        ),
        (
            "You can argue about parking charges, "
            "but the town centre needs money to repair its squares. "
            "I would prefer the income to be ring-fenced for that rather than disappear into the general budget."
        ),
        (
            "As a teacher I can only say that new tablets are of little use if nobody maintains them. "
            "At our school a third of the devices are broken or out of date after one year."
        ),
        (
            "I was at the meeting and should add that the motion was not rejected but referred to committee. "
            "That is a difference, because it can still be amended there."
        ),
        (
            "The manager has achieved more with a very young squad than anyone could expect. "
            "Anyone calling for his sacking should look at last year's table."
        ),
        (
            "A group of residents has started a petition because the bridge has been closed for months. "
            "More than 800 people have already signed."
        ),
        (
            "The group of care workers is hardly mentioned in the whole debate, "
            "yet they carry most of the burden."
        ),
    ],
}

SPAM = {
    "de": [
        "Verdienen Sie 5000 Euro pro Woche von zu Hause! Infos unter www.schnell-reich.example",
        "Günstige Kredite ohne Schufa, sofort ausgezahlt: kredit-sofort.example",
        "Bitcoin verdoppeln in 24 Stunden, garantiert! Schreib mir auf Telegram @cryptoking",
        "SUPER ANGEBOT!!! Markenuhren zu Spottpreisen >>> uhren-outlet.example",
        "Besuchen Sie unseren Shop für die besten Gartenmöbel: https://gartenmoebel-billig.example",
        (
            "Ich habe mit diesem Trick 3000 € im Monat nebenbei verdient, klick hier: "
            "http://geheim-trick.example"
        ),
        "Top SEO Backlinks für Ihre Webseite, jetzt bestellen bei seo-ranking.example",
        "Schlank in 7 Tagen mit unseren Kapseln, jetzt 50 % Rabatt auf www.diaet-wunder.example",
        "Heiße Singles in deiner Nähe warten auf dich: www.dating-sofort.example",
        "Investieren Sie jetzt in den neuen Coin, bevor er explodiert!!! 🚀🚀🚀",
        "Kostenlos iPhone gewinnen, einfach hier registrieren: gewinn-spiel.example/iphone",
        "Online Casino Bonus 200 % ohne Einzahlung: casino-bonus.example",
        "Pflegekräfte aufgepasst: Heimarbeit mit Top-Verdienst, Whatsapp +49 151 0000000",
        (
            "Guter Artikel. Übrigens: "
            "die günstigsten Autoversicherungen gibt es auf versicherung-vergleich.example"
        ),
        "Forex Signale mit 95 % Trefferquote, melde dich an: forex-profi.example",
        "Ich empfehle jedem die Krypto-Plattform von Herrn Schmidt, er hat mein Geld verzehnfacht. "
        "Kontakt: schmidt.invest@mail.example",
        "Follower kaufen, Likes kaufen, billig und schnell: social-boost.example",
        "Potenzmittel ohne Rezept, diskreter Versand: apotheke-diskret.example",
        "Nur heute: Designer-Taschen ab 19,99 € im Outlet www.taschen-outlet.example",
        (
            "Schau dir meine Seite an, da gibt es alles über Geld verdienen: "
            "www.passiv-einkommen.example"
        ),
        (
            "Mein Onkel verdient 87 € pro Stunde im Homeoffice. Unglaublich, aber wahr: "
            "www.job-zuhause.example"
        ),
        "Gratis Guthaben für alle Leser! Code eingeben auf bonus-jetzt.example",
        "Sie haben gewonnen! Holen Sie Ihren Preis ab unter www.preis-abholen.example",
    ],
    "en": [
        "Earn $5000 a week from home! Details at www.get-rich-fast.example",
        "Cheap loans with no credit check, paid out today: loans-now.example",
        "Double your Bitcoin in 24 hours, guaranteed! Message me on Telegram @cryptoking",
        "MEGA DEAL!!! Designer watches at rock bottom prices >>> watch-outlet.example",
        "Visit our shop for the best garden furniture: https://cheap-garden-furniture.example",
        (
            "I made $3000 a month on the side with this one trick, click here: "
            "http://secret-trick.example"
        ),
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
        "My uncle earns $87 an hour working from home. Unbelievable but true: www.home-job.example",
        "Free credit for all readers! Enter the code at bonus-now.example",
        "You have won! Claim your prize at www.claim-prize.example",
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
        "Verpiss dich aus der Kommentarspalte, du Lappen.",
        "Dir gehört mal ordentlich eine reingehauen.",
        "Pass bloß auf, wenn ich dich in der Stadt erwische.",
        "Diese Schreiberlinge sind alle gekauft und strohdumm.",
        "[Gruppe] sind Ungeziefer, die man loswerden muss.",
        "Schmeißt das ganze [Gruppe]-Pack endlich raus.",
        "Du bist so hohl, dass es beim Lesen schon wehtut.",
        "Kein Wunder, dass bei so einem Hohlkopf nichts Vernünftiges rauskommt.",
        "Geh sterben, du Clown.",
        "Was für eine dämliche Schnepfe, die Frau Stadträtin.",
        "Leute wie dich sollte man einsperren, du Psycho.",
        "Halt die Fresse, du Dreckskerl.",
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
        "Shut your stupid mouth, nobody wants your opinion.",
        "People like [group] are ruining this town, get them out.",
        "Everyone who votes for that party is a complete idiot.",
        "Go away, you annoy everyone with your drivel, nutcase.",
        "That referee is a blind moron, someone should beat him up.",
        "I'm not talking to you, you're nothing but a liar and a hatemonger.",
        "What a brainless comment, typical of you, dimwit.",
        "We will find you, and then you'll see what you get.",
        "Piss off out of the comments, you muppet.",
        "Someone should give you a good slap.",
        "Watch your back if I ever see you in town.",
        "These hacks are all bought and thick as a brick.",
        "[group] are vermin and need to be got rid of.",
        "Throw the whole [group] lot out at last.",
        "You are so dense it hurts to read you.",
        "No wonder nothing sensible comes out of a halfwit like that.",
        "Go and die, you clown.",
        "What a dim-witted cow that councillor is.",
        "People like you should be locked up, you psycho.",
        "Shut your face, you scumbag.",
    ],
}
