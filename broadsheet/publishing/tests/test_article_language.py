"""An article written in another language than the site's says so on its element."""

import lxml.html
import pytest

from broadsheet.core.testing import make_article
from broadsheet.publishing.models import Article

pytestmark = pytest.mark.django_db


def _langs(client, article) -> tuple[str, str, str]:
    page = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
    (element,) = page.xpath("//article[contains(@class, 'article')]")
    (discussion,) = page.xpath("//*[@id='comments']")
    own = discussion.xpath("ancestor-or-self::*[@lang][1]/@lang")
    return page.get("lang"), element.get("lang"), own[0]


def test_an_article_in_the_sites_language_has_the_sites_lang(client):
    article = make_article("Ein deutscher Text")
    assert article.language == ""
    assert _langs(client, article) == ("de", "de", "de")


def test_an_english_article_on_the_german_site_is_marked_english_but_its_page_is_not(client):
    article = make_article("An interview in English", language="en")
    # The article is English; the page around it and the discussion stay German.
    assert _langs(client, article) == ("de", "en", "de")


def test_a_change_of_language_reaches_the_cached_article(client):
    article = make_article("Bald englisch")
    assert _langs(client, article)[1] == "de"
    article.language = "en-GB"
    article.save()
    assert _langs(client, article)[1] == "en-GB"


def _admin_post(client, **fields):
    data = {
        "title": "Interview",
        "slug": "interview",
        "body": "An *English* text.",
        "status": "published",
        "published_at_0": "01.05.2021",
        "published_at_1": "10:00:00",
        "comments_enabled": "on",
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **fields,
    }
    return client.post("/admin/publishing/article/add/", data)


def test_the_editor_sets_the_language_in_the_admin(client, editor):
    client.force_login(editor)
    assert 'name="language"' in client.get("/admin/publishing/article/add/").content.decode()
    response = _admin_post(client, language="en")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(slug="interview").language == "en"


@pytest.mark.parametrize("code", ["English", "e", "en_GB", '"><script>', "de-"])
def test_a_code_that_is_not_a_language_tag_is_refused_with_a_message(client, editor, code):
    client.force_login(editor)
    response = _admin_post(client, language=code)
    assert response.status_code == 200
    assert not Article.objects.filter(slug="interview").exists()
    assert "en, fr" in response.content.decode()  # the message names valid codes
