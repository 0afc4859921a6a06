"""The workforce scorecard at national scale (docs/benchmarks.md): a full rebuild of the
rollups, the national, a state and a district scorecard (queries and time, in-process through
the staff pages when they exist, else through the selectors), and what an event adds to a
certificate issue (the rollup update alone).

    DATABASE_URL=postgres://… .venv/bin/python -m bench.scorecard [--pages 20] [--events 200]

Run ``bench.generate_workforce`` on the database first (``bench/scorecard.sh`` does both).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.generate_data import report  # sets Django up before the apps' imports below
from certification.models import Certificate
from certification.signals import certificate_changed
from lms.geography.models import District, State
from reports import selectors
from reports.models import PersonStanding
from reports.services import event_record, scorecard_rebuild
from reports.tasks import record_event


def _timed(fn, repeat: int) -> tuple[list[float], int]:
    times = []
    queries = 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    return times, queries


def _line(what: str, times: list[float], queries: int) -> None:
    times = sorted(times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"  {what:<28} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
        f"{queries} queries"
    )


def _pages(state: State, district: District):
    """The three levels as the staff pages render them, when the pages exist."""
    try:
        from django.test import Client

        from lms.accounts.models import Role, User
    except ImportError:  # pragma: no cover
        return None
    admin = User.objects.filter(groups__name=Role.NATIONAL_ADMIN).first()
    if admin is None:
        return None
    client = Client()
    client.force_login(admin)
    urls = {
        "national page": "/reports/",
        f"state page ({state.code})": f"/reports/states/{state.code}/",
        f"district page ({district.name})": (
            f"/reports/states/{state.code}/districts/{district.pk}/"
        ),
    }
    for url in urls.values():
        if client.get(url, HTTP_HOST="localhost").status_code != 200:
            return None
    return {
        name: (lambda url=url: client.get(url, HTTP_HOST="localhost")) for name, url in urls.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="timed renders of each level")
    parser.add_argument("--events", type=int, default=200, help="timed rollup updates")
    parser.add_argument("--skip-rebuild", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        print("Run the scorecard benchmark on PostgreSQL.", file=sys.stderr)
        return 2
    people = PersonStanding.objects.count()
    print(f"Scorecard benchmark ({connection.settings_dict['NAME']})")
    if not options.skip_rebuild or not people:
        started = time.perf_counter()
        scorecard_rebuild()
        report("full rebuild of the current month", started)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory of this process: {peak:.0f} MB")
    people = PersonStanding.objects.count()
    print(f"  people counted: {people:,}")

    state = State.objects.get(code="AS")
    district = District.objects.filter(state=state, is_active=True).order_by("name").first()
    levels = _pages(state, district) or {
        "national (selectors)": lambda: selectors.national(),
        f"state {state.code} (selectors)": lambda: selectors.state_scorecard(state=state),
        f"district {district.name} (selectors)": lambda: selectors.district_scorecard(
            district=district
        ),
    }
    for name, fn in levels.items():
        fn()  # warm
        _line(name, *_timed(fn, options.pages))

    # The public scorecard: counted afresh (its cache emptied before each request: the cost
    # after a rebuild), then as most requests find it.
    from django.core.cache import caches
    from django.test import Client

    visitor = Client()

    def public_afresh():
        caches["pages"].clear()
        visitor.get("/scorecard/", HTTP_HOST="localhost")

    public_afresh()
    _line("public page, counted afresh", *_timed(public_afresh, max(3, options.pages // 4)))
    _line(
        "public page, kept",
        *_timed(lambda: visitor.get("/scorecard/", HTTP_HOST="localhost"), options.pages),
    )

    rng = random.Random(options.seed)
    sample = rng.sample(
        list(PersonStanding.objects.values_list("user_id", "cadre__pk")[:20000]),
        min(options.events, people),
    )
    module_id = (
        PersonStanding.objects.exclude(modules={}).values_list("modules", flat=True).first() or {}
    )
    module = int(next(iter(module_id), 0)) or None
    # What a certificate issue pays once it has committed: the receivers queue the rollup
    # update (one row). The queued rows are deleted afterwards.
    times = []
    queries = 0
    for user_id, _cadre in sample:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            certificate_changed.send(
                sender=Certificate, certificate_id=None, recipient_id=user_id,
                module_id=module, event="issued", at=timezone.now(),
            )  # fmt: skip
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path=record_event.module_path).delete()
    _line("added to a certificate issue", times, queries)

    # The update itself, as the worker runs it: its month's activity and the person's
    # standing. Each sampled person gains one certificate in this month's activity counts of
    # the bench database (nothing else changes: their standing is recounted from the same
    # rows).
    times = []
    for user_id, _cadre in sample:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            event_record(user_id=user_id, module_id=module, at=timezone.now(), certificates=1)
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    _line("rollup update (worker)", times, queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
