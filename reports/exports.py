"""The staff scorecard's tables, for the screen and as downloads.

A ``Table`` is built once per request from a scorecard (``views``) and either rendered or
written as CSV or XLSX, so a download's header row is the screen's, column for column. Each
cell keeps its typed value (a number, a date, empty) for the download beside the text the page
shows. Text that a spreadsheet would run as a formula is neutralised as in every other export
of the platform (``trainers.exports.neutralise``).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE
from trainers.exports import neutralise

CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}

#: Characters a sheet name may not hold (Excel), and its longest length.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_LENGTH = 31


@dataclass(frozen=True)
class Cell:
    """One value: ``value`` goes into the download (int, date, text or None for empty),
    ``text`` onto the page."""

    value: object
    text: str
    numeric: bool = False


def number(value: int | None) -> Cell:
    if value is None:
        return Cell(None, "—", numeric=True)
    return Cell(value, formats.number_format(value, force_grouping=True), numeric=True)


def percent(value: int | None) -> Cell:
    if value is None:
        return Cell(None, "—", numeric=True)
    return Cell(
        value,
        _("%(percent)s %%") % {"percent": formats.number_format(value, force_grouping=True)},
        numeric=True,
    )


def text(value: str) -> Cell:
    return Cell(value, value or "—")


def day(value: datetime.date | None) -> Cell:
    if value is None:
        return Cell(None, "—")
    return Cell(value, formats.date_format(value, "j M Y"))


@dataclass
class TableRow:
    cells: list[Cell]
    #: Where the row's first cell leads ("" for nowhere).
    url: str = ""
    #: Below the coverage a level should have reached: highlighted on the page.
    lagging: bool = False
    #: What the row is (a state's code, a district's id, a cadre's slug), for its picture.
    key: object = None


@dataclass
class Table:
    #: The table's name in URLs (``?table=``) and file names.
    slug: str
    #: Its heading on the page, and the sheet's name in a workbook.
    title: str
    headings: list[str]
    rows: list[TableRow] = field(default_factory=list)
    #: Which columns hold numbers (right-aligned on the page).
    numeric: list[bool] = field(default_factory=list)
    #: Pictures of the same figures shown beside the table: (kind, chart, id on the page)
    #: with kind "map", "bars" or "line" and chart from ``reports.charts``.
    charts: list[tuple[str, object, str]] = field(default_factory=list)

    def add_chart(self, kind: str, chart: object) -> None:
        self.charts.append((kind, chart, f"{self.slug}-chart-{len(self.charts)}"))

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """(heading, holds numbers) for each column."""
        numeric = list(self.numeric) + [False] * (len(self.headings) - len(self.numeric))
        return list(zip(self.headings, numeric, strict=False))


def table_rows(table: Table) -> list[list]:
    return [[cell.value for cell in row.cells] for row in table.rows]


def _value(value, *, workbook: bool):
    """A cell as written: typed in a workbook (an empty cell stays empty), text in a CSV."""
    if value is None:
        return None if workbook else ""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value if workbook else value.isoformat()
    return neutralise(value)


def sheet_title(title: str) -> str:
    return _SHEET_FORBIDDEN.sub(" ", title).strip()[:_SHEET_LENGTH] or "Sheet"


def download(
    *, table: Table, fmt: str, filename: str, rows: Sequence[Sequence] | None = None
) -> HttpResponse:
    """``table`` (or ``rows`` under its headings, for lists too long to hold as cells) as a
    CSV or XLSX file named ``filename``; a format there is not is a 404."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    values = table_rows(table) if rows is None else rows
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # spreadsheet programs then read Hindi and Assamese right
        writer = csv.writer(buffer)
        writer.writerow([_value(heading, workbook=False) for heading in table.headings])
        for row in values:
            writer.writerow([_value(value, workbook=False) for value in row])
        content: bytes = buffer.getvalue().encode("utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = sheet_title(table.title)
        sheet.append([_value(heading, workbook=False) for heading in table.headings])
        bold = Font(bold=True)
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "B2"
        for row in values:
            sheet.append([_value(value, workbook=True) for value in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
        output = io.BytesIO()
        workbook.save(output)
        content = output.getvalue()
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
