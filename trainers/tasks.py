"""Background tasks of the trainers' workspace: thin wrappers that take ids and call a
service."""

from __future__ import annotations

from django_tasks import task

# The imports' service enqueues these tasks: it is reached as an attribute at call time.
from . import imports


@task()
def run_cohort_import(*, import_id: str) -> None:
    """Write a confirmed spreadsheet import of learners (large files)."""
    imports.import_run(import_id=import_id)
