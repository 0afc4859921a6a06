"""Revoking with a confirmation and a reason, the holder's notice, and reinstatement."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import ModelLogEntry

from certification import signals
from certification.models import Certificate
from certification.services import (
    CertificationError,
    certificate_correct_name,
    certificate_issue,
    certificate_reinstate,
    certificate_revoke,
)
from reports import receivers as report_receivers
from tests.accounts.factories import UserFactory
from tests.certification.factories import completed_enrollment, staff

pytestmark = pytest.mark.django_db

REVOKED = "certification.certificate.revoked"
REINSTATED = "certification.certificate.reinstated"


@pytest.fixture
def certificate():
    return certificate_issue(enrollment_id=completed_enrollment().pk)


@pytest.fixture
def coordinator():
    return staff("State coordinator", "AS", full_name="Asha Coordinator")


def entries(action):
    return ModelLogEntry.objects.filter(action=action).count()


def snapshot(certificate):
    """What must not change after a refused request."""
    row = Certificate.objects.get(pk=certificate.pk)
    return (
        Certificate.objects.count(),
        row.revoked_at,
        row.revocation_reason,
        row.reinstated_at,
        row.superseded_at,
        len(mail.outbox),
        ModelLogEntry.objects.count(),
    )


def test_revoking_asks_for_confirmation_naming_the_certificate_holder_and_module(
    client, certificate, coordinator
):
    client.force_login(coordinator)
    before = snapshot(certificate)
    response = client.get(reverse("certification:revoke", args=[certificate.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert certificate.serial in page
    assert certificate.recipient_name in page
    assert certificate.recipient.email in page
    assert certificate.module_code in page
    assert certificate.module_title in page
    assert 'name="reason"' in page
    assert "required" in page
    assert snapshot(certificate) == before


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_empty_reason_is_refused_at_the_field_and_changes_nothing(
    client, certificate, coordinator, reason, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    before = snapshot(certificate)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("certification:revoke", args=[certificate.pk]), {"reason": reason}
        )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_reason_error"' in page
    assert "Give the reason for revoking the certificate." in page
    assert 'aria-invalid="true"' in page
    assert snapshot(certificate) == before
    assert callbacks == []


def test_revoking_with_a_reason_tells_the_holder_in_their_language(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    holder = certificate.recipient
    holder.preferred_language = "hi"
    holder.save(update_fields=["preferred_language"])
    client.force_login(coordinator)
    received = []

    def listen(sender, **kwargs):
        received.append(kwargs["event"])

    signals.certificate_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("certification:revoke", args=[certificate.pk]),
                {"reason": "Obtained  with another person's account"},
            )
    finally:
        signals.certificate_changed.disconnect(listen)
    assert response.status_code == 302
    assert response["Location"] == reverse("certification:detail", args=[certificate.pk])
    certificate.refresh_from_db()
    assert certificate.revoked_by == coordinator
    assert certificate.revocation_reason == "Obtained with another person's account"
    assert entries(REVOKED) == 1
    assert received == ["revoked"]

    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [holder.email]
    assert certificate.serial in notice.subject
    assert certificate.serial in notice.body
    assert certificate.module_code in notice.body
    assert certificate.module_title in notice.body
    assert "Obtained with another person's account" in notice.body
    assert coordinator.email in notice.body
    assert "Asha Coordinator" in notice.body
    with translation.override("hi"):
        day = date_format(timezone.localdate(certificate.revoked_at), "j F Y")
    assert day in notice.body  # the date in the holder's language (Hindi month names)
    assert reverse("learning:my_learning") in notice.body


def test_a_second_revocation_is_refused_and_changes_nothing(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    certificate_revoke(certificate=certificate, by=coordinator, reason="Duplicate account")
    client.force_login(coordinator)
    before = snapshot(certificate)
    url = reverse("certification:revoke", args=[certificate.pk])
    assert client.get(url).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Again"})
    assert response.status_code == 302
    assert snapshot(certificate) == before


def test_reinstating_undoes_a_revocation_made_in_error(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    verify = reverse("certification:verify", args=[certificate.token])
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=coordinator, reason="Wrong person")
    assert "This certificate has been revoked" in client.get(verify).content.decode()
    mail.outbox.clear()

    client.force_login(coordinator)
    url = reverse("certification:reinstate", args=[certificate.pk])
    page = client.get(url).content.decode()
    assert certificate.serial in page
    assert certificate.recipient_name in page
    assert certificate.module_title in page
    assert "Wrong person" in page

    received = []

    def listen(sender, **kwargs):
        received.append((kwargs["event"], kwargs["certificate_id"]))

    signals.certificate_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"reason": "Revoked the wrong learner's certificate"})
    finally:
        signals.certificate_changed.disconnect(listen)
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert certificate.revocation_reason == ""
    assert certificate.reinstated_by == coordinator
    assert certificate.reinstatement_reason == "Revoked the wrong learner's certificate"
    assert certificate.is_valid_on(timezone.localdate())
    assert received == [("reinstated", certificate.pk)]
    entry = ModelLogEntry.objects.get(action=REINSTATED)
    assert entry.user_id == coordinator.pk
    assert entry.data["reason"] == "Revoked the wrong learner's certificate"
    assert entry.data["revocation_reason"] == "Wrong person"

    assert "This certificate is valid" in client.get(verify).content.decode()
    facts = client.get(reverse("certification:verify_json", args=[certificate.token])).json()
    assert facts["status"] == "valid"
    assert "revocation_reason" not in facts

    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [certificate.recipient.email]
    assert certificate.serial in notice.subject
    assert "Revoked the wrong learner's certificate" in notice.body
    assert certificate.token in notice.body

    detail = client.get(reverse("certification:detail", args=[certificate.pk])).content.decode()
    assert "Reinstated" in detail


def test_reinstating_needs_a_reason_and_changes_nothing_without_one(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    certificate_revoke(certificate=certificate, by=coordinator, reason="Wrong person")
    client.force_login(coordinator)
    before = snapshot(certificate)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("certification:reinstate", args=[certificate.pk]), {"reason": " "}
        )
    assert response.status_code == 400
    assert "Give the reason for reinstating the certificate." in response.content.decode()
    assert snapshot(certificate) == before
    assert callbacks == []


def test_a_certificate_not_revoked_cannot_be_reinstated(client, certificate, coordinator):
    client.force_login(coordinator)
    before = snapshot(certificate)
    url = reverse("certification:reinstate", args=[certificate.pk])
    assert client.get(url).status_code == 302
    assert client.post(url, {"reason": "Just because"}).status_code == 302
    assert snapshot(certificate) == before
    with pytest.raises(CertificationError):
        certificate_reinstate(certificate=certificate, by=coordinator, reason="Because")
    assert snapshot(certificate) == before


def test_a_certificate_replaced_meanwhile_cannot_be_reinstated(client, certificate, coordinator):
    certificate_correct_name(certificate=certificate, full_name="Corrected Name", by=coordinator)
    # Revoked after it was replaced (as an old row may be).
    certificate_revoke(certificate=certificate, by=coordinator, reason="Fraud")
    client.force_login(coordinator)
    before = snapshot(certificate)
    url = reverse("certification:reinstate", args=[certificate.pk])
    assert client.get(url).status_code == 302
    assert client.post(url, {"reason": "In error"}).status_code == 302
    assert snapshot(certificate) == before
    assert entries(REINSTATED) == 0


def test_revoke_and_reinstate_are_for_managers_in_scope_only(client, certificate, coordinator):
    revoke = reverse("certification:revoke", args=[certificate.pk])
    reinstate = reverse("certification:reinstate", args=[certificate.pk])
    outsiders = [
        staff("State coordinator", "BR"),
        staff("Trainer", "AS"),
        certificate.recipient,
        UserFactory(),
    ]
    before = snapshot(certificate)
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(revoke).status_code == 404
        assert client.post(revoke, {"reason": "No"}).status_code == 404
    assert snapshot(certificate) == before

    certificate_revoke(certificate=certificate, by=coordinator, reason="Wrong person")
    before = snapshot(certificate)
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(reinstate).status_code == 404
        assert client.post(reinstate, {"reason": "No"}).status_code == 404
    assert snapshot(certificate) == before
    client.force_login(staff("National administrator"))
    assert client.get(reinstate).status_code == 200


def test_the_scorecard_counts_a_reinstatement_again(
    certificate, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    recorder = SimpleNamespace(enqueue=lambda **kwargs: queued.append(kwargs))
    monkeypatch.setattr(report_receivers, "tasks", SimpleNamespace(record_event=recorder))
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=coordinator, reason="Wrong person")
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reinstate(certificate=certificate, by=coordinator, reason="In error")
    assert [q["user_id"] for q in queued] == [certificate.recipient_id] * 2
    assert queued[-1]["module_id"] == certificate.module_id


def test_the_holder_sees_why_and_when_and_cannot_download_or_share(
    client, certificate, coordinator
):
    certificate_revoke(certificate=certificate, by=coordinator, reason="Duplicate account")
    certificate.refresh_from_db()
    client.force_login(certificate.recipient)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert "Revoked on" in page
    assert "Duplicate account" in page
    assert date_format(timezone.localdate(certificate.revoked_at), "j F Y") in page
    assert "write to your state coordinator" in page
    download = reverse("certification:download", args=[certificate.pk])
    assert download not in page
    assert reverse("certification:verify", args=[certificate.token]) not in page
    response = client.get(download)
    assert response.status_code == 302
    assert response.get("Content-Type") != "application/pdf"
    # The staff still see the record of what was issued.
    client.force_login(coordinator)
    assert client.get(download)["Content-Type"] == "application/pdf"

    certificate_reinstate(certificate=certificate, by=coordinator, reason="In error")
    client.force_login(certificate.recipient)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert download in page
    assert "Duplicate account" not in page
    assert client.get(download)["Content-Type"] == "application/pdf"


def test_the_notice_of_a_reinstated_certificate_that_expired_meanwhile_says_so(
    certificate, coordinator, django_capture_on_commit_callbacks
):
    certificate_revoke(certificate=certificate, by=coordinator, reason="Wrong person")
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reinstate(certificate=certificate, by=coordinator, reason="In error")
    (notice,) = mail.outbox
    assert "now shows as expired" in notice.body
    assert "valid again" not in notice.body
