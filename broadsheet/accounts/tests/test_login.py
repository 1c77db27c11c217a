import pytest

pytestmark = pytest.mark.django_db


def test_a_reader_logs_in_and_then_comments_under_their_account(client, reader, settings):
    from broadsheet.core.testing import make_article

    article = make_article("Ein Artikel")
    page = client.get("/account/login/")
    assert page.status_code == 200 and 'autocomplete="current-password"' in page.content.decode()
    response = client.post(
        "/account/login/",
        {"username": "lea", "password": "leserin-geheim", "next": article.get_absolute_url()},
    )
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Sie kommentieren als Lea." in html and 'name="email"' not in html
    assert "Abmelden (Lea)" in html


def test_a_wrong_password_is_refused_with_a_message(client, reader):
    response = client.post("/account/login/", {"username": "lea", "password": "falsch"})
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben" in response.content.decode()


def test_anonymous_pages_set_no_session_cookie(client):
    response = client.get("/")
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
