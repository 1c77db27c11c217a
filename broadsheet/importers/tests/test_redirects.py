"""Every old WordPress URL keeps working: 301 to where the object lives now."""

import pytest

from broadsheet.core.testing import queries_for
from broadsheet.importers.models import LegacyRedirect
from broadsheet.publishing.models import Article


@pytest.fixture
def imported(run_import, morgenpost):
    return run_import(morgenpost)


def moved(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 301, f"{url} answered {response.status_code}"
    return response["Location"]


def test_an_old_permalink_with_an_umlaut_redirects_to_the_new_slug(imported, client):
    assert moved(client, "/2021/05/03/%C3%BCber-uns-hinaus/") == "/2021/05/03/ueber-uns-hinaus/"
    assert moved(client, "/2021/05/03/%c3%bcber-uns-hinaus") == "/2021/05/03/ueber-uns-hinaus/"


def test_permalinks_that_did_not_change_need_no_redirect(imported, client):
    assert client.get("/2021/05/01/gipfel-in-wien/").status_code == 200
    assert not LegacyRedirect.objects.filter(old_path="/2021/05/01/gipfel-in-wien/").exists()


def test_plain_permalinks_with_post_and_page_ids_redirect(imported, client):
    assert moved(client, "/?p=101") == "/2021/05/01/gipfel-in-wien/"
    assert moved(client, "/index.php?p=107") == "/2021/05/03/ueber-uns-hinaus/"
    assert moved(client, "/?page_id=201") == "/team/"
    assert moved(client, "/?p=200") == "/impressum/"


def test_a_child_page_path_redirects_to_the_flat_page(imported, client):
    assert moved(client, "/impressum/team/") == "/team/"
    assert client.get("/impressum/").status_code == 200


def test_old_category_tag_and_author_paths_redirect(imported, client):
    assert moved(client, "/category/%C3%BCber-den-tellerrand/") == "/category/ueber-den-tellerrand/"
    assert moved(client, "/category/%C3%BCber-den-tellerrand/page/2/") == (
        "/category/ueber-den-tellerrand/page/2/"
    )
    assert client.get("/category/politik/international/").status_code == 200
    assert moved(client, "/author/j-oelmann/") == "/author/jens-oelmann/"
    assert moved(client, "/author/anna/") == "/author/anna-berger/"


def test_category_tag_and_author_query_forms_redirect(imported, client):
    assert moved(client, "/?cat=12") == "/category/ueber-den-tellerrand/"
    assert moved(client, "/?tag=klima") == "/tag/klima/"
    assert moved(client, "/?author=3") == "/author/jens-oelmann/"


def test_unpublished_targets_are_not_revealed(imported, client):
    assert client.get("/?p=104").status_code == 200  # the front page, not the private post
    article = Article.objects.get(slug="ueber-uns-hinaus")
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get("/2021/05/03/%C3%BCber-uns-hinaus/").status_code == 404


def test_unknown_paths_stay_404_and_other_methods_are_left_alone(imported, client):
    assert client.get("/2021/05/03/gibt-es-nicht/").status_code == 404
    assert client.post("/impressum/team/").status_code in (403, 404, 405)


def test_the_front_page_without_query_forms_costs_no_redirect_lookup(imported, client):
    for cold in (True, False):
        statements = queries_for(client, "/", cold=cold)
        assert statements and not any("importers_legacyredirect" in sql for sql in statements)
