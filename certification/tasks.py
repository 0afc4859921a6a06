"""Background tasks: thin wrappers that take ids and call a service."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def issue_certificate(*, enrollment_id: int) -> str:
    """Issue (idempotently) the certificate of a completed enrollment."""
    return str(services.certificate_issue(enrollment_id=enrollment_id).pk)


@task()
def issue_certificate_chunk(*, batch_id: str, item_ids: list[int]) -> None:
    """Work through some items of a bulk issue."""
    services.certificate_batch_process(batch_id=batch_id, item_ids=item_ids)
