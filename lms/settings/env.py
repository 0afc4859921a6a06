"""Small readers for settings that come from environment variables."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

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
