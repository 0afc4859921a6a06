"""What the scorecard adds to pages of the apps below it, through their hooks: "Required for
your role" at the top of the learner's My learning page."""

from __future__ import annotations

from django.template.loader import render_to_string
from wagtail import hooks

from lms.core.i18n import preferred_content_language
from modules.learning.selectors import MY_LEARNING_HOOK, MyLearningExtras

from .learner import OVERDUE, required_for


# Before the other apps' notices: it says what the learner must do first.
@hooks.register(MY_LEARNING_HOOK, order=-10)
def required_training_on_my_learning(request, enrollments) -> MyLearningExtras:
    """The modules the learner's cadre requires, with where they stand; nothing for a
    learner without a cadre or whose cadre requires nothing. A fixed number of queries."""
    user = request.user
    rows = required_for(user=user, language=preferred_content_language(request))
    notices = []
    if rows:
        context = {
            "rows": rows,
            "cadre": user.cadre,
            "overdue": sum(1 for row in rows if row.status == OVERDUE),
        }
        notices.append(
            render_to_string("reports/includes/required_for_you.html", context, request=request)
        )
    return MyLearningExtras(notices=notices, by_enrollment={}, sections=[])


# The demo workforce registers itself with seed_demo.
from . import demo  # noqa: E402, F401
