"""Evidence that training works: what learners knew before a module (its pre-test) against
what they showed after it (the assessment's first attempt), per cohort, per trainer, per
module version and per district.

The gain of an enrollment in a cycle is the percent of the FIRST submitted assessment attempt
of that cycle (the post-test) minus the percent of the submitted pre-test of that cycle; only
enrollments (and cycles) with both count. Pre-test results count against no one: they appear
here only as averages of groups.

Which cohort an enrollment counts for: the cohort (among those asked about) the learner
belongs to now that has the enrollment's module, the one they joined last when there are
several. Each enrollment therefore counts once, for one cohort, so the figures of several
cohorts add up (``Gain.__add__``) without counting anyone twice.

Which trainer a learner's results count for (``trainer_cohorts``): the trainers who ran a
session (not cancelled) of the learner's cohort; for a cohort with no such session, the
cohort's own trainers (``Cohort.trainers``). A cohort's figures count in full for each of its
trainers.

Module version: the module's version now (``TrainingModulePage.version``). An attempt is
graded against a revision of the assessment page, which does not record the module's
version, so a module whose version was raised groups its earlier results under the new one.

Every function runs a fixed number of queries, whatever the number of learners: the
averages, pass counts and bands are computed by the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.translation import gettext_lazy as _

from modules.learning.models import AssessmentAttempt

from .models import Cohort, CohortMember, TrainingSession

#: Gain bands in percentage points: (label, lowest gain included or None, gain below or None).
GAIN_BANDS = (
    (_("Lower after"), None, 0),
    (_("0 to 9 points"), 0, 10),
    (_("10 to 19 points"), 10, 20),
    (_("20 to 29 points"), 20, 30),
    (_("30 points or more"), 30, None),
)


def _round(value) -> float | None:
    return None if value is None else round(float(value), 1)


@dataclass(frozen=True)
class Gain:
    """The figures of a group of enrollments with both tests. Sums are kept so that groups
    add up; the averages and the pass rate are derived (None for an empty group)."""

    learners: int = 0
    pre_total: Decimal = Decimal(0)
    post_total: Decimal = Decimal(0)
    passed: int = 0
    bands: tuple[int, ...] = field(default=(0,) * len(GAIN_BANDS))

    def __add__(self, other: Gain) -> Gain:
        return Gain(
            learners=self.learners + other.learners,
            pre_total=self.pre_total + other.pre_total,
            post_total=self.post_total + other.post_total,
            passed=self.passed + other.passed,
            bands=tuple(a + b for a, b in zip(self.bands, other.bands, strict=True)),
        )

    @property
    def avg_pre(self) -> float | None:
        """Average pre-test percent."""
        return _round(self.pre_total / self.learners) if self.learners else None

    @property
    def avg_post(self) -> float | None:
        """Average post-test percent."""
        return _round(self.post_total / self.learners) if self.learners else None

    @property
    def avg_gain(self) -> float | None:
        """Average gain in percentage points (post minus pre)."""
        if not self.learners:
            return None
        return _round((self.post_total - self.pre_total) / self.learners)

    @property
    def pass_rate(self) -> float | None:
        """Percent of the learners whose post-test (first attempt) passed."""
        return _round(Decimal(100 * self.passed) / self.learners) if self.learners else None

    @property
    def band_rows(self) -> list[tuple[str, int]]:
        """(label, learners) per gain band, in order."""
        return [(str(band[0]), count) for band, count in zip(GAIN_BANDS, self.bands, strict=True)]


EMPTY = Gain()


def _post_tests() -> QuerySet[AssessmentAttempt]:
    """The submitted assessment attempts of the outer pre-test's enrollment and cycle, first
    one first."""
    return AssessmentAttempt.objects.filter(
        enrollment_id=OuterRef("enrollment_id"),
        cycle=OuterRef("cycle"),
        role=AssessmentAttempt.Role.ASSESSMENT,
        submitted_at__isnull=False,
        percent__isnull=False,
    ).order_by("number", "pk")


def _gain_rows(cohorts: QuerySet[Cohort], learner_districts=None) -> QuerySet[AssessmentAttempt]:
    """One row per enrollment and cycle with both tests, whose learner belongs now to one of
    ``cohorts`` having the module: ``pre``, ``post``, ``post_passed``, ``gain`` and the
    cohort it counts for (``cohort_key``). ``learner_districts``: only learners registered in
    these districts (a district officer's reach)."""
    posts = _post_tests()
    counted_in = (
        CohortMember.objects.filter(
            user_id=OuterRef("enrollment__user_id"),
            removed_at__isnull=True,
            cohort__in=cohorts.values("pk"),
            cohort__cohort_modules__module_id=OuterRef("enrollment__module_id"),
        )
        .order_by("-added_at", "-pk")
        .values("cohort_id")[:1]
    )
    rows = AssessmentAttempt.objects.filter(
        role=AssessmentAttempt.Role.PRE_TEST,
        submitted_at__isnull=False,
        percent__isnull=False,
    )
    if learner_districts is not None:
        rows = rows.filter(enrollment__user__district_id__in=learner_districts)
    decimal = DecimalField(max_digits=6, decimal_places=2)
    return (
        rows.annotate(
            post=Subquery(posts.values("percent")[:1], output_field=decimal),
            post_passed=Subquery(posts.values("passed")[:1]),
            cohort_key=Subquery(counted_in),
        )
        .filter(post__isnull=False, cohort_key__isnull=False)
        .annotate(gain=ExpressionWrapper(F("post") - F("percent"), output_field=decimal))
    )


def _band(low, high) -> Q:
    condition = Q()
    if low is not None:
        condition &= Q(gain__gte=low)
    if high is not None:
        condition &= Q(gain__lt=high)
    return condition


def _aggregates() -> dict:
    figures = {
        "n": Count("pk"),
        "pre_total": Sum("percent"),
        "post_total": Sum("post"),
        "passed": Count("pk", filter=Q(post_passed=True)),
    }
    for index, (_label, low, high) in enumerate(GAIN_BANDS):
        figures[f"band{index}"] = Count("pk", filter=_band(low, high))
    return figures


def _gain(row: dict) -> Gain:
    return Gain(
        learners=row["n"],
        pre_total=Decimal(str(row["pre_total"] or 0)),
        post_total=Decimal(str(row["post_total"] or 0)),
        passed=row["passed"],
        bands=tuple(row[f"band{i}"] for i in range(len(GAIN_BANDS))),
    )


def _grouped(rows: QuerySet, *keys: str) -> dict:
    """``rows`` grouped by ``keys`` (one query): key (or tuple of keys) → Gain."""
    result = {}
    for row in rows.values(*keys).annotate(**_aggregates()).order_by():
        key = row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)
        result[key] = _gain(row)
    return result


def _cohorts(state=None, district=None, cohorts: QuerySet[Cohort] | None = None):
    cohorts = Cohort.objects.all() if cohorts is None else cohorts
    if state is not None:
        cohorts = cohorts.filter(state=state)
    if district is not None:
        cohorts = cohorts.filter(district=district)
    return cohorts


def gain_by_cohort(
    *, state=None, district=None, cohorts: QuerySet[Cohort] | None = None, learner_districts=None
) -> dict[int, Gain]:
    """Cohort id → ``Gain`` for the cohorts of ``state`` / ``district`` (the cohort's own
    district), or of ``cohorts``; cohorts without results are left out. One query."""
    rows = _gain_rows(_cohorts(state, district, cohorts), learner_districts)
    return _grouped(rows, "cohort_key")


def gain_for_cohort(cohort: Cohort, *, learner_districts=None) -> Gain:
    """The ``Gain`` of one cohort (its current members' enrollments in its modules). One
    query."""
    cohorts = Cohort.objects.filter(pk=cohort.pk)
    return gain_by_cohort(cohorts=cohorts, learner_districts=learner_districts).get(
        cohort.pk, EMPTY
    )


def trainer_cohorts(cohorts: QuerySet[Cohort]) -> dict[int, set[int]]:
    """Trainer id → the ids of ``cohorts`` whose learners' results count for them: those
    whose sessions (not cancelled) they ran; for a cohort without such a session, its own
    trainers. Two queries."""
    ran = TrainingSession.trainers.through.objects.filter(
        trainingsession__cohort__in=cohorts.values("pk"),
        trainingsession__cancelled_at__isnull=True,
    ).values_list("user_id", "trainingsession__cohort_id")
    named = (
        Cohort.trainers.through.objects.filter(cohort__in=cohorts.values("pk"))
        .exclude(
            cohort_id__in=TrainingSession.objects.filter(cancelled_at__isnull=True).values(
                "cohort_id"
            )
        )
        .values_list("user_id", "cohort_id")
    )
    by_trainer: dict[int, set[int]] = defaultdict(set)
    for user_id, cohort_id in [*ran, *named]:
        by_trainer[user_id].add(cohort_id)
    return dict(by_trainer)


def gain_by_trainer(
    *, state=None, district=None, cohorts: QuerySet[Cohort] | None = None, learner_districts=None
) -> dict[int, Gain]:
    """Trainer id → ``Gain`` of the learners attributed to them (see ``trainer_cohorts``) in
    the cohorts of ``state`` / ``district`` (the cohort's district), or of ``cohorts``.
    Trainers whose cohorts have no results are left out. Three queries."""
    cohorts = _cohorts(state, district, cohorts)
    per_cohort = gain_by_cohort(cohorts=cohorts, learner_districts=learner_districts)
    result = {}
    for trainer_id, cohort_ids in trainer_cohorts(cohorts).items():
        total = sum((per_cohort[c] for c in cohort_ids if c in per_cohort), EMPTY)
        if total.learners:
            result[trainer_id] = total
    return result


def gain_by_district(
    *, state=None, cohorts: QuerySet[Cohort] | None = None, learner_districts=None
) -> dict[int | None, Gain]:
    """District id → ``Gain`` by the district the learner is registered in (None for those
    who named none), over the cohorts of ``state`` or ``cohorts``. One query."""
    rows = _gain_rows(_cohorts(state, None, cohorts), learner_districts)
    return _grouped(rows, "enrollment__user__district_id")


def gain_by_module_version(
    *, state=None, district=None, cohorts: QuerySet[Cohort] | None = None, learner_districts=None
) -> dict[tuple[int, str], Gain]:
    """(module id, version) → ``Gain``, the module's current version (see the module
    docstring), over the cohorts of ``state`` / ``district`` or ``cohorts``. One query."""
    rows = _gain_rows(_cohorts(state, district, cohorts), learner_districts)
    return _grouped(rows, "enrollment__module_id", "enrollment__module__version")


def total_gain(gains) -> Gain:
    """The sum of several disjoint groups' ``Gain`` (e.g. ``gain_by_cohort().values()``)."""
    return sum(gains, EMPTY)
