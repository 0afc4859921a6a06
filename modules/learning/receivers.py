from __future__ import annotations

from django.dispatch import receiver

from modules.content.selectors import source_page
from modules.content.signals import knowledge_check_answered

from .models import Enrollment
from .services import knowledge_check_record


@receiver(knowledge_check_answered)
def store_knowledge_check_answer(
    sender, request, user, lesson, block_id, selected, correct, **kwargs
):
    """Keep an enrolled learner's answer; visitors and others are not recorded."""
    if not user.is_authenticated:
        return
    lesson = source_page(lesson)
    module_path = lesson.path[: -lesson.steplen]
    enrollment = (
        Enrollment.objects.filter(user=user, module__path=module_path)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .first()
    )
    if enrollment is not None:
        knowledge_check_record(
            enrollment=enrollment,
            lesson=lesson,
            block_id=block_id,
            selected=selected,
            correct=correct,
        )
