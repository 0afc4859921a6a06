"""Tables as CSV or XLSX downloads, the columns matching the screen. Cells that a spreadsheet
would read as a formula (starting with =, +, -, @, or a tab or carriage return) are neutralised
with a leading apostrophe. ``cohort_download`` makes a view of one of a cohort's tables."""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Iterable, Sequence

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from openpyxl import Workbook

from . import access
from .models import Cohort

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value):
    """Text that could run as a formula gets a leading apostrophe; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def table_response(
    *, filename: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence]
) -> HttpResponse:
    """A download of ``rows`` under ``header`` as ``fmt`` ("csv" or "xlsx")."""
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
        sheet = workbook.create_sheet()
        sheet.append([neutralise(cell) for cell in header])
        for row in rows:
            sheet.append([neutralise(cell) for cell in row])
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
