"""The scorecard's trainers: accredited trainers against need, accreditations running out,
average gain and the training-of-trainers cascade, for the nation (by state), a state (by
district) and a district.

- *People in post* are the scorecard's own figure for the place (``selectors.Figures.in_post``,
  over all cadres), read from the scorecard the page already built: never counted again.
- *Accredited trainers* are distinct trainers holding a current accreditation on the day (in
  India): not revoked, not renewed, valid until that day or later. A state-level trainer
  counts for their state, a district trainer for their district; a national master trainer
  only for the nation.
- *Expiring* accreditations are current ones whose last valid day falls within
  ``EXPIRING_DAYS``. Their list names trainers, so it is built only for viewers who may see
  the people of the state (``may_see_people``).

Each section costs the same few queries at any number of districts or trainers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.access import is_national_admin, states_for
from lms.geography.models import District, State
from lms.geography.names import name_in_language
from trainers.models import Accreditation

from . import access, selectors
from .exports import Cell, Table, TableRow, day, number, text

#: Accreditations ending within this many days are "expiring".
EXPIRING_DAYS = 90


def current_accreditations(today: datetime.date) -> QuerySet[Accreditation]:
    """Accreditations valid on ``today``: neither revoked nor renewed, not past their date."""
    return Accreditation.objects.filter(
        revoked_at__isnull=True, superseded_at__isnull=True, valid_until__gte=today
    )


def may_see_people(user, state: State | None) -> bool:
    """Whether ``user`` may see trainers by name in ``state``: national administrators, and
    the state's coordinators (no query: the scope is cached)."""
    if user is None or not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return state is not None and state.pk in states_for(user, *access.STATE_ROLES).state_ids


@dataclass
class TrainerPlace:
    """One place's trainers against its need."""

    key: object
    label: str
    in_post: int
    trainers: int = 0
    expiring: int = 0
    url: str = ""

    @property
    def per_trainer(self) -> int | None:
        """People in post per accredited trainer, None when the place has none."""
        if not self.trainers:
            return None
        return round(self.in_post / self.trainers)

    @property
    def without_trainer(self) -> bool:
        return self.trainers == 0


@dataclass(frozen=True)
class ExpiringAccreditation:
    trainer_name: str
    standard: str
    level: str
    district: str
    valid_until: datetime.date


@dataclass
class TrainerFigures:
    today: datetime.date
    #: One line per place one step down (a nation's states, a state's districts and its own
    #: state-level trainers; a district's one line).
    places: list[TrainerPlace]
    total: TrainerPlace
    #: Accreditations expiring within ``EXPIRING_DAYS`` in the level.
    expiring: int
    #: The same by name, soonest first (empty unless the viewer may see names).
    expiring_list: list[ExpiringAccreditation] = field(default_factory=list)
    gain_by_district: list = field(default_factory=list)
    gain_by_trainer: list = field(default_factory=list)
    cascade: list = field(default_factory=list)


def _accreditations(today, state, district) -> list[dict]:
    """The current accreditations of a level, one query (with the names an expiring list
    shows)."""
    current = current_accreditations(today)
    if district is not None:
        current = current.filter(district=district)
    elif state is not None:
        current = current.filter(state=state)
    return list(
        current.order_by("valid_until", "trainer_name").values(
            "trainer_id", "trainer_name", "level", "state_id", "district_id",
            "district__name", "district__names", "standard__name", "valid_until",
        )
    )  # fmt: skip


def _place(key, label, in_post, rows, *, url="", soon=None) -> TrainerPlace:
    return TrainerPlace(
        key=key,
        label=label,
        in_post=in_post,
        trainers=len({row["trainer_id"] for row in rows}),
        expiring=sum(1 for row in rows if row["valid_until"] <= soon),
        url=url,
    )


def trainer_figures(
    *,
    scorecard: selectors.Scorecard,
    state: State | None = None,
    district: District | None = None,
    with_names: bool = False,
    today: datetime.date | None = None,
) -> TrainerFigures:
    """The trainers section of a level whose scorecard is ``scorecard`` (the nation when
    ``state`` is None). ``with_names``: the viewer may see trainers by name."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRING_DAYS)
    rows = _accreditations(today, state, district)
    places: list[TrainerPlace] = []
    if district is not None:
        places.append(
            _place(district.pk, district.display_name, scorecard.total.in_post, rows, soon=soon)
        )
        label = district.display_name
    elif state is not None:
        state_level = [row for row in rows if row["district_id"] is None]
        places.append(
            _place("state", _("Whole state: state-level trainers"), scorecard.total.in_post,
                   state_level, soon=soon)
        )  # fmt: skip
        by_district: dict[int, list] = {}
        for row in rows:
            if row["district_id"] is not None:
                by_district.setdefault(row["district_id"], []).append(row)
        for each in scorecard.rows:
            if not isinstance(each.key, int):
                continue  # the state's own units: their trainers are the state-level ones
            places.append(
                _place(each.key, each.label, each.figures.in_post,
                       by_district.get(each.key, []), soon=soon)
            )  # fmt: skip
        label = state.display_name
    else:
        national = [row for row in rows if row["state_id"] is None]
        places.append(
            _place("nation", _("National master trainers"), scorecard.total.in_post, national,
                   soon=soon)
        )  # fmt: skip
        by_state: dict[int, list] = {}
        for row in rows:
            if row["state_id"] is not None:
                by_state.setdefault(row["state_id"], []).append(row)
        for each in scorecard.rows:
            if each.obj is None:
                continue  # people without a state: no trainer can be theirs
            places.append(
                _place(each.key, each.label, each.figures.in_post,
                       by_state.get(each.obj.pk, []), soon=soon)
            )  # fmt: skip
        label = _("India")
    total = _place("total", label, scorecard.total.in_post, rows, soon=soon)
    figures = TrainerFigures(today=today, places=places, total=total, expiring=total.expiring)
    if with_names:
        levels = dict(Accreditation.Level.choices)
        figures.expiring_list = [
            ExpiringAccreditation(
                trainer_name=row["trainer_name"],
                standard=row["standard__name"],
                level=str(levels.get(row["level"], row["level"])),
                district=name_in_language(row["district__name"] or "", row["district__names"])
                if row["district_id"]
                else "",
                valid_until=row["valid_until"],
            )
            for row in rows
            if row["valid_until"] <= soon
        ]
    return figures


# --- The section's tables ---------------------------------------------------------------------


def _per_trainer(place: TrainerPlace) -> Cell:
    return number(place.per_trainer)


def trainer_tables(figures: TrainerFigures, *, url_for=None) -> list[Table]:
    """The section's tables as the page shows them and as downloads: trainers against need
    (places without a trainer are marked), then the expiring accreditations by name when
    the figures hold them, average gain and the cascade when there are any."""
    need = Table(
        slug="trainers",
        title=_("Trainers against need"),
        headings=[
            _("Place"),
            _("People in post"),
            _("Accredited trainers"),
            _("People in post per trainer"),
            _("Accreditations expiring in 90 days"),
        ],
        numeric=[False, True, True, True, True],
    )
    for place in [*figures.places, figures.total]:
        need.rows.append(
            TableRow(
                cells=[
                    text(place.label),
                    number(place.in_post),
                    number(place.trainers),
                    _per_trainer(place),
                    number(place.expiring),
                ],
                url=url_for(place) if url_for is not None else "",
                lagging=place.without_trainer,
                key=place.key,
            )
        )
    tables = [need]
    if figures.expiring_list:
        tables.append(
            Table(
                slug="trainers-expiring",
                title=_("Accreditations expiring in 90 days"),
                headings=[_("Trainer"), _("Standard"), _("Level"), _("District"),
                          _("Valid until")],
                rows=[
                    TableRow(cells=[text(each.trainer_name), text(each.standard),
                                    text(each.level), text(each.district),
                                    day(each.valid_until)])
                    for each in figures.expiring_list
                ],
                numeric=[False] * 5,
            )
        )  # fmt: skip
    return tables
