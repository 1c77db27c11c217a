"""The profile: a name nobody else shows, a short plain-text bio, the avatar, notifications."""

import pytest
from django.utils import timezone

from broadsheet.accounts import services
from broadsheet.accounts.models import User
from broadsheet.notifications.models import Subscriber, Subscription

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def save(client, display_name="Lea L.", bio=""):
    return client.post("/account/profile/", {"display_name": display_name, "bio": bio})


def test_the_profile_needs_a_signed_in_reader(client):
    response = client.get("/account/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_a_reader_saves_a_normalised_name_and_a_bio(client, reader):
    client.force_login(reader)
    response = save(
        client, display_name="  Lea\u200b  Leserin\u202e ", bio="Ich lese gern.\nAuch Kommentare."
    )
    assert response.status_code == 303 and response["Location"] == "/account/profile/?saved=1"
    reader.refresh_from_db()
    assert reader.display_name == "Lea Leserin"
    page = client.get(response["Location"]).content.decode()
    assert "Your profile is saved." in page
    assert "Ich lese gern.<br>Auch Kommentare." in page
    assert '<svg class="avatar" width="64"' in page and ">LL</text>" in page


def test_the_bio_is_shown_as_text_never_as_markup(client, reader):
    client.force_login(reader)
    save(client, bio='<script>alert("x")</script> <b>fett</b>')
    page = client.get("/account/profile/").content.decode()
    assert "<script>alert" not in page and "<b>fett</b>" not in page.split("<textarea")[0]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;fett&lt;/b&gt;" in page


def test_a_bio_over_the_limit_is_refused_with_its_length(client, reader, settings):
    settings.BROADSHEET_BIO_MAX_LENGTH = 20
    client.force_login(reader)
    response = save(client, bio="x" * 21)
    assert response.status_code == 400
    assert "21 characters long; at most 20" in response.content.decode()
    reader.refresh_from_db()
    assert reader.bio == ""


@pytest.mark.parametrize("name", ["Redaktion", "Rеdaktion", "Admin-Team", "Broadsheet", "MORITZ"])
def test_newsroom_and_reserved_names_are_refused(client, reader, moderator, name):
    client.force_login(reader)
    response = save(client, display_name=name)
    assert response.status_code == 400
    assert "This name belongs to our newsroom" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    reader.refresh_from_db()
    assert reader.display_name == "Lea"


def test_another_readers_name_is_refused(client, reader):
    User.objects.create_user("max", "max@example.org", display_name="Max M.")
    client.force_login(reader)
    response = save(client, display_name="max m.")
    assert response.status_code == 400
    assert "Another reader already uses this name" in response.content.decode()


def test_an_empty_name_is_refused(client, reader):
    client.force_login(reader)
    response = save(client, display_name="\u200b \u200e")
    assert response.status_code == 400
    assert "Please tell us your name." in response.content.decode()


def test_a_staff_member_keeps_their_own_name(moderator):
    moderator.display_name = "Moritz"
    services.update_profile(moderator, display_name="Moritz", bio="")
    assert User.objects.get(pk=moderator.pk).display_name == "Moritz"


def test_subscriptions_are_shown_for_a_confirmed_address_only(client, reader, article):
    subscriber = Subscriber.objects.create(
        email="lea@example.org", language="en", verified_at=timezone.now()
    )
    Subscription.objects.create(
        subscriber=subscriber, scope="article", article=article, language="en",
        confirmed_at=timezone.now(),
    )  # fmt: skip
    client.force_login(reader)
    page = client.get("/account/profile/").content.decode()
    assert subscriber.manage_token not in page and "You follow no discussion" in page

    reader.email_confirmed_at = timezone.now()
    reader.save()
    page = client.get("/account/profile/").content.decode()
    assert f"/notifications/manage/{subscriber.manage_token}/" in page
    assert "Streit um die Stadtbahn" in page
