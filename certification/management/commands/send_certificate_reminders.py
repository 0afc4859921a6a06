from django.core.management.base import BaseCommand

from certification.services import certificate_reminders_send


class Command(BaseCommand):
    help = (
        "Email learners whose certificates expire within 30 and 7 days. Run daily (cron or a "
        "systemd timer); running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = certificate_reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
