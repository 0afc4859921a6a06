"""Reading uploaded spreadsheets, the one way every importer reads them: the type told apart by
content, a CSV in one encoding or an error naming the line, a workbook read as typed, headings
matched to the importer's columns, rows with their line numbers; and the templates."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from lms.core.errors import DomainError
from lms.core.spreadsheets import (
    Choices,
    Column,
    SpreadsheetError,
    Template,
    cell_text,
    csv_lines,
    decode_csv,
    read_sheet,
    sheet_lines,
    xlsx_lines,
)

#: An importer's columns, as a "posts" importer might name them.
COLUMNS = (
    Column(key="district", heading="District", label="District", required=True, aliases=("जिला",)),
    Column(key="cadre", heading="Cadre", label="Cadre", required=True),
    Column(
        key="sanctioned",
        heading="Sanctioned posts",
        label="Sanctioned posts",
        required=False,
        help="How many posts are sanctioned.",
        aliases=("sanctioned",),
    ),
)


def read(data: bytes, filename: str = "posts.csv", **options):
    options.setdefault("max_rows", 100)
    return read_sheet(data=data, filename=filename, columns=COLUMNS, **options)


def xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def refusal(call) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as raised:
        call()
    return raised.value


# --- Decoding a CSV -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # UTF-16 with a lone surrogate on line 3
        (
            "\ufeffa\nb\n".encode("utf-16-le") + b"\x00\xd8" + "x\n".encode("utf-16-le"),
            "Line 3 is not valid UTF-16 text",
        ),
        # Not UTF-8, and 0x81 is no Windows-1252 character either
        (b"Full name\nA\nB\x81\n", "Line 3 is not valid UTF-8"),
        # Windows-1252 on line 2, UTF-8 on line 3: one file, two encodings
        (b"a\nJos\xe9\n" + "अनीता\n".encode(), "Line 2 is not valid UTF-8"),
    ],
)
def test_decode_csv_refuses_what_it_cannot_read_in_one_encoding(data, message):
    error = refusal(lambda: decode_csv(data))
    assert message in error.message
    assert error.code == "encoding"
    assert error.line == int(message.split()[1])


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"plain ascii\n", "plain ascii\n", "utf-8"),
        ("\ufeffअनीता\n".encode(), "अनीता\n", "utf-8"),
        ("Zoë\n".encode("cp1252"), "Zoë\n", "cp1252"),
        ("“quoted” \u2013 Zoë\n".encode("cp1252"), "“quoted” \u2013 Zoë\n", "cp1252"),
        ("অনামিকা\n".encode("utf-16"), "অনামিকা\n", "utf-16"),
        ("অনামিকা\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "অনামিকা\n", "utf-16"),
    ],
)
def test_decode_csv_reads_each_encoding_whole(data, text, encoding):
    assert decode_csv(data) == (text, encoding)


def test_a_utf16_csv_with_tabs_reads_into_rows_keyed_by_column():
    text = "District\tCadre\tSanctioned posts\r\nकामरूप\tसामाजिक कार्यकर्ता\t12\r\n"
    sheet = read(text.encode("utf-16"), "posts.txt")
    assert sheet.encoding == "utf-16"
    assert [(row.line, row.values) for row in sheet.rows] == [
        (2, {"district": "कामरूप", "cadre": "सामाजिक कार्यकर्ता", "sanctioned": "12"})
    ]


def test_binary_bytes_are_no_csv():
    error = refusal(lambda: decode_csv(b"a,b\n\x00\x01"))
    assert "not a CSV spreadsheet" in error.message
    error = refusal(lambda: list(csv_lines("a,b\n\x07,c\n")))
    assert "not a CSV spreadsheet" in error.message


def test_the_separator_is_the_one_the_first_line_uses():
    assert list(csv_lines("\n a ; b ;c\n1;2,5;3\n")) == [
        (1, []),
        (2, ["a", "b", "c"]),
        (3, ["1", "2,5", "3"]),
    ]
    assert list(csv_lines("a\tb\n1\t2\n")) == [(1, ["a", "b"]), (2, ["1", "2"])]


# --- The type, the size ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "a.xls", "old Excel"),
        (b"District,Cadre\n", "a.xlsx", "not an Excel workbook"),
        (b"PK\x03\x04 broken zip", "a.xlsx", "not an Excel workbook"),
        (b"{}", "a.json", "Upload a CSV or XLSX file."),
    ],
)
def test_a_file_of_another_type_is_refused(data, filename, message):
    error = refusal(lambda: sheet_lines(data=data, filename=filename))
    assert message in error.message
    assert (error.code, error.status_code) == ("type", 400)


def test_a_workbook_is_known_by_its_content_whatever_its_name():
    lines, encoding = sheet_lines(data=xlsx(["District", "Cadre"]), filename="posts.csv")
    assert (list(lines), encoding) == ([(1, ["District", "Cadre"])], "")


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    megabyte = 1024 * 1024
    error = refusal(lambda: read(b"\xff" * (megabyte + 1), max_bytes=megabyte))
    assert error.message == "The file is larger than 1 MB. Split it, or remove other sheets."
    assert (error.code, error.status_code) == ("size", 413)
    assert isinstance(error, DomainError)


def test_a_workbook_that_would_unzip_beyond_the_limit_is_refused():
    data = xlsx(["District", "Cadre"], ["Kamrup", "x" * 5000])
    assert list(xlsx_lines(data))
    error = refusal(lambda: list(xlsx_lines(data, max_unzipped_bytes=len(data))))
    assert "too large to import" in error.message


# --- Workbooks as typed ---------------------------------------------------------------------


def test_a_formula_comes_back_as_its_text_not_a_cached_value():
    assert list(xlsx_lines(xlsx(["Sanctioned posts"], ["=2+3"], [5]))) == [
        (1, ["Sanctioned posts"]),
        (2, ["=2+3"]),
        (3, ["5"]),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (9876543210.0, "9876543210"),
        (2.5, "2.5"),
        (True, "True"),
        (None, ""),
        (datetime.date(2026, 3, 1), "2026-03-01"),
        ("  Kamrup\u00a0 Metro ", "Kamrup Metro"),
    ],
)
def test_cells_as_text(value, text):
    assert cell_text(value) == text


def test_an_empty_sheet_has_no_rows():
    error = refusal(lambda: read(xlsx(), "posts.xlsx"))
    assert (error.message, error.code) == ("The file has no rows under its headings.", "rows")
    error = refusal(lambda: read(xlsx(["District", "Cadre"]), "posts.xlsx", no_rows="No posts."))
    assert error.message == "No posts."


def test_a_workbook_without_a_sheet_is_not_a_workbook():
    source = zipfile.ZipFile(io.BytesIO(xlsx(["District", "Cadre"], ["Kamrup", "Counsellor"])))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/workbook.xml":
                content = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", content)
            target.writestr(name, content)
    error = refusal(lambda: read(output.getvalue(), "posts.xlsx"))
    assert "not an Excel workbook" in error.message


# --- Headings and rows ----------------------------------------------------------------------


def test_headings_match_whatever_their_spelling_and_rows_keep_their_line_numbers():
    text = (
        "# Notes above the headings are left out\n"
        "\n"
        "जिला (required),CADRE *,sanctioned_posts,\n"
        "Kamrup,Counsellor,4\n"
        ",,,\n"
        "# a note between rows\n"
        "Barpeta,Social worker\n"
        "Nagaon,Counsellor,2,a stray value\n"
    )
    sheet = read(text.encode())
    assert sheet.headings == {
        "district": "जिला (required)",
        "cadre": "CADRE *",
        "sanctioned": "sanctioned_posts",
    }
    assert [(row.line, row.values, row.outside_columns) for row in sheet.rows] == [
        (4, {"district": "Kamrup", "cadre": "Counsellor", "sanctioned": "4"}, False),
        (7, {"district": "Barpeta", "cadre": "Social worker", "sanctioned": ""}, False),
        (8, {"district": "Nagaon", "cadre": "Counsellor", "sanctioned": "2"}, True),
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "District,Cadre,Town",
            "Unknown column “Town”. The first row must name the columns: District, Cadre, "
            "Sanctioned posts. Download the template to see them.",
        ),
        (
            "District,Sanctioned posts",
            "Required columns are missing: Cadre. The columns are: District, Cadre, "
            "Sanctioned posts.",
        ),
        ("District,Cadre,district", "Two columns are headed “district”: keep one."),
    ],
)
def test_headings_that_do_not_match_the_columns_are_refused(header, message):
    error = refusal(lambda: read(f"{header}\nKamrup,Counsellor,1\n".encode()))
    assert (error.message, error.code) == (message, "headings")


def test_more_rows_than_allowed_are_refused():
    data = ("District,Cadre\n" + "Kamrup,Counsellor\n" * 4).encode()
    assert len(read(data, max_rows=4).rows) == 4
    error = refusal(lambda: read(data, max_rows=3))
    assert error.message.startswith("The file has more than 3 rows.")
    assert error.code == "rows"
    error = refusal(lambda: read(data, max_rows=3, too_many_rows="Too many posts."))
    assert error.message == "Too many posts."


def test_a_damaged_csv_names_the_line():
    limit = csv.field_size_limit(10)  # a cell longer than this is an error of the csv module
    try:
        error = refusal(lambda: read(b"District,Cadre\nKamrup,Counsellor and more\n"))
    finally:
        csv.field_size_limit(limit)
    assert (error.message, error.code, error.line) == (
        "This CSV file is damaged near line 2.",
        "damaged",
        2,
    )


# --- Templates ------------------------------------------------------------------------------


def template(**options) -> Template:
    return Template(
        title="Posts",
        columns=COLUMNS,
        notes=["One row per district and cadre."],
        choices=[Choices(title="Cadres", values=["Counsellor", "Social worker"], column="cadre")],
        widths=(20, 30),
        rows=50,
        **options,
    )


def test_the_csv_template_has_its_instructions_as_notes_and_reads_back_empty():
    content, content_type = template().render("csv")
    assert content_type == "text/csv; charset=utf-8"
    assert content.decode("utf-8-sig").splitlines() == [
        "# One row per district and cadre.",
        "# District (required): ",
        "# Cadre (required): ",
        "# Sanctioned posts (optional): How many posts are sanctioned.",
        "# Cadres: Counsellor; Social worker",
        "District,Cadre,Sanctioned posts",
    ]
    error = refusal(lambda: read(content))
    assert error.code == "rows"


def test_the_xlsx_template_offers_each_list_in_its_column():
    content, content_type = template().render("xlsx")
    assert content_type.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(content))
    main, instructions, lists = workbook.worksheets
    assert main.title == "Posts"
    assert [c.value for c in main[1]] == ["District", "Cadre", "Sanctioned posts"]
    assert main.freeze_panes == "A2"
    assert (main.column_dimensions["A"].width, main.column_dimensions["B"].width) == (20, 30)
    assert [[c.value for c in row] for row in instructions.iter_rows(min_row=3)] == [
        ["Column", "Required?", "What to write"],
        ["District", "required", None],
        ["Cadre", "required", None],
        ["Sanctioned posts", "optional", "How many posts are sanctioned."],
    ]
    assert [c.value for c in lists["A"]] == ["Cadres", "Counsellor", "Social worker"]
    (validation,) = main.data_validations.dataValidation
    assert str(validation.sqref) == "B2:B51"
    assert validation.formula1 == "='Lists'!$A$2:$A$3"
    error = refusal(lambda: read(content, "posts.xlsx"))
    assert error.code == "rows"


def test_a_list_with_no_values_offers_no_drop_down():
    empty = Template(
        title="Posts",
        columns=COLUMNS,
        choices=[Choices(title="Cadres", values=[], column="cadre")],
    )
    workbook = load_workbook(io.BytesIO(empty.to_xlsx()))
    assert not workbook.worksheets[0].data_validations.dataValidation
    assert [c.value for c in workbook.worksheets[2]["A"]] == ["Cadres"]


def test_a_template_is_csv_or_xlsx():
    with pytest.raises(ValueError, match="pdf"):
        template().render("pdf")
