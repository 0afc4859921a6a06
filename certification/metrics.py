"""What certification reports at ``/metrics`` (``lms.core.metrics``): the progress of the bulk
issues not yet finished, from the batches' own exact counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.utils import timezone
from wagtail import hooks

from lms.core.metrics import METRICS_HOOK, Metric

from .models import CertificateBatch
from .selectors import STALLED_AFTER


@dataclass(frozen=True)
class BatchProgress:
    queued: int
    running: int
    #: Not finished, and no item finished for ``STALLED_AFTER`` (``selectors.batch_stalled``).
    stalled: int
    pending: int
    done: int
    failed: int


def open_batch_progress() -> BatchProgress:
    """Unfinished batches by status (``CertificateBatch.status``), how many are stalled, and
    their items pending, issued and failed. One query, on the batches alone (their ``total``,
    ``done`` and ``failed`` are kept exact by the tasks)."""
    stalled_before = timezone.now() - STALLED_AFTER
    figures = CertificateBatch.objects.filter(finished_at__isnull=True).aggregate(
        queued=Count("pk", filter=Q(done=0, failed=0)),
        running=Count("pk", filter=Q(done__gt=0) | Q(failed__gt=0)),
        # selectors.batch_stalled's rule, in the query.
        stalled=Count(
            "pk", filter=LessThan(Coalesce("progressed_at", "created_at"), stalled_before)
        ),
        total=Coalesce(Sum("total"), 0),
        done=Coalesce(Sum("done"), 0),
        failed=Coalesce(Sum("failed"), 0),
    )
    return BatchProgress(
        queued=figures["queued"],
        running=figures["running"],
        stalled=figures["stalled"],
        pending=figures["total"] - figures["done"] - figures["failed"],
        done=figures["done"],
        failed=figures["failed"],
    )


@hooks.register(METRICS_HOOK)
def certificate_batch_metrics() -> list[Metric]:
    """Bulk issues not finished, by status and stalled, and their items by status."""
    progress = open_batch_progress()
    batches = Metric(
        "lms_certificate_batches",
        "gauge",
        "Bulk certificate issues not finished, by status "
        "(queued: no item finished yet; running: some finished).",
    )
    batches.add(progress.queued, status="queued").add(progress.running, status="running")
    stalled = Metric(
        "lms_certificate_batches_stalled",
        "gauge",
        "Bulk certificate issues not finished in which no item has finished for "
        f"{int(STALLED_AFTER.total_seconds() // 60)} minutes (a worker stopped: "
        "resume_certificate_batches queues them again).",
    ).add(progress.stalled)
    items = Metric(
        "lms_certificate_batch_items",
        "gauge",
        "Items of the bulk certificate issues not finished, by status (pending, done, failed).",
    )
    items.add(progress.pending, status="pending").add(progress.done, status="done")
    items.add(progress.failed, status="failed")
    return [batches, stalled, items]
