"""Tables as CSV or XLSX downloads, the columns matching the screen. Cells that a spreadsheet
would read as a formula (starting with =, +, -, @, or a tab or carriage return) are neutralised
with a leading apostrophe. In a workbook the sheet is named after its table and cells keep
their types: numbers are numbers, dates and times are dates with a number format (a CSV writes
them as ISO text). ``cohort_download`` makes a view of one of a cohort's tables."""

from __future__ import annotations

import csv
import datetime
import decimal
import functools
import io
import re
from collections.abc import Callable, Iterable, Sequence

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from . import access
from .models import Cohort

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
#: Characters a sheet's name may not hold, and its longest length (Excel's rules).
_SHEET_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
_SHEET_LENGTH = 31


def neutralise(value):
    """Text that could run as a formula gets a leading apostrophe; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _local(value: datetime.datetime) -> datetime.datetime:
    """An aware time in India time, without its zone (a workbook holds no zones)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


def sheet_title(title: str) -> str:
    """``title`` as a sheet's name: without the characters Excel refuses, at most 31 long."""
    return _SHEET_FORBIDDEN.sub(" ", str(title)).strip()[:_SHEET_LENGTH].strip() or "Table"


def workbook_cell(sheet, value) -> WriteOnlyCell:
    """``value`` as a typed cell: empty stays empty, a date or a time gets a number format,
    a number stays a number, text is neutralised."""
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_local(value))
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
    elif value is None or value == "":
        cell = WriteOnlyCell(sheet, value=None)
    elif isinstance(value, decimal.Decimal):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet, value=neutralise(value))
    return cell


def table_response(
    *, filename: str, fmt: str, title: str, header: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    """A download of ``rows`` under ``header`` as ``fmt`` ("csv" or "xlsx"); in a workbook,
    on a sheet named ``title``."""
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # spreadsheet programs then read UTF-8 (Hindi, Assamese) right
        writer = csv.writer(buffer)
        writer.writerow([neutralise(cell) for cell in header])
        for row in rows:
            writer.writerow([neutralise(cell) for cell in row])
        content: bytes = buffer.getvalue().encode("utf-8")
    elif fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(sheet_title(title))
        sheet.freeze_panes = "B2"
        bold = Font(bold=True)
        headings = []
        for heading in header:
            cell = WriteOnlyCell(sheet, value=neutralise(heading))
            cell.font = bold
            headings.append(cell)
        sheet.append(headings)
        for row in rows:
            sheet.append([workbook_cell(sheet, value) for value in row])
        output = io.BytesIO()
        workbook.save(output)
        content = output.getvalue()
    else:
        raise ValueError(fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def cohort_download(
    view: Callable[[HttpRequest, Cohort, str], HttpResponse],
) -> Callable[..., HttpResponse]:
    """A view of one of a cohort's tables as a download: ``view(request, cohort, fmt)`` gets a
    cohort the signed-in user may read (``cohort_for_reader``: a download changes nothing) and
    a format there is; anything else is a 404."""

    @login_required
    @functools.wraps(view)
    def download(request: HttpRequest, cohort_id, fmt: str) -> HttpResponse:
        cohort = access.cohort_for_reader(user=request.user, cohort_id=cohort_id)
        if fmt not in CONTENT_TYPES:
            raise Http404
        return view(request, cohort, fmt)

    return download
