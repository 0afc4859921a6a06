import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from lms.core.dates import parse_month
from reports.services import current_month, scorecard_rebuild, scorecard_rebuild_recent


def _month(text: str) -> datetime.date:
    month = parse_month(text)
    if month is None:
        raise CommandError(f"{text!r} is not a month written YYYY-MM.")
    return month


class Command(BaseCommand):
    help = (
        "Rebuild the workforce scorecard's rollups from the source tables: the current month "
        "(run nightly: expiries and due dates move with the calendar), a given month, or the "
        "last few months that have no figures yet. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", type=_month, help="Rebuild this month (YYYY-MM).")
        parser.add_argument(
            "--fill",
            type=int,
            default=1,
            metavar="N",
            help="Also build the N-1 months before this one that have no figures yet.",
        )

    def handle(self, *args, month=None, fill=1, **options):
        started = time.monotonic()
        if month is not None:
            if month.replace(day=1) > current_month():
                raise CommandError("That month has not begun.")
            snapshots = [scorecard_rebuild(month=month)]
        else:
            snapshots = scorecard_rebuild_recent(months=max(fill, 1))
        for snapshot in snapshots:
            self.stdout.write(f"Scorecard {snapshot.month:%Y-%m} rebuilt, as of {snapshot.as_of}.")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
