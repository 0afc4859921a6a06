"""Training-of-trainers cohorts: the cohort form's purpose, standard and level, and their
trainees as trainers of their sessions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.accounts.factories import UserFactory, state
from tests.modules.factories import make_module
from tests.trainers.factories import coordinator, make_cohort, make_group
from trainers.forms import SessionForm
from trainers.models import AccreditationStandard, Cohort
from trainers.services import cohort_members_add, cohort_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    group = make_group("AS")
    module = make_module(lessons=1)
    standard = AccreditationStandard.objects.create(name="Child protection basics")
    user = coordinator("AS")
    client.force_login(user)
    return {"group": group, "module": module, "standard": standard, "user": user}


def post(setup, **fields):
    data = {
        "name": "Master trainers 2027",
        "state": state("AS").pk,
        "trainer_group": setup["group"].pk,
        "modules": [setup["module"].pk],
        "starts_on": "2027-01-10",
        "mode": Cohort.Mode.IN_PERSON,
        "status": Cohort.Status.PLANNED,
        "purpose": Cohort.Purpose.TRAINERS,
        "accreditation_standard": setup["standard"].pk,
        "trainer_level": Cohort.TrainerLevel.DISTRICT,
    }
    data.update(fields)
    return data


def test_a_tot_cohort_is_saved_with_its_standard_and_level(client, setup):
    response = client.post(reverse("trainers:cohort_create"), post(setup))
    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert cohort.trains_trainers
    assert cohort.accreditation_standard == setup["standard"]
    assert cohort.trainer_level == Cohort.TrainerLevel.DISTRICT
    page = client.get(reverse("trainers:cohort_detail", args=[cohort.pk])).content.decode()
    assert "Child protection basics" in page
    assert reverse("trainers:cohort_accreditation", args=[cohort.pk]) in page
    edit = client.get(reverse("trainers:cohort_edit", args=[cohort.pk])).content.decode()
    assert 'value="trainers" selected' in edit or 'value="trainers" checked' in edit


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("accreditation_standard", "Choose the standard"),
        ("trainer_level", "Choose whether its members become"),
    ],
)
def test_a_tot_cohort_needs_both_standard_and_level(client, setup, missing, message):
    response = client.post(reverse("trainers:cohort_create"), post(setup, **{missing: ""}))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [missing]
    assert message in form.errors[missing][0]
    assert not Cohort.objects.exists()


def test_a_learners_cohort_takes_neither(client, setup):
    response = client.post(
        reverse("trainers:cohort_create"), post(setup, purpose=Cohort.Purpose.LEARNERS)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"accreditation_standard", "trainer_level"}
    assert not Cohort.objects.exists()
    response = client.post(
        reverse("trainers:cohort_create"),
        post(setup, purpose=Cohort.Purpose.LEARNERS, accreditation_standard="", trainer_level=""),
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert not cohort.trains_trainers
    assert cohort.accreditation_standard is None


def test_the_service_checks_the_purpose_again(setup):
    with pytest.raises(ValidationError) as error:
        cohort_save(
            by=setup["user"],
            name="No standard",
            state=state("AS"),
            trainer_group=setup["group"],
            modules=[setup["module"]],
            starts_on="2027-01-10",
            purpose=Cohort.Purpose.TRAINERS,
        )
    assert set(error.value.message_dict) == {"accreditation_standard", "trainer_level"}
    assert not Cohort.objects.exists()


def test_a_tot_cohorts_trainees_may_be_trainers_of_its_sessions(setup):
    tot = make_cohort(
        "AS",
        group=setup["group"],
        modules=[setup["module"]],
        purpose=Cohort.Purpose.TRAINERS,
        accreditation_standard=setup["standard"],
        trainer_level=Cohort.TrainerLevel.STATE,
    )
    plain = make_cohort("AS", group=setup["group"], modules=[setup["module"]])
    trainee = UserFactory(state=state("AS"))
    cohort_members_add(cohort=tot, users=[trainee], by=None)
    cohort_members_add(cohort=plain, users=[trainee], by=None)
    assert trainee in SessionForm(cohort=tot).fields["trainers"].queryset
    assert trainee not in SessionForm(cohort=plain).fields["trainers"].queryset
