"""What the trainers app adds to pages of the apps below it: the home page's entry points."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.core.entry_points import ENTRY_POINTS_HOOK, EntryPoint

from .access import cohort_scope, group_scope


def _card(title, description, url_name: str, order: int) -> EntryPoint:
    return EntryPoint(
        title=title,
        description=description,
        url=reverse(url_name),
        order=order,
        section=_("Training"),
    )


@hooks.register(ENTRY_POINTS_HOOK)
def trainers_entry_points(request):
    if not cohort_scope(request.user):
        return []
    items = [
        _card(
            _("Cohorts"),
            _("Your state's cohorts: learners, sessions, attendance and progress."),
            "trainers:cohort_list",
            60,
        )
    ]
    if group_scope(request.user):
        items.append(
            _card(
                _("Trainer groups"),
                _("The state core trainer groups and their trainers."),
                "trainers:group_list",
                61,
            )
        )
    return items


# Demo groups and cohorts register themselves with seed_demo.
from . import demo  # noqa: E402, F401
