import io

import pytest

from lms.geography.models import District, State
from lms.geography.services import GeographyImportError, districts_import_lgd_csv

pytestmark = pytest.mark.django_db

# The header of the Local Government Directory's "districts of India" download.
HEADER = (
    "S.No.,State Code,State Name (In English),District Code,District Name(In English),"
    "Census 2001 Code,Census 2011 Code"
)


def write(tmp_path, *lines, encoding="utf-8", name="districts.csv"):
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def snapshot():
    return list(
        District.objects.order_by("pk").values_list(
            "pk", "state_id", "name", "lgd_code", "is_active"
        )
    )


def goa(name):
    return District.objects.get(state__code="GA", name=name)


def test_a_good_file_attaches_codes_creates_and_deactivates(tmp_path):
    assam_active = District.objects.filter(state__code="AS", is_active=True).count()
    path = write(
        tmp_path,
        HEADER,
        "1,30,Goa,551,North Goa,,",
        "2,30,Goa,552,South Goa,,",
        "3,30,Goa,559,Mormugao,,",
    )

    result = districts_import_lgd_csv(file=path)

    assert result.rows == 3
    assert [(c.name, c.lgd_code) for c in result.created] == [("Mormugao", 559)]
    assert sorted(c.name for c in result.updated) == ["North Goa", "South Goa"]
    assert [c.name for c in result.deactivated] == ["Kushavati"]
    assert (goa("North Goa").lgd_code, goa("South Goa").lgd_code) == (551, 552)
    assert goa("Mormugao").is_active
    assert not goa("Kushavati").is_active
    # Only the file's states are touched.
    assert District.objects.filter(state__code="AS", is_active=True).count() == assam_active


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, HEADER, "1,30,Goa,551,North Goa,,", "2,30,Goa,552,South Goa,,")
    districts_import_lgd_csv(file=path)
    before = snapshot()

    result = districts_import_lgd_csv(file=path)

    assert not result.changed
    assert result.unchanged == 2
    assert snapshot() == before


def test_districts_are_matched_by_code_so_renames_keep_the_row(tmp_path):
    districts_import_lgd_csv(file=write(tmp_path, HEADER, "1,30,Goa,551,North Goa,,"))
    north_goa = goa("North Goa")

    result = districts_import_lgd_csv(
        file=write(tmp_path, HEADER, "1,30,Goa,551,Uttar Goa,,", name="renamed.csv")
    )

    assert [(c.name, c.detail) for c in result.updated] == [("Uttar Goa", "renamed from North Goa")]
    north_goa.refresh_from_db()
    assert (north_goa.name, north_goa.lgd_code) == ("Uttar Goa", 551)


def test_name_matching_ignores_case_and_punctuation_and_keeps_our_spelling(tmp_path):
    districts_import_lgd_csv(file=write(tmp_path, HEADER, "1,30,GOA,551,NORTH  GOA,,"))

    assert goa("North Goa").lgd_code == 551


def test_a_district_back_in_the_file_is_reactivated(tmp_path):
    District.objects.filter(state__code="GA", name="Kushavati").update(is_active=False)

    result = districts_import_lgd_csv(file=write(tmp_path, HEADER, "1,30,Goa,560,Kushavati,,"))

    assert [c.detail for c in result.updated] == ["LGD code attached; reactivated"]
    assert goa("Kushavati").is_active


def test_a_dry_run_reports_changes_and_writes_nothing(tmp_path):
    before = snapshot()
    path = write(tmp_path, HEADER, "1,30,Goa,551,North Goa,,", "2,30,Goa,559,Mormugao,,")

    result = districts_import_lgd_csv(file=path, dry_run=True)

    assert result.dry_run
    assert [c.name for c in result.created] == ["Mormugao"]
    assert len(result.deactivated) == 2
    assert snapshot() == before


def test_the_import_runs_a_fixed_number_of_queries(tmp_path, django_assert_max_num_queries):
    lines = [HEADER] + [
        f"{n},9,Uttar Pradesh,{7000 + n},{d.name},,"
        for n, d in enumerate(District.objects.filter(state__code="UP"), start=1)
    ]
    with django_assert_max_num_queries(12):
        result = districts_import_lgd_csv(file=write(tmp_path, *lines))
    assert len(result.updated) == 75


@pytest.mark.parametrize(
    "lines",
    [
        # A title row above the header, as the portal's export sometimes has.
        [
            '"LGD Codes of Districts",,,',
            "S.No.,State Code,State Name,District Code,District Name",
            "1,30,Goa,551,North Goa",
        ],
        ["state_code,district_code,district_name_in_english", "30,551,North Goa"],
        [
            "State LGD Code,District LGD Code,District Name (In English),District Name (In Local)",
            "30,551,North Goa,",
        ],
        # Without a state code column, states are matched by name.
        ["State Name (In English),District Code,District Name (In English)", "GOA,551,North Goa"],
    ],
)
def test_header_variants_are_accepted(tmp_path, lines):
    districts_import_lgd_csv(file=write(tmp_path, *lines))

    assert goa("North Goa").lgd_code == 551


def test_a_utf8_file_with_a_byte_order_mark_parses(tmp_path):
    path = write(tmp_path, HEADER, "1,34,Puducherry,640,Mahé,,", encoding="utf-8-sig")

    districts_import_lgd_csv(file=path)

    assert District.objects.get(state__code="PY", name="Mahe").lgd_code == 640


def test_a_windows_1252_file_parses(tmp_path):
    path = write(
        tmp_path,
        HEADER,
        "1,34,Puducherry,640,Mahé,,",
        "2,34,Puducherry,649,Pondichéry Nord,,",
        encoding="cp1252",
    )

    districts_import_lgd_csv(file=path)

    assert District.objects.get(state__code="PY", name="Mahe").lgd_code == 640
    assert District.objects.get(lgd_code=649).name == "Pondichéry Nord"


def test_a_utf16_file_parses(tmp_path):
    """Excel's "Unicode text": read by the same decoding as every uploaded spreadsheet."""
    lines = [HEADER.replace(",", "\t"), "1\t34\tPuducherry\t640\tMahé\t\t"]
    path = write(tmp_path, *lines, encoding="utf-16", name="districts.txt")

    districts_import_lgd_csv(file=path)

    assert District.objects.get(state__code="PY", name="Mahe").lgd_code == 640


def test_a_utf8_file_with_one_windows_1252_line_is_refused_naming_it(tmp_path):
    """Read as Windows-1252 as a whole, the UTF-8 names of the other lines would be garbled."""
    before = snapshot()
    path = tmp_path / "districts.csv"
    path.write_bytes(
        f"{HEADER}\r\n1,34,Puducherry,640,Mahé,,\r\n".encode()
        + "2,34,Puducherry,649,Pondichéry Nord,,\r\n".encode("cp1252")
    )

    with pytest.raises(GeographyImportError) as excinfo:
        districts_import_lgd_csv(file=path)

    assert excinfo.value.errors == ["line 3: the file is neither UTF-8 nor Windows-1252 text"]
    assert snapshot() == before


def test_an_uploaded_file_object_is_accepted():
    upload = io.BytesIO(f"{HEADER}\n1,30,Goa,551,North Goa,,\n".encode())

    districts_import_lgd_csv(file=upload)

    assert goa("North Goa").lgd_code == 551


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("2,99,Nowhere,700,Somewhere,,", "line 3: unknown state code 99"),
        ("2,30,Goa,551,South Goa,,", "line 3: duplicate district code 551 (also on line 2)"),
        ("2,30,Goa,55x,South Goa,,", "line 3: district code “55x” is not a number"),
        ("2,30,Goa,,South Goa,,", "line 3: district code is blank"),
        ("2,30,Goa,552,,,", "line 3: district name is blank"),
        ("2,30,Goa,0,South Goa,,", "line 3: district code 0 is out of range"),
        ("2,30,Goa,99999999999,South Goa,,", "line 3: district code 99999999999 is out of range"),
        ("2,G0,Goa,552,South Goa,,", "line 3: state code “G0” is not a number"),
        ("2,30,Goa,552,north goa,,", "line 3: duplicate district “north goa” in Goa"),
    ],
)
def test_a_bad_row_rejects_the_whole_file(tmp_path, bad_row, message):
    before = snapshot()
    path = write(tmp_path, HEADER, "1,30,Goa,551,North Goa,,", bad_row)

    with pytest.raises(GeographyImportError) as excinfo:
        districts_import_lgd_csv(file=path)

    assert len(excinfo.value.errors) == 1
    assert excinfo.value.errors[0].startswith(message)
    assert snapshot() == before


def test_every_bad_row_is_reported(tmp_path):
    path = write(
        tmp_path,
        HEADER,
        "1,30,Goa,abc,North Goa,,",
        "2,30,Goa,552,South Goa,,",
        "3,77,Nowhere,553,Somewhere,,",
        "",
        "4,30,Goa,552,Mormugao,,",
    )

    with pytest.raises(GeographyImportError) as excinfo:
        districts_import_lgd_csv(file=path)

    assert [e.split(":")[0] for e in excinfo.value.errors] == ["line 2", "line 4", "line 6"]


def test_a_missing_column_is_reported(tmp_path):
    before = snapshot()
    path = write(tmp_path, "S.No.,State Code,District Name (In English)", "1,30,North Goa")

    with pytest.raises(GeographyImportError) as excinfo:
        districts_import_lgd_csv(file=path)

    assert excinfo.value.errors == ["line 1: missing required column(s): District Code"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1: the file is empty"),
        (f"{HEADER}\r\n".encode(), "line 1: the file has no district rows"),
        # 0x81 is neither valid UTF-8 here nor defined in Windows-1252.
        (
            f"{HEADER}\r\n1,30,Goa,551,North Goa,,\r\n".encode() + b"2,30,Goa,552,\x81,,\r\n",
            "line 3: the file is neither UTF-8 nor Windows-1252 text",
        ),
    ],
)
def test_unreadable_files_are_rejected(tmp_path, content, message):
    before = snapshot()
    path = tmp_path / "districts.csv"
    path.write_bytes(content)

    with pytest.raises(GeographyImportError) as excinfo:
        districts_import_lgd_csv(file=path)

    assert excinfo.value.errors == [message]
    assert snapshot() == before


def test_a_rename_onto_another_districts_name_is_rejected(tmp_path):
    districts_import_lgd_csv(file=write(tmp_path, HEADER, "1,30,Goa,552,South Goa,,"))
    before = snapshot()
    # Kushavati has no code: renaming South Goa to it would leave Goa with two Kushavatis.
    path = write(tmp_path, HEADER, "1,30,Goa,552,Kushavati,,", name="clash.csv")

    with pytest.raises(GeographyImportError) as excinfo:
        districts_import_lgd_csv(file=path)

    assert excinfo.value.errors == ["line 2: Goa would have two districts named “Kushavati”"]
    assert snapshot() == before


def test_states_are_matched_by_lgd_code_not_by_our_code(tmp_path):
    assert State.objects.get(lgd_code=18).code == "AS"
    districts_import_lgd_csv(file=write(tmp_path, HEADER, "1,18,Assam,300,Kamrup Metropolitan,,"))
    assert District.objects.get(lgd_code=300).state.code == "AS"
