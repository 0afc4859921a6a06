from django.core.management.base import BaseCommand

from certification.models import CertificateBatch
from certification.services import certificate_batch_enqueue


class Command(BaseCommand):
    help = (
        "Queue again the pending items of unfinished bulk issues — run it when workers start, "
        "so a batch whose worker was killed finishes. Issuing is idempotent: nothing is issued "
        "twice."
    )

    def handle(self, *args, **options):
        queued = 0
        for batch in CertificateBatch.objects.filter(finished_at__isnull=True):
            queued += certificate_batch_enqueue(batch=batch)
        self.stdout.write(f"{queued} pending item(s) queued again.")
