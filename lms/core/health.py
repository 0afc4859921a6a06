"""Checks behind the load balancer's probes (``/healthz``, ``/readyz``).

Each check raises when its service fails. ``run_checks`` runs them all and names the failures;
the exception itself goes to the log only, since its text can carry host names and addresses.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections

from .cache import check_shared

logger = logging.getLogger(__name__)

# Probe files are written here in the default storage and deleted at once.
STORAGE_PROBE_DIR = "readyz"


class CheckFailed(Exception):
    """A service answered, but not what was asked of it."""


def _label(kind: str, alias: str) -> str:
    return kind if alias == "default" else f"{kind}:{alias}"


def check_database(alias: str = "default") -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise CheckFailed("SELECT 1 did not answer 1")


def check_cache(alias: str) -> None:
    """The cache keeps a value and gives it back, in the store every process shares: a Redis
    cache serving this process from its local stand-in (Redis away) fails the check."""
    check_shared(alias)


def check_storage() -> None:
    """Write, read back and delete a few bytes. ``exists()`` alone would pass on a read-only or
    full disk (and never fails on the file system); with object storage this is three requests
    per probe."""
    storage = storages["default"]
    content = uuid.uuid4().hex.encode()
    name = storage.save(f"{STORAGE_PROBE_DIR}/{uuid.uuid4().hex}.txt", ContentFile(content))
    try:
        with storage.open(name, "rb") as stored:
            if stored.read() != content:
                raise CheckFailed("the file just written was not read back")
    finally:
        storage.delete(name)


def liveness_checks() -> dict[str, Callable[[], None]]:
    """The cheap checks of ``/healthz``: the databases."""
    return {_label("database", alias): partial(check_database, alias) for alias in connections}


def readiness_checks() -> dict[str, Callable[[], None]]:
    """The checks of ``/readyz``: the databases, every cache alias and media storage. An alias
    switched off (``LMS_CACHES=off``: Django's dummy cache) keeps nothing by design and is
    left out."""
    checks = liveness_checks()
    checks.update(
        {
            _label("cache", alias): partial(check_cache, alias)
            for alias in settings.CACHES
            if not isinstance(caches[alias], DummyCache)
        }
    )
    checks["storage"] = check_storage
    return checks


def run_checks(checks: dict[str, Callable[[], None]]) -> dict[str, bool]:
    """Run every check (one failure does not stop the others) and say which passed. Failures
    are logged with their exception; callers show only the names."""
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:
            logger.exception("Health check %s failed", name)
            results[name] = False
        else:
            results[name] = True
    return results
