"""Replies by e-mail over a real SMTP conversation with the mail-in listener.

The notification goes out through the worker to an SMTP sink; the reader's answer
goes back with smtplib to `broadsheet mail-in`'s server (the same controller the
command starts), on a free port in a thread.
"""

import datetime
import re
import smtplib
import time
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from broadsheet.core.testing import make_comment
from broadsheet.discussion.models import Comment
from broadsheet.discussion.services import set_comment_status
from broadsheet.moderation import classifier
from broadsheet.moderation import services as moderation
from broadsheet.moderation.models import Reason
from broadsheet.notifications import mail_in
from broadsheet.notifications.models import Subscriber

from .conftest import free_port

pytestmark = pytest.mark.django_db(transaction=True)

DOMAIN = "antwort.zeitung.example"

GERMAN_REPLY = """Da haben Sie recht, die Stadtbahn braucht eine eigene Trasse.

Viele Grüße
Lea

Gesendet von meinem iPhone

Am 01.12.2026 um 10:00 schrieb Broadsheet <noreply@zeitung.example>:
> Max Mustermann hat auf Ihren Kommentar zu „Streit um die Stadtbahn“ geantwortet:
>
> Antwort an Lea.
"""


@pytest.fixture
def mail_in_server(settings):
    settings.BROADSHEET_MAIL_IN_DOMAIN = DOMAIN
    settings.BROADSHEET_MAIL_IN_MAX_BYTES = 64 * 1024
    port = free_port()
    controller = mail_in.controller(host="127.0.0.1", port=port, protocol="smtp")
    controller.start()
    yield port
    controller.stop()


@pytest.fixture
def notified(article, lea, max_, smtp, worker, mail_in_server):
    """Lea subscribed to replies; Max answered her; the notification is in the sink."""
    leas = make_comment(article, author_name="Lea Leserin", author_email="lea@example.org")
    lea.subscribe(article, scope="replies")
    worker()
    assert lea.confirm(smtp.to(lea.email)[-1].link("/notifications/confirm/")).status_code == 200
    smtp.clear()
    max_.comment(article, "Antwort an Lea.", reply_to=leas.pk)
    maxs = Comment.objects.get(body="Antwort an Lea.")
    if maxs.status != Comment.Status.APPROVED:
        set_comment_status(maxs, Comment.Status.APPROVED)
    worker()
    [mail] = smtp.to(lea.email)
    return mail, maxs


def answer(port, reply_to, text=GERMAN_REPLY, *, message_id=None, html=None, sender=None):
    message = EmailMessage()
    message["From"] = sender or "Lea Leserin <lea@example.org>"
    message["To"] = reply_to
    message["Subject"] = "Re: Max Mustermann hat auf Ihren Kommentar geantwortet"
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    if text is not None:
        message.set_content(text)
        if html is not None:
            message.add_alternative(html, subtype="html")
    else:
        message.set_content(html, subtype="html")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("lea@example.org", [reply_to], message.as_bytes())
    return message


def refusal_of(port, address) -> tuple[int, str]:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.ehlo()
        client.mail("lea@example.org")
        code, text = client.rcpt(address)
    return code, text.decode()


def said(msgid: str, **values) -> str:
    """The refusal as the listener words it, in the subscriber's language (German)."""
    with translation.override("de"):
        text = gettext(msgid)
    return mail_in.smtp_text(text % values if values else text)


def replies_to(comment):
    return list(Comment.objects.filter(reply_to=comment).order_by("pk"))


def test_a_reply_notification_carries_a_signed_reply_address(notified):
    mail, maxs = notified
    address = mail["Reply-To"]
    assert address.startswith("reply+") and address.endswith(f"@{DOMAIN}")
    target = mail_in.check_recipient(address)
    assert target.comment == maxs
    assert target.subscriber.email == "lea@example.org"


def test_no_reply_address_without_a_mail_in_domain(article, lea, settings):
    settings.BROADSHEET_MAIL_IN_DOMAIN = ""
    subscriber = Subscriber.objects.create(email="lea@example.org", language="de")
    assert mail_in.reply_address(subscriber, 1) is None


def test_a_german_reply_with_quote_and_signature_becomes_one_held_reply_shown_after_approval(
    notified, mail_in_server, settings, article, guest
):
    settings.BROADSHEET_MODERATION = "all"
    mail, maxs = notified

    answer(mail_in_server, mail["Reply-To"])

    [reply] = replies_to(maxs)
    assert reply.body == "Da haben Sie recht, die Stadtbahn braucht eine eigene Trasse."
    assert reply.author_name == "Lea Leserin"
    assert reply.author_email == "lea@example.org"
    assert reply.status == Comment.Status.PENDING
    assert reply.held_because == Comment.HeldBecause.ALL
    assert "eigene Trasse" not in guest.get(article.get_absolute_url()).content.decode()

    set_comment_status(reply, Comment.Status.APPROVED)

    page = guest.get(article.get_absolute_url()).content.decode()
    assert "Da haben Sie recht, die Stadtbahn braucht eine eigene Trasse." in page
    shown = re.search(rf'id="comment-{reply.pk}".*?</article>', page, re.S).group(0)
    assert "Gesendet von meinem iPhone" not in shown and "schrieb" not in shown


def test_a_known_reader_is_published_at_once_when_the_settings_say_so(notified, mail_in_server):
    mail, maxs = notified  # Lea has an approved comment; first-time moderation

    answer(mail_in_server, mail["Reply-To"])

    [reply] = replies_to(maxs)
    assert reply.status == Comment.Status.APPROVED


def test_the_same_mail_twice_makes_one_reply(notified, mail_in_server):
    mail, maxs = notified
    message_id = make_msgid(domain="example.org")

    answer(mail_in_server, mail["Reply-To"], message_id=message_id)
    answer(mail_in_server, mail["Reply-To"], message_id=message_id)
    # A retry under a new Message-ID with the same text is the same reply too.
    answer(mail_in_server, mail["Reply-To"])

    assert len(replies_to(maxs)) == 1


def test_an_html_only_answer_is_taken_as_text_without_markup(notified, mail_in_server):
    mail, maxs = notified
    html = (
        "<html><body><p>Gute <b>Idee</b>!</p><script>alert(1)</script>"
        "<blockquote>Antwort an Lea.</blockquote></body></html>"
    )

    answer(mail_in_server, mail["Reply-To"], text=None, html=html)

    [reply] = replies_to(maxs)
    assert reply.body == "Gute Idee!"
    assert "<script" not in reply.body_html


def test_a_forged_address_is_refused_at_rcpt_saying_why(notified, mail_in_server):
    mail, _maxs = notified
    address = mail["Reply-To"]
    local, domain = address.split("@")
    forged = f"{local[:-1]}{'0' if local[-1] != '0' else '1'}@{domain}"

    code, text = refusal_of(mail_in_server, forged)

    assert code == 550
    assert text == "5.7.1 " + said(
        "This reply address is not valid: it was not made by us or was altered."
    )


def test_an_address_for_another_comment_is_refused(notified, mail_in_server):
    mail, maxs = notified
    local, domain = mail["Reply-To"].split("@")
    prefix, rest = local.split("+")
    _comment, *others = rest.split("-")
    moved = f"{prefix}+{mail_in._b36(maxs.pk + 1)}-{'-'.join(others)}@{domain}"

    code, _text = refusal_of(mail_in_server, moved)

    assert code == 550


def test_an_expired_address_is_refused_saying_so(notified, mail_in_server, settings):
    _mail, maxs = notified
    subscriber = Subscriber.objects.get(email="lea@example.org")
    days = settings.BROADSHEET_MAIL_IN_REPLY_DAYS
    old = mail_in.reply_address(subscriber, maxs.pk, now=time.time() - (days + 1) * 24 * 3600)

    code, text = refusal_of(mail_in_server, old)

    assert code == 550
    ended = timezone.localtime(
        datetime.datetime.fromtimestamp(int(old[6:].split("-")[2], 36), tz=datetime.UTC)
    )
    assert text == "5.7.1 " + said(
        "This reply address expired on %(date)s. Please reply on the website, "
        "or answer a newer notification.",
        date=ended.strftime("%d.%m.%Y"),
    )


def test_an_unknown_recipient_is_refused(mail_in_server):
    for address in (f"redaktion@{DOMAIN}", "reply+abc@elsewhere.example"):
        code, text = refusal_of(mail_in_server, address)
        assert code == 550
        assert "5.1.1" in text


def test_an_oversized_mail_is_refused(notified, mail_in_server):
    mail, maxs = notified
    with smtplib.SMTP("127.0.0.1", mail_in_server, timeout=10) as client:
        client.ehlo()
        client.mail("lea@example.org")  # no SIZE: the server counts as the data comes
        assert client.rcpt(mail["Reply-To"])[0] == 250
        body = "Sehr lang, Zeile um Zeile.\r\n" * 4_000
        code, text = client.data(f"From: lea@example.org\r\nSubject: Re\r\n\r\n{body}\r\n".encode())
    assert code == 552
    assert replies_to(maxs) == []


def test_a_sanctioned_address_is_refused_with_the_moderators_reason(
    notified, mail_in_server, moderator
):
    mail, maxs = notified
    moderation.sanction_person(
        moderation.Person("email", "lea@example.org"),
        actor=moderator,
        kind="ban",
        reason=Reason.INSULT,
        message="Beleidigungen.",
    )

    code, text = refusal_of(mail_in_server, mail["Reply-To"])

    assert code == 550
    assert "Beleidigungen." in text
    assert replies_to(maxs) == []


def test_an_answer_with_nothing_of_its_own_is_refused(notified, mail_in_server):
    mail, maxs = notified
    with pytest.raises(smtplib.SMTPDataError) as refused:
        answer(mail_in_server, mail["Reply-To"], text="> Antwort an Lea.\n")
    assert refused.value.smtp_code == 550
    assert replies_to(maxs) == []


def test_out_of_office_answers_are_dropped(notified, mail_in_server):
    mail, maxs = notified
    message = EmailMessage()
    message["From"] = "lea@example.org"
    message["Auto-Submitted"] = "auto-replied"
    message["Subject"] = "Abwesenheitsnotiz"
    message.set_content("Ich bin bis Montag nicht im Büro.")
    with smtplib.SMTP("127.0.0.1", mail_in_server, timeout=10) as client:
        client.sendmail("lea@example.org", [mail["Reply-To"]], message.as_bytes())
    assert replies_to(maxs) == []


def test_a_reply_the_model_objects_to_is_held_for_the_moderators(
    notified, mail_in_server, settings, monkeypatch
):
    """The revise prompt cannot be shown by mail: the reply waits for a moderator."""
    settings.BROADSHEET_MODERATION = "none"
    mail, maxs = notified

    def score_comment(text, *, trust=0, seconds_to_write=None):
        # A stand-in for the model, as in moderation/tests/test_revise_prompt.py.
        if "Idiot" in text:
            return classifier.Score(abuse=0.97, terms=[("idiot", 2.0)])
        return classifier.Score(spam=0.01, abuse=0.01)

    monkeypatch.setattr(classifier, "score_comment", score_comment)

    answer(mail_in_server, mail["Reply-To"], text="Der Bürgermeister ist ein Idiot.\n")

    [reply] = replies_to(maxs)
    assert reply.status == Comment.Status.PENDING
    assert reply.held_because == Comment.HeldBecause.MODEL


@pytest.mark.parametrize(
    "header", [("Precedence", "bulk"), ("X-Autoreply", "yes"), ("Auto-Submitted", "auto-generated")]
)
def test_machine_answers_are_dropped(notified, mail_in_server, header):
    mail, maxs = notified
    message = EmailMessage()
    message["From"] = "lea@example.org"
    message[header[0]] = header[1]
    message.set_content("Ihre Nachricht ist eingegangen.")
    with smtplib.SMTP("127.0.0.1", mail_in_server, timeout=10) as client:
        client.sendmail("lea@example.org", [mail["Reply-To"]], message.as_bytes())
    assert replies_to(maxs) == []


def test_a_mail_in_an_unknown_charset_is_refused_saying_so(notified, mail_in_server):
    mail, maxs = notified
    raw = (
        b"From: lea@example.org\r\nSubject: Re\r\n"
        b"Content-Type: text/plain; charset=x-unbekannt\r\n\r\nHallo\r\n"
    )
    with (
        smtplib.SMTP("127.0.0.1", mail_in_server, timeout=10) as client,
        pytest.raises(smtplib.SMTPDataError) as refused,
    ):
        client.sendmail("lea@example.org", [mail["Reply-To"]], raw)
    assert refused.value.smtp_code == 550
    assert refused.value.smtp_error.decode() == "5.7.1 " + said(
        "We could not read the text of your mail (its encoding)."
    )
    assert replies_to(maxs) == []


def test_one_recipient_per_transaction(notified, mail_in_server):
    mail, _maxs = notified
    with smtplib.SMTP("127.0.0.1", mail_in_server, timeout=10) as client:
        client.ehlo()
        client.mail("lea@example.org")
        assert client.rcpt(mail["Reply-To"])[0] == 250
        assert client.rcpt(mail["Reply-To"])[0] == 452
