"""File storage beyond Django's ``default_storage``: the other aliases of ``STORAGES`` for
model fields, what a storage raises when it does not answer, and how a private file is handed
out.

``STORAGE_URL`` picks the backend (``lms.settings.env.storage_settings``): the local disk, or
an S3 bucket through django-storages. Two aliases matter to the apps: ``default`` holds the
uploads (Wagtail's images, public; its documents, served by Wagtail's view), and
``certificates`` the certificate PDFs, which are private: only certification's access-checked
view hands them out — by a short-lived signed address on S3, through the reverse proxy with
``MEDIA_ACCEL_REDIRECT`` on the local disk, or streamed by the app.
"""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import quote

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header


class StorageUnavailable(Exception):
    """A file storage did not answer — its service down or out of reach, credentials refused,
    a disk full — so the same operation may work when tried again. A missing file is not
    this: it raises ``FileNotFoundError``."""


@contextmanager
def storage_errors(what: str):
    """Turn what the local disk (``OSError``) or S3 (botocore's errors) raise when they fail
    into ``StorageUnavailable`` naming ``what`` was being done; a missing file stays
    ``FileNotFoundError``."""
    try:
        yield
    except FileNotFoundError:
        raise
    except (OSError, BotoCoreError, ClientError) as error:
        raise StorageUnavailable(f"{what}: {error}") from error


class NamedStorage(LazyObject):
    """The storage of one alias of ``settings.STORAGES``, for a model field's ``storage=``
    callable: looked up when first used (a field evaluates its storage when its model is
    defined) and again after ``STORAGES`` changes, as ``default_storage`` is."""

    def __init__(self, alias: str) -> None:
        self.__dict__["_alias"] = alias
        super().__init__()
        _named.append(self)

    def _setup(self) -> None:
        self._wrapped = storages[self.__dict__["_alias"]]


_named: list[NamedStorage] = []


@receiver(setting_changed, dispatch_uid="lms.core.storage.reset")
def _reset(*, setting, **kwargs) -> None:
    # Django forgets its own storages then (django.test.signals.storages_changed).
    if setting == "STORAGES":
        for storage in _named:
            storage._wrapped = empty


def signed_url(storage, name: str, *, filename: str, content_type: str) -> str | None:
    """A signed address of the private file ``name``, valid for the storage's
    ``querystring_expire`` seconds (60 under ``STORAGE_URL=s3://…``), that makes the browser
    show it as ``filename``, when ``storage`` gives such addresses (S3 with
    ``querystring_auth``); ``None`` for a storage whose addresses would not be signed."""
    if not getattr(storage, "querystring_auth", False) or getattr(storage, "custom_domain", None):
        return None
    parameters = {
        "ResponseContentType": content_type,
        "ResponseContentDisposition": content_disposition_header(False, filename),
        "ResponseCacheControl": "private, no-store",
    }
    return storage.url(name, parameters=parameters)


def accel_redirect_path(storage, name: str) -> str | None:
    """The internal address under ``MEDIA_ACCEL_REDIRECT`` at which the reverse proxy serves
    the file ``name`` of a local-disk ``storage`` itself (nginx's ``X-Accel-Redirect``), or
    ``None`` when it is not set or the storage is not on the local disk."""
    prefix = settings.MEDIA_ACCEL_REDIRECT
    if not prefix:
        return None
    try:
        storage.path(name)
    except NotImplementedError:  # not on the local disk (S3, in memory)
        return None
    return prefix + quote(name)
