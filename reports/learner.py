"""Where one learner stands against the training their cadre requires, module by module: the
"Required for your role" panel of My learning.

The rules are the scorecard's (``reports.standing``), applied to this one person's facts as
the scorecard applies them to everyone; this module only arranges the answer for the page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from modules.content.selectors import Requirement, module_pages_in, required_training

from .services import standing_facts
from .standing import Person, standing

if TYPE_CHECKING:
    from modules.content.models import TrainingModulePage

HELD = "held"
EXPIRING = "expiring"
OVERDUE = "overdue"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"


@dataclass(frozen=True)
class RequiredModule:
    requirement: Requirement
    #: The live page to link, in the learner's language when translated; None when the
    #: module is not live.
    page: TrainingModulePage | None
    #: One of HELD, EXPIRING, OVERDUE, IN_PROGRESS, NOT_STARTED.
    status: str
    #: When it is (or was) due while not held; None when held or when no deadline applies.
    due: datetime.date | None
    #: The end of the certificate held (None: it never expires, or no certificate).
    held_until: datetime.date | None = None
    #: When the last certificate expired, for a module that is not held.
    expired_on: datetime.date | None = None
    #: Completed (a certificate may still be to come).
    completed: bool = False

    @property
    def code(self) -> str:
        return self.requirement.module_code

    @property
    def title(self) -> str:
        return self.page.title if self.page is not None else self.requirement.module_title


def person_of(user) -> Person:
    """``user`` as the standing rules see them (no query)."""
    return Person(
        id=user.pk,
        state_id=user.state_id,
        district_id=user.district_id,
        cadre_id=user.cadre_id,
        cadre_since=user.cadre_since,
        joined_on=timezone.localdate(user.date_joined),
    )


def required_for(
    *, user, language: str | None = None, day: datetime.date | None = None
) -> list[RequiredModule]:
    """Each module ``user``'s cadre requires, in module-code order, with where they stand on
    ``day`` (default: today in India) and the page to open in ``language`` (default: the
    source language). Empty without a cadre or requirements. At most four queries."""
    if not getattr(user, "cadre_id", None):
        return []
    requirements = required_training(cadre_ids=[user.cadre_id]).get(user.cadre_id, [])
    if not requirements:
        return []
    day = day or timezone.localdate()
    person = person_of(user)
    module_ids = [r.module_id for r in requirements]
    completed, certificates = standing_facts(module_ids=module_ids, day=day, user_ids=[user.pk])
    completed = completed.get(user.pk, {})
    certificates = certificates.get(user.pk, {})
    pages = module_pages_in(module_ids=module_ids, language=language or settings.LANGUAGE_CODE)
    rows = []
    for requirement in requirements:
        module_id = requirement.module_id
        # One requirement at a time: its standing's next due date is this module's.
        result = standing(
            person, [requirement], completed=completed, certificates=certificates, day=day
        )
        flags = result.modules[module_id]
        ends = certificates.get(module_id, [])
        held = bool(flags["certified"])
        if held:
            status = EXPIRING if flags["expiring"] else HELD
        elif flags["overdue"]:
            status = OVERDUE
        elif flags["enrolled"]:
            status = IN_PROGRESS
        else:
            status = NOT_STARTED
        held_until = expired_on = None
        if requirement.awards_certificate and ends:
            if held:
                # At least one is valid on the day, so the latest end is a valid one's.
                held_until = None if None in ends else max(ends)
            else:
                expired_on = max(ends)  # none is valid on the day: all have ended
        rows.append(
            RequiredModule(
                requirement=requirement,
                page=pages.get(module_id),
                status=status,
                due=result.next_due,
                held_until=held_until,
                expired_on=expired_on,
                completed=bool(flags["completed"]),
            )
        )
    return rows
