"""The audit log in the console: newest first, filtered, paged, a fixed number of queries."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import MODERATOR, grant_role
from broadsheet.core.testing import make_article, make_comment, queries_for
from broadsheet.discussion.models import Comment
from broadsheet.moderation import services
from broadsheet.moderation.models import AuditEntry, Reason
from broadsheet.moderation.services import Person
from broadsheet.moderation.views.stats import ENTRIES_PER_PAGE

from .case_builders import report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
AUDIT = reverse("moderation:audit")


@pytest.fixture
def article():
    return make_article("Neue Radwege am Ring", slug="radwege")


@pytest.fixture
def console(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def clara(db):
    user = User.objects.create_user("clara", "clara@example.org", "x")
    grant_role(user, MODERATOR)
    return user


def listed(client, query="") -> list[AuditEntry]:
    response = client.get(AUDIT + query)
    assert response.status_code == 200
    return list(response.context["page"].object_list)


@pytest.fixture
def history(article, moderator, clara):
    """Entries on three days by two moderators and one automated rule."""
    made = {}
    with time_machine.travel(datetime.datetime(2025, 3, 1, 12, tzinfo=BERLIN), tick=False):
        made["one"] = make_comment(article, author_email="karl@example.org")
        made["two"] = make_comment(article, author_email="lisa@example.org")
        services.reject_comments(
            Comment.objects.filter(pk=made["one"].pk), actor=moderator, reason=Reason.INSULT
        )
    with time_machine.travel(datetime.datetime(2025, 3, 2, 12, tzinfo=BERLIN), tick=False):
        services.hold_comments(
            Comment.objects.filter(pk=made["two"].pk), actor=None, automated=True
        )
    with time_machine.travel(datetime.datetime(2025, 3, 3, 12, tzinfo=BERLIN), tick=False):
        services.approve_comments(Comment.objects.filter(pk=made["two"].pk), actor=clara)
        services.sanction_person(
            Person("email", "karl@example.org"), actor=clara, kind="ban", reason=Reason.INSULT
        )
    return made


def test_every_entry_newest_first_with_who_what_and_why(console, history):
    entries = listed(console)
    assert [e.action for e in entries] == ["sanction", "approve", "hold", "reject"]
    html = console.get(AUDIT).content.decode()
    assert "clara" in html and "moritz" in html and "Broadsheet" in html
    assert "Insult" in html and "4 entries" in html
    assert reverse("moderation:comment", args=[history["one"].pk]) in html
    assert "?target=email&amp;value=karl%40example.org" in html


def test_filters(console, history, moderator, clara):
    one, two = history["one"].pk, history["two"].pk

    def actions(query):
        return [e.action for e in listed(console, query)]

    assert actions("?action=reject") == ["reject"]
    assert actions(f"?actor={clara.pk}") == ["sanction", "approve"]
    assert actions(f"?actor={moderator.pk}") == ["reject"]
    assert actions("?means=automated") == ["hold"]
    assert actions("?means=manual") == ["sanction", "approve", "reject"]
    assert actions("?start=2025-03-02&end=2025-03-02") == ["hold"]
    assert actions("?start=2025-03-02") == ["sanction", "approve", "hold"]
    assert actions("?end=2025-03-01") == ["reject"]
    assert actions(f"?comment={two}") == ["approve", "hold"]
    assert actions(f"?comment={one}&action=reject") == ["reject"]
    assert actions("?target=email&value=Karl@Example.org") == ["sanction"]
    assert actions("?target=voter&value=karl@example.org") == []
    # Input that does not parse filters nothing and is said so, never a 500.
    response = console.get(AUDIT + "?comment=abc&start=yesterday&actor=999999")
    assert response.status_code == 200 and len(response.context["page"].object_list) == 4
    assert response.context["form"].errors


def test_the_log_is_paged(console, article, moderator):
    comments = [make_comment(article) for _ in range(ENTRIES_PER_PAGE + 1)]
    for comment in comments:
        services.pin_comment(comment, actor=moderator)
    first = listed(console)
    second = listed(console, "?page=2")
    assert len(first) == ENTRIES_PER_PAGE and len(second) == 1
    assert second[0].comment_id == comments[0].pk
    assert console.get(AUDIT + "?page=2").content.decode().count('rel="prev"') == 1


def _grow(article, moderator, times: int) -> None:
    for _ in range(times):
        comment = make_comment(article, author_email="karl@example.org")
        report(comment, "insult")
        services.reject_comments(
            Comment.objects.filter(pk=comment.pk), actor=moderator, reason=Reason.INSULT
        )
        services.sanction_person(
            Person("email", "karl@example.org"), actor=moderator, kind="warning",
            reason=Reason.INSULT,
        )  # fmt: skip


def test_the_log_takes_the_same_queries_with_ten_times_the_data(console, article, moderator):
    _grow(article, moderator, 3)
    few = queries_for(console, AUDIT)
    filtered_few = queries_for(console, AUDIT + f"?actor={moderator.pk}&means=manual")
    _grow(article, moderator, 27)
    many = queries_for(console, AUDIT)
    filtered_many = queries_for(console, AUDIT + f"?actor={moderator.pk}&means=manual")
    assert AuditEntry.objects.count() > 100
    assert len(few) == len(many) == 12, "\n".join(many)
    # The chosen moderator is looked up once more to validate the filter.
    assert len(filtered_few) == len(filtered_many) == 13, "\n".join(filtered_many)


def test_only_moderators_read_the_log(client, reader):
    assert client.get(AUDIT).status_code == 302
    client.force_login(reader)
    assert client.get(AUDIT).status_code == 403
