"""Build modules for tests directly (the workflow has its own tests)."""

from __future__ import annotations

import json
from itertools import count
from uuid import uuid4

from django.conf import settings
from wagtail.models import Locale

from modules.content.models import (
    AssessmentPage,
    LessonPage,
    ModuleCataloguePage,
    TrainingModulePage,
)

_codes = count(200)


def catalogue(language: str = settings.LANGUAGE_CODE) -> ModuleCataloguePage:
    return ModuleCataloguePage.objects.get(depth=3, locale__language_code=language)


def knowledge_check(question="Who heads a DCPU?", right="The DCPO", wrong=("The CWC",)):
    return {
        "type": "knowledge_check",
        "value": {
            "question": question,
            "options": [
                {"type": "item", "id": str(uuid4()), "value": {"text": right, "correct": True}}
            ]
            + [
                {"type": "item", "id": str(uuid4()), "value": {"text": w, "correct": False}}
                for w in wrong
            ],
            "feedback_correct": "FEEDBACK-RIGHT: the DCPO leads the unit.",
            "feedback_incorrect": "FEEDBACK-WRONG: look again at the DCPU's posts.",
        },
    }


def single(question="Pick one", right="Right", wrong=("Wrong 1", "Wrong 2"), points=1):
    return {
        "type": "single_choice",
        "value": {
            "question": question,
            "points": points,
            "explanation": "EXPLANATION-TEXT",
            "options": [
                {"type": "item", "id": str(uuid4()), "value": {"text": right, "correct": True}}
            ]
            + [
                {"type": "item", "id": str(uuid4()), "value": {"text": w, "correct": False}}
                for w in wrong
            ],
        },
    }


def multiple(question="Pick all", right=("A", "B"), wrong=("C", "D"), points=2):
    return {
        "type": "multiple_choice",
        "value": {
            "question": question,
            "points": points,
            "explanation": "EXPLANATION-TEXT",
            "options": [
                {"type": "item", "id": str(uuid4()), "value": {"text": r, "correct": True}}
                for r in right
            ]
            + [
                {"type": "item", "id": str(uuid4()), "value": {"text": w, "correct": False}}
                for w in wrong
            ],
        },
    }


def true_false(question="The CWC is a bench of magistrates.", answer="false", points=1):
    return {
        "type": "true_false",
        "value": {
            "question": question,
            "points": points,
            "explanation": "EXPLANATION-TEXT",
            "correct_answer": answer,
        },
    }


def make_module(
    *,
    lessons: int = 3,
    questions: list | None = None,
    code: str | None = None,
    parent: ModuleCataloguePage | None = None,
    publish: bool = True,
    assessment_fields: dict | None = None,
    **fields,
) -> TrainingModulePage:
    parent = parent or catalogue()
    code = code or f"TM-{next(_codes)}"
    # Tests of other rules complete lessons and retake at once; those of the reading time and
    # the waiting time between attempts ask for them.
    fields.setdefault("min_reading_share", 0)
    fields.setdefault("retake_cooldown_hours", 0)
    module = TrainingModulePage(
        title=fields.pop("title", f"Module {code}"),
        slug=code.lower(),
        code=code,
        summary=fields.pop("summary", "A module for tests."),
        live=publish,
        **fields,
    )
    parent.add_child(instance=module)
    if publish:
        module.save_revision().publish()
    for number in range(1, lessons + 1):
        lesson = LessonPage(
            title=f"Lesson {number}",
            slug=f"lesson-{number}",
            estimated_minutes=10,
            live=publish,
            body=json.dumps(
                [
                    {"type": "heading", "value": {"text": f"Part {number}", "level": "h2"}},
                    {"type": "text", "value": "<p>Children have rights.</p>"},
                    knowledge_check(),
                ]
            ),
        )
        module.add_child(instance=lesson)
        if publish:
            lesson.save_revision().publish()
    if questions is not None:
        assessment = AssessmentPage(
            title="Assessment",
            slug="assessment",
            live=publish,
            questions=json.dumps(questions),
            shuffle_questions=False,
            shuffle_options=False,
            **(assessment_fields or {}),
        )
        module.add_child(instance=assessment)
        if publish:
            assessment.save_revision().publish()
    return TrainingModulePage.objects.get(pk=module.pk)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)
