"""Production settings for the app servers that tests start (``tests/servers.py``), changed
only where a test run needs it: static files are served from the apps' folders (no
``collectstatic`` before each run), and passwords use the test suite's fast hasher, because
the tests create the accounts and a production hash costs most of a second per attempt."""

from lms.settings.production import *  # noqa: F403
from lms.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
