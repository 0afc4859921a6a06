"""Every "may this user see or do this?" question about people and states is answered here.

Higher apps build their object checks on top of these functions (``trainers/access.py`` asks
``states_for`` before checking that a trainer's group runs a cohort). Anything out of scope is
reported as ``Http404``, never as someone else's data and never as a 403 that confirms the
object exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from lms.geography.models import District, State

from .models import DISTRICT_SCOPED_ROLES, SCOPED_ROLES, Role, User

_ROLES_CACHE = "_lms_roles"
_STATES_CACHE = "_lms_states"
_ADMIN_CACHE = "_lms_admin_access"


def _load_groups(user) -> None:
    """One query for the user's groups and whether any of them opens the Wagtail admin;
    both answers are cached on the user object for the rest of the request."""
    admin_permission = Permission.objects.filter(
        group=OuterRef("pk"), content_type__app_label="wagtailadmin", codename="access_admin"
    )
    rows = list(
        user.groups.annotate(opens_admin=Exists(admin_permission)).values_list(
            "name", "opens_admin"
        )
    )
    setattr(user, _ROLES_CACHE, frozenset(name for name, _admin in rows))
    setattr(user, _ADMIN_CACHE, any(admin for _name, admin in rows))


_SESSION_KEY = "lms_roles"


def prime_from_session(request) -> None:
    """Take the user's roles and admin access from the session when they are current
    (``User.roles_version`` unchanged); otherwise load them and remember them there. Saves
    the groups query on most requests."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or not hasattr(request, "session"):
        return
    cached = request.session.get(_SESSION_KEY)
    if cached and cached.get("v") == user.roles_version and cached.get("u") == user.pk:
        setattr(user, _ROLES_CACHE, frozenset(cached["roles"]))
        setattr(user, _ADMIN_CACHE, bool(cached["admin"]))
        return
    _load_groups(user)
    request.session[_SESSION_KEY] = {
        "u": user.pk,
        "v": user.roles_version,
        "roles": sorted(getattr(user, _ROLES_CACHE)),
        "admin": getattr(user, _ADMIN_CACHE),
    }


def roles_of(user) -> frozenset[str]:
    """The names of the user's roles (Django groups), cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if getattr(user, _ROLES_CACHE, None) is None:
        _load_groups(user)
    return getattr(user, _ROLES_CACHE)


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user).intersection(roles))


def is_national_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or has_role(
        user, Role.NATIONAL_ADMIN
    )


@dataclass(frozen=True)
class StateScope:
    """Where a user may act in some role: every state, or whole states (``state_ids``) and
    single districts of other states (``district_ids``, from district roles).

    ``state_id in scope`` asks about a whole state: a district officer's scope contains no
    state. ``covers_district`` asks about one district."""

    everywhere: bool
    state_ids: frozenset[int]
    district_ids: frozenset[int] = frozenset()

    def __contains__(self, state_id: object) -> bool:
        return self.everywhere or state_id in self.state_ids

    def __bool__(self) -> bool:
        return self.everywhere or bool(self.state_ids) or bool(self.district_ids)

    def covers_district(self, district: District) -> bool:
        return (
            self.everywhere
            or district.state_id in self.state_ids
            or district.pk in self.district_ids
        )

    def filter(
        self, queryset: QuerySet, field: str = "state", district_field: str = "district"
    ) -> QuerySet:
        """Limit ``queryset`` to this scope through the foreign keys ``field`` (its state)
        and, for single districts, ``district_field``."""
        if self.everywhere:
            return queryset
        condition = Q(**{f"{field}__in": self.state_ids})
        if self.district_ids:
            condition |= Q(**{f"{district_field}__in": self.district_ids})
        return queryset.filter(condition)


NOWHERE = StateScope(everywhere=False, state_ids=frozenset())
EVERYWHERE = StateScope(everywhere=True, state_ids=frozenset())


def _assignments(user) -> dict[str, tuple[frozenset[int], frozenset[int]]]:
    """Per role: the states and the single districts of the user's role assignments."""
    cached = getattr(user, _STATES_CACHE, None)
    if cached is None:
        by_role: dict[str, tuple[set[int], set[int]]] = {}
        for role, state_id, district_id in user.role_assignments.values_list(
            "role", "state_id", "district_id"
        ):
            states, districts = by_role.setdefault(role, (set(), set()))
            if district_id is None:
                states.add(state_id)
            else:
                districts.add(district_id)
        cached = {
            role: (frozenset(states), frozenset(districts))
            for role, (states, districts) in by_role.items()
        }
        setattr(user, _STATES_CACHE, cached)
    return cached


def states_for(user, *roles: str) -> StateScope:
    """Where ``user`` may act in any of ``roles``.

    National administrators act everywhere. Trainers and coordinators act in the states of
    their role assignments, district officers in the districts of theirs, and only while they
    still hold the role (group) itself.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOWHERE
    if is_national_admin(user):
        return EVERYWHERE
    held = roles_of(user).intersection(roles).intersection(r.value for r in SCOPED_ROLES)
    if not held:
        return NOWHERE
    assignments = _assignments(user)
    state_ids: set[int] = set()
    district_ids: set[int] = set()
    for role in held:
        states, districts = assignments.get(role, (frozenset(), frozenset()))
        state_ids |= states
        district_ids |= districts
    return StateScope(
        everywhere=False, state_ids=frozenset(state_ids), district_ids=frozenset(district_ids)
    )


def is_district_officer(user) -> bool:
    return has_role(user, *DISTRICT_SCOPED_ROLES)


def people_scope(user) -> StateScope:
    """Whose people ``user`` may see: coordinators and trainers their states', district
    officers their districts', national administrators everyone's. Learners see only
    themselves (not a scope)."""
    return states_for(user, Role.COORDINATOR, Role.TRAINER, Role.DISTRICT_OFFICER)


def user_queryset_for(viewer) -> QuerySet[User]:
    """The accounts ``viewer`` may look at."""
    scope = people_scope(viewer)
    if not scope:
        if getattr(viewer, "is_authenticated", False):
            return User.objects.filter(pk=viewer.pk)
        return User.objects.none()
    return scope.filter(User.objects.all())


def user_for_viewer(*, viewer, user_id: int) -> User:
    """Fetch a person and check ``viewer`` may see them in one call; 404 when out of scope."""
    try:
        return user_queryset_for(viewer).get(pk=user_id)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


#: Roles that read the staff scorecard of their states or districts (``reports.access`` says
#: which); national administrators read every one.
SCORECARD_ROLES = (Role.COORDINATOR, Role.DISTRICT_OFFICER)


def reads_scorecards(user) -> bool:
    """Whether ``user`` may read some staff scorecard (the site navigation asks)."""
    return bool(states_for(user, *SCORECARD_ROLES))


def state_for_viewer(*, viewer, state_code: str, roles: tuple[str, ...]) -> State:
    """Fetch a state by code if ``viewer`` acts there in one of ``roles``; 404 otherwise."""
    state = State.objects.filter(code=str(state_code).upper()).first()
    if state is None or state.pk not in states_for(viewer, *roles):
        raise Http404
    return state


def district_for_viewer(*, viewer, state: State, district_ref: str, roles: tuple[str, ...]):
    """Fetch a district of ``state`` by its id or LGD code (``"lgd-<code>"`` or the id) if
    ``viewer`` acts there in one of ``roles``; 404 otherwise, and for anything malformed."""
    ref = str(district_ref)
    field = "pk"
    if ref.lower().startswith("lgd-"):
        field, ref = "lgd_code", ref[4:]
    if not ref.isdigit() or len(ref) > 9:
        raise Http404
    district = District.objects.filter(state=state, **{field: int(ref)}).first()
    if district is None or not states_for(viewer, *roles).covers_district(district):
        raise Http404
    return district


def can_access_wagtail_admin(user) -> bool:
    """Whether the user may open the Wagtail admin: superusers, and members of a group with
    ``wagtailadmin.access_admin`` (admin access is given through roles, never to a user
    directly; the Django admin's user form does not offer individual permissions).

    Asked on every request (two-factor rule, navigation), so it shares the one cached
    query of ``roles_of``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if getattr(user, _ADMIN_CACHE, None) is None:
        _load_groups(user)
    return getattr(user, _ADMIN_CACHE)


def requires_mfa(user) -> bool:
    """Whether ``user`` must have an authenticator before continuing: anyone who can reach
    the Wagtail or Django admin, and every trainer and coordinator."""
    if not settings.LMS_REQUIRE_MFA or not getattr(user, "is_authenticated", False):
        return False
    return (
        user.is_superuser
        or user.is_staff
        or has_role(
            user,
            Role.TRAINER,
            Role.COORDINATOR,
            Role.DISTRICT_OFFICER,
            Role.AUTHOR,
            Role.REVIEWER,
            Role.NATIONAL_ADMIN,
        )
        or can_access_wagtail_admin(user)
    )
