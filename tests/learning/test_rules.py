"""Rules with one home each, asked by every page that shows them: where "Continue" takes a
learner, whether a blended module's attendance requirement is met, and an assessment's pass
mark."""

import re

import pytest

from modules.content.grading import assessment_at, effective_pass_mark
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
from modules.learning.models import Enrollment
from modules.learning.selectors import continue_lesson, done_lesson_keys, my_learning
from modules.learning.services import enrollment_create, lesson_complete
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single

pytestmark = pytest.mark.django_db
BLENDED = TrainingModulePage.CompletionRule.WITH_ATTENDANCE


def lessons(module):
    return list(LessonPage.objects.child_of(module).live().order_by("path"))


def continue_link(client, module) -> str:
    """The path the module page's "Continue" button opens."""
    html = client.get(module.url).content.decode()
    [href] = re.findall(r'<a class="button" href="([^"]+)">Continue<', html)
    return href


# --- Continue -------------------------------------------------------------------------------


def test_continue_opens_the_first_lesson_not_completed_everywhere(client):
    # An assessment keeps the enrolment in progress once every lesson is completed.
    module = make_module(lessons=3, questions=[single()])
    first, second, third = lessons(module)
    learner = UserFactory()
    enrollment = enrollment_create(user=learner, module=module, source="self")
    client.force_login(learner)
    for done in (first, third):
        lesson_complete(enrollment=enrollment, lesson=done)
    enrollment.refresh_from_db()
    assert (
        continue_lesson(
            enrollment=enrollment,
            lessons=lessons(module),
            done_keys=done_lesson_keys(enrollment=enrollment),
        )
        == second
    )
    [row] = my_learning(user=learner)["active"]
    assert row.next_lesson == second
    assert continue_link(client, module) == second.url


def test_when_every_lesson_is_completed_continue_opens_the_one_opened_last(client):
    module = make_module(lessons=3, questions=[single()])
    first, second, third = lessons(module)
    learner = UserFactory()
    enrollment = enrollment_create(user=learner, module=module, source="self")
    client.force_login(learner)
    for done in (first, third, second):
        lesson_complete(enrollment=enrollment, lesson=done)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.last_lesson_id == second.pk
    [row] = my_learning(user=learner)["active"]
    assert row.next_lesson == second
    assert continue_link(client, module) == second.url
    # Nothing opened yet (rows written by an import, say): the last lesson.
    enrollment.last_lesson = None
    assert (
        continue_lesson(
            enrollment=enrollment,
            lessons=[first, second, third],
            done_keys={lesson.translation_key for lesson in (first, second, third)},
        )
        == third
    )
    assert continue_lesson(enrollment=enrollment, lessons=[], done_keys=set()) is None


# --- Attendance -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("share", "met"), [(None, False), (0, False), (74, False), (75, True), (100, True)]
)
def test_a_blended_modules_attendance_requirement(share, met):
    module = make_module(lessons=1, completion_rule=BLENDED, required_attendance_percent=75)
    assert module.required_attendance == 75
    enrollment = enrollment_create(user=UserFactory(), module=module, source="trainer")
    Enrollment.objects.filter(pk=enrollment.pk).update(attendance_share=share)
    enrollment.refresh_from_db()
    assert enrollment.attendance_met is met
    # The query form, which the completion UPDATE uses, agrees.
    assert (
        Enrollment.objects.filter(
            Enrollment.attendance_met_condition(module), pk=enrollment.pk
        ).exists()
        is met
    )


def test_other_modules_ask_no_attendance():
    module = make_module(lessons=1)
    assert module.required_attendance is None
    enrollment = enrollment_create(user=UserFactory(), module=module, source="self")
    assert enrollment.attendance_share is None
    assert enrollment.attendance_met
    assert Enrollment.objects.filter(Enrollment.attendance_met_condition(module)).exists()


# --- Pass mark ------------------------------------------------------------------------------


def test_the_pass_mark_is_the_assessments_own_else_the_modules(client):
    module = make_module(lessons=1, questions=[single()], pass_mark=60)
    assessment = AssessmentPage.objects.get()
    version = assessment_at(assessment.live_revision_id)
    assert effective_pass_mark(assessment=assessment, module=module) == 60
    assert effective_pass_mark(assessment=version, module=module) == 60
    assessment.pass_mark = 85
    assessment.save_revision().publish()
    assert effective_pass_mark(assessment=assessment, module=module) == 85
    # Both pages that show it ask the same rule.
    for url in (module.url, assessment.url):
        assert "85%" in client.get(url).content.decode(), url
    # An attempt begun before the change keeps the pass mark of its revision.
    assert effective_pass_mark(assessment=version, module=module) == 60
