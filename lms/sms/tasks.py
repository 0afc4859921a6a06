"""Background tasks: thin wrappers that take ids and call a service."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def deliver_sms(*, message_id: int) -> str:
    """One attempt at delivering a queued text message (the service enqueues the next)."""
    return services.sms_deliver(message_id=message_id)
