from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from lms.core.workers import TaskRecoveryError, tasks_recover


class Command(BaseCommand):
    help = (
        "Finish the records of tasks left running by workers that were killed; run it before "
        "starting workers. A task whose worker is dead (same machine) or that started longer "
        "ago than --stale-after-minutes (other machines) is marked failed, or queued again "
        "when named with --requeue. Tasks of live workers are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--requeue",
            action="append",
            default=[],
            metavar="TASK_PATH",
            help=(
                "a task safe to run twice (idempotent), e.g. "
                "certification.tasks.issue_certificate; repeat for several"
            ),
        )
        parser.add_argument(
            "--stale-after-minutes",
            type=int,
            default=360,
            help=(
                "a task of a worker on another machine counts as abandoned once it started "
                "this long ago; longer than any task runs (default: %(default)s)"
            ),
        )

    def handle(self, *args, requeue, stale_after_minutes, verbosity, **options):
        try:
            result = tasks_recover(
                stale_after=timedelta(minutes=stale_after_minutes), requeue=frozenset(requeue)
            )
        except TaskRecoveryError as error:
            raise CommandError(str(error)) from error
        if verbosity > 1:
            for label, records in (("failed", result.failed), ("requeued", result.requeued)):
                for record in records:
                    self.stdout.write(f"{label}: {record.id} {record.task_path}")
        self.stdout.write(
            f"{len(result.failed)} abandoned task(s) marked failed, {len(result.requeued)} "
            f"queued again, {len(result.left_running)} left running."
        )
