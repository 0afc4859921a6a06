"""What the trainers app adds to pages of the apps below it: the home page's entry points, and
a learner's own sessions on a module's page and on My learning."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from lms.accounts.access import has_role
from lms.accounts.models import Role
from lms.accounts.selectors import PROFILE_SECTIONS_HOOK
from lms.core.entry_points import Card, register_cards
from modules.content.selectors import MODULE_SECTIONS_HOOK, localize_titles, source_page
from modules.learning.selectors import MY_LEARNING_HOOK, MyLearningExtras

from .access import cohort_scope, group_scope, read_scope
from .accreditation import accreditations_of
from .feedback import feedback_state, sessions_awaiting_feedback
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
        title=_("Evidence"),
        description=_(
            "What learners gained from pre-test to post-test, and session feedback, by "
            "trainer and by module version."
        ),
        url_name="trainers:evidence",
        order=63,
        section=_("Training"),
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
    Card(
        title=_("Training cascade"),
        description=_(
            "From the master trainers to the frontline: who trained whom, how many people "
            "each reached, and where the cascade thins out."
        ),
        url_name="trainers:cascade",
        order=64,
        section=_("Training"),
        # Trainers and coordinators of a state; district officers read their district's
        # figures on the scorecard.
        shown_to=cohort_scope,
    ),
    Card(
        title=_("Trainer accreditations"),
        description=_("Accredited trainers of your state, their standards and expiry dates."),
        url_name="trainers:accreditation_list",
        order=62,
        section=_("Training"),
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
    cancelled ones marked, "How was this session?" on those attended in the last 14 days);
    nothing for anyone else. Three queries at most."""
    if not request.user.is_authenticated:
        return ""
    sessions = learner_sessions(user=request.user, module_ids=[source_page(module).pk])
    if not sessions:
        return ""
    states = feedback_state(user=request.user, sessions=sessions)
    for session in sessions:
        session.feedback_state = states.get(session.pk)
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


@hooks.register(MY_LEARNING_HOOK, order=-4)
def session_feedback_on_my_learning(request, enrollments) -> MyLearningExtras:
    """ "How was this session?" for each session the learner attended in the last 14 days and
    has not yet given feedback on. One query."""
    awaiting = sessions_awaiting_feedback(user=request.user)
    notices = []
    if awaiting:
        notices.append(
            render_to_string("trainers/feedback_due.html", {"sessions": awaiting}, request=request)
        )
    return MyLearningExtras(notices=notices, by_enrollment={}, sections=[])


# After the certificates: a trainer's accreditations are their certificates as a trainer.
@hooks.register(MY_LEARNING_HOOK, order=20)
def accreditations_on_my_learning(request, enrollments) -> MyLearningExtras:
    """ "My accreditations": each of the trainer's accreditations with its status and its
    public verification page; nothing for those who hold none. One query, for trainers
    only (an accreditation makes its holder a trainer; learners ask nothing)."""
    if not has_role(request.user, Role.TRAINER):
        return MyLearningExtras(notices=[], by_enrollment={}, sections=[])
    held = accreditations_of([request.user.pk]).get(request.user.pk, [])
    sections = []
    if held:
        sections.append(
            render_to_string(
                "trainers/accreditation_mine.html",
                {"accreditations": held, "today": timezone.localdate()},
                request=request,
            )
        )
    return MyLearningExtras(notices=[], by_enrollment={}, sections=sections)


@hooks.register(PROFILE_SECTIONS_HOOK)
def accreditations_on_profile(request) -> str:
    """The trainer's accreditations on their profile too (as on My learning); nothing for
    those who are not trainers (no query) or hold none."""
    if not has_role(request.user, Role.TRAINER):
        return ""
    held = accreditations_of([request.user.pk]).get(request.user.pk, [])
    if not held:
        return ""
    return render_to_string(
        "trainers/accreditation_mine.html",
        {"accreditations": held, "today": timezone.localdate()},
        request=request,
    )


# Demo groups and cohorts register themselves with seed_demo.
from . import demo  # noqa: E402, F401
