"""Importing learners from CSV files in each encoding: all of the file in one encoding, or an
error naming the line — never letters turned into other letters. ``decode_csv`` itself is
tested in ``tests/core/test_spreadsheets.py``."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.models import User
from modules.learning.models import Enrollment
from tests.accounts.factories import district_of
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, trainer
from trainers import imports
from trainers.models import CohortImport, CohortMember

pytestmark = pytest.mark.django_db

HEADER = "Full name,Email,Mobile number,Cadre,Designation,District"
NAMES = ["अनीता शर्मा", "অনামিকা বৰুৱা", "রফিকুল ইসলাম", "सुनील कुमार", "মৌসুমী দাস"]


@pytest.fixture
def cohort():
    return make_cohort("AS", modules=[make_module(lessons=1)])


@pytest.fixture
def owner(cohort):
    return trainer("AS", group=cohort.trainer_group)


@pytest.fixture
def district():
    return district_of("AS").name


def lines(district: str) -> list[str]:
    """A header and five learners with Devanagari and Bengali-Assamese names."""
    return [HEADER] + [
        f"{name},learner{n}@example.org,,,Protection Officer,{district}"
        for n, name in enumerate(NAMES, start=1)
    ]


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "members": CohortMember.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "imports": CohortImport.objects.count(),
        "mail": len(mail.outbox),
    }


def upload(client, cohort, data: bytes, filename: str = "learners.csv"):
    return client.post(
        reverse("trainers:import_upload", args=[cohort.pk]),
        {"file": SimpleUploadedFile(filename, data)},
    )


def test_a_utf8_file_with_one_windows_1252_byte_is_refused_naming_the_line(
    client, cohort, owner, district
):
    """The hostile trial's file: UTF-8 throughout, but line 7 was typed in a program that
    wrote "é" as the single Windows-1252 byte E9. Read as Windows-1252 as a whole, every
    Indian name in it would be stored garbled."""
    good = "\n".join(lines(district)).encode("utf-8")
    bad = "José Fernandes,jose@example.org,,,Counsellor,".encode("cp1252") + district.encode()
    data = good + b"\n" + bad + b"\n" + f"Rina Das,rina@example.org,,,,{district}\n".encode()
    client.force_login(owner)
    before = counts()
    response = upload(client, cohort, data)
    assert response.status_code == 400
    assert (
        "Line 7 is not valid UTF-8: save the file as UTF-8 (CSV UTF-8) and upload it again."
        in response.content.decode()
    )
    assert counts() == before


def test_the_same_with_a_byte_order_mark_names_the_line_too(client, cohort, owner, district):
    data = (
        ("\ufeff" + "\n".join(lines(district)[:3]) + "\n").encode()
        + b"Ren\xe9 Roy,rene@example.org,,,,"
        + district.encode()
        + b"\n"
    )
    client.force_login(owner)
    before = counts()
    response = upload(client, cohort, data)
    assert response.status_code == 400
    assert "Line 4 is not valid UTF-8" in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("bom", [False, True])
def test_valid_utf8_with_devanagari_and_bengali_names_imports_them_as_written(
    client, cohort, owner, district, bom, django_capture_on_commit_callbacks
):
    data = ("\ufeff" if bom else "") + "\r\n".join(lines(district)) + "\r\n"
    client.force_login(owner)
    response = upload(client, cohort, data.encode("utf-8"))
    assert response.status_code == 302
    cohort_import = CohortImport.objects.get()
    assert cohort_import.encoding == "utf-8"
    page = client.get(response["Location"]).content.decode()
    assert "Windows-1252" not in page
    for name in NAMES:
        assert name in page
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_confirm(cohort_import=cohort_import, by=owner)
    stored = dict(
        User.objects.filter(email__startswith="learner").values_list("email", "full_name")
    )
    assert stored == {f"learner{n}@example.org": name for n, name in enumerate(NAMES, start=1)}
    assert CohortMember.objects.filter(cohort=cohort).count() == len(NAMES)


def test_an_old_excel_csv_entirely_in_windows_1252_is_read_and_the_preview_says_so(
    client, cohort, owner, district
):
    text = f"{HEADER}\r\nJosé Müller-Nuñez,jose@example.org,,,,{district}\r\n"
    text += f"Zoë D'Souza,zoe@example.org,,,,{district}\r\n"
    client.force_login(owner)
    response = upload(client, cohort, text.encode("cp1252"))
    assert response.status_code == 302
    cohort_import = CohortImport.objects.get()
    assert cohort_import.encoding == "cp1252"
    summary = imports.import_summary(cohort_import)
    assert [row["full_name"] for row in summary.new] == ["José Müller-Nuñez", "Zoë D'Souza"]
    page = client.get(response["Location"]).content.decode()
    assert "This file was read as Windows-1252" in page


def test_excel_unicode_text_utf16_with_indian_names_is_read(client, cohort, owner, district):
    text = "\r\n".join(line.replace(",", "\t") for line in lines(district)) + "\r\n"
    client.force_login(owner)
    response = upload(client, cohort, text.encode("utf-16"), "learners.txt")
    assert response.status_code == 302
    cohort_import = CohortImport.objects.get()
    assert cohort_import.encoding == "utf-16"
    summary = imports.import_summary(cohort_import)
    assert summary.ok, summary.errors
    assert [row["full_name"] for row in summary.new] == NAMES
