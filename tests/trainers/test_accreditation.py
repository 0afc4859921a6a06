"""Trainer accreditation: eligibility, observation, grant, renewal, revocation, public
verification, and the trainers shown as not accredited with their reason."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.accounts.models import Role, RoleAssignment
from modules.content.models import AssessmentPage
from modules.learning.models import AssessmentAttempt, Enrollment
from tests.accounts.factories import UserFactory, add_totp, district_of, make_role, state
from tests.modules.factories import make_module, single
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers import accreditation as acc
from trainers.models import (
    Accreditation,
    AccreditationStandard,
    Cohort,
    Observation,
    TrainerMembership,
    TrainingSession,
    UnaccreditedAssignment,
)
from trainers.services import cohort_members_add, group_member_add
from trainers.sessions import session_create, session_save
from trainers.views import accreditation as accreditation_views

pytestmark = pytest.mark.django_db

ALL_MEET = {criterion.key: 3 for criterion in acc.RUBRIC}


def assessed_module():
    return make_module(lessons=1, questions=[single()])


def passed(user, module, percent, *, complete=True, cycle=None):
    """``user`` took ``module``'s assessment with ``percent`` in the enrollment's cycle."""
    enrollment, _created = Enrollment.objects.get_or_create(
        user=user, module=module, defaults={"source": Enrollment.Source.SELF}
    )
    if complete:
        enrollment.status = Enrollment.Status.COMPLETED
        enrollment.completed_at = timezone.now()
        enrollment.save(update_fields=["status", "completed_at"])
    assessment = AssessmentPage.objects.child_of(module).get()
    AssessmentAttempt.objects.create(
        enrollment=enrollment,
        assessment=assessment,
        revision=assessment.latest_revision,
        number=enrollment.attempts.count() + 1,
        cycle=cycle or enrollment.cycle,
        question_ids=[],
        seed=1,
        submitted_at=timezone.now(),
        percent=Decimal(percent),
        passed=percent >= 70,
    )


def completed(user, module):
    Enrollment.objects.update_or_create(
        user=user,
        module=module,
        defaults={
            "source": Enrollment.Source.SELF,
            "status": Enrollment.Status.COMPLETED,
            "completed_at": timezone.now(),
        },
    )


def accredit(user, standard, **fields):
    """An accreditation made directly (a founding master trainer's, say)."""
    fields.setdefault("valid_until", timezone.localdate() + datetime.timedelta(days=400))
    fields.setdefault("level", Accreditation.Level.STATE)
    fields.setdefault("state", state("AS"))
    return Accreditation.objects.create(
        code=acc.new_code(), trainer=user, trainer_name=user.full_name, standard=standard, **fields
    )


def national_admin():
    user = make_role(UserFactory(), Role.NATIONAL_ADMIN)
    add_totp(user)
    return user


@pytest.fixture
def world():
    """An Assam training-of-trainers cohort for a standard of two modules and a ToT module,
    run by an accredited lead trainer, with one trainee who delivered a session."""
    group = make_group("AS")
    m1, m2, tot = assessed_module(), assessed_module(), make_module(lessons=1)
    standard = AccreditationStandard.objects.create(name="Juvenile justice", tot_module=tot)
    standard.modules.set([m1, m2])
    lead = trainer("AS", group=group)
    TrainerMembership.objects.filter(user=lead).update(role=TrainerMembership.Role.LEAD)
    accredit(lead, standard)
    cohort = make_cohort(
        "AS",
        group=group,
        modules=[m1, m2, tot],
        purpose=Cohort.Purpose.TRAINERS,
        accreditation_standard=standard,
        trainer_level=Cohort.TrainerLevel.STATE,
        trainers=[lead],
    )
    trainee = UserFactory(state=state("AS"), district=district_of("AS"))
    cohort_members_add(cohort=cohort, users=[trainee], by=None)
    start = timezone.now() - datetime.timedelta(days=2)
    session = session_create(
        cohort=cohort,
        module=m1,
        title="Practice delivery",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        venue="DCPU hall",
        trainers=[trainee, lead],
        by=lead,
        announce=False,
    )
    return {
        "group": group,
        "modules": [m1, m2],
        "tot": tot,
        "standard": standard,
        "lead": lead,
        "cohort": cohort,
        "trainee": trainee,
        "session": session,
    }


def qualify(world, *, skip=None):
    """Everything the trainee needs, but ``skip``."""
    trainee, (m1, m2) = world["trainee"], world["modules"]
    if skip != "m1":
        passed(trainee, m1, 90)
    if skip != "m2":
        passed(trainee, m2, 88)
    if skip != "tot":
        completed(trainee, world["tot"])
    if skip != "observation":
        acc.observation_create(
            session=world["session"],
            trainee=trainee,
            observer=world["lead"],
            standard=world["standard"],
            scores=ALL_MEET,
        )


def counts():
    return (
        Accreditation.objects.count(),
        TrainerMembership.objects.count(),
        RoleAssignment.objects.count(),
        Observation.objects.count(),
        UnaccreditedAssignment.objects.count(),
    )


# --- Eligibility ------------------------------------------------------------------------------


def test_eligible_with_every_rule_met(world):
    qualify(world)
    standing = acc.eligibility(user=world["trainee"], standard=world["standard"])
    assert standing.eligible
    assert [check.met for check in standing.checks] == [True, True, True, True]
    assert standing.observation.observer == world["lead"]


@pytest.mark.parametrize("skip", ["m1", "m2", "tot", "observation"])
def test_each_missing_rule_makes_the_trainee_ineligible(world, skip):
    qualify(world, skip=skip)
    standing = acc.eligibility(user=world["trainee"], standard=world["standard"])
    assert not standing.eligible
    assert sum(not check.met for check in standing.checks) == 1


def test_a_score_under_the_trainer_pass_mark_is_not_enough(world):
    qualify(world, skip="m1")
    passed(world["trainee"], world["modules"][0], 84)  # passes learners, not trainers
    assert not acc.eligibility(user=world["trainee"], standard=world["standard"]).eligible


def test_a_passing_attempt_of_an_earlier_cycle_does_not_count(world):
    qualify(world, skip="m1")
    m1 = world["modules"][0]
    passed(world["trainee"], m1, 95)
    Enrollment.objects.filter(user=world["trainee"], module=m1).update(cycle=2)
    assert not acc.eligibility(user=world["trainee"], standard=world["standard"]).eligible
    passed(world["trainee"], m1, 90)  # the latest cycle
    assert acc.eligibility(user=world["trainee"], standard=world["standard"]).eligible


def test_a_module_not_completed_does_not_count_whatever_the_score(world):
    qualify(world, skip="m2")
    passed(world["trainee"], world["modules"][1], 100, complete=False)
    assert not acc.eligibility(user=world["trainee"], standard=world["standard"]).eligible


def test_an_observation_not_meeting_the_standard_does_not_count(world):
    qualify(world, skip="observation")
    scores = {**ALL_MEET, "time": 2}
    observation = acc.observation_create(
        session=world["session"],
        trainee=world["trainee"],
        observer=world["lead"],
        standard=world["standard"],
        scores=scores,
    )
    assert observation.outcome == Observation.Outcome.NOT_YET
    assert not acc.eligibility(user=world["trainee"], standard=world["standard"]).eligible


def test_an_observer_whose_accreditation_was_revoked_no_longer_counts(world):
    qualify(world)
    Accreditation.objects.filter(trainer=world["lead"]).update(
        revoked_at=timezone.now(), revocation_reason="Left the service"
    )
    assert not acc.eligibility(user=world["trainee"], standard=world["standard"]).eligible


def test_a_national_administrator_observation_counts_for_the_founders(world):
    qualify(world, skip="observation")
    admin = national_admin()
    acc.observation_create(
        session=world["session"],
        trainee=world["trainee"],
        observer=admin,
        standard=world["standard"],
        scores=ALL_MEET,
    )
    assert acc.eligibility(user=world["trainee"], standard=world["standard"]).eligible


def test_eligibility_of_many_trainees_runs_a_fixed_number_of_queries(
    world, django_assert_max_num_queries
):
    qualify(world)
    others = [UserFactory(state=state("AS")) for _ in range(5)]
    with django_assert_max_num_queries(5):
        result = acc.eligibility_for(users=[world["trainee"], *others], standard=world["standard"])
    assert result[world["trainee"].pk].eligible
    assert not any(result[user.pk].eligible for user in others)


# --- Observation ------------------------------------------------------------------------------


def observe_url(world):
    return reverse("trainers:observation_create", args=[world["cohort"].pk, world["session"].pk])


def rubric_post(trainee, standard, **overrides):
    data = {"trainee": trainee.pk, "standard": standard.pk, "strengths": "Clear examples"}
    data.update({f"score_{c.key}": 3 for c in acc.RUBRIC})
    data.update(overrides)
    return data


def test_a_lead_trainer_observes_a_trainee_and_sees_the_outcome(client, world):
    client.force_login(world["lead"])
    page = client.get(
        reverse("trainers:session_detail", args=[world["cohort"].pk, world["session"].pk])
    )
    assert observe_url(world) in page.content.decode()
    response = client.post(
        observe_url(world), rubric_post(world["trainee"], world["standard"]), follow=True
    )
    assert response.status_code == 200
    observation = Observation.objects.get()
    assert observation.outcome == Observation.Outcome.MEETS
    assert observation.scores == ALL_MEET
    assert "Meets the standard" in response.content.decode()
    assert ModelLogEntry.objects.filter(action="trainers.observation.recorded").exists()


def test_observing_oneself_is_refused_and_writes_nothing(client, world):
    client.force_login(world["lead"])
    before = counts()
    response = client.post(observe_url(world), rubric_post(world["lead"], world["standard"]))
    assert response.status_code == 200
    assert "You cannot observe yourself" in response.content.decode()
    assert counts() == before


def test_observation_out_of_the_observers_state_is_404(client, world):
    stranger = coordinator("BR")
    client.force_login(stranger)
    assert client.get(observe_url(world)).status_code == 404
    before = counts()
    response = client.post(observe_url(world), rubric_post(world["trainee"], world["standard"]))
    assert response.status_code == 404
    assert counts() == before


def test_a_trainer_who_is_not_an_accredited_lead_gets_no_form(client, world):
    plain = trainer("AS", group=world["group"])
    client.force_login(plain)
    response = client.get(observe_url(world))
    assert "Only lead trainers and coordinators observe trainees" in response.content.decode()
    before = counts()
    assert (
        client.post(
            observe_url(world), rubric_post(world["trainee"], world["standard"])
        ).status_code
        == 404
    )
    assert counts() == before


def test_only_the_sessions_trainers_can_be_observed(world):
    outsider = UserFactory(state=state("AS"))
    with pytest.raises(ValidationError):
        acc.observation_create(
            session=world["session"],
            trainee=outsider,
            observer=world["lead"],
            standard=world["standard"],
            scores=ALL_MEET,
        )
    assert not Observation.objects.exists()


# --- Grant ------------------------------------------------------------------------------------


def test_grant_writes_the_accreditation_the_group_membership_and_the_role(client, world):
    qualify(world)
    trainee, cohort = world["trainee"], world["cohort"]
    coord = coordinator("AS")
    client.force_login(coord)
    page = client.get(reverse("trainers:cohort_accreditation", args=[cohort.pk]))
    assert page.status_code == 200
    assert "Grant accreditation" in page.content.decode()
    response = client.post(reverse("trainers:accreditation_grant", args=[cohort.pk, trainee.pk]))
    assert response.status_code == 302
    granted = Accreditation.objects.get(trainer=trainee)
    assert granted.level == Accreditation.Level.STATE
    assert granted.state == cohort.state
    assert granted.district is None
    assert granted.tot_cohort == cohort
    assert granted.trainer_name == trainee.full_name
    # The cohort's trainer, not the trainee who delivered its practice session.
    assert set(granted.trained_by.all()) == {world["lead"]}
    assert granted.observation is not None
    assert granted.valid_until == acc.add_months(timezone.localdate(), 36)
    assert acc.normalise_code(granted.code) == granted.code
    assert TrainerMembership.objects.filter(group=world["group"], user=trainee).exists()
    assert RoleAssignment.objects.filter(
        user=trainee, role=Role.TRAINER, state=cohort.state
    ).exists()
    assert ModelLogEntry.objects.filter(action="trainers.accreditation.granted").exists()
    assert acc.is_accredited(trainee, world["modules"][0])


def test_a_district_cohort_accredits_in_the_trainees_district(world):
    qualify(world)
    Cohort.objects.filter(pk=world["cohort"].pk).update(trainer_level=Cohort.TrainerLevel.DISTRICT)
    world["cohort"].refresh_from_db()
    granted = acc.accreditation_grant(
        trainee=world["trainee"],
        standard=world["standard"],
        by=coordinator("AS"),
        tot_cohort=world["cohort"],
    )
    assert granted.level == Accreditation.Level.DISTRICT
    assert granted.district == world["trainee"].district


def test_a_national_administrator_grants_a_national_master_trainer_without_a_cohort(world):
    qualify(world)
    granted = acc.accreditation_grant(
        trainee=world["trainee"], standard=world["standard"], by=national_admin()
    )
    assert granted.level == Accreditation.Level.NATIONAL
    assert granted.state is None


def test_an_ineligible_grant_is_refused_and_writes_nothing(client, world):
    qualify(world, skip="tot")
    client.force_login(coordinator("AS"))
    before = counts()
    response = client.post(
        reverse("trainers:accreditation_grant", args=[world["cohort"].pk, world["trainee"].pk]),
        follow=True,
    )
    assert "is not eligible yet" in response.content.decode()
    assert counts() == before


def test_a_second_grant_is_refused(world):
    qualify(world)
    coord = coordinator("AS")
    acc.accreditation_grant(
        trainee=world["trainee"], standard=world["standard"], by=coord, tot_cohort=world["cohort"]
    )
    before = counts()
    with pytest.raises(ValidationError, match="already holds"):
        acc.accreditation_grant(
            trainee=world["trainee"],
            standard=world["standard"],
            by=coord,
            tot_cohort=world["cohort"],
        )
    assert counts() == before


def test_a_grant_racing_another_keeps_one_row(world, monkeypatch):
    qualify(world)
    coord = coordinator("AS")
    acc.accreditation_grant(
        trainee=world["trainee"], standard=world["standard"], by=coord, tot_cohort=world["cohort"]
    )
    # The other grant read "none current" before this one committed.
    monkeypatch.setattr(acc, "current_accreditation", lambda **kwargs: None)
    with pytest.raises(ValidationError, match="already holds"):
        acc.accreditation_grant(
            trainee=world["trainee"],
            standard=world["standard"],
            by=coord,
            tot_cohort=world["cohort"],
        )
    assert Accreditation.objects.filter(trainer=world["trainee"]).count() == 1


def test_the_constraint_keeps_one_current_accreditation(world):
    accredit(world["trainee"], world["standard"])
    with pytest.raises(IntegrityError):
        accredit(world["trainee"], world["standard"])


def test_grant_out_of_scope_is_404(client, world):
    qualify(world)
    client.force_login(coordinator("BR"))
    before = counts()
    url = reverse("trainers:accreditation_grant", args=[world["cohort"].pk, world["trainee"].pk])
    assert client.post(url).status_code == 404
    assert (
        client.get(reverse("trainers:cohort_accreditation", args=[world["cohort"].pk])).status_code
        == 404
    )
    assert counts() == before


# --- Renewal and revocation -------------------------------------------------------------------


def granted(world):
    qualify(world)
    return acc.accreditation_grant(
        trainee=world["trainee"],
        standard=world["standard"],
        by=coordinator("AS"),
        tot_cohort=world["cohort"],
    )


def test_renewal_supersedes_the_old_accreditation(client, world):
    old = granted(world)
    client.force_login(coordinator("AS"))
    response = client.post(reverse("trainers:accreditation_renew", args=[old.pk]))
    assert response.status_code == 302
    old.refresh_from_db()
    new = Accreditation.objects.get(renews=old)
    assert old.status == Accreditation.Status.SUPERSEDED
    assert new.status == Accreditation.Status.VALID
    assert new.level == old.level
    assert new.state == old.state
    assert set(new.trained_by.all()) == set(old.trained_by.all())
    assert ModelLogEntry.objects.filter(action="trainers.accreditation.renewed").exists()


def test_renewal_without_eligibility_waits_for_the_last_90_days(world):
    old = granted(world)
    Enrollment.objects.filter(user=world["trainee"]).update(cycle=2)  # eligible no more
    with pytest.raises(ValidationError, match="cannot be renewed yet"):
        acc.accreditation_renew(accreditation=old, by=coordinator("AS"))
    assert Accreditation.objects.count() == 2  # the lead's and the trainee's
    Accreditation.objects.filter(pk=old.pk).update(
        valid_until=timezone.localdate() + datetime.timedelta(days=60)
    )
    old.refresh_from_db()
    acc.accreditation_renew(accreditation=old, by=coordinator("AS"))
    assert Accreditation.objects.filter(renews=old).exists()


def test_an_expired_accreditation_is_renewed_by_a_new_grant(world):
    old = granted(world)
    Accreditation.objects.filter(pk=old.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    new = acc.accreditation_grant(
        trainee=world["trainee"],
        standard=world["standard"],
        by=coordinator("AS"),
        tot_cohort=world["cohort"],
    )
    old.refresh_from_db()
    assert new.renews == old
    assert old.superseded_at is not None


def test_revocation_needs_confirmation_and_a_reason(client, world):
    row = granted(world)
    client.force_login(coordinator("AS"))
    url = reverse("trainers:accreditation_revoke", args=[row.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Misconduct", "confirm": ""})
    assert response.status_code == 200
    response = client.post(url, {"reason": "  ", "confirm": "on"})
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.revoked_at is None
    response = client.post(url, {"reason": "Misconduct", "confirm": "on"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Accreditation.Status.REVOKED
    assert row.revocation_reason == "Misconduct"
    assert ModelLogEntry.objects.filter(action="trainers.accreditation.revoked").exists()
    with pytest.raises(ValidationError):
        acc.accreditation_renew(accreditation=row, by=coordinator("AS"))


def test_revocation_out_of_scope_is_404(client, world):
    row = granted(world)
    client.force_login(coordinator("BR"))
    url = reverse("trainers:accreditation_revoke", args=[row.pk])
    assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


# --- Public verification ----------------------------------------------------------------------


def test_verification_by_code_and_by_grouped_code(client, world):
    row = granted(world)
    for code in (row.code, row.grouped_code, row.grouped_code.lower()):
        response = client.get(reverse("accreditation:verify", args=[code]))
        assert response.status_code == 200
        html = response.content.decode()
        assert row.trainer_name in html
        assert "Juvenile justice" in html
        assert world["modules"][0].code in html
        assert "This accreditation is valid" in html
    response = client.get(reverse("accreditation:verify_form"), {"code": row.grouped_code})
    assert response.status_code == 200
    assert row.trainer_name in response.content.decode()


def test_verification_shows_revoked_and_renewed(client, world):
    row = granted(world)
    acc.accreditation_revoke(accreditation=row, by=coordinator("AS"), reason="Left")
    html = client.get(reverse("accreditation:verify", args=[row.code])).content.decode()
    assert "has been revoked" in html
    assert "Left" in html


def test_an_unknown_code_is_404_with_the_form(client, world):
    response = client.get(reverse("accreditation:verify", args=["0000-0000-0000-0000"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "No accreditation matches this code" in html
    assert 'name="code"' in html
    assert client.get(reverse("accreditation:verify_form"), {"code": "nonsense"}).status_code == 404
    assert client.get(reverse("accreditation:verify_form")).status_code == 200


def test_verification_is_rate_limited(client, world, monkeypatch):
    monkeypatch.setattr(accreditation_views, "VERIFY_LIMIT", 2)
    url = reverse("accreditation:verify", args=["0000-0000-0000-0000"])
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"


# --- Where accreditations are shown -----------------------------------------------------------


def test_the_group_page_my_learning_and_the_state_list_show_accreditations(client, world):
    row = granted(world)
    coord = coordinator("AS")
    client.force_login(coord)
    html = client.get(reverse("trainers:group_detail", args=[world["group"].pk])).content.decode()
    assert "Juvenile justice" in html
    assert "Valid" in html
    listing = client.get(reverse("trainers:accreditation_list")).content.decode()
    assert row.trainer_name in listing
    add_totp(world["trainee"])  # a trainer now: signs in with an authenticator
    client.force_login(world["trainee"])
    mine = client.get(reverse("learning:my_learning")).content.decode()
    assert "My accreditations" in mine
    assert row.grouped_code in mine
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "My accreditations" in profile
    assert reverse("accreditation:verify", args=[row.grouped_code]) in profile
    client.force_login(coordinator("BR"))
    assert (
        row.trainer_name not in client.get(reverse("trainers:accreditation_list")).content.decode()
    )


# --- Unaccredited assignments -----------------------------------------------------------------


@pytest.fixture
def learners_cohort(world):
    """A cohort of learners for the standard's first module, and an unaccredited trainer of
    the group."""
    plain = trainer("AS", group=world["group"])
    cohort = make_cohort("AS", group=world["group"], modules=[world["modules"][0]])
    return {**world, "plain": plain, "learners": cohort}


def session_post(module, trainers, **extra):
    start = timezone.localtime() + datetime.timedelta(days=3)
    return {
        "module": module.pk,
        "title": "Day one",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "Hall",
        "trainers": [t.pk for t in trainers],
        **extra,
    }


def test_an_unaccredited_session_trainer_needs_a_reason_which_is_recorded(client, learners_cohort):
    w = learners_cohort
    cohort, plain = w["learners"], w["plain"]
    client.force_login(w["lead"])
    url = reverse("trainers:session_create", args=[cohort.pk])
    before = (TrainingSession.objects.count(), UnaccreditedAssignment.objects.count())
    response = client.post(url, session_post(w["modules"][0], [plain]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "not accredited to deliver these modules" in html
    assert 'name="unaccredited_reason"' in html
    assert "<textarea" in html
    assert (TrainingSession.objects.count(), UnaccreditedAssignment.objects.count()) == before
    response = client.post(
        url, session_post(w["modules"][0], [plain], unaccredited_reason="Only trainer in Dhubri")
    )
    assert response.status_code == 302
    assignment = UnaccreditedAssignment.objects.get(cohort=cohort, trainer=plain)
    assert assignment.reason == "Only trainer in Dhubri"
    assert assignment.recorded_by == w["lead"]
    # The session's trainer is not among the cohort's trainers; put them there too.
    cohort.trainers.add(plain)
    page = client.get(reverse("trainers:cohort_detail", args=[cohort.pk])).content.decode()
    assert "Not accredited: Only trainer in Dhubri" in page


def test_an_accredited_trainer_needs_no_reason(client, learners_cohort):
    w = learners_cohort
    client.force_login(w["lead"])
    response = client.post(
        reverse("trainers:session_create", args=[w["learners"].pk]),
        session_post(w["modules"][0], [w["lead"]]),
    )
    assert response.status_code == 302
    assert not UnaccreditedAssignment.objects.exists()


def test_a_module_no_standard_covers_needs_no_reason(learners_cohort):
    w = learners_cohort
    free = make_module(lessons=1)
    cohort = make_cohort("AS", group=w["group"], modules=[free], trainers=[w["plain"]])
    assert not UnaccreditedAssignment.objects.filter(cohort=cohort).exists()
    start = timezone.now() + datetime.timedelta(days=1)
    session_save(
        cohort=cohort,
        module=free,
        title="x",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        venue="Hall",
        trainers=[w["plain"]],
        by=w["lead"],
        announce=False,
    )
    assert not UnaccreditedAssignment.objects.exists()


def test_an_unaccredited_cohort_trainer_needs_a_reason_on_the_cohort_form(client, learners_cohort):
    w = learners_cohort
    client.force_login(w["lead"])
    data = {
        "name": "Dhubri batch",
        "state": state("AS").pk,
        "trainer_group": w["group"].pk,
        "trainers": [w["plain"].pk],
        "modules": [w["modules"][0].pk],
        "starts_on": "2026-12-20",
        "mode": Cohort.Mode.BLENDED,
        "status": Cohort.Status.PLANNED,
        "purpose": Cohort.Purpose.LEARNERS,
    }
    before = (Cohort.objects.count(), UnaccreditedAssignment.objects.count())
    response = client.post(reverse("trainers:cohort_create"), data)
    assert response.status_code == 200
    assert "not accredited to deliver these modules" in response.content.decode()
    assert (Cohort.objects.count(), UnaccreditedAssignment.objects.count()) == before
    response = client.post(
        reverse("trainers:cohort_create"), {**data, "unaccredited_reason": "Lead on leave"}
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(name="Dhubri batch")
    assert UnaccreditedAssignment.objects.get(cohort=cohort).reason == "Lead on leave"
    page = client.get(reverse("trainers:cohort_detail", args=[cohort.pk])).content.decode()
    assert "Not accredited: Lead on leave" in page


def test_trainees_deliver_their_tot_cohorts_sessions_without_a_reason(world):
    # The fixture's session named the (unaccredited) trainee as a trainer.
    assert not UnaccreditedAssignment.objects.exists()
    assert world["trainee"] in world["session"].trainers.all()


def test_group_member_add_helper_is_reused(world):
    # Granting to someone already in the group keeps their role.
    qualify(world)
    group_member_add(
        group=world["group"], user=world["trainee"], role=TrainerMembership.Role.LEAD, by=None
    )
    acc.accreditation_grant(
        trainee=world["trainee"],
        standard=world["standard"],
        by=coordinator("AS"),
        tot_cohort=world["cohort"],
    )
    assert (
        TrainerMembership.objects.get(group=world["group"], user=world["trainee"]).role
        == TrainerMembership.Role.LEAD
    )


# --- The standards in the Wagtail admin -------------------------------------------------------

STANDARDS = "/admin/snippets/trainers/accreditationstandard/"


def test_national_administrators_keep_the_standards(client, world):
    codenames = set(
        Group.objects.get(name=Role.NATIONAL_ADMIN)
        .permissions.filter(content_type__app_label="trainers")
        .values_list("codename", flat=True)
    )
    assert {"add_accreditationstandard", "change_accreditationstandard"} <= codenames
    client.force_login(national_admin())
    listing = client.get(STANDARDS)
    assert listing.status_code == 200
    assert "Juvenile justice" in listing.content.decode()
    m1 = world["modules"][0]
    response = client.post(
        f"{STANDARDS}add/",
        {
            "name": "Family-based care",
            "modules": [m1.pk],
            "tot_module": "",
            "pass_mark": 90,
            "validity_months": 24,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    created = AccreditationStandard.objects.get(name="Family-based care")
    assert list(created.modules.all()) == [m1]


def test_coordinators_do_not_edit_standards(client, world):
    client.force_login(coordinator("AS"))
    assert client.get(STANDARDS).status_code in (302, 403, 404)


def test_the_cohort_accreditation_page_keeps_its_query_budget(client, world, assert_max_statements):
    qualify(world)
    extra = [UserFactory(state=state("AS")) for _ in range(6)]
    cohort_members_add(cohort=world["cohort"], users=extra, by=None)
    client.force_login(coordinator("AS"))
    url = reverse("trainers:cohort_accreditation", args=[world["cohort"].pk])
    client.get(url)
    with assert_max_statements(30):
        assert client.get(url).status_code == 200


def test_the_state_list_counts_accredited_trainers_by_module(client, world):
    """Per module of a standard: the trainers with a valid accreditation, by level, and the
    districts with a district trainer; revoked and expired accreditations do not count."""
    row = granted(world)  # the trainee, a state core trainer (with the lead, accredited too)
    m1, m2 = world["modules"][:2]
    expired = UserFactory(state=state("AS"))
    Accreditation.objects.create(
        code="EXPIRED000000001",
        trainer=expired,
        trainer_name="Expired Trainer",
        standard=world["standard"],
        level=Accreditation.Level.STATE,
        state=state("AS"),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    rows = {m.code: m for m in acc.trainers_by_module(Accreditation.objects.all())}
    assert set(rows) == {m1.code, m2.code}
    held = Accreditation.objects.filter(
        revoked_at__isnull=True, valid_until__gte=timezone.localdate()
    )
    assert rows[m1.code].total == held.values("trainer").distinct().count() >= 1
    assert rows[m1.code].district == 0
    client.force_login(coordinator("AS"))
    listing = client.get(reverse("trainers:accreditation_list")).content.decode()
    assert "Accredited trainers by module" in listing
    assert f"{m1.code} · {m1.title}" in listing
    assert row.trainer_name in listing
