"""Local development and the embedded demo: SQLite unless DATABASE_URL is set."""

import urllib.parse

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", default=True)
# A fixed key is acceptable only here: the demo holds no real data.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
# scripts/run.sh sets SITE_URL from the address it serves: with ADDRESS=0.0.0.0:…, the
# machine's network address, by which other machines reach the demo.
_site_host = urllib.parse.urlsplit(WAGTAILADMIN_BASE_URL).hostname or ""  # noqa: F405
_site_host = f"[{_site_host}]" if ":" in _site_host else _site_host
if _site_host and _site_host not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_site_host)
# The demo lets people in without an authenticator app; the login page says so.
LMS_REQUIRE_MFA = env_bool("LMS_REQUIRE_MFA", default=False)
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LMS_DEMO = True
LMS_ALLOW_DEMO_DATA = True
# The worker logs every task it runs; in the demo console only problems matter. Its command
# sets its loggers to INFO itself whatever the settings say, so the console handler holds the
# level too (LOG_LEVEL, which scripts/run.sh sets to WARNING).
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405
LOGGING["handlers"]["console"]["level"] = env_str("LOG_LEVEL", "INFO")  # noqa: F405
LOGGING["loggers"]["django.utils.autoreload"] = {"level": "WARNING"}  # noqa: F405
# One access line per request (lms.core.observability) would drown the console; the
# development server prints its own. They show with LOG_LEVEL=DEBUG.
LOGGING["loggers"]["lms.access"] = {  # noqa: F405
    "level": "DEBUG" if env_str("LOG_LEVEL", "INFO").upper() == "DEBUG" else "WARNING"
}
# WeasyPrint has fontTools unpack the certificate fonts, which it reports at INFO.
LOGGING["loggers"]["fontTools"] = {"level": "WARNING"}  # noqa: F405
