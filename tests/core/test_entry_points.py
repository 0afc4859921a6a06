"""The home page's entry points: each app's cards, shown to the people they are for."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from lms.accounts.models import Role
from lms.core.entry_points import entry_points_for
from tests.accounts.factories import UserFactory, district_of, make_district_officer, make_role

pytestmark = pytest.mark.django_db

EVERYONE = [
    ("My learning", "/learning/", "Learning"),
    ("Verify a certificate", "/verify/", "Certificates"),
    ("My profile", "/accounts/profile/", "Your account"),
    ("Security", "/accounts/2fa/", "Your account"),
]


def _cards(user) -> list[tuple[str, str, str]]:
    request = RequestFactory().get("/")
    request.user = user
    entries = entry_points_for(request)
    # The catalogue's card depends on the pages there are; the others are fixed.
    return [
        (entry.title, entry.url, entry.section)
        for entry in entries
        if entry.title != "Module catalogue"
    ]


def test_a_learner_sees_their_learning_and_account():
    learner = UserFactory()
    assert _cards(learner) == EVERYONE


def test_a_trainer_also_sees_cohorts_evidence_the_cascade_and_certificates():
    trainer = make_role(UserFactory(), Role.TRAINER, "AS")
    assert _cards(trainer) == [
        EVERYONE[0],
        ("Cohorts", "/trainers/", "Training"),
        ("Evidence", "/trainers/evidence/", "Training"),
        ("Training cascade", "/trainers/cascade/", "Training"),
        ("Certificates", "/certificates/", "Certificates"),
        *EVERYONE[1:],
    ]


def test_a_coordinator_also_sees_trainer_groups_and_accreditations():
    coordinator = make_role(UserFactory(), Role.COORDINATOR, "AS")
    titles = [title for title, _url, _section in _cards(coordinator)]
    assert titles[:9] == [
        "My learning",
        "Cohorts",
        "Trainer groups",
        "Trainer accreditations",
        "Evidence",
        "Training cascade",
        "Workforce scorecard",
        "Certificates",
        "Verify a certificate",
    ]


def test_a_district_officer_sees_their_scorecard_and_cohorts_but_no_trainer_groups():
    officer = make_district_officer(UserFactory(), district_of("AS"))
    assert _cards(officer) == [
        EVERYONE[0],
        ("Cohorts", "/trainers/", "Training"),
        ("Evidence", "/trainers/evidence/", "Training"),
        ("Workforce scorecard", "/reports/", "Training"),
        *EVERYONE[1:],
    ]


def test_a_superuser_sees_both_administrations():
    admin = UserFactory(is_superuser=True)
    cards = _cards(admin)
    assert [(title, section) for title, _url, section in cards[-4:]] == [
        ("Content administration", "Administration"),
        ("System administration", "Administration"),
        ("My profile", "Your account"),
        ("Security", "Your account"),
    ]


def test_a_visitor_sees_only_the_verification():
    assert _cards(AnonymousUser()) == [EVERYONE[1]]
