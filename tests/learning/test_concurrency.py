"""Races that real users produce: double clicks, two tabs, retried requests. Run on
PostgreSQL with real threads (SQLite serialises writers, so it cannot show these)."""

import threading

import pytest
from django.db import connection, connections

from modules.content.models import AssessmentPage, LessonPage
from modules.learning.models import AssessmentAttempt, Enrollment, LessonProgress
from modules.learning.services import (
    LearningError,
    attempt_start,
    attempt_submit,
    enrollment_create,
    lesson_complete,
    lesson_view,
    time_on_lesson,
)
from modules.learning.signals import enrollment_completed
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single

pytestmark = [
    pytest.mark.transactional,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
THREADS = 20


def in_parallel(fn, count=THREADS):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(fn())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_parallel_mark_complete_makes_one_row():
    module = make_module(lessons=2)
    enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
    lesson = LessonPage.objects.child_of(module).first()
    results, errors = in_parallel(lambda: lesson_complete(enrollment=enrollment, lesson=lesson))
    assert errors == []
    assert results.count(True) == 1
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 1
    enrollment.refresh_from_db()
    assert enrollment.progress == 50


def test_parallel_completion_of_last_lesson_completes_once():
    received = []
    lock = threading.Lock()

    def handler(sender, enrollment, **kwargs):
        with lock:
            received.append(enrollment.pk)

    enrollment_completed.connect(handler)
    try:
        module = make_module(lessons=1)
        enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
        lesson = LessonPage.objects.child_of(module).first()
        _results, errors = in_parallel(
            lambda: lesson_complete(enrollment=enrollment, lesson=lesson)
        )
    finally:
        enrollment_completed.disconnect(handler)
    assert errors == []
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert received == [enrollment.pk]


def test_parallel_submits_grade_one_attempt():
    module = make_module(lessons=1, questions=[single()])
    enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    results, errors = in_parallel(lambda: attempt_submit(attempt=attempt, answers={}))
    assert errors == []
    assert len({result.submitted_at for result in results}) == 1
    assert AssessmentAttempt.objects.filter(enrollment=enrollment).count() == 1


def test_parallel_new_attempts_never_exceed_the_limit():
    module = make_module(lessons=1, questions=[single()], max_attempts=3)
    enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
    assessment = AssessmentPage.objects.get()

    def start_and_fail():
        try:
            attempt = attempt_start(enrollment=enrollment, assessment=assessment)
        except LearningError:
            return "refused"
        attempt_submit(attempt=attempt, answers={})
        return attempt.number

    for _round in range(3):
        in_parallel(start_and_fail, count=10)
    assert AssessmentAttempt.objects.filter(enrollment=enrollment).count() == 3
    assert sorted(
        AssessmentAttempt.objects.filter(enrollment=enrollment).values_list("number", flat=True)
    ) == [1, 2, 3]


def test_parallel_enrolments_make_one():
    module = make_module(lessons=1)
    user = UserFactory()
    results, errors = in_parallel(
        lambda: enrollment_create(user=user, module=module, source="self").pk
    )
    assert errors == []
    assert len(set(results)) == 1
    assert Enrollment.objects.filter(user=user).count() == 1


def test_parallel_time_reports_count_one_minute_once():
    """Reports of the same minute at once (two tabs, a retried request): the conditional
    UPDATE counts the minute once; a report that read the row before another was counted
    counts nothing, one that read it after gets the second of rounding at most (as with the
    row locked before). The stored total is what the answers say was counted."""
    module = make_module(lessons=1)
    enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
    lesson = LessonPage.objects.child_of(module).first()
    lesson_view(enrollment=enrollment, lesson=lesson)
    results, errors = in_parallel(
        lambda: time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=60).counted
    )
    assert errors == []
    assert results.count(60) == 1
    assert all(counted <= 1 for counted in results if counted != 60)
    row = LessonProgress.objects.get(enrollment=enrollment, lesson=lesson)
    assert row.seconds_spent == sum(results)
