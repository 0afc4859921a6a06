"""Evidence that training works: gain from pre-test to post-test per cohort, trainer, module
version and district; the pages that show it, in scope only, without names."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role, User
from lms.geography.models import District
from modules.content.models import AssessmentPage
from modules.learning.models import AssessmentAttempt, Enrollment
from tests.accounts.factories import UserFactory, add_totp, make_district_officer, state
from tests.certification.factories import staff
from tests.helpers import captured_statements
from tests.modules.factories import make_module, single
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers import evidence
from trainers.models import Cohort
from trainers.services import cohort_members_add
from trainers.sessions import session_cancel, session_create

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 2, 4, 30, tzinfo=datetime.UTC)


def attempt(enrollment, *, role="assessment", number=1, percent, passed=None, cycle=1, done=True):
    assessment = AssessmentPage.objects.child_of(enrollment.module).get()
    return AssessmentAttempt.objects.create(
        enrollment=enrollment,
        assessment=assessment,
        revision=assessment.latest_revision,
        role=role,
        number=number,
        cycle=cycle,
        question_ids=[],
        seed=1,
        submitted_at=timezone.now() if done else None,
        percent=Decimal(percent) if percent is not None else None,
        passed=passed if passed is not None else (Decimal(percent) >= 70 if done else None),
    )


def took_tests(enrollment, pre, *posts):
    """A pre-test at ``pre`` and assessment attempts at ``posts`` (first is the post-test)."""
    if pre is not None:
        attempt(enrollment, role="pre_test", number=0, percent=pre)
    for number, post in enumerate(posts, start=1):
        attempt(enrollment, number=number, percent=post)


def module_with_pre_test(**fields):
    return make_module(lessons=1, questions=[single()], has_pre_test=True, **fields)


def enrollment(user, module):
    return Enrollment.objects.get(user=user, module=module)


def members(cohort):
    return [m.user for m in cohort.members.select_related("user").order_by("pk")]


@pytest.fixture
def dataset():
    """An Assam cohort of four on a module with a pre-test: two with both tests, one with the
    pre-test only, one with the post-test only; a trainer who ran its session."""
    group = make_group("AS")
    module = module_with_pre_test(version="2.0")
    cohort = make_cohort("AS", group=group, modules=[module], learners=4, name="Kamrup batch")
    lead = trainer("AS", group=group, full_name="Anjali Das")
    session_create(
        cohort=cohort,
        module=module,
        title="Day 1",
        venue="DCPU hall",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=3),
        trainers=[lead],
        by=None,
        announce=False,
    )
    a, b, c, d = members(cohort)
    took_tests(enrollment(a, module), "40.00", "80.00", "90.00")  # gain 40, passed first time
    took_tests(enrollment(b, module), "50.00", "60.00", "100.00")  # gain 10, failed first time
    took_tests(enrollment(c, module), "30.00")  # pre-test only
    took_tests(enrollment(d, module), None, "90.00")  # post-test only
    return {"cohort": cohort, "module": module, "trainer": lead, "group": group}


def test_gain_on_a_known_dataset(dataset):
    gain = evidence.gain_for_cohort(dataset["cohort"])
    assert gain.learners == 2  # pre-only and post-only enrollments are left out
    assert gain.avg_pre == 45.0
    assert gain.avg_post == 70.0  # the FIRST attempts: 80 and 60, not the retakes
    assert gain.avg_gain == 25.0
    assert gain.pass_rate == 50.0
    assert [count for _label, count in gain.band_rows] == [0, 0, 1, 0, 1]


def test_unsubmitted_and_other_cycles(dataset):
    module, cohort = dataset["module"], dataset["cohort"]
    _a, _b, c, d = members(cohort)
    # An attempt in progress is no post-test.
    attempt(enrollment(c, module), number=1, percent=None, done=False)
    # A second cycle with both tests counts on its own (30 - 10 = 20 points); its first
    # cycle had no pre-test.
    e = enrollment(d, module)
    attempt(e, role="pre_test", number=0, cycle=2, percent="10.00")
    attempt(e, number=2, cycle=2, percent="30.00", passed=False)
    gain = evidence.gain_for_cohort(cohort)
    assert gain.learners == 3
    assert gain.avg_pre == pytest.approx((40 + 50 + 10) / 3, abs=0.1)
    assert gain.avg_post == pytest.approx((80 + 60 + 30) / 3, abs=0.1)
    assert gain.bands == (0, 0, 1, 1, 1)


def test_by_trainer_module_version_and_district(dataset):
    cohort, module, lead = dataset["cohort"], dataset["module"], dataset["trainer"]
    by_trainer = evidence.gain_by_trainer(state=state("AS"))
    assert set(by_trainer) == {lead.pk}
    assert by_trainer[lead.pk].avg_gain == 25.0
    assert evidence.gain_by_module_version(state=state("AS"))[(module.pk, "2.0")].learners == 2
    districts = evidence.gain_by_district(state=state("AS"))
    assert sum(g.learners for g in districts.values()) == 2
    # Another state's figures are not Assam's.
    assert evidence.gain_by_trainer(state=state("KL")) == {}
    assert evidence.gain_by_cohort(state=state("KL")) == {}
    assert evidence.gain_by_cohort(state=state("AS"))[cohort.pk].learners == 2


def test_trainer_attribution_rule(dataset):
    """Trainers who ran a session (not cancelled) of the cohort; a cohort without one counts
    for its own trainers."""
    cohort, module, lead = dataset["cohort"], dataset["module"], dataset["trainer"]
    named = trainer("AS", group=dataset["group"], full_name="Named only")
    cohort.trainers.add(named)
    assert set(evidence.gain_by_trainer(state=state("AS"))) == {lead.pk}
    # Once its only session is cancelled, the cohort counts for its named trainers instead.
    session_cancel(session=cohort.sessions.get(), by=None)
    assert set(evidence.gain_by_trainer(state=state("AS"))) == {named.pk}
    # A learner in two cohorts of the same trainer counts once.
    other = make_cohort("AS", group=dataset["group"], modules=[module], name="Second batch")
    other.trainers.add(named)
    cohort_members_add(cohort=other, users=members(cohort)[:1], by=None)
    gains = evidence.gain_by_trainer(state=state("AS"))
    assert gains[named.pk].learners == 2


def _grow(cohort, module, count):
    users = [UserFactory(state=cohort.state) for _ in range(count)]
    cohort_members_add(cohort=cohort, users=users, by=None)
    for user in users:
        took_tests(enrollment(user, module), "20.00", "70.00")


def test_fixed_number_of_queries(dataset):
    cohort, module = dataset["cohort"], dataset["module"]

    def run():
        with captured_statements() as statements:
            evidence.gain_by_cohort(state=cohort.state)
            evidence.gain_by_trainer(state=cohort.state)
            evidence.gain_by_district(state=cohort.state)
            evidence.gain_by_module_version(state=cohort.state)
        return len(statements)

    small = run()
    _grow(cohort, module, 6)
    make_cohort("AS", group=dataset["group"], modules=[module], learners=3)
    assert run() == small
    assert evidence.gain_for_cohort(cohort).learners == 8


# --- Pages ------------------------------------------------------------------------------------


@pytest.fixture
def results(dataset):
    """The dataset with a third learner with both tests (its figures are shown from three)."""
    cohort, module = dataset["cohort"], dataset["module"]
    _grow(cohort, module, 1)
    return dataset


def test_cohort_evidence_tab(client, results):
    cohort = results["cohort"]
    client.force_login(results["trainer"])
    response = client.get(reverse("trainers:cohort_evidence", args=[cohort.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="table-scroll"' in body
    assert 'tabindex="0"' in body
    assert "Average gain" in body
    for member in members(cohort):
        assert member.full_name not in body


def test_evidence_page_in_scope(client, results):
    client.force_login(coordinator("AS"))
    response = client.get(reverse("trainers:evidence"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Anjali Das" in body  # by trainer
    assert results["module"].code in body
    for member in members(results["cohort"]):
        assert member.full_name not in body


def test_out_of_scope_is_404(client, results):
    cohort = results["cohort"]
    client.force_login(coordinator("KL"))
    assert client.get(reverse("trainers:cohort_evidence", args=[cohort.pk])).status_code == 404
    response = client.get(reverse("trainers:evidence"))
    assert response.status_code == 200
    assert "Anjali Das" not in response.content.decode()
    learner = UserFactory(state=state("AS"))
    client.force_login(learner)
    assert client.get(reverse("trainers:evidence")).status_code == 404
    assert client.get(reverse("trainers:cohort_evidence", args=[cohort.pk])).status_code == 404


def test_state_filter_for_national_admins(client, results):
    admin = staff(Role.NATIONAL_ADMIN)
    client.force_login(admin)
    assam = state("AS")
    body = client.get(reverse("trainers:evidence"), {"state": assam.pk}).content.decode()
    assert "Anjali Das" in body
    kerala = state("KL")
    body = client.get(reverse("trainers:evidence"), {"state": kerala.pk}).content.decode()
    assert "Anjali Das" not in body
    assert client.get(reverse("trainers:evidence"), {"state": "x"}).status_code == 404


def test_district_officer_sees_their_districts_learners_only(client, results):
    cohort = results["cohort"]
    district, elsewhere = District.objects.filter(state__code="AS").order_by("name")[:2]
    Cohort.objects.filter(pk=cohort.pk).update(district=district)
    people = [m.user_id for m in cohort.members.all()]
    User.objects.filter(pk__in=people).update(district=elsewhere)
    officer = make_district_officer(UserFactory(state=district.state), district)
    add_totp(officer)
    client.force_login(officer)
    url = reverse("trainers:cohort_evidence", args=[cohort.pk])
    body = client.get(url).content.decode()
    assert "0 learners have taken both tests" in body
    assert "36.7%" not in body
    User.objects.filter(pk__in=people).update(district=district)
    body = client.get(url).content.decode()
    assert "36.7%" in body  # (40 + 50 + 20) / 3, the average pre-test


def test_a_trainer_reads_the_results_of_their_own_cohorts_only(client, results):
    """A colleague in the same state trainer group reads the cohort, but not its people's
    results or feedback; the evidence page leaves its figures out for them."""
    cohort = results["cohort"]
    colleague = trainer("AS", group=results["group"], full_name="Bitupan Gogoi")
    client.force_login(colleague)
    tab = client.get(reverse("trainers:cohort_evidence", args=[cohort.pk]))
    assert tab.status_code == 200
    body = tab.content.decode()
    assert "shown to its own trainers and to the state's coordinators" in body
    assert "Average gain" not in body
    assert "36.7%" not in body
    overview = client.get(reverse("trainers:evidence")).content.decode()
    assert "Anjali Das" not in overview
    # Named among the cohort's trainers, they read it.
    cohort.trainers.add(colleague)
    body = client.get(reverse("trainers:cohort_evidence", args=[cohort.pk])).content.decode()
    assert "Average gain" in body
    assert "Anjali Das" in client.get(reverse("trainers:evidence")).content.decode()
