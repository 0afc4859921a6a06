"""A certificate's status (``Certificate.status_on`` / ``status_label_on``) wherever it is shown:
the staff list and page, the verification page, My learning, the download and the export."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from certification import selectors
from certification.models import Certificate
from certification.services import certificate_correct_name, certificate_issue, certificate_revoke
from tests.accounts.factories import UserFactory
from tests.certification.factories import completed_enrollment, staff
from trainers.views.progress import certificates_table

pytestmark = pytest.mark.django_db

LABELS = {"valid": "Valid", "revoked": "Revoked", "expired": "Expired", "superseded": "Superseded"}
#: 20:30 UTC on 1 March is 02:00 on 2 March in India.
REVOKED_AT = datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC)


@pytest.fixture
def in_each_state() -> dict[str, Certificate]:
    """One certificate in each status, all issued in Assam."""
    valid = certificate_issue(enrollment_id=completed_enrollment().pk)
    revoked = certificate_issue(enrollment_id=completed_enrollment().pk)
    certificate_revoke(
        certificate=revoked, by=staff("National administrator"), reason="Duplicate account"
    )
    expired = certificate_issue(enrollment_id=completed_enrollment().pk)
    Certificate.objects.filter(pk=expired.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    superseded = certificate_issue(enrollment_id=completed_enrollment().pk)
    certificate_correct_name(
        certificate=superseded, full_name="Corrected Name", by=staff("National administrator")
    )
    return {
        status: Certificate.objects.get(pk=certificate.pk)
        for status, certificate in {
            "valid": valid,
            "revoked": revoked,
            "expired": expired,
            "superseded": superseded,
        }.items()
    }


def test_the_states_are_what_the_model_says(in_each_state):
    today = timezone.localdate()
    for status, certificate in in_each_state.items():
        assert certificate.status_on(today) == status
        assert certificate.status_label_on(today) == LABELS[status]


def _cells(page: str, serial: str) -> list[str]:
    row = re.search(rf"<tr>\s*<td><a [^>]*>{re.escape(serial)}</a></td>(.*?)</tr>", page, re.S)
    assert row, serial
    return [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]


def test_the_manage_list_shows_each_status(client, in_each_state):
    client.force_login(staff("State coordinator", "AS"))
    page = client.get(reverse("certification:manage")).content.decode()
    for status, certificate in in_each_state.items():
        assert _cells(page, certificate.serial)[-1] == LABELS[status]


def test_the_national_list_shows_each_status(client, in_each_state):
    client.force_login(staff("National administrator"))
    page = client.get(reverse("certification:manage")).content.decode()
    for status, certificate in in_each_state.items():
        assert _cells(page, certificate.serial)[-1] == LABELS[status]


def test_the_detail_page_shows_each_status(client, in_each_state):
    client.force_login(staff("State coordinator", "AS"))
    for status, certificate in in_each_state.items():
        page = client.get(reverse("certification:detail", args=[certificate.pk])).content.decode()
        assert f"<dt>Status</dt><dd>{LABELS[status]}</dd>" in page
    superseded = in_each_state["superseded"]
    page = client.get(reverse("certification:detail", args=[superseded.pk])).content.decode()
    assert "A corrected certificate replaced it on" in page
    assert reverse("certification:detail", args=[superseded.superseded_by_id]) in page


def test_the_verification_page_and_json_say_each_status(client, in_each_state):
    headings = {
        "valid": "This certificate is valid",
        "revoked": "This certificate has been revoked",
        "expired": "This certificate has expired",
        "superseded": "This certificate has been replaced",
    }
    for status, certificate in in_each_state.items():
        page = client.get(reverse("certification:verify", args=[certificate.token]))
        assert headings[status] in page.content.decode()
        data = client.get(reverse("certification:verify_json", args=[certificate.token])).json()
        assert (data["status"], data["status_label"]) == (status, LABELS[status])


@pytest.fixture
def revoked() -> Certificate:
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    certificate_revoke(
        certificate=certificate, by=staff("National administrator"), reason="Obtained by proxy"
    )
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=REVOKED_AT)
    certificate.refresh_from_db()
    return certificate


def test_my_learning_shows_a_revoked_certificate_with_reason_and_date_and_no_links(client, revoked):
    client.force_login(revoked.recipient)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert revoked.serial in page
    assert '<span class="badge badge--danger">Revoked</span>' in page
    assert "Revoked on 2 March 2026. Reason: Obtained by proxy" in page  # the date in India
    assert reverse("certification:download", args=[revoked.pk]) not in page
    assert reverse("certification:verify", args=[revoked.token]) not in page
    assert "Download PDF" not in page
    assert "Share link" not in page


def test_my_learning_shows_a_valid_certificate_with_its_badge_and_links(client):
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    client.force_login(certificate.recipient)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert '<span class="badge badge--success">Valid</span>' in page
    assert reverse("certification:download", args=[certificate.pk]) in page
    assert reverse("certification:verify", args=[certificate.token]) in page


def test_my_learning_links_only_the_replacement_of_a_corrected_certificate(client):
    old = certificate_issue(enrollment_id=completed_enrollment().pk)
    new = certificate_correct_name(
        certificate=old, full_name="Corrected Name", by=staff("National administrator")
    )
    client.force_login(old.recipient)
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert reverse("certification:download", args=[new.pk]) in page
    assert reverse("certification:download", args=[old.pk]) not in page
    assert f"{old.serial} · Superseded" in page


def test_the_recipient_no_longer_downloads_a_revoked_certificate_but_staff_do(client, revoked):
    url = reverse("certification:download", args=[revoked.pk])
    client.force_login(revoked.recipient)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:my_learning")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Certificate {revoked.serial} has been revoked, so it can no longer be downloaded."
    ]
    for insider in (staff("State coordinator", "AS"), staff("National administrator")):
        client.force_login(insider)
        response = client.get(url)
        assert response.status_code == 200
        assert response.getvalue().startswith(b"%PDF")
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_the_recipient_is_sent_to_the_replacement_of_a_corrected_certificate(client):
    old = certificate_issue(enrollment_id=completed_enrollment().pk)
    certificate_correct_name(
        certificate=old, full_name="Corrected Name", by=staff("National administrator")
    )
    client.force_login(old.recipient)
    response = client.get(reverse("certification:download", args=[old.pk]))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Certificate {old.serial} has been replaced by a corrected one: download that one instead."
    ]


def test_an_expired_certificate_is_still_downloaded_by_its_recipient(client, in_each_state):
    expired = in_each_state["expired"]
    client.force_login(expired.recipient)
    response = client.get(reverse("certification:download", args=[expired.pk]))
    assert response.status_code == 200
    page = client.get(reverse("learning:my_learning")).content.decode()
    assert '<span class="badge badge--warning">Expired</span>' in page
    assert reverse("certification:download", args=[expired.pk]) in page


def test_the_export_fills_the_status_column(in_each_state):
    certificates = selectors.certificates_of(
        recipient_ids=[c.recipient_id for c in in_each_state.values()],
        module_ids=[c.module_id for c in in_each_state.values()],
    )
    header, rows = certificates_table(certificates)
    status = header.index("Status")
    serial = header.index("Serial number")
    by_serial = {row[serial]: row[status] for row in rows}
    for state, certificate in in_each_state.items():
        assert by_serial[certificate.serial] == LABELS[state]
