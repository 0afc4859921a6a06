"""The staff scorecard: the nation, a state, a district, each by cadre, and the people behind
a number — each in the viewer's scope (``access``; out of scope is a 404), for a month that has
figures (``?month=YYYY-MM``), as a page or a download (``?format=csv|xlsx&table=…``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lms.accounts.access import is_national_admin, states_for
from lms.accounts.models import Cadre
from lms.core import dates
from lms.geography.models import District, State

from . import access, charts, facts, selectors, trainers
from .exports import (
    COVERAGE_COLUMN,
    LAGGING_MARGIN,
    TREND_CERTIFICATES,
    TREND_COVERAGE,
    Table,
    cadre_label,
    coverage_basis,
    district_label,
    download,
    facts_tables,
    figures_table,
    is_lagging,
    module_table,
    month_label,
    number,
    people_labels,
    people_table,
    percent,
    state_label,
    trend_table,
)

#: People per page of a people list.
PEOPLE_PER_PAGE = 50


def parse_month(request: HttpRequest) -> datetime.date | None:
    """``?month=YYYY-MM`` as the month's first day (None: the newest); anything else is a
    404 (a month without figures is one too, in ``selectors.snapshot_for``)."""
    raw = request.GET.get("month", "")
    if not raw:
        return None
    month = dates.parse_month(raw)
    if month is None:
        raise Http404
    return month


# --- Levels ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """Where a page looks: the nation, a state or a district, optionally one cadre of it."""

    state: State | None = None
    district: District | None = None
    cadre: Cadre | None = None

    @property
    def where(self) -> selectors.Where:
        return selectors.Where(state=self.state, district=self.district, cadre=self.cadre)

    @property
    def place(self) -> str:
        if self.district is not None:
            return _("%(district)s, %(state)s") % {
                "district": self.district.display_name,
                "state": self.state.display_name,
            }
        if self.state is not None:
            return self.state.display_name
        return _("India")

    @property
    def title(self) -> str:
        if self.cadre is not None:
            return _("%(cadre)s in %(place)s") % {
                "cadre": self.cadre.display_name,
                "place": self.place,
            }
        return self.place

    def with_cadre(self, cadre: Cadre | None) -> Level:
        return Level(state=self.state, district=self.district, cadre=cadre)

    def url(self, *, people: bool = False) -> str:
        name, args = "nation", []
        if self.district is not None:
            name, args = "district", [self.state.code, self.district.pk]
        elif self.state is not None:
            name, args = "state", [self.state.code]
        if self.cadre is not None:
            name, args = f"{name}_cadre", [*args, self.cadre.slug]
        if people:
            name += "_people"
        return reverse(f"reports:{name}", args=args)

    @property
    def pdf_url(self) -> str:
        """The monthly PDF of a state or a district ("" for the nation and cadre pages)."""
        if self.cadre is not None or self.state is None:
            return ""
        if self.district is not None:
            return reverse("reports:district_pdf", args=[self.state.code, self.district.pk])
        return reverse("reports:state_pdf", args=[self.state.code])

    def file_stem(self, month: datetime.date) -> str:
        parts = ["scorecard"]
        if self.state is None:
            parts.append("india")
        else:
            parts.append(self.state.code.lower())
        if self.district is not None:
            parts.append(slugify(self.district.name) or str(self.district.pk))
        if self.cadre is not None:
            parts.append(self.cadre.slug)
        parts.append(f"{month:%Y-%m}")
        return "-".join(parts)


def _cadre(slug: str | None) -> Cadre | None:
    if slug is None:
        return None
    cadre = Cadre.objects.filter(slug=slug).first()
    if cadre is None:
        raise Http404
    return cadre


def level_for(user, *, state_code=None, district_ref=None, cadre_slug=None) -> Level:
    """The level these URL parts name, if ``user`` may read it; 404 otherwise."""
    if district_ref is not None:
        district = access.district_for(user, state_code, district_ref)
        level = Level(state=district.state, district=district)
    elif state_code is not None:
        level = Level(state=access.state_for(user, state_code))
    else:
        access.nation_for(user)
        level = Level()
    return level.with_cadre(_cadre(cadre_slug))


def breadcrumbs(user, level: Level) -> list[tuple[str, str]]:
    """The levels above this one that ``user`` may open (no query: the scope is cached)."""
    crumbs = []
    if is_national_admin(user) and level != Level():
        crumbs.append((_("India"), Level().url()))
    below_state = level.district is not None or level.cadre is not None
    if (
        level.state is not None
        and below_state
        and level.state.pk in states_for(user, *access.STATE_ROLES)
    ):
        crumbs.append((level.state.display_name, Level(state=level.state).url()))
    if level.district is not None and level.cadre is not None:
        crumbs.append(
            (level.district.display_name, Level(state=level.state, district=level.district).url())
        )
    return crumbs


# --- Tables ---------------------------------------------------------------------------------


def scorecard_tables(level: Level, scorecard: selectors.Scorecard, *, sort: str) -> list[Table]:
    """The page's tables in the order it shows them: one level down, by cadre, by module,
    the trend."""
    tables = []
    state, district = level.state, level.district

    def cadre_url(row: selectors.Row) -> str:
        return level.with_cadre(row.obj).url() if row.obj is not None else ""

    if district is not None:
        if level.cadre is None:
            tables.append(
                figures_table(
                    slug="cadres", title=_("By cadre"), first=_("Cadre"), rows=scorecard.rows,
                    label_for=cadre_label, url_for=cadre_url, sort=sort, level=scorecard.total,
                )
            )  # fmt: skip
    elif state is not None:

        def district_url(row: selectors.Row) -> str:
            if not isinstance(row.key, int):
                return ""
            return reverse(
                "reports:district_cadre" if level.cadre else "reports:district",
                args=[state.code, row.key, *([level.cadre.slug] if level.cadre else [])],
            )

        tables.append(
            figures_table(
                slug="districts", title=_("Districts"), first=_("District"), rows=scorecard.rows,
                label_for=district_label, url_for=district_url, sort=sort,
                level=scorecard.total,
            )
        )  # fmt: skip
    else:

        def state_url(row: selectors.Row) -> str:
            if row.obj is None:
                return ""
            return Level(state=row.obj, cadre=level.cadre).url()

        tables.append(
            figures_table(
                slug="states", title=_("States and union territories"), first=_("State"),
                rows=scorecard.rows, label_for=state_label, url_for=state_url, sort=sort,
                level=scorecard.total,
            )
        )  # fmt: skip
    if scorecard.by_cadre:
        tables.append(
            figures_table(
                slug="cadres", title=_("By cadre"), first=_("Cadre"), rows=scorecard.by_cadre,
                label_for=cadre_label, url_for=cadre_url, sort=sort, level=scorecard.total,
            )
        )  # fmt: skip
    if level.cadre is not None:
        tables.append(module_table(scorecard))
    tables.append(trend_table(scorecard))
    return tables


def chart_titles() -> dict[str, str]:
    """The charts' titles, each naming the page's level (``%(place)s``: its title)."""
    return {
        "states": _("Coverage by state and union territory: %(place)s"),
        "districts": _("Coverage by district: %(place)s"),
        "cadres": _("Coverage by cadre: %(place)s"),
        "coverage": _("Coverage over the last 12 months: %(place)s"),
        "certificates": _("Certificates issued month by month: %(place)s"),
    }


def _month_series(table: Table, column: int) -> list[dict]:
    return [
        {
            "label": formats.date_format(row.key, "M"),
            "value": row.cells[column].value,
            "text": row.cells[column].text,
        }
        for row in table.rows
    ]


def add_charts(tables: list[Table], *, level: Level, month_query: str) -> None:
    """Pictures beside the tables, of the same figures: the states on the tile map (the
    nation), the rows one level down as bars (a state's districts, a district's cadres), the
    trend as lines."""
    suffix = f"?{month_query}" if month_query else ""
    titles = {key: title % {"place": level.title} for key, title in chart_titles().items()}
    for table in tables:
        if table.slug == "trend":
            coverage = _month_series(table, TREND_COVERAGE)
            certificates = _month_series(table, TREND_CERTIFICATES)
            table.add_chart(
                "line",
                charts.line_chart(coverage, title=titles["coverage"], max_value=100, unit="%"),
            )
            table.add_chart("line", charts.line_chart(certificates, title=titles["certificates"]))
            continue
        if table.slug not in ("states", "districts") and not (
            table.slug == "cadres" and level.district is not None
        ):
            continue
        items = [
            {
                "code": row.key if isinstance(row.key, str) else "",
                "label": row.cells[0].text,
                "value": row.cells[COVERAGE_COLUMN].value,
                "text": row.cells[COVERAGE_COLUMN].text,
                "url": row.url + suffix if row.url else "",
            }
            for row in table.rows
        ]
        if table.slug == "states":
            table.add_chart("map", charts.tile_map(items, title=titles["states"]))
        else:
            table.add_chart(
                "bars", charts.bar_chart(items, title=titles[table.slug], max_value=100)
            )


def headline(level: Level, figures: selectors.Figures) -> list[dict]:
    people = level.url(people=True)
    return [
        {"label": _("People in post"), "cell": number(figures.in_post), "note": ""},
        {
            "label": _("Registered"),
            "cell": number(figures.registered),
            "url": f"{people}?show=registered",
        },
        {"label": _("Trained"), "cell": number(figures.trained), "url": f"{people}?show=trained"},
        {
            "label": _("Coverage"),
            "cell": percent(figures.coverage_percent),
            "note": coverage_basis(figures),
            "lagging": is_lagging(figures),
        },
        {
            "label": _("Expiring in 90 days"),
            "cell": number(figures.expiring),
            "url": f"{people}?show=expiring",
        },
        {"label": _("Overdue"), "cell": number(figures.overdue), "url": f"{people}?show=overdue"},
    ]


def trainer_section(
    user, level: Level, card: selectors.Scorecard
) -> tuple[trainers.TrainerFigures | None, list[Table]]:
    """The "Trainers" section of a level's page and its tables (none on a cadre's page:
    trainers serve every cadre)."""
    if level.cadre is not None:
        return None, []
    figures = trainers.trainer_figures(
        scorecard=card,
        state=level.state,
        district=level.district,
        with_names=trainers.may_see_people(user, level.state),
    )

    def place_url(place: trainers.TrainerPlace) -> str:
        if level.state is None and isinstance(place.key, str) and len(place.key) == 2:
            return reverse("reports:state", args=[place.key])
        if level.district is None and level.state is not None and isinstance(place.key, int):
            return reverse("reports:district", args=[level.state.code, place.key])
        return ""

    return figures, trainers.trainer_tables(figures, url_for=place_url)


def _scorecard(level: Level, month: datetime.date | None) -> selectors.Scorecard:
    if level.cadre is not None:
        return selectors.cadre_scorecard(
            state=level.state, district=level.district, cadre=level.cadre, month=month
        )
    if level.district is not None:
        return selectors.district_scorecard(district=level.district, month=month)
    if level.state is not None:
        return selectors.state_scorecard(state=level.state, month=month)
    return selectors.national(month=month)


def _query(**params: str) -> str:
    """A query string of the parameters that have a value."""
    return urlencode([(key, value) for key, value in params.items() if value])


def _month_param(month: datetime.date | None) -> str:
    return f"{month:%Y-%m}" if month else ""


# --- Views ----------------------------------------------------------------------------------


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The nation for national administrators; a coordinator's one state or an officer's one
    district; else a list to choose from; nothing (404) for anyone else."""
    target = access.home_for(request.user)
    if target is None:
        raise Http404
    kind, ids = target
    if kind == "nation":
        return scorecard(request)
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    if kind == "state":
        state = State.objects.get(pk=ids[0])
        return HttpResponseRedirect(Level(state=state).url() + suffix)
    scope = states_for(request.user, *access.DISTRICT_ROLES)
    districts = District.objects.filter(pk__in=scope.district_ids).select_related("state")
    if kind == "district":
        district = districts.get()
        return HttpResponseRedirect(Level(state=district.state, district=district).url() + suffix)
    return render(
        request,
        "reports/staff/choose.html",
        {
            "states": [
                Level(state=state)
                for state in State.objects.filter(
                    pk__in=states_for(request.user, *access.STATE_ROLES).state_ids
                ).order_by("name")
            ],
            "districts": [
                Level(state=district.state, district=district)
                for district in districts.order_by("state__name", "name")
            ],
        },
    )


@login_required
@require_safe
def scorecard(
    request: HttpRequest, state_code=None, district_ref=None, cadre_slug=None
) -> HttpResponse:
    """One level's scorecard, or one of its tables as a download."""
    level = level_for(
        request.user, state_code=state_code, district_ref=district_ref, cadre_slug=cadre_slug
    )
    month = parse_month(request)
    sort = "coverage" if request.GET.get("sort") == "coverage" else ""
    try:
        card = _scorecard(level, month)
    except selectors.NoFiguresYet:
        if request.GET.get("format") is not None:
            raise
        return render(request, "reports/no_figures.html", {"level": level})
    tables = scorecard_tables(level, card, sort=sort)
    trainer_figures, trainer_tables = trainer_section(request.user, level, card)
    fmt = request.GET.get("format")
    if fmt is not None:
        wanted = request.GET.get("table", "")
        table = next((t for t in [*tables, *trainer_tables] if t.slug == wanted), None)
        if table is None:
            raise Http404
        return download(
            table=table, fmt=fmt, filename=f"{level.file_stem(card.month)}-{table.slug}"
        )
    month_query = _query(month=_month_param(month))
    add_charts(tables, level=level, month_query=month_query)
    return render(
        request,
        "reports/staff/scorecard.html",
        {
            "level": level,
            "breadcrumbs": breadcrumbs(request.user, level),
            "scorecard": card,
            "headline": headline(level, card.total),
            "tables": tables,
            "sort": sort,
            "month_query": month_query,
            "export_query": _query(month=_month_param(month), sort=sort),
            "months": [(f"{m:%Y-%m}", month_label(m)) for m in card.months],
            "month_value": f"{card.month:%Y-%m}",
            "lagging_margin": LAGGING_MARGIN,
            "people_url": level.url(people=True),
            "trainers": trainer_figures,
            "trainer_tables": trainer_tables,
        },
    )


@login_required
@require_safe
def people(
    request: HttpRequest, state_code=None, district_ref=None, cadre_slug=None
) -> HttpResponse:
    """The people behind one of a level's numbers (``?show=``), as they stand now."""
    level = level_for(
        request.user, state_code=state_code, district_ref=district_ref, cadre_slug=cadre_slug
    )
    month = parse_month(request)
    snapshot = selectors.snapshot_for(month)
    show = request.GET.get("show", "registered")
    standings = selectors.people(where=level.where, show=show)
    labels = people_labels()
    fmt = request.GET.get("format")
    if fmt is not None:
        return download(
            table=people_table(standings.iterator(chunk_size=2000), record_urls={}),
            fmt=fmt,
            filename=f"{level.file_stem(snapshot.month)}-people-{show}",
        )
    page = Paginator(standings, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    cohorts = selectors.record_cohorts(
        viewer=request.user, user_ids=[standing.user_id for standing in page.object_list]
    )
    record_urls = {
        user_id: reverse("trainers:learner_detail", args=[cohort_id, user_id])
        for user_id, cohort_id in cohorts.items()
    }
    month_query = _query(month=_month_param(month))
    return render(
        request,
        "reports/staff/people.html",
        {
            "level": level,
            "breadcrumbs": [*breadcrumbs(request.user, level), (level.title, level.url())],
            "snapshot": snapshot,
            "show": show,
            "show_label": labels.get(show, show),
            "shows": list(labels.items()),
            "page": page,
            "table": people_table(page.object_list, record_urls=record_urls),
            "month_query": month_query,
            "export_query": _query(show=show, month=_month_param(month)),
        },
    )


@login_required
@require_safe
def delivery(request: HttpRequest, state_code=None, district_ref=None) -> HttpResponse:
    """A level's other facts for a month: sessions held and trainers, pass rates, time to
    certificate, languages; each table also as a download."""
    level = level_for(request.user, state_code=state_code, district_ref=district_ref)
    month = parse_month(request)
    snapshot = selectors.snapshot_for(month)
    tables = facts_tables(
        facts.facts_for(month=snapshot.month, state=level.state, district=level.district)
    )
    fmt = request.GET.get("format")
    if fmt is not None:
        table = next((t for t in tables if t.slug == request.GET.get("table", "")), None)
        if table is None:
            raise Http404
        return download(
            table=table, fmt=fmt, filename=f"{level.file_stem(snapshot.month)}-{table.slug}"
        )
    month_query = _query(month=_month_param(month))
    return render(
        request,
        "reports/staff/delivery.html",
        {
            "level": level,
            "breadcrumbs": [*breadcrumbs(request.user, level), (level.title, level.url())],
            "snapshot": snapshot,
            "tables": tables,
            "month_query": month_query,
            "export_query": month_query,
        },
    )
