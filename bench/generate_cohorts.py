"""Trainer groups, cohorts, sessions and attendance on top of the bench data, for the progress
matrix benchmark (``bench/matrix.py``, docs/benchmarks.md "Progress matrix").

    DATABASE_URL=… .venv/bin/python -m bench.generate_cohorts [--learners 2000] [--seed 2026]

(``lms.settings.dev`` unless ``DJANGO_SETTINGS_MODULE`` says otherwise.)

Run after ``bench.generate_data``. Writes, with bulk inserts:

* per state with bench learners: a core trainer group, a bench trainer, and a cohort of that
  state's bench learners in CP-101 to CP-103 with three sessions and their attendance;
* in Assam, one **large cohort on ten modules** (2,000 learners by default): the five demo
  modules plus five bench modules made here, extra bench learners, an enrolment of each in
  every module at every stage (not started, in progress, idle for weeks, out of attempts,
  completed over twelve weeks, with and without a certificate), ten sessions and the
  attendance of the six already held.

Rows are written as the services would leave them, without audit entries, through the rules
the services use: attempts drawn and graded by ``modules.content.grading`` against the
module's pass mark, attendance shares as the trainers' sessions compute them
(``trainers.sessions.attendance_shares``), completion when learning's rule is met
(``bench.generate_data.rule_met``, with ``Enrollment.attendance_met``). Idempotent: a second
run finds the large cohort and stops.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.generate_data import (  # noqa: E402
    BENCH_DOMAIN,
    BENCH_PASSWORD,
    BenchDataError,
    ModuleFacts,
    Pending,
    Simulation,
    demo_data_allowed,
    generate,
    generator_arguments,
    insert,
    module_facts,
    progress,
    report,
    rule_met,
)
from certification.models import Certificate  # noqa: E402
from certification.services import new_code, new_token  # noqa: E402
from lms.accounts.models import Cadre, Role, User  # noqa: E402
from lms.geography.models import District, State  # noqa: E402
from modules.content.models import (  # noqa: E402
    LessonPage,
    ModuleCataloguePage,
    TrainingModulePage,
)
from modules.learning.models import Enrollment, LessonProgress  # noqa: E402
from trainers.models import (  # noqa: E402
    Attendance,
    Cohort,
    CohortMember,
    CohortModule,
    TrainerGroup,
    TrainerMembership,
    TrainingSession,
)
from trainers.services import group_member_add  # noqa: E402
from trainers.sessions import attendance_shares  # noqa: E402

LARGE_COHORT = "Assam bench cohort (2,000 learners, 10 modules)"
LARGE_STATE = "AS"
DEMO_CODES = ["CP-101", "CP-102", "CP-103", "CP-104", "CP-105"]
BENCH_CODES = ["BM-101", "BM-102", "BM-103", "BM-104", "BM-105"]
#: The bench trainer of Assam signs in to the matrix in ``bench/matrix.py``.
LARGE_TRAINER = f"trainer-as@{BENCH_DOMAIN}"
#: Sessions of the large cohort: one a week, the first six held.
LARGE_HELD, LARGE_PLANNED = 6, 4


class CohortData(Simulation):
    def __init__(self, *, seed: int, batch_size: int) -> None:
        super().__init__(seed=seed, now=timezone.now())
        self.batch = batch_size

    def run(self, learners: int) -> None:
        started = time.perf_counter()
        step = time.perf_counter()
        modules = self.modules()
        report("ten modules ready (five bench modules published)", step)
        with transaction.atomic():
            step = time.perf_counter()
            groups, trainers = self.groups()
            report(f"{len(groups)} trainer groups and trainers", step)

            step = time.perf_counter()
            count = self.state_cohorts(groups, trainers, [facts.module for facts in modules[:3]])
            report(f"{count} state cohorts with sessions and attendance", step)

            step = time.perf_counter()
            figures = self.large_cohort(groups, trainers, modules, learners)
            report(f"large cohort: {figures}", step)
        step = time.perf_counter()
        # Fresh statistics: without them PostgreSQL plans the matrix's queries for empty
        # tables until autovacuum gets round to it.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        report("ANALYZE", step)
        print(
            f"Done in {time.perf_counter() - started:.1f} s. "
            f"Sign in to the matrix as {LARGE_TRAINER}."
        )

    # --- Modules ----------------------------------------------------------------------------

    def modules(self) -> list[ModuleFacts]:
        """The five demo modules and five bench modules (three lessons, no assessment)."""
        english = TrainingModulePage.objects.live().filter(locale__language_code="en")
        demo = {m.code: m for m in english.filter(code__in=DEMO_CODES)}
        if len(demo) != len(DEMO_CODES):
            raise BenchDataError("The demo modules CP-101 to CP-105 are not all published.")
        existing = {m.code: m for m in english.filter(code__in=BENCH_CODES)}
        catalogue = ModuleCataloguePage.objects.get(depth=3, locale__language_code="en")
        for number, code in enumerate(BENCH_CODES, start=1):
            if code in existing:
                continue
            module = TrainingModulePage(
                title=f"Bench module {number}",
                slug=code.lower(),
                code=code,
                summary="A module made for the progress matrix benchmark.",
                completion_rule=TrainingModulePage.CompletionRule.LESSONS_AND_ASSESSMENT,
            )
            catalogue.add_child(instance=module)
            module.save_revision().publish()
            for lesson_number in range(1, 4):
                lesson = LessonPage(
                    title=f"Lesson {lesson_number}",
                    slug=f"lesson-{lesson_number}",
                    estimated_minutes=10,
                    body=json.dumps([{"type": "text", "value": "<p>Bench lesson.</p>"}]),
                )
                module.add_child(instance=lesson)
                lesson.save_revision().publish()
            existing[code] = TrainingModulePage.objects.get(pk=module.pk)
        return module_facts(
            [demo[code] for code in DEMO_CODES] + [existing[c] for c in BENCH_CODES]
        )

    # --- Groups and trainers ----------------------------------------------------------------

    def groups(self) -> tuple[dict[int, TrainerGroup], dict[int, User]]:
        """A core trainer group and a trainer (with an authenticator) per state that has bench
        learners. Membership goes through the service: it keeps the role assignment in step."""
        password = make_password(BENCH_PASSWORD)
        state_ids = set(
            User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").values_list(
                "state_id", flat=True
            )
        )
        states = State.objects.filter(pk__in=state_ids).order_by("code")
        groups, trainers = {}, {}
        for state in states:
            group, _created = TrainerGroup.objects.get_or_create(
                state=state, name=f"{state.name} State Core Trainer Group (bench)"
            )
            user, created = User.objects.get_or_create(
                email=f"trainer-{state.code.lower()}@{BENCH_DOMAIN}",
                defaults={
                    "password": password,
                    "full_name": f"Bench Trainer {state.name}",
                    "state": state,
                    "preferred_language": "en",
                    "profile_completed_at": self.now,
                    "consent_version": settings.LMS_DATA_USE_NOTICE_VERSION,
                },
            )
            group_member_add(group=group, user=user, role=TrainerMembership.Role.LEAD, by=None)
            if created:
                # Trainers must have a second factor; the bench signs in with force_login.
                TOTP.activate(user, generate_totp_secret())
            groups[state.pk] = group
            trainers[state.pk] = user
        return groups, trainers

    # --- One cohort per state ---------------------------------------------------------------

    def state_cohorts(self, groups, trainers, modules) -> int:
        bench = User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").exclude(
            email__startswith="trainer-"
        )
        cohorts = Cohort.objects.bulk_create(
            [
                Cohort(
                    name=f"{group.state.name} bench cohort",
                    state_id=state_id,
                    trainer_group=group,
                    starts_on=(self.now - timedelta(days=90)).date(),
                    mode=Cohort.Mode.BLENDED,
                    status=Cohort.Status.ACTIVE,
                    created_by=trainers[state_id],
                )
                for state_id, group in groups.items()
            ]
        )
        by_state = {cohort.state_id: cohort for cohort in cohorts}
        self.cohort_rows(cohorts, modules, trainers)
        members = [
            CohortMember(cohort=by_state[user.state_id], user_id=user.pk, added_at=user.date_joined)
            for user in bench.only("pk", "state_id", "date_joined")
            if user.state_id in by_state
        ]
        CohortMember.objects.bulk_create(members, batch_size=self.batch)
        # Members take the cohort's modules: enrolments they lack are added, not started.
        Enrollment.objects.bulk_create(
            [
                Enrollment(
                    user_id=m.user_id,
                    module=module,
                    source=Enrollment.Source.TRAINER,
                    enrolled_at=m.added_at,
                    last_activity_at=m.added_at,
                )
                for m in members
                for module in modules
            ],
            batch_size=self.batch,
            ignore_conflicts=True,
        )
        for cohort in cohorts:
            ids = [m.user_id for m in members if m.cohort_id == cohort.pk]
            self.sessions(cohort, modules, ids, held=2, planned=1)
        return len(cohorts)

    def cohort_rows(self, cohorts, modules, trainers) -> None:
        CohortModule.objects.bulk_create(
            [
                CohortModule(cohort=cohort, module=module, sort_order=order)
                for cohort in cohorts
                for order, module in enumerate(modules)
            ]
        )
        through = Cohort.trainers.through
        through.objects.bulk_create(
            [through(cohort_id=c.pk, user_id=trainers[c.state_id].pk) for c in cohorts]
        )

    def sessions(self, cohort, modules, user_ids, *, held: int, planned: int) -> None:
        """Sessions one a week (``held`` in the past), with attendance for those held."""
        sessions = []
        for number in range(held + planned):
            starts = self.now + timedelta(days=7 * (number - held), hours=-3)
            sessions.append(
                TrainingSession(
                    cohort=cohort,
                    module=modules[number % len(modules)],
                    title=f"Session {number + 1}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    venue="District Child Protection Unit training hall",
                    created_by=cohort.created_by,
                )
            )
        sessions = TrainingSession.objects.bulk_create(sessions)
        statuses = [Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED]
        rows = [
            Attendance(
                session=session,
                user_id=user_id,
                status=self.rng.choices(statuses, [80, 15, 5])[0],
                marked_by=cohort.created_by,
                marked_at=session.ends_at,
            )
            for session in sessions[:held]
            for user_id in user_ids
        ]
        Attendance.objects.bulk_create(rows, batch_size=self.batch)

    # --- The large cohort -------------------------------------------------------------------

    def large_cohort(self, groups, trainers, modules: list[ModuleFacts], count: int) -> str:
        rng = self.rng
        state = State.objects.get(code=LARGE_STATE)
        if state.pk not in groups:
            raise BenchDataError("No bench learners in Assam: run bench.generate_data first.")
        cohort = Cohort.objects.create(
            name=LARGE_COHORT,
            state=state,
            trainer_group=groups[state.pk],
            starts_on=(self.now - timedelta(days=120)).date(),
            mode=Cohort.Mode.BLENDED,
            status=Cohort.Status.ACTIVE,
            created_by=trainers[state.pk],
        )
        self.cohort_rows([cohort], [facts.module for facts in modules], trainers)

        districts = list(District.objects.filter(state=state, is_active=True))
        cadres = list(Cadre.objects.all())
        given = "Pranjal Bitupan Nilakshi Rimjhim Dipankar Jyotismita Hemanta Anjali Rituraj"
        surnames = "Bora Das Gogoi Saikia Kalita Baruah Deka Hazarika Sarma Nath"
        password = make_password(BENCH_PASSWORD)
        joined = self.now - timedelta(days=150)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"cohort{number:05d}@{BENCH_DOMAIN}",
                    password=password,
                    full_name=f"{rng.choice(given.split())} {rng.choice(surnames.split())}",
                    cadre=rng.choice(cadres),
                    state=state,
                    district=rng.choice(districts),
                    preferred_language=rng.choice(["en", "en", "as", "hi"]),
                    profile_completed_at=joined,
                    consent_version=settings.LMS_DATA_USE_NOTICE_VERSION,
                    date_joined=joined,
                )
                for number in range(1, count + 1)
            ],
            batch_size=self.batch,
        )
        learner = Group.objects.get(name=Role.LEARNER)
        groups_through = User.groups.through
        groups_through.objects.bulk_create(
            [groups_through(user_id=u.pk, group_id=learner.pk) for u in users],
            batch_size=self.batch,
        )
        added = self.now - timedelta(days=110)
        CohortMember.objects.bulk_create(
            [CohortMember(cohort=cohort, user=u, added_at=added) for u in users],
            batch_size=self.batch,
        )
        # Sessions and attendance first: the shares they earn decide blended completions.
        self.sessions(
            cohort,
            [facts.module for facts in modules],
            [u.pk for u in users],
            held=LARGE_HELD,
            planned=LARGE_PLANNED,
        )
        shares = attendance_shares(cohort=cohort, user_ids=[u.pk for u in users])

        pending = []
        for user in users:
            # Some learners are keen, some slow: one pace per learner, varied per module.
            pace = rng.random()
            for facts in modules:
                pending.append(
                    self.enrol(user, facts, pace, added, shares.get((user.pk, facts.module.pk)))
                )
        enrollments = insert(pending, batch_size=self.batch)
        certificates = []
        serial = Certificate.objects.filter(serial__startswith="BENCH-").count()
        for enrollment in enrollments:
            if enrollment.status == Enrollment.Status.COMPLETED and rng.random() < 0.6:
                serial += 1
                certificates.append(self.certificate(enrollment, serial, state))
        Certificate.objects.bulk_create(certificates, batch_size=self.batch)
        completed = sum(1 for e in enrollments if e.status == Enrollment.Status.COMPLETED)
        lessons = sum(len(item.lessons) for item in pending)
        attempts = sum(len(item.attempts) for item in pending)
        return (
            f"{len(users)} learners, {len(enrollments)} enrolments ({completed} completed), "
            f"{lessons} lesson rows, {attempts} attempts, {len(certificates)} certificates"
        )

    def enrol(self, user, facts: ModuleFacts, pace, added, share) -> Pending:
        rng, module, lessons = self.rng, facts.module, facts.lessons
        enrollment = Enrollment(
            user=user,
            module=module,
            source=Enrollment.Source.IMPORT,
            enrolled_at=added,
            last_activity_at=added,
            # Reported by the trainers' sessions; a share of 0 is never reported to an
            # enrolment that has none.
            attendance_share=share or None,
        )
        roll = rng.random() * (0.5 + pace)
        if roll < 0.3:  # not started
            return Pending(enrollment, [])
        done = len(lessons) if roll > 0.75 else rng.randrange(1, len(lessons) + 1)
        moments = sorted(
            added + timedelta(seconds=rng.uniform(0, (self.now - added).total_seconds()))
            for _ in range(done + 1)
        )
        if rng.random() < 0.15:  # went quiet: nothing for three to eight weeks
            shift = timedelta(days=rng.uniform(21, 56))
            moments = [max(added, m - shift) for m in moments]
        rows = [
            LessonProgress(
                lesson=lesson,
                first_viewed_at=moments[i],
                completed_at=moments[i],
                seconds_spent=rng.randrange(120, 1800),
            )
            for i, lesson in enumerate(lessons[:done])
        ]
        enrollment.progress = progress(done, facts)
        enrollment.last_activity_at = moments[-1]
        enrollment.last_lesson = lessons[done - 1] if done else None
        attempts = []
        if done == len(lessons) and facts.version is not None:
            # Most pass at the first or second try; a few use every attempt without a pass.
            failures = module.max_attempts if rng.random() < 0.08 else rng.choice([0, 0, 0, 1])
            for number in range(1, min(failures + 1, module.max_attempts) + 1):
                attempt = self.attempt_start(facts, number=number, started=moments[-1])
                self.attempt_submit(attempt, facts, right_share=0.2 if number <= failures else 1.0)
                attempts.append(attempt)
                if attempt.passed:
                    break
        passed = any(attempt.passed for attempt in attempts)
        if rule_met(enrollment, facts, done=done, passed=passed):
            enrollment.status = Enrollment.Status.COMPLETED
            # Completions spread over the last twelve weeks, for the chart.
            enrollment.completed_at = max(
                moments[-1], self.now - timedelta(days=rng.uniform(0, 84))
            )
            enrollment.last_activity_at = enrollment.completed_at
        return Pending(enrollment, rows, attempts)

    def certificate(self, enrollment, serial: int, state) -> Certificate:
        user, module = enrollment.user, enrollment.module
        return Certificate(
            enrollment=enrollment,
            cycle=1,
            serial=f"BENCH-{serial:07d}",
            token=new_token(),
            code=new_code(),
            recipient=user,
            recipient_name=user.full_name,
            module=module,
            module_code=module.code,
            module_title=module.title,
            module_version=module.version or "1.0",
            issuing_state=state,
            issuing_state_name=state.name,
            issued_at=enrollment.completed_at + timedelta(hours=1),
        )


def main(argv: list[str] | None = None) -> int:
    parser = generator_arguments(
        __doc__.splitlines()[0], learners=2000, learners_help="in the large cohort"
    )
    options = parser.parse_args(argv)
    if not demo_data_allowed():
        return 2
    if not User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").exists():
        print("Run bench.generate_data first.", file=sys.stderr)
        return 2
    if Cohort.objects.filter(name=LARGE_COHORT).exists():
        print("Bench cohorts exist already; nothing to do.")
        return 0
    return generate(CohortData(seed=options.seed, batch_size=options.batch_size), options.learners)


if __name__ == "__main__":
    sys.exit(main())
