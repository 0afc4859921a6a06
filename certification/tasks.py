"""Background tasks: thin wrappers that take ids and call a service."""

from __future__ import annotations

from django_tasks import default_task_backend, task
from django_tasks.backends.immediate import ImmediateBackend

from . import services
from .rendering import worker_housekeeping


def _after_renders() -> None:
    # Only a worker process that lives on needs it; tasks run immediately (tests, a setup
    # without a worker) run inside a request.
    if not isinstance(default_task_backend, ImmediateBackend):
        worker_housekeeping()


@task()
def issue_certificate(*, enrollment_id: int, attempt: int = 1) -> str:
    """Issue (idempotently) the certificate of a completed enrollment; tried again later when
    the file storage does not answer."""
    try:
        return str(
            services.certificate_issue_attempt(enrollment_id=enrollment_id, attempt=attempt).pk
        )
    finally:
        _after_renders()


@task()
def issue_certificate_chunk(*, batch_id: str, item_ids: list[int], attempt: int = 1) -> None:
    """Work through some items of a bulk issue."""
    try:
        services.certificate_batch_process(batch_id=batch_id, item_ids=item_ids, attempt=attempt)
    finally:
        _after_renders()
