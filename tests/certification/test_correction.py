"""A name correction is previewed (nothing issued) before the confirming POST issues it."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certification import views
from certification.models import Certificate, SerialCounter
from certification.rendering import certificate_html
from certification.services import (
    certificate_correction_preview,
    certificate_issue,
    certificate_revoke,
)
from tests.certification.factories import completed_enrollment, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return certificate_issue(enrollment_id=completed_enrollment().pk)


@pytest.fixture
def coordinator(client):
    user = staff("State coordinator", "AS")
    client.force_login(user)
    return user


def unchanged(certificate):
    row = Certificate.objects.get(pk=certificate.pk)
    row.recipient.refresh_from_db()
    return (
        Certificate.objects.count(),
        row.superseded_at,
        row.recipient_name,
        row.recipient.full_name,
        list(SerialCounter.objects.values_list("last", flat=True)),
        len(mail.outbox),
        ModelLogEntry.objects.count(),
    )


def url(certificate):
    return reverse("certification:correct", args=[certificate.pk])


def test_the_preview_shows_the_corrected_certificate_and_issues_nothing(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    before = unchanged(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url(certificate), {"full_name": "  Ravi   Kumar Sharma "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ravi Kumar Sharma" in page
    assert certificate.recipient_name in page
    assert certificate.module_title in page
    token = response.context["token"]
    pdf_url = reverse("certification:correct_preview", args=[certificate.pk])
    assert pdf_url in page

    pdf = client.get(pdf_url, {"token": token})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert unchanged(certificate) == before

    # The preview's HTML is the certificate with the new name, not a saved one.
    preview = certificate_correction_preview(certificate=certificate, full_name="Ravi Kumar Sharma")
    assert preview._state.adding
    assert preview.pk is not None
    assert not Certificate.objects.filter(pk=preview.pk).exists()
    assert "Ravi Kumar Sharma" in certificate_html(preview)


def test_the_confirming_post_issues_the_previewed_name(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    token = client.get(url(certificate), {"full_name": "Ravi Kumar Sharma"}).context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(certificate), {"full_name": "Ravi Kumar Sharma", "token": token})
    new = Certificate.objects.get(superseded_at__isnull=True)
    assert response.status_code == 302
    assert response["Location"] == reverse("certification:detail", args=[new.pk])
    assert new.recipient_name == "Ravi Kumar Sharma"
    certificate.refresh_from_db()
    assert certificate.superseded_by == new
    # The preview link is spent: the certificate it previews was replaced.
    pdf_url = reverse("certification:correct_preview", args=[certificate.pk])
    assert client.get(pdf_url, {"token": token}).status_code == 404


@pytest.mark.parametrize("name", ["", "   ", "N" * 151, "<b>x</b>"])
def test_refused_names_change_nothing(
    client, certificate, coordinator, name, django_capture_on_commit_callbacks
):
    before = unchanged(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url(certificate), {"full_name": name})
        assert response.status_code == 400
        assert 'id="id_full_name_error"' in response.content.decode()
        assert "token" not in response.context or not response.context["token"]
        response = client.post(url(certificate), {"full_name": name, "token": "x"})
        assert response.status_code == 400
    assert unchanged(certificate) == before


def test_a_post_without_the_preview_or_with_another_name_issues_nothing(
    client, certificate, coordinator
):
    before = unchanged(certificate)
    assert client.post(url(certificate), {"full_name": "Ravi Kumar"}).status_code == 400
    token = client.get(url(certificate), {"full_name": "Ravi Kumar"}).context["token"]
    response = client.post(url(certificate), {"full_name": "Someone Else", "token": token})
    assert response.status_code == 400
    assert "Check the preview" in response.content.decode()
    assert unchanged(certificate) == before


def test_a_preview_token_works_for_its_viewer_and_certificate_only(
    client, certificate, coordinator
):
    other = certificate_issue(enrollment_id=completed_enrollment().pk)
    token = client.get(url(certificate), {"full_name": "Ravi Kumar"}).context["token"]
    assert (
        client.get(
            reverse("certification:correct_preview", args=[other.pk]), {"token": token}
        ).status_code
        == 404
    )
    pdf_url = reverse("certification:correct_preview", args=[certificate.pk])
    assert client.get(pdf_url, {"token": token + "x"}).status_code == 404
    assert client.get(pdf_url).status_code == 404
    client.force_login(staff("State coordinator", "AS"))  # another coordinator, same state
    assert client.get(pdf_url, {"token": token}).status_code == 404


def test_an_expired_preview_token_is_refused(client, certificate, coordinator, monkeypatch):
    token = client.get(url(certificate), {"full_name": "Ravi Kumar"}).context["token"]
    monkeypatch.setattr(views, "PREVIEW_MAX_AGE", -1)
    before = unchanged(certificate)
    pdf_url = reverse("certification:correct_preview", args=[certificate.pk])
    assert client.get(pdf_url, {"token": token}).status_code == 404
    response = client.post(url(certificate), {"full_name": "Ravi Kumar", "token": token})
    assert response.status_code == 400
    assert unchanged(certificate) == before


def test_preview_and_correction_are_for_managers_in_scope_only(client, certificate, coordinator):
    token = client.get(url(certificate), {"full_name": "Ravi Kumar"}).context["token"]
    outsiders = (staff("State coordinator", "BR"), staff("Trainer", "AS"))
    before = unchanged(certificate)
    pdf_url = reverse("certification:correct_preview", args=[certificate.pk])
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(url(certificate), {"full_name": "Ravi Kumar"}).status_code == 404
        assert client.get(pdf_url, {"token": token}).status_code == 404
        response = client.post(url(certificate), {"full_name": "Ravi Kumar", "token": token})
        assert response.status_code == 404
    assert unchanged(certificate) == before


def test_a_revoked_certificate_is_not_corrected(client, certificate, coordinator):
    token = client.get(url(certificate), {"full_name": "Ravi Kumar"}).context["token"]
    certificate_revoke(certificate=certificate, by=coordinator, reason="Fraud")
    before = unchanged(certificate)
    assert client.get(url(certificate), {"full_name": "Ravi Kumar"}).status_code == 302
    response = client.post(url(certificate), {"full_name": "Ravi Kumar", "token": token})
    assert response.status_code == 302
    pdf_url = reverse("certification:correct_preview", args=[certificate.pk])
    assert client.get(pdf_url, {"token": token}).status_code == 404
    assert unchanged(certificate) == before
