"""The scorecard's other facts: languages, sessions and trainers, pass rates, time to
certificate."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from certification.services import certificate_issue
from reports.facts import facts_for
from reports.models import DeliveryCell
from reports.services import scorecard_rebuild
from tests.accounts.factories import UserFactory, district_of, state
from tests.certification.factories import completed_enrollment
from tests.trainers.factories import make_cohort, trainer
from trainers.models import TrainingSession
from trainers.services import cohort_modules

pytestmark = pytest.mark.django_db


def test_languages_sessions_trainers_and_time_to_certificate():
    kamrup = district_of("AS")
    UserFactory(district=kamrup, preferred_language="as")
    UserFactory(district=kamrup, preferred_language="as")
    UserFactory(state=state("BR"), district=district_of("BR"), preferred_language="hi")
    enrollment = completed_enrollment(user=UserFactory(district=kamrup))
    enrollment.__class__.objects.filter(pk=enrollment.pk).update(
        enrolled_at=timezone.now() - datetime.timedelta(days=10)
    )
    certificate_issue(enrollment_id=enrollment.pk)
    cohort = make_cohort("AS", learners=1)
    one, two = trainer("AS", group=cohort.trainer_group), trainer("AS", group=cohort.trainer_group)
    now = timezone.now()
    for hours in (1, 30):
        session = TrainingSession.objects.create(
            cohort=cohort, module=cohort_modules(cohort)[0], title=f"Day {hours}",
            starts_at=now - datetime.timedelta(hours=hours),
            ends_at=now - datetime.timedelta(hours=hours - 1),
        )  # fmt: skip
        session.trainers.add(one, two)
    # Sessions that began earlier this month count; make sure both did.
    if (now - datetime.timedelta(hours=30)).month != now.month:
        pytest.skip("the month began within the last 30 hours")

    snapshot = scorecard_rebuild()

    nation = facts_for(month=snapshot.month)
    languages = {code: people for code, _name, people in nation.languages}
    assert languages["as"] >= 2
    assert languages["hi"] == 1
    assert (nation.sessions, nation.trainers) == (2, 2)
    assam = facts_for(month=snapshot.month, state=state("AS"))
    assert (assam.sessions, assam.trainers) == (2, 2)
    bihar = facts_for(month=snapshot.month, state=state("BR"))
    assert (bihar.sessions, bihar.trainers) == (0, 0)
    [duration] = [d for d in assam.durations if d["certificates"]]
    assert 9.9 <= duration["median_days"] <= 10.1
    assert DeliveryCell.objects.filter(level="district", district=cohort.district).exists() == bool(
        cohort.district_id
    )
