"""Local development and the embedded demo: SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", default=True)
# A fixed key is acceptable only here: the demo holds no real data.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
# The demo lets people in without an authenticator app; the login page says so.
LMS_REQUIRE_MFA = env_bool("LMS_REQUIRE_MFA", default=False)
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LMS_DEMO = True
LMS_ALLOW_DEMO_DATA = True
# The worker logs every task it runs; in the demo console only problems matter.
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405
LOGGING["loggers"]["django.utils.autoreload"] = {"level": "WARNING"}  # noqa: F405
