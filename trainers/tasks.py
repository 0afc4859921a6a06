"""Background tasks of the trainers' workspace: thin wrappers that take ids and call a
service."""

from __future__ import annotations

from django_tasks import task

# The imports' service enqueues these tasks: it is reached as an attribute at call time.
from . import imports, notices


@task()
def run_cohort_import(*, import_id: str) -> None:
    """Write a confirmed spreadsheet import of learners (large files)."""
    imports.import_run(import_id=import_id)


@task()
def send_session_notice(*, session_id: int, kind: str, previous_starts_at: str = "") -> int:
    """Tell a session's learners that it was scheduled, moved or cancelled (queued when the
    change commits). Returns how many were told."""
    return notices.session_notice_send(
        session_id=session_id, kind=kind, previous_starts_at=previous_starts_at or None
    )


@task()
def send_session_reminders() -> str:
    """Remind the learners of tomorrow's sessions (the daily job, also a command)."""
    reminded = notices.session_reminders_send()
    return f"{reminded.learners} learner(s) reminded of {reminded.sessions} session(s)"
