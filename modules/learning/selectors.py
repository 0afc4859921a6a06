"""Reads of learning state, for the learner's pages and for the apps above (trainers,
reports). Each runs in a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone
from wagtail.models import Page

from lms.accounts.selectors import profile_data
from modules.content.models import LessonPage, TrainingModulePage
from modules.content.selectors import localize_titles

from .models import AssessmentAttempt, Enrollment, KnowledgeCheckAnswer, LessonProgress

#: Apps above learning add to My learning without learning importing them. A hook function
#: takes ``(request, enrollments)`` — the learner's enrollments on the page — and returns a
#: ``MyLearningExtras``; certification lists certificates this way.
MY_LEARNING_HOOK = "lms_my_learning"


@dataclass
class MyLearningExtras:
    #: HTML shown at the top of the page (notices that need the learner's attention).
    notices: list[str]
    #: HTML shown in a completed module's card, by enrollment id.
    by_enrollment: dict[int, str]
    #: Whole sections (HTML) shown after the completed modules.
    sections: list[str]


def enrollment_for(*, user, module: TrainingModulePage) -> Enrollment | None:
    """The user's enrollment in ``module`` (its source page), withdrawn ones included."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrollment.objects.filter(user=user, module=module).select_related("module").first()


def enrollment_for_path(*, user, module_path: str, with_counts: bool = False) -> Enrollment | None:
    """The same, found by the module page's tree path (the lesson's parent), in one query;
    ``with_counts`` adds ``lessons_total`` and ``lessons_done`` (live lessons)."""
    if not getattr(user, "is_authenticated", False):
        return None
    queryset = (
        Enrollment.objects.filter(user=user, module__path=module_path)
        .select_related("module")
        # Lesson pages, beacons and "mark complete" never show the outcomes; parsing them
        # is the dearest part of the module's row.
        .defer("module__learning_outcomes")
    )
    if with_counts:
        lessons = LessonPage.objects.filter(
            live=True,
            path__startswith=module_path,
            depth=len(module_path) // LessonPage.steplen + 1,
        )
        queryset = queryset.annotate(
            lessons_total=count_rows(lessons),
            lessons_done=count_rows(
                LessonProgress.objects.filter(
                    enrollment=OuterRef("pk"),
                    completed_at__isnull=False,
                    lesson_id__in=lessons.values("pk"),
                )
            ),
        )
    return queryset.first()


@dataclass(frozen=True)
class LessonLearnerState:
    """What a lesson page shows of its learner (``lesson_learner_state``)."""

    enrollment_id: int
    status: str
    progress: int
    #: Translation keys of the module's completed lessons (the same in every language).
    done_keys: frozenset
    #: Source-language ids of the lessons with a progress row, completed or not.
    completed_ids: frozenset
    #: The module's ``min_reading_share``.
    min_reading_share: int = 0
    #: Seconds counted on each lesson with a progress row, by source-language lesson id.
    seconds_by_lesson: dict = field(default_factory=dict)


@functools.cache
def _lesson_learner_sql() -> str:
    # Written out once: the ORM would build this three-join query afresh on every lesson page,
    # which cost more than running it. Only table names are formatted in.
    page = Page._meta.db_table
    return (
        "SELECT e.id, e.status, e.progress, lp.lesson_id, lp.completed_at, lesson.translation_key,"  # noqa: S608
        " lp.seconds_spent, tm.min_reading_share"
        f" FROM {Enrollment._meta.db_table} e"
        f" INNER JOIN {page} module ON module.id = e.module_id"
        f" INNER JOIN {TrainingModulePage._meta.db_table} tm ON tm.page_ptr_id = e.module_id"
        f" LEFT OUTER JOIN {LessonProgress._meta.db_table} lp ON lp.enrollment_id = e.id"
        f" LEFT OUTER JOIN {page} lesson ON lesson.id = lp.lesson_id"
        " WHERE e.user_id = %s AND module.path = %s"
    )


def lesson_learner_state(*, user, module_path: str) -> LessonLearnerState | None:
    """The user's enrollment in the module at ``module_path`` (by tree path: no module row is
    loaded) with its lesson progress, **in one query**; ``None`` when not enrolled."""
    if not getattr(user, "is_authenticated", False):
        return None
    with connection.cursor() as cursor:
        cursor.execute(_lesson_learner_sql(), [user.pk, module_path])
        rows = cursor.fetchall()
    if not rows:
        return None
    done = [(row[3], row[5]) for row in rows if row[4]]
    return LessonLearnerState(
        enrollment_id=rows[0][0],
        status=rows[0][1],
        progress=rows[0][2],
        # SQLite gives the key as 32 hex digits, PostgreSQL as a UUID: one form for both.
        done_keys=frozenset(str(uuid.UUID(str(key))) for _id, key in done),
        completed_ids=frozenset(lesson_id for lesson_id, _key in done),
        min_reading_share=rows[0][7],
        seconds_by_lesson={row[3]: row[6] for row in rows if row[3] is not None},
    )


def count_rows(queryset) -> Subquery:
    """A scalar subquery counting ``queryset``'s rows (for an annotation or an UPDATE)."""
    return Subquery(
        queryset.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )


def lesson_status(*, enrollment: Enrollment | None) -> dict[int, LessonProgress]:
    """Progress rows of an enrollment by lesson id."""
    if enrollment is None:
        return {}
    return {row.lesson_id: row for row in LessonProgress.objects.filter(enrollment=enrollment)}


def done_lesson_keys(*, enrollment: Enrollment) -> set:
    """Translation keys of the enrollment's completed lessons (the same in every language),
    in one query."""
    return set(
        LessonProgress.objects.filter(
            enrollment=enrollment, completed_at__isnull=False
        ).values_list("lesson__translation_key", flat=True)
    )


def continue_lesson(
    *, enrollment: Enrollment, lessons: Sequence[LessonPage], done_keys: Collection
) -> LessonPage | None:
    """Where "Continue" takes the learner: the first of ``lessons`` (the module's live lessons
    in order, in the language shown) not completed; when all are, the lesson they opened
    last, else the last one; ``None`` for a module without lessons. ``done_keys`` are the
    translation keys of the completed lessons (``done_lesson_keys``). The one home of that
    rule, for My learning and the module page."""
    for lesson in lessons:
        if lesson.translation_key not in done_keys:
            return lesson
    if not lessons or enrollment.last_lesson_id is None:
        return lessons[-1] if lessons else None
    opened = next((lesson for lesson in lessons if lesson.pk == enrollment.last_lesson_id), None)
    if opened is None:
        # A translation is shown: the lesson opened (a source page) is found by its key.
        key = enrollment.last_lesson.translation_key
        opened = next((lesson for lesson in lessons if lesson.translation_key == key), None)
    return opened or lessons[-1]


@dataclass(frozen=True)
class EnrollmentRow:
    enrollment: Enrollment
    lessons_total: int
    lessons_done: int
    seconds: int
    best_percent: float | None
    attempts: int
    next_lesson: LessonPage | None
    #: The module's pre-test may be taken now (offered, nothing attempted in the cycle).
    pre_test_due: bool = False
    #: This cycle's pre-test, begun but not submitted (its id), to continue.
    pre_test_open: int | None = None
    #: HTML added by other apps through ``MY_LEARNING_HOOK``.
    extras: list[str] = field(default_factory=list)


def my_enrollments(*, user) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(user=user)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .select_related("module", "last_lesson")
        .annotate(
            seconds=Sum("lessons__seconds_spent"),
        )
        .order_by("status", "-last_activity_at")
    )


def my_learning(*, user) -> dict:
    """The learner's dashboard: enrolled and completed modules with progress and where to
    continue, and modules for their cadre not yet taken — in a fixed number of queries."""
    enrollments = list(my_enrollments(user=user))
    module_paths = [e.module.path for e in enrollments]
    lessons_by_module: dict[str, list[LessonPage]] = {path: [] for path in module_paths}
    if module_paths:
        condition = Q()
        for path in module_paths:
            condition |= Q(path__startswith=path)
        for lesson in (
            LessonPage.objects.live()
            .filter(condition, depth=enrollments[0].module.depth + 1)
            .order_by("path")
            .only(
                "id", "title", "slug", "path", "depth", "url_path", "locale_id", "translation_key"
            )
        ):
            lessons_by_module[lesson.path[: -LessonPage.steplen]].append(lesson)
    done = set(
        LessonProgress.objects.filter(
            enrollment__in=enrollments, completed_at__isnull=False
        ).values_list("enrollment_id", "lesson_id")
    )
    # Counts and the best score are of the assessment's attempts: a pre-test never counts.
    counted = Q(role=AssessmentAttempt.Role.ASSESSMENT, submitted_at__isnull=False)
    this_cycle = Q(cycle=F("enrollment__cycle"))
    attempts = {
        row["enrollment_id"]: row
        for row in AssessmentAttempt.objects.filter(enrollment__in=enrollments)
        .values("enrollment_id")
        .annotate(
            count=Count("pk", filter=counted),
            best=Max("percent", filter=counted),
            in_cycle=Count("pk", filter=this_cycle),
            pre_test_open=Max(
                "pk",
                filter=this_cycle
                & Q(role=AssessmentAttempt.Role.PRE_TEST, submitted_at__isnull=True),
            ),
        )
    }
    active, completed = [], []
    for enrollment in enrollments:
        lessons = lessons_by_module[enrollment.module.path]
        done_ids = {lesson_id for e_id, lesson_id in done if e_id == enrollment.pk}
        row = EnrollmentRow(
            enrollment=enrollment,
            lessons_total=len(lessons),
            lessons_done=sum(1 for lesson in lessons if lesson.pk in done_ids),
            seconds=enrollment.seconds or 0,
            best_percent=float(attempts[enrollment.pk]["best"])
            if enrollment.pk in attempts and attempts[enrollment.pk]["best"] is not None
            else None,
            attempts=attempts.get(enrollment.pk, {}).get("count", 0),
            pre_test_due=enrollment.module.has_pre_test
            and enrollment.status == Enrollment.Status.ACTIVE
            and not attempts.get(enrollment.pk, {}).get("in_cycle"),
            pre_test_open=attempts.get(enrollment.pk, {}).get("pre_test_open"),
            next_lesson=continue_lesson(
                enrollment=enrollment,
                lessons=lessons,
                done_keys={lesson.translation_key for lesson in lessons if lesson.pk in done_ids},
            ),
        )
        (completed if enrollment.is_completed else active).append(row)
    taken = [e.module_id for e in enrollments]
    recommended = []
    if getattr(user, "cadre_id", None):
        recommended = list(
            TrainingModulePage.objects.live()
            .public()
            .filter(locale__language_code=settings.LANGUAGE_CODE, cadres=user.cadre_id)
            .exclude(pk__in=taken)
            .order_by("code")[:6]
        )
    # Titles in the learner's language where the module is translated (one query).
    localize_titles([enrollment.module for enrollment in enrollments] + recommended)
    return {"active": active, "completed": completed, "recommended": recommended}


def module_progress(*, enrollment: Enrollment) -> dict:
    """One learner's progress in one module: lessons with time spent, attempts with scores."""
    module = enrollment.module
    lessons = list(
        LessonPage.objects.live()
        .child_of(module)
        .order_by("path")
        .only("id", "title", "slug", "path", "depth", "url_path", "estimated_minutes", "locale_id")
    )
    rows = lesson_status(enrollment=enrollment)
    # Each cycle's pre-test (number 0, shown as such) comes before its attempts.
    attempts = list(
        AssessmentAttempt.objects.filter(enrollment=enrollment).order_by("cycle", "number")
    )
    return {
        "module": module,
        "enrollment": enrollment,
        "lessons": [(lesson, rows.get(lesson.pk)) for lesson in lessons],
        "attempts": attempts,
        "seconds": sum(row.seconds_spent for row in rows.values()),
    }


#: The sections of the personal-data export after the profile, in order.
PERSONAL_DATA_SECTIONS = ("enrollments", "lessons", "knowledge_checks", "attempts")


def personal_data(*, user) -> dict:
    """Everything the platform holds about ``user``: their profile and consents (from
    accounts) and their learning records, one list of plain values per section."""
    return {
        "profile": profile_data(user=user),
        "enrollments": list(
            Enrollment.objects.filter(user=user).values(
                "module__code",
                "module__title",
                "source",
                "status",
                "enrolled_at",
                "completed_at",
                "last_activity_at",
                "progress",
                "attendance_share",
            )
        ),
        "lessons": list(
            LessonProgress.objects.filter(enrollment__user=user).values(
                "enrollment__module__code",
                "lesson__title",
                "first_viewed_at",
                "completed_at",
                "seconds_spent",
            )
        ),
        "knowledge_checks": list(
            KnowledgeCheckAnswer.objects.filter(enrollment__user=user).values(
                "enrollment__module__code",
                "lesson__title",
                "block_id",
                "selected",
                "correct",
                "answered_at",
            )
        ),
        "attempts": list(
            AssessmentAttempt.objects.filter(enrollment__user=user).values(
                "enrollment__module__code",
                "role",
                "number",
                "started_at",
                "submitted_at",
                "score",
                "max_score",
                "percent",
                "passed",
                "answers",
            )
        ),
    }


def personal_data_export(*, user, fmt: str) -> str:
    """``personal_data`` as the text of a file: ``"json"`` (indented, non-ASCII kept) or
    ``"csv"`` (one ``section, field, value`` row per value, with a byte-order mark so that
    spreadsheets read it as UTF-8)."""
    data = personal_data(user=user)
    if fmt == "json":
        return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "field", "value"])
    for key, value in data["profile"].items():
        if isinstance(value, list):
            value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
        writer.writerow(["profile", key, value])
    for section in PERSONAL_DATA_SECTIONS:
        for number, row in enumerate(data[section], start=1):
            for key, value in row.items():
                writer.writerow([f"{section}[{number}]", key, value])
    return "\ufeff" + out.getvalue()


def status_counts(*, enrollments: QuerySet[Enrollment]) -> dict[str, int]:
    """Enrollments by status, in one query (for trainers' and reports' summaries)."""
    counts = dict(
        enrollments.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Enrollment.Status.values}


def progress_rows(*, user_ids, module_ids) -> dict[tuple[int, int], Enrollment]:
    """Enrollment of each (user, module) pair among the given ones, in one query — the cells
    of a cohort's progress matrix (progress, status, last activity, attendance)."""
    return {
        (e.user_id, e.module_id): e
        for e in Enrollment.objects.filter(user_id__in=user_ids, module_id__in=module_ids).only(
            "id",
            "user_id",
            "module_id",
            "status",
            "progress",
            "last_activity_at",
            "completed_at",
            "attendance_share",
        )
    }


# --- For the trainers' progress pages: several learners' enrollments ------------------------
# Building blocks that the apps above compose into their own queries (a cohort's matrix adds
# its certificates), so that what "started" or "out of attempts" means is said here only.


def enrollments_of(*, user_ids, module_ids) -> QuerySet[Enrollment]:
    """The enrollments of these learners (ids, or a subquery of them) in these modules."""
    return Enrollment.objects.filter(user_id__in=user_ids, module_id__in=module_ids)


def learner_enrollments(*, user_ref: str, module_ids) -> QuerySet[Enrollment]:
    """The enrollments in these modules of the learner of the enclosing query's row (its
    column ``user_ref``), for subqueries."""
    return Enrollment.objects.filter(user=OuterRef(user_ref), module_id__in=module_ids)


def enrollment_started() -> Q:
    """Enrollments their learner has begun: progress, completion, a lesson opened (recorded
    as ``last_lesson``) or an attempt made (a pre-test too: it is taken at the start).
    ``last_activity_at`` is no sign: enrolling sets it. The columns come first so that the
    subquery runs only for the rest."""
    return (
        Q(progress__gt=0)
        | Q(status=Enrollment.Status.COMPLETED)
        | Q(last_lesson__isnull=False)
        | Q(Exists(AssessmentAttempt.objects.filter(enrollment=OuterRef("pk"))))
    )


def failed_attempts_in_cycle() -> Subquery:
    """How many submitted attempts of the enclosing enrollment failed in its current cycle
    (None for none); pre-tests are not attempts at the assessment."""
    return Subquery(
        AssessmentAttempt.objects.filter(
            enrollment=OuterRef("pk"),
            cycle=OuterRef("cycle"),
            role=AssessmentAttempt.Role.ASSESSMENT,
            submitted_at__isnull=False,
            passed=False,
        )
        .order_by()
        .values("enrollment")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def passed_in_cycle() -> Exists:
    """Whether the enclosing enrollment has a passed attempt in its current cycle."""
    return Exists(
        AssessmentAttempt.objects.filter(
            enrollment=OuterRef("pk"),
            cycle=OuterRef("cycle"),
            role=AssessmentAttempt.Role.ASSESSMENT,
            passed=True,
        )
    )


def enrollments_with_attempts(*, user_ids, module_ids) -> QuerySet[Enrollment]:
    """``enrollments_of``, each annotated with ``failed`` (attempts failed in the current
    cycle), ``passed`` (one passed in it) and ``started`` (``enrollment_started``)."""
    return enrollments_of(user_ids=user_ids, module_ids=module_ids).annotate(
        failed=Coalesce(failed_attempts_in_cycle(), 0),
        passed=passed_in_cycle(),
        started=Case(When(enrollment_started(), then=Value(True)), default=Value(False)),
    )


def out_of_attempts(*, user_ref: str, module_ids) -> QuerySet[AssessmentAttempt]:
    """Open enrollments in these modules of the enclosing row's learner (column
    ``user_ref``) whose current cycle used every attempt without a pass, for ``Exists``.
    Starts from the (few) attempts and groups them per enrollment, rather than counting
    attempts for every enrollment."""
    return (
        AssessmentAttempt.objects.filter(
            enrollment__user_id=OuterRef(user_ref),
            enrollment__module_id__in=module_ids,
            enrollment__status=Enrollment.Status.ACTIVE,
            cycle=F("enrollment__cycle"),
            role=AssessmentAttempt.Role.ASSESSMENT,
            submitted_at__isnull=False,
        )
        .order_by()
        .values("enrollment_id", "enrollment__module__max_attempts")
        .annotate(
            failed=Count("pk", filter=Q(passed=False)),
            passed_n=Count("pk", filter=Q(passed=True)),
        )
        .filter(failed__gte=F("enrollment__module__max_attempts"), passed_n=0)
    )


def completions_by_week(*, user_ids, module_ids) -> dict[datetime.date, int]:
    """Completions of these learners in these modules per week (weeks start on Monday in
    the site's time zone), by the week's first day — one query."""
    rows = (
        enrollments_of(user_ids=user_ids, module_ids=module_ids)
        .filter(status=Enrollment.Status.COMPLETED, completed_at__isnull=False)
        .annotate(week=TruncWeek("completed_at", tzinfo=timezone.get_default_timezone()))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    return {
        row["week"].date() if isinstance(row["week"], datetime.datetime) else row["week"]: row["n"]
        for row in rows
    }


def lesson_progress_by_enrollment(enrollment_ids) -> dict[tuple[int, int], LessonProgress]:
    """The lesson rows of these enrollments, by ``(enrollment_id, lesson_id)`` — one query."""
    return {
        (row.enrollment_id, row.lesson_id): row
        for row in LessonProgress.objects.filter(enrollment_id__in=list(enrollment_ids))
    }


def attempts_by_enrollment(
    enrollment_ids, *, role: str = AssessmentAttempt.Role.ASSESSMENT
) -> dict[int, list[AssessmentAttempt]]:
    """The assessment's attempts of these enrollments in order (``role``: their pre-tests
    instead), by enrollment — one query."""
    attempts: dict[int, list[AssessmentAttempt]] = {}
    for attempt in AssessmentAttempt.objects.filter(
        enrollment_id__in=list(enrollment_ids), role=role
    ).order_by("cycle", "number"):
        attempts.setdefault(attempt.enrollment_id, []).append(attempt)
    return attempts


# --- Pre-test and post-test ----------------------------------------------------------------


@dataclass(frozen=True)
class PrePost:
    """One enrollment's cycle: the percent of its submitted pre-test and of its post-test (the
    cycle's first submitted attempt at the assessment); None where not taken."""

    enrollment_id: int
    cycle: int
    pre: float | None
    post: float | None

    @property
    def gain(self) -> float | None:
        """Post-test minus pre-test percent (points); None unless both were taken."""
        if self.pre is None or self.post is None:
            return None
        return round(self.post - self.pre, 2)


def pre_post_percents(*, enrollment_ids) -> dict[tuple[int, int], PrePost]:
    """``PrePost`` by ``(enrollment_id, cycle)`` for these enrollments (ids, or a subquery of
    them), for every cycle with a submitted pre-test or attempt: one query. The gain
    definition everyone uses (``PrePost.gain``) is said here."""
    rows = (
        AssessmentAttempt.objects.filter(
            enrollment_id__in=enrollment_ids, submitted_at__isnull=False
        )
        .order_by("enrollment_id", "cycle", "number")
        .values_list("enrollment_id", "cycle", "role", "percent")
    )
    found: dict[tuple[int, int], dict] = {}
    for enrollment_id, cycle, role, percent in rows:
        entry = found.setdefault((enrollment_id, cycle), {})
        if role == AssessmentAttempt.Role.PRE_TEST:
            entry["pre"] = float(percent)
        else:
            entry.setdefault("post", float(percent))  # the first, in number order
    return {
        key: PrePost(key[0], key[1], entry.get("pre"), entry.get("post"))
        for key, entry in found.items()
    }


# --- For the workforce scorecard ------------------------------------------------------------


def enrollment_facts(*, module_ids, user_ids=None, before: datetime.datetime | None = None):
    """The enrolments (not withdrawn) in these modules, as tuples ``(user_id, module_id,
    completed_at)`` with ``completed_at`` None unless the enrolment was completed (before
    ``before``, when given); only enrolments made before ``before``."""
    rows = Enrollment.objects.filter(module_id__in=module_ids).exclude(
        status=Enrollment.Status.WITHDRAWN
    )
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    completed = Q(status=Enrollment.Status.COMPLETED)
    if before is not None:
        rows = rows.filter(enrolled_at__lt=before)
        completed &= Q(completed_at__lt=before)
    rows = rows.annotate(
        done_at=Case(When(completed, then=F("completed_at")), output_field=DateTimeField())
    )
    return rows.order_by().values_list("user_id", "module_id", "done_at")


def completions_between(start: datetime.datetime, end: datetime.datetime):
    """Completions in ``[start, end)`` counted by the learner's place and cadre and the
    module: dicts with ``state``, ``district``, ``cadre``, ``module_page`` and ``count``."""
    return (
        Enrollment.objects.filter(
            status=Enrollment.Status.COMPLETED, completed_at__gte=start, completed_at__lt=end
        )
        .order_by()
        .values(
            state=F("user__state_id"),
            district=F("user__district_id"),
            cadre=F("user__cadre_id"),
            module_page=F("module_id"),
        )
        .annotate(count=Count("pk"))
    )


def attempts_between(start: datetime.datetime, end: datetime.datetime):
    """Assessment attempts submitted in ``[start, end)`` by the learner's place and cadre and
    the module: dicts with ``state``, ``district``, ``cadre``, ``module_page``, ``count`` and
    ``passed``. Pre-tests are not attempts at the assessment and are left out."""
    return (
        AssessmentAttempt.objects.filter(
            submitted_at__gte=start,
            submitted_at__lt=end,
            role=AssessmentAttempt.Role.ASSESSMENT,
        )
        .order_by()
        .values(
            state=F("enrollment__user__state_id"),
            district=F("enrollment__user__district_id"),
            cadre=F("enrollment__user__cadre_id"),
            module_page=F("enrollment__module_id"),
        )
        .annotate(count=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    )
