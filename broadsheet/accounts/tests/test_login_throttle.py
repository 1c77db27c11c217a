"""Guessing passwords: refused early, with increasing delays, by account and by network."""

import datetime

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.utils import timezone

from broadsheet.accounts.models import LoginFailures
from broadsheet.accounts.throttle import FREE_FAILURES

pytestmark = pytest.mark.django_db

READER_LOGIN = "/account/login/"
ADMIN_LOGIN = "/admin/login/"


class CountingHasher(MD5PasswordHasher):
    """A real hasher that counts how often a password was checked."""

    algorithm = "md5"
    checks = 0

    def verify(self, password, encoded):
        CountingHasher.checks += 1
        return super().verify(password, encoded)


@pytest.fixture(autouse=True)
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.checks = 0
    return CountingHasher


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def log_in(client, username, password, *, url=READER_LOGIN, ip="198.51.100.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_after_the_free_failures_even_the_right_password_waits(client, reader, clock):
    for _ in range(FREE_FAILURES["account"]):
        assert "Bitte Benutzername" in log_in(client, "lea", "falsch").content.decode()

    response = log_in(client, "lea", "falsch")  # the first failure past the free ones
    response = log_in(client, "lea", "leserin-geheim")

    assert "Zu viele fehlgeschlagene Anmeldungen" in response.content.decode()
    assert not logged_in(client)


def test_a_blocked_attempt_costs_no_password_hash(client, reader, clock, counting_hasher):
    for _ in range(FREE_FAILURES["account"] + 1):
        log_in(client, "lea", "falsch")
    checks = counting_hasher.checks

    for _ in range(50):
        log_in(client, "lea", "falsch")

    assert counting_hasher.checks == checks


def test_each_further_failure_doubles_the_wait(client, reader, clock):
    for _ in range(FREE_FAILURES["account"]):
        log_in(client, "lea", "falsch")
    waits = []
    for _ in range(5):
        log_in(client, "lea", "falsch")
        row = LoginFailures.objects.get(key__startswith="account:")
        waits.append((row.blocked_until - timezone.now()).total_seconds())
        clock.shift(datetime.timedelta(seconds=waits[-1] + 0.5))  # wait it out, then guess
    assert waits == [1, 2, 4, 8, 16]


def test_waiting_out_the_block_lets_the_right_password_in_and_clears_the_count(
    client, reader, clock
):
    for _ in range(FREE_FAILURES["account"] + 1):
        log_in(client, "lea", "falsch")
    clock.shift(datetime.timedelta(seconds=2))

    log_in(client, "lea", "leserin-geheim")

    assert logged_in(client)
    assert not LoginFailures.objects.filter(key__startswith="account:").exists()


def test_four_hundred_guesses_in_a_row_no_longer_find_the_password(client, reader, clock):
    for _ in range(399):
        log_in(client, "lea", "falsch")
        clock.shift(datetime.timedelta(seconds=1))
    log_in(client, "lea", "leserin-geheim")
    assert not logged_in(client)


def test_one_network_guessing_many_accounts_is_blocked_too(client, reader, clock):
    for n in range(FREE_FAILURES["ip"] + 1):
        log_in(client, f"gibt-es-nicht-{n}", "falsch")

    response = log_in(client, "lea", "leserin-geheim")

    assert "Zu viele fehlgeschlagene Anmeldungen" in response.content.decode()
    # Someone else, elsewhere, is not affected.
    other = Client()
    log_in(other, "lea", "leserin-geheim", ip="203.0.113.9")
    assert logged_in(other)


def test_a_whole_ipv6_slash_64_counts_as_one_network(client, reader, clock):
    for n in range(FREE_FAILURES["ip"] + 1):
        log_in(client, f"gibt-es-nicht-{n}", "falsch", ip=f"2001:db8:1:2::{n + 1:x}")
    response = log_in(client, "lea", "leserin-geheim", ip="2001:db8:1:2:ffff::1")
    assert "Zu viele fehlgeschlagene Anmeldungen" in response.content.decode()


def test_the_newsroom_log_in_is_throttled_the_same_way(client, editor, clock):
    editor.is_staff = True
    editor.save()
    for _ in range(FREE_FAILURES["account"] + 1):
        log_in(client, "erika", "falsch", url=ADMIN_LOGIN)

    response = log_in(client, "erika", "redaktion-geheim", url=ADMIN_LOGIN)

    assert response.status_code == 200
    assert "Zu viele fehlgeschlagene Anmeldungen" in response.content.decode()
    assert not logged_in(client)


def test_the_table_holds_neither_names_nor_addresses(client, reader, clock):
    log_in(client, "lea", "falsch", ip="198.51.100.7")
    keys = " ".join(LoginFailures.objects.values_list("key", flat=True))
    assert "lea" not in keys and "198.51.100.7" not in keys
    assert LoginFailures.objects.count() == 2  # one for the account, one for the network
