"""Reads for a cohort's progress: the matrix (members by modules), its summary, completions per
week, one learner's drill-down, and who qualifies for a certificate.

Learning's, certification's, accounts' and the modules' rows are read through their apps'
selectors (some of them building blocks of the queries here), never written. Every selector
here runs a fixed number of queries whatever the size of the cohort: aggregates are computed
in the database (correlated subqueries per member), and the cells of a page come in one query.

Also the cohort list, the learner search and the trainer groups' pages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certification import selectors as certification
from lms.accounts.models import User
from lms.accounts.selectors import districts_and_cadres_of
from lms.core.ids import parse_id
from lms.geography.models import District, State
from modules.content.selectors import live_lessons_by_module
from modules.learning import selectors as learning
from modules.learning.models import Enrollment

from . import access
from .models import (
    Attendance,
    Cohort,
    CohortMember,
    CohortModule,
    TrainerGroup,
    TrainerMembership,
    TrainingSession,
)

if TYPE_CHECKING:
    from certification.models import Certificate
    from modules.content.models import LessonPage, TrainingModulePage
    from modules.learning.models import AssessmentAttempt, LessonProgress

#: A learner with no activity for this long (and modules left to finish) is at risk.
AT_RISK_INACTIVE_DAYS = 14
#: Learners per page of the matrix.
PAGE_SIZE = 50
#: The chart shows at most this many weeks (the most recent ones).
MAX_WEEKS = 104


class CellStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CERTIFIED = "certified"
    WITHDRAWN = "withdrawn"

    LABELS = {
        NOT_STARTED: _("Not started"),
        IN_PROGRESS: _("In progress"),
        COMPLETED: _("Completed"),
        CERTIFIED: _("Certified"),
        WITHDRAWN: _("Left the module"),
    }


#: The status filter. Without a module it applies to the learner's modules as a whole; with a
#: module, to that module's cell.
STATUS_FILTERS = [
    (CellStatus.NOT_STARTED, _("Not started")),
    (CellStatus.IN_PROGRESS, _("In progress")),
    (CellStatus.COMPLETED, _("Completed")),
    (CellStatus.CERTIFIED, _("Certified")),
    ("at_risk", _("At risk")),
]

#: Sort keys offered on the page → ORM ordering. The member's pk breaks ties, so pages are
#: stable.
SORTS: dict[str, list] = {
    "name": [F("user__full_name").asc(), F("user__email").asc()],
    "-name": [F("user__full_name").desc(), F("user__email").desc()],
    "district": [F("user__district__name").asc(nulls_last=True), F("user__full_name").asc()],
    "-district": [F("user__district__name").desc(nulls_last=True), F("user__full_name").asc()],
    "progress": [F("progress_sum").asc(), F("user__full_name").asc()],
    "-progress": [F("progress_sum").desc(), F("user__full_name").asc()],
    "activity": [F("last_activity").asc(nulls_first=True), F("user__full_name").asc()],
    "-activity": [F("last_activity").desc(nulls_last=True), F("user__full_name").asc()],
}


# --- Modules and filters -------------------------------------------------------------------


def matrix_modules(cohort: Cohort) -> list[TrainingModulePage]:
    """The cohort's modules in order, with only the columns the matrix needs — one query."""
    rows = (
        CohortModule.objects.filter(cohort=cohort)
        .select_related("module")
        .only(
            "sort_order",
            "cohort_id",
            "module__id",
            "module__title",
            "module__code",
            "module__max_attempts",
            "module__awards_certificate",
            "module__path",
            "module__depth",
        )
        .order_by("sort_order", "pk")
    )
    return [row.module for row in rows]


def _int_or_none(value) -> int | None:
    # An id, or nothing: not digits, zero, or too large to be an id (lms.core.ids).
    return parse_id(value) or None


@dataclass(frozen=True)
class MatrixFilters:
    """The matrix's GET parameters, cleaned: anything unknown is ignored, never an error."""

    district: int | None = None
    cadre: int | None = None
    status: str = ""
    module: int | None = None
    q: str = ""
    sort: str = "name"

    @classmethod
    def from_query(cls, data: Mapping, *, module_ids: list[int]) -> MatrixFilters:
        status = data.get("status", "")
        module = _int_or_none(data.get("module"))
        sort = data.get("sort", "name")
        return cls(
            district=_int_or_none(data.get("district")),
            cadre=_int_or_none(data.get("cadre")),
            status=status if status in dict(STATUS_FILTERS) else "",
            module=module if module in module_ids else None,
            q=" ".join(str(data.get("q", "")).split())[:100],
            sort=sort if sort in SORTS else "name",
        )

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (the sort does not)."""
        return bool(self.district or self.cadre or self.status or self.q)

    def as_query(self, **changes) -> dict[str, str]:
        """The parameters for links (pages, sorting, exports), without empty ones."""
        values = {
            "district": self.district,
            "cadre": self.cadre,
            "status": self.status,
            "module": self.module,
            "q": self.q,
            "sort": self.sort,
        }
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value not in (None, "")}


# --- Building blocks -----------------------------------------------------------------------


def _aggregate(queryset: QuerySet, expression, output_field=None) -> Subquery:
    # Grouping by user inside a query correlated on one user yields one row: the aggregate.
    return Subquery(
        queryset.order_by().values("user").annotate(value=expression).values("value")[:1],
        output_field=output_field,
    )


def members_with_progress(cohort: Cohort, module_ids: list[int]) -> QuerySet[CohortMember]:
    """Current members of ``cohort``, each annotated with their progress in its modules:
    ``progress_sum`` (sum of per-module %, missing enrollments count 0), ``started_n``,
    ``completed_n``, ``certified_n``, ``last_activity``, ``out_of_attempts``, ``inactive``
    and ``at_risk``. Every annotation is computed in the database."""
    count = len(module_ids)
    mine = learning.learner_enrollments(user_ref="user_id", module_ids=module_ids)
    now = timezone.now()
    cutoff = now - datetime.timedelta(days=AT_RISK_INACTIVE_DAYS)
    # Before the cohort has run for the inactivity window nobody can have been idle that long.
    window_open = cohort.starts_on <= timezone.localdate(now) - datetime.timedelta(
        days=AT_RISK_INACTIVE_DAYS
    )
    members = (
        access.cohort_members(cohort)
        .filter(removed_at__isnull=True)
        .select_related("user__district", "user__cadre")
        .only(
            "id",
            "cohort_id",
            "user_id",
            "added_at",
            "user__id",
            "user__full_name",
            "user__email",
            "user__phone",
            "user__district__name",
            "user__district__names",
            "user__cadre__name",
            "user__cadre__names",
        )
        .annotate(
            progress_sum=Coalesce(_aggregate(mine, Sum("progress")), 0),
            started_n=Coalesce(
                _aggregate(mine, Count("pk", filter=learning.enrollment_started())), 0
            ),
            completed_n=Coalesce(
                _aggregate(mine, Count("pk", filter=Q(status=Enrollment.Status.COMPLETED))), 0
            ),
            certified_n=Coalesce(
                _aggregate(
                    mine,
                    Count(
                        "pk",
                        filter=Q(status=Enrollment.Status.COMPLETED)
                        & Q(Exists(certification.valid_certificate())),
                    ),
                ),
                0,
            ),
            last_activity=_aggregate(mine, Max("last_activity_at")),
            out_of_attempts=Exists(
                learning.out_of_attempts(user_ref="user_id", module_ids=module_ids)
            ),
            # For the summary: one probe of the recipient's certificates, not a count.
            has_certificate=Exists(
                certification.valid_certificate_of_recipient(
                    recipient_ref="user_id", module_ids=module_ids
                )
            ),
        )
    )
    if window_open and count:
        # Idle: in the cohort for the whole window, nothing done in its modules during it,
        # and modules left. "Nothing recent" is an EXISTS that stops at the first row.
        inactive = Case(
            When(
                Q(added_at__lt=cutoff)
                & ~Q(Exists(mine.filter(last_activity_at__gte=cutoff)))
                & Q(completed_n__lt=count),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    else:
        inactive = Value(False, output_field=BooleanField())
    return members.annotate(inactive=inactive).annotate(
        at_risk=Case(
            When(Q(inactive=True) | Q(out_of_attempts=True), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def members_at_risk(cohort: Cohort) -> list[CohortMember]:
    """The cohort's current members at risk (``members_with_progress``), with their
    accounts — two queries."""
    module_ids = [m.pk for m in matrix_modules(cohort)]
    at_risk = members_with_progress(cohort, module_ids).filter(at_risk=True)
    return list(
        CohortMember.objects.select_related("user").filter(
            pk__in=list(at_risk.values_list("pk", flat=True))
        )
    )


def _cell_condition(status: str) -> Q:
    """Enrollments whose cell shows ``status`` (for the per-module filter)."""
    completed = Q(status=Enrollment.Status.COMPLETED)
    certified = completed & Q(Exists(certification.valid_certificate()))
    return {
        CellStatus.IN_PROGRESS: Q(status=Enrollment.Status.ACTIVE) & learning.enrollment_started(),
        CellStatus.COMPLETED: completed & ~Q(Exists(certification.valid_certificate())),
        CellStatus.CERTIFIED: certified,
    }[status]


def filter_members(
    members: QuerySet[CohortMember], filters: MatrixFilters, module_ids: list[int]
) -> QuerySet[CohortMember]:
    """Apply the matrix's filters and sort order to ``members_with_progress``."""
    count = len(module_ids)
    if filters.district:
        members = members.filter(user__district_id=filters.district)
    if filters.cadre:
        members = members.filter(user__cadre_id=filters.cadre)
    if filters.q:
        found = Q(user__full_name__icontains=filters.q) | Q(user__email__icontains=filters.q)
        digits = _phone_digits(filters.q)
        if digits:
            found |= Q(user__phone__contains=digits)
        members = members.filter(found)
    status = filters.status
    if status == "at_risk":
        members = members.filter(at_risk=True)
    elif status and filters.module:
        one = learning.learner_enrollments(user_ref="user_id", module_ids=[filters.module])
        if status == CellStatus.NOT_STARTED:
            members = members.filter(~Exists(one.filter(learning.enrollment_started())))
        else:
            members = members.filter(Exists(one.filter(_cell_condition(status))))
    elif status == CellStatus.NOT_STARTED:
        members = members.filter(started_n=0)
    elif status == CellStatus.IN_PROGRESS:
        members = members.filter(started_n__gt=0, completed_n__lt=count)
    elif status == CellStatus.COMPLETED:
        members = members.filter(completed_n=count)
    elif status == CellStatus.CERTIFIED:
        members = members.filter(certified_n=count)
    return members.order_by(*SORTS[filters.sort], "pk")


# --- The matrix ----------------------------------------------------------------------------


@dataclass
class Cell:
    module: TrainingModulePage
    status: str
    progress: int = 0
    out_of_attempts: bool = False

    @property
    def label(self) -> str:
        return str(CellStatus.LABELS[self.status])

    @property
    def text(self) -> str:
        """What the cell says, on screen and in the export alike."""
        if self.status == CellStatus.IN_PROGRESS:
            text = _("In progress %(percent)d%%") % {"percent": self.progress}
        else:
            text = self.label
        if self.out_of_attempts:
            text = _("%(status)s, no attempts left") % {"status": text}
        return str(text)


@dataclass
class MatrixRow:
    member: CohortMember
    cells: list[Cell]
    progress: int
    last_activity: datetime.datetime | None
    at_risk: bool
    inactive: bool
    out_of_attempts: bool

    @property
    def user(self):
        return self.member.user

    @property
    def risk_reasons(self) -> list[str]:
        reasons = []
        if self.inactive:
            reasons.append(
                str(_("No activity for %(days)d days") % {"days": AT_RISK_INACTIVE_DAYS})
            )
        if self.out_of_attempts:
            reasons.append(str(_("Failed with no attempts left")))
        return reasons


def _cell_rows(user_ids: list[int], module_ids: list[int]) -> dict[tuple[int, int], dict]:
    """The cells of these learners: one query, however many."""
    if not user_ids or not module_ids:
        return {}
    rows = (
        learning.enrollments_with_attempts(user_ids=user_ids, module_ids=module_ids)
        .annotate(certified=Exists(certification.valid_certificate()))
        .values(
            "user_id",
            "module_id",
            "status",
            "progress",
            "certified",
            "failed",
            "passed",
            "started",
        )
        .order_by()
    )
    return {(row["user_id"], row["module_id"]): row for row in rows}


def _cell(module: TrainingModulePage, row: dict | None) -> Cell:
    if row is None:
        return Cell(module=module, status=CellStatus.NOT_STARTED)
    status = row["status"]
    if status == Enrollment.Status.COMPLETED:
        return Cell(
            module=module,
            status=CellStatus.CERTIFIED if row["certified"] else CellStatus.COMPLETED,
            progress=100,
        )
    if status == Enrollment.Status.WITHDRAWN:
        return Cell(module=module, status=CellStatus.WITHDRAWN, progress=row["progress"])
    out = not row["passed"] and row["failed"] >= module.max_attempts
    return Cell(
        module=module,
        status=CellStatus.IN_PROGRESS if row["started"] else CellStatus.NOT_STARTED,
        progress=row["progress"],
        out_of_attempts=out,
    )


def matrix_rows(members: list[CohortMember], modules: list[TrainingModulePage]) -> list[MatrixRow]:
    """Rows for annotated members (a page of them, or all for an export): one query."""
    cells = _cell_rows([m.user_id for m in members], [m.pk for m in modules])
    count = len(modules) or 1
    return [
        MatrixRow(
            member=member,
            cells=[_cell(module, cells.get((member.user_id, module.pk))) for module in modules],
            progress=round(member.progress_sum / count),
            last_activity=member.last_activity,
            at_risk=member.at_risk,
            inactive=member.inactive,
            out_of_attempts=member.out_of_attempts,
        )
        for member in members
    ]


@dataclass
class ModuleSummary:
    module: TrainingModulePage
    started: int = 0
    completed: int = 0
    certified: int = 0


@dataclass
class Summary:
    members: int
    completed_all: int
    certified: int
    at_risk: int
    modules: list[ModuleSummary] = field(default_factory=list)


def member_user_ids(cohort: Cohort) -> QuerySet:
    """The ids of the cohort's current members, as a subquery (``.values("user_id")``)."""
    return access.cohort_members(cohort).filter(removed_at__isnull=True).values("user_id")


def matrix_summary(
    cohort: Cohort, modules: list[TrainingModulePage], members: QuerySet[CohortMember]
) -> Summary:
    """Members, those who completed every module, those with at least one valid certificate,
    those at risk — and per module: started, completed, certified. Two queries."""
    count = len(modules)

    def flag(condition: Q):
        return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())

    # Each member's facts become 0/1 columns that are summed: aggregating with filter=
    # conditions on annotations breaks when Django wraps the query in a subquery (PostgreSQL
    # then sees a bare alias).
    totals = (
        members.order_by()
        .annotate(
            completed_flag=flag(Q(completed_n=count)) if count else Value(0),
            certified_flag=flag(Q(has_certificate=True)),
            risk_flag=flag(Q(at_risk=True)),
        )
        .aggregate(
            members=Count("pk"),
            completed_all=Sum("completed_flag"),
            certified=Sum("certified_flag"),
            at_risk=Sum("risk_flag"),
        )
    )
    by_module = {
        row["module_id"]: row
        for row in learning.enrollments_of(
            user_ids=member_user_ids(cohort), module_ids=[m.pk for m in modules]
        )
        .values("module_id")
        .annotate(
            started=Count("pk", filter=learning.enrollment_started()),
            completed=Count("pk", filter=Q(status=Enrollment.Status.COMPLETED)),
            certified=Count(
                "pk",
                filter=Q(status=Enrollment.Status.COMPLETED)
                & Q(Exists(certification.valid_certificate())),
            ),
        )
        .order_by()
    }
    return Summary(
        members=totals["members"],
        completed_all=totals["completed_all"] or 0,
        certified=totals["certified"] or 0,
        at_risk=totals["at_risk"] or 0,
        modules=[
            ModuleSummary(
                module=module,
                started=by_module.get(module.pk, {}).get("started", 0),
                completed=by_module.get(module.pk, {}).get("completed", 0),
                certified=by_module.get(module.pk, {}).get("certified", 0),
            )
            for module in modules
        ],
    )


@dataclass(frozen=True)
class Week:
    starts_on: datetime.date
    completions: int
    cumulative: int


def completions_by_week(cohort: Cohort, modules: list[TrainingModulePage]) -> list[Week]:
    """Module completions by the cohort's current members per week (weeks start on Monday,
    India time), with weeks without any filled in — one query."""
    counts = learning.completions_by_week(
        user_ids=member_user_ids(cohort), module_ids=[m.pk for m in modules]
    )
    if not counts:
        return []
    first, last = min(counts), max(counts)
    first = max(first, last - datetime.timedelta(weeks=MAX_WEEKS - 1))
    earlier = sum(n for week, n in counts.items() if week < first)
    weeks, total, day = [], earlier, first
    while day <= last:
        total += counts.get(day, 0)
        weeks.append(Week(starts_on=day, completions=counts.get(day, 0), cumulative=total))
        day += datetime.timedelta(weeks=1)
    return weeks


def filter_options(cohort: Cohort) -> dict:
    """Districts and cadres present among the members, for the filter menus — two queries."""
    return districts_and_cadres_of(member_user_ids(cohort))


class _KnownCountPaginator(Paginator):
    """A paginator told its count (the summary has it already), saving a COUNT query."""

    def __init__(self, *args, known_count: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if known_count is not None:
            self.__dict__["count"] = known_count


@dataclass
class Matrix:
    cohort: Cohort
    modules: list[TrainingModulePage]
    filters: MatrixFilters
    summary: Summary
    page: Page
    rows: list[MatrixRow]
    weeks: list[Week]
    options: dict


def progress_matrix(
    cohort: Cohort, *, query: Mapping, page_number=1, page_size: int = PAGE_SIZE
) -> Matrix:
    """Everything the progress page shows, in a fixed number of queries (modules, summary,
    per-module counts, the page's ids, their rows, their cells, weeks, filter menus, and a
    count when filtered)."""
    modules = matrix_modules(cohort)
    module_ids = [m.pk for m in modules]
    filters = MatrixFilters.from_query(query, module_ids=module_ids)
    members = members_with_progress(cohort, module_ids)
    summary = matrix_summary(cohort, modules, members)
    # The page's ids first: the database computes only what the filters and the order
    # need, then the annotations for the page's members alone.
    listed = filter_members(members, filters, module_ids).values_list("pk", flat=True)
    paginator = _KnownCountPaginator(
        listed, page_size, known_count=None if filters.active else summary.members
    )
    page = paginator.get_page(page_number)
    ids = list(page.object_list)
    by_pk = {member.pk: member for member in members.filter(pk__in=ids)}
    rows = matrix_rows([by_pk[pk] for pk in ids if pk in by_pk], modules)
    return Matrix(
        cohort=cohort,
        modules=modules,
        filters=filters,
        summary=summary,
        page=page,
        rows=rows,
        weeks=completions_by_week(cohort, modules),
        options=filter_options(cohort),
    )


def progress_table(cohort: Cohort, *, query: Mapping) -> tuple[list, list[MatrixRow]]:
    """All rows matching the filters (no pagination), for the export — three queries."""
    modules = matrix_modules(cohort)
    module_ids = [m.pk for m in modules]
    filters = MatrixFilters.from_query(query, module_ids=module_ids)
    members = list(filter_members(members_with_progress(cohort, module_ids), filters, module_ids))
    return modules, matrix_rows(members, modules)


# --- Certificates --------------------------------------------------------------------------


def qualifying_enrollment_ids(cohort: Cohort) -> list[int]:
    """Enrollments of current members in the cohort's modules that are completed, in a module
    awarding a certificate, with no certificate for their current cycle yet (revoked or not:
    a revoked one is not re-issued by a bulk run) and a name to print — one query."""
    enrollments = learning.enrollments_of(
        user_ids=member_user_ids(cohort),
        module_ids=CohortModule.objects.filter(cohort=cohort).values("module_id"),
    )
    return list(
        certification.awaiting_certificate(enrollments).order_by("pk").values_list("pk", flat=True)
    )


def cohort_certificates(cohort: Cohort) -> QuerySet[Certificate]:
    """Certificates of the cohort's current members in its modules (every cycle, revoked and
    superseded ones too: the export says which)."""
    return certification.certificates_of(
        recipient_ids=member_user_ids(cohort),
        module_ids=CohortModule.objects.filter(cohort=cohort).values("module_id"),
    )


# --- One learner ---------------------------------------------------------------------------


@dataclass
class LearnerModule:
    module: TrainingModulePage
    enrollment: Enrollment | None
    cell: Cell
    lessons: list[tuple[LessonPage, LessonProgress | None]]
    seconds: int
    attempts: list[AssessmentAttempt]
    #: The certificates with their status today (``certification.selectors.standing``).
    certificates: list[certification.Standing]

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)


def learner_progress(cohort: Cohort, member: CohortMember) -> dict:
    """One member's drill-down: per module the lessons with time spent, the attempts with
    scores and the certificates; the cohort's sessions with their attendance — seven queries
    whatever the number of modules."""
    modules = matrix_modules(cohort)
    module_ids = [m.pk for m in modules]
    enrollments = {
        e.module_id: e
        for e in learning.enrollments_with_attempts(
            user_ids=[member.user_id], module_ids=module_ids
        )
        .annotate(certified=Exists(certification.valid_certificate()))
        .order_by()
    }
    lessons_by_module = live_lessons_by_module(modules)
    ids = [e.pk for e in enrollments.values()]
    progress = learning.lesson_progress_by_enrollment(ids)
    attempts = learning.attempts_by_enrollment(ids)
    certificates = certification.certificates_for_enrollments(ids)
    today = timezone.localdate()
    items = []
    for module in modules:
        enrollment = enrollments.get(module.pk)
        row = (
            None
            if enrollment is None
            else {
                "status": enrollment.status,
                "progress": enrollment.progress,
                "certified": enrollment.certified,
                "failed": enrollment.failed,
                "passed": enrollment.passed,
                "started": enrollment.started,
            }
        )
        lessons = [
            (lesson, progress.get((enrollment.pk, lesson.pk)) if enrollment else None)
            for lesson in lessons_by_module[module.pk]
        ]
        items.append(
            LearnerModule(
                module=module,
                enrollment=enrollment,
                cell=_cell(module, row),
                lessons=lessons,
                seconds=sum(p.seconds_spent for _lesson, p in lessons if p is not None),
                attempts=attempts.get(enrollment.pk, []) if enrollment else [],
                certificates=[
                    certification.standing(certificate, day=today)
                    for certificate in (certificates.get(enrollment.pk, []) if enrollment else [])
                ],
            )
        )
    sessions = list(
        TrainingSession.objects.filter(cohort=cohort)
        .select_related("module")
        .only("id", "title", "starts_at", "ends_at", "module__id", "module__code")
        .annotate(
            attendance_status=Subquery(
                Attendance.objects.filter(session=OuterRef("pk"), user_id=member.user_id).values(
                    "status"
                )[:1]
            )
        )
        .order_by("starts_at")
    )
    labels = dict(Attendance.Status.choices)
    for session in sessions:
        session.attendance_label = labels.get(session.attendance_status, _("Not marked"))
    return {"modules": items, "sessions": sessions}


# --- Cohorts and groups --------------------------------------------------------------------


@dataclass(frozen=True)
class CohortFilters:
    """The cohort list's GET parameters as typed (the form shows them again)."""

    q: str = ""
    status: str = ""
    state: str = ""
    district: str = ""
    module: str = ""

    @classmethod
    def from_query(cls, data: Mapping) -> CohortFilters:
        return cls(
            q=data.get("q", "").strip()[:100],
            status=data.get("status", ""),
            state=data.get("state", "").strip()[:30],
            district=data.get("district", "").strip()[:30],
            module=data.get("module", "").strip()[:30],
        )


def _by_id(cohorts: QuerySet[Cohort], value: str, lookup: str) -> QuerySet[Cohort]:
    """``cohorts`` whose ``lookup`` is the id ``value`` names; all of them when no value is
    given, none when the value cannot be an id (tampered, or too large for one)."""
    if not value:
        return cohorts
    pk = parse_id(value)
    return cohorts.filter(**{lookup: pk}) if pk else cohorts.none()


def cohort_list(user, filters: CohortFilters) -> QuerySet[Cohort]:
    """The cohorts ``user`` may see that match ``filters`` (archived ones only when asked
    for), each with its current ``learners`` and its ``module_count``, newest first."""
    cohorts = access.cohorts_for(user).select_related("state", "district", "trainer_group")
    if filters.q:
        cohorts = cohorts.filter(name__icontains=filters.q)
    if filters.status in Cohort.Status.values:
        cohorts = cohorts.filter(status=filters.status)
    elif not filters.status:
        cohorts = cohorts.exclude(status=Cohort.Status.ARCHIVED)
    # A state, district or module out of the reader's scope finds no cohort, as does a value
    # that is no id: the list is already limited to the scope.
    cohorts = _by_id(cohorts, filters.state, "state_id")
    cohorts = _by_id(cohorts, filters.district, "district_id")
    cohorts = _by_id(cohorts, filters.module, "cohort_modules__module_id")
    current = Q(members__removed_at__isnull=True) & access.readable_memberships(user)
    return cohorts.annotate(
        learners=Count("members", filter=current, distinct=True),
        module_count=Count("cohort_modules", distinct=True),
    ).order_by("-starts_on", "name")


def cohort_totals(user, cohorts: QuerySet[Cohort]) -> dict[str, int]:
    """How many cohorts ``cohort_list`` found and how many people are current members of
    them among those ``user`` may see (``people``: a person in two cohorts counts once) — one
    query."""
    current = Q(members__removed_at__isnull=True) & access.readable_memberships(user)
    return cohorts.aggregate(
        cohorts=Count("pk", distinct=True),
        people=Count("members__user", filter=current, distinct=True),
    )


@dataclass(frozen=True)
class CohortPlaces:
    """The states and districts the cohort list's filters offer ``user``: within their read
    scope, the districts by state (the state's name orders them and heads their group)."""

    states: list[State]
    districts: list[District]

    @property
    def many_states(self) -> bool:
        """Whether the scope is more than one state (a state filter is then offered)."""
        return len(self.states) > 1


def cohort_places(user, filters: CohortFilters) -> CohortPlaces:
    """The filters' states and districts for ``user``; with a state chosen, that state's
    districts only (a state out of scope, or no id, leaves no district)."""
    scope = access.read_scope(user)
    districts = scope.filter(
        District.objects.filter(is_active=True).select_related("state"), "state", "pk"
    )
    if scope.everywhere:
        states = State.objects.all()
    else:
        states = State.objects.filter(
            Q(pk__in=scope.state_ids) | Q(districts__pk__in=scope.district_ids)
        ).distinct()
    states = list(states.order_by("name"))
    if filters.state and len(states) > 1:
        state_id = parse_id(filters.state)
        districts = districts.filter(state_id=state_id) if state_id else districts.none()
    return CohortPlaces(states=states, districts=list(districts.order_by("state__name", "name")))


def current_members(cohort: Cohort) -> QuerySet[CohortMember]:
    """The cohort's current members by name, with their district and cadre."""
    return (
        access.cohort_members(cohort)
        .filter(removed_at__isnull=True)
        .select_related("user__district", "user__cadre")
        .order_by("user__full_name", "user__email")
    )


#: What may be typed around a mobile number's digits ("+91 98765-43210", "(0361) 22").
_PHONE_PUNCTUATION = re.compile(r"[\s().+-]")


def _phone_digits(query: str) -> str:
    """The digits of ``query`` if it is written like (part of) a mobile number, four digits
    at least, without a country code or trunk prefix (numbers are stored as +91XXXXXXXXXX);
    "" otherwise."""
    digits = _PHONE_PUNCTUATION.sub("", query)
    if len(digits) < 4 or not (digits.isascii() and digits.isdigit()):
        return ""
    if query.lstrip().startswith("+91") or (len(digits) == 12 and digits.startswith("91")):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    return digits


def learners_found(*, by, cohort: Cohort, query: str) -> list:
    """Learners ``by`` may add to ``cohort`` (``access.addable_learners``) whose name, email,
    district, cadre or mobile number contains ``query`` (two characters at least; a number
    however it is spaced or prefixed): the first thirty by name."""
    if len(query) < 2:
        return []
    matches = (
        Q(full_name__icontains=query)
        | Q(email__icontains=query)
        | Q(district__name__icontains=query)
        | Q(cadre__name__icontains=query)
    )
    digits = _phone_digits(query)
    if digits:
        matches |= Q(phone__contains=digits)
    return list(
        access.addable_learners(by=by, cohort=cohort)
        .filter(matches)
        .select_related("district", "cadre")
        .order_by("full_name", "pk")[:30]
    )


def group_list(user) -> QuerySet[TrainerGroup]:
    """The trainer groups ``user`` may see, each with its ``trainer_count`` and
    ``cohort_count``."""
    return (
        access.groups_for(user)
        .select_related("state")
        .annotate(
            trainer_count=Count("memberships", distinct=True),
            cohort_count=Count("cohorts", distinct=True),
        )
        .order_by("state__name", "name")
    )


def group_page(group: TrainerGroup) -> dict:
    """What a group's page shows: its trainers (leads first) and its latest cohorts."""
    return {
        "group": group,
        "memberships": group.memberships.select_related("user").order_by("role", "user__full_name"),
        "roles": TrainerMembership.Role.choices,
        "cohorts": group.cohorts.order_by("-starts_on")[:50],
    }


def delivery_between(start: datetime.datetime, end: datetime.datetime):
    """The sessions starting in ``[start, end)`` with each of their trainers, as tuples
    ``(session_id, state_id, district_id, trainer_id)`` (``trainer_id`` None for a session
    with no trainer named). Cancelled sessions were not delivered and are left out."""
    return (
        TrainingSession.objects.filter(
            starts_at__gte=start, starts_at__lt=end, cancelled_at__isnull=True
        )
        .order_by()
        .values_list("pk", "cohort__state_id", "cohort__district_id", "trainers")
    )


# --- A learner's own sessions ---------------------------------------------------------------


def learner_sessions(
    *, user, module_ids: list[int] | None = None, upcoming: bool = False, now=None
) -> list[TrainingSession]:
    """The sessions of the cohorts ``user`` belongs to now (never another cohort's), soonest
    first, with their module and trainers: of the given modules (source pages) only, or
    only those still to end (``upcoming``), cancelled ones included (they are shown as
    such). Two queries, one when there is none; none for a visitor."""
    if not user.is_authenticated:
        return []
    sessions = TrainingSession.objects.filter(cohort_id__in=access.learner_cohorts(user))
    if module_ids is not None:
        sessions = sessions.filter(module_id__in=module_ids)
    if upcoming:
        sessions = sessions.filter(ends_at__gte=now or timezone.now())
    return list(
        sessions.select_related("module")
        .prefetch_related(
            Prefetch(
                "trainers", queryset=User.objects.only("pk", "full_name").order_by("full_name")
            )
        )
        .order_by("starts_at", "pk")
    )
