"""Trust levels: every transition, borrowing an address, and what each level does by default."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion import services as discussion
from broadsheet.discussion.identity import Viewer
from broadsheet.discussion.models import Comment
from broadsheet.moderation import services
from broadsheet.moderation.models import Reason, Sanction
from broadsheet.moderation.policy import level_rules
from broadsheet.moderation.services import Person, ReportRequest
from broadsheet.moderation.trust import Level, trust_of, trust_of_comments
from broadsheet.notifications.models import Subscriber

pytestmark = pytest.mark.django_db
EMAIL = "lea@example.org"


@pytest.fixture(autouse=True)
def _defaults(settings):
    settings.BROADSHEET_MODERATION = "first-time"
    settings.BROADSHEET_TRUSTED_AFTER = 3


@pytest.fixture
def article():
    return make_article("Der neue Radweg")


def lea(token="lea-browser", user=None) -> Viewer:  # noqa: S107 (a voter token)
    return Viewer(user=user, voter_token=token, ip_hash="ip-lea", network_hash="net-lea")


def written(article, viewer, *, n=1, status="approved", email=EMAIL, **fields):
    return [
        make_comment(
            article,
            status=status,
            author_email=email,
            author_key=viewer.voter_key,
            user=viewer.user,
            body=f"Beitrag {i} {status}",
            **fields,
        )  # fmt: skip
        for i in range(n)
    ]


def test_a_person_without_history_is_new(article):
    trust = trust_of(lea(), email=EMAIL)
    assert trust.level == Level.NEW
    assert trust.why


def test_an_approved_comment_makes_a_guest_known(article):
    written(article, lea())
    trust = trust_of(lea(), email=EMAIL)
    assert trust.level == Level.KNOWN
    assert "1" in trust.why


def test_typing_a_known_commenters_address_does_not_borrow_their_trust(article):
    written(article, lea(), n=5)
    assert trust_of(lea(), email=EMAIL).level == Level.TRUSTED
    impostor = lea(token="another-browser")
    assert trust_of(impostor, email=EMAIL).level == Level.NEW
    assert trust_of(impostor, email="LEA@example.org ").level == Level.NEW


def test_a_confirmed_address_makes_its_browser_known(article):
    viewer = lea()
    Subscriber.objects.create(
        email=EMAIL, language="de", verified_at=timezone.now(), trusted_keys=[viewer.voter_key]
    )
    trust = trust_of(viewer, email=EMAIL)
    assert trust.level == Level.KNOWN
    # Another browser typing the same address has not opened the confirmation link.
    assert trust_of(lea(token="another-browser"), email=EMAIL).level == Level.NEW


def test_an_unconfirmed_subscriber_is_not_known(article):
    viewer = lea()
    Subscriber.objects.create(email=EMAIL, language="de", trusted_keys=[viewer.voter_key])
    assert trust_of(viewer, email=EMAIL).level == Level.NEW


def test_a_confirmed_browser_carries_the_address_history_from_other_browsers(article):
    written(article, lea(token="old-laptop"), n=3)
    viewer = lea(token="new-phone")
    assert trust_of(viewer, email=EMAIL).level == Level.NEW
    Subscriber.objects.create(
        email=EMAIL, language="de", verified_at=timezone.now(), trusted_keys=[viewer.voter_key]
    )
    assert trust_of(viewer, email=EMAIL).level == Level.TRUSTED


def test_trusted_after_the_configured_number_of_approved_comments(article, settings):
    written(article, lea(), n=2)
    assert trust_of(lea(), email=EMAIL).level == Level.KNOWN
    written(article, lea(), n=1)
    assert trust_of(lea(), email=EMAIL).level == Level.TRUSTED
    settings.BROADSHEET_TRUSTED_AFTER = 4
    assert trust_of(lea(), email=EMAIL).level == Level.KNOWN


def test_accounts_are_known_by_their_id(article, reader):
    account = lea(user=reader)
    written(article, account, email="")
    assert trust_of(account, email=reader.email).level == Level.KNOWN
    # A guest who types the account's address is nobody.
    assert trust_of(lea(token="x"), email=reader.email).level == Level.NEW


def test_a_recent_rejection_restricts_even_a_trusted_person(article, moderator):
    written(article, lea(), n=5)
    (bad,) = written(article, lea(), status="pending")
    services.reject_comments(
        Comment.objects.filter(pk=bad.pk), actor=moderator, reason=Reason.INSULT
    )
    trust = trust_of(lea(), email=EMAIL)
    assert trust.level == Level.RESTRICTED
    assert "30" in trust.why


def test_a_rejection_in_another_browser_under_the_same_browser_key_restricts(article, moderator):
    """What counts against a guest follows their browser, whatever address they type."""
    (bad,) = written(article, lea(), status="pending", email="other@example.org")
    services.reject_comments(
        Comment.objects.filter(pk=bad.pk), actor=moderator, reason=Reason.HARASSMENT
    )
    assert trust_of(lea(), email=EMAIL).level == Level.RESTRICTED


def test_a_troll_using_someone_elses_address_does_not_restrict_them(article, moderator):
    written(article, lea(), n=1)
    (bad,) = written(article, lea(token="troll"), status="pending")
    services.reject_comments(
        Comment.objects.filter(pk=bad.pk), actor=moderator, reason=Reason.INSULT
    )
    assert trust_of(lea(token="troll"), email=EMAIL).level == Level.RESTRICTED
    assert trust_of(lea(), email=EMAIL).level == Level.KNOWN


def test_spam_marks_do_not_restrict(article, moderator):
    written(article, lea())
    (junk,) = written(article, lea(), status="pending")
    services.mark_spam(Comment.objects.filter(pk=junk.pk), actor=moderator)
    assert trust_of(lea(), email=EMAIL).level == Level.KNOWN


def test_an_upheld_report_restricts(article, moderator):
    (reported,) = written(article, lea())
    reporter = Viewer(user=None, voter_token="reporter", ip_hash="rip", network_hash="rn")
    services.report_comment(
        reported, viewer=reporter, request=ReportRequest(category="insult"), language="de"
    )
    assert trust_of(lea(), email=EMAIL).level == Level.KNOWN
    services.mark_spam(Comment.objects.filter(pk=reported.pk), actor=moderator)
    from django.utils import translation

    with translation.override("en"):
        trust = trust_of(lea(), email=EMAIL)
        assert trust.level == Level.RESTRICTED
        assert "1 report upheld" in str(trust.why)


def test_a_warning_restricts(article, moderator):
    written(article, lea(), n=5)
    services.sanction_person(
        Person("voter", lea().voter_key), actor=moderator, kind="warning", reason=Reason.INSULT
    )
    assert trust_of(lea(), email=EMAIL).level == Level.RESTRICTED


def test_restriction_ends_after_thirty_days(article, moderator):
    written(article, lea(), n=5)
    (bad,) = written(article, lea(), status="pending")
    services.reject_comments(
        Comment.objects.filter(pk=bad.pk), actor=moderator, reason=Reason.INSULT
    )
    services.sanction_person(
        Person("voter", lea().voter_key), actor=moderator, kind="warning", reason=Reason.INSULT
    )
    later = timezone.now() + datetime.timedelta(days=29)
    with time_machine.travel(later):
        assert trust_of(lea(), email=EMAIL).level == Level.RESTRICTED
    with time_machine.travel(later + datetime.timedelta(days=2)):
        assert trust_of(lea(), email=EMAIL).level == Level.TRUSTED


def test_trust_costs_a_fixed_number_of_queries(article, django_assert_num_queries):
    for i in range(3):
        written(article, lea(), n=10 * i + 1)
        # The confirmed address, one aggregate over the comments, the warnings.
        with django_assert_num_queries(3):
            trust_of(lea(), email=EMAIL)


# --- What each level does under the default setting ----------------------------------------


def post(article, viewer, body="Ein Gedanke zum Radweg.", email=EMAIL):
    author = discussion.Author(name="Lea", email=email)
    return discussion.post_comment(article, viewer=viewer, body=body, author=author)


def test_by_default_new_people_are_held(article):
    comment = post(article, lea())
    assert (comment.status, comment.held_because) == ("pending", "first_time")


def test_by_default_known_and_trusted_people_are_published(article):
    written(article, lea())
    assert post(article, lea()).status == "approved"
    written(article, lea(), n=3)
    assert post(article, lea(), body="Noch einer.").status == "approved"


def test_by_default_restricted_people_are_held(article, moderator):
    written(article, lea(), n=5)
    (bad,) = written(article, lea(), status="pending")
    services.reject_comments(
        Comment.objects.filter(pk=bad.pk), actor=moderator, reason=Reason.INSULT
    )
    comment = post(article, lea())
    assert (comment.status, comment.held_because) == ("pending", "restricted")


def test_a_borrowed_address_is_held_as_new(article):
    written(article, lea(), n=5)
    comment = post(article, lea(token="impostor"))
    assert (comment.status, comment.held_because) == ("pending", "first_time")


def test_the_setting_can_decide_per_level(article, settings):
    assert level_rules("first-time") == {
        "new": "hold", "known": "publish", "trusted": "publish", "restricted": "hold",
    }  # fmt: skip
    assert set(level_rules("all").values()) == {"hold"}
    assert set(level_rules("none").values()) == {"publish"}
    settings.BROADSHEET_MODERATION = "new=publish,known=hold"
    assert post(article, lea()).status == "approved"
    comment = post(article, lea(), body="Zweiter Beitrag.")
    assert (comment.status, comment.held_because) == ("pending", "policy")
    with pytest.raises(ValueError):
        level_rules("new=hold,known=maybe")
    with pytest.raises(ValueError):
        level_rules("first_time")


def test_the_console_shows_each_authors_trust_with_why(article, moderator, client):
    written(article, lea(), n=3)
    (held,) = written(article, lea(), status="pending")
    (stranger,) = written(article, lea(token="s"), status="pending", email="s@example.org")
    trusts = trust_of_comments([held, stranger])
    assert trusts[held.pk].level == Level.TRUSTED
    assert trusts[stranger.pk].level == Level.NEW
    client.force_login(moderator)
    html = client.get("/moderation/").content.decode()
    assert 'data-trust="trusted"' in html and 'data-trust="new"' in html
    html = client.get(f"/moderation/comments/{held.pk}/").content.decode()
    assert 'data-trust="trusted"' in html and "data-trust-why" in html


def test_the_console_agrees_with_posting_time_trust(article, moderator):
    """trust_of_comments says what trust_of would say for the author posting again."""
    written(article, lea(), n=1)
    (bad,) = written(article, lea(token="troll"), status="pending")
    services.reject_comments(
        Comment.objects.filter(pk=bad.pk), actor=moderator, reason=Reason.INSULT
    )
    (again,) = written(article, lea(token="troll"), status="pending")
    (mine,) = written(article, lea(), status="pending")
    trusts = trust_of_comments([again, mine])
    assert trusts[again.pk].level == trust_of(lea(token="troll"), email=EMAIL).level
    assert trusts[mine.pk].level == trust_of(lea(), email=EMAIL).level == Level.KNOWN
    assert Sanction.objects.count() == 0
