"""A fixed-window request limit kept in the default cache, which every process and app server
shares (the database, or Redis with ``REDIS_URL``), and the client address that every rate
limit counts against, allauth's included. Used for public endpoints that answer lookups, such
as certificate verification."""

from __future__ import annotations

import hashlib
import ipaddress
import time

from allauth import app_settings as allauth_settings
from django.core.cache import cache
from django.http import HttpRequest
from django.http.request import split_domain_port


def _address(value: str | None) -> str | None:
    """``value`` as a normalised IP address (a port dropped), or None when it is not one."""
    value = (value or "").strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    host, port = split_domain_port(value)
    if port and host:
        try:
            return str(ipaddress.ip_address(host.removeprefix("[").removesuffix("]")))
        except ValueError:
            return None
    return None


def client_address(request: HttpRequest) -> str:
    """The client's address as every rate limit sees it: allauth's login limits ask
    ``lms.accounts.adapter.AccountAdapter.get_client_ip``, which returns this.

    ``REMOTE_ADDR`` is whoever connected to the app server: behind a reverse proxy, the proxy
    (gunicorn's ``--forwarded-allow-ips`` only decides which proxies' ``X-Forwarded-Proto`` it
    believes; Django still sees the proxy's address). Each proxy appends the address it was
    connected from to ``X-Forwarded-For``, so with ``ALLAUTH_TRUSTED_PROXY_COUNT`` (the
    ``TRUSTED_PROXY_COUNT`` setting) = N proxies of ours in front, the client is the N-th
    address from the right; whatever stands left of it the client wrote itself. With N = 0 the
    header is ignored. A header with fewer than N addresses, or no address at that place (a
    request that did not come through every proxy, a proxy set up otherwise), counts as
    ``REMOTE_ADDR``: never an error. allauth's ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``, when set,
    is read the same way instead of the header."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = None
    if allauth_settings.TRUSTED_CLIENT_IP_HEADER:
        forwarded = request.headers.get(allauth_settings.TRUSTED_CLIENT_IP_HEADER)
    elif (count := allauth_settings.TRUSTED_PROXY_COUNT) > 0:
        hops = request.headers.get("x-forwarded-for", "").split(",")
        if len(hops) >= count:
            forwarded = hops[-count]
    return _address(forwarded) or _address(remote) or remote or "unknown"


def client_network(request: HttpRequest) -> str:
    """What a per-address limit counts: the client's address, an IPv6 one by its network
    (allauth's ``RATE_LIMIT_IPV6_PREFIX``, /64), as allauth's own limits do; anyone with an
    IPv6 connection holds a whole /64 of addresses to rotate through."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)
    return address


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
