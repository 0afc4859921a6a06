"""Production: every secret comes from the environment, and the server refuses to start
with DEBUG on, without a SECRET_KEY or without a DATABASE_URL (unless LMS_ALLOW_SQLITE=1)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_str

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production.")
# Without DATABASE_URL the base settings fall back to a SQLite file in the checkout; production
# only runs on it when the operator asks for it (a small pilot).
if not env_str("DATABASE_URL") and not env_bool("LMS_ALLOW_SQLITE", default=False):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in production (postgres://user:password@host:5432/name). "
        "To run a small pilot on the embedded SQLite database instead, set LMS_ALLOW_SQLITE=1."
    )

LMS_REQUIRE_MFA = env_bool("LMS_REQUIRE_MFA", default=True)
LMS_ALLOW_DEMO_DATA = False
LMS_DEMO = False

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
# Behind a reverse proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto.
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"structured": {"()": "lms.core.logging.StructuredFormatter"}},
    "filters": {
        "context": {"()": "lms.core.logging.LogContext"},
        "no_personal_data": {"()": "lms.core.logging.RedactPersonalData"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "structured",
            "filters": ["context", "no_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every step of every certificate render at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
