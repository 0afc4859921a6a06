"""Time a state's training cascade (``trainers.cascade.state_cascade``) and its page on
PostgreSQL: 500 trainers (national master trainers, state core trainers, district trainers)
and 50,000 learners in one state.

    .venv/bin/python -m bench.cascade                       # database lms_cascade_<pid>
    .venv/bin/python -m bench.cascade --trainers 500 --learners 50000 --runs 15 --keep

It creates a throwaway database on ``BENCH_PG`` (default postgres://postgres@127.0.0.1:5432),
migrates it, writes the data with ``bulk_create``, runs ``ANALYZE``, times the selector and the
page (Django's test client, as the state's coordinator; medians of ``--runs`` after a warm-up)
with their query counts, and drops the database (unless ``--keep``).

The data: ``--masters`` national master trainers; ``--cores`` state core trainers, each
trained by two masters; the rest district trainers, each trained by one or two core trainers,
spread over the state's districts (a few districts left without one; a few trainers, accredited
long ago, who trained nobody; some accreditations expiring soon). Each district trainer runs
learner cohorts of about 60, two sessions each (one of a core trainer's too now and then, some
cancelled); one learner in ten is in two cohorts, one membership in fifty is removed; 40 % of
the learners hold a certificate in their cohort's module. Posts are reported for every district
in one required cadre.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _database(pg: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainers", type=int, default=500)
    parser.add_argument("--masters", type=int, default=4)
    parser.add_argument("--cores", type=int, default=30)
    parser.add_argument("--learners", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each case")
    parser.add_argument("--state", default="AS")
    parser.add_argument("--db", default=f"lms_cascade_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    os.environ["DATABASE_URL"] = f"{pg}/{args.db}"
    os.environ["DATABASE_STATEMENT_TIMEOUT"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    _database(pg, args.db)
    try:
        _run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _database(pg, args.db, drop_only=True)


def _timed(fn, runs: int) -> dict:
    """Median and 90th percentile of the wall time, the median time in the database (as the
    driver saw it) and of this process's CPU, and the queries of one more run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm
    wall, database, cpu = [], [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        database.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    wall.sort()
    return {
        "median": statistics.median(wall),
        "p90": wall[max(0, int(len(wall) * 0.9) - 1)],
        "database": statistics.median(database),
        "cpu": statistics.median(cpu),
        "queries": len(captured.captured_queries),
    }


def _line(what: str, figures: dict) -> str:
    return (
        f"| {what} | {figures['median']:.0f} | {figures['p90']:.0f} | "
        f"{figures['database']:.0f} | {figures['cpu']:.0f} | {figures['queries']} |"
    )


def _build(args, rng: random.Random):
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from certification.models import Certificate
    from certification.services import new_code, new_token
    from lms.accounts.models import Cadre, User
    from lms.geography.models import District, State
    from lms.workforce.models import PostCount
    from modules.content.models import RequiredTraining
    from modules.learning.models import Enrollment
    from tests.modules.factories import make_module
    from trainers.models import (
        Accreditation,
        AccreditationStandard,
        Cohort,
        CohortMember,
        CohortModule,
        TrainerGroup,
        TrainingSession,
    )

    state = State.objects.get(code=args.state)
    districts = list(District.objects.filter(state=state, is_active=True).order_by("name"))
    cadre = Cadre.objects.get(slug="social-worker")
    now = timezone.now()
    today = timezone.localdate()
    modules = [make_module(lessons=1) for _ in range(3)]
    standard = AccreditationStandard.objects.create(name="Child protection in the district")
    standard.modules.set(modules)
    group = TrainerGroup.objects.create(state=state, name="Bench core trainer group")
    RequiredTraining.objects.create(cadre=cadre, module=modules[0])
    password = make_password(None)

    started = time.perf_counter()
    people = [
        User(
            email=f"person{n:06d}@cascade.example.org",
            password=password,
            full_name=f"Person {n:06d}",
            cadre=cadre,
            state=state,
            district=districts[n % len(districts)],
        )
        for n in range(args.trainers + args.learners)
    ]
    User.objects.bulk_create(people, batch_size=2000)
    trainers, learners = people[: args.trainers], people[args.trainers :]

    masters = trainers[: args.masters]
    cores = trainers[args.masters : args.masters + args.cores]
    district_trainers = trainers[args.masters + args.cores :]
    # Two districts in twenty have no district trainer.
    served = [d for i, d in enumerate(districts) if i % 10 != 3] or districts
    accreditations = []
    parents = []
    code = iter(range(10**6))

    def accredit(user, level, district=None, by=(), days_ago=400, valid_days=700):
        accreditations.append(
            Accreditation(
                code=f"BENCH{next(code):07d}",
                trainer=user,
                trainer_name=user.full_name,
                standard=standard,
                level=level,
                state=None if level == Accreditation.Level.NATIONAL else state,
                district=district,
                granted_at=now - datetime.timedelta(days=days_ago),
                valid_until=today + datetime.timedelta(days=valid_days),
            )
        )
        parents.append(list(by))

    for master in masters:
        accredit(master, Accreditation.Level.NATIONAL, days_ago=900)
    for core in cores:
        accredit(core, Accreditation.Level.STATE, by=rng.sample(masters, min(2, len(masters))))
    core_of = {}
    for n, trainer in enumerate(district_trainers):
        by = rng.sample(cores, 1 if n % 3 else 2)
        core_of[trainer.pk] = by[0]
        accredit(
            trainer,
            Accreditation.Level.DISTRICT,
            district=served[n % len(served)],
            by=by,
            valid_days=45 if n % 25 == 0 else 700,
        )
    Accreditation.objects.bulk_create(accreditations, batch_size=1000)
    Accreditation.trained_by.through.objects.bulk_create(
        [
            Accreditation.trained_by.through(accreditation_id=a.pk, user_id=p.pk)
            for a, by in zip(accreditations, parents, strict=True)
            for p in by
        ],
        batch_size=2000,
    )

    # Learner cohorts: one in twenty district trainers trained nobody.
    active = [t for n, t in enumerate(district_trainers) if n % 20 != 7]
    size = 60
    cohorts = []
    rosters = []
    for n in range(0, len(learners), size):
        trainer = active[(n // size) % len(active)]
        cohorts.append(
            Cohort(
                name=f"Cohort {n // size}",
                state=state,
                district=trainer.district,
                trainer_group=group,
                starts_on=today - datetime.timedelta(days=60),
                status=Cohort.Status.ACTIVE,
            )
        )
        roster = learners[n : n + size]
        # One learner in ten is in a second cohort too (counted once).
        roster = roster + [rng.choice(learners) for _ in range(len(roster) // 10)]
        rosters.append((trainer, list({p.pk: p for p in roster}.values())))
    Cohort.objects.bulk_create(cohorts, batch_size=1000)
    CohortModule.objects.bulk_create(
        [CohortModule(cohort=c, module=modules[i % len(modules)]) for i, c in enumerate(cohorts)],
        batch_size=2000,
    )
    members = []
    for cohort, (_trainer, roster) in zip(cohorts, rosters, strict=True):
        for person in roster:
            removed = now if rng.random() < 0.02 else None
            members.append(CohortMember(cohort=cohort, user=person, removed_at=removed))
    CohortMember.objects.bulk_create(members, batch_size=5000)
    sessions = []
    session_trainers = []
    for i, (cohort, (trainer, _roster)) in enumerate(zip(cohorts, rosters, strict=True)):
        for k in range(2):
            start = now - datetime.timedelta(days=50 - 7 * k)
            sessions.append(
                TrainingSession(
                    cohort=cohort,
                    module=modules[i % len(modules)],
                    title=f"Session {k + 1}",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=3),
                    cancelled_at=now if (i % 15 == 0 and k == 1) else None,
                )
            )
            by = [trainer]
            if i % 8 == 0 and k == 0:
                by.append(core_of[trainer.pk])
            session_trainers.append(by)
    TrainingSession.objects.bulk_create(sessions, batch_size=2000)
    TrainingSession.trainers.through.objects.bulk_create(
        [
            TrainingSession.trainers.through(trainingsession_id=s.pk, user_id=t.pk)
            for s, by in zip(sessions, session_trainers, strict=True)
            for t in by
        ],
        batch_size=5000,
    )

    # 40 % certified in their first cohort's module.
    module_of = {}
    for i, (_trainer, roster) in enumerate(rosters):
        for person in roster:
            module_of.setdefault(person.pk, (person, modules[i % len(modules)]))
    certified = [pair for pair in module_of.values() if rng.random() < 0.4]
    enrollments = [
        Enrollment(
            user=person,
            module=module,
            source=Enrollment.Source.TRAINER,
            status=Enrollment.Status.COMPLETED,
            progress=100,
            completed_at=now - datetime.timedelta(days=5),
        )
        for person, module in certified
    ]
    Enrollment.objects.bulk_create(enrollments, batch_size=5000)
    Certificate.objects.bulk_create(
        [
            Certificate(
                enrollment=enrollment,
                serial=f"CASCADE-{n:07d}",
                token=new_token(),
                code=new_code(),
                recipient=enrollment.user,
                recipient_name=enrollment.user.full_name,
                module=enrollment.module,
                module_code=enrollment.module.code,
                module_title=enrollment.module.title,
                module_version="1.0",
                issuing_state=state,
                issuing_state_name=state.name,
                revoked_at=now if n % 100 == 0 else None,
                revocation_reason="Issued in error" if n % 100 == 0 else "",
            )
            for n, enrollment in enumerate(enrollments)
        ],
        batch_size=5000,
    )
    PostCount.objects.bulk_create(
        [
            PostCount(
                state=state,
                district=district,
                cadre=cadre,
                as_of=today.replace(day=1),
                sanctioned=2000,
                filled=1500,
                source=PostCount.Source.DEMO,
            )
            for district in districts
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"data: {len(trainers)} trainers ({len(masters)} masters, {len(cores)} state core, "
        f"{len(district_trainers)} district), {len(learners):,} learners in {len(cohorts):,} "
        f"cohorts ({len(members):,} memberships), {len(sessions):,} sessions, "
        f"{len(enrollments):,} certificates; written in {time.perf_counter() - started:.1f} s"
    )
    return state


def _run(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor != "postgresql":
        raise SystemExit("run the cascade benchmark on PostgreSQL")
    rng = random.Random(args.seed)
    state = _build(args, rng)

    from django.test import Client
    from django.urls import reverse

    from lms.accounts.models import Role
    from tests.certification.factories import staff
    from trainers.cascade import state_cascade

    cascade = state_cascade(state)
    levels = {level.level: level for level in cascade.levels}
    print(
        f"cascade: {len(cascade.nodes)} trainers, {len(cascade.roots)} roots; frontline "
        f"{levels['frontline'].reached:,} trained, {levels['frontline'].certified:,} certified "
        f"of {cascade.in_post or 0:,} in post; {len(cascade.districts_without_trainer)} districts "
        f"without a district trainer, {len(cascade.no_reach)} trainers without reach, "
        f"{len(cascade.expiring)} accreditations expiring"
    )
    coordinator = staff(Role.COORDINATOR, args.state)
    client = Client()
    client.force_login(coordinator)
    url = reverse("trainers:cascade")
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"the page answered {response.status_code}")
    print(f"page: {len(response.content) / 1024:.0f} KB of HTML")
    print(
        "\n| case | median ms | p90 ms | in the database, ms | CPU of this process, ms | "
        "queries |\n| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    print(_line("`state_cascade` (selector)", _timed(lambda: state_cascade(state), args.runs)))
    print(_line("the page, as the coordinator", _timed(lambda: client.get(url), args.runs)))
    print(f"\nload average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
