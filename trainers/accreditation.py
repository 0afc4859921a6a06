"""Trainer accreditation: who may deliver a module, how they show it, and who says so.

A trainer is accredited against an ``AccreditationStandard`` (a family of modules) once they
are **eligible** (``eligibility``, computed, never stored) and a coordinator or an accredited
lead trainer **grants** it (``accreditation_grant``). Eligible means:

1. each of the standard's modules completed, with a submitted assessment attempt (role
   ``assessment``) of the enrollment's latest cycle at or above the standard's pass mark;
2. the standard's training-of-trainers module completed, where it names one;
3. at least one observation with the outcome "meets" of a session the trainee was a trainer
   of (not cancelled), by an observer who holds a current valid accreditation for the same
   standard — or who is a national administrator: the founding master trainers are observed
   by national administrators, since nobody is accredited before them.

An accreditation is verifiable by its code like a certificate (``accreditation_by_code``); it
is renewed by a new accreditation that supersedes it (``accreditation_renew``) and may be
revoked with a reason (``accreditation_revoke``). A trainer put on a cohort or a session of a
module they are not accredited to deliver needs a reason (``unaccredited_to_record``), kept as
an ``UnaccreditedAssignment`` and shown on the cohort's page.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certification.services import new_code, normalise_code
from lms.accounts.access import is_national_admin, states_for
from lms.accounts.models import Role, User
from lms.core.audit import audit
from lms.core.dates import add_months
from modules.learning.models import AssessmentAttempt, Enrollment

# ``services`` imports this module for the unaccredited-assignment rule: a module import on
# both sides keeps the cycle harmless whichever loads first.
from . import access, services
from .models import (
    Accreditation,
    AccreditationStandard,
    Cohort,
    CohortMember,
    Observation,
    TrainerMembership,
    TrainingSession,
    UnaccreditedAssignment,
)

#: Days before expiry from which an accreditation may be renewed without showing eligibility
#: again.
RENEWAL_WINDOW_DAYS = 90

# --- The observation rubric -------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str | Promise
    #: Score (1 to 4) → what that level looks like.
    levels: dict[int, str | Promise]


#: A score from this level up on every criterion meets the standard.
MEETS_FROM = 3
#: The levels' names, 1 to 4.
LEVEL_NAMES = {
    1: gettext_lazy("Not yet"),
    2: gettext_lazy("Developing"),
    3: gettext_lazy("Meets"),
    4: gettext_lazy("Strong"),
}

RUBRIC: list[Criterion] = [
    Criterion(
        "preparation",
        gettext_lazy("Preparation"),
        {
            1: gettext_lazy("Materials or plan missing; the session starts late or unready."),
            2: gettext_lazy("A plan, but materials incomplete or untested."),
            3: gettext_lazy("Plan, materials and room ready before learners arrive."),
            4: gettext_lazy("Ready, and adapted beforehand to the learners' cadres and work."),
        },
    ),
    Criterion(
        "content",
        gettext_lazy("Accurate content"),
        {
            1: gettext_lazy("Errors in law, procedure or facts go uncorrected."),
            2: gettext_lazy("Mostly accurate; some points vague or out of date."),
            3: gettext_lazy("Accurate and in line with the module and the current rules."),
            4: gettext_lazy("Accurate, with clear examples from the learners' own work."),
        },
    ),
    Criterion(
        "participation",
        gettext_lazy("Participation and checking understanding"),
        {
            1: gettext_lazy("Lectures throughout; understanding is not checked."),
            2: gettext_lazy("Some questions, answered by a few learners only."),
            3: gettext_lazy("Most learners take part; understanding is checked and gaps met."),
            4: gettext_lazy("Everyone takes part; misunderstandings are found and put right."),
        },
    ),
    Criterion(
        "safeguarding",
        gettext_lazy("Child-rights and safeguarding practice"),
        {
            1: gettext_lazy("Identifying details of children shared, or harmful views left."),
            2: gettext_lazy("Safe practice mostly, with lapses not addressed."),
            3: gettext_lazy("Confidentiality kept; the child's best interest guides the talk."),
            4: gettext_lazy("Models safe practice and addresses unsafe views with care."),
        },
    ),
    Criterion(
        "time",
        gettext_lazy("Time and plan"),
        {
            1: gettext_lazy("Large parts of the plan skipped or the session overruns badly."),
            2: gettext_lazy("Parts rushed or dropped to keep to time."),
            3: gettext_lazy("Covers the plan within the time, with room for questions."),
            4: gettext_lazy("Keeps to time and adjusts the plan to the group's needs."),
        },
    ),
]


def outcome_for(scores: dict[str, int]) -> str:
    """The outcome of a scored rubric: meets when every criterion is scored ``MEETS_FROM``
    or higher."""
    if all(scores.get(criterion.key, 0) >= MEETS_FROM for criterion in RUBRIC):
        return Observation.Outcome.MEETS
    return Observation.Outcome.NOT_YET


# --- Selectors --------------------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def valid_accreditations(day: datetime.date | None = None) -> QuerySet[Accreditation]:
    """Accreditations valid on ``day`` (today in India): current (neither revoked nor
    superseded) and not expired."""
    return Accreditation.objects.filter(
        revoked_at__isnull=True, superseded_at__isnull=True, valid_until__gte=day or _today()
    )


def current_accreditation(*, user, standard) -> Accreditation | None:
    """The trainer's current accreditation for ``standard`` (valid or expired; never a
    revoked or superseded one), or None."""
    return Accreditation.objects.filter(
        trainer=user, standard=standard, revoked_at__isnull=True, superseded_at__isnull=True
    ).first()


def holds_valid(user, standard, day: datetime.date | None = None) -> bool:
    """Whether ``user`` holds a valid accreditation for ``standard``."""
    return valid_accreditations(day).filter(trainer=user, standard=standard).exists()


def standards_covering(module_ids: Iterable[int]) -> dict[int, set[int]]:
    """Module id → ids of the active standards that include it (a module no standard covers
    is left out). One query."""
    through = AccreditationStandard.modules.through
    covering: dict[int, set[int]] = defaultdict(set)
    rows = through.objects.filter(
        trainingmodulepage_id__in=list(module_ids), accreditationstandard__is_active=True
    ).values_list("trainingmodulepage_id", "accreditationstandard_id")
    for module_id, standard_id in rows:
        covering[module_id].add(standard_id)
    return covering


def unaccredited_trainers(
    *, trainers: Iterable[User], module_ids: Iterable[int], day: datetime.date | None = None
) -> list[User]:
    """The ``trainers`` who lack a valid accreditation, for a standard covering it, for one
    of the modules or more. Modules no standard covers need none. Two queries at most."""
    trainers = list(trainers)
    covering = standards_covering(module_ids)
    if not trainers or not covering:
        return []
    standard_ids = set().union(*covering.values())
    held: dict[int, set[int]] = defaultdict(set)
    for trainer_id, standard_id in (
        valid_accreditations(day)
        .filter(trainer__in=trainers, standard_id__in=standard_ids)
        .values_list("trainer_id", "standard_id")
    ):
        held[trainer_id].add(standard_id)
    return [
        trainer
        for trainer in trainers
        if any(not (standards & held[trainer.pk]) for standards in covering.values())
    ]


def is_accredited(user, module, day: datetime.date | None = None) -> bool:
    """Whether ``user`` may deliver ``module`` (a source page): a valid accreditation for a
    standard covering it, or no active standard covers it."""
    return not unaccredited_trainers(trainers=[user], module_ids=[module.pk], day=day)


def accredited_trainers(
    *, standard: AccreditationStandard | None = None, state=None, day=None
) -> QuerySet[User]:
    """Trainers with a valid accreditation (for ``standard``; placed in ``state``, national
    ones included)."""
    valid = valid_accreditations(day)
    if standard is not None:
        valid = valid.filter(standard=standard)
    if state is not None:
        valid = valid.filter(Q(state=state) | Q(level=Accreditation.Level.NATIONAL))
    return User.objects.filter(pk__in=valid.values("trainer_id"))


def _observer_counts(standard_id, day) -> Q:
    """The observers whose observations count for ``standard_id``: national administrators
    and trainers holding a valid accreditation for it."""
    accredited = valid_accreditations(day).filter(
        trainer_id=OuterRef("observer_id"), standard_id=standard_id
    )
    admins = User.groups.through.objects.filter(
        user_id=OuterRef("observer_id"), group__name=Role.NATIONAL_ADMIN
    )
    return Q(observer__is_superuser=True) | Exists(admins) | Exists(accredited)


def qualifying_observations(*, standard, trainee_ids, day=None) -> QuerySet[Observation]:
    """Observations with the outcome "meets" for ``standard`` of these trainees, each on a
    session they were a trainer of (not cancelled), by an observer whose observation counts
    (``_observer_counts``). Newest first."""
    sessions = TrainingSession.trainers.through.objects.filter(
        trainingsession_id=OuterRef("session_id"), user_id=OuterRef("trainee_id")
    )
    return (
        Observation.objects.filter(
            standard=standard,
            trainee_id__in=list(trainee_ids),
            outcome=Observation.Outcome.MEETS,
            session__cancelled_at__isnull=True,
        )
        .filter(Exists(sessions))
        .filter(_observer_counts(standard.pk, day))
        .order_by("-observed_at")
    )


@dataclass(frozen=True)
class Check:
    """One line of the eligibility checklist."""

    label: str
    met: bool
    detail: str = ""


@dataclass
class Eligibility:
    """Where a trainee stands against a standard: the checklist and, when met, the
    observation that shows it."""

    user: User
    standard: AccreditationStandard
    checks: list[Check] = field(default_factory=list)
    observation: Observation | None = None

    @property
    def eligible(self) -> bool:
        return all(check.met for check in self.checks)


def eligibility_for(
    *, users: Iterable[User], standard: AccreditationStandard, day=None
) -> dict[int, Eligibility]:
    """The eligibility of each of ``users`` against ``standard`` (see the module's rules), by
    user id. A fixed number of queries whatever the number of users."""
    users = list(users)
    user_ids = [user.pk for user in users]
    modules = sorted(standard.modules.all(), key=lambda m: m.code)
    module_ids = [module.pk for module in modules]
    tracked = [*module_ids, *([standard.tot_module_id] if standard.tot_module_id else [])]
    completed = set(
        Enrollment.objects.filter(
            user_id__in=user_ids, module_id__in=tracked, status=Enrollment.Status.COMPLETED
        ).values_list("user_id", "module_id")
    )
    best = {
        (row["enrollment__user_id"], row["enrollment__module_id"]): row["best"]
        for row in AssessmentAttempt.objects.filter(
            enrollment__user_id__in=user_ids,
            enrollment__module_id__in=module_ids,
            role=AssessmentAttempt.Role.ASSESSMENT,
            submitted_at__isnull=False,
            cycle=F("enrollment__cycle"),
        )
        .values("enrollment__user_id", "enrollment__module_id")
        .annotate(best=Max("percent"))
        .order_by()
    }
    observations: dict[int, Observation] = {}
    for observation in qualifying_observations(
        standard=standard, trainee_ids=user_ids, day=day
    ).select_related("observer", "session"):
        observations.setdefault(observation.trainee_id, observation)
    tot = standard.tot_module if standard.tot_module_id else None
    result = {}
    for user in users:
        checks = []
        for module in modules:
            score = best.get((user.pk, module.pk))
            passed = score is not None and score >= standard.pass_mark
            done = (user.pk, module.pk) in completed
            if score is None:
                detail = _("No assessment submitted yet.")
            else:
                detail = _("Best score %(score)s%% (needs %(mark)s%%).") % {
                    "score": f"{score:.0f}",
                    "mark": standard.pass_mark,
                }
            if not done:
                detail = _("Not completed.") + " " + detail
            checks.append(Check(f"{module.code} · {module.title}", done and passed, detail))
        if tot is not None:
            done = (user.pk, tot.pk) in completed
            checks.append(
                Check(
                    _("Training-of-trainers module %(code)s") % {"code": tot.code},
                    done,
                    "" if done else _("Not completed."),
                )
            )
        observation = observations.get(user.pk)
        checks.append(
            Check(
                _("Observed delivering a session by an accredited lead trainer"),
                observation is not None,
                (
                    _("%(session)s, %(date)s")
                    % {
                        "session": observation.session.title,
                        "date": date_format(timezone.localdate(observation.observed_at), "j F Y"),
                    }
                    if observation is not None
                    else _("No observation meeting the standard yet.")
                ),
            )
        )
        result[user.pk] = Eligibility(user, standard, checks, observation)
    return result


def eligibility(*, user, standard: AccreditationStandard, day=None) -> Eligibility:
    """``user``'s eligibility against ``standard`` (``eligibility_for`` for one)."""
    return eligibility_for(users=[user], standard=standard, day=day)[user.pk]


def accreditations_of(user_ids: Iterable[int]) -> dict[int, list[Accreditation]]:
    """Every accreditation of these trainers, newest first, by trainer id. One query."""
    by_trainer: dict[int, list[Accreditation]] = defaultdict(list)
    for row in Accreditation.objects.filter(trainer_id__in=list(user_ids)).select_related(
        "standard", "state", "district"
    ):
        by_trainer[row.trainer_id].append(row)
    return by_trainer


def accreditation_by_code(text: str) -> Accreditation | None:
    """The accreditation with this typed code (dashes, spaces and case ignored, as for
    certificates), with its standard, modules and place; None for anything else."""
    code = normalise_code(text or "")
    if code is None:
        return None
    return (
        Accreditation.objects.select_related("standard", "state", "district")
        .prefetch_related("standard__modules")
        .filter(code=code)
        .first()
    )


def state_accreditations(*, user, state_id=None) -> QuerySet[Accreditation]:
    """The accreditations placed in the states ``user`` coordinates (those of ``state_id``
    only, when given), expiring first; national ones for national administrators. 404 for
    anyone who coordinates nowhere."""
    scope = access.group_scope(user)
    if not scope:
        raise Http404
    rows = Accreditation.objects.select_related("standard", "state", "district").order_by(
        "state__name", "valid_until", "trainer_name"
    )
    if not scope.everywhere:
        rows = rows.filter(state_id__in=scope.state_ids)
    if state_id is not None:
        rows = rows.filter(state_id=state_id)
    return rows


@dataclass
class ModuleTrainers:
    """How many trainers hold a valid accreditation to deliver one module, by level."""

    code: str
    title: str
    state: int = 0
    district: int = 0
    national: int = 0
    districts: set = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.state + self.district + self.national


def trainers_by_module(accreditations: QuerySet[Accreditation]) -> list[ModuleTrainers]:
    """Per module a valid accreditation among ``accreditations`` covers: the trainers
    accredited to deliver it, by level, and the districts that have a district trainer for
    it; by module code. A trainer counts once per module and level. One query."""
    rows = (
        accreditations.filter(
            revoked_at__isnull=True, superseded_at__isnull=True, valid_until__gte=_today()
        )
        .order_by()
        .values_list(
            "standard__modules__code",
            "standard__modules__title",
            "level",
            "trainer_id",
            "district_id",
        )
        .distinct()
    )
    by_code: dict[str, ModuleTrainers] = {}
    for code, title, level, _trainer, district_id in rows:
        if code is None:
            continue
        module = by_code.setdefault(code, ModuleTrainers(code=code, title=title))
        setattr(module, level, getattr(module, level) + 1)
        if district_id is not None:
            module.districts.add(district_id)
    return sorted(by_code.values(), key=lambda module: module.code)


def cohort_trainers(cohort: Cohort) -> list[User]:
    """The cohort's trainers by name, each with ``not_accredited`` (lacking a valid
    accreditation for one of the cohort's modules that a standard covers) and
    ``unaccredited_reason`` (the reason given on assigning them, or ""). Four queries."""
    trainers = list(cohort.trainers.order_by("full_name"))
    reasons = dict(
        UnaccreditedAssignment.objects.filter(cohort=cohort).values_list("trainer_id", "reason")
    )
    lacking = {
        user.pk
        for user in unaccredited_trainers(
            trainers=trainers, module_ids=cohort.cohort_modules.values_list("module_id", flat=True)
        )
    }
    for trainer in trainers:
        trainer.not_accredited = trainer.pk in lacking
        trainer.unaccredited_reason = reasons.get(trainer.pk, "") if trainer.not_accredited else ""
    return trainers


def group_accreditations(memberships) -> dict:
    """What a trainer group's page adds: its memberships, each with ``accreditations`` (the
    member's, newest first). One query more."""
    memberships = list(memberships)
    held = accreditations_of([membership.user_id for membership in memberships])
    for membership in memberships:
        membership.accreditations = held.get(membership.user_id, [])
    return {"memberships": memberships}


# --- Who may observe and grant ----------------------------------------------------------------


def _is_lead_in(user, state_id) -> bool:
    return TrainerMembership.objects.filter(
        user=user, role=TrainerMembership.Role.LEAD, group__state_id=state_id
    ).exists()


def may_assess(user, *, standard, state_id) -> bool:
    """Whether ``user`` may observe trainees and grant accreditations for ``standard`` in a
    state: a national administrator; a coordinator of the state; or a lead trainer of one of
    its trainer groups holding a valid accreditation for the standard. An observer also needs
    the accreditation (``observer_problem``)."""
    if is_national_admin(user):
        return True
    if state_id in states_for(user, Role.COORDINATOR):
        return True
    return (
        state_id in states_for(user, Role.TRAINER)
        and _is_lead_in(user, state_id)
        and holds_valid(user, standard)
    )


def observer_problem(user, *, standard, state_id) -> str | None:
    """Why ``user`` may not observe for ``standard`` in the state, or None if they may: a
    lead trainer or coordinator holding a valid accreditation for it, or a national
    administrator."""
    if is_national_admin(user):
        return None
    coordinator = state_id in states_for(user, Role.COORDINATOR)
    lead = state_id in states_for(user, Role.TRAINER) and _is_lead_in(user, state_id)
    if not (coordinator or lead):
        return _("Only lead trainers and coordinators observe trainees.")
    if not holds_valid(user, standard):
        return _("You need a valid accreditation for %(standard)s to observe for it.") % {
            "standard": standard.name
        }
    return None


def standards_for_session(session: TrainingSession) -> list[AccreditationStandard]:
    """The standards a session's delivery can be observed against: its cohort's standard
    for a training-of-trainers cohort, and the active standards covering its module."""
    standards = AccreditationStandard.objects.filter(
        Q(modules=session.module_id) | Q(tot_module=session.module_id), is_active=True
    )
    if session.cohort.accreditation_standard_id:
        standards = standards | AccreditationStandard.objects.filter(
            pk=session.cohort.accreditation_standard_id
        )
    return list(standards.distinct().order_by("name"))


@dataclass(frozen=True)
class ObserverStanding:
    """What ``user`` may observe at a session (``observer_standing``)."""

    #: The standards the session can be observed against (none: nothing to observe).
    standards: list[AccreditationStandard]
    #: Those ``user`` may observe for.
    allowed: list[AccreditationStandard]
    #: Why ``user`` may observe for none of them, or None.
    problem: str | None


def observer_standing(*, user, session: TrainingSession) -> ObserverStanding:
    """The standards ``user`` may observe ``session``'s trainers against
    (``standards_for_session`` and ``observer_problem``)."""
    standards = standards_for_session(session)
    problems = [
        observer_problem(user, standard=standard, state_id=session.cohort.state_id)
        for standard in standards
    ]
    allowed = [s for s, problem in zip(standards, problems, strict=True) if problem is None]
    problem = None if allowed else next((p for p in problems if p), None)
    return ObserverStanding(standards, allowed, problem)


def tot_cohort_for(*, user, cohort_id) -> Cohort:
    """A cohort ``user`` runs, for its accreditation pages (``cohort.trains_trainers`` says
    whether it has any); 404 for any other cohort."""
    return access.cohort_for_user(user=user, cohort_id=cohort_id)


def accreditation_for_manager(*, user, accreditation_id) -> Accreditation:
    """An accreditation placed in a state ``user`` may assess in (a national one for a
    national administrator), for renewal or revocation; 404 otherwise."""
    row = (
        Accreditation.objects.select_related("standard", "state", "district", "tot_cohort")
        .filter(pk=accreditation_id)
        .first()
    )
    if row is None:
        raise Http404
    if row.state_id is None:
        allowed = is_national_admin(user)
    else:
        allowed = may_assess(user, standard=row.standard, state_id=row.state_id)
    if not allowed:
        raise Http404
    return row


# --- Services ---------------------------------------------------------------------------------


def observation_create(
    *,
    session: TrainingSession,
    trainee: User,
    observer: User,
    standard: AccreditationStandard,
    scores: dict[str, int],
    strengths: str = "",
    improvements: str = "",
) -> Observation:
    """Record ``observer``'s observation of ``trainee`` delivering ``session``, scored on
    ``RUBRIC``; the outcome follows from the scores (``outcome_for``). The caller fetched the
    session in ``observer``'s scope. Refused (``ValidationError``, nothing written): oneself,
    someone who was not a trainer of the session, a cancelled session, an observer without
    the standing to observe (``observer_problem``), scores off the rubric, a second
    observation of the same trainee at the same session by the same observer."""
    if trainee.pk == observer.pk:
        raise ValidationError(
            {"trainee": _("You cannot observe yourself: ask another lead trainer.")}
        )
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled: there is nothing to observe."))
    if not session.trainers.filter(pk=trainee.pk).exists():
        raise ValidationError({"trainee": _("Choose one of the session's trainers.")})
    problem = observer_problem(observer, standard=standard, state_id=session.cohort.state_id)
    if problem:
        raise ValidationError(problem)
    keys = {criterion.key for criterion in RUBRIC}
    if set(scores) != keys or any(score not in LEVEL_NAMES for score in scores.values()):
        raise ValidationError(_("Score every criterion from 1 to 4."))
    if Observation.objects.filter(session=session, trainee=trainee, observer=observer).exists():
        raise ValidationError(_("You have already observed this trainer at this session."))
    outcome = outcome_for(scores)
    try:
        with transaction.atomic():
            observation = Observation.objects.create(
                session=session,
                trainee=trainee,
                observer=observer,
                standard=standard,
                scores=scores,
                outcome=outcome,
                strengths=strengths.strip(),
                improvements=improvements.strip(),
            )
            audit(
                instance=session,
                action="trainers.observation.recorded",
                user=observer,
                data={"trainee": trainee.pk, "standard": standard.pk, "outcome": outcome},
            )
    except IntegrityError:  # the same observation sent twice at once
        raise ValidationError(
            _("You have already observed this trainer at this session.")
        ) from None
    return observation


def _placement(*, trainee: User, tot_cohort: Cohort | None, by) -> dict:
    """Level and place of a new accreditation: the training-of-trainers cohort's level (its
    state, or the trainee's district in it); national for a national administrator's grant
    without a cohort."""
    if tot_cohort is None:
        if not is_national_admin(by):
            raise ValidationError(
                _("Grant accreditation from the trainee's training-of-trainers cohort.")
            )
        return {"level": Accreditation.Level.NATIONAL, "state": None, "district": None}
    if tot_cohort.trainer_level == Cohort.TrainerLevel.DISTRICT:
        district = trainee.district
        if district is None or district.state_id != tot_cohort.state_id:
            raise ValidationError(
                _(
                    "%(name)s becomes a district trainer: their profile must name their "
                    "district in %(state)s first."
                )
                % {"name": trainee.full_name or trainee.contact, "state": tot_cohort.state.name}
            )
        return {
            "level": Accreditation.Level.DISTRICT,
            "state": tot_cohort.state,
            "district": district,
        }
    return {"level": Accreditation.Level.STATE, "state": tot_cohort.state, "district": None}


def _create(
    *,
    trainee: User,
    standard: AccreditationStandard,
    by,
    place: dict,
    tot_cohort: Cohort | None,
    observation: Observation | None,
    trained_by: list,
    renews: Accreditation | None,
    now,
) -> Accreditation:
    accreditation = Accreditation.objects.create(
        code=new_code(),
        trainer=trainee,
        trainer_name=trainee.full_name or trainee.contact,
        standard=standard,
        tot_cohort=tot_cohort,
        observation=observation,
        granted_at=now,
        granted_by=by,
        valid_until=add_months(timezone.localdate(now), standard.validity_months),
        renews=renews,
        **place,
    )
    accreditation.trained_by.set(trained_by)
    return accreditation


def _already(trainee: User, standard) -> ValidationError:
    return ValidationError(
        _("%(name)s already holds a current accreditation for %(standard)s.")
        % {"name": trainee.full_name or trainee.contact, "standard": standard.name}
    )


def accreditation_grant(
    *,
    trainee: User,
    standard: AccreditationStandard,
    by,
    tot_cohort: Cohort | None = None,
) -> Accreditation:
    """Accredit an eligible ``trainee`` against ``standard``, valid for the standard's
    months from today (India). From a training-of-trainers cohort (of this standard, the
    trainee one of its members): the cohort's level and place, trained by the trainers of its
    sessions (not cancelled, as they are now; its trainees, who deliver practice sessions,
    are not among them), and the trainee joins its trainer group and so
    becomes a Trainer of the state (``services.group_member_add``). A national
    administrator may grant without a cohort: a national master trainer.

    An expired accreditation is superseded by the new one (it ``renews`` it). Refused
    (``ValidationError``, nothing written): ``by`` without the standing (``may_assess``), an
    ineligible trainee, a current valid accreditation already held (also when two grants
    race: the database keeps one)."""
    if tot_cohort is not None:
        if tot_cohort.accreditation_standard_id != standard.pk:
            raise ValidationError(_("This cohort trains for another standard."))
        is_member = CohortMember.objects.filter(
            cohort=tot_cohort, user=trainee, removed_at__isnull=True
        ).exists()
        if not is_member:
            raise ValidationError(_("Only members of the cohort can be accredited from it."))
        if not may_assess(by, standard=standard, state_id=tot_cohort.state_id):
            raise ValidationError(_("You may not grant this accreditation."))
    place = _placement(trainee=trainee, tot_cohort=tot_cohort, by=by)
    today = _today()
    current = current_accreditation(user=trainee, standard=standard)
    if current is not None and current.status_on(today) == Accreditation.Status.VALID:
        raise _already(trainee, standard)
    standing = eligibility(user=trainee, standard=standard)
    if not standing.eligible:
        missing = [check.label for check in standing.checks if not check.met]
        raise ValidationError(
            _("%(name)s is not eligible yet. Still needed: %(missing)s.")
            % {"name": trainee.full_name or trainee.contact, "missing": "; ".join(missing)}
        )
    trained_by = []
    if tot_cohort is not None:
        # The cohort's trainers, not its trainees: they deliver its practice sessions too.
        trained_by = list(
            User.objects.filter(
                pk__in=TrainingSession.trainers.through.objects.filter(
                    trainingsession__cohort=tot_cohort,
                    trainingsession__cancelled_at__isnull=True,
                ).values("user_id")
            ).exclude(pk__in=CohortMember.objects.filter(cohort=tot_cohort).values("user_id"))
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            if current is not None:
                Accreditation.objects.filter(pk=current.pk).update(superseded_at=now)
            accreditation = _create(
                trainee=trainee,
                standard=standard,
                by=by,
                place=place,
                tot_cohort=tot_cohort,
                observation=standing.observation,
                trained_by=trained_by,
                renews=current,
                now=now,
            )
            if tot_cohort is not None:
                group = tot_cohort.trainer_group
                if not TrainerMembership.objects.filter(group=group, user=trainee).exists():
                    services.group_member_add(group=group, user=trainee, by=by)
            audit(
                instance=accreditation,
                action="trainers.accreditation.granted",
                user=by,
                data={
                    "trainer": trainee.pk,
                    "standard": standard.pk,
                    "level": accreditation.level,
                    "cohort": tot_cohort.pk if tot_cohort else None,
                    "renews": str(current.pk) if current else None,
                },
            )
    except IntegrityError:  # another grant at the same moment came first
        raise _already(trainee, standard) from None
    return accreditation


def can_renew(accreditation: Accreditation, *, eligible: bool, day=None) -> bool:
    """Whether ``accreditation`` may be renewed now: it is current (neither revoked nor
    renewed), and either its holder is eligible again or it is valid and ends within
    ``RENEWAL_WINDOW_DAYS``."""
    day = day or _today()
    status = accreditation.status_on(day)
    if status in (Accreditation.Status.REVOKED, Accreditation.Status.SUPERSEDED):
        return False
    if eligible:
        return True
    return (
        status == Accreditation.Status.VALID
        and (accreditation.valid_until - day).days <= RENEWAL_WINDOW_DAYS
    )


def accreditation_renew(*, accreditation: Accreditation, by) -> Accreditation:
    """Renew ``accreditation``: a new one (``renews`` it) at the same level and place, from
    the same cohort and trainers, valid for the standard's months from today; the old one is
    superseded and stays verifiable as renewed. Allowed when ``can_renew``; refused
    otherwise (``ValidationError``, nothing written)."""
    standard = accreditation.standard
    if accreditation.state_id is None:
        allowed = is_national_admin(by)
    else:
        allowed = may_assess(by, standard=standard, state_id=accreditation.state_id)
    if not allowed:
        raise ValidationError(_("You may not renew this accreditation."))
    trainee = accreditation.trainer
    standing = eligibility(user=trainee, standard=standard)
    if not can_renew(accreditation, eligible=standing.eligible):
        raise ValidationError(
            _(
                "This accreditation cannot be renewed yet: renewal opens %(days)s days before "
                "it ends, or once the trainer is eligible again."
            )
            % {"days": RENEWAL_WINDOW_DAYS}
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            updated = Accreditation.objects.filter(
                pk=accreditation.pk, revoked_at__isnull=True, superseded_at__isnull=True
            ).update(superseded_at=now)
            if not updated:
                raise ValidationError(_("This accreditation has already been renewed or revoked."))
            renewed = _create(
                trainee=trainee,
                standard=standard,
                by=by,
                place={
                    "level": accreditation.level,
                    "state": accreditation.state,
                    "district": accreditation.district,
                },
                tot_cohort=accreditation.tot_cohort,
                observation=standing.observation or accreditation.observation,
                trained_by=list(accreditation.trained_by.all()),
                renews=accreditation,
                now=now,
            )
            audit(
                instance=renewed,
                action="trainers.accreditation.renewed",
                user=by,
                data={"trainer": trainee.pk, "renews": str(accreditation.pk)},
            )
    except IntegrityError:
        raise ValidationError(_("This accreditation has already been renewed.")) from None
    accreditation.superseded_at = now
    return renewed


def accreditation_revoke(*, accreditation: Accreditation, by, reason: str) -> None:
    """Revoke ``accreditation`` with a reason (shown on its verification page). Refused
    without a reason, or when it is already revoked or renewed (``ValidationError``, nothing
    written)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking.")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("Keep the reason under 500 characters.")})
    now = timezone.now()
    with transaction.atomic():
        updated = Accreditation.objects.filter(
            pk=accreditation.pk, revoked_at__isnull=True, superseded_at__isnull=True
        ).update(revoked_at=now, revoked_by=by, revocation_reason=reason)
        if not updated:
            raise ValidationError(_("This accreditation has already been revoked or renewed."))
        audit(
            instance=accreditation,
            action="trainers.accreditation.revoked",
            user=by,
            data={"reason": reason},
        )
    accreditation.revoked_at, accreditation.revocation_reason = now, reason


# --- Unaccredited assignments -----------------------------------------------------------------


def unaccredited_to_record(
    *, cohort: Cohort | None, trainers: Iterable[User], module_ids: Iterable[int], reason: str
) -> list[User]:
    """The trainers to record as assigned without accreditation (``unaccredited_trainers``
    not yet recorded for ``cohort``). Raises ``ValidationError`` on ``unaccredited_reason``
    when there are some and no ``reason``: the form then asks for one, and nothing is
    saved. The trainees of a training-of-trainers cohort deliver its sessions to be observed:
    they need no reason there."""
    lacking = unaccredited_trainers(trainers=trainers, module_ids=module_ids)
    if lacking and cohort is not None and cohort.pk is not None and cohort.trains_trainers:
        trainees = set(
            CohortMember.objects.filter(
                cohort=cohort, user__in=lacking, removed_at__isnull=True
            ).values_list("user_id", flat=True)
        )
        lacking = [trainer for trainer in lacking if trainer.pk not in trainees]
    if lacking and cohort is not None and cohort.pk is not None:
        recorded = set(
            UnaccreditedAssignment.objects.filter(cohort=cohort, trainer__in=lacking).values_list(
                "trainer_id", flat=True
            )
        )
        lacking = [trainer for trainer in lacking if trainer.pk not in recorded]
    if lacking and not reason.strip():
        names = ", ".join(trainer.full_name or trainer.contact for trainer in lacking)
        raise ValidationError(
            {
                "unaccredited_reason": _(
                    "%(names)s: not accredited to deliver these modules. Give the reason "
                    "for assigning them anyway."
                )
                % {"names": names}
            },
            code="unaccredited",
        )
    return lacking


def unaccredited_assignments_record(
    *, cohort: Cohort, trainers: Iterable[User], reason: str, by
) -> None:
    """Record ``trainers`` (``unaccredited_to_record``) as assigned to ``cohort`` without
    accreditation, with ``reason``. Call it inside the assigning service's transaction."""
    trainers = list(trainers)
    if not trainers:
        return
    reason = " ".join(reason.split())[:500]
    UnaccreditedAssignment.objects.bulk_create(
        [
            UnaccreditedAssignment(cohort=cohort, trainer=trainer, reason=reason, recorded_by=by)
            for trainer in trainers
        ],
        ignore_conflicts=True,
    )
    audit(
        instance=cohort,
        action="trainers.cohort.unaccredited_assigned",
        user=by,
        data={"trainers": [trainer.pk for trainer in trainers], "reason": reason},
    )


#: Actions written here, registered in ``wagtail_hooks``.
ACCREDITATION_LOG_ACTIONS = [
    ("trainers.observation.recorded", gettext_lazy("Trainer observed")),
    ("trainers.accreditation.granted", gettext_lazy("Accreditation granted")),
    ("trainers.accreditation.renewed", gettext_lazy("Accreditation renewed")),
    ("trainers.accreditation.revoked", gettext_lazy("Accreditation revoked")),
    (
        "trainers.cohort.unaccredited_assigned",
        gettext_lazy("Trainer assigned without accreditation"),
    ),
]
