"""The outbox and the worker: never lost, never duplicated, retried with backoff."""

import datetime

import pytest
import time_machine
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from broadsheet.core.testing import make_comment
from broadsheet.notifications import outbox, services
from broadsheet.notifications.models import Delivery, Subscriber, Subscription

pytestmark = pytest.mark.django_db(transaction=True)


def subscribers(article, count: int) -> list[str]:
    """count confirmed subscribers of the article, as if they had clicked their links."""
    emails = [f"leser{n}@example.org" for n in range(count)]
    now = timezone.now()
    for address in emails:
        subscriber = Subscriber.objects.create(email=address, language="de", verified_at=now)
        Subscription.objects.create(
            subscriber=subscriber, article=article, scope="article", language="de", confirmed_at=now
        )
    return emails


def queue_comment_mail(article, count: int):
    emails = subscribers(article, count)
    services.notify_subscribers(make_comment(article, body="Neuigkeiten."))
    return emails


def test_a_stopped_worker_leaves_mail_queued_and_the_next_one_sends_each_exactly_once(
    article, smtp, worker
):
    emails = queue_comment_mail(article, 5)

    worker(max_tasks=2)  # stops with three e-mails still queued
    assert len(smtp.messages) == 2
    worker()
    worker()  # a third worker finds nothing left to do

    assert sorted(r for m in smtp.messages for r in m.recipients) == emails
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_worker_that_died_mid_send_is_replaced_after_the_lease_without_duplicates(
    settings, article, smtp, worker
):
    settings.BROADSHEET_MAIL_LEASE_SECONDS = 600
    queue_comment_mail(article, 3)
    # What kill -9 during the first SMTP conversation leaves behind: a task "running"
    # for ever, and its delivery claimed ("sending") but never recorded as sent.
    task = DBTaskResult.objects.filter(task_path__endswith="send_email").order_by("enqueued_at")[0]
    task.claim("dead-worker")
    outbox.claim(task.args_kwargs["args"][0], now=timezone.now())

    worker()
    assert len(smtp.messages) == 2, "the others go out; the claimed one waits for its lease"
    outbox.recover_stalled_work()
    worker()
    assert len(smtp.messages) == 2, "a claim within its lease is respected"

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        assert outbox.recover_stalled_work() == 1
        worker()
        worker()
    assert len(smtp.messages) == 3
    assert len({r for m in smtp.messages for r in m.recipients}) == 3
    stalled = Delivery.objects.get(pk=task.args_kwargs["args"][0])
    assert stalled.status == Delivery.Status.SENT and stalled.attempts == 2


def test_running_the_same_send_task_twice_sends_once(article, smtp, worker):
    queue_comment_mail(article, 1)
    delivery = Delivery.objects.get()
    from broadsheet.notifications.tasks import send_email

    send_email.enqueue(delivery.pk)
    send_email.enqueue(delivery.pk)
    worker()

    assert len(smtp.messages) == 1


def test_with_the_smtp_server_down_mail_is_retried_with_backoff_then_sent(
    settings, article, smtp, worker
):
    settings.BROADSHEET_MAIL_RETRY_DELAYS = (60, 300, 900)
    queue_comment_mail(article, 1)
    smtp.stop()
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        worker()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.RETRYING and delivery.attempts == 1
    assert delivery.next_attempt_at == start + datetime.timedelta(seconds=60)
    assert "ConnectionRefusedError" in delivery.last_error

    with time_machine.travel(start + datetime.timedelta(seconds=59), tick=False):
        worker()
    assert Delivery.objects.get().attempts == 1, "not before its time"
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        worker()
    delivery = Delivery.objects.get()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == start + datetime.timedelta(seconds=61 + 300)

    smtp.start()
    with time_machine.travel(start + datetime.timedelta(seconds=61 + 301), tick=False):
        worker()
    [mail] = smtp.messages
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 3
    assert mail["Message-ID"] == f"<{delivery.message_id}>"


def test_after_the_last_attempt_the_failure_is_visible_and_can_be_sent_again(
    settings, article, smtp, worker, admin_client
):
    settings.BROADSHEET_MAIL_RETRY_DELAYS = (1, 1)
    queue_comment_mail(article, 1)
    smtp.stop()
    moment = timezone.now()
    for _attempt in range(4):
        with time_machine.travel(moment, tick=False):
            worker()
        moment += datetime.timedelta(seconds=2)

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 3
    page = admin_client.get("/admin/notifications/delivery/?status__exact=failed")
    assert "leser0@example.org" in page.content.decode()

    smtp.start()
    response = admin_client.post(
        "/admin/notifications/delivery/",
        {"action": "send_again", "_selected_action": [delivery.pk]},
    )
    assert response.status_code == 302
    worker()
    assert len(smtp.messages) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_an_address_refused_for_good_is_not_retried(article, smtp, worker):
    queue_comment_mail(article, 1)

    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such user"

    smtp.handler.handle_RCPT = refuse
    worker()

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == 1
    assert "550" in delivery.last_error


def test_mail_queued_for_a_reader_who_unsubscribed_meanwhile_is_cancelled(article, smtp, worker):
    queue_comment_mail(article, 2)
    services.unsubscribe(Subscription.objects.get(subscriber__email="leser0@example.org").token)

    worker()

    assert [m.recipients for m in smtp.messages] == [["leser1@example.org"]]
    assert Delivery.objects.get(to="leser0@example.org").status == Delivery.Status.CANCELLED


def test_the_task_rows_of_other_apps_are_not_touched_by_recovery():
    row = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="broadsheet.publishing.tasks.something",
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(days=1),
    )

    assert outbox.recover_stalled_work() == 0
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_old_unconfirmed_subscriptions_and_finished_deliveries_are_forgotten(settings, article):
    settings.BROADSHEET_NOTIFICATION_RETENTION_DAYS = 30
    services.subscribe("lea@example.org", article=article, scope="article", language="de")
    queue_comment_mail(article, 1)
    Delivery.objects.filter(kind="comment").update(status=Delivery.Status.SENT)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        deleted = outbox.purge_old_records()

    assert deleted["subscriptions"] == 1
    assert not Subscriber.objects.filter(email="lea@example.org").exists()
    assert list(Delivery.objects.values_list("kind", flat=True)) == ["confirmation"]
    assert Subscription.objects.filter(subscriber__email="leser0@example.org").exists()


def test_a_delivery_whose_task_ended_without_it_gets_a_new_task(settings, article, smtp, worker):
    settings.BROADSHEET_MAIL_LEASE_SECONDS = 600
    queue_comment_mail(article, 1)
    # e.g. the task failed on "database is locked" before it could claim the delivery
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED, finished_at=timezone.now())
    worker()
    assert smtp.messages == []
    assert outbox.recover_stalled_work() == 0, "not overdue yet: its worker may be busy"

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        assert outbox.recover_stalled_work() == 1
        assert outbox.recover_stalled_work() == 0, "one new task is enough"
        worker()

    assert len(smtp.messages) == 1
