"""Reading the posts of the workforce."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet

from lms.accounts.models import Cadre
from lms.geography.models import District

from .models import PostCount

#: (state id, district id or None, cadre id) → (sanctioned, filled)
PostKey = tuple[int, int | None, int]


def posts_as_of(month: datetime.date, *, state_ids=None) -> dict[PostKey, tuple[int, int]]:
    """Each district's (and each state's own units') posts per cadre as reported for
    ``month``: the latest report on or before it."""
    rows = PostCount.objects.filter(as_of__lte=month.replace(day=1))
    if state_ids is not None:
        rows = rows.filter(state_id__in=state_ids)
    posts: dict[PostKey, tuple[int, int]] = {}
    for state_id, district_id, cadre_id, sanctioned, filled in rows.order_by("as_of").values_list(
        "state_id", "district_id", "cadre_id", "sanctioned", "filled"
    ):
        posts[(state_id, district_id, cadre_id)] = (sanctioned, filled)
    return posts


@dataclass(frozen=True)
class Figure:
    """The posts of one cadre in one place, as reported for the month ``as_of``."""

    sanctioned: int
    filled: int
    as_of: datetime.date

    @property
    def vacant(self) -> int:
        return self.sanctioned - self.filled


def post_figures(
    *, state_id: int, month: datetime.date, district_ids=None, state_level: bool = True
) -> dict[tuple[int | None, int], Figure]:
    """{(district id or None, cadre id): Figure} of one state for ``month``: the latest report
    on or before it, in one query. ``district_ids`` limits the districts; ``state_level``
    says whether the state's own units are included."""
    rows = PostCount.objects.filter(state_id=state_id, as_of__lte=month.replace(day=1))
    if district_ids is not None:
        place = Q(district_id__in=list(district_ids))
        if state_level:
            place |= Q(district__isnull=True)
        rows = rows.filter(place)
    elif not state_level:
        rows = rows.filter(district__isnull=False)
    figures: dict[tuple[int | None, int], Figure] = {}
    for district_id, cadre_id, sanctioned, filled, as_of in rows.order_by("as_of").values_list(
        "district_id", "cadre_id", "sanctioned", "filled", "as_of"
    ):
        figures[(district_id, cadre_id)] = Figure(sanctioned, filled, as_of)
    return figures


def reported_months(*, state_id: int) -> list[datetime.date]:
    """The months for which ``state`` has reported posts, the latest first."""
    return list(
        PostCount.objects.filter(state_id=state_id)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .distinct()
    )


def post_history(*, state_id: int, district_id: int | None, cadre_id: int) -> QuerySet[PostCount]:
    """Every report of one cadre in one place (a district, or None for the state's own
    units), the latest first, each with its ``vacant`` posts."""
    rows = PostCount.objects.filter(state_id=state_id, cadre_id=cadre_id)
    if district_id is None:
        rows = rows.filter(district__isnull=True)
    else:
        rows = rows.filter(district_id=district_id)
    return (
        rows.select_related("recorded_by")
        .annotate(vacant=F("sanctioned") - F("filled"))
        .order_by("-as_of")
    )


@dataclass
class PlacePosts:
    """One place's posts for the table: a district, or the state's own units (None)."""

    district: District | None
    #: (cadre, figure), in the cadres' order
    rows: list[tuple[Cadre, Figure]] = field(default_factory=list)

    @property
    def sanctioned(self) -> int:
        return sum(figure.sanctioned for _cadre, figure in self.rows)

    @property
    def filled(self) -> int:
        return sum(figure.filled for _cadre, figure in self.rows)

    @property
    def vacant(self) -> int:
        return self.sanctioned - self.filled


@dataclass(frozen=True)
class CadreTotal:
    cadre: Cadre
    sanctioned: int
    filled: int

    @property
    def vacant(self) -> int:
        return self.sanctioned - self.filled


@dataclass
class PostsTable:
    month: datetime.date
    places: list[PlacePosts]
    #: Each cadre's posts over every place shown (cadres with figures only)
    by_cadre: list[CadreTotal]

    @property
    def reported(self) -> list[PlacePosts]:
        """The places with figures, in the table's order."""
        return [place for place in self.places if place.rows]

    @property
    def unreported(self) -> list[PlacePosts]:
        """The places without any figures for the month (listed apart, by name)."""
        return [place for place in self.places if not place.rows]

    @property
    def sanctioned(self) -> int:
        return sum(place.sanctioned for place in self.places)

    @property
    def filled(self) -> int:
        return sum(place.filled for place in self.places)

    @property
    def vacant(self) -> int:
        return self.sanctioned - self.filled


def posts_table(
    *, state_id: int, month: datetime.date, districts: list[District], state_level: bool
) -> PostsTable:
    """The posts of ``districts`` (and of the state's own units when ``state_level``) for
    ``month``, place by place — the state's own units first, then the districts in the given
    order — in two queries whatever the number of districts."""
    figures = post_figures(
        state_id=state_id,
        month=month,
        district_ids=[district.pk for district in districts],
        state_level=state_level,
    )
    cadres = list(Cadre.objects.order_by("sort_order", "name"))
    places = ([PlacePosts(None)] if state_level else []) + [PlacePosts(d) for d in districts]
    totals: dict[int, list[int]] = {}
    for place in places:
        district_id = place.district.pk if place.district else None
        for cadre in cadres:
            figure = figures.get((district_id, cadre.pk))
            if figure is not None:
                place.rows.append((cadre, figure))
                total = totals.setdefault(cadre.pk, [0, 0])
                total[0] += figure.sanctioned
                total[1] += figure.filled
    by_cadre = [CadreTotal(c, *totals[c.pk]) for c in cadres if c.pk in totals]
    return PostsTable(month=month.replace(day=1), places=places, by_cadre=by_cadre)
