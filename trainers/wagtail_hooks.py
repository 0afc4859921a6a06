"""Wagtail hooks of the trainers app: the labels of its audit actions.

Each part of the app keeps its (action, label) pairs next to the code that writes them — a
list named ``*_LOG_ACTIONS`` — and adds it to the one ``register_log_actions`` call below.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from lms.core.audit import register_log_actions

from .actions import PROGRESS_LOG_ACTIONS
from .imports import IMPORT_LOG_ACTIONS
from .sessions import SESSION_LOG_ACTIONS

#: Actions written by ``trainers/services.py`` (groups, cohorts and their members).
SERVICE_LOG_ACTIONS = [
    ("trainers.group.created", gettext_lazy("Trainer group created")),
    ("trainers.group.member_added", gettext_lazy("Trainer joined the group")),
    ("trainers.group.member_removed", gettext_lazy("Trainer left the group")),
    ("trainers.cohort.created", gettext_lazy("Cohort created")),
    ("trainers.cohort.updated", gettext_lazy("Cohort edited")),
    ("trainers.cohort.archived", gettext_lazy("Cohort archived")),
    ("trainers.cohort.members_added", gettext_lazy("Learners added to the cohort")),
    ("trainers.cohort.member_removed", gettext_lazy("Learner removed from the cohort")),
]

register_log_actions(
    SERVICE_LOG_ACTIONS, IMPORT_LOG_ACTIONS, SESSION_LOG_ACTIONS, PROGRESS_LOG_ACTIONS
)
