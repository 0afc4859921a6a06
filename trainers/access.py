"""Who may see and change what in the trainers' workspace, on top of ``lms.accounts.access``.

A trainer acts in the states of their trainer groups (their Trainer role assignments, kept in
step by ``services.group_member_add/remove``); a coordinator in their states; a national
administrator everywhere; a learner nowhere. A district officer runs nothing but reads the
cohorts of their districts (``cohort_for_reader``): the pages that change something ask
``cohort_for_user``, which they never pass. Everything out of scope answers 404.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from lms.accounts.access import StateScope, states_for
from lms.accounts.models import Role, User
from lms.core.ids import parse_id

from .models import Cohort, CohortMember, TrainerGroup, TrainerMembership, TrainingSession


def _int(value) -> int:
    """``value`` as a row id, or 404 (not digits, or too large to be an id)."""
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


def cohort_scope(user) -> StateScope:
    """States whose cohorts ``user`` may see and run."""
    return states_for(user, Role.TRAINER, Role.COORDINATOR)


def read_scope(user) -> StateScope:
    """Where ``user`` may read cohorts: ``cohort_scope``, and the single districts of a
    district officer (a cohort of theirs is one whose ``district`` is one of them; a cohort
    that names no district is out of their reach)."""
    return states_for(user, Role.TRAINER, Role.COORDINATOR, Role.DISTRICT_OFFICER)


def group_scope(user) -> StateScope:
    """States whose trainer groups ``user`` may manage (coordinators, national admins)."""
    return states_for(user, Role.COORDINATOR)


def require_workspace(user) -> StateScope:
    """The states where ``user`` runs cohorts; 404 for anyone who runs none."""
    scope = cohort_scope(user)
    if not scope:
        raise Http404
    return scope


def require_reader(user) -> StateScope:
    """Where ``user`` reads cohorts (``read_scope``); 404 for anyone who reads none."""
    scope = read_scope(user)
    if not scope:
        raise Http404
    return scope


def _cohorts_in(scope: StateScope) -> QuerySet[Cohort]:
    if not scope:
        return Cohort.objects.none()
    return scope.filter(Cohort.objects.all())


def cohorts_for(user) -> QuerySet[Cohort]:
    """The cohorts ``user`` may read (``read_scope``): the cohort list, and the links other
    pages make to a cohort's read-only pages."""
    return _cohorts_in(read_scope(user))


def managed_cohorts(user) -> QuerySet[Cohort]:
    """The cohorts ``user`` may run (``cohort_scope``)."""
    return _cohorts_in(cohort_scope(user))


def _one(cohorts: QuerySet[Cohort], cohort_id) -> Cohort:
    cohort = (
        cohorts.select_related("state", "district", "trainer_group")
        .filter(pk=_int(cohort_id))
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def cohort_for_user(*, user, cohort_id) -> Cohort:
    """Fetch a cohort ``user`` runs, for a page that changes something; 404 otherwise (a
    district officer included, whatever the cohort's district)."""
    return _one(managed_cohorts(user), cohort_id)


#: Set on a cohort fetched by ``cohort_for_reader`` for a reader whose reach is single
#: districts: the ids of those districts (``cohort_members`` keeps to their people).
_READER_DISTRICTS = "_reader_district_ids"


def cohort_for_reader(*, user, cohort_id) -> Cohort:
    """Fetch a cohort ``user`` may read, for a page that only shows it; 404 otherwise.

    A reader who reaches the cohort through single districts (a district officer) reads only
    the members registered in those districts: a cohort held in their district may train
    people of other districts, who are none of their business. The cohort carries that limit
    to ``cohort_members``, where every list, count and download of its people starts."""
    scope = read_scope(user)
    cohort = _one(_cohorts_in(scope), cohort_id)
    if cohort.state_id not in scope:
        setattr(cohort, _READER_DISTRICTS, scope.district_ids)
    return cohort


def _trains(user) -> Q:
    """The condition on cohorts that ``user`` trains: named among its trainers, or a trainer
    of one of its sessions that was not cancelled."""
    return Q(
        pk__in=Cohort.trainers.through.objects.filter(user_id=user.pk).values("cohort_id")
    ) | Q(
        pk__in=TrainingSession.objects.filter(trainers=user.pk, cancelled_at__isnull=True).values(
            "cohort_id"
        )
    )


def evidence_cohorts(user) -> QuerySet[Cohort]:
    """The cohorts whose results (gain, pass rates) and session feedback ``user`` may read:
    every cohort they read (``cohorts_for``) where they coordinate the state or oversee the
    district, everywhere for a national administrator; where they are only a trainer, the
    cohorts they train (``_trains``), not their colleagues'."""
    readable = cohorts_for(user)
    overseen = states_for(user, Role.COORDINATOR, Role.DISTRICT_OFFICER)
    if overseen.everywhere:
        return readable
    return readable.filter(Q(pk__in=_cohorts_in(overseen).values("pk")) | _trains(user))


def reads_evidence(user, cohort: Cohort) -> bool:
    """Whether ``user``, who reads ``cohort``, may read its results and feedback
    (``evidence_cohorts``): no query for its coordinators and district officers."""
    overseen = states_for(user, Role.COORDINATOR, Role.DISTRICT_OFFICER)
    if overseen.everywhere or cohort.state_id in overseen.state_ids:
        return True
    if cohort.district_id is not None and cohort.district_id in overseen.district_ids:
        return True
    return Cohort.objects.filter(pk=cohort.pk).filter(_trains(user)).exists()


def readable_memberships(user) -> Q:
    """``cohort_members``' rule for a query over many cohorts: the condition on a cohort's
    ``members`` that ``user`` may count (those of every cohort in their states, those of
    learners registered in their districts elsewhere)."""
    scope = read_scope(user)
    if scope.everywhere:
        return Q()
    return Q(state_id__in=scope.state_ids) | Q(members__user__district_id__in=scope.district_ids)


def cohort_members(cohort: Cohort) -> QuerySet[CohortMember]:
    """The memberships of ``cohort`` (removed ones too) its reader may see: all of them for
    those who run it, those of learners registered in their districts for a district officer
    (``cohort_for_reader``)."""
    members = CohortMember.objects.filter(cohort=cohort)
    districts = getattr(cohort, _READER_DISTRICTS, None)
    if districts is not None:
        members = members.filter(user__district_id__in=districts)
    return members


def manages(user, cohort: Cohort) -> bool:
    """Whether ``user`` runs ``cohort`` (what ``cohort_for_user`` checks), for pages that
    offer the ways to change it only to those who may (no query of its own)."""
    return cohort.state_id in cohort_scope(user)


def groups_for(user) -> QuerySet[TrainerGroup]:
    """Trainer groups ``user`` may see (to pick one for a cohort)."""
    scope = cohort_scope(user)
    if not scope:
        return TrainerGroup.objects.none()
    return scope.filter(TrainerGroup.objects.all())


def group_for_manager(*, user, group_id) -> TrainerGroup:
    scope = group_scope(user)
    group = (
        scope.filter(TrainerGroup.objects.select_related("state")).filter(pk=_int(group_id)).first()
        if scope
        else None
    )
    if group is None:
        raise Http404
    return group


def trainer_of(*, group: TrainerGroup, user_id) -> TrainerMembership:
    """A trainer of this group (``group_for_manager`` checked the viewer); anyone else is
    404."""
    membership = (
        TrainerMembership.objects.select_related("user")
        .filter(group=group, user_id=_int(user_id))
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def session_for_user(*, user, cohort: Cohort, session_id) -> TrainingSession:
    """A session of this cohort (already checked); a session of another cohort is 404."""
    session = (
        TrainingSession.objects.select_related("module")
        .filter(pk=_int(session_id), cohort=cohort)
        .first()
    )
    if session is None:
        raise Http404
    return session


def learner_cohorts(user) -> QuerySet:
    """The ids of the cohorts ``user`` belongs to now (``.values("cohort_id")``, a subquery):
    a learner sees the sessions of these and of no other cohort."""
    return CohortMember.objects.filter(user_id=user.pk, removed_at__isnull=True).values("cohort_id")


def session_for_learner(*, user, session_id) -> TrainingSession:
    """A session of one of ``user``'s own cohorts (``learner_cohorts``), with its module and
    trainers; any other session, or none, is 404."""
    session = (
        TrainingSession.objects.select_related("module")
        .prefetch_related(Prefetch("trainers", queryset=User.objects.order_by("full_name")))
        .filter(pk=_int(session_id), cohort_id__in=learner_cohorts(user))
        .first()
    )
    if session is None:
        raise Http404
    return session


def member_of(*, cohort: Cohort, user_id, include_removed: bool = False) -> CohortMember:
    """A learner of this cohort; anyone else is 404."""
    members = cohort_members(cohort).select_related("user")
    if not include_removed:
        members = members.filter(removed_at__isnull=True)
    member = members.filter(user_id=_int(user_id)).first()
    if member is None:
        raise Http404
    return member


def members_of(*, cohort: Cohort, user_ids) -> list[CohortMember]:
    """All of these learners, current members of this cohort — or 404 if any one is not
    (a tampered id in a bulk action changes nothing at all)."""
    ids = {_int(pk) for pk in user_ids}
    members = list(
        CohortMember.objects.select_related("user").filter(
            cohort=cohort, user_id__in=ids, removed_at__isnull=True
        )
    )
    if len(members) != len(ids):
        raise Http404
    return members


def addable_accounts(*, by, target: Cohort | TrainerGroup) -> QuerySet[User]:
    """The accounts ``by`` may add to ``target``: learners to a cohort, trainers to a group.

    The one rule behind every place where a trainer or coordinator names a person — the learner
    search, the invitation by email, the spreadsheet import, the group's "add a trainer":

    - ``by`` acts in the target's state (a cohort's trainers and coordinators; a group's
      coordinators; national administrators everywhere);
    - the account is active and registered in that state. An account of another state, or one
      whose profile names no state yet, is not addable: which state a person works in is
      theirs to say in their profile, not a trainer's (joining a group or a cohort would
      otherwise hand their data to another state's trainers);
    - a cohort takes learners.

    Callers must answer an address outside this set exactly like an address no account uses,
    so that nobody learns from the answer whether a person has an account elsewhere.
    """
    if isinstance(target, Cohort):
        scope = cohort_scope(by)
        people = User.objects.filter(groups__name=Role.LEARNER)
    else:
        scope = group_scope(by)
        people = User.objects.all()
    if target.state_id not in scope:
        return User.objects.none()
    return people.filter(is_active=True, state_id=target.state_id)


def addable_learners(*, by, cohort: Cohort) -> QuerySet[User]:
    """The learners ``by`` may add to ``cohort`` who are not among its current members."""
    return addable_accounts(by=by, target=cohort).exclude(
        pk__in=CohortMember.objects.filter(cohort=cohort, removed_at__isnull=True).values("user_id")
    )


def learners_to_add(*, by, cohort: Cohort, user_ids: list) -> list[User]:
    """All of these learners, each one ``by`` may add to ``cohort`` — or 404 if any one is
    not, or an id comes twice (a tampered list adds nobody)."""
    ids = {_int(pk) for pk in user_ids}
    if not ids or len(ids) != len(user_ids):
        raise Http404
    users = list(addable_learners(by=by, cohort=cohort).filter(pk__in=ids))
    if len(users) != len(ids):
        raise Http404
    return users


def addable_account(*, by, target: Cohort | TrainerGroup, email: str) -> User | None:
    """The account with this address if ``by`` may add it to ``target``; None both when no
    account uses the address and when its account is out of reach (see ``addable_accounts``)."""
    email = email.strip()
    if not email:
        return None
    return addable_accounts(by=by, target=target).filter(email__iexact=email).first()
