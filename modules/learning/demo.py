"""Demo enrolments at every stage, so each screen shows real variety from the first run."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from lms.accounts.demo import LEARNERS, demo_email
from lms.accounts.models import User
from lms.core.demo import demo_seeder
from modules.content.grading import questions_from_stream
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage

from .models import AssessmentAttempt, Enrollment, LessonProgress
from .services import (
    attempt_start,
    attempt_submit,
    enrollment_create,
    lesson_complete,
    time_on_lesson,
)

# (learner, module code, stage): stages are "new", "half", "failed", "completed".
PLAN = [
    ("pranjal.bora", "CP-101", "completed"),
    ("pranjal.bora", "CP-102", "half"),
    ("anjali.das", "CP-101", "failed"),
    ("bitupan.gogoi", "CP-101", "half"),
    ("nazma.begum", "CP-101", "new"),
    ("dipankar.saikia", "CP-103", "new"),
    ("rimjhim.kalita", "CP-101", "completed"),
    ("sunita.kumari", "CP-101", "completed"),
    ("sunita.kumari", "CP-105", "half"),
    ("rakesh.ranjan", "CP-101", "failed"),
    ("priya.sinha", "CP-102", "new"),
    ("imran.ansari", "CP-103", "half"),
    ("pooja.yadav", "CP-101", "half"),
]


def answers_for(attempt: AssessmentAttempt, *, right: bool) -> dict[str, list[str]]:
    """Answers to ``attempt``'s questions, all right or all wrong."""
    page = attempt.revision.as_object()
    by_id = {q.id: q for q in questions_from_stream(page.questions)}
    answers = {}
    for qid in attempt.question_ids:
        question = by_id[qid]
        if right:
            answers[qid] = sorted(question.correct_ids)
        else:
            wrong = [option.id for option in question.options if not option.correct]
            answers[qid] = wrong[:1] if question.takes_one else wrong
    return answers


def advance_lessons(enrollment: Enrollment, count: int | None = None) -> None:
    """Study and complete the module's first ``count`` lessons (all of them by default)."""
    lessons = list(LessonPage.objects.live().child_of(enrollment.module).order_by("path"))
    for lesson in lessons[:count]:
        time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=45)
        # The demo replays weeks of study at once: the reading time the beacon would have
        # counted over those weeks is written as it stands afterwards.
        LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson).update(
            seconds_spent=lesson.estimated_minutes * 60 * 4 // 5
        )
        lesson_complete(enrollment=enrollment, lesson=lesson)


def advance(enrollment: Enrollment, stage: str) -> None:
    """Bring ``enrollment`` to ``stage``: "new", "half" (half the lessons), "failed" (every
    lesson and a failed attempt) or "completed" (then a retake with full marks)."""
    module = enrollment.module
    assessment = AssessmentPage.objects.live().child_of(module).first()
    lessons = LessonPage.objects.live().child_of(module).count()
    advance_lessons(enrollment, {"new": 0, "half": lessons // 2 or 1}.get(stage, lessons))
    if stage in ("failed", "completed") and assessment is not None:
        attempt = attempt_start(enrollment=enrollment, assessment=assessment)
        attempt = attempt_submit(attempt=attempt, answers=answers_for(attempt, right=False))
        if stage == "completed":
            # The retake came after the waiting time.
            AssessmentAttempt.objects.filter(pk=attempt.pk).update(
                submitted_at=attempt.submitted_at
                - timedelta(hours=enrollment.module.retake_cooldown_hours, days=1)
            )
            attempt = attempt_start(enrollment=enrollment, assessment=assessment)
            attempt_submit(attempt=attempt, answers=answers_for(attempt, right=True))


@demo_seeder(order=40)
def seed_learning() -> list[str]:
    made = 0
    for username, code, stage in PLAN:
        user = User.objects.filter(
            email=demo_email(next(p for p in LEARNERS if p.email == username))
        ).first()
        module = TrainingModulePage.objects.filter(
            code=code, locale__language_code=settings.LANGUAGE_CODE, live=True
        ).first()
        if user is None or module is None:
            continue
        if Enrollment.objects.filter(user=user, module=module).exists():
            continue
        enrollment = enrollment_create(user=user, module=module, source=Enrollment.Source.ADMIN)
        advance(enrollment, stage)
        made += 1
    total = Enrollment.objects.count()
    return [f"Learning: {total} enrolments at every stage" + (f" ({made} new)" if made else "")]
