import datetime

import lxml.html
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.moderation.models import BlocklistEntry

from .conftest import ORIGIN, Reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_door(settings):
    settings.BROADSHEET_MODERATION = "none"


def test_a_guest_posts_a_comment_and_lands_on_it(lea, article, open_door):
    response = lea.post_comment(article, "Die Stadtbahn **lohnt** sich.")
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    html = lea.page(article)
    assert f'id="comment-{comment.pk}"' in html
    assert "Die Stadtbahn <strong>lohnt</strong> sich." in html
    assert "1 Kommentar" in html


def test_the_fragment_post_returns_the_rendered_comment(lea, article, open_door):
    response = lea.post_comment(article, "Per JavaScript.", fragment=True)
    assert response.status_code == 201
    assert 'class="comment' in response.content.decode()
    assert "Per JavaScript." in response.content.decode()
    assert response["X-Comment-Status"] == "approved"


def test_a_first_time_guest_is_held_and_sees_their_comment_awaiting_moderation(lea, max_, article):
    lea.post_comment(article, "Mein erster Kommentar.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    own_view = lea.page(article)
    assert "Mein erster Kommentar." in own_view
    assert "wartet auf Freischaltung" in own_view
    other_view = max_.page(article)
    assert "Mein erster Kommentar." not in other_view
    assert "0 Kommentare" in other_view


def test_an_author_with_an_approved_comment_is_not_held_again(lea, max_, article):
    lea.post_comment(article, "Mein erster Beitrag.")
    Comment.objects.filter(body="Mein erster Beitrag.").update(status=Comment.Status.APPROVED)
    lea.post_comment(article, "Wieder da.")
    assert Comment.objects.get(body="Wieder da.").status == Comment.Status.APPROVED
    # Trust follows the address together with the browser: typing it is not enough.
    max_.post_comment(article, "Ich bin auch Lea.")
    assert Comment.objects.get(body="Ich bin auch Lea.").status == Comment.Status.PENDING


def test_hold_everyone_policy_holds_known_authors_too(lea, article, settings):
    settings.BROADSHEET_MODERATION = "all"
    make_comment(article, author_email="lea@example.org")
    lea.post_comment(article, "Auch ich warte.")
    assert Comment.objects.get(body="Auch ich warte.").status == Comment.Status.PENDING


def test_comments_with_more_than_two_links_are_held(lea, article, open_door):
    lea.post_comment(article, "https://a.example https://b.example https://c.example")
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize(
    ("kind", "value", "fields"),
    [
        ("word", "billige uhren", {"body": "Hier BILLIGE Uhren kaufen"}),
        ("email", "spammer@example.net", {"email": "Spammer@example.net"}),
        ("email", "@wegwerf.example", {"email": "egal@wegwerf.example"}),
    ],
)
def test_blocklisted_words_and_addresses_go_to_spam(lea, article, open_door, kind, value, fields):
    BlocklistEntry.objects.create(kind=kind, value=value)
    lea.post_comment(article, **{"body": "Ganz normal.", **fields})
    assert Comment.objects.get().status == Comment.Status.SPAM
    assert "0 Kommentare" in lea.page(article)


def test_the_honeypot_rejects_bots_and_keeps_nothing(lea, article, open_door):
    response = lea.post_comment(article, "Bot-Text", homepage="https://spam.example", follow=True)
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    assert "Spam" in response.content.decode()


def test_a_form_sent_too_quickly_is_refused_but_the_text_is_kept(lea, article, settings):
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 30
    response = lea.post_comment(article, "Schnell getippt, nicht verloren.", follow=True)
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    html = response.content.decode()
    assert "Schnell getippt, nicht verloren." in html
    assert 'value="Lea Leserin"' in html


@pytest.mark.parametrize("ts", ["", "forged", "MTIzNDU2:abcdef"])
def test_a_missing_or_forged_form_timestamp_is_refused(lea, article, ts):
    assert lea.post_comment(article, ts=ts, follow=True).status_code == 400
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"email": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
        ({"body": "   "}, "Dieses Feld ist zwingend erforderlich."),
        ({"url": "javascript:alert(1)"}, "gültige Adresse"),
    ],
)
def test_invalid_fields_get_a_clear_message_and_change_nothing(lea, article, fields, message):
    response = lea.post_comment(article, **{"body": "Mein Text bleibt.", **fields}, follow=True)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_an_oversized_comment_is_refused_with_its_length(lea, article, settings):
    settings.BROADSHEET_COMMENT_MAX_LENGTH = 100
    response = lea.post_comment(article, "x" * 150, follow=True)
    assert response.status_code == 400
    assert "150" in response.content.decode() and "100" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[klick](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_hostile_markup_is_neutralised(lea, article, open_door, hostile):
    lea.post_comment(article, f"Vorher {hostile} nachher")
    fragment = lxml.html.fragment_fromstring(Comment.objects.get().body_html, create_parent="div")
    assert not fragment.xpath("//script | //iframe | //img | //object | //embed")
    for element in fragment.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on")
            assert not value.strip().lower().startswith(("javascript:", "data:"))
    page = lxml.html.fromstring(lea.page(article))
    assert not page.xpath("//*[@id='comments']//script[not(@type='application/json')]")


def test_reader_links_get_nofollow_ugc_noopener(lea, article, open_door):
    lea.post_comment(article, "Siehe [Bericht](https://example.org/bericht).")
    assert 'rel="nofollow ugc noopener"' in Comment.objects.get().body_html


def test_the_same_comment_twice_is_refused(lea, article, open_door):
    lea.post_comment(article, "Doppelt hält besser?")
    response = lea.post_comment(article, "Doppelt hält besser?", follow=True)
    assert response.status_code == 400
    assert "bereits" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.usefixtures("one_rate_limit_window")
def test_posting_is_rate_limited_per_ip(article, open_door):
    responses = [
        Reader(Client()).post_comment(article, f"Nummer {i}", email=f"{i}@example.org", follow=True)
        for i in range(7)
    ]
    assert [r.status_code for r in responses[:5]] == [200] * 5
    assert responses[5].status_code == 429
    assert Comment.objects.count() == 5


@pytest.mark.usefixtures("one_rate_limit_window")
def test_posting_is_rate_limited_per_email(article, open_door):
    responses = [
        Reader(Client(REMOTE_ADDR=f"10.0.0.{i}")).post_comment(article, f"Nummer {i}", follow=True)
        for i in range(5)
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 429, 429]


def test_a_cross_site_post_is_refused_and_changes_nothing(article, open_door):
    client = Client(enforce_csrf_checks=True)
    ts = Reader(client).form_timestamp(article)
    data = {"name": "X", "email": "x@example.org", "body": "Fremd", "ts": ts}
    assert (
        client.post(
            f"/discussion/{article.pk}/comments/", data, HTTP_ORIGIN="https://evil.example"
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/discussion/{article.pk}/comments/", data, HTTP_SEC_FETCH_SITE="cross-site"
        ).status_code
        == 403
    )
    assert (
        client.post(f"/discussion/{article.pk}/comments/", data).status_code == 403
    )  # no origin, no token
    assert Comment.objects.count() == 0


def test_the_article_page_sets_no_cookie_and_can_be_cached(client, article):
    response = client.get(article.get_absolute_url())
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_reply_names_whom_it_answers_and_nests_below(lea, article, open_door):
    parent = make_comment(article, author_name="Jonas")
    lea.post_comment(article, "Da stimme ich zu.", reply_to=parent.pk)
    reply = Comment.objects.get(body="Da stimme ich zu.")
    assert (reply.parent, reply.root, reply.depth) == (parent, parent, 1)
    html = lea.page(article)
    assert "Antwort an Jonas" in html
    assert html.index(f'id="comment-{parent.pk}"') < html.index(f'id="comment-{reply.pk}"')


def test_replies_below_the_maximum_depth_attach_at_the_deepest_level(
    lea, article, open_door, settings
):
    settings.BROADSHEET_COMMENT_MAX_DEPTH = 2
    top = make_comment(article)
    middle = make_comment(article, parent=top)
    deepest = make_comment(article, parent=middle)
    lea.post_comment(article, "Noch tiefer.", reply_to=deepest.pk)
    reply = Comment.objects.get(body="Noch tiefer.")
    assert reply.parent == middle and reply.reply_to == deepest and reply.depth == 2


def test_a_reply_to_another_articles_comment_is_refused(lea, article, open_door):
    elsewhere = make_comment(make_article("Anderer Artikel"))
    response = lea.post_comment(article, "Falscher Faden", reply_to=elsewhere.pk, follow=True)
    assert response.status_code == 400
    assert not Comment.objects.filter(body="Falscher Faden").exists()


def test_a_reply_to_a_spam_comment_is_refused(lea, article, open_door):
    spam = make_comment(article, status="spam")
    assert lea.post_comment(article, "Antwort", reply_to=spam.pk, follow=True).status_code == 400


def test_comments_close_on_request_and_after_the_configured_days(lea, article, open_door, settings):
    settings.BROADSHEET_COMMENT_FORM_MAX_AGE = 7 * 24 * 3600  # the form is four days old
    article.comments_close_after_days = 3
    article.save()
    ts = lea.form_timestamp(article)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        response = lea.post_comment(article, "Zu spät.", ts=ts, follow=True)
        assert response.status_code == 403
        assert "geschlossen" in lea.page(article)
    article.comments_close_after_days = None
    article.comments_enabled = False
    article.save()
    assert lea.post_comment(article, "Geschlossen.", ts="x", follow=True).status_code == 400
    assert Comment.objects.count() == 0


def test_remember_me_prefills_the_form_and_is_opt_in(lea, max_, article, open_door):
    lea.post_comment(article, "Merk dir mich.", remember="on", url="https://lea.example")
    html = lea.page(article)
    assert 'value="Lea Leserin"' in html and 'value="lea@example.org"' in html
    max_.post_comment(article, "Vergiss mich.", name="Max", email="max@example.org")
    assert 'value="max@example.org"' not in max_.page(article)


def test_a_logged_in_reader_posts_under_their_account(client, reader, article, open_door):
    client.force_login(reader)
    html = Reader(client).page(article)
    assert 'name="email"' not in html and "Lea" in html
    response = Reader(client).post_comment(article, "Als Konto.", name="", email="")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.user == reader and comment.author_name == "Lea"


def test_the_ip_address_is_stored_only_as_a_keyed_hash(article, open_door):
    Reader(Client(REMOTE_ADDR="203.0.113.9")).post_comment(article)
    comment = Comment.objects.get()
    assert comment.ip_hash and "203.0.113.9" not in comment.ip_hash
    assert len(comment.ip_hash) == 32


def test_a_guest_edits_their_comment_within_fifteen_minutes(lea, max_, article, open_door):
    lea.post_comment(article, "Tippfeler.")
    comment = Comment.objects.get()
    assert "Bearbeiten" in lea.page(article)
    response = lea.client.post(
        f"/discussion/comments/{comment.pk}/edit/", {"body": "Tippfehler."}, HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 303
    comment.refresh_from_db()
    assert comment.body == "Tippfehler." and comment.edited_at is not None
    assert "(bearbeitet)" in lea.page(article)
    other = max_.client.post(
        f"/discussion/comments/{comment.pk}/edit/", {"body": "Gehackt"}, HTTP_ORIGIN=ORIGIN
    )
    assert other.status_code == 303
    comment.refresh_from_db()
    assert comment.body == "Tippfehler."


def test_editing_is_refused_after_fifteen_minutes(lea, article, open_door):
    lea.post_comment(article, "Alt.")
    comment = Comment.objects.get()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        response = lea.client.post(
            f"/discussion/comments/{comment.pk}/edit/",
            {"body": "Neu."},
            HTTP_ORIGIN=ORIGIN,
            HTTP_X_BROADSHEET_FRAGMENT="1",
        )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Alt."


def test_the_consent_line_links_the_privacy_page(client, article):
    from broadsheet.publishing.models import Page

    assert "Datenschutzerklärung" not in client.get(article.get_absolute_url()).content.decode()
    Page.objects.create(title="Datenschutz", slug="datenschutz", body="Wir speichern wenig.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'wie in unserer <a href="/datenschutz/">Datenschutzerklärung</a> beschrieben' in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Lea\r\nBcc: victim@example.org", "Lea Bcc: victim@example.org"),
        ("Lea\u2028Leserin", "Lea Leserin"),
        ("  Lea \t Leserin  ", "Lea Leserin"),
        ("\u202enimdA", "nimdA"),
        ("Le\u200ba", "Lea"),
        ("Mu\u0308ller", "Müller"),
    ],
)
def test_a_guests_name_is_normalised_before_it_is_stored(lea, article, open_door, typed, stored):
    assert lea.post_comment(article, name=typed).status_code == 303
    assert Comment.objects.get().author_name == stored


@pytest.mark.parametrize("invisible", ["\u200b\u200d", "\r\n\t", "\u202e\u2066"])
def test_a_name_of_invisible_characters_is_a_missing_name(lea, article, open_door, invisible):
    response = lea.post_comment(article, "Text bleibt.", name=invisible, follow=True)
    assert response.status_code == 400
    assert 'id="comment-name-error"' in response.content.decode()
    assert not Comment.objects.exists()


def test_names_stored_before_normalisation_are_cleaned_by_the_migration(article):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "broadsheet.discussion.migrations.0006_normalise_author_names"
    )
    imported = make_comment(article, author_name="Alt\r\nimportiert\u202e")
    invisible = make_comment(article, author_name="\u200b")
    fine = make_comment(article, author_name="Jonas")
    migration.normalise_names(apps, None)
    for comment in (imported, invisible, fine):
        comment.refresh_from_db()
    assert (imported.author_name, invisible.author_name, fine.author_name) == (
        "Alt importiert",
        "Anonym",
        "Jonas",
    )
