from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from lms.core.http import is_htmx
from lms.core.i18n import preferred_content_language
from modules.content.grading import (
    AssessmentVersion,
    Question,
    assessment_at,
    present,
    questions_from_stream,
)
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
from modules.content.selectors import source_page

from . import selectors
from .models import AssessmentAttempt, Enrollment
from .services import (
    LearningError,
    attempt_rules,
    attempt_start,
    attempt_submit,
    enrollment_create,
    enrollment_withdraw,
    lesson_complete,
    lesson_reading_wait,
    lesson_view,
    pre_test_start,
    pre_test_state,
    reading_wait_message,
    time_on_lesson,
)


def _error(request: HttpRequest, error: LearningError, fallback: str) -> HttpResponse:
    if is_htmx(request):
        return render(
            request,
            "learning/includes/error.html",
            {"message": error.message},
            status=error.status_code,
        )
    messages.error(request, error.message)
    return HttpResponseRedirect(fallback)


def _live_module(module_id: int) -> TrainingModulePage:
    module = TrainingModulePage.objects.live().public().filter(pk=module_id).first()
    if module is None:
        raise Http404
    return source_page(module)


def _enrollment(request: HttpRequest, module: TrainingModulePage) -> Enrollment:
    enrollment = selectors.enrollment_for(user=request.user, module=module)
    if enrollment is None:
        raise Http404
    return enrollment


@login_required
@require_POST
def enroll(request: HttpRequest, module_id: int) -> HttpResponse:
    module = TrainingModulePage.objects.live().public().filter(pk=module_id).first()
    if module is None:
        raise Http404
    try:
        enrollment = enrollment_create(
            user=request.user, module=module, source=Enrollment.Source.SELF
        )
    except LearningError as error:
        return _error(request, error, module.url)
    messages.success(request, _("You are enrolled in %(title)s.") % {"title": module.title})
    if enrollment.module.has_pre_test and pre_test_state(enrollment=enrollment).available:
        # Before the lessons: what the pre-test is, to take it or skip it.
        return HttpResponseRedirect(reverse("learning:pre_test", args=[enrollment.module.pk]))
    first = LessonPage.objects.live().child_of(enrollment.module).order_by("path").first()
    target = first.localized if first else module
    return HttpResponseRedirect(target.url)


@login_required
@require_POST
def withdraw(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _live_module(module_id)
    enrollment_withdraw(enrollment=_enrollment(request, module), by=request.user)
    messages.info(
        request,
        _("You have left %(title)s. Your progress is kept if you re-join.")
        % {"title": module.title},
    )
    return HttpResponseRedirect(reverse("learning:my_learning"))


def _lesson_and_enrollment(request: HttpRequest, lesson_id: int, *, with_counts: bool = False):
    page = LessonPage.objects.live().filter(pk=lesson_id).first()
    if page is None:
        raise Http404
    lesson = source_page(page)
    enrollment = selectors.enrollment_for_path(
        user=request.user, module_path=lesson.path[: -LessonPage.steplen], with_counts=with_counts
    )
    return page, lesson, enrollment


@login_required
@require_POST
def complete_lesson(request: HttpRequest, lesson_id: int) -> HttpResponse:
    page, lesson, enrollment = _lesson_and_enrollment(request, lesson_id, with_counts=True)
    if enrollment is None:
        return _error(
            request,
            LearningError(_("Enrol in the module to record your progress."), status_code=403),
            page.url,
        )
    try:
        lesson_complete(enrollment=enrollment, lesson=lesson)
    except LearningError as error:
        return _error(request, error, page.url)
    if is_htmx(request):
        return render(
            request,
            "learning/includes/lesson_done.html",
            {"enrollment": enrollment, "lesson": page},
        )
    following = (
        LessonPage.objects.live()
        .sibling_of(page, inclusive=False)
        .filter(path__gt=page.path)
        .order_by("path")
        .first()
    )
    messages.success(request, _("Lesson completed."))
    return HttpResponseRedirect(following.url if following else page.get_parent().url)


@login_required
@require_POST
def lesson_beacon(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """The lesson page's reports of its visible time (``static/js/lesson-beacon.js``): "0"
    when it opens, then every ``BEACON_SECONDS`` of visible time and when it is hidden or
    left. The answer says how much reading time is left, which enables "Mark as complete"."""
    _page, lesson, enrollment = _lesson_and_enrollment(request, lesson_id)
    if enrollment is None:
        return JsonResponse({"error": _("Not enrolled.")}, status=403)
    try:
        if request.POST.get("seconds") == "0":  # the page was opened
            lesson_view(enrollment=enrollment, lesson=lesson)
            counted = 0
            wait = lesson_reading_wait(enrollment=enrollment, lesson=lesson)
        else:
            report = time_on_lesson(
                enrollment=enrollment, lesson=lesson, seconds=request.POST.get("seconds")
            )
            counted, wait = report.counted, report.wait
    except LearningError as error:
        return JsonResponse({"error": error.message}, status=error.status_code)
    return JsonResponse(
        {"counted": counted, "wait": wait, "message": reading_wait_message(wait) if wait else ""}
    )


@login_required
@require_POST
def start_attempt(request: HttpRequest, assessment_id: int) -> HttpResponse:
    page = AssessmentPage.objects.live().public().filter(pk=assessment_id).first()
    if page is None:
        raise Http404
    assessment = source_page(page)
    enrollment = selectors.enrollment_for_path(
        user=request.user, module_path=assessment.path[: -AssessmentPage.steplen]
    )
    if enrollment is None:
        return _error(
            request,
            LearningError(_("Enrol in the module to take the assessment."), status_code=403),
            page.url,
        )
    try:
        attempt = attempt_start(enrollment=enrollment, assessment=assessment)
    except LearningError as error:
        return _error(request, error, page.url)
    return HttpResponseRedirect(reverse("learning:attempt", args=[attempt.pk]))


@login_required
def pre_test(request: HttpRequest, module_id: int) -> HttpResponse:
    """The module's pre-test: what it is for, to take or skip (GET); POST begins it. Learners
    of a module without one get a 404 and nothing is written."""
    module = _live_module(module_id)
    if not module.has_pre_test:
        raise Http404
    enrollment = _enrollment(request, module)
    state = pre_test_state(enrollment=enrollment)
    if not state.offered:
        raise Http404
    shown = module.localized
    if request.method == "POST":
        try:
            attempt = pre_test_start(enrollment=enrollment)
        except LearningError as error:
            return _error(request, error, request.path)
        return HttpResponseRedirect(reverse("learning:attempt", args=[attempt.pk]))
    first = LessonPage.objects.live().child_of(module).order_by("path").first()
    return render(
        request,
        "learning/pre_test.html",
        {
            "module": module,
            "shown_module": shown,
            "enrollment": enrollment,
            "pre_test": state,
            "first_lesson": first.localized if first else None,
        },
    )


def _questions_for(
    request: HttpRequest, attempt: AssessmentAttempt, version: AssessmentVersion
) -> tuple[list[Question], str]:
    """The attempt's questions (from the revision it began with), with their texts in the
    learner's language when a live translation of the assessment exists, and the language
    they are written in (for ``lang``, so that speech reads English texts on a Hindi page as
    English). Translations share question and option ids; points and the answer key always
    come from the revision."""
    questions = list(version.questions)
    source = settings.LANGUAGE_CODE
    language = preferred_content_language(request)
    if not language or language == settings.LANGUAGE_CODE:
        return questions, source
    translation = (
        attempt.assessment.get_translations()
        .live()
        .filter(locale__language_code=language)
        .specific()
        .first()
    )
    if translation is None:
        return questions, source
    texts = {q.id: q for q in questions_from_stream(translation.questions)}
    merged = []
    for question in questions:
        shown = texts.get(question.id)
        if shown is None:
            merged.append(question)
            continue
        option_texts = {option.id: option.text for option in shown.options}
        merged.append(
            replace(
                question,
                text=shown.text,
                explanation=shown.explanation,
                options=tuple(
                    replace(option, text=option_texts.get(option.id, option.text))
                    for option in question.options
                ),
            )
        )
    return merged, language


def _attempt_for(request: HttpRequest, attempt_id: int) -> AssessmentAttempt:
    attempt = (
        AssessmentAttempt.objects.filter(pk=attempt_id, enrollment__user=request.user)
        # Not the revision: its questions come from ``assessment_at``, parsed once per process.
        .select_related("enrollment__module")
        .first()
    )
    if attempt is None:
        raise Http404  # someone else's attempt looks exactly like a missing one
    return attempt


@login_required
def take_attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_for(request, attempt_id)
    if attempt.is_submitted:
        return HttpResponseRedirect(reverse("learning:attempt_result", args=[attempt.pk]))
    page = assessment_at(attempt.revision_id)
    questions, questions_language = _questions_for(request, attempt, page)
    if request.method == "POST":
        answers = {
            qid: request.POST.getlist(f"q-{qid}")
            for qid in attempt.question_ids
            if request.POST.getlist(f"q-{qid}")
        }
        unexpected = {key[2:] for key in request.POST if key.startswith("q-")} - set(
            attempt.question_ids
        )
        if unexpected:
            return _error(
                request,
                LearningError(_("The answers include questions that are not in this attempt.")),
                request.path,
            )
        try:
            attempt_submit(attempt=attempt, answers=answers)
        except LearningError as error:
            messages.error(request, error.message)
            status = error.status_code
        else:
            return HttpResponseRedirect(reverse("learning:attempt_result", args=[attempt.pk]))
    else:
        status = 200
    shown = present(
        questions,
        question_ids=attempt.question_ids,
        shuffle_options=page.shuffle_options,
        seed=attempt.seed,
    )
    return render(
        request,
        "learning/attempt.html",
        {
            "attempt": attempt,
            "questions": shown,
            "questions_language": questions_language,
            "assessment": page,
            "module": attempt.enrollment.module,
            "is_pre_test": attempt.role == AssessmentAttempt.Role.PRE_TEST,
        },
        status=status,
    )


@dataclass(frozen=True)
class ReviewOption:
    text: str
    chosen: bool
    correct: bool


@dataclass(frozen=True)
class ReviewItem:
    """One question of a submitted attempt as its result page shows it. When the answers are
    withheld, ``correct`` is False on every option and ``explanation`` is empty, so the page
    cannot give them away."""

    text: str
    points: int
    verdict: str  # "correct", "unanswered", "incorrect" or "partial"
    options: tuple[ReviewOption, ...]
    explanation: str


def _review_item(question: Question, selected: set[str], *, answers_shown: bool) -> ReviewItem:
    if selected == question.correct_ids:
        verdict = "correct"
    elif not selected:
        verdict = "unanswered"
    else:
        verdict = "incorrect" if question.takes_one else "partial"
    return ReviewItem(
        text=question.text,
        points=question.points,
        verdict=verdict,
        options=tuple(
            ReviewOption(
                text=option.text,
                chosen=option.id in selected,
                correct=answers_shown and option.correct,
            )
            for option in question.options
        ),
        explanation=question.explanation if answers_shown else "",
    )


@login_required
def attempt_result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _attempt_for(request, attempt_id)
    if not attempt.is_submitted:
        return HttpResponseRedirect(reverse("learning:attempt", args=[attempt.pk]))
    page = assessment_at(attempt.revision_id)
    if attempt.role == AssessmentAttempt.Role.PRE_TEST:
        return _pre_test_result(request, attempt, page)
    rules = attempt_rules(enrollment=attempt.enrollment)
    answers_shown = page.shows_answers(passed=rules.passed, attempts_left=rules.remaining)
    questions, questions_language = _questions_for(request, attempt, page)
    by_id = {q.id: q for q in questions}
    review = [
        _review_item(by_id[qid], set(attempt.answers.get(qid, [])), answers_shown=answers_shown)
        for qid in attempt.question_ids
        if qid in by_id
    ]
    return render(
        request,
        "learning/attempt_result.html",
        {
            "attempt": attempt,
            "review": review,
            "questions_language": questions_language,
            "rules": rules,
            "answers_shown": answers_shown,
            "questions_may_differ": page.pool_larger_than_draw,
            "answers_policy": page.show_answers,
            "assessment": page,
            "module": attempt.enrollment.module,
            "enrollment": attempt.enrollment,
        },
    )


def _pre_test_result(
    request: HttpRequest, attempt: AssessmentAttempt, page: AssessmentVersion
) -> HttpResponse:
    """A pre-test's result: the score and what it is for. Never the answers, nor which were
    right: the same questions may come in the assessment."""
    module = attempt.enrollment.module
    first = LessonPage.objects.live().child_of(module).order_by("path").first()
    return render(
        request,
        "learning/pre_test_result.html",
        {
            "attempt": attempt,
            "assessment": page,
            "module": module,
            "enrollment": attempt.enrollment,
            "first_lesson": first.localized if first else None,
        },
    )


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    context = selectors.my_learning(user=request.user)
    enrollments = [row.enrollment for row in context["active"] + context["completed"]]
    notices, sections = [], []
    for extras in (fn(request, enrollments) for fn in hooks.get_hooks(selectors.MY_LEARNING_HOOK)):
        notices += extras.notices
        sections += extras.sections
        for row in context["completed"] + context["active"]:
            if row.enrollment.pk in extras.by_enrollment:
                row.extras.append(extras.by_enrollment[row.enrollment.pk])
    context.update(notices=notices, sections=sections)
    return render(request, "learning/my_learning.html", context)


@login_required
def module_progress(request: HttpRequest, module_id: int) -> HttpResponse:
    module = _live_module(module_id)
    context = selectors.module_progress(enrollment=_enrollment(request, module))
    return render(request, "learning/module_progress.html", context)


@login_required
def my_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Everything the platform holds about the learner, as JSON or CSV (a right under the
    Digital Personal Data Protection Act, 2023)."""
    content_type = "application/json" if fmt == "json" else "text/csv"
    response = HttpResponse(
        selectors.personal_data_export(user=request.user, fmt=fmt),
        content_type=f"{content_type}; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-data.{fmt}"'
    return response
