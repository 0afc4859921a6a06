"""The demo's CP-101 in Assamese: ``seed_demo`` imports cp101.as.po as it does the Hindi file,
through the review workflow, and ``/as/modules/<CP-101>/…`` then serves the Assamese pages:
the module, every lesson with its knowledge checks, and the assessment's questions."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Page, WorkflowState

from modules.content.loader import CONTENT_DIR, read_module, read_translation
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ASSAMESE_LETTERS = re.compile("[\u0980-\u09ff]")


def assamese_words(html: str) -> int:
    text = re.sub(r"<[^>]+>", " ", html)
    return sum(1 for word in text.split() if ASSAMESE_LETTERS.search(word))


def test_the_seeded_demo_serves_cp101_in_assamese_after_review():
    call_command("seed_demo")
    english, assamese = (Locale.objects.get(language_code=code) for code in ("en", "as"))
    messages = read_translation(CONTENT_DIR / "cp101.as.po").pages
    data = read_module(CONTENT_DIR / "cp101.en.yaml").data
    source = TrainingModulePage.objects.get(code="CP-101", locale=english)
    module = TrainingModulePage.objects.live().get(code="CP-101", locale=assamese)
    assert module.translation_key == source.translation_key
    assert module.title == messages[source.slug][("title", source.title)]
    # Through the review workflow, as the Hindi translation: requested by the author, approved.
    for page in Page.objects.descendant_of(module, inclusive=True):
        state = WorkflowState.objects.for_instance(page).get()
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.requested_by.email == "author@demo.example.org"
    # The other modules stay English only.
    assert not TrainingModulePage.objects.filter(locale=assamese).exclude(code="CP-101").exists()

    client = Client()
    client.force_login(UserFactory(preferred_language="as"))
    base = f"/as/modules/{source.slug}/"
    catalogue = client.get("/as/modules/")
    assert catalogue.status_code == 200
    assert "প্ৰশিক্ষণ মডিউল" in catalogue.content.decode()
    assert module.title in catalogue.content.decode()

    response = client.get(base)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].pk == module.pk
    assert '<html lang="as"' in html
    assert module.title in html
    assert 'class="notice notice--warning"' not in html
    assert assamese_words(html) > 100

    lessons = LessonPage.objects.live().child_of(module).order_by("path")
    assert [lesson.slug for lesson in lessons] == [lesson["slug"] for lesson in data["lessons"]]
    for lesson in lessons:
        response = client.get(f"{base}{lesson.slug}/")
        html = response.content.decode()
        assert response.status_code == 200, lesson.slug
        assert response.context["page"].pk == lesson.pk
        assert lesson.title in html
        heading = lesson.body[0].value["text"]
        assert heading == messages[lesson.slug][("body.b01.text", data_heading(data, lesson))]
        assert heading in html
        assert assamese_words(html) > 300, lesson.slug

    # A knowledge check answers in Assamese, the verdict said once before the feedback.
    lesson = lessons.first()
    check = next(child for child in lesson.body if child.block_type == "knowledge_check")
    right = next(b.id for b in check.value["options"].bound_blocks if b.value["correct"])
    response = client.post(
        f"/modules/lessons/{lesson.pk}/checks/{check.id}/",
        {"option": right},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    feedback = check.value["feedback_correct"]
    assert ASSAMESE_LETTERS.search(feedback)
    assert feedback in html
    with translation.override("as"):
        verdict = translation.gettext("Correct.")
    assert html.count(verdict) == 1
    assert html.count(verdict.rstrip("।.")) == 1

    # The assessment's title, introduction, questions and options are Assamese.
    assessment = AssessmentPage.objects.live().child_of(module).get()
    response = client.get(f"{base}{assessment.slug}/")
    assert response.status_code == 200
    assert response.context["page"].pk == assessment.pk
    assert assessment.title in response.content.decode()
    assert ASSAMESE_LETTERS.search(assessment.intro)
    english_questions = {q["id"]: q["value"] for q in data["assessment"]["questions"]}
    assert [q.id for q in assessment.questions] == list(english_questions)
    for question in assessment.questions:
        text = question.value["question"]
        assert (
            text
            == messages["assessment"][
                (f"questions.{question.id}.question", english_questions[question.id]["question"])
            ]
        )
        assert ASSAMESE_LETTERS.search(question.value["explanation"])
        for option in question.value.get("options", []):
            assert ASSAMESE_LETTERS.search(option["text"]), question.id


def data_heading(data, lesson):
    return next(ls for ls in data["lessons"] if ls["slug"] == lesson.slug)["body"][0]["value"][
        "text"
    ]
