from django.db.models import QuerySet

from lms.core.ids import parse_id
from lms.core.lookup import NameLookup

from .models import District, State


def state_list() -> QuerySet[State]:
    return State.objects.order_by("name")


def district_list(*, state_id: int | None) -> QuerySet[District]:
    """Active districts of one state, by name; none when no state is given (or a number too
    large to be one, straight from a form)."""
    if not parse_id(state_id):
        return District.objects.none()
    return District.objects.filter(state_id=state_id, is_active=True).order_by("name")


#: Words people add after a district's name ("Kamrup Metropolitan District", "पटना जिला").
DISTRICT_WORDS = ("district", "जिला", "ज़िला", "জিলা")


def district_lookup(*, state: State | None = None) -> NameLookup:
    """Active districts (of ``state``, or of the whole country) by name, LGD code and
    alternative spellings (former names, short forms) in one query; a trailing "district" is
    ignored. Each match carries its state's name as ``context``. A spelling shared by two
    districts is reported as ambiguous, never resolved by guessing."""
    lookup = NameLookup(strip_words=DISTRICT_WORDS)
    districts = District.objects.filter(is_active=True)
    if state is not None:
        districts = districts.filter(state=state)
    for pk, name, lgd_code, aliases, state_name in districts.values_list(
        "pk", "name", "lgd_code", "aliases", "state__name"
    ):
        lookup.add(pk=pk, label=name, spelling=name, how="name", context=state_name)
        if lgd_code:
            lookup.add(pk=pk, label=name, spelling=str(lgd_code), how="code", context=state_name)
        for alias in aliases or ():
            lookup.add(pk=pk, label=name, spelling=alias, how="alias", context=state_name)
    return lookup
