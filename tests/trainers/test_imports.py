"""Importing learners from a spreadsheet: the check and its preview, every kind of bad input
(nothing written), the all-or-nothing write, the background path, and scope."""

from __future__ import annotations

import csv
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from wagtail.models import ModelLogEntry

from lms import sms
from lms.accounts.models import Cadre, Role, User
from lms.accounts.services import Invitee, users_invite_many
from lms.core.spreadsheets import SpreadsheetError
from lms.sms.models import SmsMessage
from modules.learning.models import Enrollment
from modules.learning.services import enrollment_withdraw, enrollments_create_many
from tests.accounts.factories import UserFactory, district_of, state
from tests.helpers import captured_statements
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, trainer
from trainers import imports
from trainers.imports import service
from trainers.imports.sheet import read_learners
from trainers.models import CohortImport, CohortMember

pytestmark = pytest.mark.django_db

HEADER = ["Full name", "Email", "Mobile number", "Cadre", "Designation", "District"]


@pytest.fixture
def cohort():
    return make_cohort("AS", modules=[make_module(lessons=1), make_module(lessons=1)])


@pytest.fixture
def owner(cohort):
    return trainer("AS", group=cohort.trainer_group)


@pytest.fixture
def district():
    return district_of("AS").name


@pytest.fixture
def cadre():
    return Cadre.objects.get(slug="social-worker").name


def csv_bytes(rows, header=HEADER, *, encoding="utf-8", delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def person(n: int, home: str, **fields) -> list:
    """A row of the file; ``home`` is the district unless ``fields`` names another."""
    row = {
        "name": f"Learner {chr(65 + n % 26)}",
        "email": f"learner{n}@example.org",
        "phone": "",
        "cadre": "",
        "designation": "Protection Officer",
        "district": home,
    }
    row.update(fields)
    return list(row.values())


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "members": CohortMember.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "mail": len(mail.outbox),
    }


def check(cohort, owner, data: bytes, filename: str = "learners.csv") -> CohortImport:
    return imports.import_check(cohort=cohort, by=owner, data=data, filename=filename)


def errors_of(cohort_import) -> list[tuple[int, str, str]]:
    return [
        (e["line"], e["column"], e["message"]) for e in imports.import_summary(cohort_import).errors
    ]


# --- The check and the preview --------------------------------------------------------------


def test_check_sorts_rows_into_new_existing_and_writes_nothing_else(cohort, owner, district, cadre):
    by_email = UserFactory(state=state("AS"), email="known@example.org", full_name="Known One")
    by_phone = UserFactory(state=state("AS"), phone="+919876543210", full_name="Phone Person")
    member = UserFactory(state=state("AS"))
    CohortMember.objects.create(cohort=cohort, user=member)
    before = counts()
    data = csv_bytes(
        [
            person(1, district, cadre=cadre, phone="98765 43211"),
            person(2, district, email="KNOWN@Example.org"),
            person(3, district, phone="+91-98765-43210", email="new.address@example.org"),
            person(4, district, email=member.email),
        ]
    )
    cohort_import = check(cohort, owner, data)
    assert counts() == before
    assert cohort_import.status == CohortImport.Status.VALIDATED
    assert cohort_import.total == 4
    summary = imports.import_summary(cohort_import)
    assert summary.ok
    assert [row["line"] for row in summary.new] == [2]
    assert summary.new[0]["phone"] == "+919876543211"
    assert summary.new[0]["cadre_id"] == Cadre.objects.get(slug="social-worker").pk
    assert [(r["user_id"], r["match"]) for r in summary.existing] == [
        (by_email.pk, "email"),
        (by_phone.pk, "phone"),
    ]
    assert [r["user_id"] for r in summary.members] == [member.pk]
    entry = ModelLogEntry.objects.get(action="trainers.import.checked")
    assert entry.data["rows"] == 4
    assert entry.data["errors"] == 0


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"email": ""}, "email", "email address"),
        ({"name": ""}, "full_name", "full name"),
        ({"name": "<script>alert(1)</script>"}, "full_name", "letters"),
        ({"district": "Nowhere"}, "district", "Unknown district of Assam"),
        ({"district": "__BIHAR__"}, "district", "is a district of Bihar, not of Assam"),
        ({"district": ""}, "district", "Enter the district"),
        ({"cadre": "Astronaut"}, "cadre", "Unknown cadre"),
        ({"phone": "12345"}, "phone", "10-digit"),
        ({"designation": '=HYPERLINK("http://x")'}, "designation", "Formulas are not accepted"),
        ({"designation": "x" * 151}, "designation", "Too long"),
    ],
)
def test_each_bad_cell_is_reported_with_its_line_and_column(
    cohort, owner, district, row, column, reason
):
    if row.get("district") == "__BIHAR__":
        row = {"district": district_of("BR").name}
    before = counts()
    data = csv_bytes([person(1, district), person(2, district, **row)])
    cohort_import = check(cohort, owner, data)
    found = errors_of(cohort_import)
    assert len(found) == 1, found
    line, found_column, message = found[0]
    assert (line, found_column) == (3, column)
    assert reason in message
    assert counts() == before
    with pytest.raises(ValidationError):
        imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert counts() == before


def test_duplicates_within_the_file_differing_in_case(cohort, owner, district):
    data = csv_bytes(
        [
            person(1, district, email="Same@Example.org", phone="9876543210"),
            person(2, district, email="same@example.ORG"),
            person(3, district, phone="+91 98765 43210"),
        ]
    )
    found = errors_of(check(cohort, owner, data))
    assert found == [
        (3, "email", "The same address is on line 2."),
        (4, "phone", "The same mobile number is on line 2."),
    ]


def test_an_account_out_of_scope_is_not_described_nor_told_apart_from_a_new_address(
    cohort, owner, district, client
):
    """Another state's account, or a closed one, reads like an address nobody uses (the
    import then leaves it alone: ``test_no_enumeration.py``)."""
    bihari = UserFactory(state=state("BR"), email="patna@example.org", full_name="Secret Name")
    closed = UserFactory(state=state("AS"), email="gone@example.org", is_active=False)
    before = counts()
    data = csv_bytes(
        [
            person(1, district, email="PATNA@example.org"),
            person(2, district, email=closed.email),
        ]
    )
    cohort_import = check(cohort, owner, data)
    summary = imports.import_summary(cohort_import)
    assert summary.errors == []
    assert [(row["line"], row["match"], row["user_id"]) for row in summary.new] == [
        (2, "new", None),
        (3, "new", None),
    ]
    assert counts() == before
    client.force_login(owner)
    page = client.get(
        reverse("trainers:import_detail", args=[cohort.pk, cohort_import.pk])
    ).content.decode()
    assert "cannot be added" not in page
    assert bihari.full_name not in page
    assert "Bihar" not in page


def test_blank_lines_bom_semicolons_hindi_headings_and_indian_scripts(cohort, owner, district):
    text = (
        "\ufeffपूरा नाम;ईमेल;मोबाइल नंबर;जिला\r\n"
        "\r\n"
        f"अनीता शर्मा;anita@example.org;9876543210;{district}\r\n"
        ";;;\r\n"
        f"অনামিকা বৰুৱা;anamika@example.org;;{district.upper()}\r\n"
        "\r\n"
    )
    cohort_import = check(cohort, owner, text.encode("utf-8"))
    summary = imports.import_summary(cohort_import)
    assert summary.ok, summary.errors
    assert [(r["line"], r["full_name"]) for r in summary.new] == [
        (3, "अनीता शर्मा"),
        (5, "অনামিকা বৰুৱা"),
    ]


def test_windows_1252_csv_is_read(cohort, owner, district):
    data = csv_bytes([person(1, district, name="José Müller-Nuñez")], encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    summary = imports.import_summary(check(cohort, owner, data))
    assert summary.ok
    assert summary.new[0]["full_name"] == "José Müller-Nuñez"


def test_xlsx_is_read_and_formulas_are_refused(cohort, owner, district):
    data = xlsx_bytes(
        [
            person(1, district, phone=9876543210),
            person(2, district, name='=CONCAT("A","B")'),
            [None] * 6,
        ]
    )
    cohort_import = check(cohort, owner, data, "learners.xlsx")
    summary = imports.import_summary(cohort_import)
    assert summary.new[0]["phone"] == "+919876543210"
    assert [(e["line"], e["column"]) for e in summary.errors] == [(3, "full_name")]
    assert "Formulas are not accepted" in summary.errors[0]["message"]


# --- Bad files: a clear message, nothing written ---------------------------------------------


def _big_csv(rows: int, district: str) -> bytes:
    lines = [",".join(HEADER)]
    lines += [f"Learner,l{n}@example.org,,,,{district}" for n in range(rows)]
    return "\n".join(lines).encode()


@pytest.mark.parametrize(
    ("make", "filename", "message"),
    [
        (
            lambda d: csv_bytes([["A", "a@example.org", d]], ["Name", "Mail", "Town"]),
            "a.csv",
            "Unknown column “Town”",
        ),
        (
            lambda d: csv_bytes([["A", "a@example.org"]], ["Full name", "Email"]),
            "a.csv",
            "Required columns are missing: District",
        ),
        (
            lambda d: csv_bytes(
                [["A", "a@example.org", d, "x"]], ["Full name", "Email", "District", "Notes"]
            ),
            "a.csv",
            "Unknown column “Notes”",
        ),
        (
            lambda d: csv_bytes(
                [["A", "a@example.org", d, d]], ["Full name", "Email", "District", "district"]
            ),
            "a.csv",
            "Two columns are headed",
        ),
        (lambda d: b"", "a.csv", "The submitted file is empty"),
        (lambda d: csv_bytes([], HEADER), "a.csv", "no learners"),
        (lambda d: bytes(range(256)) * 50, "a.csv", "not a CSV spreadsheet"),
        (lambda d: b"\x89PNG\r\n\x1a\n" + bytes(200), "photo.csv", "not a CSV spreadsheet"),
        (lambda d: csv_bytes([["A", "a@example.org", d]]), "a.xlsx", "not an Excel workbook"),
        (lambda d: b"PK\x03\x04 broken zip", "a.xlsx", "not an Excel workbook"),
        (lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "a.xls", "old Excel"),
        (lambda d: b"{}", "a.json", "Upload a CSV or XLSX"),
        (lambda d: _big_csv(50_000, d), "big.csv", "more than 10,000 learners"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_written(
    client, cohort, owner, district, make, filename, message
):
    client.force_login(owner)
    before = counts()
    imports_before = CohortImport.objects.count()
    response = client.post(
        reverse("trainers:import_upload", args=[cohort.pk]),
        {"file": SimpleUploadedFile(filename, make(district))},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before
    assert CohortImport.objects.count() == imports_before


def test_a_30_mb_file_is_refused_before_it_is_read(client, cohort, owner, monkeypatch):
    def never(**kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(service, "read_learners", never)
    client.force_login(owner)
    before = counts()
    response = client.post(
        reverse("trainers:import_upload", args=[cohort.pk]),
        {"file": SimpleUploadedFile("big.csv", b"a,b\n" * (30 * 1024 * 1024 // 4))},
    )
    assert response.status_code == 413
    assert "larger than 5 MB" in response.content.decode()
    assert counts() == before
    assert not CohortImport.objects.exists()


def test_a_file_just_over_the_limit_is_refused_by_its_size(cohort, owner):
    with pytest.raises(SpreadsheetError, match="larger than 5 MB"):
        read_learners(data=b"x" * (imports.IMPORT_MAX_BYTES + 1), filename="a.csv")


# --- Confirming ------------------------------------------------------------------------------


def test_confirm_creates_invites_adds_and_enrols_once(
    cohort, owner, district, cadre, django_capture_on_commit_callbacks
):
    existing = UserFactory(state=state("AS"), email="known@example.org")
    data = csv_bytes(
        [
            person(1, district, cadre=cadre, phone="9876543211", designation="DCPO"),
            person(2, district, name="अनीता शर्मा"),
            person(3, district, email="Known@Example.org"),
        ]
    )
    cohort_import = check(cohort, owner, data)
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        done = imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert done.status == CohortImport.Status.DONE
    assert (done.done, done.total, done.created_accounts) == (3, 3, 2)
    assert done.finished_at is not None

    new = User.objects.get(email="learner1@example.org")
    assert new.state == cohort.state
    assert new.district.name == district
    assert new.cadre.name == cadre
    assert new.phone == "+919876543211"
    assert new.designation == "DCPO"
    assert not new.has_usable_password()
    assert new.groups.filter(name=Role.LEARNER).exists()
    assert EmailAddress.objects.get(user=new).verified
    assert User.objects.get(email="learner2@example.org").full_name == "अनीता शर्मा"

    modules = set(cohort.cohort_modules.values_list("module_id", flat=True))
    for user in (new, existing):
        assert CohortMember.objects.filter(cohort=cohort, user=user).exists()
        enrolled = Enrollment.objects.filter(user=user)
        assert set(enrolled.values_list("module_id", flat=True)) == modules
        assert set(enrolled.values_list("source", flat=True)) == {Enrollment.Source.IMPORT}
    after = counts()
    assert after["users"] == before["users"] + 2
    assert after["members"] == before["members"] + 3
    assert after["enrollments"] == before["enrollments"] + 6

    # The invitations: one per new account, each with its set-password link.
    assert sorted(m.to[0] for m in mail.outbox) == ["learner1@example.org", "learner2@example.org"]
    assert re.search(r"http://testserver/accounts/password/reset/key/\S+", mail.outbox[0].body)

    invited = ModelLogEntry.objects.filter(action="accounts.user.invited")
    assert set(invited.values_list("object_id", flat=True)) == {
        str(pk)
        for pk in User.objects.filter(email__startswith="learner").values_list("pk", flat=True)
    }
    assert set(invited.values_list("user_id", flat=True)) == {owner.pk}
    assert ModelLogEntry.objects.filter(action="learning.enrollment.created").count() == 6
    assert ModelLogEntry.objects.filter(action="trainers.import.done").count() == 1

    # A second click, a second tab: nothing happens twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert again.status == CohortImport.Status.DONE
    assert counts() == after
    assert ModelLogEntry.objects.filter(action="trainers.import.done").count() == 1


def test_an_error_mid_import_rolls_everything_back(
    cohort, owner, district, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(service, "IMPORT_CHUNK", 2)
    real = service.cohort_members_add_many
    calls = []

    def fail_on_second_chunk(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(service, "cohort_members_add_many", fail_on_second_chunk)
    cohort_import = check(cohort, owner, csv_bytes([person(n, district) for n in range(5)]))
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        failed = imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert len(calls) == 2
    assert failed.status == CohortImport.Status.FAILED
    assert "nothing was imported" in failed.error
    assert counts() == before
    assert not ModelLogEntry.objects.filter(action="accounts.user.invited").exists()
    assert ModelLogEntry.objects.filter(action="trainers.import.failed").count() == 1


def test_an_address_registered_after_the_check_stops_the_whole_import(
    cohort, owner, district, django_capture_on_commit_callbacks
):
    cohort_import = check(cohort, owner, csv_bytes([person(n, district) for n in range(3)]))
    UserFactory(state=state("AS"), email="learner2@example.org")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        failed = imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert failed.status == CohortImport.Status.FAILED
    assert "Upload it again" in failed.error
    assert counts() == before


def test_an_address_registered_in_another_state_after_the_check_is_left_alone(
    cohort, owner, district, django_capture_on_commit_callbacks
):
    """Failing here would tell the trainer that someone registered the address elsewhere:
    the row is withheld like one whose address was taken before the check."""
    cohort_import = check(cohort, owner, csv_bytes([person(n, district) for n in range(3)]))
    bihari = UserFactory(state=state("BR"), email="learner2@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        done = imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert (done.status, done.created_accounts) == (CohortImport.Status.DONE, 2)
    assert not CohortMember.objects.filter(user=bihari).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["learner0@example.org", "learner1@example.org"]
    entry = ModelLogEntry.objects.get(action="trainers.import.done")
    assert (entry.data["created"], entry.data["withheld"]) == (2, 1)


def test_large_files_run_in_the_background_with_progress(
    client, cohort, owner, district, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(service, "IMPORT_INLINE_LIMIT", 3)
    monkeypatch.setattr(service, "IMPORT_CHUNK", 2)
    client.force_login(owner)
    response = client.post(
        reverse("trainers:import_upload", args=[cohort.pk]),
        {
            "file": SimpleUploadedFile(
                "many.xlsx", xlsx_bytes([person(n, district) for n in range(7)])
            )
        },
    )
    cohort_import = CohortImport.objects.get()
    detail = reverse("trainers:import_detail", args=[cohort.pk, cohort_import.pk])
    assert response.status_code == 302
    assert response["Location"] == detail
    confirm = reverse("trainers:import_confirm", args=[cohort.pk, cohort_import.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(confirm)
    cohort_import.refresh_from_db()
    assert cohort_import.status == CohortImport.Status.QUEUED
    assert not User.objects.filter(email__startswith="learner").exists()
    fragment = client.get(detail, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in fragment
    assert "0 of 7 rows imported" in fragment
    assert "<html" not in fragment

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:  # the task is enqueued on commit; it runs immediately
            callback()
    cohort_import.refresh_from_db()
    assert cohort_import.status == CohortImport.Status.DONE
    assert cohort_import.done == 7
    assert CohortMember.objects.filter(cohort=cohort).count() == 7
    assert len(mail.outbox) == 7
    fragment = client.get(detail, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert "7 learners imported" in fragment


def test_problems_are_counted_by_line_each_line_listing_its_own(client, cohort, owner, district):
    """Two bad lines with five problems between them: "2 lines have problems", each line
    with its problems; nothing is written."""
    client.force_login(owner)
    before = counts()
    data = csv_bytes(
        [
            person(1, district),
            person(2, "Atlantis", email="nope", phone="12", designation="x" * 151),
            person(3, district),
            person(4, "Gondwana", email="also-bad"),
        ]
    )
    upload = reverse("trainers:import_upload", args=[cohort.pk])
    response = client.post(upload, {"file": SimpleUploadedFile("bad.csv", data)}, follow=True)

    summary = response.context["summary"]
    assert len(summary.errors) == 6
    assert [line["line"] for line in summary.problem_lines] == [3, 5]
    assert [len(line["problems"]) for line in summary.problem_lines] == [4, 2]
    page = response.content.decode()
    assert "2 lines have problems" in page
    assert "6 errors" not in page
    assert "<dt>Lines with problems</dt><dd>2</dd>" in page
    table = page.split('<table class="import-errors">')[1].split("</table>")[0]
    rows = table.split("<tbody>")[1].split("<tr>")[1:]
    assert len(rows) == 2
    assert rows[0].startswith('<td class="num">3</td>')
    assert rows[0].count("<li>") == 4
    assert "Atlantis" in rows[0]
    assert "Atlantis" not in rows[1]
    assert "Gondwana" in rows[1]
    assert rows[1].count("<li>") == 2
    entry = ModelLogEntry.objects.filter(action="trainers.import.checked").latest("pk")
    assert entry.data["errors"] == 6
    assert entry.data["problem_lines"] == 2
    assert "/confirm/" not in page
    assert counts() == before


# --- Pages -----------------------------------------------------------------------------------


def test_upload_preview_and_confirm_through_the_pages(
    client, cohort, owner, district, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    upload = reverse("trainers:import_upload", args=[cohort.pk])
    page = client.get(upload).content.decode()
    assert "Check the file" in page
    assert district in page
    assert 'aria-current="page"' in page

    bad = csv_bytes([person(1, district), person(2, district, email="nope")])
    response = client.post(upload, {"file": SimpleUploadedFile("bad.csv", bad)}, follow=True)
    page = response.content.decode()
    assert "1 line has problems" in page
    assert (
        '<td class="num">3</td><td><ul class="import-problems"><li><strong>Email</strong>' in page
    )
    assert "“<bdi>nope</bdi>”" in page
    assert "/confirm/" not in page

    good = csv_bytes([person(1, district), person(2, district)])
    response = client.post(upload, {"file": SimpleUploadedFile("good.csv", good)}, follow=True)
    page = response.content.decode()
    assert "The file is correct: 2 learners" in page
    assert "learner1@example.org" in page
    cohort_import = CohortImport.objects.filter(filename="good.csv").get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("trainers:import_confirm", args=[cohort.pk, cohort_import.pk]), follow=True
        )
    page = response.content.decode()
    assert "2 learners imported" in page
    assert CohortMember.objects.filter(cohort=cohort).count() == 2


def test_templates_explain_the_columns_cadres_and_districts(client, cohort, owner, district, cadre):
    client.force_login(owner)
    response = client.get(reverse("trainers:import_template", args=[cohort.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert cadre in text
    assert district in text
    assert ",".join(HEADER) in text
    # The template reads back as a file with the right columns and no learners yet.
    with pytest.raises(SpreadsheetError, match="no learners"):
        read_learners(data=response.content, filename="t.csv")

    response = client.get(reverse("trainers:import_template", args=[cohort.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER
    assert len(workbook.worksheets) == 3
    values = {c.value for sheet in workbook.worksheets[1:] for row in sheet for c in row}
    assert cadre in values
    assert district in values
    with pytest.raises(SpreadsheetError, match="no learners"):
        read_learners(data=response.content, filename="t.xlsx")
    assert client.get(f"/trainers/cohorts/{cohort.pk}/import/template.pdf").status_code == 404


def test_every_import_url_is_404_for_another_state_and_another_cohort(
    client, cohort, owner, district
):
    cohort_import = check(cohort, owner, csv_bytes([person(1, district)]))
    urls = [
        reverse("trainers:import_upload", args=[cohort.pk]),
        reverse("trainers:import_template", args=[cohort.pk, "csv"]),
        reverse("trainers:import_template", args=[cohort.pk, "xlsx"]),
        reverse("trainers:import_detail", args=[cohort.pk, cohort_import.pk]),
        reverse("trainers:import_confirm", args=[cohort.pk, cohort_import.pk]),
    ]
    bihar_trainer = trainer("BR")
    other = make_cohort("AS", group=cohort.trainer_group)
    before = counts()
    client.force_login(bihar_trainer)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    # The owner's other cohort: the import id does not belong to it.
    client.force_login(owner)
    for name in ("import_detail", "import_confirm"):
        url = reverse(f"trainers:{name}", args=[other.pk, cohort_import.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert counts() == before
    cohort_import.refresh_from_db()
    assert cohort_import.status == CohortImport.Status.VALIDATED


# --- The bulk services -----------------------------------------------------------------------


def test_enrollments_create_many_brings_back_withdrawn_learners_and_keeps_others(cohort):
    module = make_module(lessons=1)
    learners = [UserFactory() for _ in range(3)]
    Enrollment.objects.create(user=learners[0], module=module, source="self")
    withdrawn = Enrollment.objects.create(user=learners[1], module=module, source="self")
    enrollment_withdraw(enrollment=withdrawn)
    made = enrollments_create_many(
        user_ids=[u.pk for u in learners], module=module, source=Enrollment.Source.IMPORT
    )
    assert made == 2
    rows = dict(Enrollment.objects.filter(module=module).values_list("user_id", "status"))
    assert rows == {u.pk: "active" for u in learners}
    assert Enrollment.objects.get(user=learners[0], module=module).source == "self"
    assert ModelLogEntry.objects.filter(action="learning.enrollment.rejoined").count() == 1
    created = ModelLogEntry.objects.get(action="learning.enrollment.created")
    assert created.user_id == learners[2].pk  # no trainer named: the learner, as one by one


def test_users_invite_many_refuses_a_taken_address_and_a_foreign_district():
    UserFactory(email="taken@example.org")
    before = counts()
    assam = district_of("AS").pk
    with pytest.raises(ValidationError):
        users_invite_many(
            people=[Invitee(email="TAKEN@example.org", full_name="A B", district_id=assam)],
            state=state("AS"),
            by=None,
        )
    with pytest.raises(ValidationError):
        users_invite_many(
            people=[Invitee(email="x@example.org", full_name="A B", district_id=assam)],
            state=state("BR"),
            by=None,
        )
    assert counts() == before


# --- Learners known by a mobile number alone -------------------------------------------------

PHONE_HEADER = ["Full name", "Mobile number", "District"]


def phone_account(state_code: str, phone: str, full_name: str = "Mitali Bora") -> User:
    """A learner known by a mobile number alone."""
    user = User.objects.create(
        email=None, phone=phone, full_name=full_name, state=state(state_code)
    )
    user.groups.add(Group.objects.get(name=Role.LEARNER))
    return user


def sent_texts() -> dict:
    return {"texts": SmsMessage.objects.count(), "sms_outbox": len(sms.outbox)}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_sheet_of_mobile_numbers_imports_and_invites_by_sms(
    client, cohort, owner, district, fmt, django_capture_on_commit_callbacks
):
    known = phone_account("AS", "+919876543219", full_name="Known")
    rows = [
        ["Runa Begum Choudhury", "98765 43210", district],
        ["Bikash Das", "+91-98765-43211", district],
        ["Anita Sharma", "०९८७६५४३२१२", district],  # Devanagari digits, trunk 0
        ["Somebody Known", "9876543219", district],
    ]
    if fmt == "xlsx":
        rows[1][1] = 9876543211  # a number cell, as Excel keeps a typed number
        data = xlsx_bytes(rows, PHONE_HEADER)
    else:
        data = csv_bytes(rows, PHONE_HEADER)
    client.force_login(owner)
    before = counts()
    upload = reverse("trainers:import_upload", args=[cohort.pk])
    response = client.post(upload, {"file": SimpleUploadedFile(f"phones.{fmt}", data)}, follow=True)
    summary = response.context["summary"]
    assert summary.ok, summary.errors
    assert [(r["line"], r["email"], r["phone"], r["invite_by"]) for r in summary.new] == [
        (2, "", "+919876543210", ["sms"]),
        (3, "", "+919876543211", ["sms"]),
        (4, "", "+919876543212", ["sms"]),
    ]
    assert [(r["user_id"], r["match"]) for r in summary.existing] == [(known.pk, "phone")]
    page = response.content.decode()
    assert "3 new accounts will be created and invited: 0 by email, 3 by SMS." in " ".join(
        page.split()
    )
    assert "<td>SMS</td>" in page
    assert "None" not in page
    assert counts() == before
    assert sent_texts() == {"texts": 0, "sms_outbox": 0}

    cohort_import = CohortImport.objects.get(filename=f"phones.{fmt}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("trainers:import_confirm", args=[cohort.pk, cohort_import.pk]), follow=True
        )
    assert "4 learners imported; 3 new accounts were invited, by email or by SMS." in (
        response.content.decode()
    )
    cohort_import.refresh_from_db()
    assert (cohort_import.status, cohort_import.created_accounts) == ("done", 3)
    new = User.objects.filter(phone__in=["+919876543210", "+919876543211", "+919876543212"])
    assert new.count() == 3
    assert set(new.values_list("email", "phone_verified", "state_id")) == {
        (None, False, cohort.state_id)
    }
    assert not any(user.has_usable_password() for user in new)
    assert not EmailAddress.objects.filter(user__in=new).exists()
    assert all(user.groups.filter(name=Role.LEARNER).exists() for user in new)
    members = CohortMember.objects.filter(cohort=cohort)
    assert set(members.values_list("user_id", flat=True)) == {
        *new.values_list("pk", flat=True),
        known.pk,
    }
    assert Enrollment.objects.filter(user__in=new).count() == 6
    invited = ModelLogEntry.objects.filter(action="accounts.user.invited")
    assert set(invited.values_list("object_id", flat=True)) == {str(u.pk) for u in new}

    # The invitations: one text message per new account, none to the account already known.
    assert mail.outbox == []
    texts = {message.to: message for message in sms.outbox}
    assert sorted(texts) == ["+919876543210", "+919876543211", "+919876543212"]
    runa = texts["+919876543210"]
    assert (runa.kind, runa.status) == ("invitation", "sent")
    assert runa.text.startswith("Runa, you are invited to Child Protection Training.")
    assert runa.text.endswith("http://testserver/accounts/login/code/")
    for private in ("Begum", "Choudhury", "@", district):
        assert private not in runa.text
    assert texts["+919876543212"].text.startswith("Anita, ")


def test_the_preview_says_how_each_new_person_is_invited(client, cohort, owner, district):
    data = csv_bytes(
        [
            person(1, district),
            person(2, district, email="", phone="9876543210"),
            person(3, district, phone="9876543211"),
        ]
    )
    client.force_login(owner)
    response = client.post(
        reverse("trainers:import_upload", args=[cohort.pk]),
        {"file": SimpleUploadedFile("mixed.csv", data)},
        follow=True,
    )
    summary = response.context["summary"]
    assert [row["invite_by"] for row in summary.new] == [["email"], ["sms"], ["email"]]
    assert (summary.invited_by_email, summary.invited_by_sms) == (2, 1)
    page = response.content.decode()
    assert "3 new accounts will be created and invited: 2 by email, 1 by SMS." in " ".join(
        page.split()
    )
    assert "None" not in page


def test_an_existing_account_is_matched_by_number_when_the_address_is_new(cohort, owner, district):
    by_phone = UserFactory(state=state("AS"), email="old@example.org", phone="+919876543210")
    summary = imports.import_summary(
        check(cohort, owner, csv_bytes([person(1, district, phone="09876543210")]))
    )
    assert summary.new == []
    assert [(r["user_id"], r["match"]) for r in summary.existing] == [(by_phone.pk, "phone")]


def test_an_address_of_one_account_and_a_number_of_another_is_a_line_error(
    cohort, owner, district, django_capture_on_commit_callbacks
):
    UserFactory(state=state("AS"), email="asha@example.org")
    phone_account("AS", "+919876543210")
    before = {**counts(), **sent_texts()}
    cohort_import = check(
        cohort,
        owner,
        csv_bytes(
            [
                person(1, district),
                person(2, district, email="Asha@example.org", phone="98765 43210"),
            ]
        ),
    )
    assert errors_of(cohort_import) == [
        (
            3,
            "phone",
            "This mobile number belongs to another account than the email address: correct "
            "one of them, or leave the number out.",
        )
    ]
    assert imports.import_summary(cohort_import).errors[0]["value"] == "98765 43210"
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert {**counts(), **sent_texts()} == before
    assert not ModelLogEntry.objects.filter(action="accounts.user.invited").exists()


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [["A Person", "", "", "", "", "__D__"]],
            [(2, "email", "Enter the person's email address or mobile number.")],
        ),
        (
            [
                ["A Person", "", "9876543210", "", "", "__D__"],
                ["B Person", "", "९८७६५४३२१०", "", "", "__D__"],
            ],
            [(3, "phone", "The same mobile number is on line 2.")],
        ),
        (
            [["A Person", "", "+1 415 555 0100", "", "", "__D__"]],
            [(2, "phone", "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.")],
        ),
    ],
)
def test_bad_contact_details_are_line_errors_and_nothing_is_written(
    cohort, owner, district, rows, expected, django_capture_on_commit_callbacks
):
    rows = [[district if value == "__D__" else value for value in row] for row in rows]
    before = {**counts(), **sent_texts()}
    cohort_import = check(cohort, owner, csv_bytes(rows))
    assert errors_of(cohort_import) == expected
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert {**counts(), **sent_texts()} == before
    assert not ModelLogEntry.objects.filter(action="accounts.user.invited").exists()


def test_a_file_with_neither_an_email_nor_a_mobile_column_is_refused(cohort, owner, district):
    with pytest.raises(SpreadsheetError, match="needs an Email column, a Mobile number column"):
        check(cohort, owner, csv_bytes([["A Person", district]], ["Full name", "District"]))
    assert not CohortImport.objects.exists()


def test_a_number_registered_after_the_check_stops_the_whole_import(
    cohort, owner, district, django_capture_on_commit_callbacks
):
    rows = [person(n, district, email="", phone=f"98765432{n:02d}") for n in range(3)]
    cohort_import = check(cohort, owner, csv_bytes(rows))
    phone_account("AS", "+919876543201")
    before = {**counts(), **sent_texts()}
    with django_capture_on_commit_callbacks(execute=True):
        failed = imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert failed.status == CohortImport.Status.FAILED
    assert "Upload it again" in failed.error
    assert {**counts(), **sent_texts()} == before
    assert not ModelLogEntry.objects.filter(action="accounts.user.invited").exists()


def test_a_number_registered_in_another_state_after_the_check_is_left_alone(
    cohort, owner, district, django_capture_on_commit_callbacks
):
    rows = [person(n, district, email="", phone=f"98765432{n:02d}") for n in range(3)]
    cohort_import = check(cohort, owner, csv_bytes(rows))
    bihari = phone_account("BR", "+919876543201")
    with django_capture_on_commit_callbacks(execute=True):
        done = imports.import_confirm(cohort_import=cohort_import, by=owner)
    assert (done.status, done.created_accounts) == (CohortImport.Status.DONE, 2)
    assert not CohortMember.objects.filter(user=bihari).exists()
    assert sorted(message.to for message in sms.outbox) == ["+919876543200", "+919876543202"]
    entry = ModelLogEntry.objects.get(action="trainers.import.done")
    assert (entry.data["created"], entry.data["withheld"]) == (2, 1)


def test_checking_numbers_takes_a_fixed_number_of_statements(cohort, owner, district):
    def statements(n: int) -> int:
        rows = [
            person(i, district, email="" if i % 2 else f"p{i}@example.org", phone=f"98765{i:05d}")
            for i in range(n)
        ]
        with captured_statements() as captured:
            check(cohort, owner, csv_bytes(rows))
        return len(captured)

    phone_account("AS", "+919876500003")
    statements(2)  # the lookups' caches and content types, once
    assert statements(4) == statements(40)


def test_the_template_asks_for_an_email_or_a_mobile_number(client, cohort, owner):
    client.force_login(owner)
    text = client.get(reverse("trainers:import_template", args=[cohort.pk, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "Each learner needs an email address or a mobile number, or both." in text
    assert "# Email (optional): Email or mobile number: each learner needs at least one." in text
    assert "# Mobile number (optional): Email or mobile number" in text
    page = client.get(reverse("trainers:import_upload", args=[cohort.pk])).content.decode()
    assert "with only a mobile number, an SMS with a link to sign in" in page
