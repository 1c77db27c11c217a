"""IP hashes use a key of their own that turns every month, so old hashes expire.

They used to be keyed with SECRET_KEY, which sits in the data folder next to the
database: whoever copied the folder could test any guessed address against every
stored hash, however old.
"""

import datetime
import hashlib
import hmac
import stat

import pytest
import time_machine

from broadsheet.core import hashing
from broadsheet.core.hashing import ip_hash, ip_hash_key, keyed_hash

IP = "203.0.113.9"
MAY = datetime.datetime(2026, 5, 3, 12, 0, tzinfo=datetime.UTC)
LATE_MAY = datetime.datetime(2026, 5, 31, 23, 59, 59, tzinfo=datetime.UTC)
JUNE = datetime.datetime(2026, 6, 1, 0, 0, 1, tzinfo=datetime.UTC)
AUGUST = datetime.datetime(2026, 8, 14, tzinfo=datetime.UTC)


@pytest.fixture
def key_file(settings, tmp_path):
    settings.BROADSHEET_IP_HASH_KEY = ""
    settings.BROADSHEET_IP_HASH_KEY_FILE = tmp_path / "data" / "ip-hash.key"
    return settings.BROADSHEET_IP_HASH_KEY_FILE


def secret_key_hash(value: str) -> str:
    """How ip_hash() was computed before: under SECRET_KEY."""
    key = hashlib.sha256(f"broadsheet:ip:{hashing.settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def test_the_key_is_not_the_secret_key(key_file, settings):
    hashed = ip_hash(IP)
    assert hashed != secret_key_hash(IP)
    assert hashed != keyed_hash(IP, purpose="ip")
    settings.SECRET_KEY = "a-completely-different-secret-key-" * 2
    assert ip_hash(IP) == hashed


def test_the_key_file_is_made_once_readable_only_by_us(key_file):
    ip_hash(IP)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    first = key_file.read_text()
    hashing._key_cache.clear()  # as a freshly started process
    ip_hash(IP)
    assert key_file.read_text() == first


def test_a_hash_is_stable_within_a_month(key_file):
    assert ip_hash(IP, now=MAY) == ip_hash(IP, now=LATE_MAY)
    assert ip_hash(IP, now=MAY) != ip_hash("203.0.113.10", now=MAY)


def test_the_hash_changes_when_the_month_turns(key_file):
    may = ip_hash(IP, now=LATE_MAY)
    june = ip_hash(IP, now=JUNE)
    assert may != june
    assert ip_hash(IP, now=JUNE) == june


def test_a_copy_of_the_data_folder_cannot_recompute_last_months_hashes(key_file):
    may, may_key = ip_hash(IP, now=MAY), ip_hash_key(now=MAY)
    ip_hash(IP, now=AUGUST)  # the file moves forward; May's key is gone from it
    stolen = key_file.read_text()
    assert stolen.startswith("2026-08 ")
    assert may_key.hex() not in stolen
    # Asking for an earlier month never runs the key backwards.
    assert ip_hash_key(now=MAY) == ip_hash_key(now=AUGUST)
    assert ip_hash(IP, now=MAY) != may


def test_every_process_derives_the_same_next_key(key_file):
    ip_hash(IP, now=MAY)
    original = key_file.read_text()
    june = ip_hash(IP, now=JUNE)
    key_file.write_text(original)  # another process, still in May, wrote last
    hashing._key_cache.clear()
    assert ip_hash(IP, now=JUNE) == june


def test_a_key_from_the_environment_is_used_instead_of_a_file(key_file, settings):
    settings.BROADSHEET_IP_HASH_KEY = "aus-der-umgebung-" * 3
    may, june = ip_hash(IP, now=MAY), ip_hash(IP, now=JUNE)
    assert may != june
    assert ip_hash(IP, now=LATE_MAY) == may
    assert not key_file.exists()
    settings.BROADSHEET_IP_HASH_KEY = "ein-anderer-schluessel-" * 3
    assert ip_hash(IP, now=MAY) != may


def test_a_damaged_key_file_is_a_clear_error(key_file):
    from django.core.exceptions import ImproperlyConfigured

    key_file.parent.mkdir(parents=True)
    key_file.write_text("nonsense\n")
    hashing._key_cache.clear()
    with pytest.raises(ImproperlyConfigured, match="is damaged"):
        ip_hash(IP)


def test_the_clock_decides_without_an_explicit_time(key_file):
    with time_machine.travel(LATE_MAY, tick=False):
        may = ip_hash(IP)
    with time_machine.travel(JUNE, tick=False):
        assert ip_hash(IP) != may


def test_check_deploy_asks_for_a_shared_key_on_a_shared_database(settings):
    from broadsheet.core.security import check_ip_hash_key_is_shared

    settings.DATABASE_URL, settings.BROADSHEET_IP_HASH_KEY = "postgres://db/broadsheet", ""
    assert [w.id for w in check_ip_hash_key_is_shared()] == ["broadsheet.W003"]
    settings.BROADSHEET_IP_HASH_KEY = "geteilt-" * 6
    assert check_ip_hash_key_is_shared() == []
