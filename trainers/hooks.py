"""What the trainers app adds to pages of the apps below it: the home page's entry points."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.core.entry_points import ENTRY_POINTS_HOOK, EntryPoint

from .access import cohort_scope, group_scope


@hooks.register(ENTRY_POINTS_HOOK)
def trainers_entry_points(request):
    if not cohort_scope(request.user):
        return []
    items = [
        EntryPoint(
            title=_("Cohorts"),
            description=_("Your state's cohorts: learners, sessions, attendance and progress."),
            url=reverse("trainers:cohort_list"),
            order=60,
            section=_("Training"),
        )
    ]
    if group_scope(request.user):
        items.append(
            EntryPoint(
                title=_("Trainer groups"),
                description=_("The state core trainer groups and their trainers."),
                url=reverse("trainers:group_list"),
                order=61,
                section=_("Training"),
            )
        )
    return items


# Demo groups and cohorts register themselves with seed_demo.
from . import demo  # noqa: E402, F401
