"""The digest's signed links: a page that changes nothing, a button that decides."""

import pytest
from django.test import Client

from broadsheet.core.testing import make_article, make_comment
from broadsheet.moderation.mail_actions import action_url
from broadsheet.moderation.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    article = make_article("Sperrung der Brücke", slug="bruecke")
    return make_comment(article, status="pending", body="Endlich wird sie saniert!")


def csrf_client():
    return Client(enforce_csrf_checks=True)


def post_from_page(client, url, data=None):
    import re

    page = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client.post(url, {"csrfmiddlewaretoken": token, **(data or {})})


def test_opening_the_link_changes_nothing(held, moderator):
    client = csrf_client()
    url = action_url(held, action="approve", moderator=moderator)
    for _ in range(3):  # a mail scanner, a preview, the moderator
        page = client.get(url)
        assert page.status_code == 200
        assert "Endlich wird sie saniert!" in page.content.decode()
    held.refresh_from_db()
    assert held.status == "pending"
    assert not AuditEntry.objects.exists()


def test_the_button_approves_as_the_moderator_the_mail_was_sent_to(held, moderator):
    client = csrf_client()
    response = post_from_page(client, action_url(held, action="approve", moderator=moderator))
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == "approved"
    assert AuditEntry.objects.get().actor == moderator


def test_rejecting_by_mail_needs_a_reason(held, moderator):
    client = csrf_client()
    url = action_url(held, action="reject", moderator=moderator)
    response = post_from_page(client, url, {"reason": ""})
    assert response.status_code == 400
    held.refresh_from_db()
    assert held.status == "pending"
    response = post_from_page(client, url, {"reason": "off_topic"})
    held.refresh_from_db()
    assert (held.status, held.removal_reason) == ("trash", "off_topic")


def test_an_old_link_cannot_undo_a_later_decision(held, moderator):
    client = csrf_client()
    reject = action_url(held, action="reject", moderator=moderator)
    post_from_page(client, action_url(held, action="approve", moderator=moderator))
    page = client.get(reject).content.decode()
    assert "<button" not in page.split("</main>")[0].split('<main id="main"')[1]
    client.post(reject, {"reason": "spam"})
    held.refresh_from_db()
    assert held.status == "approved"


def test_forged_and_revoked_links_do_nothing(held, moderator, reader):
    client = csrf_client()
    url = action_url(held, action="approve", moderator=moderator)
    assert client.get(url[:-3] + "xyz/").status_code == 404
    # Signed for someone who is not a moderator (or no longer one).
    assert client.get(action_url(held, action="approve", moderator=reader)).status_code == 404
    moderator.is_active = False
    moderator.save()
    assert client.get(url).status_code == 404
    held.refresh_from_db()
    assert held.status == "pending"
