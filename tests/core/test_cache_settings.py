"""What the production settings make of REDIS_URL and TRUSTED_PROXY_COUNT: the shared cache in
the database or in Redis, the page caches in each process either way, and the number of
trusted proxies handed to allauth (and so to every rate limit)."""

import json
import os
import subprocess
import sys

from tests.servers import ROOT

SHOW = (
    "import json; from django.conf import settings; print(json.dumps({"
    "'caches': {alias: [c['BACKEND'], c.get('LOCATION')] for alias, c in settings.CACHES.items()},"
    "'session': settings.SESSION_ENGINE, 'proxies': settings.ALLAUTH_TRUSTED_PROXY_COUNT}))"
)
DB = "django.core.cache.backends.db.DatabaseCache"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
FAILOVER = "lms.core.cache.FailoverRedisCache"


def production(**env) -> subprocess.CompletedProcess:
    ignored = {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "TRUSTED_PROXY_COUNT", "DEBUG", "LMS_CACHES"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL="postgres://lms@db.example.org:5432/lms",
        **env,
    )
    return subprocess.run(  # noqa: S603 - our own arguments
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def shown(**env) -> dict:
    result = production(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_redis_the_shared_cache_is_the_database_and_pages_stay_in_each_process():
    settings = shown(TRUSTED_PROXY_COUNT="2")
    assert settings["caches"] == {
        "default": [DB, "lms_cache"],
        "renditions": [LOCMEM, "renditions"],
        "pages": [LOCMEM, "pages"],
    }
    assert settings["session"] == "django.contrib.sessions.backends.db"
    assert settings["proxies"] == 2


def test_with_redis_the_shared_cache_is_redis_and_pages_stay_in_each_process():
    url = "redis://cache.example.org:6379/2"
    settings = shown(REDIS_URL=url)
    assert settings["caches"] == {
        "default": [FAILOVER, url],
        "renditions": [FAILOVER, url],
        "pages": [LOCMEM, "pages"],
    }
    assert settings["session"] == "django.contrib.sessions.backends.cached_db"
    # No proxy is trusted unless the operator says so.
    assert settings["proxies"] == 0


def test_a_negative_number_of_proxies_is_refused():
    result = production(TRUSTED_PROXY_COUNT="-1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr
