"""Revisions: one per save, a diff between any two, restore, corrections and autosave."""

import pytest

from broadsheet.core.testing import make_article
from broadsheet.publishing import services
from broadsheet.publishing.editorial_admin import revision_diff
from broadsheet.publishing.models import Article, ArticleAutosave, ArticleNote, ArticleRevision

pytestmark = pytest.mark.django_db


def _edit(article, by, **fields):
    for name, value in fields.items():
        setattr(article, name, value)
    return services.save_article(article, by=by)


def test_every_save_keeps_a_revision_with_who_when_and_the_text(editor):
    article = make_article("Erste Fassung", body="Alt.")
    _edit(article, editor, title="Zweite Fassung", body="Neu.")
    _edit(article, editor, dek="Mit Vorspann.")
    revisions = list(article.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[0].created_by is None and revisions[0].title == "Erste Fassung"
    assert revisions[1].created_by == editor and revisions[1].body == "Neu."
    assert revisions[2].dek == "Mit Vorspann." and revisions[2].kind == "published"
    assert revisions[0].created_at <= revisions[2].created_at


def test_the_diff_shows_changed_fields_escaped(editor):
    article = make_article("Titel", body="Satz eins.\n\nSatz <b>zwei</b>.")
    _edit(article, editor, body="Satz eins.\n\nSatz <script>drei</script>.")
    old, new = article.revisions.order_by("number")
    changes = revision_diff(old, new)
    assert len(changes) == 1  # only the body changed
    table = changes[0]["table"]
    assert "&lt;script&gt;drei&lt;/script&gt;" in table and "<script>" not in table
    assert "&lt;b&gt;zwei&lt;/b&gt;" in table


def test_the_history_page_compares_any_two_and_refuses_unknown_numbers(client, editor):
    article = make_article("Eins", body="A")
    _edit(article, editor, body="B")
    _edit(article, editor, body="C")
    client.force_login(editor)
    url = f"/admin/publishing/article/{article.pk}/history/revisions/"
    page = client.get(f"{url}?a=1&b=3").content.decode()
    assert 'class="diff_sub"' in page or 'class="diff_chg"' in page
    assert client.get(f"{url}?a=1&b=9").status_code == 404
    assert client.get(f"{url}?a=x").status_code == 404
    change = client.get(f"/admin/publishing/article/{article.pk}/change/").content.decode()
    assert url in change  # the history button


def test_restore_creates_a_new_revision_and_keeps_the_history(client, editor):
    article = make_article("Eins", body="Ursprünglich.")
    _edit(article, editor, title="Zwei", body="Geändert.")
    client.force_login(editor)
    response = client.post(f"/admin/publishing/article/{article.pk}/restore/1/")
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Eins", "Ursprünglich.")
    assert "Ursprünglich" in article.body_html
    latest = article.revisions.first()
    assert latest.number == 3 and latest.kind == "restored" and latest.restored_from.number == 1
    assert latest.created_by == editor
    assert client.get(f"/admin/publishing/article/{article.pk}/restore/1/").status_code == 302
    assert article.revisions.count() == 3  # a GET restores nothing


def test_a_contributor_cannot_restore_a_published_article(contributor):
    article = make_article("Öffentlich", body="Richtig.")
    services.save_article(article)
    with pytest.raises(services.PublishingDenied):
        services.restore_revision(article.revisions.last(), by=contributor)


def test_a_correction_saved_with_the_fix_links_the_revision(client, editor):
    article = make_article("Bürgermeisterin", body="Sie heißt Maier.")
    client.force_login(editor)
    data = {
        "title": article.title,
        "slug": article.slug,
        "body": "Sie heißt Meier.",
        "status": "published",
        "published_at_0": "01.05.2021",
        "published_at_1": "10:00:00",
        "comments_enabled": "on",
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "1",
        "corrections-INITIAL_FORMS": "0",
        "corrections-0-text": "Der Name war falsch geschrieben.",
        "corrections-0-corrected_at_0": "01.05.2021",
        "corrections-0-corrected_at_1": "12:00:00",
        "new_note": "Leserhinweis per Mail, danke an Frau M.",
    }
    response = client.post(f"/admin/publishing/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = article.corrections.get()
    assert correction.revision == article.revisions.first()
    assert correction.revision.body == "Sie heißt Meier."
    note = ArticleNote.objects.get(article=article)
    assert note.author == editor and "Frau M." in note.text
    history = client.get(f"/admin/publishing/article/{article.pk}/history/revisions/")
    assert "Der Name war falsch geschrieben." in history.content.decode()
    change = client.get(f"/admin/publishing/article/{article.pk}/change/").content.decode()
    assert "Frau M." in change and "erika" in change  # the note, its author
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Frau M." not in public  # notes are never public


def test_autosave_keeps_one_slot_makes_no_revision_and_comes_back_on_reopen(client, editor):
    article = make_article("Entwurf", status=Article.Status.DRAFT, body="Erster Satz.")
    client.force_login(editor)
    url = f"/admin/publishing/article/{article.pk}/autosave/"
    for text in ("Erster Satz. Zwei", "Erster Satz. Zweiter Satz."):
        response = client.post(url, {"title": "Entwurf", "body": text})
        assert response.status_code == 200 and "saved_at" in response.json()
    assert ArticleAutosave.objects.count() == 1
    assert ArticleRevision.objects.filter(article=article).count() == 1
    article.refresh_from_db()
    assert article.body == "Erster Satz."  # readers and caches see nothing yet
    assert client.get(url).status_code == 405
    page = client.get(f"/admin/publishing/article/{article.pk}/change/").content.decode()
    assert "Erster Satz. Zweiter Satz." in page
    assert "admin-autosave.js" in page


def test_autosave_needs_csrf_and_the_right_to_change(editor, reader):
    from django.test import Client

    article = make_article("Entwurf", status=Article.Status.DRAFT)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    url = f"/admin/publishing/article/{article.pk}/autosave/"
    assert strict.post(url, {"body": "x"}).status_code == 403
    outsider = Client()
    outsider.force_login(reader)
    assert outsider.post(url, {"body": "x"}).status_code in (302, 403)
    assert not ArticleAutosave.objects.exists()


def test_an_explicit_save_turns_the_autosave_into_a_revision(editor):
    article = make_article("Entwurf", status=Article.Status.DRAFT, body="Alt.")
    services.autosave(article, by=editor, fields={"title": "Entwurf", "body": "Getippt."})
    _edit(article, editor, body="Getippt.")
    assert not ArticleAutosave.objects.exists()
    assert article.revisions.first().body == "Getippt."
