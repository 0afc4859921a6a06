import datetime

from django.core.management.base import BaseCommand, CommandError

from lms.core.dates import parse_month
from reports.mailing import ScorecardMailError, month_just_ended, scorecard_mail_month


def _month(text: str) -> datetime.date:
    month = parse_month(text)
    if month is None:
        raise CommandError(f"{text!r} is not a month written YYYY-MM.")
    return month


class Command(BaseCommand):
    help = (
        "Mail each state coordinator their state's scorecard PDF and each district officer "
        "their district's, for a month (default: the month just ended). Safe to run again: "
        "a rerun sends only the mails that have not gone out."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", type=_month, help="Mail this month's scorecard (YYYY-MM).")

    def handle(self, *args, month=None, **options):
        month = month or month_just_ended()
        try:
            result = scorecard_mail_month(month=month)
        except ScorecardMailError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Scorecard {month:%Y-%m}: {result.sent} sent, {result.already} sent before, "
            f"{result.failed} failed."
        )
        if result.unconfirmed:
            self.stderr.write(
                f"{result.unconfirmed} mail(s) claimed by an earlier run that stopped before "
                "confirming them were not sent again; check the mail log before removing "
                "their MonthlyMailing rows."
            )
        if result.failed:
            raise CommandError(f"{result.failed} mail(s) failed; run the command again to retry.")
