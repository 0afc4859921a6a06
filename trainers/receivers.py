"""What the trainers app does when the apps below it announce something."""

from __future__ import annotations

from django.dispatch import receiver

from lms.core.signals import task_abandoned

from .imports import import_abandoned

COHORT_IMPORT_TASK = "trainers.tasks.run_cohort_import"


@receiver(task_abandoned, dispatch_uid="trainers.import_abandoned")
def finish_abandoned_import(sender, *, task_path: str, kwargs: dict, requeued: bool, **extra):
    """A cohort import whose worker stopped is marked failed (or queued again with its task),
    never left "importing" for ever."""
    if task_path == COHORT_IMPORT_TASK and kwargs.get("import_id"):
        import_abandoned(import_id=kwargs["import_id"], requeued=requeued)
