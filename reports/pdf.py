"""A state's or a district's monthly scorecard as a print-ready A4 PDF, in English, Hindi or
Assamese.

The PDF shows what the staff scorecard shows for the month (``selectors.state_scorecard`` /
``district_scorecard``: rollup cells only, a fixed number of queries): the headline figures,
the districts (a state) or cadres (a district), the state's figures by cadre, the twelve-month
trend as a vector chart with its table, and how coverage is computed. Aggregates only: no
person is named.

Rendering follows the certificates' rules (``certification.rendering``): the fonts are the
Noto files bundled under ``certification/assets/fonts`` (Latin, Devanagari, Bengali-Assamese),
named by the @font-face rules of ``templates/reports/pdf/scorecard.css``, and every resource
goes through certification's URL fetcher, which serves those bundled assets and ``data:`` URIs
and refuses everything else: nothing is fetched from the network, and a template that names
an ``http:`` URL stops the render with ``RenderError``. The font configuration and the parsed
stylesheet are built once per process and shared by every render.

Text comes from gettext under ``translation.override(language)``; which language a state reads
besides English has one home, ``STATE_LANGUAGES``.
"""

from __future__ import annotations

import atexit
import datetime
import threading
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from certification.rendering import ASSETS_DIR, MONTHS, RenderError, format_date, make_fetcher
from lms.geography.models import District, State

from . import charts, selectors
from .selectors import Figures, Row, Scorecard

PDF_TEMPLATE = "reports/pdf/scorecard.html"
STYLESHEET = Path(__file__).resolve().parent / "templates" / "reports" / "pdf" / "scorecard.css"

#: The languages a scorecard PDF is written in.
PDF_LANGUAGES = ("en", "hi", "as")

#: The language of a state's scorecard besides English, by state code: Assamese in Assam,
#: Hindi in Bihar and the Hindi-speaking states and union territories; English elsewhere
#: (until the platform ships the state's own language).
STATE_LANGUAGES = {
    "AS": "as",
    **dict.fromkeys(["BR", "CG", "CH", "DL", "HP", "HR", "JH", "MP", "RJ", "UK", "UP"], "hi"),
}


def state_language(state: State) -> str:
    """The language a state's scorecard is read in besides English."""
    return STATE_LANGUAGES.get(state.code, "en")


def pdf_languages(state: State) -> list[str]:
    """The languages a state's scorecard PDF is offered in: English, then the state's own."""
    return list(dict.fromkeys(["en", state_language(state)]))


def pdf_filename(
    *, state: State, district: District | None, month: datetime.date, language: str
) -> str:
    """The download's file name, e.g. ``scorecard-AS-2026-11-as.pdf`` or, for a district,
    ``scorecard-AS-lgd-303-2026-11-en.pdf``."""
    place = state.code
    if district is not None:
        place += f"-lgd-{district.lgd_code}" if district.lgd_code else f"-{district.pk}"
    return f"scorecard-{place}-{month:%Y-%m}-{language}.pdf"


# --- Content --------------------------------------------------------------------------------


def month_label(month: datetime.date, language: str) -> str:
    months = MONTHS.get(language, MONTHS["en"])
    return f"{months[month.month - 1]} {month.year}"


def _number(value: int | None) -> str:
    return "\u2013" if value is None else str(value)


def _percent(value: int | None) -> str:
    # "38 %", as the staff pages print it; an en dash when nobody is in post.
    return "\u2013" if value is None else _("%(percent)s %%") % {"percent": value}


@dataclass
class Table:
    title: str
    headings: list[str]
    rows: list[list[str]]
    total: list[str] | None = None
    #: Whether the first column names something (left-aligned) rather than a number.
    named: bool = True


def _figure_cells(figures: Figures | None) -> list[str]:
    figures = figures or Figures()
    in_post = _number(figures.in_post)
    if figures.estimated:
        in_post += "\u00a0*"  # at least partly people registered, for want of posts reported
    return [
        in_post,
        _number(figures.trained),
        _percent(figures.coverage_percent),
        _number(figures.expiring),
        _number(figures.overdue),
    ]


def _figure_headings(first: str) -> list[str]:
    return [
        first,
        _("People in post"),
        _("Trained"),
        _("Coverage"),
        _("Expiring in 90 days"),
        _("Overdue"),
    ]


def _place_table(title: str, first: str, rows: list[Row], total: Figures, blank: str) -> Table:
    return Table(
        title=title,
        headings=_figure_headings(first),
        rows=[[row.label or blank, *_figure_cells(row.figures)] for row in rows],
        total=[_("Total"), *_figure_cells(total)],
    )


def _trend_table(scorecard: Scorecard, language: str) -> Table:
    rows = []
    for point in scorecard.trend:
        figures = point["figures"]
        rows.append(
            [
                month_label(point["month"], language),
                _number(figures.in_post if figures else None),
                _number(figures.trained if figures else None),
                _percent(figures.coverage_percent if figures else None),
                _number(point["completions"]),
                _number(point["certificates"]),
            ]
        )
    return Table(
        title=_("The last 12 months"),
        headings=[
            _("Month"),
            _("People in post"),
            _("Trained"),
            _("Coverage"),
            _("Completions"),
            _("Certificates issued"),
        ],
        rows=rows,
    )


# --- The trend chart --------------------------------------------------------------------------


def trend_chart(scorecard: Scorecard, language: str) -> charts.LineChart:
    """Coverage by month, drawn by the staff and public pages' line chart (vector SVG, the
    value as text on each point); a month without figures or without anyone in post breaks
    the line. Months are numbered (01 to 12, the same in every language and short enough for
    twelve of them); the title names the first and the last, the table below all of them."""
    items = []
    for point in scorecard.trend:
        figures = point["figures"]
        percent = figures.coverage_percent if figures is not None else None
        items.append({"label": f"{point['month']:%m}", "value": percent, "text": _percent(percent)})
    title = _("Coverage, month by month: %(first)s to %(last)s") % {
        "first": month_label(scorecard.trend[0]["month"], language) if scorecard.trend else "",
        "last": month_label(scorecard.month, language),
    }
    return charts.line_chart(items, title=title, max_value=100, unit="\u00a0%")


# --- The document -----------------------------------------------------------------------------


def _headline(total: Figures) -> list[tuple[str, str]]:
    return [
        (_("People in post"), _number(total.in_post)),
        (_("Trained"), _number(total.trained)),
        (_("Coverage"), _percent(total.coverage_percent)),
        (_("Expiring in 90 days"), _number(total.expiring)),
        (_("Overdue"), _number(total.overdue)),
    ]


def scorecard_context(
    scorecard: Scorecard, *, state: State, district: District | None, language: str
) -> dict:
    """What the PDF template shows, its text in the active language."""
    units = _("The state's own units (no district)")
    no_cadre = _("No cadre given")
    if district is None:
        place = state.display_name
        tables = [
            _place_table(_("Districts"), _("District"), scorecard.rows, scorecard.total, units),
            _place_table(_("By cadre"), _("Cadre"), scorecard.by_cadre, scorecard.total, no_cadre),
        ]
    else:
        place = f"{district.display_name}, {state.display_name}"
        tables = [
            _place_table(_("By cadre"), _("Cadre"), scorecard.rows, scorecard.total, no_cadre)
        ]
    return {
        "language": language,
        "title": _("Workforce training scorecard"),
        "place": place,
        "state": state,
        "district": district,
        "month": month_label(scorecard.month, language),
        "as_of": format_date(scorecard.as_of, language),
        "headline": _headline(scorecard.total),
        "tables": tables,
        "chart": trend_chart(scorecard, language),
        "trend": _trend_table(scorecard, language),
        "estimated": scorecard.total.estimated > 0,
    }


def scorecard_html(
    scorecard: Scorecard, *, state: State, district: District | None = None, language: str
) -> str:
    """The HTML the PDF is made from (for tests and debugging)."""
    if language not in PDF_LANGUAGES:
        raise ValueError(f"No scorecard PDF in {language!r}.")
    with translation.override(language):
        context = scorecard_context(scorecard, state=state, district=district, language=language)
        return render_to_string(PDF_TEMPLATE, context)


def scorecard_pdf(
    scorecard: Scorecard, *, state: State, district: District | None = None, language: str
) -> bytes:
    """A state's (``district`` None) or a district's scorecard as a PDF in ``language``."""
    return html_to_pdf(scorecard_html(scorecard, state=state, district=district, language=language))


def state_scorecard_pdf(
    *, state: State, language: str, month: datetime.date | None = None
) -> bytes:
    """A state's scorecard for ``month`` (default: the newest) as a PDF. ``Http404`` from the
    selector when the month has no figures."""
    scorecard = selectors.state_scorecard(state=state, month=month)
    return scorecard_pdf(scorecard, state=state, language=language)


def district_scorecard_pdf(
    *, district: District, language: str, month: datetime.date | None = None
) -> bytes:
    """A district's scorecard for ``month`` (default: the newest) as a PDF."""
    scorecard = selectors.district_scorecard(district=district, month=month)
    return scorecard_pdf(scorecard, state=district.state, district=district, language=language)


# --- Rendering --------------------------------------------------------------------------------


@dataclass
class _Resources:
    font_config: FontConfiguration
    stylesheet: weasyprint.CSS


_lock = threading.Lock()
_cache: dict[str, _Resources] = {}


def _resources() -> _Resources:
    """The font configuration and the parsed stylesheet, built once per process (parsing the
    stylesheet with the font configuration loads the bundled fonts into it once)."""
    resources = _cache.get("resources")
    if resources is not None:
        return resources
    with _lock:
        if "resources" not in _cache:
            font_config = FontConfiguration()
            stylesheet = weasyprint.CSS(
                string=STYLESHEET.read_text(encoding="utf-8"),
                # The @font-face URLs (../fonts/…) are certification's bundled files.
                base_url=(ASSETS_DIR / "css").as_uri() + "/",
                font_config=font_config,
                url_fetcher=make_fetcher(),
            )
            atexit.register(reset_resources)
            _cache["resources"] = _Resources(font_config=font_config, stylesheet=stylesheet)
    return _cache["resources"]


def reset_resources() -> None:
    """Forget the shared font configuration and stylesheet (tests, benchmarks)."""
    with _lock:
        _cache.clear()


def html_to_pdf(html: str, *, fetcher=None) -> bytes:
    """``html`` as a PDF with the scorecard's stylesheet and fonts. Every resource goes through
    certification's fetcher (``fetcher``: one like it, for tests); anything it refuses, or
    any failure of WeasyPrint, raises ``RenderError``."""
    resources = _resources()
    fetcher = fetcher or make_fetcher()
    try:
        document = weasyprint.HTML(
            string=html, base_url=ASSETS_DIR.as_uri() + "/", url_fetcher=fetcher
        )
        return document.write_pdf(
            stylesheets=[resources.stylesheet],
            font_config=resources.font_config,
            pdf_identifier=b"scorecard",
        )
    except FatalURLFetchingError as error:
        raise RenderError(str(error.__cause__ or error)) from error
    except RenderError:
        raise
    except Exception as error:
        raise RenderError(f"The scorecard PDF could not be rendered: {error}") from error
