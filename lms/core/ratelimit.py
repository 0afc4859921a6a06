"""A fixed-window request limit kept in the cache (shared between app servers when the cache
is Redis). Used for public endpoints that answer lookups, such as certificate verification."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address as the app server sees it. Behind a reverse proxy, configure the
    server (e.g. gunicorn's ``--forwarded-allow-ips``) so that this is the real client."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one request of ``key`` in ``scope``; False once more than ``limit`` requests fell
    in the current window of ``window_seconds``."""
    window = int(time.time()) // window_seconds
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    # add() is atomic: only the first request of a window creates the counter.
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds + 1)
        count = 1
    return count <= limit
