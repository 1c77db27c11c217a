"""subscribe / confirm_subscription / unsubscribe: double opt-in and its limits."""

import datetime

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from broadsheet.core.testing import make_article, make_comment
from broadsheet.notifications import services
from broadsheet.notifications.email import build_message
from broadsheet.notifications.models import Delivery, Subscriber, Subscription
from broadsheet.notifications.services import SubscriptionError

from .conftest import confirmation_token

pytestmark = pytest.mark.django_db


def subscribe(article, email="lea@example.org", scope="article", **options):
    options.setdefault("language", "de")
    options.setdefault("ip_hash", "ip-of-lea")
    return services.subscribe(email, article=article, scope=scope, **options)


def confirmations(email="lea@example.org"):
    return Delivery.objects.filter(kind=Delivery.Kind.CONFIRMATION, to=email)


def named_in(delivery) -> list[str]:
    return [line[2:] for line in build_message(delivery).body.splitlines() if line.startswith("- ")]


def confirm(email="lea@example.org", **options):
    return services.confirm_subscription(
        confirmation_token(confirmations(email).latest("pk")), **options
    )


def test_a_new_address_is_pending_and_gets_one_confirmation_request(article):
    result = subscribe(article, "  Lea@Example.ORG ")

    assert not result.is_active and not result.proven
    assert result.subscription.subscriber.email == "lea@example.org"
    [delivery] = Delivery.objects.all()
    assert delivery.kind == Delivery.Kind.CONFIRMATION and delivery.to == "lea@example.org"


def test_one_confirmation_per_address_and_article_within_the_window(settings, article):
    settings.BROADSHEET_CONFIRM_INTERVAL_MINUTES = 60
    other = make_article("Noch ein Artikel")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        subscribe(article)
        subscribe(article)
        subscribe(article, scope="replies")
    assert confirmations().count() == 1
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        subscribe(other, scope="replies")
    assert confirmations().count() == 2, "another article: a mail naming it"
    with time_machine.travel(start + datetime.timedelta(minutes=59), tick=False):
        subscribe(article)
    assert confirmations().count() == 2

    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        subscribe(article)
    assert confirmations().count() == 3


def test_confirmation_mails_to_one_address_are_limited_per_hour_and_nobody_is_told(
    settings, article
):
    settings.BROADSHEET_CONFIRM_MAILS_PER_HOUR = 3
    articles = [article, *(make_article(f"Artikel {n}") for n in range(4))]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        results = [
            subscribe(a, ip_hash=f"ip-{n}") for n, a in enumerate(articles)
        ]  # five strangers, five articles, one mailbox
    assert confirmations().count() == 3
    assert [r.confirmation_queued for r in results] == [True, True, True, False, False]
    assert {(r.proven, r.is_active) for r in results} == {(False, False)}, "the same answer"

    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        subscribe(articles[3], ip_hash="ip-3")
    assert confirmations().count() == 4


def test_confirmation_requests_are_limited_per_ip_hash(article):
    for n in range(5):
        subscribe(article, f"leser{n}@example.org", ip_hash="one-ip")

    with pytest.raises(SubscriptionError) as refused:
        subscribe(article, "leser5@example.org", ip_hash="one-ip")

    assert refused.value.status == 429
    assert not Subscriber.objects.filter(email="leser5@example.org").exists()
    subscribe(article, "leser5@example.org", ip_hash="another-ip")


def test_a_bad_address_is_refused(article):
    with pytest.raises(SubscriptionError):
        subscribe(article, "not-an-address")
    assert not Subscriber.objects.exists()


def test_confirming_activates_the_subscriptions_and_remembers_the_browser(article):
    comment = make_comment(article, author_email="lea@example.org")
    subscribe(article, scope="replies")
    subscribe(article, scope="comment", comment=comment)  # same article: the same e-mail
    token = confirmation_token(confirmations().get())

    confirmation = services.confirm_subscription(token, voter_key="browser-of-lea")

    subscriber = confirmation.subscriber
    assert subscriber.is_verified and subscriber.trusts("browser-of-lea")
    assert len(confirmation.confirmed) == 2
    assert Subscription.objects.confirmed().count() == 2
    assert services.confirm_subscription(token).confirmed == [], "a second click changes nothing"


def test_a_link_confirms_exactly_what_its_mail_named_not_what_others_added(article):
    subscribe(article)  # Lea, on her own
    token = confirmation_token(confirmations().get())  # the worker sends her mail
    others = [make_article(f"Fremdes Thema {n}") for n in range(3)]
    for other in others:  # then a third party subscribes her address three times more
        subscribe(other, ip_hash="ip-of-a-stranger")

    confirmation = services.confirm_subscription(token)

    assert [s.article for s in confirmation.confirmed] == [article]
    assert list(Subscription.objects.confirmed().values_list("article", flat=True)) == [article.pk]
    assert Subscription.objects.pending().count() == 3
    # The others have e-mails of their own, each naming its article and nothing else,
    # up to the hourly limit (three e-mails to one address).
    mails = confirmations().exclude(article=article).order_by("pk")
    assert [named_in(mail) for mail in mails] == [
        [f"Fremdes Thema {n} (alle neuen Kommentare zum Artikel)"] for n in range(2)
    ]


def test_a_mail_names_what_is_pending_for_its_article_when_it_is_sent(article):
    subscribe(article, scope="replies")
    other = make_article("Noch ein Artikel")
    subscribe(other, ip_hash="ip-of-a-stranger")

    [mail] = confirmations().filter(article=article)
    assert named_in(mail) == [
        "Streit um die Stadtbahn (Antworten auf meine Kommentare zum Artikel)"
    ]
    services.confirm_subscription(confirmation_token(mail))
    assert list(Subscription.objects.confirmed().values_list("article", flat=True)) == [article.pk]


def test_a_link_mailed_before_links_named_subscriptions_confirms_what_existed_then(article):
    subscribe(article)
    delivery = confirmations().get()
    old_token = signing.dumps(
        {"s": delivery.subscriber_id, "t": int(delivery.created_at.timestamp())},
        salt=services.CONFIRM_SALT,
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        subscribe(make_article("Später abonniert"), ip_hash="ip-of-a-stranger")

    services.confirm_subscription(old_token)

    assert list(Subscription.objects.confirmed().values_list("article", flat=True)) == [article.pk]


def test_a_confirmation_link_expires(settings, article):
    settings.BROADSHEET_CONFIRM_MAX_AGE_DAYS = 7
    subscribe(article)
    token = confirmation_token(confirmations().get())

    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    with time_machine.travel(later), pytest.raises(SubscriptionError):
        services.confirm_subscription(token)
    assert not Subscription.objects.confirmed().exists()


def test_a_forged_or_mangled_token_confirms_nothing(article):
    subscribe(article)
    token = confirmation_token(confirmations().get())

    for bad in ["", "abc", token[:-2], token.replace(":", ".", 1)]:
        with pytest.raises(SubscriptionError):
            services.confirm_subscription(bad)
    assert not Subscriber.objects.get().is_verified


def test_an_old_link_does_not_confirm_what_others_subscribed_later(settings, article):
    settings.BROADSHEET_CONFIRM_INTERVAL_MINUTES = 60
    later = make_article("Später abonniert")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        subscribe(article)
    token = confirmation_token(confirmations().get())
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        subscribe(later, ip_hash="someone-else")
        services.confirm_subscription(token)

    assert list(Subscription.objects.confirmed().values_list("article", flat=True)) == [article.pk]


def test_an_article_wide_subscription_replaces_the_narrower_ones(article):
    comment = make_comment(article, author_email="lea@example.org")
    subscribe(article, scope="replies")
    subscribe(article, scope="comment", comment=comment)
    subscribe(article, scope="article")

    confirm()

    [subscription] = Subscription.objects.all()
    assert subscription.scope == "article" and subscription.is_confirmed


def test_a_narrower_wish_is_covered_by_an_existing_article_wide_subscription(article):
    subscribe(article, scope="article")
    confirm()

    result = subscribe(article, scope="replies", voter_key="unknown-browser")

    assert result.subscription.scope == "article"
    assert Subscription.objects.count() == 1


def test_a_logged_in_reader_subscribes_their_own_address_in_one_click(article, reader):
    result = subscribe(article, reader.email, user=reader)

    assert result.proven and result.is_active
    assert not Delivery.objects.exists(), "no confirmation needed"


def test_a_logged_in_reader_typing_someone_elses_address_must_let_them_confirm(article, reader):
    result = subscribe(article, "max@example.org", user=reader)

    assert not result.proven and not result.is_active
    assert confirmations("max@example.org").count() == 1


def test_a_browser_that_confirmed_before_needs_no_new_confirmation(article):
    subscribe(article)
    confirm(voter_key="browser-of-lea")
    other = make_article("Noch ein Artikel")

    result = subscribe(other, voter_key="browser-of-lea")

    assert result.proven and result.is_active
    assert confirmations().count() == 1


def test_a_verified_address_typed_by_a_stranger_still_waits_for_its_owner(settings, article):
    settings.BROADSHEET_CONFIRM_INTERVAL_MINUTES = 0
    subscribe(article)
    confirm(voter_key="browser-of-lea")
    other = make_article("Noch ein Artikel")

    result = subscribe(other, voter_key="browser-of-a-stranger", ip_hash="stranger")

    assert not result.proven and not result.is_active
    assert confirmations().count() == 2


def test_unsubscribing_ends_one_subscription_and_is_idempotent(article):
    subscription = subscribe(article, user=None).subscription
    other = subscribe(make_article("Anderer Artikel")).subscription

    assert services.unsubscribe(subscription.token).article == article
    assert services.unsubscribe(subscription.token) is None
    assert list(Subscription.objects.all()) == [other]


def test_cancelling_all_subscriptions_of_an_address_leaves_others_alone(article):
    lea = subscribe(article).subscription.subscriber
    subscribe(make_article("Anderer Artikel"))
    subscribe(article, "max@example.org")

    assert services.cancel_subscriptions(lea) == 2
    assert list(Subscription.objects.values_list("subscriber__email", flat=True)) == [
        "max@example.org"
    ]
