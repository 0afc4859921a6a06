"""Background tasks: thin wrappers that call a service."""

from __future__ import annotations

import datetime

from django_tasks import task

from lms.core.dates import parse_month

from . import mailing, services


@task()
def record_event(
    *,
    user_id: int,
    module_id: int | None = None,
    at: str | None = None,
    completions: int = 0,
    certificates: int = 0,
) -> None:
    """Move the rollups by a completion or a certificate (``at``: when it happened, ISO
    8601). Queued by the receivers, so an issue or a completion costs one queued row, not the
    update itself."""
    services.event_record(
        user_id=user_id,
        module_id=module_id,
        at=datetime.datetime.fromisoformat(at) if at else None,
        completions=completions,
        certificates=certificates,
    )


@task()
def rebuild_scorecard() -> str:
    """Rebuild the current month's scorecard (the nightly job, or an administrator's
    request)."""
    snapshot = services.scorecard_rebuild()
    return f"{snapshot.month:%Y-%m}"


@task()
def send_scorecard_mail(month: str | None = None) -> str:
    """Mail the scorecard of ``month`` (``YYYY-MM``; default: the month just ended) to every
    coordinator and district officer who has not had it (the monthly job). Raises when the
    month is malformed or has no figures, or when some mails failed (a rerun sends those)."""
    day = parse_month(month) if month else mailing.month_just_ended()
    if day is None:
        raise ValueError(f"{month!r} is not a month written YYYY-MM.")
    result = mailing.scorecard_mail_month(month=day)
    summary = f"{day:%Y-%m}: {result.sent} sent, {result.already} before, {result.failed} failed"
    if result.failed:
        raise RuntimeError(summary)
    return summary
