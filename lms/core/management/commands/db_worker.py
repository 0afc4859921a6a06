from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from lms.core.workers import worker_id_for_process


class Command(DatabaseWorkerCommand):
    """django_tasks_db's worker, whose default id names the host and the process (instead of
    random letters), so that ``recover_tasks`` can tell whether the worker of a task left
    running is still alive. ``--worker-id`` still chooses another."""

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id_for_process())
