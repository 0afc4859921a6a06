"""Reading the scorecard: every figure is a sum of rollup cells (``models``), never a count of
people or enrolments, so a page costs the same few queries at any size.

A level (the nation, a state, a district) is described by a ``Where`` (which cells belong to
it); its ``Figures`` are the sums of those cells, and its rows (states, districts, cadres,
modules) the same sums grouped one step down. The rows of a level always add up to its total.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, When
from django.http import Http404

from lms.accounts.models import Cadre
from lms.core.dates import add_months, month_start
from lms.geography.models import District, State
from lms.geography.names import name_in_language
from trainers.access import cohorts_for
from trainers.models import CohortMember

from .models import ActivityCell, CadreCell, ModuleCell, PersonStanding, Snapshot
from .standing import CADRE_COUNTERS, MODULE_COUNTERS

#: How many months the trends show.
TREND_MONTHS = 12


@dataclass
class Figures:
    """The sums of some cadre cells."""

    posts_sanctioned: int = 0
    posts_filled: int = 0
    registered: int = 0
    started: int = 0
    completed: int = 0
    trained: int = 0
    expiring: int = 0
    overdue: int = 0
    #: People in post in cadres with required training: posts filled where reported, people
    #: registered where not (``estimated`` then counts those cells).
    in_post: int = 0
    #: Registered people in cadres with required training.
    required_registered: int = 0
    #: Cells whose people in post come from registrations, for want of reported posts.
    estimated: int = 0
    #: Cells with posts reported.
    posts_reported: int = 0

    @property
    def coverage(self) -> float | None:
        """Trained people per person in post (0 to 1), None when nobody is in post."""
        if not self.in_post:
            return None
        return self.trained / self.in_post

    @property
    def coverage_percent(self) -> int | None:
        coverage = self.coverage
        return None if coverage is None else round(100 * coverage)

    @property
    def vacant(self) -> int:
        return self.posts_sanctioned - self.posts_filled

    @property
    def not_started(self) -> int:
        return self.required_registered - self.started

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{name: getattr(self, name) + getattr(other, name) for name in _FIELDS})


_FIELDS = tuple(Figures.__dataclass_fields__)

_REQUIRED = Q(required_modules__gt=0)
_POSTS = Q(posts_filled__isnull=False)


def _figure_sums() -> dict:
    """The aggregates of ``Figures``, named ``sum_<field>`` (an alias cannot shadow a column
    that another aggregate reads)."""
    sums = {
        "posts_sanctioned": Sum("posts_sanctioned", default=0),
        "posts_filled": Sum("posts_filled", default=0),
        **{name: Sum(name, default=0) for name in CADRE_COUNTERS},
        "in_post": Sum(
            Case(
                When(_REQUIRED & _POSTS, then=F("posts_filled")),
                When(_REQUIRED, then=F("registered")),
                default=0,
                output_field=IntegerField(),
            ),
            default=0,
        ),
        "required_registered": Sum(
            Case(When(_REQUIRED, then=F("registered")), default=0, output_field=IntegerField()),
            default=0,
        ),
        "estimated": Count("pk", filter=_REQUIRED & ~_POSTS & Q(registered__gt=0)),
        "posts_reported": Count("pk", filter=_POSTS),
    }
    return {f"sum_{name}": aggregate for name, aggregate in sums.items()}


def _figures(row: dict) -> Figures:
    return Figures(**{name: row.get(f"sum_{name}") or 0 for name in _FIELDS})


@dataclass(frozen=True)
class Where:
    """Which cells make a level: the nation, a state, a district; optionally one cadre."""

    state: State | None = None
    district: District | None = None
    #: The state's own units (district empty) rather than a district.
    state_units: bool = False
    cadre: Cadre | None = None

    def cells(self, queryset: QuerySet) -> QuerySet:
        if self.state is not None:
            queryset = queryset.filter(state=self.state)
        if self.district is not None:
            queryset = queryset.filter(district=self.district)
        elif self.state_units:
            queryset = queryset.filter(district__isnull=True)
        if self.cadre is not None:
            queryset = queryset.filter(cadre=self.cadre)
        return queryset


@dataclass
class Row:
    """One line of a table: what it is (a state, a district, a cadre, a module or a month),
    its figures, and where it leads."""

    key: object
    label: str
    figures: Figures | None = None
    module_figures: dict[str, int] | None = None
    obj: object = None


@dataclass
class Scorecard:
    month: datetime.date
    snapshot: Snapshot
    where: Where
    total: Figures
    #: One step down: states of the nation, districts of a state, cadres of a district.
    rows: list[Row]
    #: The level's figures by cadre (empty on a cadre's own page).
    by_cadre: list[Row]
    #: Per required module (on a cadre's page): enrolled, completed, certified, …
    by_module: list[Row] = field(default_factory=list)
    #: The last TREND_MONTHS months: trained, in post, completions and certificates.
    trend: list[dict] = field(default_factory=list)
    months: list[datetime.date] = field(default_factory=list)

    @property
    def as_of(self) -> datetime.date:
        return self.snapshot.as_of


def months_available() -> list[datetime.date]:
    return list(Snapshot.objects.order_by("-month").values_list("month", flat=True))


class NoFiguresYet(Http404):
    """No month has figures at all: a new site before the scorecard's first count (the
    nightly ``rebuild_scorecard``). A page says so; a download is a 404 like any other."""


def snapshot_for(month: datetime.date | None) -> Snapshot:
    """The figures of ``month`` (default: the newest); 404 for a month without figures
    (``NoFiguresYet`` when no month has any)."""
    snapshots = Snapshot.objects.order_by("-month")
    if month is not None:
        snapshots = snapshots.filter(month=month_start(month))
    snapshot = snapshots.first()
    if snapshot is None:
        raise NoFiguresYet if month is None else Http404
    return snapshot


def _snapshot_and_months(month: datetime.date | None) -> tuple[Snapshot, list[datetime.date]]:
    """``snapshot_for(month)`` and ``months_available()`` in one query (a row a month)."""
    snapshots = list(Snapshot.objects.order_by("-month"))
    wanted = None if month is None else month_start(month)
    snapshot = next((each for each in snapshots if wanted is None or each.month == wanted), None)
    if snapshot is None:
        raise NoFiguresYet if not snapshots else Http404
    return snapshot, [each.month for each in snapshots]


def _grouped(where: Where, month: datetime.date, by: str) -> dict:
    rows = (
        where.cells(CadreCell.objects.filter(month=month))
        .order_by()
        .values(by)
        .annotate(**_figure_sums())
    )
    return {row[by]: _figures(row) for row in rows}


def _total(where: Where, month: datetime.date) -> Figures:
    row = where.cells(CadreCell.objects.filter(month=month)).aggregate(**_figure_sums())
    return _figures(row)


def _cadre_rows(where: Where, month: datetime.date) -> list[Row]:
    """The level's figures by cadre, with each cadre's names, slug and order read in the same
    query (a cadre object is made from them, not fetched)."""
    fields = ("cadre", "cadre__name", "cadre__names", "cadre__slug", "cadre__sort_order")
    grouped = (
        where.cells(CadreCell.objects.filter(month=month))
        .order_by()
        .values(*fields)
        .annotate(**_figure_sums())
    )
    rows, unknown = [], None
    for row in grouped:
        if row["cadre"] is None:
            unknown = Row(key="", label="", figures=_figures(row))
            continue
        cadre = Cadre(
            pk=row["cadre"],
            name=row["cadre__name"],
            names=row["cadre__names"] or {},
            slug=row["cadre__slug"],
            sort_order=row["cadre__sort_order"],
        )
        rows.append(Row(key=cadre.slug, label=cadre.display_name, figures=_figures(row), obj=cadre))
    rows.sort(key=lambda row: (row.obj.sort_order, row.obj.name))
    if unknown is not None:
        rows.append(unknown)
    return rows


def _trend(where: Where, month: datetime.date) -> list[dict]:
    first = add_months(month, -(TREND_MONTHS - 1))
    coverage = {
        row["month"]: _figures(row)
        for row in where.cells(CadreCell.objects.filter(month__gte=first, month__lte=month))
        .order_by()
        .values("month")
        .annotate(**_figure_sums())
    }
    activity = {
        row["month"]: row
        for row in where.cells(ActivityCell.objects.filter(month__gte=first, month__lte=month))
        .order_by()
        .values("month")
        .annotate(sum_completions=Sum("completions"), sum_certificates=Sum("certificates"))
    }
    trend = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        each = add_months(month, -back)
        figures = coverage.get(each)
        done = activity.get(each, {})
        trend.append(
            {
                "month": each,
                "figures": figures,
                "completions": done.get("sum_completions") or 0,
                "certificates": done.get("sum_certificates") or 0,
            }
        )
    return trend


def national(*, month: datetime.date | None = None) -> Scorecard:
    snapshot, months = _snapshot_and_months(month)
    where = Where()
    by_state = _grouped(where, snapshot.month, "state")
    states = State.objects.order_by("name")
    rows = [
        Row(
            key=state.code,
            label=state.display_name,
            figures=by_state.get(state.pk, Figures()),
            obj=state,
        )
        for state in states
    ]
    if None in by_state:
        rows.append(Row(key="", label="", figures=by_state[None]))
    return _scorecard(snapshot, where, rows, months=months)


def state_scorecard(*, state: State, month: datetime.date | None = None) -> Scorecard:
    snapshot, months = _snapshot_and_months(month)
    where = Where(state=state)
    by_district = _grouped(where, snapshot.month, "district")
    districts = District.objects.filter(Q(state=state) & (Q(is_active=True) | Q(pk__in=[
        pk for pk in by_district if pk
    ]))).order_by("name")  # fmt: skip
    rows = [
        Row(
            key=district.pk,
            label=district.display_name,
            figures=by_district.get(district.pk, Figures()),
            obj=district,
        )
        for district in districts
    ]
    if None in by_district:
        rows.append(Row(key="state-units", label="", figures=by_district[None]))
    return _scorecard(snapshot, where, rows, months=months)


def district_scorecard(*, district: District, month: datetime.date | None = None) -> Scorecard:
    snapshot, months = _snapshot_and_months(month)
    where = Where(state=district.state, district=district)
    scorecard = _scorecard(snapshot, where, [], months=months)
    scorecard.rows, scorecard.by_cadre = scorecard.by_cadre, []
    return scorecard


def cadre_scorecard(
    *,
    state: State | None,
    cadre: Cadre,
    district: District | None = None,
    month: datetime.date | None = None,
) -> Scorecard:
    """One cadre: in the nation (rows: states), a state (rows: districts) or a district (no
    rows), with its required modules."""
    snapshot, months = _snapshot_and_months(month)
    where = Where(state=state, district=district, cadre=cadre)
    rows: list[Row] = []
    if district is None and state is not None:
        # The districts' names come with their sums (one query).
        grouped = (
            where.cells(CadreCell.objects.filter(month=snapshot.month))
            .order_by()
            .values("district", "district__name", "district__names")
            .annotate(**_figure_sums())
        )
        rows = [
            Row(
                key=row["district"] or "state-units",
                label=name_in_language(row["district__name"] or "", row["district__names"]),
                figures=_figures(row),
            )
            for row in sorted(grouped, key=lambda row: row["district__name"] or "")
        ]
    elif state is None:
        by_state = _grouped(where, snapshot.month, "state")
        states = {s.pk: s for s in State.objects.filter(pk__in=[k for k in by_state if k])}
        rows = [
            Row(key=state.code, label=state.display_name, figures=by_state[pk], obj=state)
            for pk, state in sorted(states.items(), key=lambda item: item[1].name)
        ]
    scorecard = _scorecard(snapshot, where, rows, months=months, with_cadres=False)
    # The module's code and title come with the sums (one query, not one more for the pages).
    modules = (
        where.cells(ModuleCell.objects.filter(month=snapshot.month))
        .order_by()
        .values("module", "module__code", "module__title")
        .annotate(**{f"sum_{name}": Sum(name) for name in MODULE_COUNTERS})
    )
    scorecard.by_module = [
        Row(
            key=row["module"],
            label=f"{row['module__code']} {row['module__title']}",
            module_figures={name: row[f"sum_{name}"] or 0 for name in MODULE_COUNTERS},
        )
        for row in sorted(modules, key=lambda r: r["module__code"])
    ]
    return scorecard


def _scorecard(
    snapshot: Snapshot,
    where: Where,
    rows: list[Row],
    *,
    months: list[datetime.date],
    with_cadres: bool = True,
) -> Scorecard:
    by_cadre = _cadre_rows(where, snapshot.month) if with_cadres else []
    if with_cadres:
        # The cadre rows (with the one of people without a cadre) partition the level's
        # cells, so their sum is its total: one query fewer.
        total = Figures()
        for row in by_cadre:
            total = total + row.figures
    else:
        total = _total(where, snapshot.month)
    return Scorecard(
        month=snapshot.month,
        snapshot=snapshot,
        where=where,
        total=total,
        rows=rows,
        by_cadre=by_cadre,
        trend=_trend(where, snapshot.month),
        months=months,
    )


# --- The people behind a number (staff only, in scope) --------------------------------------

PEOPLE_FILTERS = {
    "registered": Q(),
    "not_started": Q(status=PersonStanding.Status.NOT_STARTED),
    "started": ~Q(
        status__in=[PersonStanding.Status.NOT_STARTED, PersonStanding.Status.NOT_REQUIRED]
    ),
    "in_progress": Q(status=PersonStanding.Status.IN_PROGRESS),
    "completed": Q(status__in=[PersonStanding.Status.COMPLETED, PersonStanding.Status.TRAINED]),
    "trained": Q(status=PersonStanding.Status.TRAINED),
    "expiring": Q(expiring=True),
    "overdue": Q(overdue=True),
}


def people(*, where: Where, show: str = "registered") -> QuerySet[PersonStanding]:
    """The people of a level (current standing) who make one of its numbers, by name. The
    caller has checked the viewer's scope over ``where``."""
    condition = PEOPLE_FILTERS.get(show)
    if condition is None:
        raise Http404
    return (
        where.cells(PersonStanding.objects.all())
        .filter(condition)
        .select_related("user", "district", "cadre")
        .order_by("user__full_name", "user__email")
    )


def record_cohorts(*, viewer, user_ids: list[int]) -> dict[int, int]:
    """For each of these people, a cohort of theirs that ``viewer`` may open, so that a people
    list can link to the trainers' page of that learner (one query; people in no such cohort
    are left out, and are shown without a link)."""
    if not user_ids:
        return {}
    members = (
        CohortMember.objects.filter(cohort__in=cohorts_for(viewer), user_id__in=user_ids)
        .order_by("user_id", "-cohort_id")
        .values_list("user_id", "cohort_id")
    )
    found: dict[int, int] = {}
    for user_id, cohort_id in members:
        found.setdefault(user_id, cohort_id)
    return found
