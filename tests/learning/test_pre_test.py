"""The pre-test: drawn from the module assessment's pool before the lessons, one per cycle,
graded and stored, but never an attempt at the assessment and never showing the answers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from certification.services import certificate_issue
from modules.content.grading import questions_from_stream
from modules.content.models import AssessmentPage, LessonPage
from modules.learning.models import AssessmentAttempt, Enrollment
from modules.learning.selectors import (
    attempts_between,
    attempts_by_enrollment,
    enrollments_with_attempts,
    my_learning,
    pre_post_percents,
)
from modules.learning.services import (
    LearningError,
    attempt_rules,
    attempt_start,
    attempt_submit,
    enrollment_create,
    enrollment_cycle_start,
    lesson_complete,
    pre_test_start,
    pre_test_state,
)
from tests.accounts.factories import UserFactory
from tests.learning.test_concurrency import in_parallel
from tests.modules.factories import make_module, single, true_false

pytestmark = pytest.mark.django_db
SELF = Enrollment.Source.SELF


def pre_tested_module(**fields):
    fields.setdefault("max_attempts", 2)
    return make_module(
        lessons=1,
        questions=[single(question="Q-ONE"), true_false(question="Q-TWO"), single()],
        assessment_fields={"draw_count": 2, "show_answers": "always"},
        has_pre_test=True,
        **fields,
    )


def right_answers(attempt):
    page = attempt.revision.as_object()
    by_id = {q.id: q for q in questions_from_stream(page.questions)}
    return {qid: sorted(by_id[qid].correct_ids) for qid in attempt.question_ids}


def wrong_answers(attempt):
    page = attempt.revision.as_object()
    by_id = {q.id: q for q in questions_from_stream(page.questions)}
    return {
        qid: [next(o.id for o in by_id[qid].options if not o.correct)]
        for qid in attempt.question_ids
    }


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_pre_test_is_drawn_from_the_pool_graded_and_stored_without_passing():
    module = pre_tested_module()
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    assert pre_test_state(enrollment=enrollment).available
    attempt = pre_test_start(enrollment=enrollment)
    assert (attempt.role, attempt.number, attempt.cycle) == ("pre_test", 0, 1)
    assert len(attempt.question_ids) == 2  # the assessment's draw_count
    assessment = AssessmentPage.objects.get()
    assert attempt.assessment_id == assessment.pk
    assert attempt.revision_id == assessment.live_revision_id
    # A double click returns the one in progress.
    assert pre_test_start(enrollment=enrollment).pk == attempt.pk
    submitted = attempt_submit(attempt=attempt, answers=right_answers(attempt))
    assert submitted.percent == 100
    assert submitted.passed is None  # passes nothing
    state = pre_test_state(enrollment=enrollment)
    assert state.taken.pk == attempt.pk
    assert not state.available


def test_pre_test_never_counts_against_the_learner():
    module = pre_tested_module(max_attempts=1, retake_cooldown_hours=24)
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    for lesson in LessonPage.objects.child_of(module):
        lesson_complete(enrollment=enrollment, lesson=lesson)
    # A perfect pre-test after every lesson: it completes nothing and uses no attempt.
    pre = pre_test_start(enrollment=enrollment)
    attempt_submit(attempt=pre, answers=right_answers(pre))
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    rules = attempt_rules(enrollment=enrollment)
    assert (rules.used, rules.remaining, rules.passed, rules.opens_at) == (0, 1, False, None)
    [row] = enrollments_with_attempts(user_ids=[enrollment.user_id], module_ids=[module.pk])
    assert (row.failed, row.passed) == (0, False)
    assert attempts_by_enrollment([enrollment.pk]) == {}
    # The one attempt allowed is still there, numbered 1, with no waiting time.
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    assert attempt.number == 1
    attempt_submit(attempt=attempt, answers=wrong_answers(attempt))
    rules = attempt_rules(enrollment=enrollment)
    assert (rules.used, rules.remaining) == (1, 0)
    [summary] = my_learning(user=enrollment.user)["active"]
    assert summary.attempts == 1
    assert summary.best_percent == 0.0  # the pre-test's 100% is not the best score
    start = timezone.now() - timedelta(days=1)
    [facts] = attempts_between(start, timezone.now() + timedelta(days=1))
    assert (facts["count"], facts["passed"]) == (1, 0)
    assert pre_post_percents(enrollment_ids=[enrollment.pk])[(enrollment.pk, 1)].gain == -100.0


def test_certificate_score_is_the_assessments_not_the_pre_tests():
    module = pre_tested_module(max_attempts=3, pass_mark=50)
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    pre = pre_test_start(enrollment=enrollment)
    attempt_submit(attempt=pre, answers=right_answers(pre))  # 100%
    for lesson in LessonPage.objects.child_of(module):
        lesson_complete(enrollment=enrollment, lesson=lesson)
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    answers = right_answers(attempt)
    answers.pop(attempt.question_ids[1])  # half right: 50%, a pass
    attempt_submit(attempt=attempt, answers=answers)
    enrollment.refresh_from_db()
    assert enrollment.is_completed
    certificate = certificate_issue(enrollment_id=enrollment.pk)
    assert certificate.score == attempt.__class__.objects.get(pk=attempt.pk).percent < 100
    pair = pre_post_percents(enrollment_ids=[enrollment.pk])[(enrollment.pk, 1)]
    assert (pair.pre, pair.post, pair.gain) == (100.0, float(certificate.score), pair.post - 100)


def test_one_pre_test_per_cycle_and_none_once_the_assessment_began():
    module = pre_tested_module()
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    attempt_submit(attempt=pre_test_start(enrollment=enrollment), answers={})
    with pytest.raises(LearningError, match="already taken the pre-test"):
        pre_test_start(enrollment=enrollment)
    other = enrollment_create(user=UserFactory(), module=module, source=SELF)
    attempt_start(enrollment=other, assessment=AssessmentPage.objects.get())
    assert not pre_test_state(enrollment=other).available
    with pytest.raises(LearningError, match="before the assessment"):
        pre_test_start(enrollment=other)
    assert AssessmentAttempt.objects.filter(role="pre_test").count() == 1


def test_a_new_cycle_offers_a_new_pre_test():
    module = pre_tested_module(pass_mark=50)
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    for lesson in LessonPage.objects.child_of(module):
        lesson_complete(enrollment=enrollment, lesson=lesson)
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    attempt_submit(attempt=attempt, answers=right_answers(attempt))
    enrollment.refresh_from_db()
    with pytest.raises(LearningError, match="completed"):
        pre_test_start(enrollment=enrollment)
    enrollment = enrollment_cycle_start(enrollment=enrollment)
    pre = pre_test_start(enrollment=enrollment)
    assert (pre.cycle, pre.number) == (2, 0)
    attempt_submit(attempt=pre, answers={})
    second = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    assert second.number == 2  # numbers run on across cycles; the pre-tests take none


def test_an_unfinished_pre_test_gives_way_to_the_assessment():
    module = pre_tested_module()
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    pre = pre_test_start(enrollment=enrollment)
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    assert attempt.role == "assessment"
    assert attempt.number == 1
    assert not AssessmentAttempt.objects.filter(pk=pre.pk).exists()


def test_no_pre_test_without_has_pre_test(client, learner):
    module = make_module(lessons=1, questions=[single()])
    enrollment = enrollment_create(user=learner, module=module, source=SELF)
    with pytest.raises(LearningError, match="no pre-test"):
        pre_test_start(enrollment=enrollment)
    url = reverse("learning:pre_test", args=[module.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert AssessmentAttempt.objects.count() == 0
    assert "pre-test" not in client.get(module.url).content.decode()


def test_pre_test_pages(client, learner):
    module = pre_tested_module()
    url = reverse("learning:pre_test", args=[module.pk])
    assert client.post(url).status_code == 404  # not enrolled: nothing written
    assert AssessmentAttempt.objects.count() == 0
    # Enrolling leads to the pre-test's page, which can be skipped.
    response = client.post(reverse("learning:enroll", args=[module.pk]))
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "does not count" in page
    assert LessonPage.objects.child_of(module).get().url in page  # skip to the lessons
    assert url in client.get(module.url).content.decode()  # the module page invites too
    assert url in client.get(reverse("learning:my_learning")).content.decode()
    response = client.post(url)
    attempt = AssessmentAttempt.objects.get()
    assert response["Location"] == reverse("learning:attempt", args=[attempt.pk])
    taking = client.get(response["Location"]).content.decode()
    assert "Pre-test" in taking
    assert "EXPLANATION-TEXT" not in taking
    response = client.post(
        response["Location"], {f"q-{k}": v for k, v in right_answers(attempt).items()}
    )
    assert response["Location"] == reverse("learning:attempt_result", args=[attempt.pk])
    result = client.get(response["Location"]).content.decode()
    assert "This shows what you knew before the module; it does not count." in result
    # The assessment shows its answers always, the pre-test never: no explanation, no
    # correct option marked, not even which answers were right.
    assert "EXPLANATION-TEXT" not in result
    assert "Correct answer" not in result
    assert "review__option" not in result
    assert "Q-ONE" not in result
    assert "Q-TWO" not in result
    # The assessment page counts no attempt and offers attempt 1.
    assessment = AssessmentPage.objects.get()
    html = client.get(assessment.url).content.decode()
    assert "Start attempt 1 of 2" in html
    assert "Your attempts" not in html
    # A second start is refused, with a message; nothing written.
    response = client.post(url, follow=True)
    assert "already taken the pre-test" in response.content.decode()
    assert AssessmentAttempt.objects.count() == 1


def test_someone_elses_pre_test_is_a_404(client, learner):
    module = pre_tested_module()
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    attempt = pre_test_start(enrollment=enrollment)
    enrollment_create(user=learner, module=module, source=SELF)
    assert client.get(reverse("learning:attempt", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("learning:attempt", args=[attempt.pk]), {}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_parallel_pre_test_starts_make_one():
    module = pre_tested_module()
    enrollment = enrollment_create(user=UserFactory(), module=module, source=SELF)
    results, errors = in_parallel(lambda: pre_test_start(enrollment=enrollment).pk, 10)
    assert errors == []
    assert len(set(results)) == 1
    assert AssessmentAttempt.objects.filter(enrollment=enrollment).count() == 1
