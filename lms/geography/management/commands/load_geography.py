from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.geography.services import geography_load_reference


class Command(BaseCommand):
    help = "Load the bundled list of states, union territories and districts (safe to repeat)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, help="A file in the format of lms/geography/data/india.json."
        )

    def handle(self, *args, path: Path | None = None, **options):
        if path is not None and not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            result = geography_load_reference(path=path)
        except (ValueError, KeyError) as exc:
            raise CommandError(f"The reference file is malformed: {exc}") from exc
        self.stdout.write(
            f"States: {result.states_created} created, {result.states_updated} updated.\n"
            f"Districts: {result.districts_created} created, {result.districts_updated} updated."
        )
        if result.districts_skipped:
            self.stdout.write(
                f"{result.districts_skipped} district(s) without an LGD code were left out of "
                "states whose districts come from an LGD import."
            )
