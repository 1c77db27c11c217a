"""Redis as an accelerator, never a dependency.

`ResilientRedisCache` is Django's RedisCache with three promises:

- every call is bounded: connect and read time out after `SOCKET_TIMEOUT` seconds
  (0.25 s by default) and redis-py never retries, so a Redis that accepts connections
  but never answers costs a quarter of a second, not the request;
- a failed call is a cache miss (reads return the default, writes are dropped), logged
  as a warning at most once a minute per server, never a 500;
- a circuit breaker, shared by every thread and cache alias of the process that talks
  to the same server: after a failure the process stops asking for `RETRY_SECONDS`,
  then lets one call through to probe. A dead Redis costs one timeout per process
  every few seconds, not one per cache call.

`incr()` is the exception: it raises `CacheUnavailable`, because a counter that
silently reads "not found" would turn every rate limit off (see core/ratelimit.py).

`TieredRedisCache` adds a small in-process LRU in front of Redis, for caches whose
keys derive from database versions (the "fragments" alias): an entry never changes
under its key, so a copy in process memory is as good as the one in Redis, and a hot
article's discussion (hundreds of kilobytes) is not fetched and unpickled from Redis
on every view. Local copies live no longer than the caller asked for (the deadline
travels with the value in Redis), at most `LOCAL_MAX_SECONDS`, and are bounded in
count and bytes. A delete or a replaced value reaches other processes' copies only
when those expire: never use it for keys that are not versioned.
"""

import logging
import pickle
import re
import sys
import threading
import time
from collections import OrderedDict

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.utils.safestring import SafeString
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

LOG_INTERVAL_SECONDS = 60.0


class CacheUnavailable(Exception):
    """The cache could not answer (down, hanging, or skipped by the open circuit)."""


def _display(location: str) -> str:
    # Never log a password that is part of the URL.
    return re.sub(r"//[^@/]*@", "//***@", location)


class CircuitBreaker:
    """Whether to call a server at all; one per server and process, shared by threads."""

    def __init__(self, name: str, retry_seconds: float):
        self.name = name
        self.retry_seconds = retry_seconds
        self._lock = threading.Lock()
        self._open_until = 0.0  # 0: closed, calls go through
        self._skipped = 0
        self._last_logged = float("-inf")

    @property
    def is_open(self) -> bool:
        return self._open_until != 0.0

    def allows(self) -> bool:
        if not self._open_until:  # the fast path takes no lock
            return True
        with self._lock:
            now = time.monotonic()
            if not self._open_until:
                return True
            if now < self._open_until:
                self._skipped += 1
                return False
            # This caller probes; every other one keeps skipping until it reports back.
            self._open_until = now + self.retry_seconds
            return True

    def failed(self, error: BaseException) -> None:
        with self._lock:
            now = time.monotonic()
            newly_open = not self._open_until
            self._open_until = now + self.retry_seconds
            if newly_open or now - self._last_logged >= LOG_INTERVAL_SECONDS:
                self._last_logged = now
                skipped, self._skipped = self._skipped, 0
                logger.warning(
                    "Cache server %s is unavailable (%s: %s); serving without it, "
                    "next try in %.0f s (%d calls skipped since the last warning)",
                    self.name,
                    type(error).__name__,
                    error,
                    self.retry_seconds,
                    skipped,
                )

    def succeeded(self) -> None:
        if not self._open_until:
            return
        with self._lock:
            if self._open_until:
                self._open_until = 0.0
                self._skipped = 0
                self._last_logged = float("-inf")
                logger.warning("Cache server %s answers again", self.name)


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, retry_seconds: float) -> CircuitBreaker:
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = CircuitBreaker(_display(location), retry_seconds)
        return breaker


class ResilientRedisCache(RedisCache):
    """RedisCache whose failures are cache misses; see the module docstring."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        timeout = float(options.pop("SOCKET_TIMEOUT", 0.25))
        retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        self._take_local_options(options)
        options.setdefault("socket_connect_timeout", timeout)
        options.setdefault("socket_timeout", timeout)
        # redis-py's own retries would multiply the timeout; the breaker decides instead.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        options.setdefault("retry_on_error", [])
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(",".join(self._servers), retry_seconds)

    def _take_local_options(self, options: dict) -> None:
        """Remove the options of the local tier (TieredRedisCache) before redis sees them."""

    def _guarded(self, fallback, call, *args):
        if not self.breaker.allows():
            return fallback
        try:
            result = call(*args)
        except (RedisError, OSError) as error:
            self.breaker.failed(error)
            return fallback
        self.breaker.succeeded()
        return result

    def is_reachable(self) -> bool:
        """A real round trip to the server (for /readyz), unless the circuit is open."""
        return self._guarded(False, lambda: bool(self._cache.get_client(write=True).ping()))

    # Each method is RedisCache's, with a fallback that means "not cached".
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guarded(None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(False, super().clear)

    def incr(self, key, delta=1, version=None):
        unavailable = object()
        result = self._guarded(unavailable, super().incr, key, delta, version)
        if result is unavailable:
            raise CacheUnavailable(self.breaker.name)
        return result


IMMUTABLE_TEXT = (str, SafeString)
PROTOCOL = pickle.HIGHEST_PROTOCOL


def _size(data) -> int:
    # sys.getsizeof is O(1) for str and bytes: what the entry costs in memory.
    return sys.getsizeof(data)


class LocalStore:
    """A process-wide LRU of pickled values with deadlines, bounded in count and bytes."""

    def __init__(self, *, max_entries: int, max_bytes: int, max_entry_bytes: int):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[float, bytes | str, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key: str):
        """(True, value) or (False, None)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return False, None
            deadline, data, _ = entry
            if deadline <= time.time():
                self._remove(key)
                return False, None
            self._entries.move_to_end(key)
        if type(data) is not bytes:  # immutable text, kept as it is
            return True, data
        # Unpickled outside the lock, and a fresh copy for every caller: nobody can
        # change what the next request gets.
        return True, pickle.loads(data)  # noqa: S301 - our own process wrote it

    def set(self, key: str, value, deadline: float) -> None:
        # Rendered HTML (str, SafeString) cannot be changed by a caller: no copy needed,
        # which saves decoding half a megabyte per hit. Everything else is pickled.
        data = value if type(value) in IMMUTABLE_TEXT else pickle.dumps(value, PROTOCOL)
        size = _size(data)
        with self._lock:
            self._remove(key)
            if size > self.max_entry_bytes or deadline <= time.time():
                return
            self._entries[key] = (deadline, data, size)
            self._bytes += size
            while self._entries and (
                len(self._entries) > self.max_entries or self._bytes > self.max_bytes
            ):
                self._remove(next(iter(self._entries)))

    def delete(self, key: str) -> None:
        with self._lock:
            self._remove(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[2]

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_in_bytes(self) -> int:
        return self._bytes


_stores: dict[tuple, LocalStore] = {}


def _is_live_envelope(value) -> bool:
    """(deadline, value) whose deadline has not passed.

    Anything else under a fragments key was written without the tier (an older
    release during a rolling deploy): a miss, to be rendered and stored again.
    """
    if type(value) is not tuple or len(value) != 2:
        return False
    deadline = value[0]
    return deadline is None or (type(deadline) is float and deadline > time.time())


_stores_lock = threading.Lock()


class TieredRedisCache(ResilientRedisCache):
    """An in-process LRU in front of ResilientRedisCache, for versioned keys only.

    Values go to Redis as (deadline, value), so a process that finds one there keeps
    its copy only as long as the writer asked. incr() and touch() are get + set here
    (not atomic): they are for the default cache's counters, not for fragments.
    """

    def _take_local_options(self, options: dict) -> None:
        self.local_max_seconds = float(options.pop("LOCAL_MAX_SECONDS", 60))
        max_entries = int(options.pop("LOCAL_MAX_ENTRIES", 500))
        max_bytes = int(options.pop("LOCAL_MAX_BYTES", 32 * 1024 * 1024))
        max_entry_bytes = int(options.pop("LOCAL_MAX_ENTRY_BYTES", 2 * 1024 * 1024))
        self._local_limits = (max_entries, max_bytes, max_entry_bytes)

    def __init__(self, server, params):
        super().__init__(server, params)
        name = (",".join(self._servers), self.key_prefix, self.version, self._local_limits)
        with _stores_lock:
            store = _stores.get(name)
            if store is None:
                max_entries, max_bytes, max_entry_bytes = self._local_limits
                store = _stores[name] = LocalStore(
                    max_entries=max_entries, max_bytes=max_bytes, max_entry_bytes=max_entry_bytes
                )
        self.local = store

    def _deadline(self, timeout) -> float | None:
        seconds = self.get_backend_timeout(timeout)
        return None if seconds is None else time.time() + seconds

    def _keep_locally(self, key: str, value, deadline: float | None) -> None:
        local_deadline = time.time() + self.local_max_seconds
        if deadline is not None:
            local_deadline = min(local_deadline, deadline)
        self.local.set(key, value, local_deadline)

    def _local_key(self, key, version) -> str:
        return self.make_and_validate_key(key, version=version)

    def get(self, key, default=None, version=None):
        local_key = self._local_key(key, version)
        found, value = self.local.get(local_key)
        if found:
            return value
        missing = object()
        envelope = super().get(key, missing, version)
        if not _is_live_envelope(envelope):
            return default
        deadline, value = envelope
        self._keep_locally(local_key, value, deadline)
        return value

    def get_many(self, keys, version=None):
        result, remote = {}, []
        for key in keys:
            found, value = self.local.get(self._local_key(key, version))
            if found:
                result[key] = value
            else:
                remote.append(key)
        if remote:
            for key, envelope in super().get_many(remote, version).items():
                if not _is_live_envelope(envelope):
                    continue
                deadline, value = envelope
                self._keep_locally(self._local_key(key, version), value, deadline)
                result[key] = value
        return result

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        deadline = self._deadline(timeout)
        if self.get_backend_timeout(timeout) == 0:
            self.delete(key, version)
            return
        self._keep_locally(self._local_key(key, version), value, deadline)
        super().set(key, (deadline, value), timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        deadline = self._deadline(timeout)
        for key, value in data.items():
            self._keep_locally(self._local_key(key, version), value, deadline)
        return super().set_many(
            {key: (deadline, value) for key, value in data.items()}, timeout, version
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        deadline = self._deadline(timeout)
        added = super().add(key, (deadline, value), timeout, version)
        if added:
            self._keep_locally(self._local_key(key, version), value, deadline)
        return added

    def has_key(self, key, version=None):
        found, _ = self.local.get(self._local_key(key, version))
        return found or super().has_key(key, version)

    def delete(self, key, version=None):
        self.local.delete(self._local_key(key, version))
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        for key in keys:
            self.local.delete(self._local_key(key, version))
        return super().delete_many(keys, version)

    def clear(self):
        self.local.clear()
        return super().clear()

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        missing = object()
        value = self.get(key, missing, version)
        if value is missing:
            return False
        self.set(key, value, timeout, version)
        return True

    def incr(self, key, delta=1, version=None):
        if not self.breaker.allows():
            raise CacheUnavailable(self.breaker.name)
        missing = object()
        value = self.get(key, missing, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found")
        self.set(key, value + delta, version=version)
        return value + delta


def is_reachable(alias: str) -> bool:
    """Whether the cache answers now (in-process caches always do)."""
    backend = caches[alias]
    check = getattr(backend, "is_reachable", None)
    return True if check is None else check()
