"""The learner drill-down shows the time a learner actually spent on each module (what the
lesson pages' time beacon counted) beside their result, in a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from modules.content.models import LessonPage
from modules.learning.models import Enrollment, LessonProgress
from modules.learning.services import lesson_view
from modules.learning.templatetags.learning_tags import duration
from tests.helpers import captured_statements
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, make_group, trainer
from trainers.models import CohortMember

pytestmark = pytest.mark.django_db


def spend(user, module, seconds_per_lesson: int) -> None:
    enrollment = Enrollment.objects.select_related("module").get(user=user, module=module)
    for lesson in LessonPage.objects.child_of(module).live():
        lesson_view(enrollment=enrollment, lesson=lesson)
    LessonProgress.objects.filter(enrollment=enrollment).update(seconds_spent=seconds_per_lesson)


def drill_down(client, cohort, user):
    url = reverse("trainers:learner_detail", args=[cohort.pk, user.pk])
    with captured_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(statements)


def headings(html: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", h)).strip()
        for h in re.findall(r"<h3 .*?</h3>", html, re.S)
    ]


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0 min"), (29, "0 min"), (45 * 60, "45 min"), (80 * 60, "1 h 20 min"), (7200, "2 h")],
)
def test_duration_reads_as_hours_and_minutes(seconds, shown):
    with translation.override("en"):
        assert duration(seconds) == shown


def test_the_time_spent_on_each_module_stands_beside_the_result(client):
    group = make_group("AS")
    modules = [make_module(lessons=2, code="TSP-101"), make_module(lessons=2, code="TSP-102")]
    cohort = make_cohort("AS", group=group, modules=modules, learners=1)
    learner = CohortMember.objects.get(cohort=cohort).user
    spend(learner, modules[0], 40 * 60)  # two lessons: 1 h 20 min
    client.force_login(trainer("AS", group=group))
    response, _count = drill_down(client, cohort, learner)
    first, second = headings(response.content.decode())
    assert first.startswith("TSP-101")
    assert first.endswith("Time spent: 1 h 20 min")
    assert second.endswith("Time spent: 0 min")


def test_the_drill_down_costs_the_same_whatever_the_modules_and_lessons(client):
    group = make_group("AS")
    few = [make_module(lessons=1)]
    many = [make_module(lessons=3) for _ in range(4)]
    small = make_cohort("AS", group=group, modules=few, learners=1)
    large = make_cohort("AS", group=group, modules=many, learners=1)
    client.force_login(trainer("AS", group=group))
    counts = {}
    for name, cohort, modules in (("small", small, few), ("large", large, many)):
        learner = CohortMember.objects.get(cohort=cohort).user
        for module in modules:
            spend(learner, module, 600)
        drill_down(client, cohort, learner)  # session and roles settle
        response, counts[name] = drill_down(client, cohort, learner)
        minutes = len(LessonPage.objects.child_of(modules[0]).live()) * 10
        assert f"Time spent: {minutes} min" in response.content.decode()
    assert counts["small"] == counts["large"], counts
    # The caches save the site and locale rows; with them off (LMS_CACHES=off) it costs one more.
    assert counts["small"] <= (15 if settings.PAGE_CACHES_ENABLED else 16), counts
