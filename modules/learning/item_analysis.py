"""Item analysis of an assessment for its authors: per question of the current pool, how many
submitted attempts asked it, the share that answered it fully right, and how well it separates
stronger from weaker learners (discrimination). Each attempt's answers are graded again with
``modules.content.grading`` against the revision it was made with; attempts are grouped by
revision so that each revision is parsed once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from modules.content.grading import (
    GradingError,
    Question,
    assessment_at,
    grade,
    questions_from_stream,
)
from modules.content.models import AssessmentPage
from modules.content.selectors import source_page

from .models import AssessmentAttempt

#: Share of the ranked attempts in the upper and in the lower group (Kelley's 27%).
GROUP_SHARE = 0.27
#: Below this many attempts at a question, its figures are too unsteady to act on.
MIN_SAMPLE = 20
#: A question is flagged for review when more than this share answer it right (too easy) ...
TOO_EASY = 0.95
#: ... when fewer than this share do (too hard, or a wrong answer key) ...
TOO_HARD = 0.20
#: ... or when its discrimination index is below this.
LOW_DISCRIMINATION = 0.2


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    number: int
    text: str
    kind: str
    #: Submitted attempts at the assessment (not pre-tests) that asked the question.
    asked: int
    #: Of those, how many answered it fully right.
    correct: int
    #: Upper-group share right minus lower-group share right, -1..1; None below 2 attempts.
    discrimination: float | None
    #: Submitted pre-tests that asked the question, and how many answered it right.
    pre_test_asked: int
    pre_test_correct: int
    #: Why the question should be looked at again (empty when nothing stands out).
    review: tuple[str, ...]

    @property
    def share_correct(self) -> float | None:
        return self.correct / self.asked if self.asked else None

    @property
    def pre_test_share_correct(self) -> float | None:
        return self.pre_test_correct / self.pre_test_asked if self.pre_test_asked else None

    @property
    def small_sample(self) -> bool:
        return self.asked < MIN_SAMPLE


@dataclass(frozen=True)
class ItemAnalysis:
    assessment: AssessmentPage
    items: list[ItemStats]
    #: Submitted attempts at the assessment and submitted pre-tests counted.
    attempts: int
    pre_tests: int

    @property
    def small_sample(self) -> bool:
        return self.attempts < MIN_SAMPLE


def discrimination_index(results: list[tuple[float, bool]]) -> float | None:
    """Upper-lower discrimination of one question from ``(total percent, answered right)``
    pairs, one per attempt that asked it: the attempts are ranked by their total percent (ties
    in the order given), the top and the bottom 27% (at least one each) are compared, and the
    index is the share right in the upper group minus the share right in the lower group.
    None for fewer than two attempts."""
    n = len(results)
    if n < 2:
        return None
    k = min(n // 2, max(1, round(GROUP_SHARE * n)))
    ranked = sorted(results, key=lambda pair: pair[0])
    lower, upper = ranked[:k], ranked[-k:]
    share = lambda group: sum(1 for _p, right in group if right) / len(group)  # noqa: E731
    return round(share(upper) - share(lower), 3)


def review_reasons(*, share_correct: float | None, discrimination: float | None) -> tuple[str, ...]:
    reasons = []
    if share_correct is not None and share_correct > TOO_EASY:
        reasons.append(_("almost everyone answers it right"))
    if share_correct is not None and share_correct < TOO_HARD:
        reasons.append(_("few answer it right: check the answer key"))
    if discrimination is not None and discrimination < LOW_DISCRIMINATION:
        reasons.append(_("does not separate stronger from weaker learners"))
    return tuple(str(reason) for reason in reasons)


def current_pool(assessment: AssessmentPage) -> list[Question]:
    """The questions of the assessment's latest revision (what authors now edit)."""
    if assessment.latest_revision_id:
        return list(assessment_at(assessment.latest_revision_id).questions)
    return questions_from_stream(assessment.questions)


def item_analysis(*, assessment: AssessmentPage) -> ItemAnalysis:
    """``ItemAnalysis`` of ``assessment`` (any translation: attempts refer to the source):
    two queries and one parse per revision attempts were made with."""
    assessment = source_page(assessment).specific
    pool = current_pool(assessment)
    rows = AssessmentAttempt.objects.filter(
        assessment=assessment, submitted_at__isnull=False
    ).values_list("pk", "role", "revision_id", "question_ids", "answers", "percent")
    by_revision: dict[int, list] = defaultdict(list)
    for row in rows:
        by_revision[row[2]].append(row)
    # Per question id: (total percent, right) of each assessment attempt; pre-test counts.
    results: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    pre: dict[str, list[bool]] = defaultdict(list)
    attempts = pre_tests = 0
    for revision_id, group in by_revision.items():
        questions = {q.id: q for q in assessment_at(revision_id).questions}
        for _pk, role, _revision, question_ids, answers, percent in sorted(group):
            try:
                graded = grade(
                    questions=[questions[qid] for qid in question_ids],
                    answers=answers or {},
                )
            except (GradingError, KeyError):
                continue  # answers that no longer fit their revision are left out
            if role == AssessmentAttempt.Role.PRE_TEST:
                pre_tests += 1
                for result in graded.results:
                    pre[result.question.id].append(result.correct)
            else:
                attempts += 1
                for result in graded.results:
                    results[result.question.id].append((float(percent or 0), result.correct))
    items = []
    for number, question in enumerate(pool, start=1):
        asked = results.get(question.id, [])
        correct = sum(1 for _p, right in asked if right)
        discrimination = discrimination_index(asked)
        items.append(
            ItemStats(
                question_id=question.id,
                number=number,
                text=str(question.text),
                kind=question.kind,
                asked=len(asked),
                correct=correct,
                discrimination=discrimination,
                pre_test_asked=len(pre.get(question.id, [])),
                pre_test_correct=sum(pre.get(question.id, [])),
                review=review_reasons(
                    share_correct=correct / len(asked) if asked else None,
                    discrimination=discrimination,
                ),
            )
        )
    return ItemAnalysis(assessment=assessment, items=items, attempts=attempts, pre_tests=pre_tests)
