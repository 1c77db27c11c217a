"""Edits in the admin show on the next request: promo blocks, pages, settings, articles.

Each test views the pages first, so every fragment is cached, then edits through the
admin as an editor would, then views them again.
"""

import pytest
from django.test import Client

from broadsheet.core.testing import make_article, make_author
from broadsheet.publishing.models import Article, Page, PromoBlock, PromoLink, Publication
from broadsheet.publishing.models.site import SiteVersion, site_versions

pytestmark = pytest.mark.django_db


def view(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article(db):
    return make_article("Gipfel in Wien", body="Ein Absatz über den Gipfel.")


@pytest.fixture
def block(db):
    block = PromoBlock.objects.create(kind="text", title="Unser Laden", text="Tassen und Taschen.")
    PromoLink.objects.create(block=block, label="Zum Laden", url="https://laden.example/")
    return block


def inline(prefix: str, rows: list[dict], initial: int) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{name}": value for name, value in row.items()})
    return data


def test_an_edited_promo_block_shows_on_the_next_article_view(editor_client, article, block):
    assert "Tassen und Taschen." in view(article.get_absolute_url())
    link = block.links.get()
    response = editor_client.post(
        f"/admin/publishing/promoblock/{block.pk}/change/",
        {
            "kind": "text", "title": "Unser Laden", "text": "Jetzt mit Kalendern.",
            "url": "", "position": "0", "active": "on",
            **inline("links", [{"id": str(link.pk), "block": str(block.pk), "label": "Zum Laden",
                                "url": "https://laden.example/", "position": "0"}], 1),
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    html = view(article.get_absolute_url())
    assert "Jetzt mit Kalendern." in html and "Tassen und Taschen." not in html


def test_a_promo_block_switched_off_in_the_admin_list_goes_at_once(editor_client, article, block):
    assert "Unser Laden" in view(article.get_absolute_url())
    response = editor_client.post(
        "/admin/publishing/promoblock/",
        {
            "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1",
            "form-0-id": str(block.pk), "form-0-position": "0", "_save": "Speichern",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert not PromoBlock.objects.get(pk=block.pk).active
    assert "Unser Laden" not in view(article.get_absolute_url())


def test_deleting_a_promo_block_in_the_admin_removes_it_at_once(editor_client, article, block):
    assert "Unser Laden" in view(article.get_absolute_url())
    response = editor_client.post(
        f"/admin/publishing/promoblock/{block.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert "Unser Laden" not in view(article.get_absolute_url())


def test_a_renamed_footer_page_shows_on_every_page_at_once(editor_client, article):
    page = Page.objects.create(title="Impressum", slug="impressum", body="Wir.")
    assert "Impressum" in view(article.get_absolute_url()) and "Impressum" in view("/")
    response = editor_client.post(
        f"/admin/publishing/page/{page.pk}/change/",
        {"title": "Kontakt", "slug": "impressum", "body": "Wir, jetzt.", "in_footer": "on",
         "position": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    for url in (article.get_absolute_url(), "/"):
        html = view(url)
        assert "Kontakt" in html and "Impressum" not in html
    assert "Wir, jetzt." in view("/impressum/")


def test_publication_settings_edited_in_the_admin_show_at_once(editor_client, article):
    Publication.objects.create(name="Die Morgenpost")
    assert "Die Morgenpost" in view(article.get_absolute_url())
    response = editor_client.post(
        "/admin/publishing/publication/1/change/",
        {"name": "Die Abendpost", "tagline": "Seit gestern", "description": "",
         "comments_close_after_days": ""},
    )  # fmt: skip
    assert response.status_code == 302
    for url in (article.get_absolute_url(), "/", "/feed/"):
        html = view(url)
        assert "Die Abendpost" in html and "Die Morgenpost" not in html


def test_an_article_edited_in_the_admin_shows_on_its_page_and_in_listings(editor_client, article):
    author = make_author("Anna Berger")
    assert "Gipfel in Wien" in view("/") and "Ein Absatz" in view(article.get_absolute_url())
    local = article.published_at.astimezone()
    response = editor_client.post(
        f"/admin/publishing/article/{article.pk}/change/",
        {
            "kicker": "WIEN", "title": "Einigung in Wien", "slug": article.slug, "dateline": "",
            "dek": "", "body": "Ein neuer Absatz.", "status": "published",
            "published_at_0": local.strftime("%d.%m.%Y"),
            "published_at_1": local.strftime("%H:%M:%S"),
            "lead_image": "", "source_outlet": "", "source_url": "", "source_date": "",
            "comments_enabled": "on", "comments_close_after_days": "", "rating_enabled": "on",
            **inline("article_authors", [{"author": str(author.pk), "position": "0"}], 0),
            **inline("corrections", [], 0),
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    html = view(Article.objects.get(pk=article.pk).get_absolute_url())
    assert "Einigung in Wien" in html and "Ein neuer Absatz." in html and "Anna Berger" in html
    listing = view("/")
    assert "Einigung in Wien" in listing and "Gipfel in Wien" not in listing
    assert "Einigung in Wien" in view("/feed/")


def test_the_site_versions_move_inside_the_writers_transaction(article):
    from django.db import transaction

    before = site_versions()
    with transaction.atomic():
        Page.objects.create(title="Datenschutz", slug="datenschutz", body="Kurz.")
        inside = site_versions()
        transaction.set_rollback(True)
    assert inside[0] > before[0] and inside[1] == before[1]
    assert site_versions() == before, "a rolled-back edit leaves the versions as they were"
    article.save()
    assert site_versions()[1] > before[1]
    assert SiteVersion.objects.count() == 1
