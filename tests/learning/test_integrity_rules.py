"""The rules that keep an assessment and a lesson honest: answers withheld until a pass or the
last attempt, a question pool larger than the draw, the waiting time between attempts and the
minimum reading time before "Mark as complete"."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from modules.content.grading import questions_from_stream
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
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
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single, true_false

pytestmark = pytest.mark.django_db
SHOW = AssessmentPage.ShowAnswers


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def lessons(module):
    return list(LessonPage.objects.child_of(module).live().order_by("path"))


def answers(attempt, *, right: bool):
    page = attempt.revision.as_object()
    by_id = {q.id: q for q in questions_from_stream(page.questions)}
    chosen = {}
    for qid in attempt.question_ids:
        question = by_id[qid]
        if right:
            chosen[qid] = sorted(question.correct_ids)
        else:
            chosen[qid] = [next(o.id for o in question.options if not o.correct)]
    return chosen


def take(enrollment, *, right: bool) -> AssessmentAttempt:
    attempt = attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    return attempt_submit(attempt=attempt, answers=answers(attempt, right=right))


def result_page(client, attempt) -> str:
    response = client.get(reverse("learning:attempt_result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def assessed(**fields):
    assessment_fields = fields.pop("assessment_fields", {})
    return make_module(
        lessons=1,
        questions=[single(right="RIGHT-OPTION", wrong=("WRONG-OPTION",)), true_false()],
        assessment_fields=assessment_fields,
        **fields,
    )


# --- Answers ------------------------------------------------------------------------------


def test_a_failed_attempt_with_attempts_left_shows_the_score_and_verdicts_but_no_answers(
    client, learner
):
    module = assessed(max_attempts=2)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    attempt = take(enrollment, right=False)
    html = result_page(client, attempt)
    assert "Not passed" in html
    assert "Score: 0 / 2" in html
    assert "Incorrect" in html  # which questions were wrong
    assert "EXPLANATION-TEXT" not in html
    assert "Correct answer" not in html
    assert "review__option--correct" not in html
    assert "The correct answers and explanations are not shown" in html


def test_the_answers_are_shown_after_the_last_attempt(client, learner):
    module = assessed(max_attempts=2)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    first = take(enrollment, right=False)
    last = take(enrollment, right=False)
    html = result_page(client, last)
    assert "EXPLANATION-TEXT" in html
    assert "Correct answer" in html
    # The earlier attempt may be reviewed now too: no attempt is left to pass from memory.
    assert "EXPLANATION-TEXT" in result_page(client, first)


def test_the_answers_are_shown_after_a_pass(client, learner):
    module = assessed(max_attempts=3)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    failed = take(enrollment, right=False)
    assert "EXPLANATION-TEXT" not in result_page(client, failed)
    passed = take(enrollment, right=True)
    assert passed.passed
    assert "EXPLANATION-TEXT" in result_page(client, passed)


def test_an_author_may_show_answers_after_every_attempt(client, learner):
    module = assessed(max_attempts=3, assessment_fields={"show_answers": SHOW.ALWAYS})
    enrollment = enrollment_create(user=learner, module=module, source="self")
    html = result_page(client, take(enrollment, right=False))
    assert "EXPLANATION-TEXT" in html
    assert "Correct answer" in html


def test_an_author_may_never_show_answers(client, learner):
    module = assessed(max_attempts=1, assessment_fields={"show_answers": SHOW.NEVER})
    enrollment = enrollment_create(user=learner, module=module, source="self")
    html = result_page(client, take(enrollment, right=False))
    assert "EXPLANATION-TEXT" not in html
    assert "Correct answer" not in html


def test_show_answers_defaults_to_after_passing_or_the_last_attempt():
    assert AssessmentPage().show_answers == SHOW.AFTER_PASS_OR_LAST


# --- Question pools -----------------------------------------------------------------------


def test_each_attempt_draws_from_a_pool_larger_than_the_draw(client, learner):
    pool = [single(question=f"Question {n}") for n in range(6)]
    module = make_module(
        lessons=1, questions=pool, max_attempts=30, assessment_fields={"draw_count": 2}
    )
    enrollment = enrollment_create(user=learner, module=module, source="self")
    drawn = set()
    for _ in range(8):
        attempt = take(enrollment, right=False)
        assert len(attempt.question_ids) == 2
        drawn.add(tuple(sorted(attempt.question_ids)))
    assert len(drawn) > 1  # a retake differs (8 draws of 15 pairs all alike: ~1 in 10^9)
    html = result_page(client, attempt)
    assert "The questions may be different next time." in html
    page = client.get(AssessmentPage.objects.get().url).content.decode()
    assert "drawn from a pool of 6" in page


def test_without_a_larger_pool_the_page_does_not_promise_different_questions(client, learner):
    module = assessed(max_attempts=3)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    html = result_page(client, take(enrollment, right=False))
    assert "may be different" not in html
    assert "drawn from a pool" not in client.get(AssessmentPage.objects.get().url).content.decode()


# --- Waiting time between attempts ---------------------------------------------------------


def test_a_new_module_waits_an_hour_between_attempts_by_default():
    assert TrainingModulePage().retake_cooldown_hours == 1


def test_a_retake_inside_the_waiting_time_is_refused_in_india_time_and_writes_nothing(
    client, learner
):
    module = assessed(max_attempts=3, retake_cooldown_hours=1)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    attempt = take(enrollment, right=False)
    # Ten minutes ago, so the wait ends in fifty: the message gives that moment in India's
    # time (UTC+05:30), whatever the server's clock says.
    submitted = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=10)
    AssessmentAttempt.objects.filter(pk=attempt.pk).update(submitted_at=submitted)
    before = (AssessmentAttempt.objects.count(), ModelLogEntry.objects.count())
    opens = (submitted + timedelta(hours=1)).astimezone(ZoneInfo("Asia/Kolkata"))
    with pytest.raises(LearningError, match=rf"at {opens:%H:%M} \(India time\)") as refused:
        attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    assert refused.value.status_code == 409
    assert (AssessmentAttempt.objects.count(), ModelLogEntry.objects.count()) == before
    # Through the page: no start button, the time instead; a forged start changes nothing.
    assessment = AssessmentPage.objects.get()
    page = client.get(assessment.url).content.decode()
    assert "Your next attempt opens on" in page
    assert reverse("learning:start_attempt", args=[assessment.pk]) not in page
    client.post(reverse("learning:start_attempt", args=[assessment.pk]))
    assert (AssessmentAttempt.objects.count(), ModelLogEntry.objects.count()) == before
    # After the wait, the next attempt opens.
    AssessmentAttempt.objects.filter(pk=attempt.pk).update(
        submitted_at=timezone.now() - timedelta(hours=1, minutes=1)
    )
    assert attempt_start(enrollment=enrollment, assessment=assessment).number == 2


# --- Minimum reading time -----------------------------------------------------------------


def test_a_new_module_asks_for_half_the_estimated_reading_time():
    module = TrainingModulePage()
    assert module.min_reading_share == 50
    assert module.reading_seconds_required(LessonPage(estimated_minutes=10)) == 300


def test_marking_complete_seconds_after_opening_is_refused_and_writes_nothing():
    module = make_module(lessons=1, min_reading_share=50)  # a lesson of 10 minutes
    enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
    [lesson] = lessons(module)
    lesson_view(enrollment=enrollment, lesson=lesson)
    time_on_lesson(enrollment=enrollment, lesson=lesson, seconds=20)
    entries = ModelLogEntry.objects.count()
    with pytest.raises(LearningError, match="after about 5 more minutes") as refused:
        lesson_complete(enrollment=enrollment, lesson=lesson)
    assert refused.value.status_code == 409
    row = LessonProgress.objects.get()
    assert row.completed_at is None
    enrollment.refresh_from_db()
    assert (enrollment.progress, enrollment.status) == (0, Enrollment.Status.ACTIVE)
    assert ModelLogEntry.objects.count() == entries
    # Once the beacon has counted half the estimate, it may be marked complete.
    LessonProgress.objects.filter(pk=row.pk).update(seconds_spent=300)
    assert lesson_complete(enrollment=enrollment, lesson=lesson) is True
    # Idempotent afterwards, whatever the time.
    assert lesson_complete(enrollment=enrollment, lesson=lesson) is False


def test_a_share_of_zero_switches_the_reading_time_off():
    module = make_module(lessons=1, min_reading_share=0)
    enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
    assert lesson_complete(enrollment=enrollment, lesson=lessons(module)[0]) is True


def test_the_lesson_page_disables_the_button_until_the_beacon_has_counted_enough(client, learner):
    module = make_module(lessons=1, min_reading_share=50)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    [lesson] = lessons(module)
    html = client.get(lesson.url).content.decode()
    assert "You can mark this complete after about 5 more minutes." in html
    assert "disabled" in html
    assert "data-reading-wait" in html
    beacon = reverse("learning:lesson_beacon", args=[lesson.pk])
    answer = client.post(beacon, {"seconds": "0"}).json()
    assert answer["wait"] == 300
    assert "5 more minutes" in answer["message"]
    # The form is refused too (a forged or scripted post), and nothing is written.
    response = client.post(reverse("learning:complete_lesson", args=[lesson.pk]))
    assert response.status_code == 302
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    htmx = client.post(
        reverse("learning:complete_lesson", args=[lesson.pk]), headers={"HX-Request": "true"}
    )
    assert htmx.status_code == 409
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    # The beacon counts the time; when enough, it says so and the page shows the button.
    LessonProgress.objects.filter(enrollment=enrollment).update(
        seconds_spent=290, last_beat_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.post(beacon, {"seconds": "15"}).json()["wait"] == 0
    html = client.get(lesson.url).content.decode()
    assert "data-reading-wait" not in html  # the button is enabled
    assert client.post(reverse("learning:complete_lesson", args=[lesson.pk])).status_code == 302
    assert LessonProgress.objects.get().completed_at is not None
