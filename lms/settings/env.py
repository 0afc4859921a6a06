"""Small readers for settings that come from environment variables."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def email_settings(url: str | None) -> dict[str, object]:
    """Translate ``EMAIL_URL`` into Django's EMAIL_* settings.

    Supported forms: ``smtp://user:password@host:587`` (STARTTLS),
    ``smtps://user:password@host:465`` (implicit TLS), ``console://``, ``locmem://``
    and ``file:///path/to/dir``. An optional ``?from=`` query sets the sender.
    """
    if not url:
        return {}
    parts = urlsplit(url)
    backends = {
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not supported")
    result: dict[str, object] = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme in {"smtp", "smtps"}:
        result.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 587),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=parts.scheme == "smtp",
            EMAIL_TIMEOUT=20,
        )
    elif parts.scheme == "file":
        result["EMAIL_FILE_PATH"] = unquote(parts.path)
    sender = parse_qs(parts.query).get("from")
    if sender:
        result["DEFAULT_FROM_EMAIL"] = sender[0]
        result["SERVER_EMAIL"] = sender[0]
    return result


SMS_BACKENDS = {
    "console": "lms.sms.backends.ConsoleBackend",
    "locmem": "lms.sms.backends.LocmemBackend",
    "http": "lms.sms.backends.HttpBackend",
    "https": "lms.sms.backends.HttpBackend",
}


def sms_settings(url: str | None) -> dict[str, object]:
    """Translate ``SMS_URL`` into the SMS_* settings of ``lms.sms``.

    ``console://`` prints each message (the development default), ``locmem://`` keeps them in
    ``lms.sms.outbox`` (tests), and ``https://user:password@gateway.example/send`` posts them
    to an HTTP gateway: the credentials go as HTTP basic authentication, or with
    ``?auth=bearer`` the password (else the user) as a bearer token; ``?sender=`` is the
    registered sender id, ``?timeout=`` the seconds to wait for the gateway (default 10).
    """
    if not url:
        return {}
    parts = urlsplit(url)
    if parts.scheme not in SMS_BACKENDS:
        raise ImproperlyConfigured(f"SMS_URL scheme {parts.scheme!r} is not supported")
    result: dict[str, object] = {"SMS_BACKEND": SMS_BACKENDS[parts.scheme]}
    if parts.scheme not in {"http", "https"}:
        return result
    if not parts.hostname:
        raise ImproperlyConfigured("SMS_URL must name the gateway's host")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    auth = query.pop("auth", "basic")
    if auth not in {"basic", "bearer"}:
        raise ImproperlyConfigured(f"SMS_URL auth must be basic or bearer, not {auth!r}")
    try:
        timeout = float(query.pop("timeout", "10"))
    except ValueError:
        raise ImproperlyConfigured("SMS_URL timeout must be a number of seconds") from None
    if not 0 < timeout <= 60:
        raise ImproperlyConfigured("SMS_URL timeout must be between 0 and 60 seconds")
    sender = query.pop("sender", "")
    # Whatever else the query holds belongs to the gateway's own address.
    remaining = urlencode(query)
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    result.update(
        SMS_GATEWAY_URL=urlunsplit((parts.scheme, netloc, parts.path or "/", remaining, "")),
        SMS_GATEWAY_USER=unquote(parts.username or ""),
        SMS_GATEWAY_PASSWORD=unquote(parts.password or ""),
        SMS_GATEWAY_AUTH=auth,
        SMS_SENDER=sender,
        SMS_TIMEOUT=timeout,
    )
    return result


def sms_templates(raw: str | None) -> dict[str, str]:
    """``SMS_TEMPLATE_IDS`` (``code=1107000000000000001,invitation=…``) as a dict of message
    kind to the DLT template id registered for it. The kinds are checked against the SMS
    app's when it starts (``lms.sms.checks``)."""
    templates: dict[str, str] = {}
    for item in (raw or "").split(","):
        if not item.strip():
            continue
        kind, equals, template_id = (part.strip() for part in item.partition("="))
        if not equals or not kind or not template_id.isdigit():
            raise ImproperlyConfigured(
                f"SMS_TEMPLATE_IDS must read kind=number,kind=number; {item.strip()!r} does not"
            )
        if kind in templates:
            raise ImproperlyConfigured(f"SMS_TEMPLATE_IDS names {kind!r} twice")
        templates[kind] = template_id
    return templates


FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
#: The folders of an S3 bucket: ``media/`` for uploads (``STORAGES["default"]``: Wagtail's images
#: and renditions, read by anyone where the bucket's policy allows it; its documents, which
#: Wagtail's view serves) and ``private/`` for certificate PDFs (``STORAGES["certificates"]``).
S3_MEDIA_PREFIX = "media"
S3_PRIVATE_PREFIX = "private"
#: How long a signed address of a certificate PDF stays valid: long enough to follow the
#: download view's redirect, too short to be worth passing on.
S3_SIGNED_SECONDS = 60
_S3_QUERY = {"region", "secure", "public_url", "addressing"}
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


def storage_settings(url: str | None, *, accel_redirect: str | None = None) -> dict[str, object]:
    """Translate ``STORAGE_URL`` (and ``MEDIA_ACCEL_REDIRECT``) into the uploads' and the
    certificates' aliases of ``STORAGES`` (returned under ``"STORAGES"``) and MEDIA_* settings.

    - unset: the local disk, under ``MEDIA_ROOT`` (by default ``media/`` in the checkout);
    - ``file:///srv/lms/media``: the local disk, under that folder (it becomes ``MEDIA_ROOT``);
    - ``s3://ACCESS_KEY:SECRET@host:port/bucket?region=ap-south-1``: an S3 bucket, on AWS
      (``s3.ap-south-1.amazonaws.com``) or any S3-compatible server (MinIO, Ceph), uploads
      under ``media/`` and certificates under ``private/``. The key and secret are
      percent-encoded (a ``/`` in a secret is ``%2F``); without them boto3 finds credentials
      itself (an instance role, ``AWS_*`` variables). ``secure=false`` speaks HTTP to the
      server (a private network, tests); ``public_url=https://media.example.org`` is where
      browsers read the bucket's public files (a CDN, a proxy; by default the server's own
      address and the bucket); ``addressing=virtual`` puts the bucket in the host name
      (``path``, the bucket in the path, by default); ``region`` defaults to ``us-east-1``.

    ``MEDIA_ACCEL_REDIRECT`` (``/protected-media/``) is the nginx ``internal`` location that
    serves the certificates' folder on the local disk: certification's download view then
    answers with an ``X-Accel-Redirect`` to it instead of sending the file itself. On S3 the
    view redirects to a signed address instead, so it cannot be set there.
    """
    accel_redirect = (accel_redirect or "").strip()
    if accel_redirect and (
        not accel_redirect.startswith("/")
        or not accel_redirect.endswith("/")
        or accel_redirect == "/"
    ):
        raise ImproperlyConfigured(
            f"MEDIA_ACCEL_REDIRECT must be a path that begins and ends with /, such as "
            f"/protected-media/, not {accel_redirect!r}"
        )
    local = {"BACKEND": FILE_SYSTEM_STORAGE}
    result: dict[str, object] = {
        "STORAGES": {"default": dict(local), "certificates": dict(local)},
        "MEDIA_ACCEL_REDIRECT": accel_redirect,
    }
    if not url:
        return result
    parts = urlsplit(url)
    if parts.scheme == "file":
        if parts.netloc not in {"", "localhost"} or not parts.path.startswith("/"):
            raise ImproperlyConfigured(
                f"STORAGE_URL must name an absolute folder, as file:///srv/lms/media, not {url!r}"
            )
        result["MEDIA_ROOT"] = Path(unquote(parts.path))
        return result
    if parts.scheme != "s3":
        raise ImproperlyConfigured(
            f"STORAGE_URL scheme {parts.scheme!r} is not supported: use file:///path or "
            "s3://key:secret@host/bucket"
        )
    if accel_redirect:
        raise ImproperlyConfigured(
            "MEDIA_ACCEL_REDIRECT is for files on the local disk; with STORAGE_URL=s3://… "
            "certificates are handed out by signed addresses of the bucket: unset it."
        )
    result.update(_s3_settings(url, parts))
    return result


def _s3_settings(url: str, parts) -> dict[str, object]:
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise ImproperlyConfigured("STORAGE_URL has a port that is not a number") from None
    if not host:
        raise ImproperlyConfigured("STORAGE_URL must name the S3 server, as s3://…@host/bucket")
    bucket = parts.path.strip("/")
    if not _BUCKET.match(bucket):
        raise ImproperlyConfigured(
            f"STORAGE_URL must end with the bucket's name (3 to 63 small letters, digits, dots "
            f"and hyphens), as s3://…@host/lms-media, not {bucket!r}"
        )
    key, secret = unquote(parts.username or ""), unquote(parts.password or "")
    if bool(key) != bool(secret):
        raise ImproperlyConfigured("STORAGE_URL must give both the access key and the secret")
    query: dict[str, str] = {}
    for name, values in parse_qs(parts.query, keep_blank_values=True).items():
        if name not in _S3_QUERY:
            raise ImproperlyConfigured(
                f"STORAGE_URL option {name!r} is unknown; the options are "
                + ", ".join(sorted(_S3_QUERY))
            )
        query[name] = values[-1].strip()
    secure = query.get("secure", "true").lower()
    if secure not in _TRUE | _FALSE or not secure:
        raise ImproperlyConfigured(f"STORAGE_URL secure must be true or false, not {secure!r}")
    addressing = query.get("addressing", "path")
    if addressing not in {"path", "virtual"}:
        raise ImproperlyConfigured(
            f"STORAGE_URL addressing must be path or virtual, not {addressing!r}"
        )
    region = query.get("region") or "us-east-1"
    scheme = "https" if secure in _TRUE else "http"
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    endpoint = f"{scheme}://{netloc}"
    public_url = query.get("public_url", "").rstrip("/")
    if public_url:
        public = urlsplit(public_url)
        if public.scheme not in {"http", "https"} or not public.netloc or public.query:
            raise ImproperlyConfigured(
                f"STORAGE_URL public_url must be an http(s) address, not {public_url!r}"
            )
    elif addressing == "virtual":
        public_url = f"{scheme}://{bucket}.{netloc}"
    else:
        public_url = f"{endpoint}/{bucket}"
    public = urlsplit(public_url)
    common = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": region,
        "access_key": key or None,
        "secret_key": secret or None,
        # Names stay unique, as on the local disk: an upload never replaces another's file.
        "file_overwrite": False,
        "default_acl": None,
        # A server out of reach fails in seconds (the page or task then says so), not minutes.
        # Checksums only where S3 requires them: many S3-compatible servers refuse the others.
        "client_config": Config(
            signature_version="s3v4",
            s3={"addressing_style": addressing},
            connect_timeout=5,
            read_timeout=30,
            retries={"mode": "standard", "total_max_attempts": 3},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    }
    return {
        "STORAGES": {
            "default": {
                "BACKEND": S3_STORAGE,
                "OPTIONS": {
                    **common,
                    "location": S3_MEDIA_PREFIX,
                    # Public addresses: the same for every visitor, so pages and browsers
                    # keep them; the bucket's policy makes media/images/ readable.
                    "querystring_auth": False,
                    "custom_domain": public.netloc + public.path,
                    "url_protocol": f"{public.scheme}:",
                },
            },
            "certificates": {
                "BACKEND": S3_STORAGE,
                "OPTIONS": {
                    **common,
                    "location": S3_PRIVATE_PREFIX,
                    "querystring_auth": True,
                    "querystring_expire": S3_SIGNED_SECONDS,
                },
            },
        },
        "MEDIA_URL": f"{public_url}/{S3_MEDIA_PREFIX}/",
    }


#: The cache aliases that only save work: entries are rebuilt from the database whenever they
#: are missing, so Django's dummy cache (every read a miss, every write dropped) leaves pages
#: right, only slower. "default" is not among them: it holds state (rate limits, lock-outs,
#: used TOTP codes, claims) that the site needs to behave correctly.
WORK_SAVING_CACHE_ALIASES = ("pages", "renditions")
DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"


def switchable_caches(caches: dict[str, dict], *, enabled: bool) -> dict[str, dict]:
    """``CACHES`` as given, or, when the caches are switched off (``LMS_CACHES=off``), with
    the work-saving aliases on Django's dummy cache."""
    if enabled:
        return caches
    return {
        alias: {"BACKEND": DUMMY_CACHE} if alias in WORK_SAVING_CACHE_ALIASES else config
        for alias, config in caches.items()
    }
