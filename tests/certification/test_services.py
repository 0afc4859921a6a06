import datetime
import io
import math
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from certification import services
from certification.models import (
    Certificate,
    CertificateBatch,
    CertificateBatchItem,
    CertificateTemplate,
    SerialCounter,
    Signatory,
)
from certification.rendering import RenderError
from certification.services import (
    CROCKFORD,
    CertificationError,
    certificate_batch_create,
    certificate_batch_enqueue,
    certificate_batch_process,
    certificate_correct_name,
    certificate_issue,
    certificate_name_confirm,
    certificate_pdf,
    certificate_reminders_send,
    certificate_renew,
    certificate_request,
    certificate_revoke,
    name_problem,
    normalise_code,
    template_for,
)
from lms.accounts.validators import NAME_MAX_LENGTH
from modules.content.models import LessonPage
from modules.learning.models import Enrollment, LessonProgress
from modules.learning.services import lesson_complete
from tests.accounts.factories import UserFactory, make_role, state
from tests.certification.factories import completed_enrollment
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def pdf_text(certificate) -> str:
    content = certificate_pdf(certificate=certificate)
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_issue_freezes_the_facts_stores_the_pdf_audits_and_mails(
    django_capture_on_commit_callbacks,
):
    enrollment = completed_enrollment(title="Juvenile Justice Basics", code="JJ-101")
    user = enrollment.user
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrollment_id=enrollment.pk)
    year = timezone.localdate().year
    assert certificate.serial == f"AS-{year}-000001"
    assert len(certificate.code) == 16
    assert set(certificate.code) <= set(CROCKFORD)
    assert len(certificate.token) >= 22  # at least 128 bits, URL-safe
    assert certificate.recipient_name == user.full_name
    assert (certificate.module_code, certificate.module_title) == (
        "JJ-101",
        "Juvenile Justice Basics",
    )
    assert certificate.issuing_state_name == "Assam"
    assert certificate.status == Certificate.Status.VALID
    assert certificate.pdf.name
    text = pdf_text(certificate)
    for expected in (user.full_name, "Juvenile Justice Basics", certificate.serial):
        assert expected in text
    assert certificate.grouped_code in text
    assert ModelLogEntry.objects.filter(action="certification.certificate.issued").count() == 1
    assert len(mail.outbox) == 1
    assert user.email in mail.outbox[0].to
    assert f"/verify/{certificate.token}/" in mail.outbox[0].body


def test_issue_is_idempotent_and_uses_one_serial():
    enrollment = completed_enrollment()
    first = certificate_issue(enrollment_id=enrollment.pk)
    again = certificate_issue(enrollment_id=enrollment.pk)
    assert first.pk == again.pk
    assert Certificate.objects.count() == 1
    assert SerialCounter.objects.get().last == 1


def test_serials_run_per_state_and_year():
    a1 = certificate_issue(enrollment_id=completed_enrollment().pk)
    a2 = certificate_issue(enrollment_id=completed_enrollment().pk)
    bihar = UserFactory(state=state("BR"))
    b1 = certificate_issue(enrollment_id=completed_enrollment(user=bihar).pk)
    assert [c.serial[-6:] for c in (a1, a2, b1)] == ["000001", "000002", "000001"]
    assert b1.serial.startswith("BR-")


def test_completion_issues_the_certificate_through_the_signal(django_capture_on_commit_callbacks):
    module = make_module(lessons=2)
    enrollment = Enrollment.objects.create(user=UserFactory(), module=module, source="self")
    lessons = list(LessonPage.objects.child_of(module).live().order_by("path"))
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(enrollment=enrollment, lesson=lessons[0])
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(enrollment=enrollment, lesson=lessons[1])
    certificate = Certificate.objects.get()
    assert certificate.enrollment_id == enrollment.pk
    assert len(mail.outbox) == 1


def test_modules_without_certificates_issue_none(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = completed_enrollment(awards_certificate=False)
    assert not Certificate.objects.exists()
    with pytest.raises(CertificationError):
        certificate_issue(enrollment_id=enrollment.pk)
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.filter(last__gt=0).exists()


def test_an_incomplete_enrollment_gets_nothing():
    module = make_module(lessons=2)
    enrollment = Enrollment.objects.create(user=UserFactory(), module=module, source="self")
    with pytest.raises(CertificationError):
        certificate_issue(enrollment_id=enrollment.pk)
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Anita Devi", False),
        ("अनीता देवी", False),
        ("অনিতা দেৱী", False),
        ("", True),
        ("ANITA DEVI", True),
        ("anita devi", True),
        ("anita@example.org", True),
    ],
)
def test_names_that_need_confirming(name, problem):
    assert (name_problem(name) is not None) is problem


def test_a_doubtful_name_waits_for_the_learner(django_capture_on_commit_callbacks):
    user = UserFactory(full_name="ANITA DEVI")
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = completed_enrollment(user=user)
    assert certificate_request(enrollment=enrollment) is False
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_name_confirm(enrollment=enrollment, full_name="Anita  Devi")
    certificate = Certificate.objects.get()
    assert certificate.recipient_name == "Anita Devi"
    user.refresh_from_db()
    assert user.full_name == "Anita Devi"


def test_a_name_with_markup_is_refused_on_confirmation():

    enrollment = completed_enrollment(user=UserFactory(full_name="ANITA DEVI"))
    with pytest.raises(ValidationError):
        certificate_name_confirm(enrollment=enrollment, full_name="<b>Anita</b>")
    enrollment.user.refresh_from_db()
    assert enrollment.user.full_name == "ANITA DEVI"
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7K3M-Q9TD-2XHB-N4RP", "7K3MQ9TD2XHBN4RP"),
        ("7k3m q9td 2xhb n4rp", "7K3MQ9TD2XHBN4RP"),
        ("7K3MQ9TD2XHBN4RO", "7K3MQ9TD2XHBN4R0"),  # O read as zero
        ("7K3MQ9TD2XHBN4R", None),  # truncated
        ("7K3MQ9TD2XHBN4RPX", None),
        ("AS-2026-000001", None),  # a serial is not a code
        ("' OR 1=1 --", None),
        ("7K3MQ9TD2XHBN4RU", None),  # U is not Crockford
    ],
)
def test_typed_codes_are_normalised(typed, expected):
    assert normalise_code(typed) == expected


def _template(name, **fields):
    template = CertificateTemplate(
        name=name, body="{learner_name} completed {module_title}", **fields
    )
    template.save()
    Signatory.objects.create(template=template, name="Officer", designation="Director")
    return template


def test_the_most_specific_template_wins():
    module, other = make_module(lessons=1), make_module(lessons=1)
    assam, bihar = state("AS"), state("BR")
    assert template_for(module_id=module.pk, state_id=assam.pk) is None
    default = _template("Default", is_default=True)
    assert template_for(module_id=module.pk, state_id=assam.pk) == default
    for_bihar = _template("Bihar", state=bihar)
    assert template_for(module_id=module.pk, state_id=assam.pk) == default
    assert template_for(module_id=module.pk, state_id=bihar.pk) == for_bihar
    for_module = _template("Module")
    for_module.modules.set([module])
    for_module.save()
    assert template_for(module_id=module.pk, state_id=bihar.pk) == for_module
    assert template_for(module_id=other.pk, state_id=bihar.pk) == for_bihar
    both = _template("Module in Assam", state=assam)
    both.modules.set([module])
    both.save()
    assert template_for(module_id=module.pk, state_id=assam.pk) == both
    assert template_for(module_id=module.pk, state_id=bihar.pk) == for_module


def test_revoke_needs_a_reason_and_shows_at_once():
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    admin = make_role(UserFactory(), "National administrator")
    with pytest.raises(CertificationError):
        certificate_revoke(certificate=certificate, by=admin, reason="   ")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    certificate_revoke(certificate=certificate, by=admin, reason="Issued in error")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revocation_reason == "Issued in error"
    assert ModelLogEntry.objects.filter(action="certification.certificate.revoked").count() == 1
    with pytest.raises(CertificationError):
        certificate_revoke(certificate=certificate, by=admin, reason="Again")
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Issued in error"


BAD_NAMES = {
    "400-letters": "A" * 400,
    "160-with-spaces": "Anita Kumari " * 13,
    "rlo": "Anita \u202eDevi",
    "lri": "Anita \u2066Devi",
    "rlm": "Anita\u200fDevi",
    "alm": "Anita\u061cDevi",
}


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_name_too_long_or_with_direction_controls_is_refused_on_confirmation(
    name, django_capture_on_commit_callbacks
):
    enrollment = completed_enrollment(user=UserFactory(full_name="ANITA DEVI"))
    entries = ModelLogEntry.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        certificate_name_confirm(enrollment=enrollment, full_name=name)
    assert callbacks == []  # no certificate queued
    enrollment.user.refresh_from_db()
    assert enrollment.user.full_name == "ANITA DEVI"
    assert not Certificate.objects.exists()
    assert ModelLogEntry.objects.count() == entries


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_name_too_long_or_with_direction_controls_is_refused_on_correction(name):
    old = certificate_issue(enrollment_id=completed_enrollment().pk)
    coordinator = make_role(UserFactory(), "State coordinator", "AS")
    printed, entries = old.recipient_name, ModelLogEntry.objects.count()
    with pytest.raises(ValidationError):
        certificate_correct_name(certificate=old, full_name=name, by=coordinator)
    old.refresh_from_db()
    old.recipient.refresh_from_db()
    assert old.status == Certificate.Status.VALID
    assert old.superseded_by_id is None
    assert (old.recipient_name, old.recipient.full_name) == (printed, printed)
    assert Certificate.objects.count() == 1
    assert ModelLogEntry.objects.count() == entries


def test_a_name_of_the_longest_length_is_corrected_and_printed():
    old = certificate_issue(enrollment_id=completed_enrollment().pk)
    coordinator = make_role(UserFactory(), "State coordinator", "AS")
    longest = ("Venkataraghavan Srinivasa Raghavachari " * 4)[:NAME_MAX_LENGTH]
    new = certificate_correct_name(certificate=old, full_name=longest, by=coordinator)
    assert new.recipient_name == longest.strip()
    assert len(PdfReader(io.BytesIO(certificate_pdf(certificate=new))).pages) == 1


def test_a_name_correction_supersedes_the_old_certificate():
    old = certificate_issue(enrollment_id=completed_enrollment().pk)
    coordinator = make_role(UserFactory(), "State coordinator", "AS")
    new = certificate_correct_name(certificate=old, full_name="Anita Kumari Devi", by=coordinator)
    old.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED
    assert old.superseded_by_id == new.pk
    assert new.status == Certificate.Status.VALID
    assert new.recipient_name == "Anita Kumari Devi"
    assert new.serial != old.serial
    assert new.code != old.code
    assert (new.enrollment_id, new.cycle) == (old.enrollment_id, old.cycle)
    assert "Anita Kumari Devi" in pdf_text(new)
    # Issuing again for the enrollment returns the current certificate.
    assert certificate_issue(enrollment_id=old.enrollment_id).pk == new.pk
    with pytest.raises(CertificationError):
        certificate_correct_name(certificate=old, full_name="Someone Else", by=coordinator)


def test_a_lost_pdf_is_rendered_again_from_the_frozen_data():
    certificate = certificate_issue(enrollment_id=completed_enrollment().pk)
    first = certificate_pdf(certificate=certificate)
    certificate.pdf.storage.delete(certificate.pdf.name)
    # The learner's name changes later; the certificate keeps the printed one.
    user = certificate.recipient
    user.full_name = "Renamed Person"
    user.save(update_fields=["full_name"])
    again = certificate_pdf(certificate=certificate)
    assert certificate.pdf.storage.exists(certificate.pdf.name)

    def without_metadata(content):
        return re.sub(rb"/(CreationDate|ModDate|ID) ?[\(\[<][^\n]*", b"", content)

    assert without_metadata(first) == without_metadata(again)
    assert "Renamed Person" not in pdf_text(certificate)


def test_validity_expiry_reminders_and_renewal(django_capture_on_commit_callbacks):
    enrollment = completed_enrollment(certificate_validity_months=12)
    certificate = certificate_issue(enrollment_id=enrollment.pk)
    issued_on = timezone.localdate(certificate.issued_at)
    assert certificate.valid_until == issued_on.replace(year=issued_on.year + 1)
    mail.outbox.clear()

    # 40 days before: nothing; 30 days before: the first reminder, once.
    assert certificate_reminders_send(today=certificate.valid_until - datetime.timedelta(40)) == 0
    day30 = certificate.valid_until - datetime.timedelta(30)
    assert certificate_reminders_send(today=day30) == 1
    assert certificate_reminders_send(today=day30) == 0
    assert certificate_reminders_send(today=day30 + datetime.timedelta(1)) == 0
    day7 = certificate.valid_until - datetime.timedelta(7)
    assert certificate_reminders_send(today=day7) == 1
    assert certificate_reminders_send(today=day7) == 0
    assert len(mail.outbox) == 2
    assert "expires in 30 days" in mail.outbox[0].body

    # Not renewable long before expiry.
    certificate.valid_until = timezone.localdate() + datetime.timedelta(days=200)
    certificate.save(update_fields=["valid_until"])
    with pytest.raises(CertificationError):
        certificate_renew(certificate=certificate, by=enrollment.user)
    assert Enrollment.objects.get(pk=enrollment.pk).cycle == 1

    # After expiry: status expired, re-certify begins a new cycle.
    certificate.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save(update_fields=["valid_until"])
    assert certificate.status == Certificate.Status.EXPIRED
    renewed = certificate_renew(certificate=certificate, by=enrollment.user)
    assert renewed.cycle == 2
    assert renewed.status == Enrollment.Status.ACTIVE
    # A module without an assessment is studied again.
    assert not LessonProgress.objects.filter(enrollment=enrollment, completed_at__isnull=False)
    with pytest.raises(CertificationError):
        certificate_renew(certificate=certificate, by=enrollment.user)
    lesson = LessonPage.objects.child_of(renewed.module).get()
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(enrollment=renewed, lesson=lesson)
    second = Certificate.objects.get(enrollment=enrollment, cycle=2)
    assert second.pk != certificate.pk
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.EXPIRED


def test_bulk_issue_reports_a_failure_and_finishes_the_rest(monkeypatch):
    enrollments = [completed_enrollment() for _ in range(4)]
    broken = enrollments[1]
    real_render = services.render_certificate

    def render(certificate):
        if certificate.enrollment_id == broken.pk:
            raise RenderError("The template's logo could not be read.")
        return real_render(certificate)

    monkeypatch.setattr(services, "render_certificate", render)
    admin = make_role(UserFactory(), "National administrator")
    batch = certificate_batch_create(
        enrollment_ids=[e.pk for e in enrollments], by=admin, label="Cohort 1"
    )
    certificate_batch_enqueue(batch=batch)
    batch.refresh_from_db()
    assert (batch.total, batch.done, batch.failed) == (4, 3, 1)
    assert batch.finished_at is not None
    failed = CertificateBatchItem.objects.get(status="failed")
    assert failed.enrollment_id == broken.pk
    assert "logo" in failed.error
    assert Certificate.objects.exclude(pdf="").count() == 3

    # After the cause is fixed, retrying issues the last one; nothing twice.
    monkeypatch.setattr(services, "render_certificate", real_render)
    assert services.certificate_batch_retry(batch=batch, by=admin) == 1
    certificate_batch_enqueue(batch=batch)
    batch.refresh_from_db()
    assert (batch.done, batch.failed) == (4, 0)
    assert Certificate.objects.count() == 4
    assert Certificate.objects.filter(pdf="").count() == 0


def test_a_batch_resumes_after_its_worker_died_without_duplicates():
    enrollments = [completed_enrollment() for _ in range(5)]
    admin = make_role(UserFactory(), "National administrator")
    batch = certificate_batch_create(
        enrollment_ids=[e.pk for e in enrollments], by=admin, label="Cohort"
    )
    items = list(batch.items.order_by("pk").values_list("pk", flat=True))
    # A worker issued two certificates, then was killed before marking the second item done.
    certificate_batch_process(batch_id=batch.pk, item_ids=items[:1])
    certificate_issue(enrollment_id=enrollments[1].pk)
    batch.refresh_from_db()
    assert (batch.done, batch.finished_at) == (1, None)
    # Restarted: the pending items are queued again.
    assert certificate_batch_enqueue(batch=batch) == 4
    batch.refresh_from_db()
    assert (batch.done, batch.failed) == (5, 0)
    assert batch.finished_at is not None
    assert Certificate.objects.count() == 5
    assert SerialCounter.objects.get().last == 5
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert [s[-6:] for s in serials] == [f"{n:06d}" for n in range(1, 6)]


def test_an_empty_batch_is_refused():
    admin = make_role(UserFactory(), "National administrator")
    with pytest.raises(CertificationError):
        certificate_batch_create(enrollment_ids=[], by=admin, label="Nothing")
    assert CertificateBatch.objects.count() == 0


def test_bulk_issue_chunk_query_budget(django_assert_max_num_queries, monkeypatch):
    # The template, design and module duration are looked up once a chunk, the serial costs
    # one statement and the items are marked done together: 14 queries (with the
    # savepoints that stand in for transactions here) a certificate, whatever the chunk size.
    monkeypatch.setattr(services, "certificate_batch_enqueue", lambda batch: 0)
    template = CertificateTemplate.objects.create(name="Default", is_default=True)
    Signatory.objects.create(template=template, name="A. Kumar", designation="Director")
    module = make_module(lessons=1)
    enrollments = [completed_enrollment(module=module) for _ in range(6)]
    admin = make_role(UserFactory(), "National administrator")
    batch = certificate_batch_create(
        enrollment_ids=[e.pk for e in enrollments], by=admin, label="Cohort"
    )
    items = list(batch.items.order_by("pk").values_list("pk", flat=True))
    with django_assert_max_num_queries(14 * len(items) + 4):
        certificate_batch_process(batch_id=batch.pk, item_ids=items)
    batch.refresh_from_db()
    assert (batch.done, batch.failed, batch.finished_at is not None) == (6, 0, True)
    issued = Certificate.objects.filter(enrollment__in=enrollments)
    assert issued.count() == 6
    assert set(issued.values_list("template", flat=True)) == {template.pk}
    assert all(c.design["signatories"][0]["name"] == "A. Kumar" for c in issued)
    assert CertificateBatchItem.objects.filter(batch=batch, certificate__isnull=True).count() == 0
    assert ModelLogEntry.objects.filter(action="certification.certificate.issued").count() == 6


def test_tokens_and_codes_carry_the_entropy_the_security_notes_state(monkeypatch):
    notes = (settings.BASE_DIR / "docs" / "security.md").read_text()
    stated = re.search(r"Tokens carry (\d+) random\s+bits, typed codes (\d+)", notes)
    assert stated, "docs/security.md no longer states the tokens' entropy"
    token_bits, code_bits = int(stated[1]), int(stated[2])
    requested = []
    token_urlsafe = services.secrets.token_urlsafe

    def recording(nbytes):
        requested.append(nbytes)
        return token_urlsafe(nbytes)

    monkeypatch.setattr(services.secrets, "token_urlsafe", recording)
    token = services.new_token()
    assert [nbytes * 8 for nbytes in requested] == [token_bits]
    # URL-safe base64, six bits a character: 22 characters for 128 bits.
    assert len(token) == math.ceil(token_bits / 6)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    # Crockford's base32, five bits a character.
    assert len(services.new_code()) * 5 == services.CODE_LENGTH * 5 == code_bits


def test_a_certificates_status_label_has_one_home():
    # Lists and exports (the trainers' certificate export among them) read the model's label.
    day = datetime.date(2026, 12, 7)
    certificate = Certificate(valid_until=day)
    assert certificate.status_label_on(day) == "Valid"
    assert certificate.status_label_on(day + datetime.timedelta(days=1)) == "Expired"
    certificate.superseded_at = timezone.now()
    assert certificate.status_label_on(day) == "Superseded"
    certificate.revoked_at = timezone.now()
    assert certificate.status_label_on(day) == "Revoked"
    with translation.override("hi"):
        assert certificate.status_label_on(day) != "Revoked"
