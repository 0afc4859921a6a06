"""Task workers (``manage.py db_worker``): who they are, whether they still live, and what to do
with the tasks a killed worker left marked as running.

django_tasks_db marks a task RUNNING when a worker claims it and records the worker's id; a
worker killed mid-task (SIGKILL, out of memory, a lost machine) never marks it finished.
The worker ids given here (``lms.core``'s ``db_worker``) name the process and where it runs,
so that ``recover_tasks`` can tell the tasks of a dead worker from those of a live one.
"""

from __future__ import annotations

import enum
import hashlib
import os
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.compat import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .audit import audit
from .signals import task_abandoned

_PROC = Path("/proc")


class WorkerState(enum.Enum):
    ALIVE = "alive"
    DEAD = "dead"
    # Another machine, container or boot, or an id not made here: only its age can tell.
    UNKNOWN = "unknown"


class TaskRecoveryError(Exception):
    """The recovery was asked for something it cannot do."""


class WorkerLost(Exception):
    """Stored as the error of a task whose worker stopped before the task finished."""


def _process_start(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks since boot) of a process, from Linux's /proc; None
    when there is no such process."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name, in parentheses, may itself contain spaces and parentheses.
    fields = stat.rsplit(")", 1)[1].split()
    return fields[0], fields[19]


@cache
def _scope() -> str | None:
    """Which processes this one can see: the machine's boot and the PID namespace (a
    container has its own). None without Linux's /proc."""
    try:
        boot = (_PROC / "sys/kernel/random/boot_id").read_text().strip()
        namespace = (_PROC / "self/ns/pid").readlink()
    except OSError:
        return None
    return hashlib.sha256(f"{boot}/{namespace}".encode()).hexdigest()[:8]


def worker_id_for_process(pid: int | None = None) -> str:
    """``host:pid:scope-start`` for this process (or another one here), at most 64 characters
    (django_tasks_db's limit). The host is for people; the scope and the process's start time
    let ``worker_state`` recognise the process, even when its pid has been reused."""
    pid = pid or os.getpid()
    host = socket.gethostname()[:30]
    scope, start = _scope(), _process_start(pid)
    if scope is None or start is None:
        return f"{host}:{pid}"
    return f"{host}:{pid}:{scope}-{start[1]}"


def worker_state(worker_id: str) -> WorkerState:
    """Whether the worker with this id still runs, when this process can tell (same machine,
    boot and container); UNKNOWN otherwise."""
    parts = worker_id.split(":")
    if len(parts) != 3 or not parts[1].isdigit() or "-" not in parts[2]:
        return WorkerState.UNKNOWN
    scope, start = parts[2].split("-", 1)
    if scope != _scope():
        return WorkerState.UNKNOWN
    process = _process_start(int(parts[1]))
    # A zombie has finished; a process started at another time took a freed pid.
    if process is None or process[0] in {"Z", "X"} or process[1] != start:
        return WorkerState.DEAD
    return WorkerState.ALIVE


@dataclass
class TaskRecovery:
    failed: list[DBTaskResult] = field(default_factory=list)
    requeued: list[DBTaskResult] = field(default_factory=list)
    left_running: list[DBTaskResult] = field(default_factory=list)


def _announce_on_commit(record: DBTaskResult, *, requeued: bool) -> None:
    task_path, kwargs = record.task_path, dict(record.args_kwargs.get("kwargs") or {})
    transaction.on_commit(
        lambda: task_abandoned.send(
            sender=DBTaskResult, task_path=task_path, kwargs=kwargs, requeued=requeued
        )
    )


def tasks_recover(
    *, stale_after: timedelta, requeue: frozenset[str] = frozenset(), now: datetime | None = None
) -> TaskRecovery:
    """Finish the records of tasks left RUNNING by workers that stopped.

    A task is abandoned when its worker is known to be dead (``worker_state``), or, when that
    cannot be told, when it started more than ``stale_after`` ago — longer than any task runs.
    Tasks of live workers and recent ones of unknown workers are left alone. An abandoned task
    whose path is in ``requeue`` (tasks safe to run again, such as idempotent ones) is queued
    again; any other is marked FAILED with a ``WorkerLost`` error, never run twice.
    """
    if stale_after <= timedelta(0):
        raise TaskRecoveryError("stale_after must be positive.")
    for path in requeue:
        try:
            is_task = isinstance(import_string(path), Task)
        except ImportError:
            is_task = False
        if not is_task:
            raise TaskRecoveryError(f"{path} is not a task.")
    now = now or timezone.now()
    result = TaskRecovery()
    with transaction.atomic():
        # Several workers may start at once; each abandoned record is handled by one of them.
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for record in running.order_by("started_at"):
            worker = record.worker_ids[-1] if record.worker_ids else ""
            state = worker_state(worker)
            stale = record.started_at is None or record.started_at <= now - stale_after
            if state is WorkerState.ALIVE or (state is WorkerState.UNKNOWN and not stale):
                result.left_running.append(record)
                continue
            reason = "stopped" if state is WorkerState.DEAD else f"gave no news for {stale_after}"
            _announce_on_commit(record, requeued=record.task_path in requeue)
            data = {
                "task": record.task_path,
                "worker": worker,
                "started_at": str(record.started_at),
            }
            if record.task_path in requeue:
                record.status, record.started_at = TaskResultStatus.READY, None
                record.save(update_fields=["status", "started_at"])
                audit(instance=record, action="core.task.requeued", data=data)
                result.requeued.append(record)
            else:
                record.set_failed(
                    WorkerLost(
                        f"Worker {worker or '(none)'} {reason} while running this task "
                        f"(started {record.started_at}); marked failed by recover_tasks at "
                        f"{now}. The task was not run again."
                    )
                )
                audit(instance=record, action="core.task.failed", data=data)
                result.failed.append(record)
    return result
