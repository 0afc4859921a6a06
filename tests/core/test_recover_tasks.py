"""Tasks left RUNNING by a killed worker: ``recover_tasks`` marks them failed (or queues again
the ones named safe to repeat), and leaves the tasks of live workers alone."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import validate_worker_id
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.models import ModelLogEntry

from lms.core.workers import WorkerState, worker_id_for_process, worker_state

ROOT = Path(__file__).resolve().parents[2]
WAIT_TASK = "tests.core.worker_tasks.wait_to_be_killed"
SAFE_TASK = "tests.core.worker_tasks.safe_to_repeat"


def running_task(*, worker_id: str, started_at=None, task_path: str = WAIT_TASK) -> DBTaskResult:
    """A task record as a worker leaves it when it is killed mid-task."""
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=started_at or timezone.now(),
        worker_ids=[worker_id],
        args_kwargs={"args": [], "kwargs": {"started_marker": "/nonexistent"}},
        task_path=task_path,
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )


@pytest.fixture
def dead_worker_id():
    """The id a worker that has since been killed had on this machine."""
    process = subprocess.Popen(["sleep", "60"])  # noqa: S607
    worker_id = worker_id_for_process(process.pid)
    process.kill()
    process.wait()
    return worker_id


def recover(*args) -> str:
    out = StringIO()
    call_command("recover_tasks", *args, stdout=out)
    return out.getvalue()


def snapshot(record: DBTaskResult) -> dict:
    record.refresh_from_db()
    return {field.attname: getattr(record, field.attname) for field in DBTaskResult._meta.fields}


def test_worker_ids_name_host_and_process_and_fit_the_workers_limit():
    worker_id = worker_id_for_process()
    host, pid, _start = worker_id.split(":")
    assert host == socket.gethostname()[:30]
    assert int(pid) == os.getpid()
    with mock.patch("socket.gethostname", return_value="h" * 100):
        assert validate_worker_id(worker_id_for_process()) == worker_id_for_process()


def test_db_worker_names_its_process_by_default(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert get_commands()["db_worker"] == "lms.core"
    parser = load_command_class("lms.core", "db_worker").create_parser("manage.py", "db_worker")
    assert parser.parse_args([]).worker_id == worker_id_for_process()
    assert parser.parse_args(["--worker-id", "w1"]).worker_id == "w1"


def test_worker_state(dead_worker_id):
    assert worker_state(worker_id_for_process()) is WorkerState.ALIVE
    assert worker_state(dead_worker_id) is WorkerState.DEAD
    # A live process that took a dead worker's pid started at another time.
    host, pid, start = worker_id_for_process().split(":")
    scope = start.split("-")[0]
    assert worker_state(f"{host}:{pid}:{scope}-1") is WorkerState.DEAD
    # Another machine, boot or container; ids not made here (django_tasks_db's own).
    assert worker_state(f"{host}:{pid}:00000000-{start.split('-')[1]}") is WorkerState.UNKNOWN
    assert worker_state("yT3kq0Zl2b8WcVn1xR5sHj7mPd4fAe6G") is WorkerState.UNKNOWN
    assert worker_state("") is WorkerState.UNKNOWN


@pytest.mark.django_db
def test_a_task_of_a_killed_worker_is_marked_failed(dead_worker_id):
    record = running_task(worker_id=dead_worker_id)
    output = recover()
    record.refresh_from_db()
    assert record.status == TaskResultStatus.FAILED
    assert record.finished_at is not None
    assert record.exception_class_path == "lms.core.workers.WorkerLost"
    assert dead_worker_id in record.traceback
    assert "not run again" in record.traceback
    entry = ModelLogEntry.objects.get(object_id=str(record.pk))
    assert entry.action == "core.task.failed"
    assert entry.data["worker"] == dead_worker_id
    assert entry.data["task"] == WAIT_TASK
    assert "1 abandoned task(s) marked failed, 0 queued again, 0 left running." in output
    # Running it again finds nothing more to do.
    assert "0 abandoned task(s) marked failed, 0 queued again, 0 left running." in recover()


@pytest.mark.django_db
def test_a_task_safe_to_repeat_is_queued_again(dead_worker_id):
    record = running_task(worker_id=dead_worker_id, task_path=SAFE_TASK)
    other = running_task(worker_id=dead_worker_id)
    output = recover("--requeue", SAFE_TASK)
    record.refresh_from_db()
    assert record.status == TaskResultStatus.READY
    assert record.started_at is None
    assert list(DBTaskResult.objects.ready()) == [record]
    assert ModelLogEntry.objects.get(object_id=str(record.pk)).action == "core.task.requeued"
    other.refresh_from_db()
    assert other.status == TaskResultStatus.FAILED
    assert "1 abandoned task(s) marked failed, 1 queued again, 0 left running." in output


@pytest.mark.django_db
def test_tasks_of_live_workers_are_left_alone():
    # This process stands for a live worker, whatever the task's age.
    live = running_task(
        worker_id=worker_id_for_process(), started_at=timezone.now() - timedelta(days=2)
    )
    # A worker elsewhere (another machine, or an id this code did not make) that started
    # recently may still be running.
    elsewhere = running_task(
        worker_id="yT3kq0Zl2b8WcVn1xR5sHj7mPd4fAe6G",
        started_at=timezone.now() - timedelta(minutes=359),
    )
    before = [snapshot(live), snapshot(elsewhere)]
    output = recover("--requeue", WAIT_TASK)
    assert [snapshot(live), snapshot(elsewhere)] == before
    assert not ModelLogEntry.objects.filter(action__startswith="core.task.").exists()
    assert "0 abandoned task(s) marked failed, 0 queued again, 2 left running." in output


@pytest.mark.django_db
def test_a_task_of_an_unknown_worker_is_abandoned_after_the_threshold():
    old = running_task(
        worker_id="yT3kq0Zl2b8WcVn1xR5sHj7mPd4fAe6G",
        started_at=timezone.now() - timedelta(minutes=61),
    )
    recent = running_task(
        worker_id="yT3kq0Zl2b8WcVn1xR5sHj7mPd4fAe6G",
        started_at=timezone.now() - timedelta(minutes=59),
    )
    recover("--stale-after-minutes", "60")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == TaskResultStatus.FAILED
    assert "gave no news" in old.traceback
    assert recent.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ["--requeue", "tests.core.worker_tasks.no_such_task"],
        ["--requeue", "os.path.join"],
        ["--stale-after-minutes", "0"],
    ],
)
def test_a_wrong_argument_changes_nothing(dead_worker_id, args):
    record = running_task(worker_id=dead_worker_id)
    before = snapshot(record)
    with pytest.raises(CommandError):
        recover(*args)
    assert snapshot(record) == before
    assert not ModelLogEntry.objects.filter(action__startswith="core.task.").exists()


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_a_real_worker_killed_mid_task(tmp_path):
    """A real ``db_worker`` (another process, sharing the test database) is killed with SIGKILL
    while it runs a task; the record stays RUNNING until ``recover_tasks`` marks it failed."""
    marker = tmp_path / "started"
    record = DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        args_kwargs={"args": [], "kwargs": {"started_marker": str(marker)}},
        task_path=WAIT_TASK,
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )
    database = connection.settings_dict
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "SECRET_KEY", "DEBUG"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        DATABASE_STATEMENT_TIMEOUT="0",
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert worker.poll() is None, "the worker stopped on its own"
            assert time.monotonic() < deadline, "the worker never started the task"
            time.sleep(0.2)
        record.refresh_from_db()
        assert record.status == TaskResultStatus.RUNNING
        assert record.worker_ids[-1].split(":")[1] == str(worker.pid)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    record.refresh_from_db()
    assert record.status == TaskResultStatus.RUNNING  # what a killed worker leaves
    recover()
    record.refresh_from_db()
    assert record.status == TaskResultStatus.FAILED
    assert record.exception_class_path == "lms.core.workers.WorkerLost"
