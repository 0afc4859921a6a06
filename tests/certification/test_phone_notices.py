"""Certificate notices to learners known by a mobile number alone: issued, revoked, reinstated
and expiring are texted in their language with their first name and the certificate's public
verification page (never its PDF); both email and SMS for those who asked; email alone
otherwise."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation

from certification import services
from certification.services import (
    certificate_issue,
    certificate_reinstate,
    certificate_reminders_send,
    certificate_revoke,
)
from lms import sms
from lms.accounts.models import Role, User
from lms.sms.models import SmsMessage
from tests.accounts.factories import UserFactory, state
from tests.certification.factories import completed_enrollment, staff

pytestmark = pytest.mark.django_db


def phone_learner(phone: str = "+919876543210", **fields) -> User:
    """A learner known by a mobile number alone."""
    fields.setdefault("full_name", "Runa Begum")
    user = User.objects.create(email=None, phone=phone, state=state("AS"), **fields)
    user.groups.add(Group.objects.get(name=Role.LEARNER))
    return user


@pytest.fixture
def languages(monkeypatch) -> dict:
    """The language active when each holder's text message was sent, by holder."""
    sent: dict[int, str] = {}
    real = services.send_notice_sms

    def recording(user, **kwargs):
        sent[user.pk] = translation.get_language()
        return real(user, **kwargs)

    monkeypatch.setattr(services, "send_notice_sms", recording)
    return sent


def issue(user, django_capture_on_commit_callbacks, **module_fields):
    enrollment = completed_enrollment(user=user, **module_fields)
    with django_capture_on_commit_callbacks(execute=True):
        return certificate_issue(enrollment_id=enrollment.pk)


def test_a_certificate_of_a_learner_without_email_is_announced_by_sms(
    languages, django_capture_on_commit_callbacks
):
    user = phone_learner(preferred_language="hi")
    certificate = issue(
        user, django_capture_on_commit_callbacks, title="Juvenile Justice Basics", code="JJ-101"
    )
    assert mail.outbox == []
    [message] = sms.outbox
    assert (message.to, message.kind, message.status) == ("+919876543210", "certificate", "sent")
    with translation.override("hi"):
        verify = "http://testserver" + reverse("certification:verify", args=[certificate.token])
    assert message.text == f"Runa, आपका प्रमाण-पत्र तैयार है। इसे यहाँ देखें: {verify}"
    assert languages == {user.pk: "hi"}
    # Nothing printed on the certificate, nor its PDF.
    for private in ("Begum", "JJ-101", "Juvenile", certificate.serial, ".pdf", "download"):
        assert private not in message.text


def test_both_channels_for_a_learner_who_asked_and_email_alone_otherwise(
    django_capture_on_commit_callbacks,
):
    asked = UserFactory(email="asha@example.org", phone="+919876543211", notices_by_sms=True)
    issue(asked, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["asha@example.org"]]
    assert [m.to for m in sms.outbox] == ["+919876543211"]

    not_asked = UserFactory(email="bina@example.org", phone="+919876543212")
    issue(not_asked, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox][-1] == ["bina@example.org"]
    assert [m.to for m in sms.outbox] == ["+919876543211"]
    assert SmsMessage.objects.count() == 1


def test_revocation_reinstatement_and_expiry_are_texted_with_the_verification_link(
    django_capture_on_commit_callbacks,
):
    user = phone_learner()
    certificate = issue(user, django_capture_on_commit_callbacks, certificate_validity_months=12)
    verify = "http://testserver" + reverse("certification:verify", args=[certificate.token])
    coordinator = UserFactory(full_name="Ritu Das")
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=coordinator, reason="Issued in error")
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reinstate(certificate=certificate, by=coordinator, reason="Revoked in error")
    certificate.refresh_from_db()
    day30 = certificate.valid_until - datetime.timedelta(30)
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_reminders_send(today=day30) == 1
    assert mail.outbox == []
    assert [m.text for m in sms.outbox[1:]] == [
        f"Runa, one of your certificates has been revoked. Details: {verify}",
        f"Runa, your certificate is valid again. Details: {verify}",
        f"Runa, your certificate expires in 30 days. Details: {verify}",
    ]
    assert {m.kind for m in sms.outbox} == {"certificate"}


def test_a_holder_is_told_whom_to_write_to_even_when_the_revoker_has_no_email(
    django_capture_on_commit_callbacks,
):
    certificate = issue(UserFactory(email="asha@example.org"), django_capture_on_commit_callbacks)
    revoker = phone_learner("+919876543219", full_name="Ritu Das")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=revoker, reason="Issued in error")
    [notice] = mail.outbox
    assert "write to Ritu Das, +91 98765 43219, who revoked it" in " ".join(notice.body.split())
    assert "None" not in notice.body


def test_staff_find_a_certificate_by_its_holders_mobile_number(
    client, django_capture_on_commit_callbacks
):
    held = issue(phone_learner(), django_capture_on_commit_callbacks)
    issue(UserFactory(email="other@example.org"), django_capture_on_commit_callbacks)
    client.force_login(staff("National administrator"))
    for typed in ("98765 43210", "+91-98765-43210", "०९८७६५४३२१०"):
        response = client.get(reverse("certification:manage"), {"q": typed})
        assert [c.pk for c in response.context["page"].object_list] == [held.pk], typed
    page = response.content.decode()
    assert "Runa Begum" in page
    assert not re.search(r"\bNone\b", page)  # (Noney is a district of Manipur)
