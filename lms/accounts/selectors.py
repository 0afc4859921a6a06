from __future__ import annotations

from django.utils.translation import gettext as _

from lms.core.lookup import NameLookup
from lms.geography.models import District

from .models import STATE_SCOPED_ROLES, Cadre, Role, RoleAssignment, User


def cadre_lookup() -> NameLookup:
    """Every cadre by its name, its slug and its alternative spellings (one query): what an
    importer asks to read a cadre as people write it ("CWC member", "dcpo", "Counselor")."""
    lookup = NameLookup()
    for pk, name, slug, aliases in Cadre.objects.values_list("pk", "name", "slug", "aliases"):
        lookup.add(pk=pk, label=name, spelling=name, how="name")
        lookup.add(pk=pk, label=name, spelling=slug, how="slug")
        for alias in aliases or ():
            lookup.add(pk=pk, label=name, spelling=alias, how="alias")
    return lookup


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


def profile_data(*, user) -> dict:
    """What the platform holds about a person in their account: the profile and each
    acceptance of the data-use notice (the first section of their personal-data export)."""
    return {
        "email": user.email,
        "full_name": user.full_name,
        "phone": user.phone,
        "cadre": str(user.cadre or ""),
        "designation": user.designation,
        "state": str(user.state or ""),
        "district": str(user.district or ""),
        "organisation": user.organisation,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined,
        "consents": list(user.consents.values("notice_version", "accepted_at")),
    }


def districts_and_cadres_of(user_ids) -> dict[str, list]:
    """The districts and the cadres of these people (ids, or a subquery of them), for filter
    menus: districts by name, cadres in their order — two queries."""
    people = User.objects.filter(pk__in=user_ids)
    return {
        "districts": list(
            District.objects.filter(pk__in=people.values("district_id")).order_by("name")
        ),
        "cadres": list(
            Cadre.objects.filter(pk__in=people.values("cadre_id")).order_by("sort_order", "name")
        ),
    }
