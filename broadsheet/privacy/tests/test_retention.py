"""The retention sweep drops IP hashes and voter identities past their days, in batches."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from broadsheet.accounts.models import LoginFailures
from broadsheet.core.testing import make_comment
from broadsheet.discussion.models import Comment, Rating, Thread, Vote
from broadsheet.moderation.models import Report
from broadsheet.notifications.models import Subscriber
from broadsheet.privacy import retention
from broadsheet.privacy.models import DataLink, ErasureLog, ErasureRequest
from broadsheet.privacy.text import privacy_text

from .conftest import rate, vote, voter

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(days: int):
    return NOW - datetime.timedelta(days=days)


def test_old_ip_hashes_and_voter_identities_go_recent_ones_stay(article, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)  # several batches
    old = [make_comment(article, ip_hash=f"{i}" * 32, author_key=voter(f"alt{i}"),
                        created_at=days_ago(91)) for i in range(5)]  # fmt: skip
    new = make_comment(article, ip_hash="f" * 32, author_key=voter("neu"), created_at=days_ago(89))
    old_vote = vote(new, voter("alt"), 1)
    Vote.objects.filter(pk=old_vote.pk).update(created_at=days_ago(100))
    new_vote = vote(old[0], voter("neu"), 1)
    old_rating = rate(article, voter("alt"), 5)
    Rating.objects.filter(pk=old_rating.pk).update(updated_at=days_ago(100))
    report = Report.objects.create(comment=new, comment_text="x", comment_author="y",
                                   category="spam", reporter_key=voter("alt"),
                                   reporter_ip_hash="e" * 32, language="de",
                                   created_at=days_ago(95))  # fmt: skip
    LoginFailures.objects.create(key="ip:old", failures=3, last_failure_at=days_ago(91))
    LoginFailures.objects.create(key="ip:new", failures=3, last_failure_at=days_ago(1))

    counts = retention.sweep(now=NOW)

    assert counts["comment_ip_hashes"] == 5 and counts["comment_voter_keys"] == 5
    assert set(Comment.objects.filter(pk__in=[c.pk for c in old]).values_list(
        "ip_hash", "author_key")) == {("", "")}  # fmt: skip
    new.refresh_from_db()
    assert (new.ip_hash, new.author_key) == ("f" * 32, voter("neu"))
    old_vote.refresh_from_db()
    assert old_vote.voter_key.startswith("expired:") and old_vote.value == 1
    assert Vote.objects.get(pk=new_vote.pk).voter_key == voter("neu")
    # The vote and the rating stay counted: only the link to the voter went.
    new.refresh_from_db()
    assert new.upvotes == 1
    assert Rating.objects.get().voter_key.startswith("expired:")
    assert Thread.objects.get(pk=article.pk).rating_count == 1
    report.refresh_from_db()
    assert report.reporter_ip_hash == "" and report.reporter_key.startswith("expired:")
    assert list(LoginFailures.objects.values_list("key", flat=True)) == ["ip:new"]
    # A second sweep finds nothing more to do.
    assert not any(v for k, v in retention.sweep(now=NOW).items())


def test_the_retention_days_are_the_configured_ones(article, settings):
    settings.BROADSHEET_RETENTION_DAYS = 7
    make_comment(article, ip_hash="a" * 32, created_at=days_ago(8))
    make_comment(article, ip_hash="b" * 32, created_at=days_ago(6))
    assert retention.sweep(now=NOW)["comment_ip_hashes"] == 1
    assert set(Comment.objects.values_list("ip_hash", flat=True)) == {"", "b" * 32}


def test_the_sweep_drops_expired_links_and_old_subscriber_keys(article):
    DataLink.objects.create(email="lea@example.org", created_at=days_ago(1),
                            expires_at=days_ago(1))  # fmt: skip
    fresh = DataLink.objects.create(email="lea@example.org", created_at=NOW,
                                    expires_at=NOW + datetime.timedelta(minutes=5))  # fmt: skip
    Subscriber.objects.create(email="alt@example.org", language="de", trusted_keys=["k"],
                              created_at=days_ago(120))  # fmt: skip
    counts = retention.sweep(now=NOW)
    assert counts["data_links"] == 1 and counts["subscriber_keys"] == 1
    assert list(DataLink.objects.all()) == [fresh]
    assert Subscriber.objects.get().trusted_keys == []


def test_the_sweep_carries_out_an_erasure_whose_task_was_lost(article):
    make_comment(article, author_email="lea@example.org", body="Weg damit.")
    ErasureRequest.objects.create(email="lea@example.org", language="de",
                                  requested_at=days_ago(2), due_at=days_ago(1))  # fmt: skip
    ErasureRequest.objects.create(email="otto@example.org", language="de",
                                  requested_at=NOW, due_at=NOW + datetime.timedelta(hours=1))  # fmt: skip
    assert retention.sweep(now=NOW)["erasures"] == 1
    assert not Comment.objects.filter(body="Weg damit.").exists()
    assert ErasureLog.objects.count() == 1
    assert list(ErasureRequest.objects.values_list("email", flat=True)) == ["otto@example.org"]


def test_the_sweep_command_reports_what_it_did(article, capsys):
    make_comment(article, ip_hash="a" * 32, created_at=days_ago(100))
    call_command("privacy_sweep")
    assert "comment_ip_hashes: 1" in capsys.readouterr().out


def test_the_privacy_text_names_the_configured_numbers(settings, capsys):
    settings.BROADSHEET_RETENTION_DAYS = 30
    settings.BROADSHEET_ERASURE_GRACE_HOURS = 48
    settings.BROADSHEET_ERASURE_COMMENTS = "remove"
    text = privacy_text("en")
    assert text.startswith("## Comments, votes and your data")
    assert "for 30 days" in text and "48 hours after you ask" in text
    assert "https://zeitung.example/privacy/my-data/" in text
    assert "Your comments are removed from the discussion." in text
    call_command("privacy_text", "--language", "de", "--language", "en")
    out = capsys.readouterr().out
    assert "<!-- de -->" in out and "<!-- en -->" in out and out.count("30") >= 4


def test_the_privacy_text_refuses_an_unknown_language():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown language 'fr'"):
        call_command("privacy_text", "--language", "fr")


def test_the_admin_lists_the_erasure_log_without_addresses(client, settings):
    from broadsheet.accounts.models import User

    admin = User.objects.create_superuser("chefin", "chefin@example.org", "geheim-geheim")
    ErasureLog.objects.create(erased_at=NOW, requested_at=NOW, subject="email",
                              email_hash="h" * 32, counts={"votes": 2})  # fmt: skip
    ErasureRequest.objects.create(email="lea@example.org", language="de", requested_at=NOW,
                                  due_at=NOW)  # fmt: skip
    client.force_login(admin)
    assert client.get("/admin/privacy/erasurelog/").status_code == 200
    listing = client.get("/admin/privacy/erasurerequest/")
    assert listing.status_code == 200
    assert "lea@example.org" not in listing.content.decode()
