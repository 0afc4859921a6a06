from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from modules.content.grading import questions_from_stream
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
from modules.learning.models import AssessmentAttempt, Enrollment, LessonProgress
from modules.learning.services import (
    MAX_BEAT_SECONDS,
    LearningError,
    attempt_start,
    attempt_submit,
    enrollment_create,
    enrollment_record_attendance,
    enrollment_withdraw,
    enrollments_record_attendance,
    lesson_complete,
    lesson_view,
    time_on_lesson,
)
from modules.learning.signals import enrollment_completed
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single, true_false

pytestmark = pytest.mark.django_db
SELF = Enrollment.Source.SELF


@pytest.fixture
def completions():
    received = []

    def handler(sender, enrollment, completed_at, **kwargs):
        received.append(enrollment.pk)

    enrollment_completed.connect(handler)
    yield received
    enrollment_completed.disconnect(handler)


def lessons(module):
    return list(LessonPage.objects.child_of(module).live().order_by("path"))


def right_answers(attempt):
    page = attempt.revision.as_object()
    by_id = {q.id: q for q in questions_from_stream(page.questions)}
    return {qid: sorted(by_id[qid].correct_ids) for qid in attempt.question_ids}


def test_enroll_is_idempotent_and_audited():
    user, module = UserFactory(), make_module()
    first = enrollment_create(user=user, module=module, source=SELF)
    again = enrollment_create(user=user, module=module, source=SELF)
    assert first.pk == again.pk
    assert Enrollment.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="learning.enrollment.created").count() == 1


def test_prerequisites_are_enforced_with_the_missing_module_named():
    basics = make_module(code="PR-101", title="Basics")
    advanced = make_module(code="PR-201")
    advanced.prerequisites.set([basics])
    advanced.save_revision().publish()
    advanced = TrainingModulePage.objects.get(pk=advanced.pk)
    user = UserFactory()
    with pytest.raises(LearningError, match="PR-101 Basics"):
        enrollment_create(user=user, module=advanced, source=SELF)
    assert not Enrollment.objects.filter(user=user).exists()
    # A trainer may enrol them regardless (the cohort decides).
    assert enrollment_create(user=user, module=advanced, source=Enrollment.Source.TRAINER)


def test_unpublished_modules_cannot_be_joined():
    with pytest.raises(LearningError):
        enrollment_create(user=UserFactory(), module=make_module(publish=False), source=SELF)
    assert Enrollment.objects.count() == 0


def test_withdraw_and_rejoin_keep_progress():
    user, module = UserFactory(), make_module()
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    lesson_complete(enrollment=enrollment, lesson=lessons(module)[0])
    enrollment_withdraw(enrollment=enrollment)
    with pytest.raises(LearningError):
        lesson_complete(enrollment=enrollment, lesson=lessons(module)[1])
    again = enrollment_create(user=user, module=module, source=SELF)
    assert again.pk == enrollment.pk
    assert again.status == Enrollment.Status.ACTIVE
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 1


def test_lesson_progress_and_completion_without_assessment(
    completions, django_capture_on_commit_callbacks
):
    user, module = UserFactory(), make_module(lessons=2)
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    first, second = lessons(module)
    lesson_view(enrollment=enrollment, lesson=first)
    assert lesson_complete(enrollment=enrollment, lesson=first)
    assert not lesson_complete(enrollment=enrollment, lesson=first)  # idempotent
    enrollment.refresh_from_db()
    assert enrollment.progress == 50
    assert enrollment.last_lesson_id == first.pk
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(enrollment=enrollment, lesson=second)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.completed_at is not None
    assert completions == [enrollment.pk]
    assert ModelLogEntry.objects.filter(action="learning.enrollment.completed").count() == 1


def test_lesson_of_another_module_is_refused():
    user = UserFactory()
    module, other = make_module(), make_module()
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    with pytest.raises(LearningError) as error:
        lesson_complete(enrollment=enrollment, lesson=lessons(other)[0])
    assert error.value.status_code == 404
    assert LessonProgress.objects.count() == 0


def test_time_beacon_is_bounded(monkeypatch):
    user, module = UserFactory(), make_module(lessons=1)
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    lesson = lessons(module)[0]
    first = time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=10**9)
    assert first.counted == MAX_BEAT_SECONDS
    # A replay right away adds almost nothing: no more than the time since the last beat.
    assert time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=30).counted <= 1
    for bad in ("-5", "0", "abc", None):
        with pytest.raises(LearningError) if bad in ("abc", None) else _nothing():
            time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=bad)
    # The lesson's total stops at three times its estimate (10 minutes here).
    row = LessonProgress.objects.get(enrollment=enrollment, lesson=lesson)
    LessonProgress.objects.filter(pk=row.pk).update(
        seconds_spent=1790, last_beat_at=timezone.now() - timedelta(minutes=5)
    )
    assert time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=60).counted == 10
    row.refresh_from_db()
    assert row.seconds_spent == 1800


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def assessed_module(**fields):
    return make_module(lessons=1, questions=[single(), true_false()], **fields)


def finish_lessons(enrollment, module):
    for lesson in lessons(module):
        lesson_complete(enrollment=enrollment, lesson=lesson)


def test_fail_then_pass_completes_once(completions, django_capture_on_commit_callbacks):
    user, module = UserFactory(), assessed_module(max_attempts=3)
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    finish_lessons(enrollment, module)
    assessment = AssessmentPage.objects.child_of(module).get()
    first = attempt_start(enrollment=enrollment, assessment=assessment)
    assert attempt_start(enrollment=enrollment, assessment=assessment).pk == first.pk
    failed = attempt_submit(attempt=first, answers={})
    assert failed.passed is False
    assert failed.score == 0
    second = attempt_start(enrollment=enrollment, assessment=assessment)
    assert second.number == 2
    with django_capture_on_commit_callbacks(execute=True):
        passed = attempt_submit(attempt=second, answers=right_answers(second))
    assert passed.passed is True
    assert passed.percent == 100
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert completions == [enrollment.pk]
    with pytest.raises(LearningError):
        attempt_start(enrollment=enrollment, assessment=assessment)


def test_double_submit_records_one_attempt():
    user, module = UserFactory(), assessed_module()
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    first = attempt_submit(attempt=attempt, answers=right_answers(attempt))
    second = attempt_submit(attempt=attempt, answers={})
    assert second.submitted_at == first.submitted_at
    assert second.score == first.score
    assert AssessmentAttempt.objects.count() == 1


def test_attempt_limits_and_cooldown():
    user, module = UserFactory(), assessed_module(max_attempts=2, retake_cooldown_hours=24)
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    assessment = AssessmentPage.objects.get()
    attempt_submit(attempt=attempt_start(enrollment=enrollment, assessment=assessment), answers={})
    with pytest.raises(LearningError, match="next attempt opens"):
        attempt_start(enrollment=enrollment, assessment=assessment)
    AssessmentAttempt.objects.update(submitted_at=timezone.now() - timedelta(hours=25))
    attempt_submit(attempt=attempt_start(enrollment=enrollment, assessment=assessment), answers={})
    AssessmentAttempt.objects.update(submitted_at=timezone.now() - timedelta(hours=25))
    with pytest.raises(LearningError, match="all your attempts"):
        attempt_start(enrollment=enrollment, assessment=assessment)
    assert AssessmentAttempt.objects.count() == 2


def test_bad_answers_record_nothing():
    user, module = UserFactory(), assessed_module()
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    qid = attempt.question_ids[0]
    for answers in ({"not-a-question": ["x"]}, {qid: ["not-an-option"]}):
        with pytest.raises(LearningError):
            attempt_submit(attempt=attempt, answers=answers)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert attempt.score is None


def test_blended_module_completes_on_attendance(completions, django_capture_on_commit_callbacks):
    rule = TrainingModulePage.CompletionRule.WITH_ATTENDANCE
    user = UserFactory()
    module = make_module(lessons=1, completion_rule=rule, required_attendance_percent=75)
    enrollment = enrollment_create(user=user, module=module, source=Enrollment.Source.TRAINER)
    finish_lessons(enrollment, module)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    enrollment_record_attendance(enrollment=enrollment, share=50)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_record_attendance(enrollment=enrollment, share=80)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert completions == [enrollment.pk]
    with pytest.raises(LearningError):
        enrollment_record_attendance(enrollment=enrollment, share=101)


def test_attempt_is_graded_against_its_revision():
    user, module = UserFactory(), assessed_module()
    enrollment = enrollment_create(user=user, module=module, source=SELF)
    assessment = AssessmentPage.objects.get()
    attempt = attempt_start(enrollment=enrollment, assessment=assessment)
    answers = right_answers(attempt)
    # The author swaps the true/false key after the attempt began.
    raw = list(assessment.questions.raw_data)
    raw[1]["value"]["correct_answer"] = "true"
    assessment.questions = raw
    assessment.save_revision().publish()
    result = attempt_submit(attempt=attempt, answers=answers)
    assert result.percent == 100


def test_attendance_reported_in_bulk_completes_blended_enrollments_once(
    completions, django_capture_on_commit_callbacks
):

    module = make_module(
        lessons=1, completion_rule="lessons_assessment_attendance", required_attendance_percent=75
    )
    users = [UserFactory() for _ in range(3)]
    enrollments = [enrollment_create(user=u, module=module, source=SELF) for u in users]
    for enrollment in enrollments:
        lesson_complete(enrollment=enrollment, lesson=lessons(module)[0])
    with pytest.raises(LearningError):
        enrollments_record_attendance(module=module, shares={users[0].pk: 120})
    assert not Enrollment.objects.filter(attendance_share__isnull=False).exists()
    shares = {users[0].pk: 80, users[1].pk: 50, users[2].pk: 100, UserFactory().pk: 90}
    with django_capture_on_commit_callbacks(execute=True):
        assert enrollments_record_attendance(module=module, shares=shares) == 3
    statuses = dict(Enrollment.objects.values_list("user_id", "status"))
    assert statuses == {users[0].pk: "completed", users[1].pk: "active", users[2].pk: "completed"}
    assert sorted(completions) == sorted([enrollments[0].pk, enrollments[2].pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert enrollments_record_attendance(module=module, shares=shares) == 0
    assert len(completions) == 2
    assert ModelLogEntry.objects.filter(action="learning.enrollment.completed").count() == 2
