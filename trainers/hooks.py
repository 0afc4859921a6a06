"""What the trainers app adds to pages of the apps below it: the home page's entry points."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lms.core.entry_points import Card, register_cards

from .access import group_scope, read_scope

register_cards(
    Card(
        title=_("Cohorts"),
        description=_(
            "The cohorts of your state or district: learners, sessions, attendance and progress."
        ),
        url_name="trainers:cohort_list",
        order=60,
        section=_("Training"),
        # Those who run cohorts, and district officers, who read their district's.
        shown_to=read_scope,
    ),
    Card(
        title=_("Trainer groups"),
        description=_("The state core trainer groups and their trainers."),
        url_name="trainers:group_list",
        order=61,
        section=_("Training"),
        # Coordinators and national administrators, who also see the cohorts.
        shown_to=group_scope,
    ),
)


# Demo groups and cohorts register themselves with seed_demo.
from . import demo  # noqa: E402, F401
