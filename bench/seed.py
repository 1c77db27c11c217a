"""A believable publication, created in bulk: thousands of articles in seconds.

bulk_create skips Article.save(), so the body is rendered here exactly as save()
would render it. The SQLite full-text index follows by itself (triggers).
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from broadsheet.core.testing import make_author, make_category, make_image, seed_thread
from broadsheet.core.text import html_to_text, render_article_markdown
from broadsheet.discussion.forms import form_timestamp
from broadsheet.publishing.models import (
    Article,
    ArticleAuthor,
    Category,
    Correction,
    Page,
    PromoBlock,
    PromoLink,
    Publication,
    Tag,
)

SECTIONS = {
    "International": ["Europa", "Amerika", "Asien"],
    "Politik": ["Bund", "Länder"],
    "Wirtschaft": ["Unternehmen", "Finanzen"],
    "Kultur": ["Literatur", "Film"],
    "Wissen": ["Klima", "Technik"],
    "Sport": [],
}
PARAGRAPH = (
    "Die Verhandlungen dauerten bis in die Nacht, und am Ende stand ein Kompromiss, "
    "den beide Seiten als *Durchbruch* bezeichneten. Kritiker sprechen dagegen von "
    "einem Formelkompromiss, der die eigentlichen Fragen nur vertagt. Wie es weitergeht, "
    "soll eine [Arbeitsgruppe](https://example.org/arbeitsgruppe) bis zum Herbst klären."
)
BODY_VARIANTS = 24


@dataclass
class Seeded:
    article: Article
    category: Category
    articles: int
    # comments in the thread -> the article carrying it
    threads: dict
    # A signed comment-form timestamp, as a reader's browser would send back.
    form_timestamp: str = ""


def _bodies(rng: random.Random) -> list[tuple[str, str, str]]:
    """A few distinct bodies of six to twelve paragraphs, rendered once each."""
    bodies = []
    for n in range(BODY_VARIANTS):
        paragraphs = [PARAGRAPH] * rng.randint(6, 12)
        paragraphs.insert(3, f"## Zwischentitel {n}")
        paragraphs.insert(5, "> „Wir haben lange gerungen“, sagte eine Sprecherin.")
        body = "\n\n".join(paragraphs)
        html = render_article_markdown(body)
        bodies.append((body, html, html_to_text(html)))
    return bodies


def _site_furniture(rng: random.Random):
    Publication(name="Der Bench-Kurier", tagline="Nachrichten unter Last").save()
    for position, title in enumerate(["Impressum", "Datenschutz"]):
        Page.objects.create(title=title, slug=title.lower(), body=f"# {title}", position=position)
    leaves = []
    for position, (name, children) in enumerate(SECTIONS.items()):
        section = make_category(name, position=position)
        leaves += [make_category(child, parent=section) for child in children] or [section]
    tags = Tag.objects.bulk_create(Tag(name=f"Thema {n}", slug=f"thema-{n}") for n in range(40))
    authors = [make_author(f"Autorin {chr(65 + n)}. Muster{n}") for n in range(12)]
    images = [make_image(credit_creator=f"Fotograf {n}") for n in range(6)]
    social = PromoBlock.objects.create(kind="social", title="Folgen Sie uns")
    for position, label in enumerate(["Mastodon", "Bluesky", "Newsletter"]):
        PromoLink.objects.create(
            block=social, label=label, url=f"https://example.org/{label.lower()}", position=position
        )
    PromoBlock.objects.create(
        kind="banner", title="Shop", image=rng.choice(images), url="https://example.org/shop"
    )
    return leaves, tags, authors, images


@transaction.atomic
def seed_publication(*, articles: int, seed: int = 2021) -> Seeded:
    rng = random.Random(seed)
    leaves, tags, authors, images = _site_furniture(rng)
    bodies = _bodies(rng)
    now = timezone.now()
    rows = []
    for n in range(articles):
        body, body_html, body_text = rng.choice(bodies)
        republished = n % 5 == 0
        rows.append(
            Article(
                title=f"Nachtzüge, Netze und Nachbarn: Bericht Nummer {n}",
                slug=f"bericht-nummer-{n}",
                kicker=rng.choice(["INTERNATIONAL", "ANALYSE", "KOMMENTAR", ""]),
                dateline=rng.choice(["Berlin/Wien.", "Hamburg.", "Brüssel.", ""]),
                dek="Was der Kompromiss bedeutet – und was er offen lässt.",
                body=body,
                body_html=body_html,
                body_text=body_text,
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(hours=7 * n + 1),
                lead_image=rng.choice(images),
                source_outlet="Wiener Abendblatt" if republished else "",
                source_url="https://example.org/wab" if republished else "",
                source_date=(now - datetime.timedelta(hours=7 * n + 30)).date()
                if republished
                else None,
            )
        )
    created = Article.objects.bulk_create(rows, batch_size=500)

    bylines, in_categories, tagged, corrections = [], [], [], []
    for article in created:
        for position, author in enumerate(rng.sample(authors, rng.choice([1, 1, 2]))):
            bylines.append(ArticleAuthor(article=article, author=author, position=position))
        for category in rng.sample(leaves, rng.choice([1, 2])):
            in_categories.append(
                Article.categories.through(article_id=article.pk, category_id=category.pk)
            )
        for tag in rng.sample(tags, 3):
            tagged.append(Article.tags.through(article_id=article.pk, tag_id=tag.pk))
        if rng.random() < 0.05:
            corrections.append(Correction(article=article, text="Eine Zahl wurde korrigiert."))
    ArticleAuthor.objects.bulk_create(bylines, batch_size=1000)
    Article.categories.through.objects.bulk_create(in_categories, batch_size=1000)
    Article.tags.through.objects.bulk_create(tagged, batch_size=1000)
    Correction.objects.bulk_create(corrections)

    # A typical article: not the newest, with a byline, a picture and a section.
    article = Article.objects.get(slug=f"bericht-nummer-{min(articles - 1, 100)}")
    return Seeded(
        article=article,
        category=Category.objects.get(slug="international"),
        articles=articles,
        threads=seed_discussions(),
        form_timestamp=form_timestamp(),
    )


# Discussions of three sizes: (top-level comments, replies under each).
THREAD_SHAPES = {100: (50, 1), 1_000: (100, 9), 10_000: (1_000, 9)}


def seed_discussions() -> dict:
    threads = {}
    for n, (size, (top_level, replies_each)) in enumerate(THREAD_SHAPES.items()):
        article = Article.objects.get(slug=f"bericht-nummer-{200 + n}")
        seed_thread(article, top_level=top_level, replies_each=replies_each)
        threads[size] = article
    return threads
