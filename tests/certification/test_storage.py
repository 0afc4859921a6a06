"""Certificate PDFs and uploads on object storage (a real S3 server, moto's) and on the local
disk: PDFs private and handed out only after the access check, images public, a lost PDF
rendered again, and an outage of the storage retried without issuing anything twice."""

from __future__ import annotations

import io
import urllib.parse
import urllib.request
from datetime import timedelta
from email.message import Message
from urllib.error import HTTPError

import pytest
from botocore.config import Config
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.signals import task_finished
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry

from certification import services, tasks
from certification.models import Certificate, CertificateBatchItem, SerialCounter
from certification.services import (
    STORAGE_RETRY_DELAYS,
    certificate_batch_create,
    certificate_batch_enqueue,
    certificate_batch_retry,
    certificate_issue,
)
from lms.core.storage import StorageUnavailable
from lms.settings.env import storage_settings
from tests.accounts.factories import UserFactory, make_role
from tests.certification.factories import completed_enrollment, staff
from tests.helpers import captured_statements
from tests.servers import S3Server, free_port

pytestmark = pytest.mark.django_db

LOCAL = "django.core.files.storage.FileSystemStorage"


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server()
    yield server
    server.stop()


def use_storage(settings, url: str, *, attempts: int | None = None) -> dict:
    """Put the uploads and the certificates where ``STORAGE_URL=url`` would."""
    files = storage_settings(url)
    if attempts is not None:  # a server that is down is given up on at once
        for alias in ("default", "certificates"):
            options = files["STORAGES"][alias]["OPTIONS"]
            options["client_config"] = options["client_config"].merge(
                Config(retries={"total_max_attempts": attempts})
            )
    settings.STORAGES = {**settings.STORAGES, **files["STORAGES"]}
    settings.MEDIA_URL = files.get("MEDIA_URL", settings.MEDIA_URL)
    return files


@pytest.fixture
def on_s3(settings, s3_server):
    use_storage(settings, s3_server.storage_url())
    return s3_server


def fetch(url: str) -> tuple[int, Message, bytes]:
    """GET ``url`` as a browser with no credentials would."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our server
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def download_url(certificate: Certificate) -> str:
    return reverse("certification:download", args=[certificate.pk])


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- On S3 ------------------------------------------------------------------------------------


def test_a_pdf_is_stored_privately_and_handed_out_by_a_short_signed_address(client, on_s3):
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    key = f"private/{certificate.pdf.name}"
    assert key in on_s3.keys("private/certificates/")
    assert not {k for k in on_s3.keys("media/") if str(certificate.pk) in k}

    client.force_login(certificate.recipient)
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    signed = urllib.parse.urlsplit(response["Location"])
    assert f"{signed.scheme}://{signed.netloc}" == on_s3.endpoint
    assert signed.path == f"/{on_s3.BUCKET}/{key}"
    query = urllib.parse.parse_qs(signed.query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Credential"][0].startswith(f"{on_s3.ACCESS_KEY}/")
    assert query["X-Amz-Signature"]
    assert query["response-content-disposition"] == [
        f'inline; filename="certificate-{certificate.serial}.pdf"'
    ]

    status, headers, body = fetch(response["Location"])
    assert status == 200
    assert body.startswith(b"%PDF")
    assert certificate.serial in pdf_text(body)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == (
        f'inline; filename="certificate-{certificate.serial}.pdf"'
    )
    assert headers["Cache-Control"] == "private, no-store"
    # The same address without its signature, and a guess at the public folder, are refused.
    unsigned = urllib.parse.urlunsplit(signed._replace(query=""))
    assert fetch(unsigned)[0] == 403
    assert fetch(f"{on_s3.endpoint}/{on_s3.BUCKET}/media/{certificate.pdf.name}")[0] in {403, 404}


def test_the_access_check_comes_before_any_address(client, on_s3):
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    for outsider in (UserFactory(), staff("State coordinator", "BR")):
        client.force_login(outsider)
        response = client.get(download_url(certificate))
        assert response.status_code == 404
        assert "X-Amz-Signature" not in response.get("Location", "")
    client.force_login(staff("National administrator"))
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert fetch(response["Location"])[0] == 200


def test_handing_out_a_signed_address_costs_no_more_statements_than_streaming(
    client, settings, s3_server
):
    local = certificate_issue(enrollment_id=completed_enrollment().pk)
    client.force_login(local.recipient)
    client.get(download_url(local))  # the site's first request fills the process's caches
    with captured_statements() as streamed:
        assert client.get(download_url(local)).status_code == 200
    use_storage(settings, s3_server.storage_url())
    remote = certificate_issue(enrollment_id=completed_enrollment().pk)
    client.force_login(remote.recipient)
    client.get(download_url(remote))  # as above: both are measured on a second request
    with captured_statements() as redirected:
        assert client.get(download_url(remote)).status_code == 302
    assert len(redirected) == len(streamed), redirected


def test_a_pdf_deleted_from_the_bucket_is_rendered_again_on_download(client, on_s3):
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    key = f"private/{certificate.pdf.name}"
    on_s3.client().delete_object(Bucket=on_s3.BUCKET, Key=key)
    assert key not in on_s3.keys("private/")

    client.force_login(certificate.recipient)
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert key in on_s3.keys("private/")
    status, _, body = fetch(response["Location"])
    assert status == 200
    assert certificate.recipient_name in pdf_text(body)
    certificate.refresh_from_db()
    assert f"private/{certificate.pdf.name}" == key
    # No stray copy under another name.
    assert [k for k in on_s3.keys("private/") if str(certificate.pk) in k] == [key]


def test_images_and_renditions_have_public_unsigned_addresses(client, settings, on_s3):
    image = get_image_model().objects.create(title="River", file=get_test_image_file())
    rendition = image.get_rendition("width-100")
    assert rendition.file.name.startswith("images/")
    assert f"media/{rendition.file.name}" in on_s3.keys("media/images/")
    for url in (image.file.url, rendition.url):
        assert url.startswith(settings.MEDIA_URL)
        assert f"{on_s3.endpoint}/{on_s3.BUCKET}/media/" == settings.MEDIA_URL
        assert "?" not in url
        assert "Signature" not in url
        status, _, body = fetch(url)
        assert status == 200, url
        assert body.startswith(b"\x89PNG")


def test_documents_stay_behind_wagtails_view(client, on_s3):
    document = get_document_model().objects.create(
        title="Guide", file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf")
    )
    assert f"media/{document.file.name}" in on_s3.keys("media/documents/")
    assert fetch(f"{on_s3.endpoint}/{on_s3.BUCKET}/media/{document.file.name}")[0] == 403
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 guide"


@pytest.fixture
def storage_down(settings, s3_server, monkeypatch):
    """The storage settings of an S3 server that does not answer (nothing listens on its
    port), and renders that cost nothing: the outage is what these tests are about."""
    use_storage(settings, s3_server.storage_url(port=free_port()), attempts=1)
    renders: list[str] = []
    real_render = services.render_certificate

    def render(certificate):
        renders.append(certificate.serial)
        return b"%PDF-1.7 rendered while the storage was away"

    monkeypatch.setattr(services, "render_certificate", render)
    yield renders
    monkeypatch.setattr(services, "render_certificate", real_render)


def test_an_outage_during_issue_fails_the_task_for_retries_and_issues_once(
    client, settings, s3_server, storage_down
):
    enrollment = completed_enrollment()
    finished: list = []

    def record(sender, task_result, **kwargs):
        finished.append(task_result)

    task_finished.connect(record)
    try:
        result = tasks.issue_certificate.enqueue(enrollment_id=enrollment.pk)
    finally:
        task_finished.disconnect(record)

    # The task failed with the storage's error, and was queued again until the delays ran out.
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class_path == "lms.core.storage.StorageUnavailable"
    attempts = len(STORAGE_RETRY_DELAYS) + 1
    assert sorted(r.kwargs.get("attempt", 1) for r in finished) == list(range(1, attempts + 1))
    assert {r.status for r in finished} == {TaskResultStatus.FAILED}
    assert len(storage_down) == attempts
    # One certificate, one serial, one audit entry; its PDF waits.
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.pdf.name == ""
    assert SerialCounter.objects.get().last == 1
    assert ModelLogEntry.objects.filter(action="certification.certificate.issued").count() == 1

    # The holder asks for it meanwhile: told to try later, nothing written.
    client.force_login(certificate.recipient)
    response = client.get(download_url(certificate))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:my_learning")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The certificate could not be prepared. Please try later."
    ]
    certificate.refresh_from_db()
    assert certificate.pdf.name == ""

    # The storage is back: the next attempt stores the PDF of the same certificate.
    use_storage(settings, s3_server.storage_url())
    retried = tasks.issue_certificate.enqueue(enrollment_id=enrollment.pk, attempt=2)
    assert retried.status == TaskResultStatus.SUCCESSFUL
    assert retried.return_value == str(certificate.pk)
    certificate.refresh_from_db()
    assert f"private/{certificate.pdf.name}" in s3_server.keys("private/")
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert SerialCounter.objects.get().last == 1


def test_a_worker_that_can_wait_defers_the_next_attempt(settings, storage_down):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    def retries():
        return [
            result
            for result in default_task_backend.results
            if result.task.func is tasks.issue_certificate.func
        ]

    enrollment = completed_enrollment()
    before = timezone.now()
    with pytest.raises(StorageUnavailable):
        services.certificate_issue_attempt(enrollment_id=enrollment.pk)
    [retry] = retries()
    assert retry.kwargs == {"enrollment_id": enrollment.pk, "attempt": 2}
    delay = timedelta(seconds=STORAGE_RETRY_DELAYS[0])
    assert before + delay <= retry.task.run_after <= timezone.now() + delay
    # The last attempt queues none.
    with pytest.raises(StorageUnavailable):
        services.certificate_issue_attempt(
            enrollment_id=enrollment.pk, attempt=len(STORAGE_RETRY_DELAYS) + 1
        )
    assert retries() == [retry]
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_an_outage_during_a_bulk_issue_leaves_items_to_retry_and_issues_nothing_twice(
    settings, s3_server, storage_down
):
    enrollments = [completed_enrollment() for _ in range(2)]
    admin = make_role(UserFactory(), "National administrator")
    batch = certificate_batch_create(
        enrollment_ids=[e.pk for e in enrollments], by=admin, label="Cohort"
    )
    certificate_batch_enqueue(batch=batch)

    # Every attempt stopped at the first item; after the last both were marked failed.
    batch.refresh_from_db()
    assert (batch.done, batch.failed, batch.finished_at is not None) == (0, 2, True)
    errors = set(CertificateBatchItem.objects.filter(batch=batch).values_list("error", flat=True))
    assert errors == {"The file storage did not answer; try again later."}
    assert len(storage_down) == len(STORAGE_RETRY_DELAYS) + 1
    assert Certificate.objects.count() == 1  # the first item's, made once, its PDF waiting
    assert Certificate.objects.get().pdf.name == ""

    use_storage(settings, s3_server.storage_url())
    assert certificate_batch_retry(batch=batch, by=admin) == 2
    certificate_batch_enqueue(batch=batch)
    batch.refresh_from_db()
    assert (batch.done, batch.failed) == (2, 0)
    assert Certificate.objects.count() == 2
    assert SerialCounter.objects.get().last == 2
    stored = s3_server.keys("private/")
    assert all(f"private/{c.pdf.name}" in stored for c in Certificate.objects.all())


# --- On the local disk -----------------------------------------------------------------------


@pytest.fixture
def on_disk(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "certificates": {"BACKEND": LOCAL, "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


def test_nginx_sends_the_pdf_from_the_disk_when_asked(client, settings, on_disk):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    stored = on_disk / certificate.pdf.name
    assert stored.read_bytes().startswith(b"%PDF")

    client.force_login(certificate.recipient)
    response = client.get(download_url(certificate))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{certificate.pdf.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="certificate-{certificate.serial}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"

    # A file lost from the disk is rendered again before nginx is sent to it.
    stored.unlink()
    response = client.get(download_url(certificate))
    assert response["X-Accel-Redirect"] == f"/protected-media/{certificate.pdf.name}"
    assert certificate.serial in pdf_text(stored.read_bytes())

    client.force_login(UserFactory())
    response = client.get(download_url(certificate))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_without_it_the_app_streams_the_pdf(client, on_disk):
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    client.force_login(certificate.recipient)
    response = client.get(download_url(certificate))
    assert response.status_code == 200
    assert response.streaming
    assert "X-Accel-Redirect" not in response
    assert response["Content-Disposition"] == (
        f'inline; filename="certificate-{certificate.serial}.pdf"'
    )
    assert response.getvalue() == (on_disk / certificate.pdf.name).read_bytes()
