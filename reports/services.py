"""Writing the scorecard's rollups: the rebuild from the source tables, and the updates that
events make between rebuilds.

``scorecard_rebuild(month)`` recomputes a month's cells from scratch (the current month as of
today, a past month as of its last day) and, for the current month, every person's standing.
It streams the source rows once each, so it costs a few passes over the enrolments and
certificates of the required modules, whatever the number of people.

``event_record`` adds a completion or a certificate to its month's activity, recomputes the
person and moves the current month's cells by the difference it makes; it runs on commit of
the event (``receivers``) and costs a handful of statements. ``person_refresh`` is the same
without an event.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from certification.selectors import certificate_facts, issues_between
from lms.accounts.selectors import workforce_people
from lms.core.bulk import insert_many
from lms.core.dates import add_months, local_midnight, month_bounds, month_end, month_start
from lms.workforce.selectors import posts_as_of
from modules.content.selectors import required_training
from modules.learning.selectors import attempts_between, completions_between, enrollment_facts

from .facts import facts_rebuild
from .models import ActivityCell, CadreCell, ModuleCell, PersonStanding, Snapshot
from .standing import Person, Standing, Tally, standing

logger = logging.getLogger(__name__)

BATCH = 5000


def cell_key(month: datetime.date, place: tuple, module_id: int | None = None) -> str:
    parts = [f"{month:%Y-%m}", *("-" if part is None else str(part) for part in place)]
    if module_id is not None:
        parts.append(str(module_id))
    return "/".join(parts)


def _place_fields(place: tuple) -> dict:
    state_id, district_id, cadre_id = place
    return {"state_id": state_id, "district_id": district_id, "cadre_id": cadre_id}


def _people(*, user_ids=None, before=None) -> list[Person]:
    return [
        Person(
            id=pk,
            state_id=state_id,
            district_id=district_id,
            cadre_id=cadre_id,
            cadre_since=cadre_since,
            joined_on=timezone.localdate(joined),
        )
        for pk, state_id, district_id, cadre_id, cadre_since, joined in workforce_people(
            user_ids=user_ids, joined_before=before
        )
    ]


def standing_facts(*, module_ids, day: datetime.date, user_ids=None) -> tuple[dict, dict]:
    """What ``standing`` takes of each person on ``day``, by user id: ``completed`` (module id
    → completed?) and ``certificates`` (module id → the ``valid_until`` of each held). Two
    queries (none without modules)."""
    before = local_midnight(day + datetime.timedelta(days=1))
    completed: dict[int, dict[int, bool]] = {}
    certificates: dict[int, dict[int, list]] = {}
    if module_ids:
        for user_id, module_id, done_at in enrollment_facts(
            module_ids=module_ids, user_ids=user_ids, before=before
        ).iterator(chunk_size=BATCH):
            completed.setdefault(user_id, {})[module_id] = done_at is not None
        for user_id, module_id, valid_until in certificate_facts(
            module_ids=module_ids, user_ids=user_ids, before=before
        ).iterator(chunk_size=BATCH):
            certificates.setdefault(user_id, {}).setdefault(module_id, []).append(valid_until)
    return completed, certificates


def _standings(people: list[Person], *, day: datetime.date, user_ids=None, requirements=None):
    """Each person's standing on ``day``, as ``(person, standing)`` pairs."""
    if requirements is None:
        requirements = required_training()
    module_ids = sorted({r.module_id for reqs in requirements.values() for r in reqs})
    completed, certificates = standing_facts(module_ids=module_ids, day=day, user_ids=user_ids)
    for person in people:
        yield (
            person,
            standing(
                person,
                requirements.get(person.cadre_id, []),
                completed=completed.get(person.id, {}),
                certificates=certificates.get(person.id, {}),
                day=day,
            ),
        )


def current_month() -> datetime.date:
    return month_start(timezone.localdate())


def _activity(month: datetime.date) -> dict[tuple, dict[str, int]]:
    start, end = month_bounds(month)
    activity: dict[tuple, dict[str, int]] = {}
    empty = {"completions": 0, "certificates": 0, "attempts": 0, "attempts_passed": 0}
    for name, rows in (
        ("completions", completions_between(start, end)),
        ("certificates", issues_between(start, end)),
        ("attempts", attempts_between(start, end)),
    ):
        for row in rows:
            key = (row["state"], row["district"], row["cadre"], row["module_page"])
            counters = activity.setdefault(key, dict(empty))
            counters[name] += row["count"]
            if name == "attempts":
                counters["attempts_passed"] += row["passed"]
    return activity


def scorecard_rebuild(*, month: datetime.date | None = None) -> Snapshot:
    """Recompute ``month``'s cells (default: the current month) from the source tables.

    The current month is counted as of today and also rewrites every person's standing; a past
    month is counted as of its last day, with people and places as they are now (the platform
    does not keep the history of a person's cadre or district)."""
    this_month = current_month()
    month = month_start(month or this_month)
    if month > this_month:
        raise ValueError("a month that has not begun has no scorecard")
    is_current = month == this_month
    day = timezone.localdate() if is_current else month_end(month)
    before = local_midnight(day + datetime.timedelta(days=1))
    now = timezone.now()

    tally = Tally()
    standings: list[PersonStanding] = []
    for person, result in _standings(_people(before=before), day=day):
        tally.add(person.place, result)
        if is_current:
            standings.append(_standing_row(person, result, now))
    posts = posts_as_of(month)
    requirement_counts = {cadre_id: len(reqs) for cadre_id, reqs in required_training().items()}
    places = set(tally.cadre) | set(posts)
    cadre_cells = []
    for place in places:
        sanctioned, filled = posts.get(place, (None, None))
        cadre_cells.append(
            CadreCell(
                key=cell_key(month, place),
                month=month,
                **_place_fields(place),
                posts_sanctioned=sanctioned,
                posts_filled=filled,
                required_modules=requirement_counts.get(place[2], 0),
                **tally.cadre.get(place, {}),
            )
        )
    module_cells = [
        ModuleCell(
            key=cell_key(month, key[:3], key[3]),
            month=month,
            **_place_fields(key[:3]),
            module_id=key[3],
            **counters,
        )
        for key, counters in tally.module.items()
    ]
    activity_cells = [
        ActivityCell(
            key=cell_key(month, key[:3], key[3]),
            month=month,
            **_place_fields(key[:3]),
            module_id=key[3],
            **counters,
        )
        for key, counters in _activity(month).items()
    ]
    with transaction.atomic():
        for model in (CadreCell, ModuleCell, ActivityCell):
            model.objects.filter(month=month).delete()
        insert_many(CadreCell, cadre_cells)
        insert_many(ModuleCell, module_cells)
        insert_many(ActivityCell, activity_cells)
        if is_current:
            PersonStanding.objects.all().delete()
            insert_many(PersonStanding, standings)
        facts_rebuild(month=month, before=before)
        snapshot, _created = Snapshot.objects.update_or_create(
            month=month, defaults={"rebuilt_at": now, "as_of": day, "updated_at": now}
        )
    logger.info(
        "Scorecard %s rebuilt: %d people, %d cells", f"{month:%Y-%m}", len(standings), len(places)
    )
    return snapshot


def scorecard_rebuild_recent(*, months: int = 1) -> list[Snapshot]:
    """Rebuild the current month and the ``months - 1`` before it that have no figures yet
    (the nightly task: a month that ended keeps the figures it had then)."""
    this_month = current_month()
    rebuilt = []
    for back in range(months - 1, 0, -1):
        month = add_months(this_month, -back)
        if not Snapshot.objects.filter(month=month).exists():
            rebuilt.append(scorecard_rebuild(month=month))
    rebuilt.append(scorecard_rebuild(month=this_month))
    return rebuilt


def _standing_row(person: Person, result: Standing, now) -> PersonStanding:
    return PersonStanding(
        user_id=person.id,
        **_place_fields(person.place),
        status=result.status,
        expiring=result.expiring,
        overdue=result.overdue,
        next_due=result.next_due,
        modules={str(module_id): flags for module_id, flags in result.modules.items()},
        refreshed_at=now,
    )


def _old_standing(row: PersonStanding) -> Standing:
    return Standing(
        status=row.status,
        expiring=row.expiring,
        overdue=row.overdue,
        next_due=row.next_due,
        modules={int(module_id): flags for module_id, flags in row.modules.items()},
    )


def _apply(model, key: str, fields: dict, deltas: dict[str, int]) -> None:
    """Move the counters of the cell with ``key`` by ``deltas``: one UPDATE, and the cell made
    first when this is its first event (by whichever of two callers gets there first)."""
    changes = {name: F(name) + delta for name, delta in deltas.items() if delta}
    if not changes or model.objects.filter(key=key).update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.get_or_create(key=key, defaults=fields)
    except IntegrityError:
        pass
    model.objects.filter(key=key).update(**changes)


def _without_waiting_for_disk() -> None:
    """On PostgreSQL, let this transaction commit without waiting for its log to reach the
    disk (``synchronous_commit = off`` for it alone). The rollups are derived data: a crash
    could lose the last moment's updates, which the nightly rebuild counts again, never a
    certificate or an enrolment (their own transactions are untouched)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


@transaction.atomic
def event_record(
    *,
    user_id: int,
    module_id: int | None = None,
    at: datetime.datetime | None = None,
    completions: int = 0,
    certificates: int = 0,
) -> None:
    """What a completion or a certificate changes in the rollups: the activity of its month
    (``module_id``, ``at``, the counts) and, from the current month's first rebuild on, the
    person's standing and the current month's cells by the difference it makes. One
    transaction of a handful of statements, whatever the size of the scorecard."""
    _without_waiting_for_disk()
    people = _people(user_ids=[user_id])
    if module_id is not None and people and (completions or certificates):
        place = people[0].place
        month = month_start(timezone.localdate(at or timezone.now()))
        _apply(
            ActivityCell,
            cell_key(month, place, module_id),
            {"month": month, **_place_fields(place), "module_id": module_id},
            {"completions": completions, "certificates": certificates},
        )
    month = current_month()
    if not Snapshot.objects.filter(month=month).exists():
        return  # the month's first rebuild will count them
    old_row = PersonStanding.objects.select_for_update().filter(user_id=user_id).first()
    tally = Tally()
    if old_row is not None:
        old_place = (old_row.state_id, old_row.district_id, old_row.cadre_id)
        tally.add(old_place, _old_standing(old_row), sign=-1)
    cadres = {person.cadre_id for person in people} | {old_row.cadre_id if old_row else None}
    requirements = required_training(cadre_ids=[pk for pk in cadres if pk is not None])
    new_row = None
    for person, result in _standings(
        people, day=timezone.localdate(), user_ids=[user_id], requirements=requirements
    ):
        tally.add(person.place, result)
        new_row = _standing_row(person, result, timezone.now())
    for place, deltas in tally.cadre.items():
        fields = {
            "month": month,
            **_place_fields(place),
            "required_modules": len(requirements.get(place[2], [])),
        }
        _apply(CadreCell, cell_key(month, place), fields, deltas)
    for key, deltas in tally.module.items():
        fields = {"month": month, **_place_fields(key[:3]), "module_id": key[3]}
        _apply(ModuleCell, cell_key(month, key[:3], key[3]), fields, deltas)
    if new_row is None:
        if old_row is not None:
            old_row.delete()
    elif old_row is None:
        new_row.save(force_insert=True)
    else:
        new_row.save(force_update=True)


def person_refresh(*, user_id: int) -> None:
    """Recompute one person's standing now and move the current month's cells by the
    difference (after a change to their cadre, place or training)."""
    event_record(user_id=user_id)


def posts_refresh(*, state_id: int, month: datetime.date) -> int:
    """Show a state's newly recorded posts in the cells of every month from ``month`` to the
    current one that has figures (a report for a month holds until a later one): each cell
    takes the posts as of its month. Returns how many cells changed."""
    changed = 0
    months = Snapshot.objects.filter(month__gte=month_start(month)).values_list("month", flat=True)
    requirements = {cadre_id: len(reqs) for cadre_id, reqs in required_training().items()}
    for each in months:
        posts = posts_as_of(each, state_ids=[state_id])
        with transaction.atomic():
            cells = {
                (cell.state_id, cell.district_id, cell.cadre_id): cell
                for cell in CadreCell.objects.select_for_update().filter(
                    month=each, state_id=state_id
                )
            }
            for place in set(cells) | set(posts):
                sanctioned, filled = posts.get(place, (None, None))
                cell = cells.get(place)
                if cell is None:
                    _cell_for_posts(each, place, sanctioned, filled, requirements)
                    changed += 1
                elif (cell.posts_sanctioned, cell.posts_filled) != (sanctioned, filled):
                    CadreCell.objects.filter(pk=cell.pk).update(
                        posts_sanctioned=sanctioned, posts_filled=filled
                    )
                    changed += 1
    return changed


def _cell_for_posts(month, place, sanctioned, filled, requirements) -> None:
    fields = {
        "month": month,
        **_place_fields(place),
        "posts_sanctioned": sanctioned,
        "posts_filled": filled,
        "required_modules": requirements.get(place[2], 0),
    }
    try:
        with transaction.atomic():
            CadreCell.objects.create(key=cell_key(month, place), **fields)
    except IntegrityError:  # made meanwhile by an event
        CadreCell.objects.filter(key=cell_key(month, place)).update(
            posts_sanctioned=sanctioned, posts_filled=filled
        )
