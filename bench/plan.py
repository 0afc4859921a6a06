"""Write what the load generator needs to know, as JSON: the demo modules' lesson and
assessment URLs, and the bench learners best suited to the load (English readers, so that
lesson pages are not redirected to a translation, with the most lessons still to complete
and the most assessment attempts left).

    DJANGO_SETTINGS_MODULE=lms.settings.dev DATABASE_URL=… python -m bench.plan --out plan.json
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import django


def build(limit: int) -> dict:
    from django.conf import settings
    from django.db.models import Count, Q

    from bench.generate_data import BENCH_DOMAIN, BENCH_PASSWORD
    from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
    from modules.learning.models import AssessmentAttempt, Enrollment, LessonProgress

    modules = {}
    for module in TrainingModulePage.objects.live().filter(
        locale__language_code=settings.LANGUAGE_CODE
    ):
        assessment = AssessmentPage.objects.live().child_of(module).first()
        modules[module.pk] = {
            "code": module.code,
            "max_attempts": module.max_attempts,
            "lessons": [
                {"id": lesson.pk, "url": lesson.url}
                for lesson in LessonPage.objects.live().child_of(module).order_by("path")
            ],
            "assessment": {"id": assessment.pk, "url": assessment.url} if assessment else None,
        }

    enrollments = (
        Enrollment.objects.filter(
            user__email__endswith=f"@{BENCH_DOMAIN}",
            user__preferred_language=settings.LANGUAGE_CODE,
            status=Enrollment.Status.ACTIVE,
            module_id__in=modules,
        )
        .annotate(
            submitted=Count("attempts", filter=Q(attempts__submitted_at__isnull=False)),
            open=Count("attempts", filter=Q(attempts__submitted_at__isnull=True)),
            passed=Count("attempts", filter=Q(attempts__passed=True)),
        )
        .values("pk", "user_id", "user__email", "module_id", "submitted", "open", "passed")
    )
    done = defaultdict(set)
    for enrollment_id, lesson_id in LessonProgress.objects.filter(
        enrollment__user__email__endswith=f"@{BENCH_DOMAIN}", completed_at__isnull=False
    ).values_list("enrollment_id", "lesson_id"):
        done[enrollment_id].add(lesson_id)

    learners: dict[int, dict] = {}
    for row in enrollments:
        module = modules[row["module_id"]]
        learner = learners.setdefault(
            row["user_id"],
            {"email": row["user__email"], "modules": [], "score": 0},
        )
        attempts_left = 0
        if module["assessment"] and not row["open"] and not row["passed"]:
            attempts_left = max(0, module["max_attempts"] - row["submitted"])
        todo = [lesson["id"] for lesson in module["lessons"] if lesson["id"] not in done[row["pk"]]]
        learner["modules"].append(
            {
                "code": module["code"],
                "module_id": row["module_id"],
                "lessons_todo": todo,
                "attempts_left": attempts_left,
            }
        )
        learner["score"] += len(todo) + 2 * attempts_left
    chosen = sorted(learners.values(), key=lambda item: (-item["score"], item["email"]))[:limit]
    for learner in chosen:
        del learner["score"]
    return {
        "password": BENCH_PASSWORD,
        "modules": {str(pk): module for pk, module in modules.items()},
        "learners": chosen,
        "attempts_open": AssessmentAttempt.objects.filter(submitted_at__isnull=True).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--learners", type=int, default=600, help="How many to list at most.")
    args = parser.parse_args()
    django.setup()
    plan = build(args.learners)
    with Path(args.out).open("w", encoding="utf-8") as out:
        json.dump(plan, out, indent=1)
    left = sum(m["attempts_left"] for learner in plan["learners"] for m in learner["modules"])
    todo = sum(len(m["lessons_todo"]) for learner in plan["learners"] for m in learner["modules"])
    print(
        f"Plan: {len(plan['learners'])} learners, {todo} lessons to complete, "
        f"{left} assessment attempts left -> {args.out}"
    )


if __name__ == "__main__":
    main()
