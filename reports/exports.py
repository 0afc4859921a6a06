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

from . import selectors
from .models import PersonStanding

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
    #: The people list behind the number (``?show=`` of the row's people page), if any.
    show: str = ""


def number(value: int | None, *, show: str = "") -> Cell:
    if value is None:
        return Cell(None, "—", numeric=True)
    shown = formats.number_format(value, force_grouping=True)
    return Cell(value, shown, numeric=True, show=show if value else "")


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


# --- The scorecard's tables -----------------------------------------------------------------

#: A level's own coverage below this percentage is lagging (its headline figure is marked).
LAGGING_BELOW = 50
#: A row (a state, a district, a cadre) whose coverage is more than this many points below
#: its level's coverage is lagging: highlighted, and first when sorted by coverage. Relative
#: to the level, so that where every place is below target the marks still say which lag.
LAGGING_MARGIN = 5
#: The coverage column of a figures table (``figure_headings``), and the trend's columns of
#: coverage and of certificates issued (``trend_table``).
COVERAGE_COLUMN = 8
TREND_COVERAGE, TREND_CERTIFICATES = 1, 5


def coverage_basis(figures: selectors.Figures) -> str:
    """Where the people in post come from: reported posts, registrations, or both."""
    if not figures.posts_reported:
        if figures.estimated:
            return _("No posts reported; estimated from registrations")
        return _("No posts reported")
    if figures.estimated:
        return _("Partly estimated from registrations")
    return _("Reported posts")


def is_lagging(figures: selectors.Figures | None) -> bool:
    """Whether a level's own coverage is below target."""
    coverage = figures.coverage_percent if figures is not None else None
    return coverage is not None and coverage < LAGGING_BELOW


def lags_behind(figures: selectors.Figures | None, level: selectors.Figures | None) -> bool:
    """Whether a row's coverage is more than ``LAGGING_MARGIN`` points below its level's."""
    coverage = figures.coverage_percent if figures is not None else None
    overall = level.coverage_percent if level is not None else None
    return coverage is not None and overall is not None and coverage < overall - LAGGING_MARGIN


def figure_headings(first: str) -> list[str]:
    return [
        first,
        _("Posts sanctioned"),
        _("Posts filled"),
        _("Registered"),
        _("Started"),
        _("Completed"),
        _("Trained"),
        _("People in post"),
        _("Coverage"),
        _("Coverage basis"),
        _("Expiring in 90 days"),
        _("Overdue"),
    ]


def figure_cells(label: str, figures: selectors.Figures) -> list[Cell]:
    posts = figures.posts_reported > 0
    return [
        text(label),
        number(figures.posts_sanctioned if posts else None),
        number(figures.posts_filled if posts else None),
        number(figures.registered, show="registered"),
        number(figures.started, show="started"),
        number(figures.completed, show="completed"),
        number(figures.trained, show="trained"),
        number(figures.in_post),
        percent(figures.coverage_percent),
        text(coverage_basis(figures)),
        number(figures.expiring, show="expiring"),
        number(figures.overdue, show="overdue"),
    ]


def sorted_rows(rows: list[selectors.Row], sort: str) -> list[selectors.Row]:
    if sort != "coverage":
        return rows
    # Lowest coverage first; places nobody is in post come last.
    return sorted(
        rows,
        key=lambda row: (
            row.figures.coverage is None,
            row.figures.coverage if row.figures.coverage is not None else 0,
        ),
    )


def figures_table(
    *,
    slug: str,
    title: str,
    first: str,
    rows: list[selectors.Row],
    label_for,
    url_for,
    sort: str,
    level: selectors.Figures | None = None,
) -> Table:
    """A table of ``rows`` one step below a level whose figures are ``level`` (the rows
    lagging behind it are marked)."""
    table = Table(slug=slug, title=title, headings=figure_headings(first))
    for row in sorted_rows(rows, sort):
        table.rows.append(
            TableRow(
                cells=figure_cells(label_for(row), row.figures),
                url=url_for(row),
                lagging=lags_behind(row.figures, level),
                key=row.key,
            )
        )
    table.numeric = [cell.numeric for cell in table.rows[0].cells] if table.rows else []
    return table


def module_table(scorecard: selectors.Scorecard) -> Table:
    table = Table(
        slug="modules",
        title=_("Required modules"),
        headings=[
            _("Module"),
            _("Enrolled"),
            _("Completed"),
            _("Certified"),
            _("Expiring in 90 days"),
            _("Overdue"),
        ],
    )
    for row in scorecard.by_module:
        counts = row.module_figures or {}
        table.rows.append(
            TableRow(
                cells=[
                    text(row.label),
                    *(
                        number(counts.get(name, 0))
                        for name in ("enrolled", "completed", "certified", "expiring", "overdue")
                    ),
                ]
            )
        )
    table.numeric = [False] + [True] * 5
    return table


def trend_table(scorecard: selectors.Scorecard) -> Table:
    table = Table(
        slug="trend",
        title=_("Last 12 months"),
        headings=[
            _("Month"),
            _("Coverage"),
            _("Trained"),
            _("People in post"),
            _("Completions"),
            _("Certificates issued"),
        ],
    )
    for month in scorecard.trend:
        figures = month["figures"]
        table.rows.append(
            TableRow(
                cells=[
                    Cell(f"{month['month']:%Y-%m}", month_label(month["month"])),
                    percent(figures.coverage_percent if figures else None),
                    number(figures.trained if figures else None),
                    number(figures.in_post if figures else None),
                    number(month["completions"]),
                    number(month["certificates"]),
                ],
                key=month["month"],
            )
        )
    table.numeric = [False] + [True] * 5
    return table


def month_label(month: datetime.date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def state_label(row: selectors.Row) -> str:
    return row.label or _("No state given")


def district_label(row: selectors.Row) -> str:
    return row.label or _("The state's own units (no district)")


def cadre_label(row: selectors.Row) -> str:
    return row.label or _("No cadre given")


def people_labels() -> dict[str, str]:
    """What each people list is called (the keys of ``selectors.PEOPLE_FILTERS``)."""
    return {
        "registered": _("Registered"),
        "not_started": _("Not started"),
        "started": _("Started"),
        "in_progress": _("In progress"),
        "completed": _("Completed"),
        "trained": _("Trained"),
        "expiring": _("Expiring in 90 days"),
        "overdue": _("Overdue"),
    }


def people_table(standings, *, record_urls: dict[int, str]) -> Table:
    statuses = dict(PersonStanding.Status.choices)
    yes, no = _("Yes"), _("No")
    table = Table(
        slug="people",
        title=_("People"),
        headings=[
            _("Name"),
            _("Email or mobile number"),
            _("District"),
            _("Cadre"),
            _("Status"),
            _("Next due"),
            _("Expiring in 90 days"),
            _("Overdue"),
        ],
        numeric=[False] * 8,
    )
    for standing in standings:
        user = standing.user
        table.rows.append(
            TableRow(
                cells=[
                    text(user.full_name or user.contact),
                    text(user.contact),
                    text(standing.district.name if standing.district else ""),
                    text(standing.cadre.name if standing.cadre else ""),
                    text(str(statuses.get(standing.status, standing.status))),
                    day(standing.next_due),
                    text(yes if standing.expiring else no),
                    text(yes if standing.overdue else no),
                ],
                url=record_urls.get(standing.user_id, ""),
                lagging=standing.overdue,
            )
        )
    return table


def facts_tables(facts) -> list[Table]:
    """The tables of a level's other facts (``reports.facts.Facts``): in-person training
    delivered, assessments' pass rates, time to certificate, languages."""
    delivery = Table(
        slug="delivery",
        title=_("In-person training this month"),
        headings=[_("Measure"), _("Count")],
        rows=[
            TableRow(cells=[text(_("Sessions held")), number(facts.sessions)]),
            TableRow(cells=[text(_("Trainers who ran them")), number(facts.trainers)]),
        ],
        numeric=[False, True],
    )
    passes = Table(
        slug="pass-rates",
        title=_("Assessments in the last 12 months"),
        headings=[_("Module"), _("Attempts"), _("Passed"), _("Pass rate")],
        rows=[
            TableRow(
                cells=[
                    text(f"{row['code']} {row['title']}"),
                    number(row["attempts"]),
                    number(row["passed"]),
                    percent(row["rate"]),
                ]
            )
            for row in facts.pass_rates
        ],
        numeric=[False, True, True, True],
    )
    durations = Table(
        slug="time-to-certificate",
        title=_("Time from enrolment to certificate"),
        headings=[_("Module"), _("Version"), _("Certificates"), _("Median days")],
        rows=[
            TableRow(
                cells=[
                    text(row["code"]),
                    text(row["version"]),
                    number(row["certificates"]),
                    Cell(
                        row["median_days"],
                        "—"
                        if row["median_days"] is None
                        else formats.number_format(row["median_days"], 1),
                        numeric=True,
                    ),
                ]
            )
            for row in facts.durations
        ],
        numeric=[False, False, True, True],
    )
    languages = Table(
        slug="languages",
        title=_("Languages people chose"),
        headings=[_("Language"), _("People")],
        rows=[
            TableRow(cells=[text(name), number(people)]) for _code, name, people in facts.languages
        ],
        numeric=[False, True],
    )
    return [delivery, passes, durations, languages]
