"""Where one person stands against the training their cadre requires: the one home of the
scorecard's rules. The rebuild applies it to everyone, an event to one person; both count the
result into cells the same way (``Tally``).

The rules:

- A required module is *held* when the person has a certificate in it that is valid on the
  day (a module that awards no certificate: when they have completed it).
- It is *due* from the date the person took up their post (``cadre_since``, else the day
  their account was made) plus the requirement's months, or by its fixed date, whichever is
  later; when a certificate held before has expired and the requirement renews, it is due
  again the day after the expiry.
- It is *overdue* when it is due before the day and not held; a held certificate is
  *expiring* when it ends within ``EXPIRING_DAYS``.
- The person is *trained* when they hold every module their cadre requires, *expiring* when
  trained and one of those certificates is expiring, *overdue* when any module is overdue.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from lms.core.dates import add_months
from modules.content.selectors import Requirement

#: A certificate ending within this many days counts as expiring.
EXPIRING_DAYS = 90

NOT_REQUIRED = "not_required"
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
TRAINED = "trained"

#: The counters of a cadre cell and of a module cell, in the models' field names.
CADRE_COUNTERS = ("registered", "started", "completed", "trained", "expiring", "overdue")
MODULE_COUNTERS = ("enrolled", "completed", "certified", "expiring", "overdue")


@dataclass(frozen=True)
class Person:
    id: int
    state_id: int | None
    district_id: int | None
    cadre_id: int | None
    cadre_since: datetime.date | None
    joined_on: datetime.date

    @property
    def place(self) -> tuple[int | None, int | None, int | None]:
        return (self.state_id, self.district_id, self.cadre_id)


@dataclass
class Standing:
    status: str
    expiring: bool = False
    overdue: bool = False
    next_due: datetime.date | None = None
    #: module id → {counter: 0 or 1} for MODULE_COUNTERS
    modules: dict[int, dict[str, int]] = field(default_factory=dict)

    def cadre_counts(self) -> dict[str, int]:
        required = self.status != NOT_REQUIRED
        return {
            "registered": 1,
            "started": int(required and self.status != NOT_STARTED),
            "completed": int(self.status in (COMPLETED, TRAINED)),
            "trained": int(self.status == TRAINED),
            "expiring": int(self.expiring),
            "overdue": int(self.overdue),
        }


def due_date(
    requirement: Requirement, person: Person, last_expiry: datetime.date | None
) -> datetime.date | None:
    start = person.cadre_since or person.joined_on
    due = add_months(start, requirement.within_months) if requirement.within_months else None
    if requirement.due_by is not None:
        due = max(due, requirement.due_by) if due else requirement.due_by
    if requirement.renew and last_expiry is not None:
        renewal = last_expiry + datetime.timedelta(days=1)
        due = max(due, renewal) if due else renewal
    return due


def standing(
    person: Person,
    requirements: list[Requirement],
    *,
    completed: dict[int, bool],
    certificates: dict[int, list[datetime.date | None]],
    day: datetime.date,
) -> Standing:
    """``person``'s standing on ``day``. ``completed`` maps the module ids they are enrolled
    in to whether they completed it; ``certificates`` maps module ids to the ``valid_until``
    of each certificate they held (None: never expires)."""
    if not requirements:
        return Standing(status=NOT_REQUIRED)
    soon = day + datetime.timedelta(days=EXPIRING_DAYS)
    result = Standing(status=NOT_STARTED)
    all_held = all_done = True
    any_started = False
    for requirement in requirements:
        module_id = requirement.module_id
        enrolled = module_id in completed
        done = completed.get(module_id, False)
        ends = certificates.get(module_id, [])
        valid = [end for end in ends if end is None or end >= day]
        if requirement.awards_certificate:
            held = bool(valid)
            latest_end = None if any(end is None for end in valid) else max(valid, default=None)
        else:
            held, latest_end = done, None
        expired = [end for end in ends if end is not None and end < day]
        due = due_date(requirement, person, max(expired, default=None) if not held else None)
        overdue = not held and due is not None and due < day
        expiring = held and latest_end is not None and latest_end <= soon
        result.modules[module_id] = {
            "enrolled": int(enrolled),
            "completed": int(done),
            "certified": int(held),
            "expiring": int(expiring),
            "overdue": int(overdue),
        }
        any_started |= enrolled
        all_done &= done or held
        all_held &= held
        result.overdue |= overdue
        result.expiring |= expiring
        if not held and due is not None:
            result.next_due = min(result.next_due, due) if result.next_due else due
    if all_held:
        result.status = TRAINED
    elif all_done:
        result.status = COMPLETED
    elif any_started:
        result.status = IN_PROGRESS
    result.expiring = result.expiring and all_held
    return result


class Tally:
    """Cadre and module counters summed by place: ``(state, district, cadre)`` and
    ``(state, district, cadre, module)``."""

    def __init__(self) -> None:
        self.cadre: dict[tuple, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(CADRE_COUNTERS, 0)
        )
        self.module: dict[tuple, dict[str, int]] = defaultdict(
            lambda: dict.fromkeys(MODULE_COUNTERS, 0)
        )

    def add(self, place: tuple, result: Standing, sign: int = 1) -> None:
        for name, value in result.cadre_counts().items():
            self.cadre[place][name] += sign * value
        for module_id, flags in result.modules.items():
            counters = self.module[(*place, module_id)]
            for name, value in flags.items():
                counters[name] += sign * value
