"""Tasks for the worker tests (run by a real ``db_worker`` in another process)."""

import time
from pathlib import Path

from django_tasks import task


@task()
def wait_to_be_killed(*, started_marker: str) -> None:
    """Say that it started, then run for longer than any test waits."""
    Path(started_marker).write_text("started")
    time.sleep(300)


@task()
def safe_to_repeat() -> None:
    """Stands for an idempotent task."""
