"""Background tasks of the trainers' workspace: thin wrappers that take ids and call a
service."""

from __future__ import annotations

from django_tasks import task


@task()
def run_cohort_import(*, import_id: str) -> None:
    """Write a confirmed spreadsheet import of learners (large files)."""
    from .imports import import_run

    import_run(import_id=import_id)
