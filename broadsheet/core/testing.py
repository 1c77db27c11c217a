"""Small builders for tests, the demo and benchmarks: one call, one sensible row."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw

from broadsheet.publishing.models import Article, ArticleAuthor, Author, Category, Image, Tag

_counter = itertools.count(1)


def png_bytes(width: int = 64, height: int = 48, color=(164, 22, 26), *, fmt="PNG") -> bytes:
    picture = PILImage.new("RGB", (width, height), color)
    ImageDraw.Draw(picture).rectangle(
        [width // 4, height // 4, width // 2, height // 2], fill="white"
    )
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


def make_image(**fields) -> Image:
    defaults = {
        "alt_text": "Ein rotes Testbild",
        "credit_provider": "Wikimedia",
        "credit_creator": "Erika Muster",
        "licence_name": "CC BY-SA 3.0",
        "licence_url": "https://creativecommons.org/licenses/by-sa/3.0/deed.de",
    }
    defaults.update(fields)
    if "file" not in defaults:
        defaults["file"] = SimpleUploadedFile(
            f"test-{next(_counter)}.png", png_bytes(), "image/png"
        )
    return Image.objects.create(**defaults)


def make_author(name: str | None = None, **fields) -> Author:
    name = name or f"Autorin {next(_counter)}"
    initials = "".join(part[0].lower() for part in name.split()[:2])
    return Author.objects.create(
        name=name,
        slug=fields.pop("slug", slugify(name)),
        initials=fields.pop("initials", initials),
        **fields,
    )


def make_category(name: str | None = None, *, parent=None, **fields) -> Category:
    name = name or f"Ressort {next(_counter)}"
    return Category.objects.create(
        name=name, slug=fields.pop("slug", slugify(name)), parent=parent, **fields
    )


def make_tag(name: str | None = None) -> Tag:
    name = name or f"Schlagwort {next(_counter)}"
    return Tag.objects.create(name=name, slug=slugify(name))


def make_article(
    title: str | None = None,
    *,
    authors=(),
    categories=(),
    tags=(),
    status=Article.Status.PUBLISHED,
    published_at=None,
    **fields,
) -> Article:
    n = next(_counter)
    title = title or f"Testartikel Nummer {n}"
    fields.setdefault("body", "Erster Absatz mit *Betonung*.\n\nZweiter Absatz.")
    from broadsheet.publishing.services import save_article

    article = Article(
        title=title,
        slug=fields.pop("slug", f"{slugify(title)[:180]}-{n}"),
        status=status,
        published_at=published_at or (timezone.now() if status != Article.Status.DRAFT else None),
        **fields,
    )
    save_article(article)  # as the admin and the importer do: a revision, the passages
    for position, author in enumerate(authors):
        ArticleAuthor.objects.create(article=article, author=author, position=position)
    if categories:
        article.categories.set(categories)
    if tags:
        article.tags.set(tags)
    return article


def make_comment(article, *, parent=None, status="approved", body="Ein Kommentar.", **fields):
    """A comment row built directly (no moderation, no limits): for tests and seeds.

    Keeps the thread counters right so pages show what a reader would see.
    """
    from broadsheet.core.text import render_comment_markdown
    from broadsheet.discussion.models import Comment, Thread
    from broadsheet.discussion.services import set_comment_count

    fields.setdefault("author_name", f"Leser {next(_counter)}")
    fields.setdefault("author_email", "leser@example.org")
    fields.setdefault("created_at", timezone.now())
    comment = Comment(
        article=article, reply_to=parent, status=status, body=body,
        body_html=render_comment_markdown(body), **fields,
    )  # fmt: skip
    comment.place_under(parent)
    comment.save()
    comment.save_path()
    Thread.objects.get_or_create(article=article)
    if status == "approved":
        set_comment_count(article.pk, delta=1)
    return comment


def seed_thread(
    article, *, top_level: int, replies_each: int = 0, start=None, author_prefix="Leser"
):
    """Bulk-create an approved thread: top_level comments, each with a chain of replies.

    For query-count tests, benchmarks and the demo; thread counters are set to match.
    Reply chains nest up to three levels deep, then continue as siblings.
    """
    import datetime
    import random

    from broadsheet.core.text import render_comment_markdown
    from broadsheet.discussion.models import Comment, Thread
    from broadsheet.discussion.services import set_comment_count

    rng = random.Random(article.pk)
    start = start or (timezone.now() - datetime.timedelta(days=30))
    html = render_comment_markdown("Ein Beitrag zur Diskussion mit *Betonung*.")

    def build(i, **fields):
        return Comment(
            article=article,
            author_name=f"{author_prefix} {i}",
            author_email=f"leser{i}@example.org",
            body="Ein Beitrag zur Diskussion mit *Betonung*.",
            body_html=html,
            status=Comment.Status.APPROVED,
            created_at=start + datetime.timedelta(minutes=i),
            upvotes=(up := rng.randint(0, 40)),
            downvotes=(down := rng.randint(0, 10)),
            score=up - down,
            **fields,
        )

    tops = Comment.objects.bulk_create([build(i) for i in range(top_level)], batch_size=500)
    replies = []
    counter = top_level
    # Level by level, so each bulk insert already knows its parents' ids.
    level_parents = list(tops)
    for depth in range(1, 4):
        if replies_each < depth:
            break
        level = []
        for top, parent in zip(tops, level_parents, strict=True):
            counter += 1
            level.append(build(counter, root=top, parent=parent, reply_to=parent, depth=depth))
        Comment.objects.bulk_create(level, batch_size=500)
        for reply in level:
            reply.path = f"{reply.parent.path}{reply.pk:010d}/"
        replies += level
        level_parents = level
    siblings = []
    for top, parent in zip(tops, level_parents, strict=True):
        for _ in range(max(0, replies_each - 3)):
            counter += 1
            siblings.append(
                build(counter, root=top, parent=parent.parent, reply_to=parent, depth=parent.depth)
            )
    Comment.objects.bulk_create(siblings, batch_size=500)
    for reply in siblings:
        reply.path = f"{reply.parent.path}{reply.pk:010d}/"
    replies += siblings
    Comment.objects.bulk_update(replies, ["path"], batch_size=500)
    Thread.objects.get_or_create(article=article)
    set_comment_count(article.pk)
    return tops, replies


def queries_for(client, url: str, *, cold: bool = True, status: int = 200) -> list[str]:
    """The SQL of one view of url, with every cache emptied first unless cold=False.

    The cold path is what the first reader after a restart or a write pays, and what an
    N+1 in a template shows up in: a warm path served from the caches hides it. Returned
    as the statements themselves, so a failing count says which query is new.
    """
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        for alias in settings.CACHES:
            caches[alias].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return [query["sql"] for query in captured.captured_queries]
