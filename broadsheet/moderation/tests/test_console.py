"""The moderation console without JavaScript: queues, filters, actions, people, access."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.identity import Viewer
from broadsheet.discussion.models import Comment, Passage
from broadsheet.moderation import services
from broadsheet.moderation.models import AuditEntry, PersonNote, Reason, Sanction
from broadsheet.moderation.services import Person, ReportRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """Most tests read the English interface; test_the_console_speaks_german the German one."""


QUEUE = reverse("moderation:queue")


@pytest.fixture
def article():
    return make_article("Neue Radwege am Ring", slug="radwege")


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


def held(article, body="Ein zurückgehaltener Beitrag.", **fields):
    fields.setdefault("held_because", Comment.HeldBecause.FIRST_TIME)
    return make_comment(article, status="pending", body=body, **fields)


def report(comment, category="insult", voter="r1"):
    viewer = Viewer(user=None, voter_token=voter, ip_hash=f"ip-{voter}", network_hash=voter)
    return services.report_comment(
        comment, viewer=viewer, request=ReportRequest(category=category), language="de"
    )


def act(client, comment, action, **data):
    return client.post(
        reverse("moderation:act", args=[comment.pk]),
        {"action": action, "next": QUEUE, **data},
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow_messages(client, response):
    assert response.status_code == 302
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


# --- Queues and counts ----------------------------------------------------------------


def test_the_queues_count_live_and_list_newest_first(mod_client, article):
    now = timezone.now()
    old = held(article, body="Der ältere wartet.", created_at=now - datetime.timedelta(hours=3))
    new = held(article, body="Der neuere wartet.", created_at=now - datetime.timedelta(minutes=5))
    reported = make_comment(article, body="Ein gemeldeter Beitrag.")
    report(reported)
    make_comment(article, status="spam", body="Billige Uhren!")
    make_comment(article, status="trash", body="Weg damit.", removal_reason="insult")

    response = mod_client.get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-queue="waiting">Waiting <span class="queues__count" data-count>2</span>' in html
    assert 'data-queue="reported">Reported <span class="queues__count" data-count>1</span>' in html
    assert 'data-queue="spam">Spam <span class="queues__count" data-count>1</span>' in html
    assert 'data-queue="approved">Approved <span class="queues__count" data-count>1</span>' in html
    assert 'data-queue="rejected">Rejected <span class="queues__count" data-count>1</span>' in html
    assert "oldest for 3 hours" in html
    items = [c["comment"].pk for c in response.context["items"]]
    assert items == [new.pk, old.pk]

    reported_page = mod_client.get(reverse("moderation:queue", kwargs={"queue": "reported"}))
    assert [c["comment"].pk for c in reported_page.context["items"]] == [reported.pk]
    assert "Insult (1)" in reported_page.content.decode()


def test_an_item_shows_its_context_and_the_authors_history(mod_client, article, moderator):
    parent = make_comment(article, author_name="Jonas", body="Die Radwege sind zu schmal.")
    comment = held(
        article, parent=parent, author_email="karl@example.org", ip_hash="ip-karl",
        body="Ich **widerspreche** entschieden.",
    )  # fmt: skip
    Passage.objects.create(
        comment=comment, article=article, exact="Der Ring wird umgebaut", start=0, end=22
    )
    make_comment(article, author_email="karl@example.org", status="trash", removal_reason="spam")
    spam = make_comment(article, author_email="karl@example.org", status="spam")
    report(make_comment(article, author_email="karl@example.org", body="Gemeldet."))
    make_comment(article, ip_hash="ip-karl", author_email="andere@example.org")
    services.add_note(Person("email", "karl@example.org"), actor=moderator, text="Schreibt oft.")
    services.sanction_person(
        Person("ip", "ip-karl"), actor=moderator, kind="warning", reason=Reason.INSULT,
        message="Bitte sachlich bleiben.",
    )  # fmt: skip
    assert spam

    html = mod_client.get(QUEUE).content.decode()
    assert "Ich <strong>widerspreche</strong> entschieden." in html
    assert "In reply to Jonas:" in html and "Die Radwege sind zu schmal." in html
    assert "“Der Ring wird umgebaut”" in html  # quoted as English quotes, the console's language
    assert "Neue Radwege am Ring" in html and article.get_absolute_url() in html
    assert "Held: first comment of this person" in html
    history = mod_client.get(QUEUE).context["items"][0]["history"]
    by_key = {key.person.target: key for key in history.keys}
    email = by_key["email"]
    assert (email.total, email.approved, email.pending, email.rejected, email.spam) == (
        4, 1, 1, 1, 1,
    )  # fmt: skip
    assert email.reported == 1
    assert (by_key["ip"].total, by_key["ip"].approved) == (2, 1)
    assert "Schreibt oft." in html
    assert "Bitte sachlich bleiben." in html


def test_filters_and_search_narrow_the_queue(mod_client, article):
    other = make_article("Haushalt 2025", slug="haushalt")
    a = held(article, body="Radwege sind gut.", author_name="Anna", held_because="links")
    b = held(other, body="Zu teuer!", author_name="Bernd", author_email="bernd@example.org")
    old = held(article, body="Uralt.", created_at=timezone.now() - datetime.timedelta(days=40))

    def ids(**query):
        response = mod_client.get(QUEUE, query)
        assert response.status_code == 200
        return {c["comment"].pk for c in response.context["items"]}

    assert ids(article=other.pk) == {b.pk}
    assert ids(reason="links") == {a.pk}
    assert ids(author="BERND@example") == {b.pk}
    assert ids(author="anna") == {a.pk}
    assert ids(q="radwege") == {a.pk}
    assert ids(q="bernd@") == {b.pk}
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert ids(since=since) == {a.pk, b.pk}
    until = (timezone.now() - datetime.timedelta(days=30)).date().isoformat()
    assert ids(until=until) == {old.pk}
    assert ids(since="kein Datum") == {a.pk, b.pk, old.pk}  # an invalid filter is ignored
    assert "Article: Haushalt 2025" in mod_client.get(QUEUE, {"article": other.pk}).content.decode()


def test_the_reason_filter_of_the_rejected_and_reported_queues(mod_client, article):
    insult = make_comment(article, status="trash", removal_reason="insult")
    make_comment(article, status="trash", removal_reason="spam")
    spam_reported = make_comment(article)
    report(spam_reported, "spam")
    report(make_comment(article), "insult")
    rejected = mod_client.get(
        reverse("moderation:queue", kwargs={"queue": "rejected"}), {"reason": "insult"}
    )
    assert [c["comment"].pk for c in rejected.context["items"]] == [insult.pk]
    reported = mod_client.get(
        reverse("moderation:queue", kwargs={"queue": "reported"}), {"reason": "spam"}
    )
    assert [c["comment"].pk for c in reported.context["items"]] == [spam_reported.pk]


def test_the_queue_pages_by_25(mod_client, article):
    for i in range(27):
        held(article, body=f"Beitrag {i}")
    first = mod_client.get(QUEUE)
    assert len(first.context["items"]) == 25
    second = mod_client.get(QUEUE, {"page": 2})
    assert len(second.context["items"]) == 2
    assert "Page 2 of 2" in second.content.decode()


# --- Actions without JavaScript ----------------------------------------------------------


def test_approving_redirects_back_to_the_next_item_with_a_message(mod_client, article):
    comment = held(article, author_name="Karla")
    response = mod_client.post(
        reverse("moderation:act", args=[comment.pk]),
        {"action": "approve", "next": QUEUE + "?q=x", "focus": "77"},
    )
    assert response.status_code == 302
    assert response["Location"] == QUEUE + "?q=x#item-77"
    assert follow_messages(mod_client, response) == ["Comment by Karla approved."]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert AuditEntry.objects.get(action="approve").actor.username == "moritz"


def test_a_foreign_next_url_is_not_followed(mod_client, article):
    comment = held(article)
    response = mod_client.post(
        reverse("moderation:act", args=[comment.pk]),
        {"action": "spam", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("moderation:comment", args=[comment.pk])


def test_rejecting_needs_a_reason_and_a_refusal_changes_nothing(mod_client, article):
    comment = held(article)
    refused = act(mod_client, comment, "reject", reason="")
    assert follow_messages(mod_client, refused) == ["Please choose a reason."]
    illegal = act(mod_client, comment, "reject", reason="illegal")
    assert follow_messages(mod_client, illegal) == ["Please name the law the comment breaks."]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not AuditEntry.objects.exists()

    done = act(
        mod_client, comment, "reject", reason="illegal", legal_ground="§ 185 StGB",
        explanation="Beleidigung.",
    )  # fmt: skip
    assert follow_messages(mod_client, done) == [
        f"Comment by {comment.author_name} rejected: Illegal content."
    ]
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == ("trash", "illegal")
    assert AuditEntry.objects.get(action="reject").detail == "§ 185 StGB\nBeleidigung."


def test_spam_hold_pin_and_feature(mod_client, article):
    comment = make_comment(article)

    def do(action):
        return follow_messages(mod_client, act(mod_client, comment, action))

    assert do("pin") == ["Comment pinned."]
    assert do("feature") == ["Comment recommended."]
    comment.refresh_from_db()
    assert comment.pinned and comment.featured
    assert do("unpin") == ["Comment unpinned."]
    assert do("unfeature") == ["Comment no longer recommended."]
    assert do("hold") == [f"Comment by {comment.author_name} held for review."]
    comment.refresh_from_db()
    assert (comment.pinned, comment.featured, comment.status) == (False, False, "pending")
    assert do("pin") == ["Only a published comment can be pinned."]
    comment.refresh_from_db()
    assert not comment.pinned
    assert do("spam") == [f"Comment by {comment.author_name} marked as spam."]
    assert Comment.objects.get(pk=comment.pk).status == "spam"
    assert do("spam") == ["The comment was already marked as spam."]
    actions = AuditEntry.objects.order_by("at", "id").values_list("action", flat=True)
    assert list(actions) == ["pin", "feature", "unpin", "unfeature", "hold", "spam"]


def test_an_unknown_action_is_refused(mod_client, article):
    comment = held(article)
    response = act(mod_client, comment, "delete")
    assert follow_messages(mod_client, response) == ["Unknown action; nothing was changed."]
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_keeping_a_reported_comment_closes_its_reports(mod_client, article):
    comment = make_comment(article)
    report(comment, "insult", "r1")
    report(comment, "spam", "r2")
    response = act(mod_client, comment, "approve")
    assert follow_messages(mod_client, response) == ["The comment stays; 2 reports closed."]
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == ("approved", 0)
    assert set(comment.reports.values_list("outcome", flat=True)) == {"kept"}


def test_actions_are_post_only_and_need_csrf(client, moderator, article):
    comment = held(article)
    client.force_login(moderator)
    assert client.get(reverse("moderation:act", args=[comment.pk])).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    response = strict.post(reverse("moderation:act", args=[comment.pk]), {"action": "approve"})
    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_bulk_actions_on_a_selection(mod_client, article):
    a, b, c = held(article), held(article), held(article)
    url = reverse("moderation:bulk")
    response = mod_client.post(url, {"action": "approve", "ids": [a.pk, b.pk], "next": QUEUE})
    assert follow_messages(mod_client, response) == ["2 comments approved."]
    refused = mod_client.post(url, {"action": "reject", "ids": [c.pk], "next": QUEUE})
    assert follow_messages(mod_client, refused) == ["Please choose a reason."]
    assert Comment.objects.get(pk=c.pk).status == "pending"
    nothing = mod_client.post(url, {"action": "spam", "next": QUEUE})
    assert follow_messages(mod_client, nothing) == ["Please select at least one comment."]
    rejected = mod_client.post(
        url, {"action": "reject", "reason": "off_topic", "ids": [a.pk, c.pk], "next": QUEUE}
    )
    assert follow_messages(mod_client, rejected) == ["2 comments rejected."]
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved", "trash"}
    assert Comment.objects.get(pk=b.pk).status == "approved"
    spam = mod_client.post(url, {"action": "spam", "ids": [b.pk], "next": QUEUE})
    assert follow_messages(mod_client, spam) == ["1 comment marked as spam."]


# --- The item's page: edit, notes, sanctions ----------------------------------------------


def test_the_detail_page_shows_the_person_and_the_audit_trail(mod_client, article, moderator):
    comment = held(article, author_email="karl@example.org", body="Mein Beitrag.")
    earlier = make_comment(article, author_email="karl@example.org", body="Frühere Meinung.")
    services.mark_spam(Comment.objects.filter(pk=earlier.pk), actor=moderator)
    services.add_note(Person("email", "karl@example.org"), actor=moderator, text="Bekannt.")
    response = mod_client.get(reverse("moderation:comment", args=[comment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Frühere Meinung." in html and "Bekannt." in html
    assert "marked as spam" in html  # the person's audit entry
    assert "note added" in html
    assert mod_client.get(reverse("moderation:comment", args=[999999])).status_code == 404


def test_editing_through_the_form_marks_the_comment(mod_client, article):
    comment = held(article, author_name="Karl", body="Du Idiot.")
    url = reverse("moderation:edit", args=[comment.pk])
    data = {
        "body": "[Beleidigung entfernt]",
        "author_name": "Karl",
        "author_email": "",
        "author_url": "",
    }
    response = mod_client.post(url, data)
    assert follow_messages(mod_client, response) == ["The comment was saved."]
    comment.refresh_from_db()
    assert comment.body == "[Beleidigung entfernt]" and comment.staff_edited_at
    empty = mod_client.post(url, {**data, "body": "   "})
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    assert Comment.objects.get(pk=comment.pk).body == "[Beleidigung entfernt]"


def test_a_note_on_the_person(mod_client, article):
    comment = held(article, author_email="karl@example.org")
    url = reverse("moderation:note", args=[comment.pk])
    response = mod_client.post(url, {"note-target": "email", "note-text": "Hat sich entschuldigt."})
    assert response.status_code == 302
    note = PersonNote.objects.get()
    assert (note.target, note.value, note.text) == (
        "email",
        "karl@example.org",
        "Hat sich entschuldigt.",
    )
    refused = mod_client.post(url, {"note-target": "account", "note-text": "x"})
    assert refused.status_code == 400  # the comment has no account
    assert PersonNote.objects.count() == 1


def test_a_suspension_through_the_form_and_lifting_it(mod_client, article):
    comment = held(article, author_email="karl@example.org", author_key="voter-karl")
    url = reverse("moderation:sanction", args=[comment.pk])
    refused = mod_client.post(
        url, {"sanction-target": "voter", "sanction-kind": "suspension", "sanction-duration": "7d"}
    )
    assert refused.status_code == 400
    assert "No sanction was given; please check the form." in messages_of(refused)
    assert not Sanction.objects.exists()

    before = timezone.now()
    response = mod_client.post(url, {
        "sanction-target": "voter", "sanction-kind": "suspension", "sanction-duration": "7d",
        "sanction-reason": "harassment", "sanction-message": "Eine Woche Pause.",
    })  # fmt: skip
    assert response.status_code == 302
    sanction = Sanction.objects.get()
    assert (sanction.kind, sanction.target, sanction.value) == ("suspension", "voter", "voter-karl")
    assert (
        datetime.timedelta(days=7)
        <= sanction.ends_at - before
        < datetime.timedelta(days=7, minutes=1)
    )
    detail = mod_client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    assert "Eine Woche Pause." in detail

    lift = mod_client.post(reverse("moderation:lift", args=[sanction.pk]), {"next": QUEUE})
    assert follow_messages(mod_client, lift) == ["The sanction was lifted."]
    assert Sanction.objects.get().lifted_at
    again = mod_client.post(reverse("moderation:lift", args=[sanction.pk]), {"next": QUEUE})
    assert follow_messages(mod_client, again) == ["This sanction had already been lifted."]


def test_a_ban_that_rejects_every_earlier_comment(mod_client, article):
    comment = held(article, author_email="troll@example.org")
    for _ in range(2):
        make_comment(article, author_email="troll@example.org")
    response = mod_client.post(reverse("moderation:sanction", args=[comment.pk]), {
        "sanction-target": "email", "sanction-kind": "ban", "sanction-duration": "24h",
        "sanction-reason": "spam", "sanction-reject_earlier": "on",
    })  # fmt: skip
    assert response.status_code == 302
    assert Sanction.objects.get().ends_at is None
    assert set(Comment.objects.values_list("status", flat=True)) == {"trash"}


# --- Access and languages -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        QUEUE,
        reverse("moderation:queue", kwargs={"queue": "spam"}),
        reverse("moderation:comment", args=[1]),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in_and_readers_refused(client, reader, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    client.force_login(reader)
    assert client.get(url).status_code == 403


def test_readers_cannot_act(client, reader, article):
    comment = held(article)
    client.force_login(reader)
    assert act(client, comment, "approve").status_code == 403
    assert (
        client.post(
            reverse("moderation:bulk"), {"action": "approve", "ids": [comment.pk]}
        ).status_code
        == 403
    )
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_editors_and_moderators_may_moderate(client, editor, moderator, article):
    comment = held(article)
    for user in (editor, moderator):
        client.force_login(user)
        assert client.get(QUEUE).status_code == 200
        assert client.get(reverse("moderation:comment", args=[comment.pk])).status_code == 200


def test_the_console_speaks_english(mod_client, article):
    held(article, body="Held back.")
    html = mod_client.get(QUEUE).content.decode()
    assert "Waiting" in html and "Approve" in html and "Choose a reason …" in html
    assert "oldest for 1 minute" in html
    assert "Warten" not in html and "Freigeben" not in html


def test_the_console_speaks_german(mod_client, article, settings):
    settings.LANGUAGE_CODE = "de"
    parent = make_comment(article, author_name="Jonas")
    comment = held(
        article, parent=parent, body="Bitte prüfen.",
        created_at=timezone.now() - datetime.timedelta(hours=3),
    )  # fmt: skip
    html = mod_client.get(QUEUE).content.decode()
    for text in (
        'data-queue="waiting">Warten', "ältester seit 3 Std.", "Freischalten", "Ablehnen",
        "Grund wählen …", "Zurückgehalten:", "Tastatur:", "Antwort auf", "Mit den ausgewählten",
    ):  # fmt: skip
        assert text in html, text
    for english in ("Waiting", "Approve", "Reject", "Choose a reason"):
        assert english not in html, english
    response = act(mod_client, comment, "approve")
    assert follow_messages(mod_client, response) == [
        f"Kommentar von {comment.author_name} freigegeben."
    ]
    detail = mod_client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    for text in ("Kommentar bearbeiten", "Sanktion verhängen", "Maßnahme", "Notiz hinzufügen"):
        assert text in detail, text


# --- The Django admin decides through the same services -----------------------------------

ADMIN_LIST = "/admin/discussion/comment/"


def test_the_admin_list_opens_on_the_waiting_comments_newest_first(mod_client, article):
    now = timezone.now()
    older = held(article, created_at=now - datetime.timedelta(hours=2))
    newer = held(article, created_at=now - datetime.timedelta(hours=1))
    spam = make_comment(article, status="spam")
    approved = make_comment(article)
    listed = mod_client.get(ADMIN_LIST).context["cl"].result_list
    assert [c.pk for c in listed] == [newer.pk, older.pk]
    spam_list = mod_client.get(ADMIN_LIST, {"status__exact": "spam"}).context["cl"].result_list
    assert [c.pk for c in spam_list] == [spam.pk]
    everything = mod_client.get(ADMIN_LIST, {"status__exact": "all"}).context["cl"].result_list
    assert {c.pk for c in everything} == {older.pk, newer.pk, spam.pk, approved.pk}


def test_the_admin_actions_record_who_decided_and_reject_with_a_reason(mod_client, article):
    from broadsheet.notifications.models import Delivery

    a = held(article, author_email="karl@example.org")
    b = held(article)
    mod_client.post(ADMIN_LIST, {"action": "mark_approved", "_selected_action": [b.pk]})
    mod_client.post(ADMIN_LIST, {"action": "reject_insult", "_selected_action": [a.pk]})
    a.refresh_from_db()
    assert (a.status, a.removal_reason) == ("trash", "insult")
    entries = AuditEntry.objects.order_by("at", "id")
    assert [(e.action, e.actor_name, e.comment_id) for e in entries] == [
        ("approve", "moritz", b.pk), ("reject", "moritz", a.pk),
    ]  # fmt: skip
    assert Delivery.objects.get(kind="removal").to == "karl@example.org"


def test_rejecting_in_the_admin_form_needs_a_reason(mod_client, article):
    comment = make_comment(article, author_name="Karl", body="Ein Beitrag.")
    url = f"/admin/discussion/comment/{comment.pk}/change/"
    data = {
        "status": "trash", "author_name": "Karl", "author_email": comment.author_email,
        "author_url": "", "body": "Ein Beitrag.",
    }  # fmt: skip
    refused = mod_client.post(url, data)
    assert refused.status_code == 200
    assert "Please choose a reason." in refused.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == "approved"
    done = mod_client.post(url, {**data, "reject_reason": "off_topic"})
    assert done.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.removal_reason) == ("trash", "off_topic")
    assert AuditEntry.objects.get().actor_name == "moritz"


def test_links_to_console_pages_that_are_not_installed_are_left_out():
    from broadsheet.moderation.templatetags.moderation_console import optional_url

    assert optional_url("moderation:no-such-page") == ""
    assert optional_url("moderation:comment", 5) == "/moderation/comments/5/"
