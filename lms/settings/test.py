"""Fast, deterministic settings for the test suite (SQLite unless DATABASE_URL is set)."""

import os

from .base import *  # noqa: F403
from .env import switchable_caches

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "lms.sms.backends.LocmemBackend"
# The same aliases as production (base.py). One test process is one process, so its own
# memory is shared enough, and fast; the database cache that production uses without Redis is
# exercised with real app servers (tests/core/test_shared_rate_limits.py). With REDIS_URL (CI
# starts a Redis of its own) every alias is on Redis, under a prefix of this process's own, so
# that the cache-sensitive tests run against the real thing: pages too, which shows that what
# they keep survives pickling (tests/conftest.py clears only this process's keys).
if REDIS_URL:  # noqa: F405
    _TEST_PREFIX = f"lms-test-{os.getpid()}"
    CACHES = {
        alias: {
            "BACKEND": "lms.core.cache.FailoverRedisCache",
            "LOCATION": REDIS_URL,  # noqa: F405
            "KEY_PREFIX": f"{_TEST_PREFIX}-{alias}",
        }
        for alias in ("default", "renditions", "pages")
    }
else:
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "renditions", "pages")
    }
# LMS_CACHES=off switches the work-saving aliases off here too (base.py).
CACHES = switchable_caches(CACHES, enabled=PAGE_CACHES_ENABLED)  # noqa: F405
SESSION_ENGINE = "django.contrib.sessions.backends.db"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "certificates": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LMS_REQUIRE_MFA = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
WAGTAILADMIN_BASE_URL = "http://testserver"
LMS_ALLOW_DEMO_DATA = True
# Serve static files from the apps and static/ without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
