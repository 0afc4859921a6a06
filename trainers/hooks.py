"""What the trainers app adds to pages of the apps below it: the home page's entry points, and
a learner's own sessions on a module's page and on My learning."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.core.entry_points import Card, register_cards
from modules.content.selectors import MODULE_SECTIONS_HOOK, localize_titles, source_page
from modules.learning.selectors import MY_LEARNING_HOOK, MyLearningExtras

from .access import group_scope, read_scope
from .selectors import learner_sessions

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


def _sessions_html(request, sessions, **context) -> str:
    return render_to_string(
        "trainers/includes/learner_sessions.html",
        {"sessions": sessions, "now": timezone.now(), **context},
        request=request,
    )


@hooks.register(MODULE_SECTIONS_HOOK)
def sessions_on_module_page(request, module) -> str:
    """The module's sessions in the visitor's own cohorts (those to come and those held,
    cancelled ones marked); nothing for anyone else. Two queries at most."""
    if not request.user.is_authenticated:
        return ""
    sessions = learner_sessions(user=request.user, module_ids=[source_page(module).pk])
    if not sessions:
        return ""
    return _sessions_html(request, sessions, heading=_("Your in-person sessions"))


# At the top of My learning (after "Required for your role"): a session is a date to keep.
@hooks.register(MY_LEARNING_HOOK, order=-5)
def upcoming_sessions_on_my_learning(request, enrollments) -> MyLearningExtras:
    """The learner's sessions still to end, in all their cohorts, with a calendar file for
    all of them. Two queries at most, one when there is none."""
    sessions = learner_sessions(user=request.user, upcoming=True)
    notices = []
    if sessions:
        # The modules' titles as My learning shows them (in the learner's language); those of
        # modules the learner has left are looked up (one query, only then).
        modules = {enrollment.module_id: enrollment.module for enrollment in enrollments}
        for session in sessions:
            session.module = modules.get(session.module_id, session.module)
        localize_titles(
            list({s.module_id: s.module for s in sessions if s.module_id not in modules}.values())
        )
        notices.append(
            _sessions_html(
                request,
                sessions,
                heading=_("Upcoming sessions"),
                section_id="upcoming-sessions",
                show_module=True,
                calendar_all=any(not s.is_cancelled for s in sessions),
            )
        )
    return MyLearningExtras(notices=notices, by_enrollment={}, sections=[])


# Demo groups and cohorts register themselves with seed_demo.
from . import demo  # noqa: E402, F401
