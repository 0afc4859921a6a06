import json
from fractions import Fraction

import pytest

from modules.content.grading import (
    GradingError,
    draw_questions,
    grade,
    grade_revision,
    present,
    questions_from_stream,
)
from modules.content.models import AssessmentPage
from tests.modules.factories import make_module, multiple, single, true_false

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment():
    module = make_module(lessons=1, questions=[single(), multiple(), true_false()])
    return AssessmentPage.objects.child_of(module).get()


def ids(assessment):
    questions = questions_from_stream(assessment.questions)
    return questions, {q.kind: q for q in questions}


def option_ids(question, *texts):
    return [o.id for o in question.options if o.text in texts]


def test_full_marks(assessment):
    questions, by = ids(assessment)
    answers = {
        by["single_choice"].id: option_ids(by["single_choice"], "Right"),
        by["multiple_choice"].id: option_ids(by["multiple_choice"], "A", "B"),
        by["true_false"].id: ["false"],
    }
    result = grade(questions=questions, answers=answers)
    assert result.score == 4
    assert result.max_score == 4
    assert result.percent == 100.0
    assert result.passed(70)
    assert all(r.correct for r in result.results)


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (("A",), Fraction(1)),  # one of two right: half the points
        (("A", "C"), Fraction(0)),  # one right, one wrong: nothing
        (("A", "B", "C"), Fraction(1)),  # two right, one wrong
        (("A", "B", "C", "D"), Fraction(0)),  # ticking everything earns nothing
        ((), Fraction(0)),
    ],
)
def test_multiple_choice_partial_credit(assessment, picked, expected):
    _questions, by = ids(assessment)
    question = by["multiple_choice"]
    result = grade(questions=[question], answers={question.id: option_ids(question, *picked)})
    assert result.score == expected
    assert result.results[0].correct is (expected == question.points)


def test_unanswered_questions_score_nothing(assessment):
    questions, _by = ids(assessment)
    result = grade(questions=questions, answers={})
    assert result.score == 0
    assert not result.passed(1)


def test_bad_answers_are_refused(assessment):
    questions, by = ids(assessment)
    single_q = by["single_choice"]
    with pytest.raises(GradingError):
        grade(questions=questions, answers={"not-a-question": []})
    with pytest.raises(GradingError):
        grade(questions=questions, answers={single_q.id: ["not-an-option"]})
    with pytest.raises(GradingError):
        grade(questions=questions, answers={single_q.id: [o.id for o in single_q.options]})
    with pytest.raises(GradingError):
        grade(questions=[single_q], answers={by["true_false"].id: ["true"]})


def test_grade_uses_the_revision_the_attempt_began_with(assessment):
    first_revision = assessment.latest_revision_id
    _questions, by = ids(assessment)
    question = by["single_choice"]
    right_then = option_ids(question, "Right")
    # The author changes the key after the attempt began.
    raw = list(assessment.questions.raw_data)
    for option in raw[0]["value"]["options"]:
        option["value"]["correct"] = (
            not option["value"]["correct"]
            if option["value"]["text"] in ("Right", "Wrong 1")
            else option["value"]["correct"]
        )
    assessment.questions = json.dumps(raw)
    assessment.save_revision().publish()

    then = grade_revision(
        revision_id=first_revision, answers={question.id: right_then}, question_ids=[question.id]
    )
    assert then.score == 1
    now = AssessmentPage.objects.get(pk=assessment.pk)
    current = grade_revision(
        revision_id=now.latest_revision_id,
        answers={question.id: right_then},
        question_ids=[question.id],
    )
    assert current.score == 0


def test_grade_revision_refuses_unknown_question_ids(assessment):
    with pytest.raises(GradingError):
        grade_revision(
            revision_id=assessment.latest_revision_id, answers={}, question_ids=["missing"]
        )


def test_draw_and_present(assessment):
    questions, _by = ids(assessment)
    drawn = draw_questions(questions, draw_count=2, shuffle=True, seed=7)
    assert len(drawn) == 2
    assert drawn == draw_questions(questions, draw_count=2, shuffle=True, seed=7)
    assert set(drawn) <= {q.id for q in questions}
    every = draw_questions(questions, draw_count=None, shuffle=False, seed=1)
    assert every == [q.id for q in questions]
    shown = present(questions, question_ids=drawn, shuffle_options=True, seed=7)
    assert [q.id for q in shown] == drawn
    for public in shown:
        assert not hasattr(public, "explanation")
        assert all(not hasattr(option, "correct") for option in public.options)
