"""The personal-data export (``modules.learning.selectors.personal_data``): the learner's
profile and consents from accounts, their learning records, nobody else's."""

import csv
import io
import json

import pytest
from django.conf import settings

from modules.content.models import AssessmentPage, LessonPage
from modules.learning.models import KnowledgeCheckAnswer
from modules.learning.selectors import personal_data, personal_data_export
from modules.learning.services import attempt_start, enrollment_create, lesson_complete
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    """A learner with an enrolment, a completed lesson, a knowledge-check answer and an
    attempt; another learner with records of their own in the same module."""
    module = make_module(lessons=1, questions=[single()])
    lesson = LessonPage.objects.child_of(module).get()
    learner, other = UserFactory(full_name="Anjali Bora"), UserFactory()
    for user in (learner, other):
        enrollment = enrollment_create(user=user, module=module, source="self")
        lesson_complete(enrollment=enrollment, lesson=lesson)
        KnowledgeCheckAnswer.objects.create(
            enrollment=enrollment, lesson=lesson, block_id="kc1", selected=["a"], correct=True
        )
        attempt_start(enrollment=enrollment, assessment=AssessmentPage.objects.get())
    return learner, module


def test_every_section_holds_the_learners_own_records(records):
    learner, module = records
    data = personal_data(user=learner)
    assert list(data) == ["profile", "enrollments", "lessons", "knowledge_checks", "attempts"]
    profile = data["profile"]
    assert profile["email"] == learner.email
    assert profile["full_name"] == "Anjali Bora"
    assert profile["state"] == learner.state.name
    assert profile["consents"] == [
        {
            "notice_version": settings.LMS_DATA_USE_NOTICE_VERSION,
            "accepted_at": learner.consents.get().accepted_at,
        }
    ]
    [enrollment] = data["enrollments"]
    assert (enrollment["module__code"], enrollment["status"]) == (module.code, "active")
    assert len(data["lessons"]) == len(data["knowledge_checks"]) == len(data["attempts"]) == 1
    assert data["knowledge_checks"][0]["selected"] == ["a"]
    assert data["attempts"][0]["submitted_at"] is None


def test_json_and_csv_files(records):
    learner, module = records
    assert json.loads(personal_data_export(user=learner, fmt="json"))["profile"]["email"] == (
        learner.email
    )
    text = personal_data_export(user=learner, fmt="csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["section", "field", "value"]
    assert ["profile", "email", learner.email] in rows
    assert ["enrollments[1]", "module__code", module.code] in rows
    consents = next(row for row in rows if row[:2] == ["profile", "consents"])
    assert json.loads(consents[2])[0]["notice_version"] == settings.LMS_DATA_USE_NOTICE_VERSION
    assert {row[0] for row in rows[1:]} == {
        "profile",
        "enrollments[1]",
        "lessons[1]",
        "knowledge_checks[1]",
        "attempts[1]",
    }
