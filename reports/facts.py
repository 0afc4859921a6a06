"""The scorecard's other facts, counted by the rebuild: which languages people use, how much
in-person training was delivered (sessions held, trainers active), how assessments go (pass
rate) and how long a certificate takes (median days, per module version).

Languages and pass rates add up across places like the cadre cells; distinct trainers and
medians do not, so ``DeliveryCell`` and ``ModuleVersionStat`` keep each level (nation, state,
district) counted on its own.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Sum

from certification.selectors import issue_durations
from lms.accounts.selectors import people_by_language
from lms.core.bulk import insert_many
from lms.core.dates import month_bounds
from trainers.selectors import delivery_between

from .models import ActivityCell, DeliveryCell, LanguageCell, ModuleVersionStat

BATCH = 5000


def _key(*parts) -> str:
    return "/".join("-" if part is None else str(part) for part in parts)


def facts_rebuild(*, month: datetime.date, before: datetime.datetime) -> None:
    """Replace ``month``'s language, delivery and module-version facts (the caller holds the
    transaction). ``before``: the end of the day the month is counted to."""
    tag = f"{month:%Y-%m}"
    for model in (LanguageCell, DeliveryCell, ModuleVersionStat):
        model.objects.filter(month=month).delete()
    insert_many(
        LanguageCell,
        [
            LanguageCell(
                key=_key(tag, row["state_id"], row["district_id"], row["preferred_language"]),
                month=month,
                state_id=row["state_id"],
                district_id=row["district_id"],
                language=row["preferred_language"],
                people=row["people"],
            )
            for row in people_by_language(joined_before=before)
        ],
    )
    insert_many(DeliveryCell, _delivery(month, tag))
    insert_many(ModuleVersionStat, _durations(month, tag, before))


def _delivery(month: datetime.date, tag: str) -> list[DeliveryCell]:
    start, end = month_bounds(month)
    sessions: dict[tuple, set] = defaultdict(set)
    trainers: dict[tuple, set] = defaultdict(set)
    for session_id, state_id, district_id, trainer_id in delivery_between(start, end):
        for place in (("nation", None, None), ("state", state_id, None)) + (
            (("district", state_id, district_id),) if district_id else ()
        ):
            sessions[place].add(session_id)
            if trainer_id is not None:
                trainers[place].add(trainer_id)
    return [
        DeliveryCell(
            key=_key(tag, *place),
            month=month,
            level=place[0],
            state_id=place[1],
            district_id=place[2],
            sessions=len(ids),
            trainers=len(trainers.get(place, ())),
        )
        for place, ids in sessions.items()
    ]


def _durations(month: datetime.date, tag: str, before) -> list[ModuleVersionStat]:
    days: dict[tuple, list[float]] = defaultdict(list)
    for state_id, module_id, version, issued_at, enrolled_at in issue_durations(
        before=before
    ).iterator(chunk_size=BATCH):
        taken = max((issued_at - enrolled_at).total_seconds() / 86400, 0.0)
        days[(None, module_id, version)].append(taken)
        if state_id is not None:
            days[(state_id, module_id, version)].append(taken)
    return [
        ModuleVersionStat(
            key=_key(tag, state_id, module_id, version),
            month=month,
            state_id=state_id,
            module_id=module_id,
            version=version,
            certificates=len(values),
            median_days=round(statistics.median(values), 1),
        )
        for (state_id, module_id, version), values in days.items()
    ]


# --- Reading ----------------------------------------------------------------------------------


@dataclass
class Facts:
    #: (language code, its name, people), most used first.
    languages: list[tuple[str, str, int]] = field(default_factory=list)
    sessions: int = 0
    trainers: int = 0
    #: Per module: code, title, attempts, passed, pass rate (0 to 100, None without attempts).
    pass_rates: list[dict] = field(default_factory=list)
    #: Per module version: code, version, certificates, median days to certificate.
    durations: list[dict] = field(default_factory=list)


def facts_for(*, month: datetime.date, state=None, district=None) -> Facts:
    """The facts of a level (the nation, a state or a district) for ``month``; the pass rates
    over the twelve months to it, the median days to certificate of the state (or nation).
    Four queries."""
    names = dict(settings.LANGUAGES)
    languages = LanguageCell.objects.filter(month=month)
    if state is not None:
        languages = languages.filter(state=state)
    if district is not None:
        languages = languages.filter(district=district)
    by_language = (
        languages.order_by().values("language").annotate(total=Sum("people")).order_by("-total")
    )
    result = Facts(
        languages=[
            (row["language"], str(names.get(row["language"], row["language"])), row["total"])
            for row in by_language
        ]
    )
    level = "district" if district is not None else "state" if state is not None else "nation"
    delivery = DeliveryCell.objects.filter(
        month=month, level=level, state=state, district=district
    ).first()
    if delivery is not None:
        result.sessions, result.trainers = delivery.sessions, delivery.trainers

    first = month.replace(year=month.year - 1)
    attempts = ActivityCell.objects.filter(month__gt=first, month__lte=month)
    if state is not None:
        attempts = attempts.filter(state=state)
    if district is not None:
        attempts = attempts.filter(district=district)
    rows = (
        attempts.order_by()
        .values("module_id", "module__code", "module__title")
        .annotate(sum_attempts=Sum("attempts"), sum_passed=Sum("attempts_passed"))
        .order_by("module__code")
    )
    result.pass_rates = [
        {
            "code": row["module__code"],
            "title": row["module__title"],
            "attempts": row["sum_attempts"] or 0,
            "passed": row["sum_passed"] or 0,
            "rate": round(100 * row["sum_passed"] / row["sum_attempts"])
            if row["sum_attempts"]
            else None,
        }
        for row in rows
        if row["sum_attempts"]
    ]
    # Medians are kept for the nation and each state; a district reads its state's.
    stats = ModuleVersionStat.objects.filter(month=month).select_related("module")
    if district is not None:
        stats = stats.filter(state_id=district.state_id)
    elif state is not None:
        stats = stats.filter(state=state)
    else:
        stats = stats.filter(state__isnull=True)
    result.durations = [
        {
            "code": stat.module.code,
            "version": stat.version,
            "certificates": stat.certificates,
            "median_days": stat.median_days,
        }
        for stat in sorted(stats, key=lambda s: (s.module.code, s.version))
    ]
    return result
