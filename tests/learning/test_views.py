import json

import pytest
from django.urls import reverse
from wagtail.models import Locale

from modules.content.models import AssessmentPage, LessonPage
from modules.learning.models import (
    AssessmentAttempt,
    Enrollment,
    KnowledgeCheckAnswer,
    LessonProgress,
)
from modules.learning.services import attempt_start, enrollment_create, lesson_complete
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single, true_false

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def lessons(module):
    return list(LessonPage.objects.child_of(module).live().order_by("path"))


def counts():
    return (
        Enrollment.objects.count(),
        LessonProgress.objects.count(),
        AssessmentAttempt.objects.count(),
        KnowledgeCheckAnswer.objects.count(),
    )


def test_enroll_needs_post_and_login(client, learner):
    module = make_module()
    url = reverse("learning:enroll", args=[module.pk])
    assert client.get(url).status_code == 405
    assert Enrollment.objects.count() == 0
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == lessons(module)[0].url
    assert Enrollment.objects.get().source == Enrollment.Source.SELF
    client.logout()
    assert client.post(url).status_code == 302  # to the login page
    assert Enrollment.objects.count() == 1


def test_enroll_with_missing_prerequisite_names_it(client, learner):
    basics = make_module(code="PQ-101", title="Basics of care")
    module = make_module(code="PQ-201")
    module.prerequisites.set([basics])
    module.save_revision().publish()
    response = client.post(reverse("learning:enroll", args=[module.pk]), follow=True)
    assert "PQ-101 Basics of care" in response.content.decode()
    assert Enrollment.objects.count() == 0


def test_mark_complete_with_and_without_htmx(client, learner):
    module = make_module(lessons=2)
    enrollment_create(user=learner, module=module, source="self")
    first, second = lessons(module)
    response = client.post(reverse("learning:complete_lesson", args=[first.pk]))
    assert response["Location"] == second.url
    response = client.post(
        reverse("learning:complete_lesson", args=[second.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "100" in response.content.decode()
    assert Enrollment.objects.get().status == Enrollment.Status.COMPLETED


def test_not_enrolled_or_unknown_lesson_records_nothing(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    before = counts()
    response = client.post(
        reverse("learning:complete_lesson", args=[lesson.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert client.post(reverse("learning:complete_lesson", args=[999999])).status_code == 404
    assert (
        client.post(
            reverse("learning:lesson_beacon", args=[lesson.pk]), {"seconds": "30"}
        ).status_code
        == 403
    )
    assert counts() == before


def test_beacon_records_the_opening_and_bounded_time(client, learner):
    module = make_module(lessons=1)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    lesson = lessons(module)[0]
    url = reverse("learning:lesson_beacon", args=[lesson.pk])
    assert client.post(url, {"seconds": "0"}).json() == {"counted": 0, "wait": 0, "message": ""}
    row = LessonProgress.objects.get(enrollment=enrollment)
    assert row.first_viewed_at is not None
    assert Enrollment.objects.get().last_lesson_id == lesson.pk
    assert client.post(url, {"seconds": "999999"}).json()["counted"] == 60
    assert client.post(url, {"seconds": "999999"}).json()["counted"] <= 1  # a replay
    assert client.post(url, {"seconds": "lots"}).status_code == 400
    row.refresh_from_db()
    assert row.seconds_spent <= 61


def test_assessment_journey_and_someone_elses_attempt(client, learner):
    module = make_module(lessons=1, questions=[single(), true_false()], max_attempts=2)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    assessment = AssessmentPage.objects.get()
    response = client.post(reverse("learning:start_attempt", args=[assessment.pk]))
    attempt = AssessmentAttempt.objects.get()
    assert response["Location"] == reverse("learning:attempt", args=[attempt.pk])
    page = client.get(response["Location"]).content.decode()
    assert "EXPLANATION-TEXT" not in page
    # Another learner cannot see or submit it.
    intruder = UserFactory()
    client.force_login(intruder)
    assert client.get(reverse("learning:attempt", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("learning:attempt", args=[attempt.pk]), {}).status_code == 404
    assert client.get(reverse("learning:attempt_result", args=[attempt.pk])).status_code == 404
    client.force_login(learner)
    # Answers to a question not in the attempt: refused, nothing stored.
    response = client.post(reverse("learning:attempt", args=[attempt.pk]), {"q-forged": "x"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    # Submit twice (a double click): one result.
    first = client.post(reverse("learning:attempt", args=[attempt.pk]), {})
    second = client.post(reverse("learning:attempt", args=[attempt.pk]), {})
    assert (
        first["Location"]
        == second["Location"]
        == reverse("learning:attempt_result", args=[attempt.pk])
    )
    result = client.get(first["Location"]).content.decode()
    assert "EXPLANATION-TEXT" not in result  # withheld while attempts remain
    assert AssessmentAttempt.objects.count() == 1
    assert enrollment.attempts.get().passed is False


def test_my_learning_and_progress_pages(client, learner):
    module = make_module(lessons=2, questions=[single()])
    enrollment = enrollment_create(user=learner, module=module, source="self")
    lesson_complete(enrollment=enrollment, lesson=lessons(module)[0])
    page = client.get(reverse("learning:my_learning"))
    assert page.status_code == 200
    assert module.title in page.content.decode()
    [row] = page.context["active"]
    assert (row.lessons_done, row.lessons_total) == (1, 2)
    assert row.next_lesson.pk == lessons(module)[1].pk
    progress = client.get(reverse("learning:module_progress", args=[module.pk]))
    assert progress.status_code == 200
    other = make_module()
    assert client.get(reverse("learning:module_progress", args=[other.pk])).status_code == 404


def test_my_data_export(client, learner):
    module = make_module(lessons=1, questions=[single()])
    enrollment = enrollment_create(user=learner, module=module, source="self")
    lesson_complete(enrollment=enrollment, lesson=lessons(module)[0])
    attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    data = json.loads(client.get(reverse("learning:my_data", args=["json"])).content)
    assert data["profile"]["email"] == learner.email
    assert data["enrollments"][0]["module__code"] == module.code
    assert len(data["lessons"]) == 1
    assert len(data["attempts"]) == 1
    csv_text = client.get(reverse("learning:my_data", args=["csv"])).content.decode()
    assert learner.email in csv_text
    assert module.code in csv_text
    assert client.get("/learning/my-data.xml").status_code == 404


@pytest.mark.needs_caches
@pytest.mark.parametrize("count", [3, 30])
def test_lesson_page_budget_for_an_enrolled_learner(
    client, learner, count, django_assert_max_num_queries
):
    module = make_module(lessons=count)
    enrollment = enrollment_create(user=learner, module=module, source="self")
    lesson_complete(enrollment=enrollment, lesson=lessons(module)[0])
    url = lessons(module)[1].url
    for _ in range(2):  # warm caches (site, content types, session roles, route, locale, body)
        client.get(url)
    # Session, user, the page (route cache), the enrolment with its lesson rows: the rest of
    # the page comes from the cache (modules.content.rendering).
    with django_assert_max_num_queries(4):
        response = client.get(url)
    html = response.content.decode()
    assert "Mark as complete" in html
    assert html.count('class="done-mark"') == 1
    assert f"Module {100 // count}% complete" in html


@pytest.mark.needs_caches
def test_mark_complete_budget(client, learner, assert_max_statements):
    module = make_module(lessons=3)
    enrollment_create(user=learner, module=module, source="self")
    first, second, _third = lessons(module)
    client.get(first.url)
    with assert_max_statements(8):
        client.post(reverse("learning:complete_lesson", args=[second.pk]), HTTP_HX_REQUEST="true")
    assert LessonProgress.objects.filter(completed_at__isnull=False).count() == 1


@pytest.mark.needs_caches
def test_my_learning_budget(client, learner, django_assert_max_num_queries):
    for number in range(20):
        module = make_module(lessons=2, code=f"ML-{100 + number}")
        enrollment = enrollment_create(user=learner, module=module, source="self")
        if number % 2:
            lesson_complete(enrollment=enrollment, lesson=lessons(module)[0])
    client.get(reverse("learning:my_learning"))
    # Two of them are the trainers app's: the learner's upcoming sessions, and those that
    # await their feedback.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:my_learning"))
    assert len(response.context["active"]) == 20


def test_knowledge_check_answers_are_stored_for_enrolled_learners(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    block = next(b for b in lesson.body if b.block_type == "knowledge_check")
    options = {b.value["text"]: b.id for b in block.value["options"].bound_blocks}
    url = reverse("modules:knowledge_check_answer", args=[lesson.pk, block.id])
    client.post(url, {"option": options["The CWC"]}, HTTP_HX_REQUEST="true")
    assert KnowledgeCheckAnswer.objects.count() == 0  # not enrolled: nothing kept
    enrollment = enrollment_create(user=learner, module=module, source="self")
    client.post(url, {"option": options["The CWC"]}, HTTP_HX_REQUEST="true")
    client.post(url, {"option": options["The DCPO"]}, HTTP_HX_REQUEST="true")
    answer = KnowledgeCheckAnswer.objects.get(enrollment=enrollment)
    assert answer.correct is True
    assert answer.selected == [options["The DCPO"]]


def test_assessment_in_the_learners_language(client, learner):

    module = make_module(lessons=1, questions=[single(question="Who decides?")])
    assessment = AssessmentPage.objects.get()
    hindi = Locale.objects.get(language_code="hi")
    translated_module = module.copy_for_translation(hindi, copy_parents=True)
    translated_module.title = "निर्णय कौन लेता है"
    translated_module.save_revision().publish()
    translated = assessment.copy_for_translation(hindi).specific
    raw = list(translated.questions.raw_data)
    raw[0]["value"]["question"] = "कौन तय करता है?"
    translated.questions = raw
    translated.save()
    translated.save_revision().publish()
    learner.preferred_language = "hi"
    learner.save(update_fields=["preferred_language"])
    enrollment = enrollment_create(user=learner, module=module, source="self")
    attempt = attempt_start(enrollment=enrollment, assessment=assessment)
    html = client.get(reverse("learning:attempt", args=[attempt.pk])).content.decode()
    assert "कौन तय करता है?" in html
    assert "Who decides?" not in html
    # Translated questions on a Hindi page need no language mark of their own.
    assert '<span class="question__text">कौन तय करता है?</span>' in html
    # The breadcrumb names and links the module in Hindi too.
    translated_module.refresh_from_db()
    assert f'<a href="{translated_module.url}">{translated_module.title}</a>' in html


def test_english_questions_on_a_hindi_page_are_marked_as_english(client, learner):
    """No translation: the questions are shown in English, marked lang="en" (WCAG 3.1.2) so
    that speech output reads them as English, on the attempt and on its result."""
    module = make_module(lessons=1, questions=[single(question="Who decides?")])
    assessment = AssessmentPage.objects.get()
    learner.preferred_language = "hi"
    learner.save(update_fields=["preferred_language"])
    enrollment = enrollment_create(user=learner, module=module, source="self")
    attempt = attempt_start(enrollment=enrollment, assessment=assessment)
    url = reverse("learning:attempt", args=[attempt.pk])
    html = client.get(url).content.decode()
    assert '<span class="question__text" lang="en">Who decides?</span>' in html
    assert '<span lang="en">Right</span>' in html
    client.post(url, {})  # submitted unanswered
    result = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert '<p class="review__question" lang="en">Who decides?</p>' in result
    # In English nothing is marked.
    client.cookies["lms_language"] = "en"
    english = client.get(reverse("learning:attempt_result", args=[attempt.pk])).content.decode()
    assert '<p class="review__question">Who decides?</p>' in english
