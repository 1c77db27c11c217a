"""A re-import that changes comments shows on the next request, with exact counts."""

import pytest
from django.test import Client

from broadsheet.discussion.models import Thread
from broadsheet.publishing.models import Article

from . import wxr

pytestmark = pytest.mark.django_db


def export(tmp_path, *, first: str, second_status: str = "1", title: str = "Der Gipfel"):
    comments = [
        wxr.comment(2001, author="Karl Kraus", url="https://karl.example/", content=first),
        wxr.comment(2002, author="Berta", content="Zweite Meinung.", approved=second_status),
        wxr.comment(2003, author="Clara", content="Dritte Meinung."),
    ]
    text = wxr.document(wxr.post(201, title=title, name="der-gipfel", comments=comments))
    return wxr.write(tmp_path, text, f"export-{len(list(tmp_path.iterdir()))}.xml")


def article_page() -> str:
    article = Article.objects.get(slug="der-gipfel")
    response = Client().get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_reimport_that_edits_a_comment_shows_the_new_text_name_and_website(run_import, tmp_path):
    run_import(export(tmp_path, first="Ein Schimpfwort und meine Adresse."))
    before = article_page()
    assert "Ein Schimpfwort" in before and "karl.example" in before

    changed = export(tmp_path, first="Sachlich formuliert.").read_text()
    changed = changed.replace("Karl Kraus", "K. K.").replace("https://karl.example/", "")
    run_import(wxr.write(tmp_path, changed, "changed.xml"))

    after = article_page()
    assert "Ein Schimpfwort" not in after and "Sachlich formuliert." in after
    assert "Karl Kraus" not in after and "K. K." in after and "karl.example" not in after


def test_a_reimport_that_holds_a_comment_recounts_the_thread_and_hides_it(run_import, tmp_path):
    run_import(export(tmp_path, first="Erste Meinung."))
    article = Article.objects.get(slug="der-gipfel")
    assert Thread.objects.get(article=article).comment_count == 3
    assert "Zweite Meinung." in article_page()
    version = Thread.objects.get(article=article).version

    run_import(export(tmp_path, first="Erste Meinung.", second_status="spam"))

    thread = Thread.objects.get(article=article)
    assert thread.comment_count == 2 and thread.version > version
    html = article_page()
    assert "Zweite Meinung." not in html and "2 Kommentare" in html


def test_a_reimported_headline_shows_on_the_front_page_at_once(run_import, tmp_path):
    run_import(export(tmp_path, first="Erste Meinung."))
    front = Client().get("/").content.decode()
    assert "Der Gipfel" in front
    run_import(export(tmp_path, first="Erste Meinung.", title="Der Gipfel ist vorbei"))
    assert "Der Gipfel ist vorbei" in Client().get("/").content.decode()
