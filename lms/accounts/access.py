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
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from lms.geography.models import State

from .models import STATE_SCOPED_ROLES, Role, User

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
    """The states in which a user may act in some role: every state, or a set of state ids."""

    everywhere: bool
    state_ids: frozenset[int]

    def __contains__(self, state_id: object) -> bool:
        return self.everywhere or state_id in self.state_ids

    def __bool__(self) -> bool:
        return self.everywhere or bool(self.state_ids)

    def filter(self, queryset: QuerySet, field: str = "state") -> QuerySet:
        """Limit ``queryset`` to this scope through the foreign key ``field``."""
        if self.everywhere:
            return queryset
        return queryset.filter(**{f"{field}__in": self.state_ids})


NOWHERE = StateScope(everywhere=False, state_ids=frozenset())
EVERYWHERE = StateScope(everywhere=True, state_ids=frozenset())


def _assignments(user) -> dict[str, frozenset[int]]:
    cached = getattr(user, _STATES_CACHE, None)
    if cached is None:
        by_role: dict[str, set[int]] = {}
        for role, state_id in user.role_assignments.values_list("role", "state_id"):
            by_role.setdefault(role, set()).add(state_id)
        cached = {role: frozenset(ids) for role, ids in by_role.items()}
        setattr(user, _STATES_CACHE, cached)
    return cached


def states_for(user, *roles: str) -> StateScope:
    """The states where ``user`` may act in any of ``roles``.

    National administrators act everywhere. Trainers and coordinators act in the states of
    their role assignments, and only while they still hold the role (group) itself.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOWHERE
    if is_national_admin(user):
        return EVERYWHERE
    held = roles_of(user).intersection(roles).intersection(r.value for r in STATE_SCOPED_ROLES)
    if not held:
        return NOWHERE
    assignments = _assignments(user)
    ids: set[int] = set()
    for role in held:
        ids |= assignments.get(role, frozenset())
    return StateScope(everywhere=False, state_ids=frozenset(ids))


def people_scope(user) -> StateScope:
    """The states whose people ``user`` may see: coordinators and trainers their states',
    national administrators everyone's. Learners see only themselves (not a state scope)."""
    return states_for(user, Role.COORDINATOR, Role.TRAINER)


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


def state_for_viewer(*, viewer, state_code: str, roles: tuple[str, ...]) -> State:
    """Fetch a state by code if ``viewer`` acts there in one of ``roles``; 404 otherwise."""
    state = State.objects.filter(code=str(state_code).upper()).first()
    if state is None or state.pk not in states_for(viewer, *roles):
        raise Http404
    return state


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
            user, Role.TRAINER, Role.COORDINATOR, Role.AUTHOR, Role.REVIEWER, Role.NATIONAL_ADMIN
        )
        or can_access_wagtail_admin(user)
    )
