"""Pictures of the scorecard as server-rendered SVG: a tile map of India's states and union
territories, a bar chart and a line chart. No script, nothing from the internet, no style
attributes (the Content Security Policy forbids them): geometry and colours are computed here
and written as SVG attributes by the includes in ``templates/reports/includes/``.

Each builder takes a list of items ``{"label", "value", "url", "text"}`` (``value`` a number
or None for "not shown"; ``text`` how the value reads, e.g. "42%" or "hidden"; ``url``
optional), so that the staff and public pages can share them. Every chart carries its value
as text next to its mark (colour is never the only cue) and goes with a table of the same
figures on the page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: Where each state or union territory sits on the tile map: (row, column). A tile grid
#: shows every state at the same size near its place, and draws no boundary.
TILE_GRID: dict[str, tuple[int, int]] = {
    "JK": (0, 1), "LA": (0, 2),
    "PB": (1, 1), "HP": (1, 2), "UK": (1, 3), "SK": (1, 5), "AR": (1, 7),
    "CH": (2, 0), "HR": (2, 1), "DL": (2, 2), "UP": (2, 3), "BR": (2, 4), "WB": (2, 5),
    "AS": (2, 6), "NL": (2, 7),
    "RJ": (3, 1), "MP": (3, 2), "CG": (3, 3), "JH": (3, 4), "ML": (3, 6), "MN": (3, 7),
    "GJ": (4, 0), "DH": (4, 1), "MH": (4, 2), "TG": (4, 3), "OD": (4, 4), "TR": (4, 6),
    "MZ": (4, 7),
    "GA": (5, 1), "KA": (5, 2), "AP": (5, 3),
    "LD": (6, 0), "KL": (6, 2), "TN": (6, 3), "PY": (6, 4), "AN": (6, 6),
}  # fmt: skip

TILE = 56
TILE_GAP = 6

INK = "#1a1a1a"
OUTLINE = "#4b5563"
BAR = "#0570b0"
GRID = "#d9dee3"
#: What a mark says when its value is not shown (an en dash).
NO_VALUE = "\N{EN DASH}"


@dataclass(frozen=True)
class Band:
    """A coverage band: its colours (text on the fill has at least 4.5:1 contrast)."""

    key: str
    label: str | Promise
    fill: str
    ink: str
    lower: int | None = None
    #: Dashed outline: "not shown" is told by the outline and the text, not colour alone.
    dashed: bool = False


BANDS = (
    Band("low", gettext_lazy("under 25%"), "#d0d1e6", INK, 0),
    Band("some", gettext_lazy("25% to 49%"), "#74a9cf", INK, 25),
    Band("half", gettext_lazy("50% to 74%"), "#0570b0", "#ffffff", 50),
    # xgettext:no-python-format
    Band("most", gettext_lazy("75% or more"), "#023858", "#ffffff", 75),
)
NOT_SHOWN = Band("none", gettext_lazy("not shown or no one in post"), "#ffffff", INK, dashed=True)


def band_for(percent: float | None) -> Band:
    if percent is None:
        return NOT_SHOWN
    band = BANDS[0]
    for each in BANDS:
        if percent >= each.lower:
            band = each
    return band


def _items(items: Iterable[Mapping]) -> list[dict]:
    return [
        {
            "label": str(item.get("label", "")),
            "value": item.get("value"),
            "text": str(item["text"]) if item.get("text") is not None else _number(item),
            "url": item.get("url") or "",
            "code": item.get("code", ""),
        }
        for item in items
    ]


def _number(item: Mapping) -> str:
    value = item.get("value")
    return _("hidden") if value is None else formats.number_format(value)


# --- Tile map -----------------------------------------------------------------------------------


@dataclass
class Tile:
    code: str
    label: str
    text: str
    url: str
    band: Band
    x: int
    y: int
    size: int = TILE

    @property
    def centre(self) -> float:
        return self.x + self.size / 2


@dataclass
class TileMap:
    title: str
    tiles: list[Tile]
    width: int
    height: int
    legend: list[Band]
    items: list[dict]


def tile_map(items: Iterable[Mapping], *, title: str) -> TileMap:
    """One square per state or union territory at its place on ``TILE_GRID``, coloured by the
    band of its ``value`` (a percentage, None for not shown), labelled with its ``code`` and
    ``text``, linking to its ``url``. Items whose code is not on the grid are left off the
    map (they stay in the table)."""
    items = _items(items)
    step = TILE + TILE_GAP
    tiles = []
    for item in items:
        place = TILE_GRID.get(item["code"])
        if place is None:
            continue
        row, column = place
        tiles.append(
            Tile(
                code=item["code"],
                label=item["label"],
                text=item["text"] if item["value"] is not None else NO_VALUE,
                url=item["url"],
                band=band_for(item["value"]),
                x=column * step + TILE_GAP // 2,
                y=row * step + TILE_GAP // 2,
            )
        )
    columns = 1 + max(column for _row, column in TILE_GRID.values())
    rows = 1 + max(row for row, _column in TILE_GRID.values())
    return TileMap(
        title=title,
        tiles=tiles,
        width=columns * step,
        height=rows * step,
        legend=[*BANDS, NOT_SHOWN],
        items=items,
    )


# --- Bar chart ----------------------------------------------------------------------------------

BAR_WIDTH = 400
BAR_ROW = 46


@dataclass
class Bar:
    label: str
    text: str
    url: str
    y: int
    width: float
    value: float | None

    @property
    def label_y(self) -> int:
        return self.y + 14

    @property
    def bar_y(self) -> int:
        return self.y + 22

    @property
    def text_x(self) -> float:
        return self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + 35


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    items: list[dict]
    bar_height: int = 16
    fill: str = BAR


def bar_chart(items: Iterable[Mapping], *, title: str, max_value: float | None = None) -> BarChart:
    """Horizontal bars, one per item, each with its label above and its ``text`` at its end;
    ``max_value`` fixes the full length (e.g. 100 for percentages), else the largest value."""
    items = _items(items)
    values = [item["value"] for item in items if item["value"] is not None]
    top = max_value or max(values, default=0) or 1
    room = BAR_WIDTH - 70  # the value's text after the longest bar
    bars = [
        Bar(
            label=item["label"],
            text=item["text"],
            url=item["url"],
            y=index * BAR_ROW,
            width=0 if item["value"] is None else round(room * min(item["value"], top) / top, 1),
            value=item["value"],
        )
        for index, item in enumerate(items)
    ]
    return BarChart(
        title=title, bars=bars, width=BAR_WIDTH, height=max(len(bars), 1) * BAR_ROW, items=items
    )


# --- Line chart ---------------------------------------------------------------------------------

LINE_WIDTH = 480
LINE_HEIGHT = 250
_LEFT, _RIGHT, _TOP, _BOTTOM = 40, 12, 24, 40


@dataclass
class Point:
    label: str
    text: str
    url: str
    x: float
    y: float | None
    value: float | None

    @property
    def text_y(self) -> float:
        return (self.y if self.y is not None else LINE_HEIGHT - _BOTTOM) - 8


@dataclass
class LineChart:
    title: str
    points: list[Point]
    #: Runs of neighbouring shown points, as SVG ``points`` strings (a hidden month breaks
    #: the line rather than bridging it).
    lines: list[str]
    ticks: list[dict]
    width: int
    height: int
    items: list[dict]
    axis_y: float = field(default=LINE_HEIGHT - _BOTTOM)
    colour: str = BAR


def line_chart(
    items: Iterable[Mapping], *, title: str, max_value: float | None = None, unit: str = ""
) -> LineChart:
    """A line through the items' values in order (e.g. months), each point with its
    ``text``; ``max_value`` fixes the top of the scale (e.g. 100), ``unit`` follows the
    scale's numbers (e.g. "%")."""
    items = _items(items)
    values = [item["value"] for item in items if item["value"] is not None]
    top = max_value or _nice(max(values, default=0))
    plot_w = LINE_WIDTH - _LEFT - _RIGHT
    plot_h = LINE_HEIGHT - _TOP - _BOTTOM
    step = plot_w / max(len(items), 1)
    points = []
    for index, item in enumerate(items):
        value = item["value"]
        y = None if value is None else _TOP + plot_h * (1 - min(value, top) / top)
        points.append(
            Point(
                label=item["label"],
                text=item["text"],
                url=item["url"],
                x=round(_LEFT + step * (index + 0.5), 1),
                y=None if y is None else round(y, 1),
                value=value,
            )
        )
    lines, run = [], []
    for point in [*points, None]:
        if point is not None and point.y is not None:
            run.append(f"{point.x},{point.y}")
            continue
        if len(run) > 1:
            lines.append(" ".join(run))
        run = []
    ticks = [
        {
            "y": round(_TOP + plot_h * (1 - share), 1),
            "text": f"{formats.number_format(round(top * share))}{unit}",
        }
        for share in (0, 0.25, 0.5, 0.75, 1)
    ]
    return LineChart(
        title=title,
        points=points,
        lines=lines,
        ticks=ticks,
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        items=items,
    )


def _nice(value: float) -> float:
    """A round top for a scale that holds ``value``: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * power:
            return factor * power
    return 10 * power


# --- The public scorecard's pictures --------------------------------------------------------------


def public_charts(scorecard) -> dict:
    """The pictures of a public scorecard (``reports.public.PublicScorecard``): the tile map
    (the nation) or the districts' bars (a state), and the trend."""
    place = scorecard.place
    pictures: dict = {}
    if scorecard.state is None:
        pictures["map"] = tile_map(
            [
                {"code": row.key, "label": row.label, "value": row.coverage,
                 "text": row.coverage_text, "url": row.url}
                for row in scorecard.rows
                if row.key
            ],
            title=_("Coverage by state and union territory, %(month)s")
            % {"month": formats.date_format(scorecard.month, "YEAR_MONTH_FORMAT")},
        )  # fmt: skip
    else:
        pictures["bars"] = bar_chart(
            [
                {"label": row.label, "value": row.coverage, "text": row.coverage_text}
                for row in scorecard.rows
            ],
            title=_("Coverage by district in %(place)s") % {"place": place},
            max_value=100,
        )
    pictures["trend"] = line_chart(
        [
            {"label": formats.date_format(row.month, "M"), "value": row.coverage,
             "text": row.coverage_text if row.coverage is not None else NO_VALUE}
            for row in scorecard.trend
        ],
        title=_("Coverage in %(place)s over the last 12 months") % {"place": place},
        max_value=100,
        unit="%",
    )  # fmt: skip
    return pictures
