from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.geography.services import DistrictChange, GeographyImportError, districts_import_lgd_csv


def _describe(change: DistrictChange) -> str:
    code = f" (LGD {change.lgd_code})" if change.lgd_code is not None else ""
    detail = f": {change.detail}" if change.detail else ""
    return f"{change.state} / {change.name}{code}{detail}"


class Command(BaseCommand):
    help = (
        "Bring districts in line with the 'districts of India' CSV download of the Local "
        "Government Directory. Districts missing from the file are deactivated, never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path, help="The downloaded CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change and write nothing."
        )

    def handle(self, *args, csv: Path, dry_run: bool = False, **options):
        if not csv.is_file():
            raise CommandError(f"No such file: {csv}")
        try:
            result = districts_import_lgd_csv(file=csv, dry_run=dry_run)
        except GeographyImportError as exc:
            raise CommandError(
                "The file was rejected; nothing was changed.\n" + "\n".join(exc.errors)
            ) from exc

        for verb, changes in (
            ("create", result.created),
            ("update", result.updated),
            ("deactivate", result.deactivated),
        ):
            for change in changes:
                self.stdout.write(f"{verb}: {_describe(change)}")
        prefix = "Dry run, nothing written. Would" if dry_run else "Done:"
        self.stdout.write(
            f"{prefix} create {len(result.created)}, update {len(result.updated)}, "
            f"deactivate {len(result.deactivated)}; {result.unchanged} unchanged "
            f"({result.rows} rows read)."
        )
