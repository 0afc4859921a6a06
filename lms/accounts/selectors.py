from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from lms.core.lookup import NameLookup
from lms.geography.models import District

from .models import SCOPED_ROLES, Cadre, Role, RoleAssignment, User

#: Sections of HTML that later apps add below the profile form: functions registered with this
#: Wagtail hook take the request and return HTML, or "" to add nothing.
PROFILE_SECTIONS_HOOK = "lms_profile_sections"


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
    for role, state_name, district_name in RoleAssignment.objects.filter(user=user).values_list(
        "role", "state__name", "district__name"
    ):
        where = f"{district_name}, {state_name}" if district_name else state_name
        states.setdefault(role, []).append(where)
    summary = []
    for role in Role:
        if role.value not in names:
            continue
        label = str(role.label)
        if role in SCOPED_ROLES:
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


def workforce_people(*, user_ids=None, joined_before=None):
    """The people the workforce scorecard counts: active accounts placed in a state, as
    tuples ``(id, state_id, district_id, cadre_id, cadre_since, date_joined)``, in id order
    (``joined_before``: only accounts that existed then). ``user_ids`` limits them."""
    people = User.objects.filter(is_active=True, state__isnull=False)
    if user_ids is not None:
        people = people.filter(pk__in=user_ids)
    if joined_before is not None:
        people = people.filter(date_joined__lt=joined_before)
    return people.order_by("pk").values_list(
        "pk", "state_id", "district_id", "cadre_id", "cadre_since", "date_joined"
    )


def scoped_role_holders(role: str):
    """The assignments of ``role`` (a scoped role) whose holders still hold it: active
    accounts in the role's group, with each assignment's user, state and district, by state,
    district and person."""
    return (
        RoleAssignment.objects.filter(role=role, user__is_active=True, user__groups__name=role)
        .select_related("user", "state", "district")
        .order_by("state__code", "district__name", "user_id")
    )


def people_by_language(*, joined_before=None):
    """The people ``workforce_people`` counts, by place and chosen language: dicts with
    ``state_id``, ``district_id``, ``preferred_language`` and ``people``."""
    people = User.objects.filter(is_active=True, state__isnull=False)
    if joined_before is not None:
        people = people.filter(date_joined__lt=joined_before)
    return (
        people.order_by()
        .values("state_id", "district_id", "preferred_language")
        .annotate(people=Count("pk"))
    )
