from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from lms.core.http import is_htmx

from .grading import grade, knowledge_check_from_block
from .models import LessonPage
from .rendering import render_lesson_page
from .signals import knowledge_check_answered


def _live_lesson(lesson_id: int, request: HttpRequest) -> LessonPage:
    lesson = LessonPage.objects.live().public().filter(pk=lesson_id).first()
    if lesson is None or not lesson.get_parent().live:
        raise Http404
    return lesson


@require_POST
def knowledge_check_answer(request: HttpRequest, lesson_id: int, block_id: str) -> HttpResponse:
    """Check an answer to a lesson's knowledge check and say whether it is right, with the
    author's feedback. The right answer is never sent to the page before this."""
    lesson = _live_lesson(lesson_id, request)
    block = next(
        (
            child
            for child in lesson.body
            if child.id == block_id and child.block_type == "knowledge_check"
        ),
        None,
    )
    if block is None:
        raise Http404
    question = knowledge_check_from_block(block.value, block.id)
    selected = request.POST.getlist("option")
    valid_ids = {option.id for option in question.options}
    if not selected or not set(selected) <= valid_ids or (question.takes_one and len(selected) > 1):
        result = None  # nothing (valid) chosen: ask again
    else:
        result = grade(questions=[question], answers={question.id: selected}).results[0]
        knowledge_check_answered.send(
            sender=LessonPage,
            request=request,
            user=request.user,
            lesson=lesson,
            block_id=block.id,
            selected=result.selected,
            correct=result.correct,
        )
    context = {
        "value": block.value,
        "block_id": block.id,
        "lesson": lesson,
        "result": result,
        "selected": set(selected),
        "page": lesson,
    }
    if is_htmx(request):
        # htmx swaps only successful responses; "choose an answer" is a 200 here too.
        return TemplateResponse(request, "modules/blocks/knowledge_check_feedback.html", context)
    # Without scripts: the whole lesson again, with this check's feedback in place (the body
    # rendered live).
    return render_lesson_page(
        lesson,
        request,
        extra_context={"check_results": {block.id: context}},
        status=200 if result else 422,
    )
