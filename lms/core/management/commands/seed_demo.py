import urllib.parse

from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Site

from lms.core.demo import seeders
from lms.core.site_url import site_url

#: Mail the seeders send (Wagtail's moderation notices, the certificates' emails) stays in
#: memory: the demo's addresses are not real, and printed it would bury the logins in
#: thousands of lines. Mail the running demo sends is printed as usual.
SEEDING_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CONSOLE_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"


def _site_follows_site_url() -> None:
    """Point the default Wagtail site at the public address, so that the page links in
    Wagtail's emails lead where the demo's other links do."""
    parts = urllib.parse.urlsplit(site_url())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not parts.hostname:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (site.hostname, site.port) != (parts.hostname, port):
        site.hostname, site.port = parts.hostname, port
        site.save(update_fields=["hostname", "port"])  # clears Wagtail's cached site paths


class Command(BaseCommand):
    help = "Create or refresh the demo data (idempotent). Refuses to run in production."

    def handle(self, *args, **options):
        if not getattr(settings, "LMS_ALLOW_DEMO_DATA", False):
            raise CommandError(
                "seed_demo refuses to run with these settings: demo accounts share a known "
                "password. Use lms.settings.dev for the demo."
            )
        _site_follows_site_url()
        lines: list[str] = []
        with override_settings(EMAIL_BACKEND=SEEDING_EMAIL_BACKEND):
            sent_before = len(getattr(mail, "outbox", []))
            for seeder in seeders():
                with transaction.atomic():
                    lines.extend(seeder())
            held = len(getattr(mail, "outbox", [])) - sent_before
        for line in lines:
            self.stdout.write(line)
        if held:
            self.stdout.write(f"{held} emails written while seeding were kept back, not sent.")
        if settings.EMAIL_BACKEND == CONSOLE_EMAIL_BACKEND:
            self.stdout.write(
                "Emails the demo sends (account verification, password resets) are printed "
                "in this console."
            )
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
