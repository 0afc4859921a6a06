from __future__ import annotations

from django.utils.translation import gettext as _

from .models import STATE_SCOPED_ROLES, Role, RoleAssignment


def role_summary(user) -> list[str]:
    """Human-readable roles of ``user`` with their states, e.g. "Trainer (Assam)"."""
    if not getattr(user, "is_authenticated", False):
        return []
    names = set(user.groups.values_list("name", flat=True))
    states: dict[str, list[str]] = {}
    for role, state_name in RoleAssignment.objects.filter(user=user).values_list(
        "role", "state__name"
    ):
        states.setdefault(role, []).append(state_name)
    summary = []
    for role in Role:
        if role.value not in names:
            continue
        label = str(role.label)
        if role in STATE_SCOPED_ROLES:
            where = ", ".join(sorted(states.get(role.value, []))) or _("no state assigned")
            label = f"{label} ({where})"
        summary.append(label)
    return summary
