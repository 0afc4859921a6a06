"""What the scorecard adds to pages of the apps below it, through their hooks: "Required for
your role" at the top of the learner's My learning page, and the home page's entry points to
the staff and the public scorecards."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.accounts.access import reads_scorecards
from lms.core.entry_points import Card, register_cards
from lms.core.i18n import preferred_content_language
from modules.learning.selectors import MY_LEARNING_HOOK, MyLearningExtras

from .learner import OVERDUE, required_for

register_cards(
    Card(
        title=_("Workforce scorecard"),
        description=_(
            "How much of the workforce in your scope is trained, by cadre and place, month by "
            "month: what lags, and the people behind each number."
        ),
        url_name="reports:home",
        order=70,
        section=_("Training"),
        shown_to=reads_scorecards,
    ),
)


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
