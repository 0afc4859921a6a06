from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms.core.demo import seeders


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent). Refuses to run in production."

    def handle(self, *args, **options):
        if not getattr(settings, "LMS_ALLOW_DEMO_DATA", False):
            raise CommandError(
                "seed_demo refuses to run with these settings: demo accounts share a known "
                "password. Use lms.settings.dev for the demo."
            )
        lines: list[str] = []
        for seeder in seeders():
            with transaction.atomic():
                lines.extend(seeder())
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
