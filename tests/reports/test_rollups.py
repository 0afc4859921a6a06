"""The scorecard's rollups: what the rebuild counts, and that events between rebuilds leave
the cells exactly as a rebuild would."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from certification.services import certificate_issue, certificate_revoke
from lms.accounts.models import Cadre
from lms.workforce.models import PostCount
from lms.workforce.services import post_count_set
from modules.content.models import RequiredTraining
from modules.learning.models import Enrollment
from modules.learning.services import enrollment_create
from reports.models import ActivityCell, CadreCell, ModuleCell, PersonStanding
from reports.services import scorecard_rebuild
from tests.accounts.factories import UserFactory, district_of, state
from tests.certification.factories import completed_enrollment
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def cells(model, *fields):
    return {
        (row["state_id"], row["district_id"], row["cadre_id"], row.get("module_id")): tuple(
            row[name] for name in fields
        )
        for row in model.objects.values()
        if any(row[name] for name in fields)
    }


CADRE_FIELDS = ("registered", "started", "completed", "trained", "expiring", "overdue")
MODULE_FIELDS = ("enrolled", "completed", "certified", "expiring", "overdue")


def snapshot_of_cells():
    return (
        cells(CadreCell, *CADRE_FIELDS),
        cells(ModuleCell, *MODULE_FIELDS),
        cells(ActivityCell, "completions", "certificates"),
        sorted(PersonStanding.objects.values_list("user_id", "status", "expiring", "overdue")),
    )


@pytest.fixture
def cwc():
    return Cadre.objects.get(slug="cwc-member")


@pytest.fixture
def required(cwc):
    module = make_module(lessons=1, code="CP-101", certificate_validity_months=24)
    RequiredTraining.objects.create(cadre=cwc, module=module, within_months=2)
    return module


def test_rebuild_counts_people_by_cadre_and_district(cwc, required):
    kamrup = district_of("AS")
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    untrained = UserFactory(cadre=cwc, district=kamrup, cadre_since=long_ago)
    starter = UserFactory(cadre=cwc, district=kamrup, cadre_since=timezone.localdate())
    enrollment_create(user=starter, module=required, source=Enrollment.Source.SELF)
    trained = UserFactory(cadre=cwc, district=kamrup)
    certificate_issue(enrollment_id=completed_enrollment(user=trained, module=required).pk)
    UserFactory(district=kamrup)  # a social worker: nothing required
    PostCount.objects.create(
        state=kamrup.state, district=kamrup, cadre=cwc, as_of=timezone.localdate().replace(day=1),
        sanctioned=5, filled=4, source=PostCount.Source.FORM,
    )  # fmt: skip

    scorecard_rebuild()

    cell = CadreCell.objects.get(district=kamrup, cadre=cwc)
    assert (cell.posts_sanctioned, cell.posts_filled, cell.required_modules) == (5, 4, 1)
    assert (cell.registered, cell.started, cell.completed, cell.trained) == (3, 2, 1, 1)
    assert cell.overdue == 1  # joined 400 days ago, due within 2 months, holds nothing
    module_cell = ModuleCell.objects.get(district=kamrup, cadre=cwc, module=required)
    assert (module_cell.enrolled, module_cell.completed, module_cell.certified) == (2, 1, 1)
    statuses = dict(PersonStanding.objects.values_list("user_id", "status"))
    assert statuses[untrained.pk] == "not_started"
    assert statuses[starter.pk] == "in_progress"
    assert statuses[trained.pk] == "trained"
    activity = ActivityCell.objects.get(district=kamrup, cadre=cwc, module=required)
    assert (activity.completions, activity.certificates) == (1, 1)


def test_events_between_rebuilds_leave_what_a_rebuild_would(
    cwc, required, django_capture_on_commit_callbacks
):
    kamrup = district_of("AS")
    patna = district_of("BR")
    people = [
        UserFactory(cadre=cwc, district=kamrup),
        UserFactory(cadre=cwc, state=state("BR"), district=patna),
    ]
    enrollments = [
        enrollment_create(user=person, module=required, source=Enrollment.Source.SELF)
        for person in people
    ]
    scorecard_rebuild()

    with django_capture_on_commit_callbacks(execute=True):
        done = completed_enrollment(user=people[0], module=required)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrollment_id=done.pk)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, by=None, reason="Issued in error")
    with django_capture_on_commit_callbacks(execute=True):
        other = completed_enrollment(user=people[1], module=required)
        certificate_issue(enrollment_id=other.pk)
    assert enrollments[0].pk == done.pk

    after_events = snapshot_of_cells()
    scorecard_rebuild()
    assert snapshot_of_cells() == after_events
    assert CadreCell.objects.get(district=patna, cadre=cwc).trained == 1
    assert CadreCell.objects.get(district=kamrup, cadre=cwc).trained == 0


def test_posts_recorded_after_a_rebuild_show_at_once_as_a_rebuild_would(
    cwc, required, django_capture_on_commit_callbacks
):
    kamrup = district_of("AS")
    UserFactory(cadre=cwc, district=kamrup)
    scorecard_rebuild()
    month = timezone.localdate().replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        post_count_set(
            state=kamrup.state, district=kamrup, cadre=cwc, month=month, sanctioned=5, filled=3
        )
    with django_capture_on_commit_callbacks(execute=True):
        post_count_set(  # a place where nobody is registered yet
            state=kamrup.state, district=None, cadre=cwc, month=month, sanctioned=2, filled=2
        )
    cell = CadreCell.objects.get(district=kamrup, cadre=cwc)
    assert (cell.posts_sanctioned, cell.posts_filled) == (5, 3)
    after_events = cells(CadreCell, "posts_sanctioned", "posts_filled", "required_modules")
    scorecard_rebuild()
    assert cells(CadreCell, "posts_sanctioned", "posts_filled", "required_modules") == after_events
