from django.core.management.base import BaseCommand

from trainers.notices import session_reminders_send


class Command(BaseCommand):
    help = (
        "Remind the learners of every session that starts tomorrow (India time), by email or "
        "SMS. Run daily (cron or a systemd timer); running it again, even at the same time, "
        "sends nothing twice."
    )

    def handle(self, *args, **options):
        reminded = session_reminders_send()
        self.stdout.write(
            f"{reminded.learners} learner(s) reminded of {reminded.sessions} session(s)."
        )
