"""Settings shared by every environment. Each integration is switched on by its own variable."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import (
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    sms_settings,
    sms_templates,
    storage_settings,
    switchable_caches,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The platform, in the order of its one-way dependencies.
    "lms.core",
    "lms.sms",
    "lms.geography",
    "lms.accounts",
    "lms.workforce",
    "lms.home",
    "modules.content",
    "modules.learning",
    "certification",
    "trainers",
    "reports",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before the HTTPS redirect, the host check and sign-in.
    "lms.core.middleware.HealthProbeMiddleware",
    # Request id, Server-Timing, access line and request counts (lms.core.observability).
    "lms.core.observability.ObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.core.middleware.SiteCSPMiddleware",
    "lms.core.middleware.ContentLanguageLocaleMiddleware",
    "lms.core.middleware.SiteCacheMiddleware",
    "lms.core.middleware.RouteCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's RateLimited (a code sent again too soon) answers 429, not 500.
    "lms.accounts.middleware.RateLimitedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lms.accounts.middleware.RoleCacheMiddleware",
    "lms.accounts.middleware.UserLanguageMiddleware",
    "lms.accounts.middleware.AdminScopeMiddleware",
    "lms.accounts.middleware.RequireMFAMiddleware",
    "lms.accounts.middleware.RequireProfileMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "lms.core.context_processors.site",
                "lms.accounts.context_processors.access",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0") or 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read while the other writes; the
    # busy timeout makes a writer wait for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the dashboards' aggregate queries before running them, which
    # costs far more than it saves on queries of this size (docs/benchmarks.md, "Progress
    # matrix"). Options in DATABASE_URL win.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    if "jit" not in options.get("options", ""):
        options["options"] = (options.get("options", "") + " -c jit=off").strip()
    # Fail fast when the database is unreachable or stuck, instead of holding the request until
    # gunicorn kills the worker (30 s): the page then answers 503 (lms.core.views.server_error).
    # connect_timeout covers the whole connection set-up (psycopg waits at least 2 s);
    # statement_timeout (ms, enforced by the server) covers slow queries and lock waits. Tasks
    # and migrations may need longer statements: their processes set
    # DATABASE_STATEMENT_TIMEOUT=0 (no limit) or a larger value. Options in DATABASE_URL win.
    options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
    if "statement_timeout" not in options["options"]:
        statement_timeout = env_int("DATABASE_STATEMENT_TIMEOUT", 10000)
        options["options"] += f" -c statement_timeout={statement_timeout}"
    # Parameters sent apart from the SQL, so that a statement a connection runs again and
    # again (the session, the user, a page's route, a learner's progress) is prepared by
    # PostgreSQL once and not parsed and planned every time: planning cost the lesson page
    # more than running its queries. Prepared statements live with the connection, so they
    # pay off with persistent connections (DATABASE_CONN_MAX_AGE). Behind a pooler in
    # transaction mode (PgBouncer before 1.21), set DATABASE_PREPARED=0.
    if env_bool("DATABASE_PREPARED", True):
        options.setdefault("server_side_binding", True)
        options.setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches with different jobs (docs/operations.md, "Cache, sessions and rate limits"):
# - "default" holds what every process and app server must share: rate limits and lock-outs
#   (allauth's and lms.core.ratelimit), used TOTP codes, claims such as a reminder's, Wagtail's
#   site root paths (cleared by signals in the process that saves a page). Redis with REDIS_URL,
#   else a table in the database (`manage.py createcachetable`), never one process's memory.
# - "pages" holds the hot page caches (routes, lesson pages and bodies, parsed assessments),
#   per process even with Redis: their keys carry the revision or fingerprint they were built
#   from, so a process never serves a stale entry and needs no shared invalidation, and a page
#   reads several entries of up to 15 KB, each far cheaper from the process's memory than from
#   Redis, even over loopback (docs/benchmarks.md). Routes, lesson pages (per language
#   and kind of visitor) and bodies for a few hundred lessons fit in a few tens of megabytes;
#   Django's default of 300 entries would keep evicting them.
# Wagtail's image renditions use the "renditions" alias when there is one (else "default",
# which would put a database query on every page with an image): shared with Redis, where
# Wagtail's purge reaches every process, per process without it.
_PER_PROCESS = "django.core.cache.backends.locmem.LocMemCache"
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    _SHARED = {
        # Django's RedisCache, but a process serves from its own memory while Redis is away
        # instead of answering 500 (lms/core/cache.py).
        "BACKEND": "lms.core.cache.FailoverRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "lms",
    }
    CACHES = {
        "default": _SHARED,
        "renditions": _SHARED,
        "pages": {"BACKEND": _PER_PROCESS, "LOCATION": "pages", "OPTIONS": {"MAX_ENTRIES": 3000}},
    }
    # Sessions live in the shared cache, with the database as the durable copy.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lms_cache",
            # Django's default of 300 entries would let anyone who sends a few hundred
            # requests from new addresses or for new accounts cull the counters that lock out
            # an attacker. Expired entries go first when the table is culled.
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        },
        "renditions": {"BACKEND": _PER_PROCESS, "LOCATION": "renditions"},
        "pages": {"BACKEND": _PER_PROCESS, "LOCATION": "pages", "OPTIONS": {"MAX_ENTRIES": 3000}},
    }

# One switch for every cache that only saves work: LMS_CACHES=off puts "pages" and
# "renditions" on Django's dummy cache, and the platform's own in-process caches (the site
# rows, routes, locales: lms.core.cache.caches_enabled) stop keeping anything, so each
# request goes to the database and renders afresh. Pages must look the same either way; CI
# runs the suite both ways. The shared "default" cache holds state, not copies, and stays.
PAGE_CACHES_ENABLED = env_bool("LMS_CACHES", default=True)
CACHES = switchable_caches(CACHES, enabled=PAGE_CACHES_ENABLED)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# --- django-allauth -------------------------------------------------------------------------
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "lms.accounts.forms.LoginForm",
    "signup": "lms.accounts.forms.SignupForm",
    "confirm_login_code": "lms.accounts.forms.ConfirmLoginCodeForm",
    "verify_phone": "lms.accounts.forms.VerifyPhoneForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# A mobile number or an email address is an identity (either is enough for a learner); both
# sign in by password or by a one-time code (SMS or email). lms.accounts.adapter stores the
# number on the user and sends codes through lms.sms.
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
# Neither is starred: the sign-up form (lms.accounts.forms.SignupForm) requires one of the two,
# which allauth's settings cannot say (hence account.W001 below).
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
# "optional" because an account may have no email; for those who sign up or in with one it is
# still mandatory, as before (lms.accounts.stages.EmailVerificationStage).
ACCOUNT_EMAIL_VERIFICATION = "optional"
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 15 * 60
ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 3
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_CHANGE = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Text messages can take minutes to arrive where the network is poor.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
# Six digits: typed on a phone's number pad, in any script's keyboard. Three attempts at a code
# and ten codes a day per number leave a guess 30 chances in a million a day.
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "dashed": False, "length": 6}
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = ACCOUNT_LOGIN_BY_CODE_FORMAT
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # Twenty failed logins lock further attempts for that account and that address for
    # half an hour; the other limits keep allauth's defaults.
    "login_failed": "20/30m/ip,20/30m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # Codes cost a text message and reach a phone: three per number in ten minutes and ten a
    # day, whatever the client; twenty a minute from one client address.
    "request_login_code": "20/m/ip,3/10m/key,10/d/key",
    "verify_phone": "1/30s/key,3/m/ip,10/d/key",
    "change_phone": "1/m/user,5/d/user",
}
# Rate limits count per client address. Behind reverse proxies every request comes from the
# last proxy's address, so one attacker would lock everyone out: TRUSTED_PROXY_COUNT says how
# many proxies of ours stand in front of the app servers (each appends to X-Forwarded-For),
# and the client is that many addresses from the right (lms.core.ratelimit.client_address,
# which allauth and the platform's own limits both use). 0 trusts none: the header, which a
# client may write, is ignored. Never more than the proxies really there.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Child Protection Training"

# Whether admins, authors, reviewers, trainers and coordinators must set up TOTP before they
# may continue. On in production; the local demo may switch it off (the login page says so).
LMS_REQUIRE_MFA = env_bool("LMS_REQUIRE_MFA", default=True)
# The data-use notice a learner accepts when completing the profile. Raising the version asks
# everyone to accept again.
LMS_DATA_USE_NOTICE_VERSION = "2026-11"
# Where people write about their personal data (the grievance officer of the operator).
LMS_GRIEVANCE_EMAIL = env_str("LMS_GRIEVANCE_EMAIL", "")
# Only the dev and test settings allow `seed_demo` (its accounts share a known password).
LMS_ALLOW_DEMO_DATA = False

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("hi", _("Hindi")),
    ("as", _("Assamese")),
]
# Languages of the interface text offered by the switcher (each has a compiled catalogue in
# locale/; Django itself has no Assamese, see lms.core.apps).
LMS_INTERFACE_LANGUAGES = ["en", "hi", "as"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats of Assamese, which Django has none for, and the Hindi ones it lacks.
FORMAT_MODULE_PATH = ["lms.formats"]
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# STORAGE_URL puts the uploads ("default": Wagtail's images, public; its documents) and the
# certificate PDFs ("certificates": private, handed out only by certification's download view)
# on the local disk (unset, file:///path) or in an S3 bucket (s3://key:secret@host/bucket);
# MEDIA_ACCEL_REDIRECT lets nginx send the PDFs from the local disk (lms.settings.env.
# storage_settings; docs/operations.md, "Files: local disk or object storage").
_files = storage_settings(env_str("STORAGE_URL"), accel_redirect=env_str("MEDIA_ACCEL_REDIRECT"))
STORAGES = {
    **_files.pop("STORAGES"),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
globals().update(_files)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Email --------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Child Protection Training <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
globals().update(email_settings(env_str("EMAIL_URL")))

# --- Text messages (lms.sms) ----------------------------------------------------------------
# SMS_URL picks the channel like EMAIL_URL: console:// (printed), locmem:// (tests) or the
# gateway's https:// address (lms.settings.env.sms_settings). Indian operators deliver only
# messages sent under a DLT template registered for their kind: SMS_TEMPLATE_IDS maps each kind
# (code, invitation, reminder, session, certificate) to its template id; the gateway refuses to
# send a kind without one. SMS_DAILY_CAP bounds the messages accepted per day (Asia/Kolkata);
# gateways that report delivery call /sms/status/ with SMS_STATUS_TOKEN.
SMS_BACKEND = "lms.sms.backends.ConsoleBackend"
globals().update(sms_settings(env_str("SMS_URL")))
SMS_TEMPLATES = sms_templates(env_str("SMS_TEMPLATE_IDS"))
SMS_DAILY_CAP = env_int("SMS_DAILY_CAP", 5000)
SMS_STATUS_TOKEN = env_str("SMS_STATUS_TOKEN", "")

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Child Protection Training"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# One login for the whole site: the Wagtail admin signs in through allauth so that rate limits
# and MFA apply, and Wagtail's own password forms are switched off.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages send visitors there too (a signed-in person who may not read one gets a 404:
# lms.core.wagtail_hooks); Wagtail's own front-end login (/_util/login/) only redirects.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# No shared passwords on pages or document collections: a password form that anyone may try
# without a rate limit, an account or an audit. Private content is for signed-in people or
# groups (existing password restrictions still work; new ones cannot be made).
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
# Documents always go through Wagtail's view, which checks their collection's privacy: on S3
# its default would redirect to the bucket, where documents are not public.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "txt",
    "csv",
    "mp4",
    "webm",
    "vtt",
]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Wagtail's responsive wrapper uses a style attribute, which the CSP forbids; CSS does it.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- Security defaults shared by all environments -------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SAMESITE = "Lax"
# Wagtail marks its preview views SAMEORIGIN itself; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "media-src": [_SELF],
        "connect-src": [_SELF],
        # Embedded lesson videos, for districts with a reliable connection.
        "frame-src": [
            _SELF,
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail and Django admins rely on inline scripts and styles; they get their own policy.
LMS_ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
LMS_ADMIN_CSP = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "font-src": [_SELF, "data:"],
    "media-src": [_SELF, "blob:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}
# With STORAGE_URL=s3://… images come from the bucket's public address (MEDIA_URL).
if MEDIA_URL.startswith(("https://", "http://")):
    _media_origin = "/".join(MEDIA_URL.split("/", 3)[:3])
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_media_origin)
    LMS_ADMIN_CSP["img-src"].append(_media_origin)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"structured": {"()": "lms.core.logging.StructuredFormatter"}},
    # request_id= and task_id= on every line logged for a request or a task.
    "filters": {"context": {"()": "lms.core.logging.LogContext"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "structured",
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every step of every certificate render at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
# Prometheus scrapes /metrics with METRICS_TOKEN as a bearer token (docs/operations.md, "Logs
# and metrics"); without one the address answers 404. METRICS_ALLOWED_NETWORKS (CIDRs, commas)
# admits only those client addresses, as lms.core.ratelimit.client_address sees them.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured(
        "METRICS_TOKEN must be at least 32 characters: "
        "python -c 'import secrets; print(secrets.token_urlsafe(32))' makes one."
    )
METRICS_ALLOWED_NETWORKS = env_list("METRICS_ALLOWED_NETWORKS", default=[])
for _network in METRICS_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network)
    except ValueError as error:
        raise ImproperlyConfigured(f"METRICS_ALLOWED_NETWORKS: {error}.") from error
# Avatars would come from a third-party site; the admin shows initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
