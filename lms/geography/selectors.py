from django.db.models import QuerySet

from lms.core.ids import parse_id

from .models import District, State


def state_list() -> QuerySet[State]:
    return State.objects.order_by("name")


def district_list(*, state_id: int | None) -> QuerySet[District]:
    """Active districts of one state, by name; none when no state is given (or a number too
    large to be one, straight from a form)."""
    if not parse_id(state_id):
        return District.objects.none()
    return District.objects.filter(state_id=state_id, is_active=True).order_by("name")
