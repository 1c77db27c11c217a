"""`broadsheet demo`: an original German publication, loaded all at once and only once."""

import datetime
import io
import json
import re
import stat
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import EDITOR, MODERATOR
from broadsheet.core.testing import make_article
from broadsheet.publishing.demo import DEMO_FEATURED_SLUG, loader
from broadsheet.publishing.models import (
    Article,
    Author,
    Category,
    Correction,
    Image,
    Page,
    PromoBlock,
    Publication,
    Tag,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def is_example_url(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == d or host.endswith(f".{d}") for d in ("example.org", "example.com"))


def snapshot(settings) -> dict:
    models = (Article, Author, Category, Correction, Image, Page, PromoBlock, Tag, User)
    counts = {model.__name__: model.objects.count() for model in models}
    counts["files"] = sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    return counts


def test_it_loads_a_complete_publication(data_dir):
    now = timezone.now()
    run_demo()

    assert Publication.current().name == "Die Abendlaterne"
    assert Publication.current().tagline and Publication.current().description

    published = Article.objects.published()
    assert Article.objects.count() == 38
    assert published.count() == 36
    assert Article.objects.filter(status=Article.Status.DRAFT, published_at=None).count() == 1
    scheduled = Article.objects.get(status=Article.Status.SCHEDULED)
    assert now + datetime.timedelta(days=1) < scheduled.published_at
    assert scheduled.published_at < now + datetime.timedelta(days=3)

    dates = list(published.values_list("published_at", flat=True))
    assert now - datetime.timedelta(days=190) < min(dates)
    assert min(dates) < now - datetime.timedelta(days=150)

    europa = Category.objects.get(slug="europa")
    assert europa.parent.slug == "international"
    assert europa.path == "international/europa"
    assert Category.objects.filter(parent=None).count() == 5
    assert Author.objects.count() == 5
    assert not Author.objects.filter(initials="").exists()
    assert Tag.objects.count() >= 15
    assert Correction.objects.exists()

    republished = published.exclude(source_outlet="")
    assert republished.count() >= 4
    for article in republished:
        assert is_example_url(article.source_url)
        assert article.source_date <= timezone.localdate(article.published_at)


def test_every_article_is_a_full_german_article_with_a_credited_picture(data_dir):
    run_demo()

    bodies = set()
    for article in Article.objects.select_related("lead_image"):
        assert article.kicker and article.dateline.endswith(".") and article.dek
        assert article.body_html.count("<p>") >= 3, article.slug
        assert article.categories.exists() and article.tags.exists()
        assert article.ordered_authors
        image = article.lead_image
        assert (image.width, image.height) == (1200, 675)
        assert image.file.name.endswith(".jpg")
        assert image.alt_text and image.caption and image.credit_text
        bodies.add(article.body_text)
    assert len(bodies) == Article.objects.count()

    licences = set(Image.objects.values_list("licence_name", flat=True))
    assert {"CC BY-SA 3.0", "CC BY 4.0", ""} <= licences
    assert Image.objects.filter(credit_creator="Redaktion").exists()
    assert Article.objects.filter(body__contains="\n## ").exists()
    assert Article.objects.filter(body__contains="\n> ").exists()
    assert Article.objects.filter(body__contains="\n- ").exists()


def test_it_adds_the_legal_pages_and_the_promo_blocks(data_dir):
    run_demo()

    pages = {page.slug: page for page in Page.objects.filter(in_footer=True)}
    assert set(pages) == {"impressum", "datenschutz"}
    assert "erfunden" in pages["impressum"].body_html

    social = PromoBlock.objects.get(kind=PromoBlock.Kind.SOCIAL)
    labels = [link.label for link in social.links.all()]
    assert {"Mastodon", "Bluesky", "Newsletter"} <= set(labels)
    assert all(is_example_url(link.url) for link in social.links.all())
    banner = PromoBlock.objects.get(kind=PromoBlock.Kind.BANNER)
    assert banner.image.width and banner.url == "https://shop.example.org/"
    limited = PromoBlock.objects.filter(categories__isnull=False).distinct()
    assert [c.slug for block in limited for c in block.categories.all()] == ["umwelt"]
    assert PromoBlock.objects.filter(kind=PromoBlock.Kind.TEXT).count() == 2


def test_the_featured_article_looks_like_the_reference_page(data_dir, client):
    run_demo()

    article = Article.objects.get(slug=DEMO_FEATURED_SLUG)
    assert article.is_published()
    assert article.is_lead and article.sticky  # the editors' lead story on the front page
    front = client.get("/").content.decode()
    lead = re.search(r'class="front__lead".*?<h2[^>]*><a href="([^"]+)"', front, re.S).group(1)
    assert lead == article.get_absolute_url()
    assert article.kicker == "INTERNATIONAL"
    assert article.dateline == "Berlin/Wien."
    assert article.initials == "ab"
    assert article.lead_image.credit_provider == "Wikimedia"
    assert article.lead_image.licence_name == "CC BY-SA 3.0"
    assert article.source_outlet and article.source_date

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="dateline" data-anchor-ignore>Berlin/Wien.</span>' in html
    assert f"Wikimedia/{article.lead_image.credit_creator}/" in html
    assert "CC BY-SA 3.0" in html
    assert article.source_outlet in html
    assert "(ab)" in html
    assert "https://shop.example.org/" in html


def test_it_writes_the_logins_to_a_file_only_the_owner_can_read(data_dir):
    output = run_demo()

    path = data_dir / "demo-credentials.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text().splitlines()
    editor_line = next(line for line in lines if line.startswith("Editor:    redaktion / "))
    moderator_line = next(line for line in lines if line.startswith("Moderator: moderation / "))
    assert editor_line in output and moderator_line in output

    editor = authenticate(username="redaktion", password=editor_line.rsplit(" / ", 1)[1])
    moderator = authenticate(username="moderation", password=moderator_line.rsplit(" / ", 1)[1])
    assert editor and editor.is_staff and editor.groups.filter(name=EDITOR).exists()
    assert moderator and moderator.groups.filter(name=MODERATOR).exists()
    assert not editor.is_superuser


def test_a_second_run_changes_nothing(data_dir, settings):
    run_demo()
    before = snapshot(settings)
    credentials = (data_dir / "demo-credentials.txt").read_text()

    output = run_demo()

    assert "Database is not empty; demo not loaded." in output
    assert snapshot(settings) == before
    assert (data_dir / "demo-credentials.txt").read_text() == credentials


def test_it_leaves_a_database_with_articles_alone(data_dir):
    make_article("Ein eigener Artikel")

    output = run_demo()

    assert "Database is not empty; demo not loaded." in output
    assert Article.objects.count() == 1
    assert not Page.objects.exists() and not User.objects.exists()
    assert not (data_dir / "demo-credentials.txt").exists()


def test_a_failure_halfway_leaves_no_rows_and_no_files(data_dir, settings, monkeypatch):
    def broken_accounts():
        raise RuntimeError("disk full")

    monkeypatch.setattr(loader, "_create_accounts", broken_accounts)

    with pytest.raises(RuntimeError):
        run_demo()

    assert not Article.objects.exists() and not Image.objects.exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert not (data_dir / "demo-credentials.txt").exists()


def test_the_demo_has_a_long_thread_and_a_few_short_ones(data_dir, client):
    from broadsheet.discussion.models import Comment, Thread

    run_demo()
    featured = Thread.objects.get(article__slug=DEMO_FEATURED_SLUG)
    assert featured.comment_count >= 300
    assert (
        featured.comment_count
        == Comment.objects.filter(article_id=featured.pk, status="approved").count()
    )
    assert (
        Comment.objects.filter(article_id=featured.pk).aggregate(models.Max("depth"))["depth__max"]
        == 5
    )
    assert featured.rating_count > 0
    assert Comment.objects.filter(status="pending").count() == 2
    assert Thread.objects.filter(comment_count__gt=0).count() >= 8
    page = client.get(featured.article.get_absolute_url()).content.decode()
    assert f"{featured.comment_count} Kommentare" in page


def test_the_demo_article_has_an_editor_question_with_answers_and_quoted_passages(data_dir, client):
    from broadsheet.discussion.models import EditorQuestion, Passage

    run_demo()
    article = Article.objects.get(slug=DEMO_FEATURED_SLUG)
    question = EditorQuestion.objects.get(article=article)
    assert question.active and question.passages.count() >= 3
    assert Passage.objects.filter(article=article, question=None).count() >= 3
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="editor-question"' in page and "Antworten)" in page
    data = json.loads(
        re.search(r'id="passage-data" type="application/json">(.*?)</script>', page).group(1)
    )
    quoted = {p["exact"]: p["count"] for p in data}
    assert quoted["Wir könnten jeden Schlafwagen, den wir haben, zweimal verkaufen"] == 2
