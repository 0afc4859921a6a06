import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certification import views
from certification.models import Certificate, CertificateBatch
from certification.services import certificate_issue, certificate_revoke
from modules.learning.models import Enrollment
from tests.accounts.factories import UserFactory, state
from tests.certification.factories import completed_enrollment, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(enrollment_id=completed_enrollment().pk)


def verify_url(certificate):
    return reverse("certification:verify", args=[certificate.token])


def test_the_qr_link_shows_a_valid_certificate_with_the_minimum_of_data(client, certificate):
    response = client.get(verify_url(certificate))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This certificate is valid" in page
    for shown in (certificate.recipient_name, certificate.module_code, certificate.serial, "Assam"):
        assert shown in page
    user = certificate.recipient
    for hidden in (user.email, user.district.name):
        assert hidden not in page
    assert 'name="robots" content="noindex' in page
    assert response["X-Robots-Tag"].startswith("noindex")


def test_new_short_tokens_and_old_long_tokens_both_verify(client, certificate):
    assert len(certificate.token) == 22  # 128 bits
    older = certificate_issue(enrollment_id=completed_enrollment().pk)
    # Issued before tokens were shortened: 256 bits, 43 characters.
    Certificate.objects.filter(pk=older.pk).update(
        token="Zq3yXv9T0bWm4Lk8Hc2Rf7Pd1Sa6Ne5Gj0Ui3Oo4Yt8"
    )
    older.refresh_from_db()
    for issued in (certificate, older):
        response = client.get(verify_url(issued))
        assert response.status_code == 200
        assert issued.serial in response.content.decode()


def test_the_json_answer_for_machines(client, certificate):
    response = client.get(reverse("certification:verify_json", args=[certificate.token]))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "valid"
    assert data["serial"] == certificate.serial
    assert data["name"] == certificate.recipient_name
    assert "email" not in data
    assert "district" not in data
    missing = client.get(reverse("certification:verify_json", args=["x" * 43]))
    assert missing.status_code == 404
    assert missing.json() == {"error": "not_found"}


def test_the_typed_code_in_any_form(client, certificate):
    grouped = certificate.grouped_code.lower()
    response = client.get(reverse("certification:verify_form"), {"code": grouped})
    assert response.status_code == 200
    assert certificate.serial in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ABCD",
        "0000-0000-0000-0000",
        "' OR '1'='1",
        "<script>alert(1)</script>",
        "%00",
        "x" * 500,
    ],
)
def test_bad_codes_get_one_generic_not_found(client, certificate, typed):
    response = client.get(reverse("certification:verify_form"), {"code": typed})
    assert response.status_code == 404
    assert "No certificate matches this code" in response.content.decode()


def test_the_serial_number_is_never_a_lookup_key(client, certificate):
    response = client.get(reverse("certification:verify_form"), {"code": certificate.serial})
    assert response.status_code == 404
    assert client.get(f"/verify/{certificate.serial}/").status_code == 404


def test_truncated_and_altered_tokens_are_not_found(client, certificate):
    for token in (certificate.token[:-1], certificate.token.upper(), certificate.code):
        response = client.get(reverse("certification:verify", args=[token]))
        assert response.status_code == 404
        assert certificate.recipient_name not in response.content.decode()


def test_revoked_shows_reason_and_date(client, certificate):
    admin = staff("National administrator")
    certificate_revoke(certificate=certificate, by=admin, reason="Obtained by impersonation")
    page = client.get(verify_url(certificate)).content.decode()
    assert "has been revoked" in page
    assert "Obtained by impersonation" in page
    assert (
        client.get(reverse("certification:verify_json", args=[certificate.token])).json()["status"]
        == "revoked"
    )


def test_verification_is_rate_limited(client, certificate, settings):

    limit = views.VERIFY_LIMIT
    for _ in range(limit):
        assert client.get(verify_url(certificate)).status_code == 200
    response = client.get(verify_url(certificate))
    assert response.status_code == 429
    assert certificate.recipient_name not in response.content.decode()
    assert client.get(reverse("certification:verify_form"), {"code": "x"}).status_code == 429
    # Another address is not affected.
    assert client.get(verify_url(certificate), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_download_for_the_owner_and_staff_in_scope_only(client, certificate):
    url = reverse("certification:download", args=[certificate.pk])
    client.force_login(certificate.recipient)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")

    outsiders = [
        UserFactory(),
        staff("State coordinator", "BR"),
        staff("Trainer", "BR"),
    ]
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    insiders = [
        staff("State coordinator", "AS"),
        staff("Trainer", "AS"),
        staff("National administrator"),
    ]
    for insider in insiders:
        client.force_login(insider)
        assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(certificate.recipient)
    assert client.get("/certificates/not-a-uuid/pdf/").status_code == 404


def test_my_learning_lists_the_certificate_with_download_and_share(client, certificate):
    client.force_login(certificate.recipient)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert reverse("certification:download", args=[certificate.pk]) in page
    assert verify_url(certificate) in page
    assert certificate.serial in page


def test_my_learning_asks_to_confirm_a_doubtful_name(client, django_capture_on_commit_callbacks):
    user = UserFactory(full_name="RAVI KUMAR")
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = completed_enrollment(user=user)
    assert not Certificate.objects.exists()
    client.force_login(user)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert "Confirm your name for the certificate" in page
    url = reverse("certification:confirm_name", args=[enrollment.pk])
    # Someone else's enrollment: 404, nothing changes.
    other = UserFactory()
    client.force_login(other)
    assert client.post(url, {"full_name": "Other Name"}).status_code == 404
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"full_name": "Ravi Kumar"})
    assert response.status_code == 302
    assert Certificate.objects.get().recipient_name == "Ravi Kumar"


def test_a_400_character_name_on_the_confirmation_form_is_refused_with_a_message(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(full_name="RAVI KUMAR")
    enrollment = completed_enrollment(user=user)
    entries = ModelLogEntry.objects.count()
    client.force_login(user)
    url = reverse("certification:confirm_name", args=[enrollment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"full_name": "R" * 400}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "A name may be at most 150 characters long (this one has 400)." in page
    assert "Confirm your name for the certificate" in page  # the form is still there
    user.refresh_from_db()
    assert user.full_name == "RAVI KUMAR"
    assert not Certificate.objects.exists()
    assert ModelLogEntry.objects.count() == entries


def test_a_name_with_a_direction_override_on_the_confirmation_form_is_refused(client):
    user = UserFactory(full_name="RAVI KUMAR")
    enrollment = completed_enrollment(user=user)
    client.force_login(user)
    url = reverse("certification:confirm_name", args=[enrollment.pk])
    response = client.post(url, {"full_name": "Ravi \u202eKumar"}, follow=True)
    assert "may not contain invisible characters" in response.content.decode()
    user.refresh_from_db()
    assert user.full_name == "RAVI KUMAR"
    assert not Certificate.objects.exists()


def test_staff_revoke_in_scope_only(client, certificate):
    url = reverse("certification:revoke", args=[certificate.pk])
    bihar = staff("State coordinator", "BR")
    trainer = staff("Trainer", "AS")
    for user in (bihar, trainer, certificate.recipient):
        client.force_login(user)
        assert client.post(url, {"reason": "No"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    coordinator = staff("State coordinator", "AS")
    client.force_login(coordinator)
    assert client.post(url, {"reason": ""}).status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert client.post(url, {"reason": "Duplicate account"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_by == coordinator


def test_staff_correct_name(client, certificate):
    coordinator = staff("State coordinator", "AS")
    client.force_login(coordinator)
    url = reverse("certification:correct", args=[certificate.pk])
    response = client.get(url, {"full_name": "<script>x</script>"})
    assert response.status_code == 400
    assert Certificate.objects.count() == 1
    token = client.get(url, {"full_name": "Corrected Name"}).context["token"]
    response = client.post(url, {"full_name": "Corrected Name", "token": token})
    new = Certificate.objects.get(superseded_at__isnull=True)
    assert response["Location"] == reverse("certification:detail", args=[new.pk])
    assert new.recipient_name == "Corrected Name"


def test_a_400_character_correction_is_refused_with_a_message(client, certificate):
    coordinator = staff("State coordinator", "AS")
    client.force_login(coordinator)
    printed, entries = certificate.recipient_name, ModelLogEntry.objects.count()
    url = reverse("certification:correct", args=[certificate.pk])
    response = client.get(url, {"full_name": "N" * 400})
    assert response.status_code == 400
    assert "A name may be at most 150 characters long (this one has 400)." in (
        response.content.decode()
    )
    certificate.refresh_from_db()
    certificate.recipient.refresh_from_db()
    assert certificate.superseded_at is None
    assert (certificate.recipient_name, certificate.recipient.full_name) == (printed, printed)
    assert Certificate.objects.count() == 1
    assert ModelLogEntry.objects.count() == entries


def test_pages_isolate_a_stored_name_with_a_direction_override(client, certificate):
    # Stored before names were checked for direction controls.
    name = "Ravi \u202eKumar"
    Certificate.objects.filter(pk=certificate.pk).update(recipient_name=name)
    verify = client.get(verify_url(certificate)).content.decode()
    assert f"<dd><bdi>{name}</bdi></dd>" in verify
    client.force_login(staff("State coordinator", "AS"))
    detail = client.get(reverse("certification:detail", args=[certificate.pk])).content.decode()
    assert f"<dd><bdi>{name}</bdi></dd>" in detail
    listing = client.get(reverse("certification:manage")).content.decode()
    assert f"<td><bdi>{name}</bdi></td>" in listing


def test_manage_list_is_scoped(client, certificate):
    bihar_cert = certificate_issue(
        enrollment_id=completed_enrollment(user=UserFactory(state=state("BR"))).pk
    )
    coordinator = staff("State coordinator", "AS")
    client.force_login(coordinator)
    page = client.get(reverse("certification:manage")).content.decode()
    assert certificate.serial in page
    assert bihar_cert.serial not in page
    assert client.get(reverse("certification:detail", args=[bihar_cert.pk])).status_code == 404
    client.force_login(certificate.recipient)
    assert client.get(reverse("certification:manage")).status_code == 404


def test_bulk_issue_from_the_manage_page(client, django_capture_on_commit_callbacks):
    user = UserFactory(full_name="ALL CAPS NAME")
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = completed_enrollment(user=user)
    bihar = completed_enrollment(user=UserFactory(state=state("BR"), full_name="BIHAR NAME"))
    coordinator = staff("State coordinator", "AS")
    client.force_login(coordinator)
    page = client.get(reverse("certification:manage")).content.decode()
    assert enrollment.module.code in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certification:batch_create"), {"module": enrollment.module_id}
        )
    batch = CertificateBatch.objects.get()
    assert response["Location"] == reverse("certification:batch", args=[batch.pk])
    assert (batch.total, batch.done) == (1, 1)
    assert batch.state == state("AS")
    assert Certificate.objects.get().enrollment_id == enrollment.pk
    assert not Certificate.objects.filter(enrollment=bihar).exists()
    progress = client.get(
        reverse("certification:batch", args=[batch.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "1 issued, 0 failed, of 1" in progress
    archive = client.get(reverse("certification:batch_zip", args=[batch.pk]))

    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert names == [f"{Certificate.objects.get().serial}.pdf"]
    # A Bihar coordinator cannot see the batch.
    client.force_login(staff("State coordinator", "BR"))
    assert client.get(reverse("certification:batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("certification:batch_zip", args=[batch.pk])).status_code == 404


def test_renew_is_for_the_owner_only(client):

    enrollment = completed_enrollment(certificate_validity_months=12)
    certificate = certificate_issue(enrollment_id=enrollment.pk)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=3)
    )
    url = reverse("certification:renew", args=[certificate.pk])
    client.force_login(UserFactory())
    assert client.post(url).status_code == 404
    assert Enrollment.objects.get(pk=enrollment.pk).cycle == 1
    client.force_login(enrollment.user)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert "Re-certify" in page
    assert client.post(url).status_code == 302
    assert Enrollment.objects.get(pk=enrollment.pk).cycle == 2
