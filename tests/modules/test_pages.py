import re

import pytest

from modules.content.models import AssessmentPage, LessonPage
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, multiple, single, true_false

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def lesson_url(module, number=1):
    return f"/modules/{module.slug}/lesson-{number}/"


def test_lesson_html_contains_no_answers(client, learner):
    module = make_module(lessons=2)
    html = client.get(lesson_url(module)).content.decode()
    assert "Who heads a DCPU?" in html
    assert "The DCPO" in html
    assert "The CWC" in html
    assert "FEEDBACK-" not in html
    # Right and wrong options are marked up alike: nothing tells them apart but their text.
    inputs = re.findall(r'<input[^>]*name="option"[^>]*>', html)
    assert len(inputs) == 2
    assert len({re.sub(r'value="[^"]*"|id="[^"]*"', "", tag) for tag in inputs}) == 1
    assert "true" not in "".join(inputs).lower()


def test_assessment_html_contains_no_questions_or_answers(client, learner):
    module = make_module(lessons=1, questions=[single(), multiple(), true_false()])
    assessment = AssessmentPage.objects.child_of(module).get()
    html = client.get(assessment.url).content.decode()
    assert "EXPLANATION-TEXT" not in html
    for text in ("Right", "Wrong 1", "Pick all", "The CWC is a bench"):
        assert text not in html
    assert "3" in html  # three questions


def test_knowledge_check_answer(client, learner):
    module = make_module(lessons=1)
    lesson = LessonPage.objects.child_of(module).get()
    block = next(b for b in lesson.body if b.block_type == "knowledge_check")
    options = {b.value["text"]: b.id for b in block.value["options"].bound_blocks}
    url = f"/modules/lessons/{lesson.pk}/checks/{block.id}/"
    right = client.post(url, {"option": options["The DCPO"]}, HTTP_HX_REQUEST="true")
    assert "FEEDBACK-RIGHT" in right.content.decode()
    wrong = client.post(url, {"option": options["The CWC"]}, HTTP_HX_REQUEST="true")
    assert "FEEDBACK-WRONG" in wrong.content.decode()
    # Without scripts the whole lesson comes back with the feedback in place.
    page = client.post(url, {"option": options["The DCPO"]})
    assert page.status_code == 200
    assert "FEEDBACK-RIGHT" in page.content.decode()
    assert "<html" in page.content.decode()


@pytest.mark.parametrize(
    "bad",
    [{"option": "not-an-option"}, {}, {"option": ["x", "y"]}],
)
def test_knowledge_check_bad_input(client, learner, bad):
    module = make_module(lessons=1)
    lesson = LessonPage.objects.child_of(module).get()
    block = next(b for b in lesson.body if b.block_type == "knowledge_check")
    url = f"/modules/lessons/{lesson.pk}/checks/{block.id}/"
    response = client.post(url, bad)
    assert response.status_code == 422
    assert "FEEDBACK-" not in response.content.decode()


def test_knowledge_check_of_a_draft_or_unknown_block_is_404(client, learner):
    module = make_module(lessons=1, publish=False)
    lesson = LessonPage.objects.child_of(module).get()
    block = next(b for b in lesson.body if b.block_type == "knowledge_check")
    assert client.post(f"/modules/lessons/{lesson.pk}/checks/{block.id}/").status_code == 404
    live = make_module(lessons=1)
    lesson = LessonPage.objects.child_of(live).get()
    assert client.post(f"/modules/lessons/{lesson.pk}/checks/nope/").status_code == 404
    assert client.get(f"/modules/lessons/{lesson.pk}/checks/nope/").status_code == 405


@pytest.mark.needs_caches
@pytest.mark.parametrize("lessons", [3, 30])
def test_lesson_page_query_budget(client, learner, lessons, django_assert_max_num_queries):
    module = make_module(lessons=lessons)
    for _ in range(2):  # warm the site, content type, route, locale and body caches
        client.get(lesson_url(module, 2))
    # Session, user, the page (route cache), the learner's enrolment: the same for 3 and 30.
    with django_assert_max_num_queries(4):
        response = client.get(lesson_url(module, 2))
    assert response.status_code == 200
    assert f"of {lessons}" in response.content.decode()


def test_module_page_shows_syllabus(client, learner):
    module = make_module(lessons=3, questions=[single()])
    html = client.get(module.url).content.decode()
    for number in (1, 2, 3):
        assert f"Lesson {number}" in html
    assert "Assessment" in html
