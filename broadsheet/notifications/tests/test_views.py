"""Reader pages: the subscribe bar, confirm, manage and one-click unsubscribe."""

import re

import pytest
from django.test import Client

from broadsheet.core.testing import make_article
from broadsheet.notifications import services
from broadsheet.notifications.models import Delivery, Subscriber, Subscription

from .conftest import ORIGIN, confirmation_token

pytestmark = pytest.mark.django_db


def active_subscription(article, email="lea@example.org", scope="article"):
    result = services.subscribe(email, article=article, scope=scope, language="de")
    confirmation = Delivery.objects.filter(kind="confirmation", to=email).latest("pk")
    services.confirm_subscription(confirmation_token(confirmation))
    result.subscription.refresh_from_db()
    return result.subscription


def test_the_article_page_offers_guests_a_subscribe_bar_without_personal_data(article, lea):
    active_subscription(article)

    page = lea.client.get(article.get_absolute_url()).content.decode()

    assert f'action="/notifications/subscribe/{article.pk}/"' in page
    assert 'name="scope" value="article" checked' in page
    assert 'name="scope" value="replies"' in page
    assert 'type="email" name="email"' in page
    assert "lea@example.org" not in page


def test_a_logged_in_reader_subscribes_with_one_click_and_can_stop_again(article, reader):
    client = Client()
    client.force_login(reader)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Benachrichtige mich unter lea@example.org" in page
    assert 'type="email" name="email"' not in page

    response = client.post(
        f"/notifications/subscribe/{article.pk}/", {"scope": "article"}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 303 and response["Location"].endswith("?state=active")
    assert not Delivery.objects.exists()
    page = client.get(article.get_absolute_url()).content.decode()
    subscription = Subscription.objects.get()
    assert "Wir benachrichtigen Sie unter lea@example.org über alle neuen Kommentare" in page
    assert f'action="/notifications/unsubscribe/{subscription.token}/"' in page


def test_a_guest_subscribing_without_javascript_is_sent_to_a_status_page(article, lea):
    response = lea.subscribe(article)

    assert response.status_code == 303
    assert response["Location"] == f"/notifications/subscribe/{article.pk}/?state=pending"
    page = lea.client.get(response["Location"]).content.decode()
    assert "Fast geschafft: Bitte bestätigen Sie Ihre Adresse" in page
    assert Subscription.objects.get().subscriber.email == "lea@example.org"


def test_the_answer_never_tells_a_guest_whether_an_address_is_subscribed(article, lea, max_):
    active_subscription(article, "lea@example.org")

    response = max_.subscribe(article, email_address="lea@example.org")

    assert response["Location"].endswith("?state=pending")


def test_with_javascript_the_subscribe_post_answers_json(article, lea):
    response = lea.subscribe(article, HTTP_X_BROADSHEET_FRAGMENT="1")

    assert response.status_code == 200
    assert response.json()["state"] == "pending"
    bad = lea.subscribe(article, email_address="kaputt", HTTP_X_BROADSHEET_FRAGMENT="1")
    assert bad.status_code == 400 and bad.json()["error"]


def test_a_bad_address_shows_the_form_again_with_a_message(article, lea):
    response = lea.subscribe(article, email_address="kaputt")

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_cross_site_subscribe_post_is_refused(article, lea):
    response = lea.client.post(
        f"/notifications/subscribe/{article.pk}/",
        {"scope": "article", "email": "opfer@example.org"},
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def pending_confirmation(article, email="lea@example.org") -> str:
    """Subscribe the address; the path of the link in its confirmation e-mail."""
    services.subscribe(email, article=article, scope="article", language="de")
    return f"/notifications/confirm/{confirmation_token(Delivery.objects.get(to=email))}/"


def test_opening_the_confirmation_link_only_asks(article, lea):
    link = pending_confirmation(article)

    response = lea.client.get(link)
    lea.client.head(link)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Abonnement bestätigen" in page and "Streit um die Stadtbahn" in page
    assert re.search(
        r'<form method="post"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"', page
    )
    assert "Ja, benachrichtigen Sie mich" in page
    subscriber = Subscriber.objects.get()
    assert not subscriber.is_verified and subscriber.trusted_keys == []
    assert not Subscription.objects.confirmed().exists(), "link scanners must confirm nothing"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_button_confirms_and_shows_what_was_confirmed(article):
    link = pending_confirmation(article)
    browser = Client(enforce_csrf_checks=True)  # an old browser: no Origin header
    page = browser.get(link).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = browser.post(link, {"csrfmiddlewaretoken": token})

    assert response.status_code == 303 and response["Location"] == link
    assert Subscription.objects.confirmed().count() == 1
    assert Subscriber.objects.get().trusted_keys, "this browser reads the mailbox"
    done = browser.get(link)
    assert "Danke, Ihre Adresse ist bestätigt" in done.content.decode()
    assert browser.post(link, {"csrfmiddlewaretoken": token}).status_code == 303, "idempotent"


def test_a_confirmation_post_from_another_site_or_without_token_is_refused(article):
    link = pending_confirmation(article)
    browser = Client(enforce_csrf_checks=True)

    assert browser.post(link).status_code == 403
    assert browser.post(link, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert not Subscription.objects.confirmed().exists()
    assert not Subscriber.objects.get().is_verified


def test_a_forged_confirmation_link_is_refused_both_ways(article, lea):
    pending_confirmation(article)

    assert lea.client.get("/notifications/confirm/forged/").status_code == 400
    response = lea.client.post("/notifications/confirm/forged/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    assert not Subscriber.objects.get().is_verified


def test_the_answer_is_the_same_when_an_address_gets_no_more_confirmation_mail(
    settings, article, lea
):
    settings.BROADSHEET_CONFIRM_MAILS_PER_HOUR = 1
    first = lea.subscribe(article)

    second = lea.subscribe(make_article("Noch ein Artikel"))

    assert Delivery.objects.count() == 1, "the second request sends nothing"
    assert (first.status_code, first["Location"].split("?")[1]) == (
        second.status_code,
        second["Location"].split("?")[1],
    )


def test_one_click_unsubscribe_accepts_a_cookieless_post_and_answers_200(article):
    subscription = active_subscription(article)
    mail_provider = Client(enforce_csrf_checks=True)

    response = mail_provider.post(
        f"/notifications/unsubscribe/{subscription.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()
    again = mail_provider.post(f"/notifications/unsubscribe/{subscription.token}/")
    assert again.status_code == 200


def test_opening_the_unsubscribe_link_only_asks(article, lea):
    subscription = active_subscription(article)

    response = lea.client.get(f"/notifications/unsubscribe/{subscription.token}/")
    lea.client.head(f"/notifications/unsubscribe/{subscription.token}/")

    assert response.status_code == 200
    assert "Keine Benachrichtigungen mehr an lea@example.org" in response.content.decode()
    assert Subscription.objects.exists(), "link scanners must not unsubscribe anyone"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_manage_page_lists_and_cancels_subscriptions(article, lea):
    subscription = active_subscription(article)
    active_subscription(article, "max@example.org")
    url = f"/notifications/manage/{subscription.subscriber.manage_token}/"

    page = lea.client.get(url).content.decode()
    assert page.count('class="notifications__item"') == 1
    assert "Streit um die Stadtbahn" in page and "max@example.org" not in page

    response = lea.client.post(url, {"subscription": subscription.pk}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 303
    assert "1 Abonnement beendet." in lea.client.get(response["Location"]).content.decode()
    assert list(Subscription.objects.values_list("subscriber__email", flat=True)) == [
        "max@example.org"
    ]


def test_cancel_all_on_the_manage_page(article, lea):
    subscription = active_subscription(article)
    url = f"/notifications/manage/{subscription.subscriber.manage_token}/"

    lea.client.post(url, {"all": "on"}, HTTP_ORIGIN=ORIGIN)

    assert not Subscription.objects.exists()
    assert "Sie haben keine Abonnements" in lea.client.get(url).content.decode()


def test_the_manage_page_refuses_cross_site_posts_and_unknown_tokens(article, lea):
    subscription = active_subscription(article)
    url = f"/notifications/manage/{subscription.subscriber.manage_token}/"

    response = lea.client.post(url, {"all": "on"}, HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 403 and Subscription.objects.exists()
    assert lea.client.get("/notifications/manage/guessed/").status_code == 404


def test_the_subscribe_bar_costs_guests_no_query_and_readers_one(
    article, reader, django_assert_num_queries
):
    from django.template.loader import render_to_string

    from broadsheet.discussion.identity import Viewer

    guest = Viewer(user=None, voter_token="t", ip_hash="")
    with django_assert_num_queries(0):
        render_to_string("notifications/_subscribe_bar.html", {"article": article, "viewer": guest})
    logged_in = Viewer(user=reader, voter_token="t", ip_hash="")
    with django_assert_num_queries(1):
        render_to_string(
            "notifications/_subscribe_bar.html", {"article": article, "viewer": logged_in}
        )


def test_the_subscribe_form_also_has_a_page_of_its_own(article, lea):
    response = lea.client.get(f"/notifications/subscribe/{article.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Diskussion abonnieren" in page
    assert f'action="/notifications/subscribe/{article.pk}/"' in page
    assert lea.client.get("/notifications/subscribe/999999/").status_code == 404
