import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from lms.accounts.models import Consent, Role, RoleAssignment, User
from lms.geography.models import District, State

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, RoleAssignment, Consent, EmailAddress, State, District, ModelLogEntry)
    }


def test_seed_demo_twice_gives_the_same_rows(capsys):
    call_command("seed_demo")
    first = counts()
    out = capsys.readouterr().out
    call_command("seed_demo")
    assert counts() == first
    assert "admin@demo.example.org" in out
    assert "trainer.bihar@demo.example.org" in out


def test_seed_demo_gives_every_role_and_scope():
    call_command("seed_demo")
    for role in Role:
        assert Group.objects.get(name=role).user_set.exists(), role
    trainer_states = set(
        RoleAssignment.objects.filter(role=Role.TRAINER).values_list("state__code", flat=True)
    )
    assert trainer_states == {"AS", "BR"}
    learners = User.objects.filter(groups__name=Role.LEARNER)
    assert learners.count() >= 12
    assert set(learners.values_list("state__code", flat=True)) == {"AS", "BR"}
    assert all(not user.needs_profile for user in User.objects.all())
    for user in learners.exclude(district=None):  # the SCPS's own staff have no district
        assert user.district.state_id == user.state_id
