from __future__ import annotations

from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from lms.core.audit import register_log_actions
from lms.core.entry_points import Card, register_cards, signed_in
from modules.content.models import AssessmentPage, reading_seconds_required
from modules.content.rendering import CSRF_PLACEHOLDER, SHELL_TTL_SECONDS
from modules.content.selectors import (
    ASSESSMENT_CONTEXT_HOOK,
    LESSON_CONTEXT_HOOK,
    MODULE_ACTIONS_HOOK,
    MODULE_CONTEXT_HOOK,
    module_lessons,
    source_page,
)

from . import selectors
from .admin_views import ITEM_ANALYSIS_URL_NAME, ItemAnalysisView, item_analysis_url, may_analyse
from .models import AssessmentAttempt, Enrollment
from .services import BEACON_SECONDS, attempt_rules, pre_test_state, prerequisites_missing


@hooks.register(MODULE_ACTIONS_HOOK)
def module_actions(request, module):
    source = source_page(module)
    enrollment = selectors.enrollment_for(user=request.user, module=source)
    context = {
        "module": source,
        "shown_module": module,
        "enrollment": enrollment,
        "request": request,
    }
    if enrollment is None and request.user.is_authenticated:
        context["missing"] = prerequisites_missing(user=request.user, module=source)
    elif enrollment is not None and enrollment.status == enrollment.Status.ACTIVE:
        context["pre_test"] = pre_test_state(enrollment=enrollment)
        context["continue_lesson"] = selectors.continue_lesson(
            enrollment=enrollment,
            lessons=list(module_lessons(module)),
            done_keys=selectors.done_lesson_keys(enrollment=enrollment),
        )
    return render_to_string("learning/includes/module_actions.html", context, request=request)


@hooks.register(MODULE_CONTEXT_HOOK)
def module_progress_context(request, module, lessons):
    """Ticks on the syllabus and where "Continue" goes, for an enrolled learner."""
    enrollment = selectors.enrollment_for(user=request.user, module=source_page(module))
    if enrollment is None or enrollment.status == enrollment.Status.WITHDRAWN:
        return {}
    done_keys = selectors.done_lesson_keys(enrollment=enrollment)
    following = selectors.continue_lesson(
        enrollment=enrollment, lessons=lessons, done_keys=done_keys
    )
    return {"lesson_done_keys": done_keys, "continue_lesson": following}


@hooks.register(LESSON_CONTEXT_HOOK)
def lesson_progress_context(request, lesson):
    """The learner's parts of a lesson page, in one query: ticks, progress and the actions box.
    Opening the lesson is recorded by the page's first beacon (a POST), so this GET stays free
    of writes."""
    source_lesson = source_page(lesson)
    state = selectors.lesson_learner_state(
        user=request.user, module_path=source_lesson.path[: -source_lesson.steplen]
    )
    if state is None or state.status == Enrollment.Status.WITHDRAWN:
        return {}
    completed = source_lesson.pk in state.completed_ids
    wait = 0
    if not completed:
        required = reading_seconds_required(
            share=state.min_reading_share, estimated_minutes=source_lesson.estimated_minutes
        )
        wait = max(0, required - state.seconds_by_lesson.get(source_lesson.pk, 0))
    return {
        "lesson_done_keys": state.done_keys,
        "progress": state.progress,
        "lesson_actions_html": _lesson_actions_html(
            lesson, completed=completed, wait_minutes=-(-wait // 60)
        ),
    }


def _lesson_actions_html(lesson, *, completed: bool, wait_minutes: int = 0) -> str:
    """The box below a lesson: "Mark as complete" (disabled while the minimum reading time
    runs), or that it is done. The same for every learner at the same point, so rendered
    once per lesson, state, minutes to wait and language (the CSRF token is the page's
    placeholder, filled in per request)."""
    key = (
        f"lms:lesson-actions:3:{lesson.pk}:{int(completed)}:{wait_minutes}:"
        f"{translation.get_language()}"
    )
    html = caches["pages"].get(key)
    if html is None:
        html = render_to_string(
            "learning/includes/lesson_actions.html",
            {
                "completed": completed,
                "wait_minutes": wait_minutes,
                "complete_url": reverse("learning:complete_lesson", args=[lesson.pk]),
                "beacon_url": reverse("learning:lesson_beacon", args=[lesson.pk]),
                "beacon_seconds": BEACON_SECONDS,
                "csrf_token": CSRF_PLACEHOLDER,
            },
        )
        caches["pages"].set(key, html, SHELL_TTL_SECONDS)
    return html


@hooks.register(ASSESSMENT_CONTEXT_HOOK)
def assessment_actions(request, assessment, module):
    source = source_page(assessment)
    enrollment = selectors.enrollment_for_path(
        user=request.user, module_path=source.path[: -source.steplen]
    )
    context = {"assessment": assessment, "enrollment": enrollment}
    if enrollment is not None:
        context["rules"] = attempt_rules(enrollment=enrollment)
        context["attempts"] = list(
            AssessmentAttempt.objects.filter(
                enrollment=enrollment, role=AssessmentAttempt.Role.ASSESSMENT
            ).order_by("-number")
        )
        context["pre_test"] = pre_test_state(enrollment=enrollment)
        context["open_attempt"] = next((a for a in context["attempts"] if not a.is_submitted), None)
    html = render_to_string("learning/includes/assessment_actions.html", context, request=request)
    return {"assessment_actions_html": html}


# --- Item analysis, for the people who may edit an assessment -------------------------------


@hooks.register("register_admin_urls")
def register_item_analysis_url():
    return [
        path(
            "modules/assessments/<id:page_id>/item-analysis/",
            ItemAnalysisView.as_view(),
            name=ITEM_ANALYSIS_URL_NAME,
        )
    ]


def _item_analysis_button(page, user, priority: int):
    if page.specific_class is AssessmentPage and may_analyse(page, user):
        yield Button(
            gettext_lazy("Item analysis"),
            url=item_analysis_url(page),
            icon_name="table",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def item_analysis_header_button(page, user, view_name, next_url=None):
    yield from _item_analysis_button(page, user, priority=66)


@hooks.register("register_page_listing_more_buttons")
def item_analysis_listing_button(page, user, next_url=None):
    yield from _item_analysis_button(page, user, priority=55)


register_cards(
    Card(
        title=gettext_lazy("My learning"),
        description=gettext_lazy("Your modules, where to continue, results and certificates."),
        url_name="learning:my_learning",
        order=50,
        section=gettext_lazy("Learning"),
        shown_to=signed_in,
    )
)


LEARNING_LOG_ACTIONS = [
    ("learning.enrollment.created", gettext_lazy("Enrolled")),
    ("learning.enrollment.rejoined", gettext_lazy("Re-joined")),
    ("learning.enrollment.withdrawn", gettext_lazy("Left the module")),
    ("learning.enrollment.completed", gettext_lazy("Completed the module")),
    ("learning.enrollment.cycle_started", gettext_lazy("Began re-certification")),
    ("learning.enrollment.attendance", gettext_lazy("Attendance reported")),
    ("learning.attempt.started", gettext_lazy("Assessment attempt started")),
    ("learning.attempt.submitted", gettext_lazy("Assessment attempt submitted")),
    ("learning.pre_test.started", gettext_lazy("Pre-test started")),
    ("learning.pre_test.submitted", gettext_lazy("Pre-test submitted")),
    (
        "learning.pre_test.abandoned",
        gettext_lazy("Pre-test left unfinished as the assessment began"),
    ),
]
register_log_actions(LEARNING_LOG_ACTIONS)


# Demo enrolments register themselves with seed_demo.
from . import demo  # noqa: E402, F401
