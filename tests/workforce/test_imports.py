"""Importing a state's posts from a spreadsheet: the check and its preview, every kind of bad
input reported by line and column with nothing written, the all-or-nothing write, a confirm
that was tampered with, and the history kept month by month."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.accounts.models import Cadre
from lms.core.spreadsheets import SpreadsheetError
from lms.geography.models import District
from lms.workforce import imports, services
from lms.workforce.models import PostCount
from lms.workforce.selectors import posts_as_of
from tests.accounts.factories import state
from tests.helpers import captured_statements
from tests.workforce.factories import coordinator, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2026, 10, 1)
NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The tests' "this month" is December 2026, whatever the machine's clock says."""
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 12, 7)
    )


@pytest.fixture
def assam():
    return state("AS")


@pytest.fixture
def user(assam):
    return coordinator("AS")


@pytest.fixture
def districts(assam):
    found = list(District.objects.filter(state=assam, is_active=True).order_by("name")[:3])
    found[0].lgd_code = 900001
    found[0].aliases = ["Old Name One"]
    found[0].save()
    return found


def cadre(slug: str) -> Cadre:
    return Cadre.objects.get(slug=slug)


def check(assam, user, rows, *, month=NOVEMBER, data=None, filename="posts.csv"):
    return services.posts_import_check(
        state=assam,
        month=month,
        by=user,
        data=data if data is not None else csv_bytes(rows),
        filename=filename,
    )


def good_rows(districts):
    return [
        ["", "SCPS staff", "13", "4", "Haryana-style SCPS sanction"],
        [districts[0].name, "DCPO", "1", "1", ""],
        [districts[0].name, "Social Worker", "2", "1", ""],
        [districts[1].name, "Counsellor", "1", "0", "vacant since March"],
        [districts[2].name, "Outreach Worker", "3", "2", ""],
    ]


# --- The happy path -------------------------------------------------------------------------


def test_check_then_confirm_writes_every_row_with_audit(assam, user, districts):
    result = check(assam, user, good_rows(districts))
    assert result.errors == []
    assert len(result.rows) == 5
    assert result.token
    assert PostCount.objects.count() == 0  # the check writes nothing

    done = services.posts_import_confirm(state=assam, by=user, token=result.token)

    assert (done.month, done.rows, done.created, done.changed) == (NOVEMBER, 5, 5, 0)
    posts = posts_as_of(NOVEMBER, state_ids=[assam.pk])
    assert posts[(assam.pk, None, cadre("scps-staff").pk)] == (13, 4)
    assert posts[(assam.pk, districts[0].pk, cadre("dcpo").pk)] == (1, 1)
    assert posts[(assam.pk, districts[2].pk, cadre("outreach-worker").pk)] == (3, 2)
    row = PostCount.objects.get(district=districts[1])
    assert (row.source, row.note, row.recorded_by, row.as_of) == (
        PostCount.Source.IMPORT,
        "vacant since March",
        user,
        NOVEMBER,
    )
    assert ModelLogEntry.objects.filter(action="workforce.postcount.imported").count() == 5
    assert ModelLogEntry.objects.filter(action="workforce.import.confirmed").count() == 1


def test_districts_and_cadres_by_code_alias_and_state_word(assam, user, districts):
    result = check(
        assam,
        user,
        [
            ["State", "SCPS", "2", "1", ""],
            ["900001", "dcpo", "1", "0", ""],
            ["Old Name One", "Counselor", "1", "1", ""],
            [f"{districts[1].name.upper()} district", "PO-IC", "2", "2", ""],
        ],
    )
    assert result.errors == []
    assert [(r.district_id, r.cadre_id) for r in result.rows] == [
        (None, cadre("scps-staff").pk),
        (districts[0].pk, cadre("dcpo").pk),
        (districts[0].pk, cadre("counsellor").pk),
        (districts[1].pk, cadre("po-institutional").pk),
    ]
    read = {(m["column"], m["value"]): m["how_label"] for m in result.checked.matches}
    assert read[("district", "900001")] == "LGD code"
    assert read[("district", "Old Name One")] == "alternative spelling"


def test_preview_shows_changes_against_current_figures(assam, user, districts):
    services.post_count_set(
        state=assam, district=districts[0], cadre=cadre("dcpo"), month=OCTOBER,
        sanctioned=1, filled=0, by=user,
    )  # fmt: skip
    services.post_count_set(
        state=assam, district=districts[0], cadre=cadre("social-worker"), month=OCTOBER,
        sanctioned=2, filled=1, by=user,
    )  # fmt: skip
    result = check(
        assam,
        user,
        [
            [districts[0].name, "DCPO", "1", "1", ""],  # changed
            [districts[0].name, "Social Worker", "2", "1", ""],  # the same
            [districts[1].name, "Counsellor", "1", "0", ""],  # new
        ],
    )
    assert [row.change for row in result.rows] == ["changed", "same", "new"]
    assert result.rows[0].before == (1, 0)
    assert (result.count_new, result.count_changed, result.count_same) == (1, 1, 1)


def test_upload_preview_confirm_through_the_pages(client, assam, user, districts):
    client.force_login(user)
    url = reverse("workforce:import_upload", args=["AS"])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("posts.xlsx", xlsx_bytes(good_rows(districts)))
    response = client.post(url, {"month": "2026-11", "file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Record these figures" in page
    assert districts[1].name in page
    token = re.search(r'name="token" value="([^"]+)"', page)[1]
    assert PostCount.objects.count() == 0

    response = client.post(reverse("workforce:import_confirm", args=["AS"]), {"token": token})

    assert response.status_code == 302
    assert response.url == reverse("workforce:posts", args=["AS"]) + "?month=2026-11"
    assert PostCount.objects.filter(as_of=NOVEMBER).count() == 5
    # A second confirmation of the same preview writes nothing new: the figures changed.
    client.post(reverse("workforce:import_confirm", args=["AS"]), {"token": token})
    assert PostCount.objects.count() == 5


def test_template_downloads_read_back(client, assam, user):
    client.force_login(user)
    for fmt in ("csv", "xlsx"):
        response = client.get(reverse("workforce:import_template", args=["AS", fmt]))
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        with pytest.raises(SpreadsheetError) as refused:  # headings only: no rows yet
            check(assam, user, [], data=response.content, filename=f"template.{fmt}")
        assert refused.value.code == "rows"
    assert client.get(reverse("workforce:import_template", args=["AS", "pdf"])).status_code == 404


# --- Bad input: every problem by line and column, nothing written ---------------------------


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        (["Atlantis", "DCPO", "1", "0", ""], "district", "Unknown district of Assam"),
        (["Pune", "DCPO", "1", "0", ""], "district", "is a district of Maharashtra"),
        (["{d0}", "Astronaut", "1", "0", ""], "cadre", "Unknown cadre"),
        (["{d0}", "", "1", "0", ""], "cadre", "Enter the cadre"),
        (["{d0}", "Counselor", "1", "0", ""], "cadre", "could mean several"),
        (["{d0}", "DCPO", "-1", "0", ""], "sanctioned", "cannot be negative"),
        (["{d0}", "DCPO", "three", "0", ""], "sanctioned", "whole number"),
        (["{d0}", "DCPO", "1.5", "0", ""], "sanctioned", "whole number"),
        (["{d0}", "DCPO", "", "0", ""], "sanctioned", "Enter a number"),
        (["{d0}", "DCPO", "99999999", "0", ""], "sanctioned", "more than a unit has"),
        (["{d0}", "DCPO", "2", "3", ""], "filled", "More posts filled (3) than sanctioned (2)"),
        (["{d0}", "DCPO", "=1+1", "0", ""], "sanctioned", "Formulas are not accepted"),
        (["{d0}", "DCPO", "1", "0", "x" * 301], "note", "Too long"),
        (["900001", "social-worker", "1", "0", ""], "cadre", "on line 2"),
    ],
)
def test_each_bad_row_is_reported_by_line_and_column(
    client, assam, user, districts, bad, column, message
):
    # Another cadre treats "Counselor" as one of its spellings: ambiguous.
    Cadre.objects.create(
        name="Counsellor trainee", slug="counsellor-trainee", aliases=["Counselor"]
    )
    rows = [
        [districts[0].name, "Social Worker", "1", "1", ""],
        [],  # a blank line: skipped, but counted in the line numbers
        [cell.format(d0=districts[0].name) for cell in bad],
    ]
    before = PostCount.objects.count()

    result = check(assam, user, rows)

    assert result.token == ""
    assert [(e["line"], e["column"]) for e in result.errors] == [(4, column)]
    assert message in result.errors[0]["message"]
    assert len(result.rows) == 1  # the good row, shown but not written

    client.force_login(user)
    response = client.post(
        reverse("workforce:import_upload", args=["AS"]),
        {"month": "2026-11", "file": SimpleUploadedFile("posts.csv", csv_bytes(rows))},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'name="token"' not in page
    assert "The file has 1 error" in page
    assert PostCount.objects.count() == before


def test_every_error_of_a_file_is_listed(assam, user, districts):
    result = check(
        assam,
        user,
        [
            ["Atlantis", "Astronaut", "x", "-2", ""],
            [districts[0].name, "DCPO", "1", "2", ""],
        ],
    )
    assert [(e["line"], e["column"]) for e in result.errors] == [
        (2, "district"),
        (2, "cadre"),
        (2, "sanctioned"),
        (2, "filled"),
        (3, "filled"),
    ]
    assert all(e["heading"] for e in result.errors)


def test_values_outside_the_columns_are_an_error(assam, user, districts):
    result = check(assam, user, [[districts[0].name, "DCPO", "1", "0", "", "stray"]])
    assert [(e["line"], e["column"]) for e in result.errors] == [(2, "")]


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (
            "District,Cadre,Sanctioned,Filled\nBarpeta,DCPO,1,0\n".encode("utf-16-le"),
            "a.csv",
            "type",
        ),
        (
            "District,Cadre,Sanctioned,Filled\nबरपेटा,DCPO,1,0\n".encode()
            + b"Barpeta,Counsellor,\xe9,0\n",
            "a.csv",
            "encoding",
        ),
        (b"Wrong,Headings\n1,2\n", "a.csv", "headings"),
        (b"District,Cadre,Sanctioned,Filled\n", "a.csv", "rows"),
        (b"%PDF-1.4", "a.pdf", "type"),
        (b"PK\x03\x04 not really a zip", "a.xlsx", "type"),
    ],
)
def test_unusable_files_are_refused_whole(client, assam, user, data, filename, code):
    with pytest.raises(SpreadsheetError) as refused:
        check(assam, user, [], data=data, filename=filename)
    assert refused.value.code == code
    if code == "encoding":
        assert refused.value.line == 3

    client.force_login(user)
    response = client.post(
        reverse("workforce:import_upload", args=["AS"]),
        {"month": "2026-11", "file": SimpleUploadedFile(filename, data)},
    )
    assert response.status_code == 400
    assert "This file cannot be imported" in response.content.decode()
    assert PostCount.objects.count() == 0


def test_future_month_is_refused(client, assam, user, districts):
    client.force_login(user)
    response = client.post(
        reverse("workforce:import_upload", args=["AS"]),
        {"month": "2027-01", "file": SimpleUploadedFile("p.csv", csv_bytes(good_rows(districts)))},
    )
    assert response.status_code == 400
    assert PostCount.objects.count() == 0


# --- All or nothing, and a confirm that cannot be tampered with ------------------------------


def test_a_failure_while_writing_keeps_nothing(monkeypatch, assam, user, districts):
    result = check(assam, user, good_rows(districts))

    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "audit", fail)  # after every row is written
    with pytest.raises(RuntimeError):
        services.posts_import_confirm(state=assam, by=user, token=result.token)
    assert PostCount.objects.count() == 0
    assert not ModelLogEntry.objects.filter(action__startswith="workforce.").exists()


def test_figures_changed_since_the_check_refuse_the_confirm(assam, user, districts):
    result = check(assam, user, good_rows(districts))
    services.post_count_set(
        state=assam, district=districts[0], cadre=cadre("dcpo"), month=OCTOBER,
        sanctioned=5, filled=5, by=user,
    )  # fmt: skip
    with pytest.raises(services.WorkforceError):
        services.posts_import_confirm(state=assam, by=user, token=result.token)
    assert PostCount.objects.count() == 1


def _tamper(token: str) -> str:
    # Change one character of the payload, keep the signature.
    payload, signature = token.rsplit(":", 1)
    flipped = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    return f"{flipped}:{signature}"


def test_tampered_or_foreign_tokens_write_nothing(client, monkeypatch, assam, user, districts):
    result = check(assam, user, good_rows(districts))
    client.force_login(user)
    confirm = reverse("workforce:import_confirm", args=["AS"])

    # Altered, empty, or carrying posted rows of its own: refused, nothing written.
    for token in (_tamper(result.token), "", "not-a-token"):
        response = client.post(confirm, {"token": token, "rows": "[[2, null, 1, 999, 999, '']]"})
        assert response.status_code == 302
        assert response.url == reverse("workforce:import_upload", args=["AS"])
    assert PostCount.objects.count() == 0

    # Another person's preview, or a preview of another state.
    other = coordinator("AS")
    with pytest.raises(services.WorkforceError):
        services.posts_import_confirm(state=assam, by=other, token=result.token)
    with pytest.raises(services.WorkforceError):
        services.posts_import_confirm(state=state("MH"), by=user, token=result.token)
    # An expired one.
    monkeypatch.setattr(services, "CHECK_MAX_AGE", -1)
    with pytest.raises(services.WorkforceError):
        services.posts_import_confirm(state=assam, by=user, token=result.token)
    assert PostCount.objects.count() == 0

    # GET never writes.
    monkeypatch.setattr(services, "CHECK_MAX_AGE", 3600)
    assert client.get(confirm, {"token": result.token}).status_code == 405
    assert PostCount.objects.count() == 0


# --- History ---------------------------------------------------------------------------------


def test_history_is_kept_month_by_month(assam, user, districts):
    dcpo = cadre("dcpo").pk
    first = check(assam, user, [[districts[0].name, "DCPO", "1", "0", ""]], month=OCTOBER)
    services.posts_import_confirm(state=assam, by=user, token=first.token)
    second = check(assam, user, [[districts[0].name, "DCPO", "1", "1", ""]], month=NOVEMBER)
    assert (second.rows[0].change, second.rows[0].before) == ("changed", (1, 0))
    services.posts_import_confirm(state=assam, by=user, token=second.token)

    assert PostCount.objects.filter(district=districts[0]).count() == 2
    assert posts_as_of(OCTOBER)[(assam.pk, districts[0].pk, dcpo)] == (1, 0)
    assert posts_as_of(NOVEMBER)[(assam.pk, districts[0].pk, dcpo)] == (1, 1)
    assert posts_as_of(datetime.date(2026, 12, 1))[(assam.pk, districts[0].pk, dcpo)] == (1, 1)
    assert (assam.pk, districts[0].pk, dcpo) not in posts_as_of(datetime.date(2026, 9, 1))

    # Importing the same month again corrects that month's row; October is untouched.
    third = check(assam, user, [[districts[0].name, "DCPO", "2", "2", ""]], month=NOVEMBER)
    done = services.posts_import_confirm(state=assam, by=user, token=third.token)
    assert (done.created, done.changed) == (0, 1)
    assert PostCount.objects.filter(district=districts[0]).count() == 2
    assert posts_as_of(OCTOBER)[(assam.pk, districts[0].pk, dcpo)] == (1, 0)
    assert posts_as_of(NOVEMBER)[(assam.pk, districts[0].pk, dcpo)] == (2, 2)

    # A file for an earlier month says which of its figures later reports override.
    earlier = check(
        assam,
        user,
        [[districts[0].name, "DCPO", "1", "0", ""], [districts[1].name, "DCPO", "1", "0", ""]],
        month=datetime.date(2026, 9, 1),
    )
    assert earlier.later == 1


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, assam, user, districts):
    client.force_login(user)
    big = csv_bytes(good_rows(districts)) + b"#" * (imports.IMPORT_MAX_BYTES + 1)
    response = client.post(
        reverse("workforce:import_upload", args=["AS"]),
        {"month": "2026-11", "file": SimpleUploadedFile("posts.csv", big)},
    )
    assert response.status_code == 413
    assert PostCount.objects.count() == 0


def test_confirm_writes_in_bulk_whatever_the_number_of_rows(assam, user):
    names = list(
        District.objects.filter(state=assam, is_active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )

    def statements(rows) -> int:
        token = check(assam, user, rows, month=OCTOBER).token
        with captured_statements() as found:
            services.posts_import_confirm(state=assam, by=user, token=token)
        PostCount.objects.all().delete()
        return len(found)

    statements([[names[1], "DCPO", "1", "0", ""]])  # warm: the audit's content types
    few = statements([[names[0], "DCPO", "1", "0", ""]])
    many = statements(
        [[name, cadre, "2", "1", ""] for name in names for cadre in ("DCPO", "Counsellor")]
    )
    assert many == few
    assert few <= 10
