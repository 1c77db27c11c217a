"""Keyed hashes, and which address is the reader's: how Broadsheet tells readers apart
without storing their IP addresses.

Two keys, for two lifetimes:

- keyed_hash() uses SECRET_KEY, for what must stay comparable for as long as it is
  stored: voter identities (a vote must still be the reader's next year), rate-limit
  buckets.
- ip_hash() uses the IP-hash key, which changes every calendar month (UTC): a hash
  from May cannot be linked to one from June. The key comes from
  BROADSHEET_IP_HASH_KEY (then each month's key is derived from it), or from the key
  file in the data folder, which holds only the current month's key and is ratcheted
  forward one way when the month turns: a copy of the data folder taken today cannot
  recompute last month's key, so it cannot test guesses against last month's hashes.
"""

import datetime
import hashlib
import hmac
import ipaddress
import logging
import os
import re
import secrets
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


def keyed_hash(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of value under a key derived from SECRET_KEY and the purpose.

    Without the secret key the hash cannot be reversed by trying all 2^32 IPv4
    addresses, which a plain hash could.
    """
    key = hashlib.sha256(f"broadsheet:{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def ip_hash(ip: str, *, now: datetime.datetime | None = None) -> str:
    """A hash of an IP address (or network) that is the same all month, and only then."""
    if not ip:
        return ""
    key = hmac.new(ip_hash_key(now=now), b"broadsheet:purpose:ip", hashlib.sha256).digest()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()[:32]


# --- The monthly IP-hash key ------------------------------------------------------------

_KEY_LINE = re.compile(r"^(\d{4})-(\d{2}) ([0-9a-f]{64})$")
_key_lock = threading.Lock()
_key_cache: dict[tuple[str, str], bytes] = {}


def _month_of(now: datetime.datetime | None) -> str:
    now = now or datetime.datetime.now(datetime.UTC)
    now = now.astimezone(datetime.UTC) if now.tzinfo else now
    return f"{now.year:04d}-{now.month:02d}"


def _month_number(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _next_key(key: bytes) -> bytes:
    """One step of the ratchet: easy forwards, impossible backwards."""
    return hmac.new(key, b"broadsheet:ip-hash:next-month", hashlib.sha256).digest()


def ip_hash_key(*, now: datetime.datetime | None = None) -> bytes:
    """This month's key for ip_hash(). ImproperlyConfigured if the key file is unusable."""
    month = _month_of(now)
    configured = getattr(settings, "BROADSHEET_IP_HASH_KEY", "")
    if configured:
        # Derivable for any month, by design: the secret is not in the data folder.
        return hmac.new(
            configured.encode(), f"broadsheet:ip-hash:{month}".encode(), hashlib.sha256
        ).digest()
    path = Path(settings.BROADSHEET_IP_HASH_KEY_FILE)
    with _key_lock:
        cached = _key_cache.get((str(path), month))
        if cached is None:
            cached = _month_key_from_file(path, month)
            _key_cache.clear()
            _key_cache[(str(path), month)] = cached
        return cached


def _month_key_from_file(path: Path, month: str) -> bytes:
    try:
        stored = _read_key_file(path)
        if stored is None:
            _write_new(path, f"{month} {secrets.token_hex(32)}\n")
            stored = _read_key_file(path)
    except OSError as error:
        raise ImproperlyConfigured(
            f"Cannot read or create the IP-hash key file {path} ({error.strerror}). Make the "
            "data folder writable, or set BROADSHEET_IP_HASH_KEY."
        ) from None
    if stored is None:
        raise ImproperlyConfigured(f"The IP-hash key file {path} could not be created.")
    stored_month, key = stored
    steps = _month_number(month) - _month_number(stored_month)
    if steps <= 0:
        # Same month, or a clock that went back: the key never runs backwards.
        return key
    for _ in range(steps):
        key = _next_key(key)
    # Every process computes the same next key, so racing writers write the same line.
    try:
        _replace(path, f"{month} {key.hex()}\n")
    except OSError as error:
        logger.warning("Could not move the IP-hash key file %s forward: %s", path, error)
    return key


def _read_key_file(path: Path) -> tuple[str, bytes] | None:
    try:
        text = path.read_text().strip()
    except FileNotFoundError:
        return None
    match = _KEY_LINE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ImproperlyConfigured(
            f"The IP-hash key file {path} is damaged. Delete it (a new key is made; "
            "stored IP hashes can no longer be linked to new ones) or restore it."
        )
    return f"{match.group(1)}-{match.group(2)}", bytes.fromhex(match.group(3))


def _temporary_file(path: Path, text: str) -> Path:
    """The text in a new 0600 file beside path (same file system, for link/rename)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return temporary


def _write_new(path: Path, text: str) -> None:
    """Create path with text unless it exists: a reader never sees a half-written key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_file(path, text)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process was first; its key is the key
    finally:
        temporary.unlink(missing_ok=True)


def _replace(path: Path, text: str) -> None:
    os.replace(_temporary_file(path, text), path)


# --- Which address is the reader's ----------------------------------------------------


class ProxyConfig:
    """BROADSHEET_TRUSTED_PROXIES and _HOPS, parsed once; errors for the system check."""

    def __init__(self, entries, hops):
        self.networks: list = []
        self.errors: list[str] = []
        for entry in entries:
            try:
                self.networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
            except ValueError:
                self.errors.append(
                    f"BROADSHEET_TRUSTED_PROXIES: {entry!r} is not an IP address or network "
                    "(e.g. 10.0.0.5, 10.0.0.0/8, 2001:db8::/32)."
                )
        try:
            self.hops = int(str(hops).strip())
        except ValueError:
            self.hops = 0
        if self.hops < 1:
            self.errors.append(
                f"BROADSHEET_TRUSTED_PROXY_HOPS must be a whole number of at least 1, not {hops!r}."
            )
        if self.errors:
            # Fail closed: a half-understood setting trusts nobody (the check stops serve).
            self.networks = []

    def trusts(self, address) -> bool:
        return any(address in network for network in self.networks)


@lru_cache(maxsize=8)
def _proxy_config(entries: tuple, hops) -> ProxyConfig:
    return ProxyConfig(entries, hops)


def proxy_config() -> ProxyConfig:
    return _proxy_config(
        tuple(getattr(settings, "BROADSHEET_TRUSTED_PROXIES", ())),
        getattr(settings, "BROADSHEET_TRUSTED_PROXY_HOPS", 1),
    )


def _parse_address(text: str):
    """An address from a header or REMOTE_ADDR; "[v6]:port" and "v4:port" allowed."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    address = ipaddress.ip_address(text)
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted_peer(request) -> bool:
    """Whether the connection comes from one of our proxies (so its headers count)."""
    config = proxy_config()
    if not config.networks:
        return False
    try:
        return config.trusts(_parse_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return False


def client_ip(request) -> str:
    """The reader's address: the peer, unless the peer is a trusted proxy.

    From a trusted peer, X-Forwarded-For is read from the right (each proxy appends the
    address it saw), skipping our own proxies, at most HOPS entries, and the first
    address that is not ours is the reader. Whatever a client writes further left is
    never read, so nobody can choose their own rate-limit bucket; and readers behind
    one CDN edge are told apart when the edge is trusted and HOPS counts it.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    try:
        peer_address = _parse_address(peer)
    except ValueError:
        return peer
    config = proxy_config()
    if not config.trusts(peer_address):
        return str(peer_address)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry for entry in forwarded.split(",")] if forwarded.strip() else []
    found = peer_address
    for entry in reversed(entries[-config.hops :]):
        try:
            found = _parse_address(entry)
        except ValueError:
            return str(peer_address)
        if not config.trusts(found):
            break
    return str(found)


def network_of(ip: str) -> str:
    """The address, or its /64 for IPv6: one household or phone gets a whole /64, and
    can pick any address in it, so a per-address bucket would not limit anyone."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
