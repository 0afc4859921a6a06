"""The platform's caches: the one switch for those that only save work, and Django's Redis
cache made to keep the site serving while Redis is away.

**The switch.** ``PAGE_CACHES_ENABLED`` (``LMS_CACHES=off`` in the environment turns it off)
covers every cache that only saves work. The settings put the "pages" and "renditions"
aliases on Django's dummy cache (``lms.settings.env.switchable_caches``), which switches off
what is kept there (routes, lesson shells and bodies, progress bars, lesson actions, parsed
assessments, Wagtail's renditions); code that keeps something in the process's own memory
asks ``caches_enabled()`` before it reads or keeps anything (``process_memo`` does it for
lookups), and registers its reset with ``on_reset`` so that ``reset_process_caches()`` (run
between tests) starts every such cache afresh.

**Redis.**
``REDIS_URL`` puts the shared cache (rate limits, lock-outs, used TOTP codes, sessions' cached
copy) on Redis. Django's ``RedisCache`` raises on every call while Redis cannot be reached, so
an outage would answer 500 on every page. ``FailoverRedisCache`` instead:

- gives up on Redis quickly (short socket timeouts, no retries);
- serves that process from a ``LocMemCache`` of its own until Redis answers again, tried every
  ``RETRY_SECONDS``: rate limits then hold per process rather than not at all, and allauth's
  ``cache_lock``, which spins on ``add()``, still ends;
- logs a warning at most once every ``WARN_SECONDS`` per process, and (INFO) when Redis is back;
- deletes in Redis, when it answers again, the keys this process deleted meanwhile: Redis may
  come back with its data (a network fault rather than a restart), and a session ended during
  the outage (a logout, a key cycled at login) must not come back with it;
- ``clear()`` removes this cache's keys (its ``KEY_PREFIX``) only: Django's is ``FLUSHDB``,
  every key of the database, whoever wrote it;
- ``check_shared()`` (and ``check_shared(alias)`` below, for any cache) asks Redis itself, for
  health checks: the local stand-in keeps pages answering but shares nothing.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: "Redis cannot be reached now", as opposed to an error in a command, which still raises.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
#: Seconds to connect and to wait for an answer. Redis answers in well under a millisecond
#: on a local network; a page must not wait long for one that does not.
SOCKET_TIMEOUT = 0.5
#: While Redis is away, it is tried again after this many seconds (in between, calls go to the
#: local cache at once instead of each waiting for a timeout).
RETRY_SECONDS = 5.0
#: A process logs that Redis is away at most this often.
WARN_SECONDS = 60.0
#: Keys deleted during an outage that are remembered to delete in Redis afterwards; past this,
#: all of this cache's keys in Redis are removed instead when it answers again.
MAX_PENDING_DELETES = 100_000

#: The clock, replaceable in tests.
_clock = time.monotonic


@dataclass
class _Outage:
    """What one process knows about one Redis server, shared by its aliases and threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    away: bool = False
    retry_at: float = 0.0
    warned_at: float | None = None
    #: Per key prefix that served from its local cache during the outage: the (key, version)
    #: pairs it deleted there, or None when they were too many to list.
    pending: dict[str, set[tuple[str, int | None]] | None] = field(default_factory=dict)


#: No deletes are pending (another thread caught up already).
_DONE = frozenset()

_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(server: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(server, _Outage())


def _where(url: str) -> str:
    """The server's host and port, for logs (never the password a URL may carry)."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 6379}" if parts.hostname else parts.scheme


class FailoverRedisCache(RedisCache):
    """``RedisCache`` that falls back to a per-process ``LocMemCache`` while Redis is away."""

    def __init__(self, server, params):
        if not params.get("KEY_PREFIX"):
            # clear() removes the keys under this prefix; without one it would remove all.
            raise ImproperlyConfigured("FailoverRedisCache needs a KEY_PREFIX.")
        options = dict(params.get("OPTIONS", {}))
        local_options = {
            name: options.pop(name) for name in ("MAX_ENTRIES", "CULL_FREQUENCY") if name in options
        }
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._server = server if isinstance(server, str) else ",".join(server)
        self._outage = _outage_for(self._server)
        # LocMemCache keeps its data per name: one local store per server and prefix, shared
        # by every thread of the process.
        self._local = LocMemCache(
            f"failover:{self._server}:{self.key_prefix}", {**params, "OPTIONS": local_options}
        )

    # --- the switch between Redis and the local cache ------------------------------------------

    def _redis_or_local(self, name: str, *args, **kwargs):
        outage = self._outage
        if outage.away and _clock() < outage.retry_at:
            return self._on_local(name, *args, **kwargs)
        try:
            if self.key_prefix in outage.pending:
                self._catch_up()
            result = getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self._went_away(error)
            return self._on_local(name, *args, **kwargs)
        if outage.away:
            self._back()
        return result

    def _on_local(self, name: str, *args, **kwargs):
        with self._outage.lock:
            pending = self._outage.pending.setdefault(self.key_prefix, set())
            if name in {"delete", "delete_many"} and pending is not None:
                keys = [args[0]] if name == "delete" else args[0]
                pending.update((key, kwargs["version"]) for key in keys)
                if len(pending) > MAX_PENDING_DELETES:
                    self._outage.pending[self.key_prefix] = None
        return getattr(self._local, name)(*args, **kwargs)

    def _went_away(self, error: Exception) -> None:
        outage = self._outage
        now = _clock()
        with outage.lock:
            outage.away = True
            outage.retry_at = now + RETRY_SECONDS
            warn = outage.warned_at is None or now - outage.warned_at >= WARN_SECONDS
            if warn:
                outage.warned_at = now
        if warn:
            logger.warning(
                "Redis at %s cannot be reached (%s): this process uses a cache of its own, "
                "so rate limits hold per process, until Redis answers again",
                _where(self._server),
                type(error).__name__,
            )

    def _back(self) -> None:
        with self._outage.lock:
            was_away, self._outage.away = self._outage.away, False
        if was_away:
            logger.info("Redis at %s answers again", _where(self._server))

    def _catch_up(self) -> None:
        """Before Redis serves this prefix again, delete there what was deleted here during
        the outage (raises if Redis is still away, and then nothing is forgotten)."""
        with self._outage.lock:
            pending = self._outage.pending.get(self.key_prefix, set())
            pending = None if pending is None else set(pending)
        if pending is None:
            self._clear_redis()
        else:
            by_version: dict[int | None, list[str]] = defaultdict(list)
            for key, version in pending:
                by_version[version].append(key)
            for version, keys in by_version.items():
                super().delete_many(keys, version=version)
        with self._outage.lock:
            current = self._outage.pending.get(self.key_prefix, _DONE)
            if current is None and pending is not None:
                return  # too many deletes meanwhile (another thread): the next call clears all
            if current not in (None, _DONE) and pending is not None and current - pending:
                current.difference_update(pending)  # deletes made meanwhile: the next call
                return
            self._outage.pending.pop(self.key_prefix, None)
        self._local.clear()

    def _clear_redis(self) -> None:
        # Django's client object is the way to the connection pool it configured.
        client = self._cache.get_client(None, write=True)
        batch = []
        for key in client.scan_iter(match=_glob_escape(f"{self.key_prefix}:") + "*", count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)

    # --- the cache API --------------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._redis_or_local("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._redis_or_local("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._redis_or_local("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._redis_or_local("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._redis_or_local("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._redis_or_local("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._redis_or_local("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._redis_or_local("incr", key, delta=delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._redis_or_local("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._redis_or_local("delete_many", list(keys), version=version)

    @property
    def serving_locally(self) -> bool:
        """Whether this process serves from its local stand-in because Redis was away."""
        return self._outage.away

    def check_shared(self) -> None:
        """A value kept and read back in Redis itself, never the local stand-in; raises
        ``redis.exceptions.ConnectionError`` or ``TimeoutError`` when Redis is away."""
        key, value = f"probe:{uuid.uuid4().hex}", uuid.uuid4().hex
        RedisCache.set(self, key, value, timeout=30)
        try:
            if RedisCache.get(self, key) != value:
                raise RedisConnectionError("the value just stored was not read back")
        finally:
            RedisCache.delete(self, key)

    def clear(self):
        """Remove this cache's keys (its ``KEY_PREFIX``), here and in Redis; while Redis is
        away, in Redis when it answers again."""
        self._local.clear()
        try:
            if self._outage.away and _clock() < self._outage.retry_at:
                raise RedisConnectionError("Redis was away a moment ago")
            self._clear_redis()
        except UNREACHABLE as error:
            self._went_away(error)
            with self._outage.lock:
                self._outage.pending[self.key_prefix] = None
        else:
            with self._outage.lock:
                self._outage.pending.pop(self.key_prefix, None)
        return True


def _glob_escape(text: str) -> str:
    """``text`` matched literally in a Redis ``SCAN MATCH`` pattern."""
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)


def check_shared(alias: str) -> None:
    """Raise unless the cache ``alias`` keeps a value and gives it back now, in the store that
    every process shares: for ``FailoverRedisCache``, Redis itself (its local stand-in keeps
    the site serving while Redis is away, but shares nothing). For health checks."""
    cache = caches[alias]
    if isinstance(cache, FailoverRedisCache):
        cache.check_shared()
        return
    key, value = f"probe:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the value just stored was not read back")
    finally:
        cache.delete(key)


# --- The switch and the in-process caches ----------------------------------------------------

_Function = TypeVar("_Function", bound=Callable)
_resets: list[Callable[[], object]] = []


def caches_enabled() -> bool:
    """Whether caches that only save work may be read and kept (``PAGE_CACHES_ENABLED``)."""
    return settings.PAGE_CACHES_ENABLED


def on_reset(reset: _Function) -> _Function:
    """Register ``reset`` (no arguments) to empty an in-process cache whenever
    ``reset_process_caches()`` runs; returns it, so it can decorate the function."""
    _resets.append(reset)
    return reset


def reset_process_caches() -> None:
    """Empty every in-process cache registered with ``on_reset``. The cache aliases are
    Django's to clear (``cache.clear()``)."""
    for reset in _resets:
        reset()


def process_memo(function: _Function) -> _Function:
    """``functools.cache`` for a lookup whose answer never changes while the process lives (a
    locale's language code, a model's columns), consulted only while ``caches_enabled()``:
    switched off, every call runs ``function``."""
    memo = functools.cache(function)
    on_reset(memo.cache_clear)

    @functools.wraps(function)
    def lookup(*args):
        return memo(*args) if settings.PAGE_CACHES_ENABLED else function(*args)

    lookup.cache_clear = memo.cache_clear  # type: ignore[attr-defined]
    return lookup  # type: ignore[return-value]
