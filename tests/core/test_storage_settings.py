"""STORAGE_URL and MEDIA_ACCEL_REDIRECT: the local disk or an S3 bucket for the uploads and
the private certificate PDFs (lms.settings.env.storage_settings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.settings.env import storage_settings
from tests.core.test_settings import run_manage

LOCAL = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def test_unset_means_the_local_disk_under_media_root():
    files = storage_settings(None)
    assert files == {
        "STORAGES": {"default": {"BACKEND": LOCAL}, "certificates": {"BACKEND": LOCAL}},
        "MEDIA_ACCEL_REDIRECT": "",
    }
    assert storage_settings("", accel_redirect="/protected-media/")["MEDIA_ACCEL_REDIRECT"] == (
        "/protected-media/"
    )


def test_a_file_url_names_the_folder():
    files = storage_settings("file:///srv/lms/media%20files", accel_redirect=" /internal/ ")
    assert files["MEDIA_ROOT"] == Path("/srv/lms/media files")
    assert files["STORAGES"]["certificates"] == {"BACKEND": LOCAL}
    assert files["MEDIA_ACCEL_REDIRECT"] == "/internal/"
    assert "MEDIA_URL" not in files  # /media/, served by the reverse proxy
    assert storage_settings("file://localhost/srv/media")["MEDIA_ROOT"] == Path("/srv/media")


def test_an_s3_url_gives_a_public_media_folder_and_a_private_one():
    files = storage_settings(
        "s3://AKIAEXAMPLE:a%2Fsecret%2Bkey@minio.internal:9000/lms-media"
        "?region=ap-south-1&secure=false"
    )
    media, private = files["STORAGES"]["default"], files["STORAGES"]["certificates"]
    assert media["BACKEND"] == private["BACKEND"] == S3
    media, private = media["OPTIONS"], private["OPTIONS"]
    for options in (media, private):
        assert options["bucket_name"] == "lms-media"
        assert options["endpoint_url"] == "http://minio.internal:9000"
        assert options["region_name"] == "ap-south-1"
        assert (options["access_key"], options["secret_key"]) == ("AKIAEXAMPLE", "a/secret+key")
        assert options["file_overwrite"] is False
        assert options["default_acl"] is None
        config = options["client_config"]
        assert config.signature_version == "s3v4"
        assert config.s3 == {"addressing_style": "path"}
    assert media["location"] == "media"
    assert media["querystring_auth"] is False
    assert (media["url_protocol"], media["custom_domain"]) == (
        "http:",
        "minio.internal:9000/lms-media",
    )
    assert private["location"] == "private"
    assert private["querystring_auth"] is True
    assert private["querystring_expire"] == 60
    assert "custom_domain" not in private  # a custom domain's addresses are never signed
    assert files["MEDIA_URL"] == "http://minio.internal:9000/lms-media/media/"
    assert files["MEDIA_ACCEL_REDIRECT"] == ""


def test_s3_public_address_and_credentials_from_the_environment():
    files = storage_settings(
        "s3://s3.ap-south-1.amazonaws.com/lms-media?region=ap-south-1"
        "&public_url=https://media.example.org/&addressing=virtual"
    )
    media = files["STORAGES"]["default"]["OPTIONS"]
    assert media["endpoint_url"] == "https://s3.ap-south-1.amazonaws.com"
    assert (media["access_key"], media["secret_key"]) == (None, None)  # boto3's own chain
    assert media["client_config"].s3 == {"addressing_style": "virtual"}
    assert (media["url_protocol"], media["custom_domain"]) == ("https:", "media.example.org")
    assert files["MEDIA_URL"] == "https://media.example.org/media/"
    virtual = storage_settings("s3://k:s@s3.example.org/lms-media?addressing=virtual")
    assert virtual["MEDIA_URL"] == "https://lms-media.s3.example.org/media/"
    assert virtual["STORAGES"]["certificates"]["OPTIONS"]["region_name"] == "us-east-1"


@pytest.mark.parametrize(
    ("url", "accel", "problem"),
    [
        ("ftp://host/bucket", None, "scheme 'ftp' is not supported"),
        ("file://server/share", None, "absolute folder"),
        ("file:relative/path", None, "absolute folder"),
        ("s3:///lms-media", None, "must name the S3 server"),
        ("s3://k:s@host", None, "bucket's name"),
        ("s3://k:s@host/Bad_Bucket", None, "bucket's name"),
        ("s3://k:s@host/a/b", None, "bucket's name"),
        ("s3://k:s@host:port/lms-media", None, "port that is not a number"),
        ("s3://key-only@host/lms-media", None, "both the access key and the secret"),
        ("s3://k:s@host/lms-media?secure=maybe", None, "secure must be true or false"),
        ("s3://k:s@host/lms-media?addressing=dns", None, "path or virtual"),
        ("s3://k:s@host/lms-media?public_url=media.example.org", None, "public_url"),
        ("s3://k:s@host/lms-media?acl=public-read", None, "option 'acl' is unknown"),
        ("s3://k:s@host/lms-media", "/protected-media/", "MEDIA_ACCEL_REDIRECT is for files"),
        (None, "protected-media", "begins and ends with /"),
        (None, "/protected-media", "begins and ends with /"),
        (None, "/", "begins and ends with /"),
    ],
)
def test_bad_storage_settings_are_refused(url, accel, problem):
    with pytest.raises(ImproperlyConfigured, match=problem):
        storage_settings(url, accel_redirect=accel)


SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'storages': {a: c['BACKEND'] for a, c in s.STORAGES.items()},"
    "'media_url': s.MEDIA_URL, 'accel': s.MEDIA_ACCEL_REDIRECT,"
    "'docs': s.WAGTAILDOCS_SERVE_METHOD,"
    "'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'],"
    "'admin_img': s.LMS_ADMIN_CSP['img-src']}))"
)
PRODUCTION = {
    "SECRET_KEY": "a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
    "ALLOWED_HOSTS": "training.example.org",
    "DATABASE_URL": "postgres://lms@db.example.org:5432/lms",
    "SMS_URL": "https://lms:secret@sms.example.org/send?sender=CPTRNG",
}


def test_production_on_s3_reads_images_from_the_bucket_and_passes_the_checklist():
    url = "s3://k:s@s3.ap-south-1.amazonaws.com/lms-media?public_url=https://media.example.org"
    result = run_manage("shell", "-c", SHOW, STORAGE_URL=url, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["storages"]["default"] == shown["storages"]["certificates"] == S3
    assert shown["media_url"] == "https://media.example.org/media/"
    # Documents go through Wagtail's view (their privacy), never straight to the bucket.
    assert shown["docs"] == "serve_view"
    assert "https://media.example.org" in shown["img"]
    assert "https://media.example.org" in shown["admin_img"]
    checked = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", STORAGE_URL=url, **PRODUCTION
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_production_on_the_local_disk_keeps_media_on_this_site():
    result = run_manage("shell", "-c", SHOW, MEDIA_ACCEL_REDIRECT="/protected-media/", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["storages"]["certificates"] == LOCAL
    assert (shown["media_url"], shown["accel"]) == ("/media/", "/protected-media/")
    assert shown["img"] == ["'self'", "data:"]
    refused = run_manage("check", STORAGE_URL="gopher://files", **PRODUCTION)
    assert refused.returncode != 0
    assert "STORAGE_URL scheme 'gopher' is not supported" in refused.stderr
