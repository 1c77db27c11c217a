"""Turn the demo data into rows: all of it in one transaction, or nothing."""

import datetime
import os
import secrets
import textwrap
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import EDITOR, MODERATOR, grant_role
from broadsheet.publishing.models import (
    Article,
    ArticleAuthor,
    Author,
    Category,
    Correction,
    Image,
    Page,
    PromoBlock,
    PromoLink,
    Publication,
    Tag,
)
from broadsheet.publishing.models.site import PROMO_CACHE_KEY, SITE_CHROME_CACHE_KEY

from .. import services as publishing
from ..slugs import german_slugify
from . import DEMO_FEATURED_SLUG, articles_culture, articles_home, articles_world, site
from .discussion import create_discussions
from .images import lead_image_jpeg, shop_banner_jpeg
from .spec import DemoArticle

ARTICLES: list[DemoArticle] = [
    *articles_world.ARTICLES,
    *articles_home.ARTICLES,
    *articles_culture.ARTICLES,
]
# (role, username, display name)
ACCOUNTS = [(EDITOR, "redaktion", "Redaktion"), (MODERATOR, "moderation", "Moderation")]
CREDENTIALS_FILENAME = "demo-credentials.txt"
# Stands in for a picture agency's page; real licence URLs are kept as they are.
PICTURE_SOURCE = "https://commons.example.org/wiki/File:{slug}.jpg"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str

    @property
    def credentials_line(self) -> str:
        return f"{self.role + ':':<10} {self.username} / {self.password}"


@dataclass(frozen=True)
class DemoOutcome:
    loaded: bool
    # Why nothing was loaded: what the database already held.
    found: tuple[str, ...] = ()
    articles: int = 0
    accounts: tuple[DemoAccount, ...] = ()


def existing_content() -> list[str]:
    """What the database already holds that the demo would mix with or collide with."""
    # Untranslated names: the command talks to an operator in English.
    with translation.override(None):
        found = [
            str(model._meta.verbose_name_plural)
            for model in (Article, Page, Category, Tag, Author, PromoBlock)
            if model.objects.exists()
        ]
    usernames = [username for _, username, _ in ACCOUNTS]
    taken = User.objects.filter(username__in=usernames).values_list("username", flat=True)
    found += [f"user {username!r}" for username in taken]
    return found


def load_demo(*, now: datetime.datetime | None = None) -> DemoOutcome:
    """Create the demo publication in an empty database, or change nothing.

    Everything is written in one transaction. Picture files go to storage, which no
    transaction covers, so the files written before a failure are deleted again.
    Running it on a database that already has content returns `loaded=False`.
    """
    now = now or timezone.now()
    stored_files: list[str] = []
    try:
        with transaction.atomic():
            if found := existing_content():
                return DemoOutcome(loaded=False, found=tuple(found))
            outcome = _load(now=now, stored_files=stored_files)
            # The signals drop these caches inside the transaction; a reader who looked
            # meanwhile may have cached the empty site again, so drop them after commit.
            transaction.on_commit(
                lambda: cache.delete_many([SITE_CHROME_CACHE_KEY, PROMO_CACHE_KEY])
            )
    except BaseException:
        storage = Image._meta.get_field("file").storage
        for name in stored_files:
            storage.delete(name)
        raise
    return outcome


def write_credentials(accounts, directory: Path) -> Path:
    """Write the demo logins to a file only its owner can read; replaces an older one."""
    path = Path(directory) / CREDENTIALS_FILENAME
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(descriptor, 0o600)  # whatever the umask says
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("Broadsheet demo accounts – log in at /admin/\n")
        handle.writelines(f"{account.credentials_line}\n" for account in accounts)
    return path


def _load(*, now, stored_files) -> DemoOutcome:
    _update_publication()
    authors = _create_authors()
    categories = _create_categories()
    tags = _create_tags()
    for spec in ARTICLES:
        _create_article(
            spec,
            now=now,
            authors=authors,
            categories=categories,
            tags=tags,
            stored_files=stored_files,
        )
    _create_pages()
    _create_promo_blocks(categories, stored_files=stored_files)
    create_discussions(
        {a.slug: a for a in Article.objects.all()}, featured_slug=DEMO_FEATURED_SLUG, now=now
    )
    accounts = _create_accounts()
    return DemoOutcome(loaded=True, articles=len(ARTICLES), accounts=tuple(accounts))


def german_slug(text: str) -> str:
    return german_slugify(text)


def _update_publication() -> None:
    publication = Publication.current()
    for field, value in site.PUBLICATION.items():
        setattr(publication, field, value)
    publication.save()


def _create_authors() -> dict[str, Author]:
    return {
        initials: Author.objects.create(name=name, slug=slug, initials=initials, bio=bio)
        for initials, (name, slug, bio) in site.AUTHORS.items()
    }


def _create_categories() -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for number, (slug, name, parent, description) in enumerate(site.CATEGORIES, start=1):
        # The sections in the editors' order on the front page; subsections in the list's.
        front = site.FRONT_SECTIONS
        position = front.index(slug) + 1 if slug in front else number
        categories[slug] = Category.objects.create(
            slug=slug,
            name=name,
            parent=categories[parent] if parent else None,
            description=description,
            position=position,
        )
    return categories


def _create_tags() -> dict[str, Tag]:
    names = dict.fromkeys(name for spec in ARTICLES for name in spec.tags)
    return {name: Tag.objects.create(name=name, slug=german_slug(name)) for name in names}


def _section_of(category_slug: str) -> str:
    """The top-level section a category belongs to; it picks the picture's colours."""
    parents = {slug: parent for slug, _, parent, _ in site.CATEGORIES}
    while parents[category_slug]:
        category_slug = parents[category_slug]
    return category_slug


def _publication_time(spec: DemoArticle, now: datetime.datetime) -> datetime.datetime | None:
    if spec.status == Article.Status.DRAFT:
        return None
    if spec.status == Article.Status.SCHEDULED:
        return (now + datetime.timedelta(days=-spec.days_ago)).replace(second=0, microsecond=0)
    day = timezone.localdate(now) - datetime.timedelta(days=spec.days_ago)
    hour, minute = map(int, spec.at.split(":"))
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
    # Today's articles must already be out, whatever the hour the demo is loaded at.
    return min(moment, (now - datetime.timedelta(minutes=20)).replace(second=0, microsecond=0))


def _attach_file(image: Image, name: str, data: bytes, *, stored_files) -> None:
    # The ContentFile needs its own name too: Django reads width and height through
    # it, and a nameless file counts as no file (the dimensions would stay empty).
    image.file.save(name, ContentFile(data, name=name), save=False)
    stored_files.append(image.file.name)


def _create_image(spec: DemoArticle, *, stored_files) -> Image:
    picture = spec.picture
    licence_name, licence_url = picture.licence
    image = Image(
        alt_text=picture.alt_text,
        caption=picture.caption,
        credit_provider=picture.provider,
        credit_creator=picture.creator,
        licence_name=licence_name,
        licence_url=licence_url,
        source_url=PICTURE_SOURCE.format(slug=spec.slug) if licence_name else "",
    )
    jpeg = lead_image_jpeg(spec.slug, section=_section_of(spec.categories[0]))
    _attach_file(image, f"{spec.slug}.jpg", jpeg, stored_files=stored_files)
    image.save()
    return image


def _source_fields(spec: DemoArticle, published_at) -> dict:
    if spec.source is None:
        return {}
    first_published = timezone.localdate(published_at) - datetime.timedelta(
        days=spec.source.days_before
    )
    return {
        "source_outlet": spec.source.outlet,
        "source_url": spec.source.url,
        "source_date": first_published,
    }


def _create_article(spec: DemoArticle, *, now, authors, categories, tags, stored_files) -> None:
    published_at = _publication_time(spec, now)
    article = Article(
        slug=spec.slug,
        title=spec.title,
        kicker=spec.kicker,
        dateline=spec.dateline,
        dek=spec.dek,
        body=textwrap.dedent(spec.body).strip(),
        status=spec.status,
        published_at=published_at,
        lead_image=_create_image(spec, stored_files=stored_files),
        sticky=spec.slug == DEMO_FEATURED_SLUG,
        is_lead=spec.slug == site.FRONT_LEAD,
        **_source_fields(spec, published_at),
    )
    publishing.save_article(article)  # the demo writes as the system: revision 1
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=authors[initials], position=position)
        for position, initials in enumerate(spec.authors)
    )
    article.categories.set([categories[slug] for slug in spec.categories])
    article.tags.set([tags[name] for name in spec.tags])

    # Backdated, so feeds and structured data don't claim every article changed today.
    written = published_at or now - datetime.timedelta(hours=3)
    updated = written
    for number, text in enumerate(spec.corrections, start=1):
        corrected_at = min(now, written + datetime.timedelta(hours=5 * number))
        Correction.objects.create(article=article, corrected_at=corrected_at, text=text)
        updated = corrected_at
    Article.objects.filter(pk=article.pk).update(
        created_at=written - datetime.timedelta(hours=2), updated_at=updated
    )


def _create_pages() -> None:
    for page in site.PAGES:
        Page.objects.create(
            slug=page["slug"],
            title=page["title"],
            body=page["body"].strip(),
            position=page["position"],
            in_footer=True,
        )


def _create_promo_blocks(categories, *, stored_files) -> None:
    social = PromoBlock.objects.create(
        kind=PromoBlock.Kind.SOCIAL, title="Die Abendlaterne unterwegs", position=1
    )
    PromoLink.objects.bulk_create(
        PromoLink(block=social, label=label, url=url, position=position)
        for position, (label, url) in enumerate(site.SOCIAL_LINKS)
    )

    banner = Image(
        alt_text="Der Abendlaterne-Shop: Tassen, Taschen und Jahresabos",
        credit_provider="Abendlaterne",
        credit_creator="Redaktion",
    )
    jpeg = shop_banner_jpeg(
        title="Der Abendlaterne-Shop", subtitle="Tassen, Taschen, Jahresabos  ·  shop.example.org"
    )
    _attach_file(banner, "abendlaterne-shop.jpg", jpeg, stored_files=stored_files)
    banner.save()
    PromoBlock.objects.create(
        kind=PromoBlock.Kind.BANNER,
        title="Aus unserem Laden",
        image=banner,
        url=site.SHOP_URL,
        text=site.SHOP_TEXT,
        position=2,
    )

    PromoBlock.objects.create(
        kind=PromoBlock.Kind.TEXT, title="In eigener Sache", text=site.SUPPORT_TEXT, position=3
    )
    letter = PromoBlock.objects.create(
        kind=PromoBlock.Kind.TEXT,
        title="Der Umwelt-Brief",
        text=site.ENVIRONMENT_LETTER_TEXT,
        position=4,
    )
    letter.categories.set([categories["umwelt"]])


def _create_accounts() -> list[DemoAccount]:
    accounts = []
    for role, username, display_name in ACCOUNTS:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username, f"{username}@example.org", password, display_name=display_name
        )
        grant_role(user, role)
        accounts.append(DemoAccount(role=role, username=username, password=password))
    return accounts
