"""Reading the spreadsheets people upload (CSV or XLSX), and writing the templates they fill in.

Every importer reads its file here, the same way: the type told apart by content, a CSV read in
one encoding or refused naming the first line that does not fit, a workbook read through
openpyxl in read-only mode and within limits, the first row's headings matched to the
importer's columns however they are spelled, and the rows below returned as text keyed by
column with their line numbers. Nothing here knows what the rows mean: the importer checks
them. Anything that makes a file unusable as a whole is a ``SpreadsheetError``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .errors import DomainError

#: Files above this size are refused before they are read.
MAX_BYTES = 5 * 1024 * 1024
#: An XLSX is a zip: refuse one that would expand beyond this (a "zip bomb").
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: A line of a file: its number (the first is 1) and its cells as text.
Line = tuple[int, list[str]]


class SpreadsheetError(DomainError):
    """The file as a whole cannot be used: wrong type, too large, not readable, wrong
    headings, no rows or too many. ``code`` says which ("size", "type", "encoding", "damaged",
    "headings", "rows"); ``line`` is the line the message names, when it names one."""

    def __init__(
        self, message: str, *, code: str, line: int | None = None, status_code: int | None = None
    ):
        super().__init__(message, status_code=status_code)
        self.code = code
        self.line = line


# --- Telling the type apart -----------------------------------------------------------------


def too_large_message(max_bytes: int = MAX_BYTES) -> str:
    return _("The file is larger than %(size)d MB. Split it, or remove other sheets.") % {
        "size": max_bytes // (1024 * 1024)
    }


def _not_a_workbook() -> SpreadsheetError:
    return SpreadsheetError(
        _("This file is not an Excel workbook (.xlsx). Save the sheet as XLSX or CSV."),
        code="type",
    )


def _not_a_csv() -> SpreadsheetError:
    return SpreadsheetError(
        _("This file is not a CSV spreadsheet. Save the sheet as CSV or XLSX."), code="type"
    )


def sheet_lines(
    *, data: bytes, filename: str, max_bytes: int = MAX_BYTES
) -> tuple[Iterator[Line], str]:
    """The lines of an uploaded spreadsheet, and the encoding a CSV was read in ("" for a
    workbook). A workbook is known by its content whatever its name; a CSV by its name
    (".csv", or ".txt" as Excel names "Unicode text"). A file of another type is refused
    now; the lines are read as they are iterated, so a damaged one is refused then."""
    if len(data) > max_bytes:
        raise SpreadsheetError(too_large_message(max_bytes), code="size", status_code=413)
    name = filename.lower()
    if data.startswith(b"PK\x03\x04"):
        return xlsx_lines(data), ""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            _("This is an old Excel (.xls) file. Save it as .xlsx or CSV and upload it again."),
            code="type",
        )
    if name.endswith(".xlsx"):
        raise _not_a_workbook()
    if name.endswith((".csv", ".txt")):
        text, encoding = decode_csv(data)
        return csv_lines(text), encoding
    raise SpreadsheetError(_("Upload a CSV or XLSX file."), code="type")


# --- CSV ------------------------------------------------------------------------------------


def _not_in_encoding(line: int, encoding: str = "utf-8") -> SpreadsheetError:
    if encoding == "utf-16":
        message = _(
            "Line %(line)d is not valid UTF-16 text: save the sheet as CSV UTF-8 or XLSX and "
            "upload it again."
        )
    else:
        message = _(
            "Line %(line)d is not valid UTF-8: save the file as UTF-8 (CSV UTF-8) and upload "
            "it again."
        )
    return SpreadsheetError(message % {"line": line}, code="encoding", line=line)


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text of an uploaded CSV file and the encoding it was read in — all of the file in
    one encoding, or ``SpreadsheetError`` (code "encoding") naming the first line that does
    not fit. Never a guess that turns letters into other letters:

    - a byte-order mark decides: UTF-8 ("CSV UTF-8" from Excel) or UTF-16 (Excel's "Unicode
      text"); a line that does not decode is an error;
    - otherwise the file must be UTF-8 as a whole;
    - a file that is not UTF-8 is read as Windows-1252 (what Excel on Windows saves as plain
      "CSV") only when that reading is unambiguous: no line of it is valid UTF-8 with letters
      beyond ASCII (a file with both is UTF-8 with a damaged line, and reading it as
      Windows-1252 would garble every Indian name in it), and every byte is a Windows-1252
      character. The caller should then say which encoding was used.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data, "utf-8-sig"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_strict(data, "utf-16"), "utf-16"
    if b"\x00" in data:
        raise _not_a_csv()
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = data.count(b"\n", 0, error.start) + 1
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        raise _not_in_encoding(first_bad)  # UTF-8 elsewhere in the file: a damaged line
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise _not_in_encoding(first_bad) from None


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as failure:
        # The line is counted in the text before the failure, in the file's own encoding.
        before = data[: failure.start].decode(encoding, errors="replace")
        raise _not_in_encoding(before.count("\n") + 1, encoding) from None


def cell_text(value) -> str:
    """A cell as text: numbers typed into a phone column come back as 9876543210, not
    9876543210.0; dates in ISO form; runs of spaces (non-breaking ones too) as one space."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return " ".join(str(value).replace("\u00a0", " ").split())


def csv_lines(text: str) -> Iterator[Line]:
    """The lines of a decoded CSV file, numbered from 1 as a spreadsheet numbers its rows. The
    separator is the one the first non-blank line uses most of: ",", ";" (Excel where the
    decimal separator is a comma) or a tab (Excel's "text" files)."""
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        raise _not_a_csv()
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, [cell_text(value) for value in row]
    except csv.Error as error:
        raise SpreadsheetError(
            _("This CSV file is damaged near line %(line)d.") % {"line": reader.line_num},
            code="damaged",
            line=reader.line_num,
        ) from error


# --- XLSX -----------------------------------------------------------------------------------


def xlsx_lines(data: bytes, *, max_unzipped_bytes: int = MAX_UNZIPPED_BYTES) -> Iterator[Line]:
    """The rows of a workbook's first sheet. The file is opened now (a refusal comes from
    here) and its rows are read as they are iterated. A formula comes back as its text
    ("=…"), never as a value cached by the program that saved it: the importer refuses it
    rather than import a value the person never saw, or one a script never computed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise _not_a_workbook() from None
    if unzipped > max_unzipped_bytes:
        raise SpreadsheetError(_("This workbook is too large to import."), code="size")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # any failure to parse an untrusted file means the same to the person
        raise _not_a_workbook() from None
    if not workbook.worksheets:
        workbook.close()
        raise _not_a_workbook()
    return _first_sheet_lines(workbook)


def _first_sheet_lines(workbook) -> Iterator[Line]:
    try:
        sheet = workbook.worksheets[0]
        # The stored dimensions may be wrong (files written by other programs); read it all.
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(value) for value in values]
    except Exception:
        raise _not_a_workbook() from None
    finally:
        workbook.close()


# --- Columns and rows -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column an importer reads. ``heading`` is how its template writes it (the same in
    every interface language, so a filled-in file stays valid whatever language it was
    downloaded in); ``aliases`` are the other headings accepted, in any language."""

    key: str
    heading: str
    label: object  # lazy translation: errors and instructions name the column by it
    required: bool
    help: object = ""  # lazy translation: what to write in it, for the template
    aliases: tuple[str, ...] = ()


def heading_key(text: str) -> str:
    """A heading as compared: NFC (so both spellings of ज़ match), case-folded, without
    required/optional marks and with runs of spaces, dashes and underscores as one space."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = re.sub(r"\((required|optional|आवश्यक|वैकल्पिक)\)|[*:]", " ", text)
    return " ".join(re.sub(r"[\s_\-.]+", " ", text).split())


def _match_headings(values: list[str], columns: Sequence[Column]) -> dict[int, str]:
    """Which column each cell of the heading row names: {cell index: column key}."""
    spellings = {
        heading_key(spelling): column.key
        for column in columns
        for spelling in (column.heading, *column.aliases, column.key.replace("_", " "))
    }
    found: dict[int, str] = {}
    unknown: list[str] = []
    for index, text in enumerate(values):
        if not text:
            continue  # an unnamed column; rows with values in it say so
        key = spellings.get(heading_key(text))
        if key is None:
            unknown.append(text)
        elif key in found.values():
            raise SpreadsheetError(
                _("Two columns are headed “%(heading)s”: keep one.") % {"heading": text},
                code="headings",
            )
        else:
            found[index] = key
    expected = ", ".join(column.heading for column in columns)
    if unknown:
        raise SpreadsheetError(
            _(
                "Unknown column “%(heading)s”. The first row must name the columns: "
                "%(expected)s. Download the template to see them."
            )
            % {"heading": unknown[0][:60], "expected": expected},
            code="headings",
        )
    named = set(found.values())
    missing = [str(c.label) for c in columns if c.required and c.key not in named]
    if missing:
        raise SpreadsheetError(
            _("Required columns are missing: %(missing)s. The columns are: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": expected},
            code="headings",
        )
    return found


@dataclass(frozen=True)
class Row:
    #: The line of the file (1 is the first, blank and note lines counted).
    line: int
    #: {column key: text} for every column of the heading row ("" where the line is short).
    values: dict[str, str]
    #: The line has values in a column without a heading, or beyond the last one.
    outside_columns: bool = False


@dataclass(frozen=True)
class Sheet:
    #: column key → the heading as written in the file (to name the column with errors)
    headings: dict[str, str]
    rows: list[Row]
    #: How a CSV file was decoded ("utf-8", "utf-16", "cp1252"); "" for a workbook
    encoding: str = ""


def read_sheet(
    *,
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    max_rows: int,
    max_bytes: int = MAX_BYTES,
    no_rows: str | None = None,
    too_many_rows: str | None = None,
) -> Sheet:
    """Read an uploaded spreadsheet whose first row names ``columns``: every row below it,
    blank lines and lines starting with "#" (the template's notes) left out. Raises
    ``SpreadsheetError`` for anything that makes the file unusable as a whole, with
    ``no_rows`` / ``too_many_rows`` as the message when there are no rows or more than
    ``max_rows`` (the importer names what its rows are). The rows themselves are not
    checked."""
    lines, encoding = sheet_lines(data=data, filename=filename, max_bytes=max_bytes)
    index: dict[int, str] | None = None
    headings: dict[str, str] = {}
    rows: list[Row] = []
    for number, values in lines:
        if not any(values) or values[0].startswith("#"):
            continue
        if index is None:
            index = _match_headings(values, columns)
            headings = {key: values[i] for i, key in index.items()}
            continue
        if len(rows) >= max_rows:
            if too_many_rows is None:
                too_many_rows = _(
                    "The file has more than %(limit)s rows. Split it into files of at most "
                    "%(limit)s rows and import them one after the other."
                ) % {"limit": f"{max_rows:,}"}
            raise SpreadsheetError(too_many_rows, code="rows")
        rows.append(
            Row(
                line=number,
                values={key: values[i] if i < len(values) else "" for i, key in index.items()},
                outside_columns=any(value for i, value in enumerate(values) if i not in index),
            )
        )
    if not rows:
        raise SpreadsheetError(
            no_rows if no_rows is not None else _("The file has no rows under its headings."),
            code="rows",
        )
    return Sheet(headings=headings, rows=rows, encoding=encoding)


# --- Templates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """A list to choose a column's values from: written out in the template, and offered as
    a drop-down in the XLSX one (which warns about other values, never refuses them)."""

    title: str
    values: Sequence[str]
    #: The key of the column that takes its values from the list.
    column: str
    #: The width of the list's column on the lists sheet, in characters (XLSX).
    width: int = 30


@dataclass(frozen=True)
class Template:
    """A spreadsheet to fill in: the headings on the first row, and instructions — notes,
    each column with what to write in it, and the lists to choose from. As CSV the
    instructions are lines starting with "#" above the headings (``read_sheet`` skips them);
    as XLSX they are on sheets of their own."""

    #: The name of the sheet to fill in (XLSX).
    title: str
    columns: Sequence[Column]
    notes: Sequence[str] = ()
    choices: Sequence[Choices] = ()
    #: Column widths in characters (XLSX), in the order of ``columns``.
    widths: Sequence[int] = ()
    #: How many rows below the headings the drop-downs cover (XLSX).
    rows: int = 1000

    def _column_rows(self) -> list[list[str]]:
        return [
            [
                column.heading,
                str(_("required") if column.required else _("optional")),
                str(column.help),
            ]
            for column in self.columns
        ]

    def render(self, fmt: str) -> tuple[bytes, str]:
        """The template as (content, content type); ``fmt`` is "csv" or "xlsx"."""
        if fmt == "csv":
            return self.to_csv(), CSV_CONTENT_TYPE
        if fmt == "xlsx":
            return self.to_xlsx(), XLSX_CONTENT_TYPE
        raise ValueError(fmt)

    def to_csv(self) -> bytes:
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so that spreadsheet programs read Hindi and Assamese right
        writer = csv.writer(buffer)
        for note in self.notes:
            writer.writerow([f"# {note}"])
        for heading, required, help_text in self._column_rows():
            writer.writerow([f"# {heading} ({required}): {help_text}"])
        for choices in self.choices:
            writer.writerow([f"# {choices.title}: " + "; ".join(choices.values)])
        writer.writerow([column.heading for column in self.columns])
        return buffer.getvalue().encode("utf-8")

    def to_xlsx(self) -> bytes:
        bold = Font(bold=True)
        workbook = Workbook()
        main = workbook.active
        main.title = self.title
        main.append([column.heading for column in self.columns])
        for cell in main[1]:
            cell.font = bold
        main.freeze_panes = "A2"
        for number, width in enumerate(self.widths, start=1):
            main.column_dimensions[get_column_letter(number)].width = width
        for number in range(1, len(self.columns) + 1):
            # Text, so Excel keeps mobile numbers and codes as typed (no 9.88E+09).
            main.column_dimensions[get_column_letter(number)].number_format = "@"

        help_sheet = workbook.create_sheet(str(_("Instructions")))
        for note in self.notes:
            help_sheet.append([note])
        help_sheet.append([])
        help_sheet.append([str(_("Column")), str(_("Required?")), str(_("What to write"))])
        for cell in help_sheet[help_sheet.max_row]:
            cell.font = bold
        for row in self._column_rows():
            help_sheet.append(row)
        help_sheet.column_dimensions["A"].width = 18
        help_sheet.column_dimensions["C"].width = 90

        if self.choices:
            self._add_choices(workbook, main, bold)
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    def _add_choices(self, workbook: Workbook, main, bold: Font) -> None:
        lists = workbook.create_sheet(str(_("Lists")))
        lists.append([choices.title for choices in self.choices])
        for cell in lists[1]:
            cell.font = bold
        for index in range(max(len(choices.values) for choices in self.choices)):
            lists.append(
                [
                    choices.values[index] if index < len(choices.values) else None
                    for choices in self.choices
                ]
            )
        sheet_ref = "'" + lists.title.replace("'", "''") + "'"
        keys = [column.key for column in self.columns]
        for number, choices in enumerate(self.choices, start=1):
            source = get_column_letter(number)
            lists.column_dimensions[source].width = choices.width
            if not choices.values:
                continue
            target = get_column_letter(keys.index(choices.column) + 1)
            validation = DataValidation(
                type="list",
                formula1=f"={sheet_ref}!${source}$2:${source}${len(choices.values) + 1}",
                allow_blank=True,
                errorStyle="warning",
            )
            main.add_data_validation(validation)
            validation.add(f"{target}2:{target}{self.rows + 1}")
