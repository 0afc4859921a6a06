"""Bulk certificate issue against PostgreSQL with real task workers.

Creates one batch of N completed enrollments that have no certificate yet and times it to its
last item on W ``manage.py db_worker`` processes: certificates per second including the
database, the PDF render and storage. Two ways (``--mode``):

- ``cold``: the workers are started with the batch already queued, and the time runs from
  their start, so it includes booting Django and loading the fonts (about 3 s a worker);
- ``running`` (the default): the workers are started first, as in production, and warmed by a
  small batch (a chunk per worker); the time runs from queueing the measured batch.

Samples each worker's resident memory while it runs.

Run through ``bench/bulk_issue.sh`` (it prepares the database and the environment).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import django


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="enrollments in the batch")
    parser.add_argument("--workers", type=int, default=2, help="db_worker processes")
    parser.add_argument("--mode", choices=["running", "cold"], default="running")
    parser.add_argument("--json", help="write the figures here as JSON")
    options = parser.parse_args()

    django.setup()
    from django.db.models import Exists, OuterRef

    from certification.models import Certificate, CertificateBatch
    from certification.services import BATCH_CHUNK, certificate_batch_create
    from lms.accounts.models import User
    from modules.learning.models import Enrollment

    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    warm_count = BATCH_CHUNK * options.workers if options.mode == "running" else 0
    ids = list(
        Enrollment.objects.filter(
            status=Enrollment.Status.COMPLETED, module__awards_certificate=True
        )
        .exclude(user__full_name="")
        .filter(~Exists(Certificate.objects.filter(enrollment=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)[: options.count + warm_count]
    )
    warm_ids, ids = ids[:warm_count], ids[warm_count:]
    if len(ids) < options.count:
        print(f"Only {len(ids)} completed enrollments without a certificate are left.")

    # As scripts/run.sh starts them (less the restart loop); "cold" exits once the queue is empty.
    command = [sys.executable, "manage.py", "db_worker", "--interval", "1", "-v0"]
    command += ["--batch", "--no-startup-delay"] if options.mode == "cold" else []
    if options.mode == "running":
        workers = [subprocess.Popen(command) for _ in range(options.workers)]  # noqa: S603
        warm = certificate_batch_create(enrollment_ids=warm_ids, by=admin, label="Bench warm-up")
        while warm.finished_at is None:
            time.sleep(0.2)
            warm.refresh_from_db()
        print(f"Workers warmed by batch {warm.pk} ({warm.done} certificates)")
        started = time.perf_counter()
        batch = certificate_batch_create(enrollment_ids=ids, by=admin, label="Bench bulk issue")
    else:
        batch = certificate_batch_create(enrollment_ids=ids, by=admin, label="Bench bulk issue")
        started = time.perf_counter()
        workers = [subprocess.Popen(command) for _ in range(options.workers)]  # noqa: S603
    print(f"Batch {batch.pk}: {batch.total} enrollments, queued in chunks")
    samples: dict[int, list[float]] = {w.pid: [] for w in workers}
    finished_at = None
    while any(w.poll() is None for w in workers):
        for worker in workers:
            if (value := rss_mib(worker.pid)) is not None:
                samples[worker.pid].append(value)
        batch.refresh_from_db()
        if batch.finished_at is not None and finished_at is None:
            finished_at = time.perf_counter()
            if options.mode == "running":
                for worker in workers:
                    worker.terminate()
        time.sleep(0.1)
    ended = time.perf_counter()
    batch.refresh_from_db()
    elapsed = (finished_at or ended) - started
    stored = Certificate.objects.filter(pk__in=batch.items.values("certificate_id"))
    sizes = [c.pdf.size for c in stored.exclude(pdf="")[:50]]
    figures = {
        "enrollments": batch.total,
        "issued": batch.done,
        "failed": batch.failed,
        "workers": options.workers,
        "mode": options.mode,
        "seconds": round(elapsed, 2),
        "certificates_per_second": round(batch.done / elapsed, 1) if elapsed else None,
        "pdf_kib_mean": round(sum(sizes) / len(sizes) / 1024, 1) if sizes else None,
        "worker_rss_mib": {
            str(pid): {
                "first": round(values[0], 1),
                "peak": round(max(values), 1),
                "last": round(values[-1], 1),
            }
            for pid, values in samples.items()
            if values
        },
        "batches_total": CertificateBatch.objects.count(),
    }
    print(json.dumps(figures, indent=2))
    if options.json:
        Path(options.json).write_text(json.dumps(figures, indent=2))
    return 0 if batch.failed == 0 and batch.done == batch.total else 1


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.exit(main())
