"""Every level of the scorecard adds up to the level above it, on generated data."""

from __future__ import annotations

import dataclasses
import datetime
import random

import pytest
from django.utils import timezone

from certification.services import certificate_issue
from lms.accounts.models import Cadre
from lms.geography.models import District
from lms.workforce.models import PostCount
from modules.content.models import RequiredTraining
from modules.learning.models import Enrollment
from modules.learning.services import enrollment_create
from reports import selectors
from reports.services import scorecard_rebuild
from tests.accounts.factories import UserFactory
from tests.certification.factories import completed_enrollment
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def add_up(rows):
    total = selectors.Figures()
    for row in rows:
        total = total + row.figures
    return total


@pytest.fixture
def generated():
    rng = random.Random(13)
    cadres = list(Cadre.objects.filter(slug__in=["cwc-member", "dcpo", "social-worker"]))
    module = make_module(lessons=1, code="CP-101", certificate_validity_months=12)
    for cadre in cadres[:2]:
        RequiredTraining.objects.create(cadre=cadre, module=module, within_months=2)
    districts = list(District.objects.filter(state__code__in=["AS", "BR"], is_active=True)[:6])
    month = timezone.localdate().replace(day=1)
    for district in districts[:4]:
        for cadre in cadres:
            PostCount.objects.create(
                state_id=district.state_id, district=district, cadre=cadre, as_of=month,
                sanctioned=5, filled=rng.randint(0, 5), source=PostCount.Source.FORM,
            )  # fmt: skip
    PostCount.objects.create(
        state=districts[0].state, cadre=cadres[0], as_of=month, sanctioned=3, filled=2,
        source=PostCount.Source.FORM,
    )  # fmt: skip
    for number in range(30):
        district = rng.choice(districts)
        person = UserFactory(
            cadre=rng.choice(cadres),
            state=district.state,
            district=district if number % 7 else None,
            cadre_since=timezone.localdate() - datetime.timedelta(days=rng.randint(0, 500)),
        )
        stage = rng.randint(0, 2)
        if stage == 1:
            enrollment_create(user=person, module=module, source=Enrollment.Source.SELF)
        elif stage == 2:
            certificate_issue(enrollment_id=completed_enrollment(user=person, module=module).pk)
    scorecard_rebuild()
    return districts


def test_every_level_adds_up(generated):
    nation = selectors.national()
    assert nation.total.registered == 30
    assert add_up(nation.rows) == nation.total
    assert add_up(nation.by_cadre) == nation.total
    for state_row in nation.rows:
        if not state_row.obj or not state_row.figures.registered:
            continue
        state = selectors.state_scorecard(state=state_row.obj)
        assert state.total == state_row.figures
        assert add_up(state.rows) == state.total
        assert add_up(state.by_cadre) == state.total
        for district_row in state.rows:
            if not district_row.obj:
                continue
            district = selectors.district_scorecard(district=district_row.obj)
            assert district.total == district_row.figures
            assert add_up(district.rows) == district.total
        for cadre_row in state.by_cadre:
            if cadre_row.obj is None:
                continue
            cadre = selectors.cadre_scorecard(state=state_row.obj, cadre=cadre_row.obj)
            assert cadre.total == cadre_row.figures
            assert add_up(cadre.rows) == cadre.total


def test_coverage_counts_posts_where_reported_and_registrations_elsewhere(generated):
    nation = selectors.national()
    total = nation.total
    assert total.in_post >= total.trained
    assert total.estimated > 0  # some required cells have people but no posts
    assert 0 <= total.coverage <= 1
    assert dataclasses.asdict(total)["trained"] == sum(row.figures.trained for row in nation.rows)
