"""The load balancer's probes: /healthz (the process and its database) and /readyz (the
database, every cache and media storage). 200 when all is well, 503 naming what failed, and
never a redirect, a host error, a sign-in step or a 500 in their way."""

import logging
from unittest import mock

import pytest
from django.core.files.storage import storages
from django.db import OperationalError, connection
from django.urls import reverse

from lms.accounts.models import Role, User
from lms.core.health import STORAGE_PROBE_DIR
from tests.accounts.factories import UserFactory, make_role

pytestmark = pytest.mark.django_db

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# What a real failure says: where the database lives and who connects. Never in an answer.
SECRET_DETAIL = 'connection to server at "10.20.30.40", port 5432 failed: user "lms_prod"'


@pytest.fixture
def probe_client(client):
    client.raise_request_exception = False
    return client


@pytest.fixture
def database_down():
    """Every query fails as it does when PostgreSQL is unreachable."""
    with mock.patch.object(connection, "cursor", side_effect=OperationalError(SECRET_DETAIL)):
        yield


def test_the_probes_are_routed():
    assert reverse("health") == "/healthz"
    assert reverse("ready") == "/readyz"


def test_healthz_answers_ok_and_is_never_cached(probe_client):
    response = probe_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_readyz_checks_the_database_every_cache_and_storage(probe_client, settings):
    settings.CACHES = {"default": LOCMEM, "pages": {**LOCMEM, "LOCATION": "pages"}}
    response = probe_client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "cache:pages": "ok", "storage": "ok"},
    }
    assert "no-store" in response["Cache-Control"]
    # The probe cleans up after itself.
    assert storages["default"].listdir(STORAGE_PROBE_DIR) == ([], [])


def test_healthz_answers_503_naming_the_database_when_it_is_down(
    probe_client, database_down, caplog
):
    with caplog.at_level(logging.ERROR, logger="lms.core.health"):
        response = probe_client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
    assert "10.20.30.40" not in response.content.decode()
    # Operators find the reason in the log.
    (record,) = [record for record in caplog.records if record.name == "lms.core.health"]
    assert record.getMessage() == "Health check database failed"
    assert SECRET_DETAIL in str(record.exc_info[1])


def test_readyz_answers_503_naming_the_database_when_it_is_down(probe_client, database_down):
    response = probe_client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database"]
    assert body["checks"]["database"] == "failed"
    assert all(state == "ok" for name, state in body["checks"].items() if name != "database"), body
    assert {"cache", "storage"} < set(body["checks"])
    assert "10.20.30.40" not in response.content.decode()


def test_a_signed_in_probe_with_the_database_down_gets_503_not_500(probe_client):
    # A session cookie makes the session, roles and sign-in middleware query the database;
    # the site lookup queries it for everyone. None of them may answer the probe with a 500.
    probe_client.force_login(UserFactory())
    with mock.patch.object(connection, "cursor", side_effect=OperationalError(SECRET_DETAIL)):
        health = probe_client.get("/healthz")
        ready = probe_client.get("/readyz")
    assert health.status_code == 503
    assert health.json()["failed"] == ["database"]
    assert ready.status_code == 503
    assert ready.json()["failed"] == ["database"]


def test_readyz_answers_503_naming_a_cache_that_fails(probe_client, settings):
    # A database cache whose table is missing fails on every call, as a cache server that is
    # down does.
    settings.CACHES = {
        "default": LOCMEM,
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_cache_table",
        },
    }
    response = probe_client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "failed": ["cache:pages"],
        "checks": {"database": "ok", "cache": "ok", "cache:pages": "failed", "storage": "ok"},
    }


def test_readyz_answers_503_naming_storage_that_fails(probe_client):
    storage = storages["default"]
    with mock.patch.object(
        type(storage), "save", side_effect=OSError("[Errno 30] Read-only file system: '/srv/media'")
    ):
        response = probe_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]
    assert "/srv/media" not in response.content.decode()


def test_readyz_names_storage_that_loses_what_was_written(probe_client):
    storage = storages["default"]
    with mock.patch.object(type(storage), "open", return_value=mock.MagicMock()) as opened:
        opened.return_value.__enter__.return_value.read.return_value = b"something else"
        response = probe_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]
    assert storage.listdir(STORAGE_PROBE_DIR) == ([], [])


def test_probes_come_over_plain_http_from_the_balancers_address(probe_client, settings):
    # Production redirects to HTTPS and checks the host; the balancer probes the backend by its
    # address over HTTP.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["training.example.org"]
    for path in ("/healthz", "/readyz"):
        response = probe_client.get(path, HTTP_HOST="10.0.0.7")
        assert response.status_code == 200, path
    # Only the probes: every other address still redirects, or refuses the unknown host.
    assert probe_client.get("/healthz/", HTTP_HOST="10.0.0.7").status_code == 400
    redirect = probe_client.get("/accounts/login/", HTTP_HOST="training.example.org")
    assert redirect.status_code == 301
    assert redirect["Location"].startswith("https://")


def test_probes_skip_the_profile_and_two_factor_steps(probe_client):
    # A trainer without an authenticator and without a completed profile is sent to those
    # steps from every page, but not from the probes.
    user = make_role(UserFactory(profile_completed_at=None), Role.TRAINER)
    assert User.objects.get(pk=user.pk).needs_profile
    probe_client.force_login(user)
    assert probe_client.get("/modules/").status_code == 302
    for path in ("/healthz", "/readyz"):
        assert probe_client.get(path).status_code == 200, path


def test_probes_only_read(probe_client):
    assert probe_client.post("/healthz").status_code == 405
    assert probe_client.head("/readyz").status_code == 200


def test_readyz_fails_the_cache_while_redis_is_away_though_pages_still_answer(
    probe_client, settings
):
    # Nothing listens on port 1: the Redis cache serves this process from its local stand-in,
    # so pages answer, but nothing is shared between app servers and readiness says so.
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.core.cache.FailoverRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "KEY_PREFIX": "readyz-test",
        },
        "pages": {**LOCMEM, "LOCATION": "pages"},
    }
    assert probe_client.get("/accounts/login/").status_code == 200
    response = probe_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert probe_client.get("/healthz").status_code == 200
