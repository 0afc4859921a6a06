"""Background tasks: thin wrappers that call a service."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def rebuild_scorecard() -> str:
    """Rebuild the current month's scorecard (the nightly job, or an administrator's
    request)."""
    snapshot = services.scorecard_rebuild()
    return f"{snapshot.month:%Y-%m}"
