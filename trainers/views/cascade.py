"""The training-of-trainers cascade of a state (``trainers.cascade``).

Who sees it: the trainers and coordinators of a state see its cascade (a trainer reads every
cohort of their state, so the reach of its trainers is theirs to read too); a national
administrator picks any state. A district officer does not: the tree names the trainers of
every district of the state and counts the people each reached, which is beyond a reach of
single districts; their district's trainers against its need are on the scorecard. Anyone else,
and a state out of scope, is 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from lms.geography.models import State

from .. import access
from ..cascade import state_cascade

#: The levels of the tree shown open; deeper ones start collapsed. A small tree opens one
#: level more.
OPEN_LEVELS = 1
SMALL_TREE = 60


def cascade_states(user) -> list[State]:
    """The states whose cascade ``user`` may read (``access.cohort_scope``), by name; one
    query."""
    scope = access.cohort_scope(user)
    if not scope:
        return []
    states = State.objects.order_by("name")
    if not scope.everywhere:
        states = states.filter(pk__in=scope.state_ids)
    return list(states)


@login_required
def cascade(request: HttpRequest) -> HttpResponse:
    states = cascade_states(request.user)
    if not states:
        raise Http404
    code = request.GET.get("state", "").strip().upper()
    if code:
        state = next((each for each in states if each.code == code), None)
        if state is None:
            raise Http404
    elif len(states) == 1:
        state = states[0]
    else:
        state = None
    context = {"states": states if len(states) > 1 else [], "state": state}
    if state is not None:
        result = state_cascade(state)
        open_levels = OPEN_LEVELS + (len(result.nodes) <= SMALL_TREE)
        context.update(cascade=result, rows=result.rows(open_depth=open_levels))
    return render(request, "trainers/cascade.html", context)
