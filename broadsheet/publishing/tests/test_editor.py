"""The body editor's live preview: the server's own renderer, behind the admin login."""

import pytest
from django.test import Client

from broadsheet.core.testing import make_article

pytestmark = pytest.mark.django_db

URL = "/admin/publishing/article/preview-body/"


def test_the_preview_is_what_readers_get_with_a_word_count(client, contributor):
    source = "Ein *kurzer* Text.\n\n[[Die Linie wird verlängert.|Was meinen Sie?]]"
    article = make_article("Vorschau", body=source)
    client.force_login(contributor)
    response = client.post(URL, {"body": source})
    assert response.status_code == 200
    assert response.json()["html"] == article.body_html
    assert response.json()["words"] == len(article.body_text.split())


def test_the_preview_sanitises_and_refuses_get_and_strangers(client, editor, reader):
    client.force_login(editor)
    html = client.post(URL, {"body": "Hallo <script>alert(1)</script> Welt"}).json()["html"]
    assert "<script>" not in html
    assert client.get(URL).status_code == 405
    assert client.post(URL, {"body": "x" * 500_001}).status_code == 413
    stranger = Client()
    stranger.force_login(reader)
    assert stranger.post(URL, {"body": "x"}).status_code == 302  # to the admin login
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(URL, {"body": "x"}).status_code == 403


def test_the_change_form_loads_the_editor_without_inline_script(client, editor):
    client.force_login(editor)
    page = client.get("/admin/publishing/article/add/").content.decode()
    assert "admin-editor.js" in page and f'data-preview-url="{URL}"' in page
    assert '<script src="/static/broadsheet/admin-editor.js"' in page  # a file: CSP allows it
    assert "'unsafe-inline'" not in client.get("/admin/").headers["Content-Security-Policy"]
