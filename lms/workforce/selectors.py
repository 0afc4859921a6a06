"""Reading the posts of the workforce."""

from __future__ import annotations

import datetime

from .models import PostCount

#: (state id, district id or None, cadre id) → (sanctioned, filled)
PostKey = tuple[int, int | None, int]


def posts_as_of(month: datetime.date, *, state_ids=None) -> dict[PostKey, tuple[int, int]]:
    """Each district's (and each state's own units') posts per cadre as reported for
    ``month``: the latest report on or before it."""
    rows = PostCount.objects.filter(as_of__lte=month.replace(day=1))
    if state_ids is not None:
        rows = rows.filter(state_id__in=state_ids)
    posts: dict[PostKey, tuple[int, int]] = {}
    for state_id, district_id, cadre_id, sanctioned, filled in rows.order_by("as_of").values_list(
        "state_id", "district_id", "cadre_id", "sanctioned", "filled"
    ):
        posts[(state_id, district_id, cadre_id)] = (sanctioned, filled)
    return posts
