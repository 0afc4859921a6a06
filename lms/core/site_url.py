"""The site's public address: the one place absolute links are built.

Emails, the certificates' QR codes and the demo's notes name pages by absolute URL. They all
start from ``SITE_URL`` (the setting ``WAGTAILADMIN_BASE_URL``, which Wagtail's own emails read
too). In production it is the address people use; the demo (``scripts/run.sh``) sets it from
the address it serves, so links never point at a server that is not running.
"""

from __future__ import annotations

from django.conf import settings


def site_url() -> str:
    """The public base URL, without a trailing slash: "https://training.example.org"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse``, starting with "/") on the public site."""
    return site_url() + path
