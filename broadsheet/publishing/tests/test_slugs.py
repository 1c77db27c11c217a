"""German slugs everywhere, and old URLs that follow a changed slug."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import django
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from broadsheet.core.testing import make_article
from broadsheet.importers.content import make_slug
from broadsheet.importers.service import import_wxr
from broadsheet.importers.tests import wxr
from broadsheet.publishing.demo.loader import german_slug
from broadsheet.publishing.models import Article, ArticleSlugRedirect
from broadsheet.publishing.slugs import german_slugify

CASES = [
    ("Größter Bücherflohmarkt Österreichs öffnet", "groesster-buecherflohmarkt-oesterreichs-oeffnet"),
    ("Pläne für", "plaene-fuer"),
    ("Straße", "strasse"),
    ("GROSSE ÄNDERUNG ẞ", "grosse-aenderung-ss"),
    ("Über uns", "ueber-uns"),
    ("Café crème à la française", "cafe-creme-a-la-francaise"),
    ("  Wahl 2025: Ergebnis – live!  ", "wahl-2025-ergebnis-live"),
    ("Москва", ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "slug"), CASES)
def test_german_slugify_spells_umlauts_out(text, slug):
    assert german_slugify(text) == slug


def test_a_cut_slug_ends_without_a_hyphen():
    assert german_slugify("Pläne für Straßen", max_length=11) == "plaene-fuer"
    assert german_slugify("Pläne für Straßen", max_length=12) == "plaene-fuer"


@pytest.mark.parametrize(("text", "slug"), CASES[:4])
def test_the_importer_and_the_demo_make_the_same_slugs(text, slug):
    assert make_slug(text, 200) == slug
    assert german_slug(text) == slug


@pytest.mark.django_db
def test_imported_titles_tags_and_categories_get_german_slugs(tmp_path):
    item = wxr.post(
        3, title="Pläne für den Bücherflohmarkt", name="", tags=("Grüne Straße",), categories=()
    )
    import_wxr(wxr.write(tmp_path, wxr.document(item)))
    article = Article.objects.get()
    assert article.slug == "plaene-fuer-den-buecherflohmarkt"
    assert [t.slug for t in article.tags.all()] == ["gruene-strasse"]


# --- The admin's live preview ---------------------------------------------------------

URLIFY = Path(django.__file__).parent / "contrib/admin/static/admin/js/urlify.js"
OURS = Path(__file__).resolve().parents[2] / "static/broadsheet/admin-slugs.js"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the admin script")
@pytest.mark.parametrize(("text", "slug"), CASES[:4])
def test_the_admin_preview_makes_the_same_slug_as_the_server(text, slug):
    script = (
        "globalThis.window = globalThis;"
        f"eval(require('fs').readFileSync({json.dumps(str(URLIFY))}, 'utf8'));"
        f"eval(require('fs').readFileSync({json.dumps(str(OURS))}, 'utf8'));"
        f"process.stdout.write(window.URLify({json.dumps(text)}, 200, false));"
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == slug


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["article", "category", "tag", "author", "page"])
def test_every_admin_form_with_a_slug_loads_the_german_preview(client, editor, path):
    client.force_login(editor)
    html = client.get(f"/admin/publishing/{path}/add/").content.decode()
    urlify, ours = html.find("admin/js/urlify"), html.find("broadsheet/admin-slugs")
    assert 0 < urlify < ours


# --- A changed slug keeps the old URL ---------------------------------------------------

MAY_DAY = datetime.datetime(2021, 5, 1, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_existing_slugs_are_left_alone(client):
    article = make_article("Pläne für", slug="plane-fur", published_at=MAY_DAY)
    article.title = "Pläne für morgen"
    article.save()
    assert Article.objects.get(pk=article.pk).slug == "plane-fur"
    assert client.get("/2021/05/01/plane-fur/").status_code == 200
    assert not ArticleSlugRedirect.objects.exists()


@pytest.mark.django_db
def test_a_changed_slug_of_a_published_article_redirects_permanently(client):
    article = make_article("Pläne für", slug="plane-fur", published_at=MAY_DAY)
    article.slug = "plaene-fuer"
    article.save()
    response = client.get("/2021/05/01/plane-fur/")
    assert response.status_code == 301
    assert response["Location"] == "/2021/05/01/plaene-fuer/"
    assert client.get("/2020/01/01/plane-fur/")["Location"] == "/2021/05/01/plaene-fuer/"
    assert client.get(response["Location"]).status_code == 200

    article.slug = "plaene-fuer-2022"  # a second change: both old URLs land on the newest
    article.save()
    for old in ("plane-fur", "plaene-fuer"):
        assert client.get(f"/2021/05/01/{old}/")["Location"] == "/2021/05/01/plaene-fuer-2022/"


@pytest.mark.django_db
def test_taking_an_old_slug_back_removes_its_redirect(client):
    article = make_article("Pläne", slug="plaene", published_at=MAY_DAY)
    article.slug = "plaene-neu"
    article.save()
    article.slug = "plaene"
    article.save()
    assert list(ArticleSlugRedirect.objects.values_list("old_slug", flat=True)) == ["plaene-neu"]
    assert client.get("/2021/05/01/plaene/").status_code == 200
    assert client.get("/2021/05/01/plaene-neu/")["Location"] == "/2021/05/01/plaene/"


@pytest.mark.django_db
def test_a_draft_may_change_its_slug_without_leaving_a_redirect(client):
    draft = make_article("Entwurf", slug="entwurf", status=Article.Status.DRAFT)
    draft.slug = "entwurf-neu"
    draft.save()
    assert not ArticleSlugRedirect.objects.exists()
    assert client.get("/2021/05/01/entwurf/").status_code == 404


@pytest.mark.django_db
def test_an_old_slug_of_an_article_taken_offline_is_not_found(client):
    article = make_article("Pläne", slug="plaene", published_at=MAY_DAY)
    article.slug = "plaene-neu"
    article.save()
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get("/2021/05/01/plaene/").status_code == 404
    assert client.get("/2021/05/01/gibt-es-nicht/").status_code == 404


@pytest.mark.django_db
def test_a_new_article_may_take_a_slug_another_one_left(client):
    old = make_article("Alt", slug="bericht", published_at=MAY_DAY)
    old.slug = "bericht-alt"
    old.save()
    new = make_article("Neu", slug="bericht", published_at=MAY_DAY)
    assert client.get("/2021/05/01/bericht/").status_code == 200  # the new article wins
    assert "Neu" in client.get(new.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_admin_slug_change_leaves_a_redirect(client, editor):
    article = make_article("Pläne für", slug="plane-fur", published_at=MAY_DAY)
    client.force_login(editor)
    response = client.post(
        f"/admin/publishing/article/{article.pk}/change/",
        {
            "title": "Pläne für",
            "slug": "plaene-fuer",
            "body": article.body,
            "status": "published",
            "published_at_0": "01.05.2021",
            "published_at_1": "12:00:00",
            "comments_enabled": "on",
            "rating_enabled": "on",
            "article_authors-TOTAL_FORMS": "0",
            "article_authors-INITIAL_FORMS": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    assert client.get("/2021/05/01/plane-fur/")["Location"] == "/2021/05/01/plaene-fuer/"


@pytest.mark.django_db
def test_a_normal_article_page_pays_no_query_for_redirects(client):
    article = make_article("Pläne", slug="plaene", published_at=MAY_DAY)
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(article.get_absolute_url())
    assert not [q for q in queries.captured_queries if "slugredirect" in q["sql"]]
