"""The question format and its grading. ``modules`` owns both: learning stores the answers and
the revision an attempt was made against, and calls ``grade_revision`` to score it, so a later
edit of the assessment never changes a past grade.

Scoring:
- single choice and true/false: all the points for the correct option, none otherwise;
- multiple choice: ``points * max(0, right picks - wrong picks) / number of correct options``,
  so ticking every box earns nothing and a partly right answer earns part of the points.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.core.cache import caches
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Revision

SINGLE = "single_choice"
MULTIPLE = "multiple_choice"
TRUE_FALSE = "true_false"


class GradingError(ValueError):
    """The answers do not fit the attempt: unknown questions or options, or several options
    for a question that takes one."""


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    points: int
    explanation: str
    options: tuple[Option, ...]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options if option.correct)

    @property
    def takes_one(self) -> bool:
        return self.kind in (SINGLE, TRUE_FALSE)


@dataclass(frozen=True)
class PublicOption:
    id: str
    text: str


@dataclass(frozen=True)
class PublicQuestion:
    """What a learner's browser may see before submitting: no correct flags, no explanation."""

    id: str
    kind: str
    text: str
    points: int
    takes_one: bool
    options: tuple[PublicOption, ...]


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    selected: frozenset[str]
    score: Fraction
    correct: bool


@dataclass(frozen=True)
class GradeResult:
    score: Fraction
    max_score: int
    results: tuple[QuestionResult, ...] = field(default=())

    @property
    def percent(self) -> float:
        return round(float(self.score * 100 / self.max_score), 2) if self.max_score else 0.0

    def passed(self, pass_mark: int) -> bool:
        return self.max_score > 0 and self.score * 100 >= pass_mark * self.max_score


def questions_from_stream(stream) -> list[Question]:
    """Turn an assessment's ``questions`` StreamField value into ``Question`` objects."""
    questions = []
    for child in stream:
        value = child.value
        if child.block_type == TRUE_FALSE:
            answer = value["correct_answer"]
            options = (
                Option("true", gettext_lazy("True"), answer == "true"),
                Option("false", gettext_lazy("False"), answer == "false"),
            )
        else:
            options = tuple(
                Option(bound.id, bound.value["text"], bool(bound.value["correct"]))
                for bound in value["options"].bound_blocks
            )
        questions.append(
            Question(
                id=child.id,
                kind=child.block_type,
                text=value["question"],
                points=int(value["points"]),
                explanation=value["explanation"],
                options=options,
            )
        )
    return questions


def knowledge_check_from_block(value, block_id: str) -> Question:
    """A lesson's knowledge check as a ``Question`` worth one point."""
    options = tuple(
        Option(bound.id, bound.value["text"], bool(bound.value["correct"]))
        for bound in value["options"].bound_blocks
    )
    kind = SINGLE if sum(option.correct for option in options) == 1 else MULTIPLE
    return Question(block_id, kind, value["question"], 1, "", options)


def _score(question: Question, selected: frozenset[str]) -> Fraction:
    correct = question.correct_ids
    if question.takes_one:
        return Fraction(question.points) if selected == correct else Fraction(0)
    right = len(selected & correct)
    wrong = len(selected - correct)
    return Fraction(question.points) * max(0, right - wrong) / len(correct)


def grade(*, questions: Sequence[Question], answers: Mapping[str, Iterable[str]]) -> GradeResult:
    """Score ``answers`` (question id → selected option ids) against ``questions``.

    Questions without an answer score nothing. Raises ``GradingError`` for a question that is
    not among ``questions``, an option that is not the question's, or several options for a
    question that takes one.
    """
    by_id = {question.id: question for question in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise GradingError(_("The answers include questions that are not in this attempt."))
    results = []
    for question in questions:
        selected = frozenset(str(option) for option in answers.get(question.id, ()))
        if not selected <= {option.id for option in question.options}:
            raise GradingError(_("An answer picks an option the question does not have."))
        if question.takes_one and len(selected) > 1:
            raise GradingError(_("A question that takes one answer has several."))
        score = _score(question, selected)
        results.append(
            QuestionResult(
                question=question,
                selected=selected,
                score=score,
                correct=score == question.points,
            )
        )
    return GradeResult(
        score=sum((result.score for result in results), Fraction(0)),
        max_score=sum(question.points for question in questions),
        results=tuple(results),
    )


@dataclass(frozen=True)
class AssessmentVersion:
    """What an attempt needs of an assessment as it was in one stored revision."""

    revision_id: int
    title: str
    intro: str
    questions: tuple[Question, ...]
    pass_mark: int | None
    draw_count: int | None
    shuffle_questions: bool
    shuffle_options: bool
    show_answers: str = "after_pass_or_last"

    @property
    def pool_larger_than_draw(self) -> bool:
        """Whether a retake may ask different questions."""
        return bool(self.draw_count) and self.draw_count < len(self.questions)

    def shows_answers(self, *, passed: bool, attempts_left: int) -> bool:
        """Whether a learner may see the correct answers and explanations of a submitted
        attempt: ``passed`` is whether they have passed (in any attempt of the cycle),
        ``attempts_left`` how many they may still start. The one home of that rule."""
        if self.show_answers == "always":
            return True
        if self.show_answers == "never":
            return False
        return passed or attempts_left <= 0


def effective_pass_mark(*, assessment, module) -> int:
    """The pass mark (%) of an assessment: its own, else its module's. ``assessment`` is an
    ``AssessmentPage`` or an ``AssessmentVersion`` (the revision an attempt was made against);
    ``module`` a ``TrainingModulePage``. The one home of that rule."""
    return assessment.pass_mark or module.pass_mark


#: A stored revision never changes, so its parsed form could be kept for ever; the lifetime
#: only lets revisions nobody answers any more leave the cache.
ASSESSMENT_TTL_SECONDS = 24 * 60 * 60


def assessment_at(revision_id: int) -> AssessmentVersion:
    """The assessment as it was in revision ``revision_id``, parsed once and kept in the
    "pages" cache (each process's own): edits make new revisions, and turning a revision
    back into a page costs several queries. Option texts of true/false questions
    are lazy, so the cached copy reads in whatever language is active where it is shown."""
    key = f"lms:assessment-revision:2:{revision_id}"
    version = caches["pages"].get(key)
    if version is None:
        page = Revision.page_revisions.get(pk=revision_id).as_object()
        version = AssessmentVersion(
            revision_id=revision_id,
            title=page.title,
            intro=page.intro,
            questions=tuple(questions_from_stream(page.questions)),
            pass_mark=page.pass_mark,
            draw_count=page.draw_count,
            shuffle_questions=page.shuffle_questions,
            shuffle_options=page.shuffle_options,
            show_answers=page.show_answers,
        )
        caches["pages"].set(key, version, ASSESSMENT_TTL_SECONDS)
    return version


def assessment_questions_at(revision_id: int) -> list[Question]:
    """The questions of an assessment as they were in one stored revision."""
    return list(assessment_at(revision_id).questions)


def grade_revision(
    *, revision_id: int, answers: Mapping[str, Iterable[str]], question_ids: Sequence[str] | None
) -> GradeResult:
    """Grade ``answers`` against the assessment as it was in ``revision_id``, limited to the
    questions drawn for the attempt (``question_ids``; all questions when ``None``)."""
    questions = assessment_questions_at(revision_id)
    if question_ids is not None:
        by_id = {question.id: question for question in questions}
        missing = [qid for qid in question_ids if qid not in by_id]
        if missing:
            raise GradingError(_("The attempt refers to questions the revision does not have."))
        questions = [by_id[qid] for qid in question_ids]
    return grade(questions=questions, answers=answers)


def draw_questions(
    questions: Sequence[Question], *, draw_count: int | None, shuffle: bool, seed: int
) -> list[str]:
    """The ids of the questions for one attempt, in the order shown: a random ``draw_count``
    of the pool when set, shuffled when ``shuffle`` is on. Deterministic for a seed."""
    rng = random.Random(seed)  # noqa: S311 - order of questions, not a secret
    ids = [question.id for question in questions]
    if draw_count and draw_count < len(ids):
        ids = rng.sample(ids, draw_count)
        if not shuffle:
            order = {qid: index for index, qid in enumerate(q.id for q in questions)}
            ids.sort(key=order.__getitem__)
    elif shuffle:
        rng.shuffle(ids)
    return ids


def present(
    questions: Sequence[Question], *, question_ids: Sequence[str], shuffle_options: bool, seed: int
) -> list[PublicQuestion]:
    """The questions of an attempt as the learner sees them, without the answers."""
    by_id = {question.id: question for question in questions}
    rng = random.Random(seed)  # noqa: S311 - order of options, not a secret
    shown = []
    for qid in question_ids:
        question = by_id[qid]
        options = [PublicOption(option.id, option.text) for option in question.options]
        if shuffle_options and question.kind != TRUE_FALSE:
            rng.shuffle(options)
        shown.append(
            PublicQuestion(
                id=question.id,
                kind=question.kind,
                text=question.text,
                points=question.points,
                takes_one=question.takes_one,
                options=tuple(options),
            )
        )
    return shown
