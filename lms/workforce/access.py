"""Who may see and change a state's posts, on top of ``lms.accounts.access``.

National administrators and the state's coordinators read and change all of a state's posts;
a district officer reads the posts of their own district(s) only; anyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from lms.accounts.access import state_for_viewer, states_for
from lms.accounts.models import Role
from lms.geography.models import District, State

from .models import PostCount

EDIT_ROLES = (Role.COORDINATOR,)


@dataclass(frozen=True)
class PostsView:
    """What a viewer may see of one state's posts."""

    state: State
    #: National administrator or the state's coordinator: every place, and changes.
    can_edit: bool
    #: The districts shown: all of the state's (editors) or the viewer's own.
    districts: list[District]

    @property
    def district_ids(self) -> set[int] | None:
        """None for the whole state; otherwise the districts the viewer may read."""
        return None if self.can_edit else {district.pk for district in self.districts}

    def covers(self, district_id: int | None) -> bool:
        """May the viewer read this place's posts (None: the state's own units)?"""
        if self.can_edit:
            return district_id is None or any(d.pk == district_id for d in self.districts)
        return district_id is not None and district_id in self.district_ids


def state_to_edit(*, viewer, state_code: str) -> State:
    """The state whose posts ``viewer`` may change; 404 otherwise."""
    return state_for_viewer(viewer=viewer, state_code=state_code, roles=EDIT_ROLES)


def posts_view(*, viewer, state_code: str) -> PostsView:
    """What ``viewer`` may read of the posts of the state ``state_code``; 404 when nothing."""
    try:
        state = state_to_edit(viewer=viewer, state_code=state_code)
    except Http404:
        pass
    else:
        # Active districts, and those merged or renamed away that still have figures (their
        # past months stay readable).
        reported = PostCount.objects.filter(state=state, district__isnull=False)
        districts = list(
            District.objects.filter(state=state)
            .filter(Q(is_active=True) | Q(pk__in=reported.values("district_id")))
            .order_by("name")
        )
        return PostsView(state=state, can_edit=True, districts=districts)
    scope = states_for(viewer, Role.DISTRICT_OFFICER)
    if not scope.district_ids:
        raise Http404
    districts = list(
        District.objects.select_related("state")
        .filter(state__code=str(state_code).upper(), pk__in=scope.district_ids)
        .order_by("name")
    )
    if not districts:
        raise Http404
    return PostsView(state=districts[0].state, can_edit=False, districts=districts)
