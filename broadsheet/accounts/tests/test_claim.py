"""Claiming the comments written as a guest: only with an address the link confirmed."""

import pytest
from django.utils import timezone

from broadsheet.accounts import services
from broadsheet.accounts.models import User
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment, Thread

from .conftest import ask_for_link, newest_link_path, signed_in_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def guest_comments(article, email="lea@example.org", n=2):
    return [
        make_comment(article, author_name="Lea Leserin", author_email=email, body=f"Gast {i}.")
        for i in range(n)
    ]


def test_signing_up_by_link_offers_the_guest_comments_and_claims_them(client, article):
    other_article = make_article("Noch ein Artikel")
    mine = [*guest_comments(article), *guest_comments(other_article, n=1)]
    theirs = make_comment(article, author_email="max@example.org")
    versions = dict(Thread.objects.values_list("pk", "version"))

    ask_for_link(client, "lea@example.org")
    response = client.post(newest_link_path("lea@example.org"))
    assert response["Location"] == "/account/claim/"
    page = client.get("/account/claim/").content.decode()
    assert "Claim my 3 earlier comments" in page

    claimed = client.post("/account/claim/")

    user = signed_in_user(client)
    assert claimed["Location"] == "/account/comments/?claimed=3"
    assert (
        "3 comments are now part of your account."
        in client.get(claimed["Location"]).content.decode()
    )
    assert set(Comment.objects.filter(user=user)) == set(mine)
    assert Comment.objects.get(pk=theirs.pk).user_id is None
    # The name the guest used becomes the account's, and every touched thread moved on.
    assert user.display_name == "Lea Leserin"
    for article_id, version in Thread.objects.values_list("pk", "version"):
        assert version > versions[article_id]
    assert (
        client.get("/account/claim/").content.decode().count("There are no comments to claim") == 1
    )


def test_an_account_whose_address_is_not_confirmed_claims_nothing(client, article):
    # A password account with someone's address typed in: the address proves nothing.
    user = User.objects.create_user("max", "lea@example.org", "geheim", display_name="Max")
    guest_comments(article)
    client.force_login(user)

    assert "There are no comments to claim" in client.get("/account/claim/").content.decode()
    assert client.post("/account/claim/")["Location"] == "/account/comments/?claimed=0"
    assert not Comment.objects.filter(user__isnull=False).exists()


def test_asking_for_a_link_to_someone_elses_address_claims_nothing(client, reader, article):
    guest_comments(article, email="max@example.org")
    client.force_login(reader)
    reader.email_confirmed_at = timezone.now()
    reader.save()

    ask_for_link(client, "max@example.org")  # the link goes to Max's mailbox, not here
    client.post("/account/claim/")

    assert not Comment.objects.filter(user__isnull=False).exists()
    assert services.claimable_comments(reader).count() == 0


def test_a_claimed_comment_stays_in_the_thread(client, article):
    [comment] = guest_comments(article, n=1)
    ask_for_link(client, "lea@example.org")
    client.post(newest_link_path("lea@example.org"))
    client.post("/account/claim/")
    page = client.get(article.get_absolute_url()).content.decode()
    assert comment.anchor in page and "Gast 0." in page
    assert signed_in_user(client).comments.get() == comment
