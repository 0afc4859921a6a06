"""REDIS_URL as a supported configuration (``lms.core.cache.FailoverRedisCache``): pages and
sessions use a real redis-server of the test's own, keep answering when it is killed or stops
answering, with one warning, and go back to it when it answers again; a session ended in the
meantime stays ended, and clear() leaves other people's keys alone."""

from __future__ import annotations

import logging
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from lms.core import cache as failover
from modules.content.models import LessonPage
from tests.accounts.factories import PASSWORD, UserFactory
from tests.modules.factories import make_module
from tests.servers import RedisServer

pytestmark = pytest.mark.django_db

ALIASES = ("default", "renditions", "pages")


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    if server.process is not None:
        server.resume()
    server.stop()


@pytest.fixture
def clock(monkeypatch):
    """The failover cache's clock, moved on by hand."""
    now = [time.monotonic()]
    monkeypatch.setattr(failover, "_clock", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += seconds

    return advance


@pytest.fixture
def on_redis(redis_server, settings, clock):
    """Every cache on ``redis_server`` as production configures it, and sessions cached there
    with the database as the durable copy (the production session engine with REDIS_URL)."""
    settings.CACHES = {
        alias: {
            "BACKEND": "lms.core.cache.FailoverRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": f"test-{alias}",
        }
        for alias in ALIASES
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_server


def keys(server: RedisServer, alias: str) -> list[bytes]:
    return server.client().keys(f"test-{alias}:*")


def warnings_of(caplog) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == "lms.core.cache" and record.levelno == logging.WARNING
    ]


def test_pages_keep_answering_while_redis_is_away_and_use_it_again_after(
    client, on_redis, clock, caplog
):
    user = UserFactory()
    client.force_login(user)
    lesson = LessonPage.objects.child_of(make_module(lessons=2)).first()
    assert client.get(lesson.url).status_code == 200
    assert keys(on_redis, "default")  # the session's cached copy
    assert keys(on_redis, "pages")  # the route, the page's shell and body

    on_redis.stop()
    with caplog.at_level(logging.INFO, logger="lms.core.cache"):
        for _ in range(3):
            response = client.get(lesson.url)
            assert response.status_code == 200
            # Still signed in: the session comes from the database.
            assert response.wsgi_request.user == user
            clock(failover.RETRY_SECONDS + 1)  # Redis is tried (and fails) each time
        assert client.get("/").status_code == 200
        assert client.get("/modules/").status_code == 200
        # allauth's rate limits (and the lock they take with add()) work on the local cache.
        other = client.__class__()
        assert (
            other.post("/accounts/login/", {"login": user.email, "password": "no"}).status_code
            == 200
        )
    (warning,) = warnings_of(caplog)
    assert f"127.0.0.1:{on_redis.port}" in warning.getMessage()

    on_redis.start()  # empty, on the same port
    clock(failover.RETRY_SECONDS + 1)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="lms.core.cache"):
        response = client.get(lesson.url)
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert keys(on_redis, "pages")  # shared again
    assert [r.getMessage() for r in caplog.records if r.name == "lms.core.cache"] == [
        f"Redis at 127.0.0.1:{on_redis.port} answers again"
    ]


def test_the_warning_is_logged_at_most_once_a_minute(on_redis, clock, caplog):
    cache = caches["default"]
    on_redis.stop()
    with caplog.at_level(logging.WARNING, logger="lms.core.cache"):
        for second in range(0, 59, 6):
            assert cache.add(f"key-{second}", 1) is True
            assert cache.get(f"key-{second}") == 1
            clock(6)
        assert len(warnings_of(caplog)) == 1
        clock(6)
        cache.get("key-0")
    assert len(warnings_of(caplog)) == 2


def test_between_retries_the_local_cache_answers_without_asking_redis(on_redis, clock):
    cache = caches["default"]
    on_redis.pause()  # connects, never answers: each try costs the socket timeout
    started = time.monotonic()
    cache.set("a", 1)
    assert time.monotonic() - started >= failover.SOCKET_TIMEOUT * 0.9
    started = time.monotonic()
    for _ in range(20):
        assert cache.get("a") == 1
    assert time.monotonic() - started < failover.SOCKET_TIMEOUT


def test_failed_logins_still_lock_the_account_while_redis_is_away(client, on_redis):
    user = UserFactory()
    on_redis.stop()
    for _ in range(20):
        client.post("/accounts/login/", {"login": user.email, "password": "not it"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_a_session_ended_while_redis_was_away_stays_ended(client, on_redis, clock):
    user = UserFactory()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/accounts/profile/").wsgi_request.user == user

    on_redis.pause()  # away, but it keeps its copy of the session
    assert client.post("/accounts/logout/").status_code == 302
    on_redis.resume()
    clock(failover.RETRY_SECONDS + 1)

    # Someone who kept the cookie comes back: Redis's copy must not sign them in again.
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = client.get("/accounts/profile/")
    assert not response.wsgi_request.user.is_authenticated
    assert not on_redis.client().keys(f"*{cookie}*")


def test_clear_removes_only_its_own_keys(on_redis):
    raw = on_redis.client()
    raw.set("someone-else:key", b"theirs")
    caches["default"].set("mine", 1)
    caches["pages"].set("mine", 2)
    caches["default"].clear()
    assert raw.get("someone-else:key") == b"theirs"
    assert caches["default"].get("mine") is None
    assert caches["pages"].get("mine") == 2


def test_a_key_prefix_is_required(redis_server):
    with pytest.raises(ImproperlyConfigured):
        failover.FailoverRedisCache(redis_server.url, {})


def test_the_shared_check_asks_redis_itself(on_redis):
    failover.check_shared("default")
    on_redis.stop()
    # The site goes on with the local stand-in, but a health check learns that Redis is away.
    caches["default"].set("a", 1)
    assert caches["default"].get("a") == 1
    assert caches["default"].serving_locally
    with pytest.raises(failover.UNREACHABLE):
        failover.check_shared("default")
    on_redis.start()
    failover.check_shared("default")


def test_the_shared_check_of_other_caches_is_a_round_trip(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with pytest.raises(RuntimeError):
        failover.check_shared("default")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    failover.check_shared("default")
