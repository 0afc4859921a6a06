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
  the people of the state (``may_see_people``), on the state's page.
- On a state's page, *average gain* (``trainers.evidence``: post-test minus pre-test) by the
  district learners are registered in and by trainer (named only for those viewers), and the
  *cascade*'s levels (``trainers.cascade``): trainers valid today at each level, the people
  they reached and those certified.

Each section costs the same few queries at any number of districts or trainers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lms.accounts.access import is_national_admin, states_for
from lms.accounts.models import User
from lms.geography.models import District, State
from lms.geography.names import name_in_language
from trainers import cascade as trainer_cascade
from trainers import evidence
from trainers.models import Accreditation

from . import access, selectors
from .exports import Cell, Table, TableRow, day, number, text
from .public import THRESHOLD

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


@dataclass(frozen=True)
class GainRow:
    """The gain of a district's learners, or of one trainer's (``key``: their id)."""

    key: object
    label: str
    gain: evidence.Gain
    #: A trainer's row: whether they hold a current accreditation in the state.
    accredited: bool | None = None


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
    gain_by_district: list[GainRow] = field(default_factory=list)
    #: Empty unless the viewer may see trainers by name.
    gain_by_trainer: list[GainRow] = field(default_factory=list)
    #: ``trainers.cascade.LevelSummary`` from the master trainers to the frontline.
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
            "trainer_id", "trainer_name", "level", "state_id", "state__code", "district_id",
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
    ``state`` is None). ``with_names``: the viewer may see trainers by name (their expiring
    accreditations and gain are listed on a state's page)."""
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
    if state is None or district is not None:
        return figures
    figures.gain_by_district = _gain_by_district(state, scorecard)
    figures.cascade = trainer_cascade.state_cascade(state, day=today).levels
    if with_names:
        accredited = {row["trainer_id"] for row in rows}
        figures.gain_by_trainer = _gain_by_trainer(state, accredited)
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


def _gain_by_district(state: State, scorecard: selectors.Scorecard) -> list[GainRow]:
    """Every district of the state's scorecard, with the gain of the learners registered
    there (an empty gain where none has both tests), then those who named no district."""
    gains = evidence.gain_by_district(state=state)
    rows = [
        GainRow(key=each.key, label=each.label, gain=gains.get(each.key, evidence.EMPTY))
        for each in scorecard.rows
        if isinstance(each.key, int)
    ]
    if gains.get(None):
        rows.append(GainRow(key=None, label=_("No district given"), gain=gains[None]))
    return rows


def _gain_by_trainer(state: State, accredited: set[int]) -> list[GainRow]:
    """Each trainer of the state's cohorts with results, by name (one query for the names)."""
    gains = evidence.gain_by_trainer(state=state)
    names = dict(User.objects.filter(pk__in=list(gains)).values_list("pk", "full_name"))
    rows = [
        GainRow(key=pk, label=names.get(pk) or "", gain=gain, accredited=pk in accredited)
        for pk, gain in gains.items()
    ]
    return sorted(rows, key=lambda row: (row.label.casefold(), row.key))


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
    if figures.gain_by_district:
        tables.append(
            _gain_table(
                "gain-districts",
                _("Average gain by district"),
                _("District"),
                figures.gain_by_district,
            )
        )
    if figures.gain_by_trainer:
        tables.append(
            _gain_table(
                "gain-trainers", _("Average gain by trainer"), _("Trainer"), figures.gain_by_trainer
            )
        )
    if figures.cascade:
        tables.append(_cascade_table(figures.cascade))
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


def _points(value: float | None) -> Cell:
    if value is None:
        return Cell(None, "—", numeric=True)
    return Cell(value, formats.number_format(value, 1), numeric=True)


def _gain_table(slug: str, title: str, first: str, rows: list[GainRow]) -> Table:
    trainers_table = rows and rows[0].accredited is not None
    yes, no = _("Yes"), _("No")
    table = Table(
        slug=slug,
        title=title,
        headings=[
            first,
            *([_("Accredited")] if trainers_table else []),
            _("Learners with both tests"),
            _("Average before (%)"),
            _("Average after (%)"),
            _("Average gain (points)"),
            _("Passed first time (%)"),
        ],
    )
    for row in rows:
        gain = row.gain
        table.rows.append(
            TableRow(
                cells=[
                    text(row.label),
                    *([text(yes if row.accredited else no)] if trainers_table else []),
                    number(gain.learners),
                    _points(gain.avg_pre),
                    _points(gain.avg_post),
                    _points(gain.avg_gain),
                    _points(gain.pass_rate),
                ],
                key=row.key,
            )
        )
    table.numeric = [False] * (2 if trainers_table else 1) + [True] * 5
    return table


def _cascade_table(levels: list) -> Table:
    table = Table(
        slug="cascade",
        title=_("Cascade reach"),
        headings=[
            _("Level"),
            _("Trainers valid today"),
            _("Trainers of the next level they trained"),
            _("People they trained"),
            _("People certified"),
        ],
        numeric=[False, True, True, True, True],
    )
    for level in levels:
        table.rows.append(
            TableRow(
                cells=[
                    text(str(level.label)),
                    number(level.trainers),
                    number(level.trainers_trained),
                    number(level.reached),
                    number(level.certified),
                ],
                key=level.level,
            )
        )
    return table


# --- The public scorecard ---------------------------------------------------------------------
#
# What the public pages show of trainers (``reports.public`` rules the rest): aggregates that
# describe no one.
#
# - Accredited trainers per state (the nation's page) or per district and at state level (a
#   state's page), as counts: an accreditation is a public credential, verifiable by its code.
# - People in post per trainer only where the public page shows the place's people in post:
#   with the trainers shown, the ratio would give a hidden count away.
# - The accreditations expiring within 90 days: the level's total only.
# - Average gain by district (a state's page) only for districts with at least
#   ``public.THRESHOLD`` learners with both tests; their number likewise.
# - Never a trainer's name, their expiring accreditations, gain by trainer, or the cascade
#   (its levels are small groups of named trainers).


@dataclass(frozen=True)
class PublicTrainerRow:
    label: str
    trainers: int
    #: People in post per trainer; None when not shown (``missing`` says why).
    per_trainer: int | None
    #: "none" (no trainer), "hidden" (people in post hidden), "".
    missing: str = ""

    @property
    def per_trainer_text(self) -> str:
        if self.per_trainer is not None:
            return f"{self.per_trainer}"
        return _("no trainer") if self.missing == "none" else _("hidden")


@dataclass(frozen=True)
class PublicGainRow:
    label: str
    learners: int | None
    avg_gain: float | None

    @property
    def learners_text(self) -> str:
        return _("hidden") if self.learners is None else f"{self.learners}"

    @property
    def avg_gain_text(self) -> str:
        if self.avg_gain is None:
            return _("hidden") if self.learners is None else "—"
        return formats.number_format(self.avg_gain, 1)


@dataclass
class PublicTrainers:
    today: datetime.date
    rows: list[PublicTrainerRow]
    total: PublicTrainerRow
    expiring: int
    gain_by_district: list[PublicGainRow] = field(default_factory=list)


def _public_row(label: str, trainer_ids: set, in_post: int | None) -> PublicTrainerRow:
    count = len(trainer_ids)
    if not count:
        return PublicTrainerRow(label, 0, None, "none")
    if in_post is None:
        return PublicTrainerRow(label, count, None, "hidden")
    return PublicTrainerRow(label, count, round(in_post / count))


def public_figures(scorecard, *, today: datetime.date | None = None) -> PublicTrainers:
    """The trainers of a public scorecard (``reports.public.PublicScorecard``): two queries
    on a state's page, one on the nation's."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRING_DAYS)
    state = scorecard.state
    rows = _accreditations(today, state, None)
    # A state's rows are its districts (by id), the nation's its states (by code).
    key = "district_id" if state is not None else "state__code"
    by_place: dict[object, set] = {}
    for row in rows:
        by_place.setdefault(row[key], set()).add(row["trainer_id"])
    if state is not None:
        first_label = _("State-level trainers")
        places = {each.key: int(each.key) for each in scorecard.rows if each.key.isdigit()}
    else:
        first_label = _("National master trainers")
        places = {each.key: each.key for each in scorecard.rows if each.key}
    first = _public_row(first_label, by_place.get(None, set()), scorecard.total.in_post)
    shown = [
        _public_row(each.label, by_place.get(places[each.key], set()), each.in_post)
        for each in scorecard.rows
        if each.key in places
    ]
    figures = PublicTrainers(
        today=today,
        rows=[first, *shown],
        total=_public_row(
            scorecard.total.label, {row["trainer_id"] for row in rows}, scorecard.total.in_post
        ),
        expiring=sum(1 for row in rows if row["valid_until"] <= soon),
    )
    if state is not None:
        gains = evidence.gain_by_district(state=state)
        for each in scorecard.rows:
            if each.key not in places:
                continue
            gain = gains.get(places[each.key], evidence.EMPTY)
            public = gain.learners == 0 or gain.learners >= THRESHOLD
            figures.gain_by_district.append(
                PublicGainRow(
                    label=each.label,
                    learners=gain.learners if public else None,
                    avg_gain=gain.avg_gain if public else None,
                )
            )
    return figures
