"""A cohort import whose worker was killed mid-task: ``recover_tasks`` finishes the task's
record and, through ``lms.core.signals.task_abandoned``, the import's own record, which would
otherwise say "Importing" for ever."""

import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.models import ModelLogEntry

from lms.core.workers import worker_id_for_process
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, trainer
from trainers.models import CohortImport, CohortMember

pytestmark = pytest.mark.django_db

COHORT_IMPORT_TASK = "trainers.tasks.run_cohort_import"


@pytest.fixture
def dead_worker_id():
    process = subprocess.Popen(["sleep", "60"])  # noqa: S607
    worker_id = worker_id_for_process(process.pid)
    process.kill()
    process.wait()
    return worker_id


@pytest.fixture
def running_import(dead_worker_id):
    """An import claimed by a worker that was then killed: the import says "running", its
    task record RUNNING, and (its write being one transaction) nothing was written."""
    cohort = make_cohort("AS", modules=[make_module(lessons=1)])
    owner = trainer("AS", group=cohort.trainer_group)
    cohort_import = CohortImport.objects.create(
        cohort=cohort,
        created_by=owner,
        filename="learners.csv",
        status=CohortImport.Status.RUNNING,
        total=3,
        done=2,
    )
    DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
        worker_ids=[dead_worker_id],
        args_kwargs={"args": [], "kwargs": {"import_id": str(cohort_import.pk)}},
        task_path=COHORT_IMPORT_TASK,
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )
    return cohort_import


def recover(*args) -> None:
    call_command("recover_tasks", *args, stdout=StringIO())


def test_an_import_whose_worker_died_is_marked_failed(
    running_import, django_capture_on_commit_callbacks
):
    members = CohortMember.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        recover()
    running_import.refresh_from_db()
    assert running_import.status == CohortImport.Status.FAILED
    assert running_import.done == 0
    assert "interrupted" in running_import.error
    assert running_import.finished_at is not None
    assert CohortMember.objects.count() == members
    assert ModelLogEntry.objects.filter(action="trainers.import.failed").count() == 1


def test_an_import_queued_again_with_its_task_is_queued_again(
    running_import, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recover("--requeue", COHORT_IMPORT_TASK)
    running_import.refresh_from_db()
    # The task runs again and claims the import from "queued", as the first run did.
    assert running_import.status == CohortImport.Status.QUEUED
    assert running_import.done == 0
    task = DBTaskResult.objects.get(task_path=COHORT_IMPORT_TASK)
    assert task.status == TaskResultStatus.READY


def test_a_finished_import_is_left_as_it_is(running_import, django_capture_on_commit_callbacks):
    CohortImport.objects.filter(pk=running_import.pk).update(status=CohortImport.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        recover()
    running_import.refresh_from_db()
    assert running_import.status == CohortImport.Status.DONE
    assert not ModelLogEntry.objects.filter(action="trainers.import.failed").exists()
