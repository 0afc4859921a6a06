"""Trainer groups, cohorts and members for tests."""

from __future__ import annotations

import datetime

from lms.accounts.models import Role
from tests.accounts.factories import UserFactory, add_totp, make_role, state
from tests.modules.factories import make_module
from trainers.models import Cohort, TrainerGroup, TrainerMembership
from trainers.services import cohort_create, cohort_members_add, group_member_add


def trainer(state_code: str = "AS", *, group: TrainerGroup | None = None, **fields):
    """A trainer with an authenticator, a member of ``group`` (or of a new group of the
    state)."""
    group = group or make_group(state_code)
    user = UserFactory(state=state(state_code), **fields)
    group_member_add(group=group, user=user, role=TrainerMembership.Role.MEMBER, by=None)
    add_totp(user)
    for attr in ("_lms_roles", "_lms_states"):
        user.__dict__.pop(attr, None)
    return user


def coordinator(state_code: str = "AS", **fields):

    user = make_role(UserFactory(state=state(state_code), **fields), Role.COORDINATOR, state_code)
    add_totp(user)
    return user


def make_group(state_code: str = "AS", name: str | None = None) -> TrainerGroup:
    st = state(state_code)
    name = name or f"{st.name} State Core Trainer Group {TrainerGroup.objects.count() + 1}"
    return TrainerGroup.objects.create(state=st, name=name)


def make_cohort(
    state_code: str = "AS",
    *,
    modules=None,
    group: TrainerGroup | None = None,
    learners: int = 0,
    mode: str = Cohort.Mode.BLENDED,
    **fields,
) -> Cohort:
    group = group or make_group(state_code)
    modules = modules if modules is not None else [make_module(lessons=2)]
    cohort = cohort_create(
        by=None,
        name=fields.pop("name", f"Cohort {Cohort.objects.count() + 1}"),
        state=state(state_code),
        trainer_group=group,
        modules=modules,
        starts_on=fields.pop("starts_on", datetime.date(2026, 11, 1)),
        mode=mode,
        **fields,
    )
    if learners:
        users = [UserFactory(state=state(state_code)) for _ in range(learners)]
        cohort_members_add(cohort=cohort, users=users, by=None)
    return cohort
