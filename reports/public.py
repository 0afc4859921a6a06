"""The public scorecard: aggregates that anyone may read, with small numbers hidden.

What is public:

- the nation: its total, by state, by cadre;
- each state: its total, by cadre, and by district **over all cadres only** (a district's
  cadres often have one to three posts, so district figures by cadre would describe people);
- the same totals for each of the twelve months before, for the trend.

Two counts are published for each of them, people in post and people trained, and coverage
(trained per person in post). Everything comes from the rollup cells through the sums that
``selectors`` defines for the staff scorecard, so the two scorecards cannot disagree.

**The rule (one home: ``_publish``; the page, the CSV and the JSON all read its output).**

1. *Primary suppression.* A count from 1 to 4 is hidden. When a group has 1 to 4 people in
   post, all its counts are hidden: "0 of 3 trained" says something about each of the three.
   A zero in a group of 5 or more (or in an empty group) is shown: it describes nobody, and
   hiding it would hide the very gaps the scorecard exists to show (a state with no trained
   DCPO). A zero is no smaller cell than "none"; what it tells about a group it tells about a
   group large enough to publish.
2. *Secondary suppression.* The published figures add up: districts and cadres to their
   state, states and cadres to the nation, and a state's cadres are also a column of the
   nation's cadres. A hidden count must not be recoverable from the counts shown, so (per
   measure) until nothing changes: (a) wherever a sum has exactly one hidden part (or a hidden
   total and all parts shown), the smallest shown part is hidden too; (b) the whole system of
   sums is solved for its hidden values (``_determined``), and any hidden value that the
   equations fix exactly gets a further hidden neighbour. (a) alone stops recovery by
   subtraction; (b) also stops recovery by combining several sums.
3. Hidden values are marked alike, whether small or hidden to protect a small one: marking
   them differently would tell that a hidden neighbour is at least 5, which with a total of 6
   gives the small one away.
4. *Coverage* is shown only when both counts are shown and at least 5 people are in post.
   Coverage 0% is shown when nobody of 5 or more is trained: the zero is shown anyway (1).

Trend points use the same rule: a month's total on the trend is hidden exactly when that
month's own scorecard hides it, so that the two cannot be set side by side.

Completions and certificates per month are not published: they would add another set of sums
(states within the nation, for every month) to protect, for little use to the public.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import caches
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Cadre
from lms.core.dates import add_months
from lms.geography.models import District, State

from . import selectors
from .models import CadreCell, Snapshot

#: The smallest number of people a published figure may describe.
THRESHOLD = 5
#: The counts published for each group; each is protected on its own.
MEASURES = ("in_post", "trained")
#: How a hidden value is written in the CSV.
HIDDEN = "suppressed"

NATION = ("nation",)

#: How long a month's published values are kept (a change to its cells makes a new key).
_KEPT_SECONDS = 24 * 60 * 60
#: Part of the keys: a change to what is kept makes new ones.
_KEPT_VERSION = 1

#: A prime for solving the sums exactly (modular arithmetic keeps the numbers small; the
#: coefficients are 0 and ±1, whose ranks agree over the rationals and this field).
_PRIME = (1 << 61) - 1


# --- The figures published for one group ------------------------------------------------------


@dataclass
class PublicRow:
    """One published line: a group of people and its counts (None: hidden)."""

    key: str
    label: str
    in_post: int | None
    trained: int | None
    #: Trained per person in post, in percent; None when not shown.
    coverage: int | None
    #: Why coverage is missing: "hidden" (small numbers), "none" (nobody in post), "".
    coverage_missing: str = ""
    url: str = ""
    #: The month, on trend rows.
    month: datetime.date | None = None

    @property
    def in_post_text(self) -> str:
        return _count_text(self.in_post)

    @property
    def trained_text(self) -> str:
        return _count_text(self.trained)

    @property
    def coverage_text(self) -> str:
        if self.coverage is not None:
            return _("%(percent)s%%") % {"percent": self.coverage}
        if self.coverage_missing == "none":
            return _("no one in post")
        if self.coverage_missing == "nodata":
            return _("no figures")
        return _("hidden")

    @property
    def hidden(self) -> list[str]:
        """The names of the hidden values (for the JSON); none for a month without figures."""
        if self.coverage_missing == "nodata":
            return []
        names = [name for name in MEASURES if getattr(self, name) is None]
        if self.coverage_missing == "hidden":
            names.append("coverage_percent")
        return names


def _count_text(value: int | None) -> str:
    return _("hidden") if value is None else f"{value}"


# --- The rule ---------------------------------------------------------------------------------


def _primary(figures: dict[tuple, selectors.Figures]) -> dict[str, set[tuple]]:
    hidden: dict[str, set[tuple]] = {name: set() for name in MEASURES}
    for key, each in figures.items():
        if 0 < each.in_post < THRESHOLD:
            for name in MEASURES:
                hidden[name].add(key)
        for name in MEASURES:
            if 0 < getattr(each, name) < THRESHOLD:
                hidden[name].add(key)
    return hidden


def _rank(key: tuple, values: dict[tuple, int], *, total: bool) -> tuple:
    """Which shown value to hide next: parts before totals, then non-zero before zero (a
    hidden zero is easy to guess), then the smallest."""
    value = values.get(key, 0)
    return (total, value == 0, value, repr(key))


def _partner(group: tuple[tuple, list[tuple]], keep: tuple, hidden: set, values: dict):
    total, parts = group
    candidates = [(_rank(k, values, total=False), k) for k in parts if k not in hidden]
    if total not in hidden:
        candidates.append((_rank(total, values, total=True), total))
    candidates = [c for c in candidates if c[1] != keep]
    return min(candidates)[1] if candidates else None


def _close_single(groups: list, hidden: set, values: dict) -> None:
    """Until no sum has exactly one hidden value: hide a second one in each that has."""
    changed = True
    while changed:
        changed = False
        for group in groups:
            total, parts = group
            unknown = [k for k in (total, *parts) if k in hidden]
            if len(unknown) == 1:
                partner = _partner(group, unknown[0], hidden, values)
                if partner is not None:
                    hidden.add(partner)
                    changed = True


def _determined(groups: list, hidden: set) -> set[tuple]:
    """The hidden values that the published sums fix exactly: solve the sums (parts minus
    total is zero) for the hidden values by Gauss-Jordan elimination; a hidden value is fixed
    exactly when the reduced system has a row that names it alone."""
    pivots: dict[tuple, dict[tuple, int]] = {}
    for total, parts in groups:
        row: dict[tuple, int] = defaultdict(int)
        for key in parts:
            if key in hidden:
                row[key] += 1
        if total in hidden:
            row[total] -= 1
        row = {k: v % _PRIME for k, v in row.items() if v % _PRIME}
        for col in [c for c in row if c in pivots]:
            factor = row.get(col, 0)
            if factor:
                for k, v in pivots[col].items():
                    row[k] = (row.get(k, 0) - factor * v) % _PRIME
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        col = min(row, key=repr)
        inverse = pow(row[col], _PRIME - 2, _PRIME)
        row = {k: v * inverse % _PRIME for k, v in row.items()}
        for other in pivots.values():
            factor = other.get(col, 0)
            if factor:
                for k, v in row.items():
                    other[k] = (other.get(k, 0) - factor * v) % _PRIME
                for k in [k for k, v in other.items() if not v]:
                    del other[k]
        pivots[col] = row
    return {col for col, row in pivots.items() if len(row) == 1}


def protect(groups: list, hidden: Iterable[tuple], values: dict[tuple, int]) -> set[tuple]:
    """``hidden`` and whatever else must be hidden so that none of it can be worked out from
    the shown values and the sums ``groups`` (``(total, [parts])``)."""
    hidden = set(hidden)
    containing: dict[tuple, list] = defaultdict(list)
    for group in groups:
        for key in (group[0], *group[1]):
            containing[key].append(group)
    while True:
        _close_single(groups, hidden, values)
        exposed = _determined(groups, hidden)
        if not exposed:
            return hidden
        for key in sorted(exposed, key=repr):
            options = [_partner(group, key, hidden, values) for group in containing[key]]
            options = [k for k in options if k is not None]
            if options:
                hidden.add(min(options, key=lambda k: _rank(k, values, total=False)))
        if not any(
            _partner(group, key, hidden, values) is not None
            for key in exposed
            for group in containing[key]
        ):  # nothing left to hide around what is exposed
            return hidden


def _publish(figures: dict[tuple, selectors.Figures], groups: list) -> dict[tuple, dict]:
    """The published values of every group: in post, trained (None: hidden), coverage."""
    hidden = _primary(figures)
    for name in MEASURES:
        values = {key: getattr(each, name) for key, each in figures.items()}
        hidden[name] = protect(groups, hidden[name], values)
    published = {}
    for key, each in figures.items():
        shown = {name: None if key in hidden[name] else getattr(each, name) for name in MEASURES}
        if not each.in_post:
            coverage, missing = None, "none"
        elif shown["in_post"] is None or shown["trained"] is None or each.in_post < THRESHOLD:
            coverage, missing = None, "hidden"
        else:
            coverage, missing = each.coverage_percent, ""
        published[key] = {**shown, "coverage": coverage, "coverage_missing": missing}
    return published


# --- One month's public tables ----------------------------------------------------------------


@dataclass
class _Month:
    """One month's figures by state and cadre and by state and district, and what of them
    is published."""

    by_state_cadre: dict[tuple, selectors.Figures] = field(default_factory=dict)
    by_state_district: dict[tuple, selectors.Figures] = field(default_factory=dict)
    published: dict[tuple, dict] = field(default_factory=dict)

    def figures(self) -> tuple[dict[tuple, selectors.Figures], list]:
        figures: dict[tuple, selectors.Figures] = defaultdict(selectors.Figures)
        state_parts: dict = defaultdict(list)
        cadre_parts: dict = defaultdict(list)
        district_parts: dict = defaultdict(list)
        for (state, cadre), each in self.by_state_cadre.items():
            key = ("state_cadre", state, cadre)
            figures[key] = each
            figures[NATION] += each
            figures[("state", state)] += each
            figures[("cadre", cadre)] += each
            state_parts[state].append(key)
            cadre_parts[cadre].append(key)
        for (state, district), each in self.by_state_district.items():
            key = ("district", state, district)
            figures[key] = each
            district_parts[state].append(key)
        groups = [
            (NATION, [("state", state) for state in state_parts]),
            (NATION, [("cadre", cadre) for cadre in cadre_parts]),
            *((("state", state), parts) for state, parts in state_parts.items()),
            *((("cadre", cadre), parts) for cadre, parts in cadre_parts.items()),
            *((("state", state), parts) for state, parts in district_parts.items()),
        ]
        return dict(figures), [group for group in groups if group[1]]

    def publish(self) -> None:
        figures, groups = self.figures()
        self.published = _publish(figures, groups)

    def row(self, key: tuple, label: str, url: str = "", **extra) -> PublicRow:
        values = self.published.get(key)
        if values is None:  # nobody in this group this month: known zeros
            values = {"in_post": 0, "trained": 0, "coverage": None, "coverage_missing": "none"}
        return PublicRow(key=extra.pop("code", ""), label=label, url=url, **values, **extra)


def _count(months: list[datetime.date]) -> dict[datetime.date, _Month]:
    """These months' figures and what of them is published: two queries at any size (cells
    grouped by state and cadre, and by state and district)."""
    counted: dict[datetime.date, _Month] = {month: _Month() for month in months}
    cells = CadreCell.objects.filter(month__in=months).order_by()
    sums = selectors._figure_sums()
    for row in cells.values("month", "state", "cadre").annotate(**sums):
        counted[row["month"]].by_state_cadre[(row["state"], row["cadre"])] = selectors._figures(row)
    for row in cells.values("month", "state", "district").annotate(**sums):
        counted[row["month"]].by_state_district[(row["state"], row["district"])] = (
            selectors._figures(row)
        )
    for month in counted.values():
        month.publish()
    return counted


def _months(first: datetime.date, last: datetime.date) -> dict[datetime.date, _Month]:
    """The months ``first`` to ``last`` that have figures, with their published values.

    Solving a month's sums takes a moment at national size, and a public address must not
    be an easy way to load the server, so each month is kept in the "pages" cache (off with
    the other caches that only save work) under the time its cells last changed: a rebuild
    or an event that moves a cell makes a new key, and the figures are counted afresh."""
    changed = dict(
        Snapshot.objects.filter(month__gte=first, month__lte=last).values_list(
            "month", "updated_at"
        )
    )
    keys = {
        month: f"reports.public:{_KEPT_VERSION}:{month:%Y-%m}:{stamp.isoformat()}"
        for month, stamp in changed.items()
    }
    kept = caches["pages"].get_many(list(keys.values()))
    months = {month: kept[key] for month, key in keys.items() if key in kept}
    missing = sorted(month for month in keys if month not in months)
    if missing:
        counted = _count(missing)
        caches["pages"].set_many(
            {keys[month]: counted[month] for month in missing}, timeout=_KEPT_SECONDS
        )
        months.update(counted)
    return months


# --- The public levels ------------------------------------------------------------------------


@dataclass
class PublicScorecard:
    """What a public page, its CSV and its JSON show."""

    month: datetime.date
    as_of: datetime.date
    #: The state of a state's page; None for the nation.
    state: State | None
    #: Whether the month was asked for (links then keep it).
    month_chosen: bool
    total: PublicRow
    by_cadre: list[PublicRow]
    #: The nation's states, or a state's districts (totals over all cadres).
    rows: list[PublicRow]
    #: The last twelve months' totals, oldest first.
    trend: list[PublicRow]
    months: list[datetime.date]
    #: The nation's CSV and JSON: each state's cadres and districts, by state code.
    states: dict[str, PublicScorecard] = field(default_factory=dict)

    @property
    def place(self) -> str:
        return self.state.display_name if self.state is not None else _("India")


STATE_NOT_RECORDED = gettext_lazy("State not recorded")
CADRE_NOT_RECORDED = gettext_lazy("Cadre not recorded")
STATE_UNITS = gettext_lazy("State-level units")


def _query(month: datetime.date, chosen: bool) -> str:
    return "?" + urlencode({"month": f"{month:%Y-%m}"}) if chosen else ""


def _cadre_rows(data: _Month, state_key, cadres: dict) -> list[PublicRow]:
    if state_key is NATION:
        keys = {c for (_s, c) in data.by_state_cadre}
        key_of = lambda cadre: ("cadre", cadre)  # noqa: E731
    else:
        keys = {c for (s, c) in data.by_state_cadre if s == state_key}
        key_of = lambda cadre: ("state_cadre", state_key, cadre)  # noqa: E731
    ordered = sorted(
        (k for k in keys if k in cadres), key=lambda k: (cadres[k].sort_order, cadres[k].name)
    )
    rows = [data.row(key_of(pk), cadres[pk].display_name, code=cadres[pk].slug) for pk in ordered]
    if None in keys:
        rows.append(data.row(key_of(None), str(CADRE_NOT_RECORDED)))
    return rows


def _district_rows(data: _Month, state: State | None, districts: list[District]) -> list:
    state_pk = state.pk if state is not None else None
    present = {d for (s, d) in data.by_state_district if s == state_pk}
    rows = [
        data.row(("district", state_pk, district.pk), district.display_name, code=str(district.pk))
        for district in districts
        if district.pk in present or district.is_active
    ]
    if None in present:
        rows.append(data.row(("district", state_pk, None), str(STATE_UNITS), code="state-units"))
    return rows


def _trend(months: dict[datetime.date, _Month], last: datetime.date, key: tuple) -> list[PublicRow]:
    rows = []
    for back in range(selectors.TREND_MONTHS - 1, -1, -1):
        month = add_months(last, -back)
        data = months.get(month)
        if data is None:
            rows.append(PublicRow(key=f"{month:%Y-%m}", label=f"{month:%Y-%m}", in_post=None,
                                  trained=None, coverage=None, coverage_missing="nodata",
                                  month=month))  # fmt: skip
        else:
            rows.append(data.row(key, f"{month:%Y-%m}", code=f"{month:%Y-%m}", month=month))
    return rows


def _load(month: datetime.date | None):
    snapshot = selectors.snapshot_for(month)
    first = add_months(snapshot.month, -(selectors.TREND_MONTHS - 1))
    months = _months(first, snapshot.month)
    return snapshot, months, months.get(snapshot.month) or _Month()


def _cadres(data: _Month) -> dict[int, Cadre]:
    ids = {c for (_s, c) in data.by_state_cadre if c is not None}
    return {cadre.pk: cadre for cadre in Cadre.objects.filter(pk__in=ids)}


def national(*, month: datetime.date | None = None, with_states: bool = False):
    """The nation's public scorecard for ``month`` (default: the newest; 404 for a month
    without figures). ``with_states`` adds each state's cadres and districts (for the
    open data)."""
    snapshot, months, data = _load(month)
    chosen = month is not None
    query = _query(snapshot.month, chosen)
    states = list(State.objects.order_by("name"))
    cadres = _cadres(data)
    present = {s for (s, _c) in data.by_state_cadre}
    rows = [
        data.row(("state", state.pk), state.display_name, code=state.code,
                 url=reverse("scorecard:state", args=[state.code]) + query)
        for state in states
    ]  # fmt: skip
    if None in present:
        rows.append(data.row(("state", None), str(STATE_NOT_RECORDED)))
    scorecard = PublicScorecard(
        month=snapshot.month,
        as_of=snapshot.as_of,
        state=None,
        month_chosen=chosen,
        total=data.row(NATION, _("India"), code="IN"),
        by_cadre=_cadre_rows(data, NATION, cadres),
        rows=rows,
        trend=_trend(months, snapshot.month, NATION),
        months=selectors.months_available(),
    )
    if with_states:
        districts = defaultdict(list)
        for district in District.objects.filter(
            Q(is_active=True) | Q(pk__in=[d for (_s, d) in data.by_state_district if d])
        ).order_by("name"):
            districts[district.state_id].append(district)
        for state in [*states, None]:
            if state is None and None not in present:
                continue
            scorecard.states[state.code if state else ""] = _state_level(
                snapshot, months, data, state, cadres, districts[state.pk if state else None],
                chosen=chosen,
            )  # fmt: skip
    return scorecard


def _state_level(snapshot, months, data, state, cadres, districts, *, chosen) -> PublicScorecard:
    state_pk = state.pk if state is not None else None
    return PublicScorecard(
        month=snapshot.month,
        as_of=snapshot.as_of,
        state=state,
        month_chosen=chosen,
        total=data.row(
            ("state", state_pk),
            state.display_name if state else str(STATE_NOT_RECORDED),
            code=state.code if state else "",
        ),
        by_cadre=_cadre_rows(data, state_pk, cadres),
        rows=_district_rows(data, state, districts),
        trend=_trend(months, snapshot.month, ("state", state_pk)),
        months=[],
    )


def state_level(*, state: State, month: datetime.date | None = None) -> PublicScorecard:
    """One state's public scorecard: its cadres, and its districts over all cadres. Hidden
    values are those of the whole nation's tables, so that pages cannot be played off each
    other."""
    snapshot, months, data = _load(month)
    districts = list(
        District.objects.filter(
            Q(state=state)
            & (Q(is_active=True) | Q(pk__in=[d for (s, d) in data.by_state_district if d]))
        ).order_by("name")
    )
    scorecard = _state_level(
        snapshot, months, data, state, _cadres(data), districts, chosen=month is not None
    )
    scorecard.months = selectors.months_available()
    return scorecard


def state_by_code(code: str) -> State | None:
    return State.objects.filter(code=code.upper()).first() if len(code) == 2 else None


# --- Open data ----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "as_of", "month", "level", "state_code", "state", "district_id", "district", "cadre_code",
    "cadre", "people_in_post", "trained", "coverage_percent",
)  # fmt: skip


def _csv_value(value: int | None, *, hidden: bool) -> str:
    if value is not None:
        return str(value)
    return HIDDEN if hidden else ""


def csv_rows(scorecard: PublicScorecard) -> list[list[str]]:
    """The CSV's lines after its header: every published row of the level (a nation's also
    every state's cadres and districts)."""
    head = [scorecard.as_of.isoformat(), f"{scorecard.month:%Y-%m}"]
    lines: list[list[str]] = []

    def line(level: str, row: PublicRow, *, state=("", ""), district=("", ""), cadre=("", "")):
        lines.append([
            *head, level, *state, *district, *cadre,
            _csv_value(row.in_post, hidden=True),
            _csv_value(row.trained, hidden=True),
            _csv_value(row.coverage, hidden=row.coverage_missing == "hidden"),
        ])  # fmt: skip

    def state_lines(level: PublicScorecard) -> None:
        place = (level.total.key, level.total.label)
        line("state", level.total, state=place)
        for row in level.by_cadre:
            line("state_cadre", row, state=place, cadre=(row.key, row.label))
        for row in level.rows:
            line("district", row, state=place, district=(row.key, row.label))

    if scorecard.state is None and not scorecard.states:
        raise ValueError("the nation's open data needs its states (with_states=True)")
    if scorecard.state is None:
        line("nation", scorecard.total, state=("IN", scorecard.total.label))
        for row in scorecard.by_cadre:
            line("cadre", row, cadre=(row.key, row.label))
        for level in scorecard.states.values():
            state_lines(level)
    else:
        state_lines(scorecard)
    return lines


def _json_row(row: PublicRow, **extra) -> dict:
    return {
        "code": row.key,
        "name": row.label,
        **extra,
        "people_in_post": row.in_post,
        "trained": row.trained,
        "coverage_percent": row.coverage,
        "suppressed": [{"in_post": "people_in_post"}.get(name, name) for name in row.hidden],
    }


def _json_level(level: PublicScorecard) -> dict:
    return {
        **_json_row(level.total),
        "by_cadre": [_json_row(row) for row in level.by_cadre],
        "by_district": [_json_row(row) for row in level.rows],
        "trend": [_json_row(row) for row in level.trend],
    }


def as_json(scorecard: PublicScorecard) -> dict:
    """The JSON document of a public level."""
    document = {
        "as_of": scorecard.as_of.isoformat(),
        "month": f"{scorecard.month:%Y-%m}",
        "notes": {
            "suppressed": (
                "null: hidden, either because it describes 1 to 4 people or because it would "
                "let such a number be worked out from the totals"
            ),
            "coverage_percent": "trained people per person in post; null when not shown",
            "threshold": THRESHOLD,
        },
    }
    if scorecard.state is not None:
        document["state"] = _json_level(scorecard)
        return document
    document["nation"] = {
        **_json_row(scorecard.total),
        "by_state": [_json_row(row) for row in scorecard.rows],
        "by_cadre": [_json_row(row) for row in scorecard.by_cadre],
        "trend": [_json_row(row) for row in scorecard.trend],
    }
    document["states"] = [_json_level(level) for level in scorecard.states.values()]
    return document
