from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from modules.content.grading import GradeResult


class Enrollment(models.Model):
    """A learner in a module. Always points at the module's source (English) page:
    translations are the same module."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        TRAINER = "trainer", _("Enrolled by a trainer")
        IMPORT = "import", _("Imported")
        ADMIN = "admin", _("Enrolled by an administrator")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    module = models.ForeignKey(
        "modules.TrainingModulePage", on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    #: Share of the module's lessons completed, 0-100, kept up to date by the services.
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    #: Share of the module's in-person sessions attended (0-100), reported by the trainers
    #: app through ``enrollment_record_attendance``; null until anything is reported.
    attendance_share = models.PositiveSmallIntegerField(_("attendance (%)"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        "modules.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Certification cycle: 1 at first; ``enrollment_cycle_start`` begins the next one when a
    #: learner re-certifies, with a fresh set of assessment attempts.
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)

    class Meta:
        ordering = ["-last_activity_at", "-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="enrollment_once_per_module"),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="enrollment_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(attendance_share__isnull=True) | Q(attendance_share__lte=100),
                name="enrollment_attendance_at_most_100",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="enrollment_completed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["module", "status"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.module_id} ({self.status})"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def attendance_met(self) -> bool:
        """Whether the learner has attended the share of in-person sessions their module asks
        for (``TrainingModulePage.required_attendance``); always true for modules that ask
        for none. Nothing reported yet counts as nothing attended."""
        required = self.module.required_attendance
        return required is None or (self.attendance_share or 0) >= required

    @staticmethod
    def attendance_met_condition(module) -> Q:
        """``attendance_met`` for enrollments in ``module``, as a condition a query or a
        conditional update can use (a share not reported is null, which never meets it)."""
        required = module.required_attendance
        return Q() if required is None else Q(attendance_share__gte=required)


class LessonProgress(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="lessons")
    lesson = models.ForeignKey("modules.LessonPage", on_delete=models.CASCADE, related_name="+")
    first_viewed_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    seconds_spent = models.PositiveIntegerField(default=0)
    #: When the last time beacon was counted; bounds the next increment.
    last_beat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson"], name="lesson_progress_once_per_lesson"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}/{self.lesson_id}"


class KnowledgeCheckAnswer(models.Model):
    """A learner's latest answer to a knowledge check inside a lesson (ungraded)."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="check_answers"
    )
    lesson = models.ForeignKey("modules.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    selected = models.JSONField(default=list)
    correct = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id"], name="check_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}/{self.block_id}"


class AssessmentAttempt(models.Model):
    """One attempt at a module's assessment, graded against the revision it began with.

    A module with a pre-test (``TrainingModulePage.has_pre_test``) also has one pre-test
    attempt per cycle, drawn from the same pool before the lessons: it measures what the
    learner knew at the start, against the post-test (the assessment's first attempt), and
    never counts against them — it is not an attempt at the assessment, passes nothing and
    shows no answers."""

    class Role(models.TextChoices):
        ASSESSMENT = "assessment", _("Assessment")
        PRE_TEST = "pre_test", _("Pre-test")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attempts")
    assessment = models.ForeignKey(
        "modules.AssessmentPage", on_delete=models.PROTECT, related_name="+"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.ASSESSMENT)
    #: 1, 2, … for the assessment's attempts; 0 for a pre-test.
    number = models.PositiveSmallIntegerField()
    #: The enrollment's cycle the attempt belongs to; attempts are counted per cycle.
    cycle = models.PositiveSmallIntegerField(default=1)
    question_ids = models.JSONField(help_text="The questions drawn, in the order shown.")
    seed = models.PositiveIntegerField(help_text="Orders the options the same way every time.")
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.PositiveIntegerField(null=True, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["enrollment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "number"],
                condition=Q(role="assessment"),
                name="attempt_number_once",
            ),
            models.UniqueConstraint(
                fields=["enrollment", "cycle"],
                condition=Q(role="pre_test"),
                name="attempt_one_pre_test_per_cycle",
            ),
            # At most one attempt in progress per enrollment.
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(submitted_at__isnull=True),
                name="attempt_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} attempt {self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def set_grade(self, result: GradeResult, *, pass_mark: int) -> None:
        """Put a grading result on the attempt (not saved): the answers as graded, the score,
        its percentage and whether it reaches ``pass_mark``."""
        self.answers = {r.question.id: sorted(r.selected) for r in result.results}
        self.score = Decimal(str(round(float(result.score), 2)))
        self.max_score = result.max_score
        self.percent = Decimal(str(result.percent))
        self.passed = result.passed(pass_mark)
