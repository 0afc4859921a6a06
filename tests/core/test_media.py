"""Under DEBUG the development server serves Wagtail's images from MEDIA_ROOT, and nothing
else there: certificates go out only through certification's access-checked view."""

from __future__ import annotations

import importlib

import pytest
from django.urls import clear_url_caches

import lms.urls
from certification.services import certificate_issue
from tests.certification.factories import completed_enrollment

pytestmark = pytest.mark.django_db


def load_urls() -> None:
    importlib.reload(lms.urls)
    clear_url_caches()


@pytest.fixture
def development(settings, tmp_path):
    """The development settings' DEBUG with files really stored under MEDIA_ROOT."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    on_disk = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)},
    }
    settings.STORAGES = {**settings.STORAGES, "default": on_disk, "certificates": on_disk}
    load_urls()
    yield tmp_path
    settings.DEBUG = False
    load_urls()


def test_images_are_served_in_development(client, development):
    for name in ("original_images/river.png", "images/river.width-400.png"):
        (development / name).parent.mkdir(parents=True, exist_ok=True)
        (development / name).write_bytes(b"\x89PNG picture")
        response = client.get(f"/media/{name}")
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == b"\x89PNG picture"


def test_certificate_files_are_never_served_from_media(client, development):
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    stored = development / certificate.pdf.name
    assert certificate.pdf.name.startswith("certificates/")
    assert stored.read_bytes().startswith(b"%PDF")
    for path in (
        f"/media/{certificate.pdf.name}",
        f"/media/images/../{certificate.pdf.name}",
        f"/media/images/%2e%2e/{certificate.pdf.name}",
        f"/media//{certificate.pdf.name}",
        "/media/certificates/",
    ):
        assert client.get(path).status_code == 404, path


def test_other_uploads_are_not_served_from_media_either(client, development):
    (development / "documents").mkdir()
    (development / "documents" / "private.pdf").write_bytes(b"%PDF private")
    assert client.get("/media/documents/private.pdf").status_code == 404


def test_nothing_is_served_from_media_without_debug(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "river.png").write_bytes(b"\x89PNG picture")
    assert client.get("/media/images/river.png").status_code == 404
