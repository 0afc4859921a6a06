"""Who may read which staff scorecard. Everything out of scope is a 404.

- National administrators: the nation, every state, district and cadre.
- State coordinators: their states, and every district of them.
- District officers: their districts only.

The public scorecard (``public``) needs no access: it shows suppressed aggregates only.
"""

from __future__ import annotations

from django.http import Http404

from lms.accounts.access import (
    SCORECARD_ROLES,
    district_for_viewer,
    is_national_admin,
    reads_scorecards,
    state_for_viewer,
    states_for,
)
from lms.accounts.models import Role
from lms.geography.models import District, State

#: Roles that read a whole state's scorecard.
STATE_ROLES = (Role.COORDINATOR,)
#: Roles that read a district's scorecard (a coordinator of its state, or its officer).
DISTRICT_ROLES = SCORECARD_ROLES


def may_read_reports(user) -> bool:
    return reads_scorecards(user)


def nation_for(user) -> None:
    if not is_national_admin(user):
        raise Http404


def state_for(user, state_code: str) -> State:
    return state_for_viewer(viewer=user, state_code=state_code, roles=STATE_ROLES)


def district_for(user, state_code: str, district_ref: str) -> District:
    """The district (by id or ``lgd-<code>``) of the state, if ``user`` may read it."""
    state = State.objects.filter(code=str(state_code).upper()).first()
    if state is None:
        raise Http404
    district = district_for_viewer(
        viewer=user, state=state, district_ref=district_ref, roles=DISTRICT_ROLES
    )
    district.state = state  # already fetched: the page names it without another query
    return district


def home_for(user) -> tuple[str, tuple] | None:
    """Where ``/reports/`` takes ``user``: the nation, their one state or district, or a list
    to choose from (None: nothing to read)."""
    if is_national_admin(user):
        return ("nation", ())
    scope = states_for(user, *DISTRICT_ROLES)
    states = states_for(user, *STATE_ROLES).state_ids
    if len(states) == 1 and not scope.district_ids:
        return ("state", tuple(states))
    if not states and len(scope.district_ids) == 1:
        return ("district", tuple(scope.district_ids))
    if scope:
        return ("choose", ())
    return None
