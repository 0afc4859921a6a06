"""Time the progress matrix of the 2,000-learner bench cohort, in-process, through the whole
middleware stack (Django's test client) against PostgreSQL, as its bench trainer.

For each case: the median and 90th percentile of N requests after a warm-up, and the number
of queries of one request (counted apart, so that counting costs nothing in the timings).

    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=x DATABASE_URL=postgres://…/lms_bench_matrix \\
        SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=testserver python -m bench.matrix [--requests 30]

The data come from ``bench.generate_data`` then ``bench.generate_cohorts``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import django

#: (label, path suffix after the cohort's progress URL or a named URL, GET parameters)
CASES = [
    ("matrix, page 1 by name", "progress", {}),
    ("matrix, page 20 by name", "progress", {"page": "20"}),
    ("matrix, sorted by progress", "progress", {"sort": "-progress"}),
    ("matrix, at risk only", "progress", {"status": "at_risk"}),
    ("matrix, completed in one module", "progress", {"status": "completed", "module": "first"}),
    ("matrix, search by name", "progress", {"q": "bora"}),
    ("matrix, htmx fragment", "progress-htmx", {"district": "first"}),
    ("learner drill-down", "learner", {}),
    ("export, CSV, 2,000 rows", "export", {}),
]


class _Counter:
    """Counts statements (bench.timing's wrapper hides them from CaptureQueriesContext)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _check(label: str, response) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{label}: HTTP {response.status_code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--export-requests", type=int, default=5)
    parser.add_argument("--json", help="write the figures here as JSON")
    options = parser.parse_args()
    django.setup()

    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse

    from bench.generate_cohorts import LARGE_COHORT, LARGE_TRAINER
    from lms.accounts.models import User
    from trainers.models import Cohort, CohortMember, CohortModule

    cohort = Cohort.objects.filter(name=LARGE_COHORT).first()
    if cohort is None:
        print("No bench cohort: run python -m bench.generate_cohorts first.", file=sys.stderr)
        return 2
    trainer = User.objects.get(email=LARGE_TRAINER)
    members = CohortMember.objects.filter(cohort=cohort, removed_at__isnull=True)
    first_module = CohortModule.objects.filter(cohort=cohort).order_by("sort_order")[0].module_id
    first_district = members.order_by("user__district__name").values_list(
        "user__district_id", flat=True
    )[0]
    learner = members.order_by("pk").values_list("user_id", flat=True)[0]
    print(
        f"Cohort {cohort.pk}: {members.count()} learners, "
        f"{CohortModule.objects.filter(cohort=cohort).count()} modules"
    )

    client = Client()
    client.force_login(trainer)
    results = []
    # Static URLs unhashed: no collectstatic needed, and the manifest lookup is not the point.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        for label, kind, params in CASES:
            params = {
                k: str(first_module if v == "first" and k == "module" else v)
                for k, v in params.items()
            }
            if params.get("district") == "first":
                params["district"] = str(first_district)
            headers = {}
            if kind in ("progress", "progress-htmx"):
                url = reverse("trainers:progress", args=[cohort.pk])
                if kind == "progress-htmx":
                    headers["HTTP_HX_REQUEST"] = "true"
            elif kind == "learner":
                url = reverse("trainers:learner_detail", args=[cohort.pk, learner])
            else:
                url = reverse("trainers:progress_export", args=[cohort.pk, "csv"])
            count = options.export_requests if kind == "export" else options.requests
            for _ in range(options.warmup):
                _check(label, client.get(url, params, **headers))
            timings = []
            for _ in range(count):
                started = time.perf_counter()
                response = client.get(url, params, **headers)
                timings.append((time.perf_counter() - started) * 1000)
                _check(label, response)
            counter = _Counter()
            with connection.execute_wrapper(counter):
                client.get(url, params, **headers)
            timings.sort()
            row = {
                "case": label,
                "requests": count,
                "median_ms": round(statistics.median(timings), 1),
                "p90_ms": round(timings[int(0.9 * (len(timings) - 1))], 1),
                "queries": counter.count,
                "bytes": len(response.content),
            }
            results.append(row)
            print(
                f"  {label:<34} median {row['median_ms']:7.1f} ms   p90 {row['p90_ms']:7.1f} ms"
                f"   {row['queries']:3d} queries   {row['bytes'] // 1024:5d} KiB"
            )
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2))
    page = next(r for r in results if r["case"] == "matrix, page 1 by name")
    return 0 if page["median_ms"] < 500 and page["queries"] <= 15 else 1


if __name__ == "__main__":
    sys.exit(main())
