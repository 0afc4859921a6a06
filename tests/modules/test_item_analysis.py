"""Item analysis of an assessment, for its authors in the Wagtail admin: share right and
discrimination per question, on a small dataset worked out by hand."""

import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.accounts.models import Role
from modules.content.grading import questions_from_stream
from modules.content.models import AssessmentPage
from modules.learning.admin_views import item_analysis_url
from modules.learning.item_analysis import discrimination_index, item_analysis, review_reasons
from modules.learning.models import AssessmentAttempt, Enrollment
from modules.learning.services import (
    attempt_start,
    attempt_submit,
    enrollment_create,
    pre_test_start,
)
from tests.accounts.factories import UserFactory, add_totp, make_role
from tests.modules.factories import make_module, single

pytestmark = pytest.mark.django_db

# Eight learners, five one-point questions; R right, W wrong. Totals: a1, a2 80%; a3-a6 60%;
# a7, a8 40%. With 8 attempts the upper and lower groups (27%, rounded) hold two each:
# {a1, a2} and {a7, a8}, whatever the order of the ties in between.
PATTERNS = [
    "RRRWR",
    "RRRWR",
    "RRWWR",
    "RWWRR",
    "RWRWR",
    "WRWRR",
    "WWWRR",
    "WWWRR",
]
# By hand, per question: (right, share right, discrimination = upper share - lower share)
# Q1: a1-a5 right: 5/8; upper 2/2, lower 0/2 -> 1.0
# Q2: a1, a2, a3, a6: 4/8; 2/2 - 0/2 -> 1.0
# Q3: a1, a2, a5: 3/8; 2/2 - 0/2 -> 1.0
# Q4: a4, a6, a7, a8: 4/8; 0/2 - 2/2 -> -1.0 (review: it favours the weaker learners)
# Q5: everyone: 8/8; 2/2 - 2/2 -> 0.0 (review: too easy, and separates nobody)
EXPECTED = [(5, 1.0), (4, 1.0), (3, 1.0), (4, -1.0), (8, 0.0)]


def answers_for(attempt, pattern):
    page = attempt.revision.as_object()
    by_id = {q.id: q for q in questions_from_stream(page.questions)}
    answers = {}
    for qid, mark in zip(attempt.question_ids, pattern, strict=True):
        options = by_id[qid].options
        pick = next(o for o in options if o.correct == (mark == "R"))
        answers[qid] = [pick.id]
    return answers


def flip_answer_key(assessment, index):
    """Publish a new revision in which question ``index`` has another correct option (same
    question and option ids)."""
    raw = list(assessment.questions.raw_data)
    options = raw[index]["value"]["options"]
    options[0]["value"]["correct"], options[1]["value"]["correct"] = (
        options[1]["value"]["correct"],
        options[0]["value"]["correct"],
    )
    raw[0]["value"]["question"] = "Q1, reworded"
    assessment.questions = json.dumps(raw)
    assessment.save_revision().publish()


@pytest.fixture
def dataset():
    module = make_module(
        lessons=1,
        questions=[single(question=f"Q{n}") for n in range(1, 6)],
        has_pre_test=True,
        max_attempts=1,
    )
    assessment = AssessmentPage.objects.get()
    for number, pattern in enumerate(PATTERNS):
        if number == 3:
            # The rest answer a revision with Q3's key changed: each attempt is graded with
            # its own revision (read with the current key, a1-a3's Q3 would flip).
            flip_answer_key(AssessmentPage.objects.get(), 2)
        enrollment = enrollment_create(
            user=UserFactory(), module=module, source=Enrollment.Source.SELF
        )
        attempt = attempt_start(enrollment=enrollment, assessment=assessment)
        attempt_submit(attempt=attempt, answers=answers_for(attempt, pattern))
    # A pre-test, all wrong: counted apart, in neither the shares nor the discrimination.
    enrollment = enrollment_create(user=UserFactory(), module=module, source=Enrollment.Source.SELF)
    pre = pre_test_start(enrollment=enrollment)
    attempt_submit(attempt=pre, answers=answers_for(pre, "WWWWW"))
    # An attempt in progress is not counted.
    enrollment = enrollment_create(user=UserFactory(), module=module, source=Enrollment.Source.SELF)
    attempt_start(enrollment=enrollment, assessment=assessment)
    return AssessmentPage.objects.get()


def test_figures_on_a_known_dataset(dataset):
    percents = AssessmentAttempt.objects.filter(role="assessment", submitted_at__isnull=False)
    assert sorted(set(percents.values_list("percent", flat=True))) == [40, 60, 80]
    with CaptureQueriesContext(connection) as queries:
        analysis = item_analysis(assessment=dataset)
    if settings.PAGE_CACHES_ENABLED:  # two revisions, each parsed once (and kept)
        assert len(queries) <= 4
    assert (analysis.attempts, analysis.pre_tests) == (8, 1)
    assert analysis.small_sample
    assert [item.text for item in analysis.items] == ["Q1, reworded", "Q2", "Q3", "Q4", "Q5"]
    for item, (right, discrimination) in zip(analysis.items, EXPECTED, strict=True):
        assert item.asked == 8
        assert item.correct == right
        assert item.share_correct == right / 8
        assert item.discrimination == discrimination
        assert (item.pre_test_asked, item.pre_test_correct) == (1, 0)
    assert [bool(item.review) for item in analysis.items] == [False, False, False, True, True]
    assert len(analysis.items[4].review) == 2  # too easy, and separates nobody


def test_discrimination_index_and_review_rules():
    assert discrimination_index([]) is None
    assert discrimination_index([(50.0, True)]) is None
    # Two attempts: one in each group.
    assert discrimination_index([(90.0, True), (10.0, False)]) == 1.0
    # Ten: groups of three (27% of 10, rounded). Upper 2 of 3 right, lower 1 of 3.
    marks = [1, 0, 0, 1, 1, 1, 0, 0, 1, 1]
    assert discrimination_index([(float(p), bool(r)) for p, r in enumerate(marks)]) == round(
        2 / 3 - 1 / 3, 3
    )
    assert review_reasons(share_correct=0.5, discrimination=0.4) == ()
    assert len(review_reasons(share_correct=0.1, discrimination=0.4)) == 1
    assert len(review_reasons(share_correct=0.96, discrimination=0.1)) == 2
    assert review_reasons(share_correct=None, discrimination=None) == ()


def staff(role, *states):
    user = make_role(UserFactory(), role, *states)
    add_totp(user)
    return user


def test_authors_see_it_learners_and_trainers_do_not(client, dataset):
    url = item_analysis_url(dataset)
    author = staff(Role.AUTHOR)
    client.force_login(author)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Q1, reworded" in html
    assert "Discrimination" in html
    assert "Fewer than 20 attempts" in html
    assert "item-analysis__scroll" in html
    # The button on the assessment's page in the admin.
    assert url in client.get(f"/admin/pages/{dataset.pk}/edit/").content.decode()
    # Not an assessment: 404.
    assert client.get(item_analysis_url(dataset.get_parent())).status_code == 404

    client.force_login(staff(Role.REVIEWER))
    assert client.get(url).status_code == 200

    trainer = staff(Role.TRAINER, "MH")
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    assert "Q1, reworded" not in response.content.decode()

    learner = UserFactory()
    client.force_login(learner)
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    assert "Q1, reworded" not in response.content.decode()
    client.logout()
    assert client.get(url).status_code == 302
