"""Writes of learning state: enrolment, lesson progress, time on page, knowledge-check answers,
assessment attempts, attendance and completion. Each runs in one transaction; state changes
that others react to are sent on commit."""

from __future__ import annotations

import secrets
import zoneinfo
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.core.audit import audit, audit_many
from lms.core.errors import DomainError
from modules.content.grading import (
    GradeResult,
    GradingError,
    assessment_at,
    draw_questions,
    effective_pass_mark,
    grade_revision,
)
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
from modules.content.selectors import source_page

from .models import AssessmentAttempt, Enrollment, KnowledgeCheckAnswer, LessonProgress
from .selectors import count_rows
from .signals import enrollment_completed

INDIA = zoneinfo.ZoneInfo("Asia/Kolkata")
#: How often the lesson page reports the time it was visible: every this many seconds of
#: visible time, sooner when the minimum reading time runs out earlier, and once more when
#: the page is hidden or left (docs/benchmarks.md, "The lesson time beacon at scale").
BEACON_SECONDS = 60
#: A time beacon never adds more than this many seconds, however long since the last one
#: (the page never claims more than ``BEACON_SECONDS`` in one report).
MAX_BEAT_SECONDS = 60
#: Time counted on one lesson stops growing at this many times the lesson's estimate.
LESSON_TIME_CAP_FACTOR = 3
#: A time beacon refreshes the enrollment's last activity only when it is older than this
#: (or names another lesson): last activity is read by the day, and the enrollment's row
#: need not be written once a minute while a lesson is read.
ACTIVITY_REFRESH = timedelta(minutes=5)


class LearningError(DomainError):
    """A learning rule refused the request; the message is for the learner."""


# --- Helpers --------------------------------------------------------------------------------


def _touch(enrollment: Enrollment, now, **fields) -> None:
    Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=now, **fields)
    enrollment.last_activity_at = now
    for name, value in fields.items():
        setattr(enrollment, name, value)


def _live_lessons(module_path: str, depth: int):
    return LessonPage.objects.filter(live=True, path__startswith=module_path, depth=depth + 1)


# --- Enrolment ------------------------------------------------------------------------------


def prerequisites_missing(*, user, module: TrainingModulePage) -> list[TrainingModulePage]:
    """Prerequisite modules the user has not completed."""
    required = module.live_prerequisites()
    if not required:
        return []
    done = set(
        Enrollment.objects.filter(
            user=user, module__in=required, status=Enrollment.Status.COMPLETED
        ).values_list("module_id", flat=True)
    )
    return [page for page in required if page.pk not in done]


def enrollment_create(*, user, module: TrainingModulePage, source: str, by=None) -> Enrollment:
    """Enrol ``user`` in ``module`` (any translation of it); idempotent. A withdrawn learner
    re-joins with their progress. Self-enrolment requires the prerequisites completed; a
    trainer, an import or an administrator may enrol regardless."""
    module = source_page(module)
    if not module.live:
        raise LearningError(_("This module is not open for enrolment."), status_code=404)
    existing = Enrollment.objects.filter(user=user, module=module).first()
    if existing is not None and existing.status != Enrollment.Status.WITHDRAWN:
        return existing
    if source == Enrollment.Source.SELF:
        missing = prerequisites_missing(user=user, module=module)
        if missing:
            names = ", ".join(f"{page.code} {page.title}" for page in missing)
            raise LearningError(
                _("Complete %(modules)s before enrolling in this module.") % {"modules": names},
                status_code=409,
            )
    with transaction.atomic():
        if existing is not None:
            status = (
                Enrollment.Status.COMPLETED if existing.completed_at else Enrollment.Status.ACTIVE
            )
            Enrollment.objects.filter(pk=existing.pk).update(status=status)
            existing.status = status
            audit(instance=existing, action="learning.enrollment.rejoined", user=by or user)
            return existing
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(
                    user=user, module=module, source=source, last_activity_at=timezone.now()
                )
        except IntegrityError:  # a concurrent request enrolled them first
            return Enrollment.objects.get(user=user, module=module)
        audit(
            instance=enrollment,
            action="learning.enrollment.created",
            user=by or user,
            data={"module": module.code, "source": source},
        )
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, by=None) -> None:
    """Leave a module; progress is kept for a later re-join."""
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        return
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.WITHDRAWN)
    enrollment.status = Enrollment.Status.WITHDRAWN
    audit(instance=enrollment, action="learning.enrollment.withdrawn", user=by or enrollment.user)


# --- Lessons --------------------------------------------------------------------------------


def _progress_row(enrollment: Enrollment, lesson: LessonPage, now) -> None:
    """Make sure the lesson's progress row exists (one INSERT … ON CONFLICT DO NOTHING)."""
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrollment=enrollment, lesson=lesson, first_viewed_at=now)],
        ignore_conflicts=True,
    )


def lesson_view(*, enrollment: Enrollment, lesson: LessonPage) -> None:
    """Record that the learner opened ``lesson`` (first time only) and remember it as the
    lesson to resume."""
    _check_lesson(enrollment, lesson)
    now = timezone.now()
    with transaction.atomic():
        _progress_row(enrollment, lesson, now)
        _touch(enrollment, now, last_lesson_id=lesson.pk)


def _check_lesson(enrollment: Enrollment, lesson: LessonPage) -> None:
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise LearningError(
            _("You have left this module. Re-join it to continue."), status_code=403
        )
    if (
        not lesson.live
        or lesson.locale_id != enrollment.module.locale_id
        or not lesson.path.startswith(enrollment.module.path)
    ):
        raise LearningError(_("This lesson is not part of the module."), status_code=404)


def lesson_complete(*, enrollment: Enrollment, lesson: LessonPage) -> bool:
    """Mark ``lesson`` complete; idempotent and safe against parallel requests (one row, one
    completion). Returns whether this call completed it. ``enrollment.progress`` is updated
    (estimated from ``lessons_done``/``lessons_total`` when the caller annotated them)."""
    _check_lesson(enrollment, lesson)
    now = timezone.now()
    with transaction.atomic():
        _progress_row(enrollment, lesson, now)
        # The minimum reading time is part of the UPDATE's condition; only when nothing is
        # completed does a second look say whether it was done already or is too early (the
        # refusal rolls back the row made above).
        newly = LessonProgress.objects.filter(
            enrollment=enrollment,
            lesson=lesson,
            completed_at__isnull=True,
            seconds_spent__gte=enrollment.module.reading_seconds_required(lesson),
        ).update(completed_at=now)
        if newly:
            _refresh_progress(enrollment, now, last_lesson_id=lesson.pk)
            _complete_if_done(enrollment, now)
        else:
            wait = lesson_reading_wait(enrollment=enrollment, lesson=lesson)
            if wait:
                raise LearningError(reading_wait_message(wait), status_code=409)
            _touch(enrollment, now, last_lesson_id=lesson.pk)
    return bool(newly)


def reading_seconds_left(
    *, module: TrainingModulePage, lesson: LessonPage, seconds_spent: int
) -> int:
    """Seconds the learner must still spend on ``lesson`` (as the time beacon counts it)
    before marking it complete; 0 when they may."""
    return max(0, module.reading_seconds_required(lesson) - seconds_spent)


def lesson_reading_wait(*, enrollment: Enrollment, lesson: LessonPage) -> int:
    """Seconds the learner must still spend on ``lesson`` before marking it complete (0 when
    they may, or have): one query."""
    row = (
        LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson)
        .values_list("seconds_spent", "completed_at")
        .first()
    )
    if row is not None and row[1] is not None:
        return 0
    return reading_seconds_left(
        module=enrollment.module, lesson=lesson, seconds_spent=row[0] if row else 0
    )


def reading_wait_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "You can mark this complete after about %(minutes)s more minute.",
        "You can mark this complete after about %(minutes)s more minutes.",
        minutes,
    ) % {"minutes": minutes}


def _refresh_progress(enrollment: Enrollment, now, **fields) -> None:
    """Recompute the stored progress in the database, in the same UPDATE that records the
    activity: concurrent completions of different lessons cannot leave a stale value."""
    module = enrollment.module
    lessons = _live_lessons(module.path, module.depth)
    total = count_rows(lessons)
    done = count_rows(
        LessonProgress.objects.filter(
            enrollment_id=enrollment.pk,
            completed_at__isnull=False,
            lesson_id__in=lessons.values("pk"),
        )
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(
        progress=Coalesce(Least(Coalesce(done, 0) * 100 / NullIf(total, 0), 100), 100),
        last_activity_at=now,
        **fields,
    )
    for name, value in fields.items():
        setattr(enrollment, name, value)
    enrollment.last_activity_at = now
    if hasattr(enrollment, "lessons_total") and hasattr(enrollment, "lessons_done"):
        # For display only; the stored value above is exact.
        total_now = enrollment.lessons_total or 0
        enrollment.progress = (
            100 if not total_now else min(100, (enrollment.lessons_done + 1) * 100 // total_now)
        )
    else:
        enrollment.refresh_from_db(fields=["progress"])


@dataclass(frozen=True)
class TimeCounted:
    """What one time beacon did (``time_on_lesson``)."""

    #: Seconds added to the time counted on the lesson.
    counted: int
    #: Seconds the learner must still spend on the lesson before marking it complete (0 when
    #: they may, or have), as ``lesson_reading_wait`` answers it.
    wait: int


def time_on_lesson(*, enrollment: Enrollment, lesson: LessonPage, seconds: int) -> TimeCounted:
    """Add time the page was visible, as reported by the page's beacon. The increment is at most
    ``MAX_BEAT_SECONDS``, at most the time since the last counted beacon (plus a second for
    rounding), and the lesson's total stops at ``LESSON_TIME_CAP_FACTOR`` times its estimate, so
    a left-open tab or a replayed request does not inflate it. Returns the seconds counted and
    the reading time still to go.

    Two statements for a lesson the beacon reported opened: the row is read, then one
    conditional UPDATE adds the time only if no other beacon was counted in between (that one's
    time overlapped this one's, which then counts nothing), so no lock is held across them.
    Nothing is written once the cap is reached; the enrollment's last activity only when it is
    staler than ``ACTIVITY_REFRESH`` or names another lesson."""
    _check_lesson(enrollment, lesson)
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        raise LearningError(_("The time reported is not a number.")) from None
    now = timezone.now()
    row = _beat_row(enrollment, lesson)
    if row is None and seconds > 0:  # time reported before the "opened" beacon made the row
        _progress_row(enrollment, lesson, now)
        row = _beat_row(enrollment, lesson)
    pk, spent, last_beat_at, completed_at = row or (None, 0, None, None)
    counted = 0
    if seconds > 0:
        cap = lesson.estimated_minutes * 60 * LESSON_TIME_CAP_FACTOR
        since = (now - last_beat_at).total_seconds() if last_beat_at else MAX_BEAT_SECONDS
        counted = int(max(0, min(seconds, MAX_BEAT_SECONDS, since + 1, cap - spent)))
    touch = seconds > 0 and (
        enrollment.last_lesson_id != lesson.pk
        or enrollment.last_activity_at is None
        or now - enrollment.last_activity_at >= ACTIVITY_REFRESH
    )
    # One transaction (one commit) only when two rows are written; a single UPDATE commits
    # on its own.
    with transaction.atomic() if touch else nullcontext():
        if counted:
            updated = LessonProgress.objects.filter(
                pk=pk, seconds_spent=spent, last_beat_at=last_beat_at
            ).update(seconds_spent=F("seconds_spent") + counted, last_beat_at=now)
            counted = counted if updated else 0
        if touch:
            _touch(enrollment, now, last_lesson_id=lesson.pk)
    wait = 0
    if completed_at is None:
        wait = reading_seconds_left(
            module=enrollment.module, lesson=lesson, seconds_spent=spent + counted
        )
    return TimeCounted(counted=counted, wait=wait)


def _beat_row(enrollment: Enrollment, lesson: LessonPage):
    """The lesson's progress row as a beacon needs it: id, seconds counted, last beat, when
    completed (None when the lesson was never opened)."""
    return (
        LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson)
        .values_list("pk", "seconds_spent", "last_beat_at", "completed_at")
        .first()
    )


def knowledge_check_record(
    *, enrollment: Enrollment, lesson: LessonPage, block_id: str, selected, correct: bool
) -> None:
    """Keep the learner's latest answer to a knowledge check (ungraded)."""
    now = timezone.now()
    with transaction.atomic():
        KnowledgeCheckAnswer.objects.update_or_create(
            enrollment=enrollment,
            lesson=lesson,
            block_id=block_id,
            defaults={"selected": sorted(selected), "correct": correct, "answered_at": now},
        )
        _touch(enrollment, now)


# --- Assessment -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptRules:
    used: int
    allowed: int
    opens_at: object  # datetime or None
    passed: bool

    @property
    def remaining(self) -> int:
        return max(0, self.allowed - self.used)


def attempt_rules(*, enrollment: Enrollment) -> AttemptRules:
    """The assessment's attempts used in the enrollment's cycle, how many are allowed, when the
    next opens and whether one passed. A pre-test is not an attempt at the assessment: it is
    never counted here."""
    module = enrollment.module
    submitted = list(
        AssessmentAttempt.objects.filter(
            enrollment=enrollment,
            cycle=enrollment.cycle,
            role=AssessmentAttempt.Role.ASSESSMENT,
            submitted_at__isnull=False,
        )
        .order_by("-number")
        .values_list("submitted_at", "passed")
    )
    opens_at = None
    if submitted and not submitted[0][1] and module.retake_cooldown_hours:
        opens_at = submitted[0][0] + timedelta(hours=module.retake_cooldown_hours)
        if opens_at <= timezone.now():
            opens_at = None
    return AttemptRules(
        used=len(submitted),
        allowed=module.max_attempts,
        opens_at=opens_at,
        passed=any(passed for _at, passed in submitted),
    )


def attempt_start(*, enrollment: Enrollment, assessment: AssessmentPage) -> AssessmentAttempt:
    """Begin an attempt, or return the one in progress. The number of attempts is enforced
    under a row lock on the enrollment, so parallel starts cannot exceed ``max_attempts``."""
    assessment = source_page(assessment)
    module = enrollment.module
    if not assessment.live or not assessment.path.startswith(module.path):
        raise LearningError(_("This assessment is not part of the module."), status_code=404)
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise LearningError(
            _("You have left this module. Re-join it to continue."), status_code=403
        )
    with transaction.atomic():
        # The row lock serialises starts; the cycle is read under it.
        enrollment.cycle = (
            Enrollment.objects.select_for_update()
            .filter(pk=enrollment.pk)
            .values_list("cycle", flat=True)
            .get()
        )
        open_attempt = AssessmentAttempt.objects.filter(
            enrollment=enrollment, submitted_at__isnull=True
        ).first()
        if open_attempt is not None and open_attempt.role == AssessmentAttempt.Role.ASSESSMENT:
            return open_attempt
        rules = attempt_rules(enrollment=enrollment)
        if rules.passed:
            raise LearningError(_("You have already passed this assessment."), status_code=409)
        if rules.remaining == 0:
            raise LearningError(_("You have used all your attempts."), status_code=409)
        if rules.opens_at is not None:
            opens_at = timezone.localtime(rules.opens_at, INDIA)
            raise LearningError(
                _("Your next attempt opens on %(date)s at %(time)s (India time).")
                % {"date": date_format(opens_at, "j F Y"), "time": date_format(opens_at, "H:i")},
                status_code=409,
            )
        if open_attempt is not None:
            # A pre-test left unfinished: the assessment begins, so it can no longer be taken.
            # It holds no answers (they are stored on submitting).
            open_attempt.delete()
            audit(
                instance=enrollment,
                action="learning.pre_test.abandoned",
                user=enrollment.user,
                data={"cycle": enrollment.cycle},
            )
        attempt = AssessmentAttempt.objects.create(
            enrollment=enrollment,
            assessment=assessment,
            # Numbers run on across cycles (unique per enrollment); a pre-test is number 0.
            number=(
                AssessmentAttempt.objects.filter(
                    enrollment=enrollment, role=AssessmentAttempt.Role.ASSESSMENT
                ).aggregate(n=Count("pk"))["n"]
                + 1
            ),
            cycle=enrollment.cycle,
            **_drawn(assessment),
        )
        audit(
            instance=enrollment,
            action="learning.attempt.started",
            user=enrollment.user,
            data={"attempt": attempt.number},
        )
        _touch(enrollment, timezone.now())
    return attempt


# --- Pre-test -------------------------------------------------------------------------------


def module_assessment(module: TrainingModulePage) -> AssessmentPage | None:
    """The live assessment of ``module`` (a source page), whose pool a pre-test draws from."""
    return (
        AssessmentPage.objects.filter(
            live=True, path__startswith=module.path, depth=module.depth + 1
        )
        .order_by("path")
        .first()
    )


@dataclass(frozen=True)
class PreTestState:
    """Where a learner stands with their module's pre-test in the current cycle."""

    #: The module has a pre-test (``has_pre_test`` and a live assessment to draw from).
    offered: bool
    #: This cycle's pre-test, in progress or submitted; None when not begun.
    attempt: AssessmentAttempt | None
    #: The assessment was begun in this cycle, which closes the pre-test.
    assessment_started: bool
    #: The enrollment is in progress (not withdrawn, not completed).
    active: bool

    @property
    def available(self) -> bool:
        """Whether the learner may begin the pre-test now."""
        return self.offered and self.active and self.attempt is None and not self.assessment_started

    @property
    def in_progress(self) -> bool:
        return self.attempt is not None and not self.attempt.is_submitted

    @property
    def taken(self) -> AssessmentAttempt | None:
        """The submitted pre-test of the cycle, if any."""
        return self.attempt if self.attempt is not None and self.attempt.is_submitted else None


def pre_test_state(*, enrollment: Enrollment) -> PreTestState:
    """``PreTestState`` of the enrollment's current cycle: one query (none for a module
    without a pre-test)."""
    module = enrollment.module
    if not module.has_pre_test:
        return PreTestState(offered=False, attempt=None, assessment_started=False, active=False)
    attempts = list(
        AssessmentAttempt.objects.filter(enrollment=enrollment, cycle=enrollment.cycle).only(
            "pk", "role", "number", "cycle", "submitted_at", "percent", "score", "max_score"
        )
    )
    pre_test = next((a for a in attempts if a.role == AssessmentAttempt.Role.PRE_TEST), None)
    return PreTestState(
        offered=pre_test is not None or module_assessment(module) is not None,
        attempt=pre_test,
        assessment_started=any(a.role == AssessmentAttempt.Role.ASSESSMENT for a in attempts),
        active=enrollment.status == Enrollment.Status.ACTIVE,
    )


def pre_test_start(*, enrollment: Enrollment) -> AssessmentAttempt:
    """Begin the pre-test of the enrollment's cycle, or return the one in progress (a double
    click, another tab). Drawn from the module assessment's pool like an attempt, numbered 0;
    one per cycle, and only before the assessment is begun. Lessons may have been studied.
    Under the same row lock as ``attempt_start``, so parallel starts make one."""
    module = enrollment.module
    assessment = module_assessment(module) if module.has_pre_test else None
    if assessment is None:
        raise LearningError(_("This module has no pre-test."), status_code=404)
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        raise LearningError(
            _("You have left this module. Re-join it to continue."), status_code=403
        )
    if enrollment.status == Enrollment.Status.COMPLETED:
        raise LearningError(_("You have completed this module."), status_code=409)
    with transaction.atomic():
        enrollment.cycle = (
            Enrollment.objects.select_for_update()
            .filter(pk=enrollment.pk)
            .values_list("cycle", flat=True)
            .get()
        )
        in_cycle = list(
            AssessmentAttempt.objects.filter(enrollment=enrollment, cycle=enrollment.cycle)
        )
        pre_test = next((a for a in in_cycle if a.role == AssessmentAttempt.Role.PRE_TEST), None)
        if pre_test is not None and not pre_test.is_submitted:
            return pre_test
        if pre_test is not None:
            raise LearningError(_("You have already taken the pre-test."), status_code=409)
        if any(a.role == AssessmentAttempt.Role.ASSESSMENT for a in in_cycle):
            raise LearningError(
                _("The pre-test is taken before the assessment, which you have begun."),
                status_code=409,
            )
        try:
            with transaction.atomic():
                attempt = AssessmentAttempt.objects.create(
                    enrollment=enrollment,
                    assessment=assessment,
                    role=AssessmentAttempt.Role.PRE_TEST,
                    number=0,
                    cycle=enrollment.cycle,
                    **_drawn(assessment),
                )
        except IntegrityError:  # where the row lock does not serialise (SQLite): made already
            existing = AssessmentAttempt.objects.filter(
                enrollment=enrollment, cycle=enrollment.cycle, role=AssessmentAttempt.Role.PRE_TEST
            ).first()
            if existing is None or existing.is_submitted:
                raise LearningError(
                    _("You have already taken the pre-test."), status_code=409
                ) from None
            return existing
        audit(
            instance=enrollment,
            action="learning.pre_test.started",
            user=enrollment.user,
            data={"cycle": enrollment.cycle},
        )
        _touch(enrollment, timezone.now())
    return attempt


def _drawn(assessment: AssessmentPage) -> dict:
    """The revision, seed and questions of a new attempt at ``assessment`` (or its pre-test):
    its live revision's pool, drawn as that revision says."""
    revision_id = assessment.live_revision_id or assessment.latest_revision_id
    version = assessment_at(revision_id)  # parsed once per process
    seed = secrets.randbelow(2**31)
    question_ids = draw_questions(
        version.questions,
        draw_count=version.draw_count,
        shuffle=version.shuffle_questions,
        seed=seed,
    )
    return {"revision_id": revision_id, "seed": seed, "question_ids": question_ids}


def attempt_submit(
    *, attempt: AssessmentAttempt, answers: dict[str, list[str]]
) -> AssessmentAttempt:
    """Grade and store an attempt, once: a second submit (another tab, a double click, a
    retried request) returns the stored result unchanged. A pre-test is graded and stored the
    same way, but passes nothing (``passed`` stays None) and completes nothing."""
    with transaction.atomic():
        locked = AssessmentAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None:
            return locked
        try:
            result: GradeResult = grade_revision(
                revision_id=locked.revision_id, answers=answers, question_ids=locked.question_ids
            )
        except GradingError as error:
            raise LearningError(str(error), status_code=400) from None
        enrollment = locked.enrollment
        module = enrollment.module
        pass_mark = effective_pass_mark(assessment=assessment_at(locked.revision_id), module=module)
        now = timezone.now()
        locked.set_grade(result, pass_mark=pass_mark)
        pre_test = locked.role == AssessmentAttempt.Role.PRE_TEST
        if pre_test:
            locked.passed = None  # it never counts, for or against the learner
        locked.submitted_at = now
        locked.save(
            update_fields=["answers", "score", "max_score", "percent", "passed", "submitted_at"]
        )
        audit(
            instance=enrollment,
            action="learning.pre_test.submitted" if pre_test else "learning.attempt.submitted",
            user=enrollment.user,
            data={
                "attempt": locked.number,
                "percent": float(locked.percent),
                "passed": locked.passed,
            },
        )
        _touch(enrollment, now)
        if locked.passed and not pre_test:
            _complete_if_done(enrollment, now)
    return locked


# --- Attendance and completion --------------------------------------------------------------


def enrollment_record_attendance(*, enrollment: Enrollment, share: int, by=None) -> None:
    """The trainers app reports the share (0-100) of the module's sessions the learner
    attended; the blended completion rule follows it."""
    share = int(share)
    if not 0 <= share <= 100:
        raise LearningError(_("Attendance must be between 0 and 100 per cent."))
    now = timezone.now()
    with transaction.atomic():
        Enrollment.objects.filter(pk=enrollment.pk).update(attendance_share=share)
        enrollment.attendance_share = share
        audit(
            instance=enrollment,
            action="learning.enrollment.attendance",
            user=by,
            data={"share": share},
        )
        _complete_if_done(enrollment, now)


def enrollment_cycle_start(*, enrollment: Enrollment, by=None) -> Enrollment:
    """Begin the next certification cycle of a completed enrollment (a learner re-certifying
    after their certificate expired): the enrollment is in progress again with a fresh set of
    assessment attempts. Lessons stay completed when the module has an assessment to pass
    again; a module without one is studied again from the start. Completing the new cycle
    sends ``enrollment_completed`` again."""
    with transaction.atomic():
        locked = (
            Enrollment.objects.select_for_update().select_related("module").get(pk=enrollment.pk)
        )
        if locked.status != Enrollment.Status.COMPLETED:
            raise LearningError(
                _("Only a completed module can be taken again for a new certificate."),
                status_code=409,
            )
        module = locked.module
        has_assessment = AssessmentPage.objects.filter(
            live=True, path__startswith=module.path, depth=module.depth + 1
        ).exists()
        fields = {
            "cycle": locked.cycle + 1,
            "status": Enrollment.Status.ACTIVE,
            "completed_at": None,
            "last_activity_at": timezone.now(),
        }
        if not has_assessment:
            LessonProgress.objects.filter(enrollment=locked).update(completed_at=None)
            fields["progress"] = 0
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(fields))
        audit(
            instance=locked,
            action="learning.enrollment.cycle_started",
            user=by,
            data={"module": module.code, "cycle": locked.cycle},
        )
    return locked


def _completion_rule(module: TrainingModulePage) -> Q:
    """The module's completion rule as a condition on enrollments still in progress."""
    live_assessment = AssessmentPage.objects.filter(
        live=True, path__startswith=module.path, depth=module.depth + 1
    )
    passed = AssessmentAttempt.objects.filter(
        enrollment=OuterRef("pk"),
        cycle=OuterRef("cycle"),
        role=AssessmentAttempt.Role.ASSESSMENT,
        passed=True,
    )
    condition = (
        Q(status=Enrollment.Status.ACTIVE, progress__gte=100)
        # The module has no live assessment, or the learner passed it.
        & (~Q(Exists(live_assessment)) | Q(Exists(passed)))
    )
    return condition & Enrollment.attendance_met_condition(module)


def _complete_if_done(enrollment: Enrollment, now) -> bool:
    """Complete the enrollment if the module's rule is met: one conditional UPDATE, so parallel
    callers complete it once; the signal goes out after commit."""
    module: TrainingModulePage = enrollment.module
    condition = Q(pk=enrollment.pk) & _completion_rule(module)
    completed = Enrollment.objects.filter(condition).update(
        status=Enrollment.Status.COMPLETED, completed_at=now
    )
    if not completed:
        return False
    enrollment.status, enrollment.completed_at = Enrollment.Status.COMPLETED, now
    audit(
        instance=enrollment,
        action="learning.enrollment.completed",
        user=enrollment.user,
        data={"module": module.code},
    )
    transaction.on_commit(
        lambda: enrollment_completed.send(
            sender=Enrollment, enrollment=enrollment, completed_at=now
        )
    )
    return True


def enrollments_record_attendance(
    *, module: TrainingModulePage, shares: dict[int, int], by=None
) -> int:
    """``enrollment_record_attendance`` for many learners of one module at once (``shares``
    maps user ids to 0-100), in a fixed number of statements: a cohort's trainers report every
    member's share after each attendance change. Learners without an enrollment in the module
    are skipped. Completions follow in the same transaction and their signals go out on
    commit, one per enrollment. Returns how many shares changed."""
    module = source_page(module)
    for share in shares.values():
        if not 0 <= int(share) <= 100:
            raise LearningError(_("Attendance must be between 0 and 100 per cent."))
    now = timezone.now()
    with transaction.atomic():
        enrollments = list(
            Enrollment.objects.select_for_update()
            .filter(module=module, user_id__in=list(shares))
            .only("pk", "user_id", "attendance_share")
        )
        changed: dict[int, list[Enrollment]] = {}
        for enrollment in enrollments:
            share = int(shares[enrollment.user_id])
            if enrollment.attendance_share != share:
                enrollment.attendance_share = share
                changed.setdefault(share, []).append(enrollment)
        for share, group in changed.items():
            Enrollment.objects.filter(pk__in=[e.pk for e in group]).update(attendance_share=share)
            audit_many(
                instances=group,
                action="learning.enrollment.attendance",
                user=by,
                data={"share": share},
            )
        changed_ids = [e.pk for group in changed.values() for e in group]
        if changed_ids:
            # The rows are locked above, so those selected here are completed by this
            # transaction alone, each once.
            done = list(
                Enrollment.objects.filter(
                    Q(pk__in=changed_ids) & _completion_rule(module)
                ).select_related("user", "module")
            )
            if done:
                Enrollment.objects.filter(
                    pk__in=[e.pk for e in done], status=Enrollment.Status.ACTIVE
                ).update(status=Enrollment.Status.COMPLETED, completed_at=now)
                for enrollment in done:
                    enrollment.status = Enrollment.Status.COMPLETED
                    enrollment.completed_at = now
                audit_many(
                    instances=done,
                    action="learning.enrollment.completed",
                    data={"module": module.code},
                    user_id_of=lambda e: e.user_id,
                )

                def send(completed=tuple(done)):
                    for enrollment in completed:
                        enrollment_completed.send(
                            sender=Enrollment, enrollment=enrollment, completed_at=now
                        )

                transaction.on_commit(send)
    return len(changed_ids)


# --- Bulk enrolment (spreadsheet imports, large cohorts) -------------------------------------


def enrollments_create_many(*, user_ids, module: TrainingModulePage, source: str, by=None) -> int:
    """Enrol many learners in ``module`` at once — ``enrollment_create`` for each, in a few
    statements whatever their number: new enrollments are bulk-inserted (a row a concurrent
    request made first is left alone), withdrawn learners re-join with their progress, and
    each enrollment made or re-joined gets its audit entry. Only trainers, imports and
    administrators enrol in bulk, so prerequisites are not checked. Returns how many
    enrollments were made or re-joined."""

    if source == Enrollment.Source.SELF:
        raise ValueError("learners enrol themselves one at a time")
    module = source_page(module)
    if not module.live:
        raise LearningError(_("This module is not open for enrolment."), status_code=404)
    ids = sorted({int(pk) for pk in user_ids})
    chunks = [ids[start : start + 1000] for start in range(0, len(ids), 1000)]
    now = timezone.now()
    with transaction.atomic():
        existing: dict[int, tuple[int, str, object]] = {}
        for chunk in chunks:
            for pk, user_id, status, completed_at in Enrollment.objects.filter(
                module=module, user_id__in=chunk
            ).values_list("pk", "user_id", "status", "completed_at"):
                existing[user_id] = (pk, status, completed_at)
        rejoin_done = [
            pk for pk, status, done in existing.values() if status == "withdrawn" and done
        ]
        rejoin_active = [
            pk for pk, status, done in existing.values() if status == "withdrawn" and not done
        ]
        withdrawn = Enrollment.objects.filter(status=Enrollment.Status.WITHDRAWN)
        withdrawn.filter(pk__in=rejoin_done).update(status=Enrollment.Status.COMPLETED)
        withdrawn.filter(pk__in=rejoin_active).update(status=Enrollment.Status.ACTIVE)
        Enrollment.objects.bulk_create(
            [
                Enrollment(
                    user_id=user_id,
                    module=module,
                    source=source,
                    enrolled_at=now,
                    last_activity_at=now,
                )
                for user_id in ids
                if user_id not in existing
            ],
            batch_size=1000,
            # A learner who enrolled themselves a moment ago keeps their row.
            ignore_conflicts=True,
        )
        # With ignore_conflicts the inserted rows come back without ids; ours are the ones
        # carrying this call's timestamp.
        created = [
            enrollment
            for chunk in chunks
            for enrollment in Enrollment.objects.filter(
                module=module, user_id__in=chunk, enrolled_at=now, source=source
            ).only("pk", "user_id", "module_id", "status")
        ]
        rejoined = list(
            Enrollment.objects.filter(pk__in=rejoin_done + rejoin_active).only(
                "pk", "user_id", "module_id", "status"
            )
        )
        data = {"module": module.code, "source": source}
        actor = {"user": by, "user_id_of": (lambda e: e.user_id) if by is None else None}
        audit_many(instances=created, action="learning.enrollment.created", data=data, **actor)
        audit_many(instances=rejoined, action="learning.enrollment.rejoined", **actor)
    return len(created) + len(rejoined)
