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
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lms.geography.models import State

from .. import access
from ..cascade import Row, state_cascade
from ..models import Accreditation

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
        context.update(cascade=result, tree=tree_html(result.rows(open_depth=open_levels)))
    return render(request, "trainers/cascade.html", context)


def tree_html(rows: list[Row]) -> SafeString:
    """The tree as nested lists, one ``<li>`` a trainer, those with trainers below them a
    ``<details>`` (open to ``open_depth``). Written here rather than in the template: a
    template's tags for each of a thousand lines cost more than the rest of the page; the
    texts are translated once and each value escaped by ``format_html``."""
    text = {
        "direct": _("Directly: %(trained)s trained, %(certified)s certified"),
        "below": _("With those below: %(trained)s trained, %(certified)s certified"),
        "validity": _("%(standard)s: %(status)s, valid until %(date)s"),
        "no_reach": _("Thin spot: accredited more than 90 days ago, has reached nobody"),
        "expiring": _("Thin spot: accreditation expires within 90 days"),
        "not_valid": _("Not valid: %(status)s"),
        "trained_by": _("Trained by %(names)s"),
        "listed_under": _("Also trained by %(name)s: listed there in full."),
        "listed_above": _("Listed above in full."),
    }
    levels = {value: str(label) for value, label in Accreditation.Level.choices}
    statuses = {value: str(label) for value, label in Accreditation.Status.choices}
    dates: dict = {}
    meta = '<span class="cascade-node__meta">{}</span>'
    reach = '<span class="cascade-node__reach">{}</span>'
    flag = '<span class="cascade-flag">{}</span>'
    parts: list[str] = []
    for row in rows:
        node = row.node
        thin = " cascade-node--thin" if node.thin and not row.repeat else ""
        parts.append(f'<li class="cascade-node{thin}">')
        if row.has_children:
            parts.append("<details open><summary>" if row.expand else "<details><summary>")
        parts.append(
            format_html(
                '<span class="cascade-node__name">{}</span> ' + meta,
                node.name,
                f"{levels[node.level]} · {node.place}",
            )
        )
        if row.repeat:
            if row.listed_under is not None:
                said = text["listed_under"] % {"name": row.listed_under.name}
            else:
                said = text["listed_above"]
            parts.append(format_html(meta, said))
        else:
            accreditation = node.accreditation
            status = statuses[node.status]
            until = dates.get(accreditation.valid_until)
            if until is None:
                until = dates[accreditation.valid_until] = date_format(
                    accreditation.valid_until, "j M Y"
                )
            parts.append(
                format_html(
                    reach + reach + meta,
                    text["direct"]
                    % {"trained": node.direct_trained, "certified": node.direct_certified},
                    text["below"]
                    % {
                        "trained": node.downstream_trained,
                        "certified": node.downstream_certified,
                    },
                    text["validity"]
                    % {
                        "standard": accreditation.standard_name,
                        "status": status,
                        "date": until,
                    },
                )
            )
            if node.no_reach:
                parts.append(format_html(flag, text["no_reach"]))
            if node.expiring:
                parts.append(format_html(flag, text["expiring"]))
            if not node.is_valid:
                parts.append(format_html(flag, text["not_valid"] % {"status": status}))
            if len(node.parents) > 1:
                names = ", ".join(parent.name for parent in node.parents)
                parts.append(format_html(meta, text["trained_by"] % {"names": names}))
        parts.append("</summary><ul>" if row.has_children else "</li>")
        parts.append("</ul></details></li>" * row.closes)
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
