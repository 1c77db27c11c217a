"""A password is optional: an account made by a link may add one and then use it."""

import pytest

from .conftest import ask_for_link, newest_link_path, signed_in_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_account_made_by_link_sets_a_password_and_logs_in_with_it(client):
    ask_for_link(client, "neu@example.org")
    client.post(newest_link_path("neu@example.org"))
    user = signed_in_user(client)
    profile = client.get("/account/profile/").content.decode()
    assert "Set a password" in profile and user.username in profile
    assert "old_password" not in client.get("/account/password/").content.decode()

    response = client.post(
        "/account/password/",
        {"new_password1": "Stadtbahn-2026!", "new_password2": "Stadtbahn-2026!"},
    )

    assert response["Location"] == "/account/profile/?password=1"
    assert signed_in_user(client) == user  # still signed in here
    client.post("/account/logout/")
    login = client.post(
        "/account/login/", {"username": user.username, "password": "Stadtbahn-2026!"}
    )
    assert login.status_code == 302 and signed_in_user(client) == user


def test_changing_a_password_needs_the_old_one(client, reader):
    client.force_login(reader)
    response = client.post(
        "/account/password/",
        {"old_password": "falsch", "new_password1": "Neu-2026-x!", "new_password2": "Neu-2026-x!"},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    reader.refresh_from_db()
    assert reader.check_password("leserin-geheim")


def test_mismatched_passwords_are_refused(client, reader):
    reader.set_unusable_password()
    reader.save()
    client.force_login(reader)
    response = client.post(
        "/account/password/", {"new_password1": "Eins-2026-x!", "new_password2": "Zwei-2026-x!"}
    )
    assert response.status_code == 400
    assert "didn’t match" in response.content.decode()
