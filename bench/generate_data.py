"""Thousands of learners with learning records, for load tests (docs/benchmarks.md).

    DATABASE_URL=… .venv/bin/python -m bench.generate_data [--learners 5000] [--seed 2026]

(``lms.settings.dev`` unless ``DJANGO_SETTINGS_MODULE`` says otherwise: the settings must allow
demo data.)

The demo modules come from ``seed_demo``; everything else is written with ``bulk_create`` in
batches, without the services, so that 5,000 learners take seconds rather than minutes. The
rows are kept consistent with what the services would have written, through the rules the
services use: progress is the share of live lessons completed, attempts are drawn and graded
by ``modules.content.grading`` against the assessment's live revision and its
``effective_pass_mark``, and an enrolment is completed only when the module's rule is met
(every lesson, the assessment passed, ``Enrollment.attendance_met`` for blended modules). No
audit entries are written for these rows. ``bench.generate_cohorts`` builds on them.
"""

from __future__ import annotations

import abc
import argparse
import io
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from lms.accounts.models import Cadre, Consent, Role, User  # noqa: E402
from lms.geography.models import District, State  # noqa: E402
from modules.content.grading import (  # noqa: E402
    MULTIPLE,
    AssessmentVersion,
    Question,
    assessment_at,
    draw_questions,
    effective_pass_mark,
    grade_revision,
)
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage  # noqa: E402
from modules.learning.models import AssessmentAttempt, Enrollment, LessonProgress  # noqa: E402

BENCH_DOMAIN = "bench.example.org"
#: Every bench learner's password. The generators refuse to run where demo data is not allowed.
BENCH_PASSWORD = "bench-learner-password"  # noqa: S105

# Given names and surnames by region; a learner's region follows their state.
NAMES = {
    "north": (
        "Aarti Anil Anita Deepak Geeta Kavita Manoj Neha Pankaj Pooja Rajesh Ritu Sanjay "
        "Shalini Sunil Suman Vikas Vandana Amit Priyanka",
        "Kumar Kumari Singh Yadav Jha Sinha Prasad Mishra Sharma Verma Gupta Tiwari Chauhan "
        "Meena Pandey Rawat",
    ),
    "east": (
        "Arijit Debasish Mousumi Sutapa Ananya Soumya Rina Subrata Tapas Sabita Bikash "
        "Jayanti Prasanta Madhusmita Sarbani Indrani",
        "Banerjee Chatterjee Ghosh Mukherjee Sen Bose Dutta Mondal Mohanty Panda Behera "
        "Pradhan Nayak Sahu",
    ),
    "northeast": (
        "Pranjal Bitupan Nilakshi Rimjhim Dipankar Jyotismita Hemanta Anjali Lalrinpuii "
        "Thangjam Bidyarani Temsula Pema Sangeeta Kuntala Rituraj",
        "Bora Das Gogoi Saikia Kalita Baruah Deka Hazarika Sangma Lyngdoh Marak Debbarma "
        "Chakma Tamang Bhutia Ao",
    ),
    "west": (
        "Amruta Sachin Sneha Rahul Ketan Hetal Nilesh Jignesh Swati Mayuri Prakash Rupali "
        "Harshad Bhavna Vaibhav Komal",
        "Patil Deshmukh Jadhav Kulkarni Naik Shinde Patel Shah Desai Parmar Chaudhari Joshi",
    ),
    "south": (
        "Lakshmi Karthik Divya Senthil Meenakshi Arun Anitha Suresh Revathi Vijay Bindu "
        "Ramesh Deepa Srinivas Kavya Mohan",
        "Subramanian Rajan Murugan Krishnan Nair Menon Pillai Varghese Gowda Hegde Rao "
        "Shetty Reddy Naidu Chowdary",
    ),
    "kashmir_punjab": (
        "Gurpreet Harpreet Manpreet Jaspreet Simran Mehak Arshad Bilal Rubina Saima Tariq "
        "Nusrat Kuldeep Navdeep",
        "Gill Sandhu Kaur Dhillon Sidhu Bhat Dar Lone Wani Mir",
    ),
}
REGION_STATES = {
    "north": "BR UP JH MP RJ CG HR UK HP DL CH",
    "east": "WB OD AN",
    "northeast": "AS AR MN ML MZ NL SK TR",
    "west": "MH GA GJ DH",
    "south": "TN PY KL LD KA AP TG",
    "kashmir_punjab": "PB JK LA",
}
STATE_REGION = {code: region for region, codes in REGION_STATES.items() for code in codes.split()}
HINDI_STATES = set(REGION_STATES["north"].split())
# Cadres of the people who study (state society staff and "other" are rarer).
CADRE_WEIGHTS = {
    "dcpo": 4,
    "po-institutional": 6,
    "po-non-institutional": 6,
    "legal-probation-officer": 5,
    "counsellor": 8,
    "social-worker": 12,
    "outreach-worker": 10,
    "data-analyst": 4,
    "scps-staff": 2,
    "cwc-member": 7,
    "jjb-member": 3,
    "sjpu-officer": 5,
    "cwpo": 9,
    "cci-superintendent": 3,
    "cci-staff": 10,
    "saa-staff": 3,
    "child-helpline": 6,
    "cpc-member": 8,
    "other": 2,
}
ORGANISATION = {
    "cwc-member": "Child Welfare Committee, {district}",
    "jjb-member": "Juvenile Justice Board, {district}",
    "sjpu-officer": "Special Juvenile Police Unit, {district}",
    "cwpo": "{district} Police",
    "cci-superintendent": "Children's Home, {district}",
    "cci-staff": "Children's Home, {district}",
    "saa-staff": "Specialised Adoption Agency, {district}",
    "child-helpline": "Child Helpline 1098, {district}",
    "cpc-member": "Block Child Protection Committee, {district}",
    "scps-staff": "State Child Protection Society, {state}",
}
#: Share of learners enrolled in each module (each learner has at least one module).
ENROL_SHARE = {"CP-101": 0.85, "CP-102": 0.5, "CP-103": 0.4, "CP-104": 0.2, "CP-105": 0.35}
SOURCES = [
    (Enrollment.Source.SELF, 60),
    (Enrollment.Source.TRAINER, 25),
    (Enrollment.Source.IMPORT, 10),
    (Enrollment.Source.ADMIN, 5),
]


class BenchDataError(Exception):
    """The bench data cannot be generated here; the message says why."""


@dataclass
class ModuleFacts:
    """What the simulation needs of a module, looked up once."""

    module: TrainingModulePage
    lessons: list[LessonPage]
    #: The live assessment's id and its revision as attempts see it (``assessment_at``).
    assessment_id: int | None = None
    version: AssessmentVersion | None = None
    pass_mark: int | None = None


def module_facts(modules) -> list[ModuleFacts]:
    """The live lessons and assessment of each module, with the assessment's pass mark."""
    facts = []
    for module in modules:
        item = ModuleFacts(
            module=module,
            lessons=list(LessonPage.objects.live().child_of(module).order_by("path")),
        )
        assessment = AssessmentPage.objects.live().child_of(module).first()
        if assessment is not None:
            item.assessment_id = assessment.pk
            item.version = assessment_at(
                assessment.live_revision_id or assessment.latest_revision.pk
            )
            item.pass_mark = effective_pass_mark(assessment=item.version, module=module)
        facts.append(item)
    return facts


def progress(done: int, facts: ModuleFacts) -> int:
    """The share of the module's lessons completed, as learning stores it."""
    return done * 100 // len(facts.lessons) if facts.lessons else 100


def rule_met(enrollment: Enrollment, facts: ModuleFacts, *, done: int, passed: bool) -> bool:
    """Learning's completion rule for a simulated enrolment (``enrollment.module`` set):
    every lesson, the assessment passed when there is one, the attendance it asks for."""
    return (
        done == len(facts.lessons)
        and (facts.version is None or passed)
        and enrollment.attendance_met
    )


class Simulation(abc.ABC):
    """Random but repeatable learner behaviour (one generator, one clock)."""

    def __init__(self, *, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)  # made-up data, not secrets
        self.now = now

    @abc.abstractmethod
    def run(self, learners: int) -> None:
        """Write the data, for ``learners`` learners."""

    def moments(self, start: datetime, count: int) -> list[datetime]:
        """``count`` ordered moments between ``start`` and a few minutes ago."""
        end = self.now - timedelta(minutes=5)
        span = (end - start).total_seconds()
        return sorted(start + timedelta(seconds=self.rng.uniform(0, span)) for _ in range(count))

    def attempt_start(
        self, facts: ModuleFacts, *, number: int, started: datetime
    ) -> AssessmentAttempt:
        """An attempt at the module's assessment, its questions drawn as the services draw
        them."""
        version = facts.version
        seed = self.rng.randrange(2**31)
        return AssessmentAttempt(
            assessment_id=facts.assessment_id,
            revision_id=version.revision_id,
            number=number,
            question_ids=draw_questions(
                version.questions,
                draw_count=version.draw_count,
                shuffle=version.shuffle_questions,
                seed=seed,
            ),
            seed=seed,
            started_at=started,
        )

    def attempt_submit(
        self, attempt: AssessmentAttempt, facts: ModuleFacts, *, right_share: float
    ) -> None:
        """Answer each question right with probability ``right_share``, then grade and
        record the attempt as the services do."""
        rng = self.rng
        by_id = {question.id: question for question in facts.version.questions}
        answers = {
            qid: self.answer(by_id[qid], right=rng.random() < right_share)
            for qid in attempt.question_ids
        }
        result = grade_revision(
            revision_id=attempt.revision_id, answers=answers, question_ids=attempt.question_ids
        )
        attempt.set_grade(result, pass_mark=facts.pass_mark)
        attempt.submitted_at = min(
            attempt.started_at + timedelta(minutes=rng.uniform(4, 25)),
            self.now - timedelta(minutes=1),
        )

    def answer(self, question: Question, *, right: bool) -> list[str]:
        correct = sorted(question.correct_ids)
        if right:
            return correct
        wrong = [option.id for option in question.options if not option.correct]
        if question.kind == MULTIPLE and len(correct) > 1:
            return [*correct[1:], *wrong[:1]]
        return [self.rng.choice(wrong)] if wrong else []


@dataclass
class Pending:
    """An enrolment waiting for its primary key, with the rows that will point at it."""

    enrollment: Enrollment
    lessons: list[LessonProgress]
    attempts: list[AssessmentAttempt] = field(default_factory=list)


def insert(pending: list[Pending], *, batch_size: int) -> list[Enrollment]:
    """Insert the enrolments, then their lesson rows and attempts."""
    enrollments = Enrollment.objects.bulk_create(
        [item.enrollment for item in pending], batch_size=batch_size
    )
    lessons, attempts = [], []
    for item, enrollment in zip(pending, enrollments, strict=True):
        for row in item.lessons:
            row.enrollment_id = enrollment.pk
            lessons.append(row)
        for attempt in item.attempts:
            attempt.enrollment_id = enrollment.pk
            attempts.append(attempt)
    LessonProgress.objects.bulk_create(lessons, batch_size=batch_size)
    AssessmentAttempt.objects.bulk_create(attempts, batch_size=batch_size)
    return enrollments


def report(what: str, since: float) -> None:
    print(f"  {what}: {time.perf_counter() - since:.1f} s")


def generator_arguments(
    description: str, *, learners: int, learners_help: str | None = None
) -> argparse.ArgumentParser:
    """The options of a bench data generator: how many learners, the random seed and the size
    of a bulk insert."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--learners", type=int, default=learners, help=learners_help)
    parser.add_argument("--seed", type=int, default=2026, help="random seed (repeatable)")
    parser.add_argument("--batch-size", type=int, default=2000)
    return parser


def demo_data_allowed() -> bool:
    """Whether the settings allow demo data; if not, says so on standard error (bench learners
    share a known password)."""
    if getattr(settings, "LMS_ALLOW_DEMO_DATA", False):
        return True
    print(
        "Refused with these settings: bench learners share a known password. Use "
        "lms.settings.dev with DATABASE_URL.",
        file=sys.stderr,
    )
    return False


def generate(simulation: Simulation, learners: int) -> int:
    """Run a generator and give its exit status: 2, with the reason on standard error, when
    the data cannot be generated here."""
    try:
        simulation.run(learners)
    except BenchDataError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


class LearnerData(Simulation):
    """The bench learners and their learning records."""

    def __init__(self, *, seed: int, batch_size: int) -> None:
        super().__init__(seed=seed, now=timezone.now())
        self.batch_size = batch_size

    def run(self, learners: int) -> None:
        started = time.perf_counter()
        step = time.perf_counter()
        call_command("seed_demo", stdout=io.StringIO())
        report("seed_demo", step)
        modules = module_facts(
            TrainingModulePage.objects.live().filter(
                locale__language_code=settings.LANGUAGE_CODE, code__in=ENROL_SHARE
            )
        )
        if len(modules) != len(ENROL_SHARE):
            raise BenchDataError("The demo modules CP-101 to CP-105 are not all published.")

        with transaction.atomic():
            step = time.perf_counter()
            users = self.learners(learners)
            report(f"{len(users)} learners, addresses, consents, groups", step)

            step = time.perf_counter()
            pending = [
                self.enrollment(user, facts)
                for user in users
                for facts in self.modules_for(modules)
            ]
            report(f"{len(pending)} enrolments simulated", step)

            step = time.perf_counter()
            enrollments = insert(pending, batch_size=self.batch_size)
            lessons = sum(len(item.lessons) for item in pending)
            attempts = sum(len(item.attempts) for item in pending)
            report(
                f"{len(enrollments)} enrolments, {lessons} lesson rows, {attempts} attempts "
                "inserted",
                step,
            )
        print(
            f"Bench data ready in {time.perf_counter() - started:.1f} s "
            f"(every learner's password: {BENCH_PASSWORD})."
        )

    def modules_for(self, modules: list[ModuleFacts]) -> list[ModuleFacts]:
        chosen = [m for m in modules if self.rng.random() < ENROL_SHARE[m.module.code]]
        return chosen or [modules[0]]

    # --- Learners ---------------------------------------------------------------------------

    def learners(self, count: int) -> list[User]:
        rng = self.rng
        password = make_password(BENCH_PASSWORD)  # once: hashing is slow by design
        version = settings.LMS_DATA_USE_NOTICE_VERSION
        states = list(State.objects.order_by("code"))
        districts: dict[int, list[District]] = {}
        for district in District.objects.filter(is_active=True).order_by("pk"):
            districts.setdefault(district.state_id, []).append(district)
        # One learner in every state, then one in every other district, then the rest in
        # proportion to each state's number of districts.
        every = [districts[state.pk][0] for state in states]
        every += [d for state in states for d in districts[state.pk][1:]]
        pool = [d for state in states for d in districts[state.pk]]
        placed = every[:count] + rng.choices(pool, k=max(0, count - len(every)))
        states_by_pk = {state.pk: state for state in states}
        cadres = list(Cadre.objects.filter(slug__in=CADRE_WEIGHTS))
        cadre_weights = [CADRE_WEIGHTS[cadre.slug] for cadre in cadres]

        users = []
        for number, district in enumerate(placed, start=1):
            state = states_by_pk[district.state_id]
            given, surnames = NAMES[STATE_REGION.get(state.code, "north")]
            cadre = rng.choices(cadres, cadre_weights)[0]
            joined = self.now - timedelta(days=rng.uniform(200, 400))
            language = "en"
            if state.code in HINDI_STATES and rng.random() < 0.35:
                language = "hi"
            elif state.code == "AS" and rng.random() < 0.3:
                language = "as"
            users.append(
                User(
                    email=f"learner{number:05d}@{BENCH_DOMAIN}",
                    password=password,
                    full_name=f"{rng.choice(given.split())} {rng.choice(surnames.split())}",
                    # Unique like every account's: the learner's number, when there is one,
                    # outside the demo's +91 90000 0xxxx (lms.accounts.demo.PHONE_ONLY).
                    phone=(
                        f"+91{rng.choice('6789')}{100_000_000 + number:09d}"
                        if rng.random() < 0.8
                        else None
                    ),
                    cadre=cadre,
                    designation=cadre.name.split(" (")[0],
                    state=state,
                    district=district,
                    organisation=ORGANISATION.get(
                        cadre.slug, "District Child Protection Unit, {district}"
                    ).format(district=district.name, state=state.name),
                    preferred_language=language,
                    profile_completed_at=joined + timedelta(minutes=rng.uniform(2, 30)),
                    consent_version=version,
                    date_joined=joined,
                )
            )
        for user in users:
            # Verified, like their addresses: an unverified number would send a code by SMS
            # at every sign-in (allauth's phone verification stage).
            user.phone_verified = user.phone is not None
        users = User.objects.bulk_create(users, batch_size=self.batch_size)

        learner_group = Group.objects.get(name=Role.LEARNER)
        memberships = User.groups.through
        memberships.objects.bulk_create(
            [memberships(user_id=user.pk, group_id=learner_group.pk) for user in users],
            batch_size=self.batch_size,
        )
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
                for user in users
            ],
            batch_size=self.batch_size,
        )
        Consent.objects.bulk_create(
            [
                Consent(user_id=user.pk, notice_version=version, accepted_at=user.date_joined)
                for user in users
            ],
            batch_size=self.batch_size,
        )
        return users

    # --- Learning records -------------------------------------------------------------------

    def enrollment(self, user: User, facts: ModuleFacts) -> Pending:
        rng = self.rng
        lessons = facts.lessons
        enrolled_at = max(user.profile_completed_at, self.now - timedelta(days=rng.uniform(1, 180)))
        roll = rng.random()
        if roll < 0.15:
            done = 0
        elif roll < 0.5:
            done = rng.randrange(1, len(lessons))
        else:
            done = len(lessons)
        # Often the learner has also opened the lesson after the last one completed.
        viewed = min(len(lessons), done + (rng.random() < 0.6))
        tries = 0
        if done == len(lessons) and facts.version is not None and rng.random() < 0.8:
            tries = facts.module.max_attempts
        moments = self.moments(enrolled_at, viewed + tries)

        rows = []
        for index, lesson in enumerate(lessons[:viewed]):
            estimate = lesson.estimated_minutes * 60
            opened = moments[index]
            if index < done:
                spent = min(int(estimate * rng.uniform(0.6, 1.6)), 3 * estimate)
            else:
                spent = int(estimate * rng.uniform(0.05, 0.6))
            beat = min(opened + timedelta(seconds=spent), self.now)
            rows.append(
                LessonProgress(
                    lesson_id=lesson.pk,
                    first_viewed_at=opened,
                    completed_at=beat if index < done else None,
                    seconds_spent=spent,
                    last_beat_at=beat,
                )
            )
        attempts = self.attempts(facts, moments[viewed:]) if tries else []

        enrollment = Enrollment(
            user_id=user.pk,
            module=facts.module,
            source=rng.choices([s for s, _w in SOURCES], [w for _s, w in SOURCES])[0],
            enrolled_at=enrolled_at,
            progress=progress(done, facts),
            last_lesson_id=lessons[viewed - 1].pk if viewed else None,
        )
        times = [enrolled_at]
        times += [row.last_beat_at for row in rows]
        times += [a.submitted_at or a.started_at for a in attempts]
        enrollment.last_activity_at = max(times)
        if facts.module.required_attendance is not None and done:
            enrollment.attendance_share = rng.choice([None, rng.randrange(30, 101)])
        passed = any(attempt.passed for attempt in attempts)
        if rule_met(enrollment, facts, done=done, passed=passed):
            enrollment.status = Enrollment.Status.COMPLETED
            enrollment.completed_at = enrollment.last_activity_at
        elif rng.random() < 0.03:
            enrollment.status = Enrollment.Status.WITHDRAWN
        return Pending(enrollment, rows, attempts)

    def attempts(self, facts: ModuleFacts, moments: list[datetime]) -> list[AssessmentAttempt]:
        """Attempts until a pass, the last allowed one, or the learner stops for now; a few
        learners have one in progress."""
        rng = self.rng
        skill = rng.uniform(0.45, 0.95)
        attempts = []
        for number, started in enumerate(moments, start=1):
            attempt = self.attempt_start(facts, number=number, started=started)
            attempts.append(attempt)
            if rng.random() < 0.03:
                break  # started and not yet submitted
            right_share = min(0.98, skill + 0.12 * (number - 1))
            self.attempt_submit(attempt, facts, right_share=right_share)
            if attempt.passed or rng.random() < 0.3:
                break
        return attempts


def main(argv: list[str] | None = None) -> int:
    parser = generator_arguments(__doc__.splitlines()[0], learners=5000)
    options = parser.parse_args(argv)
    if not demo_data_allowed():
        return 2
    if options.learners < 1:
        parser.error("--learners must be at least 1.")
    if User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").exists():
        print("Bench learners exist already; nothing to do.")
        return 0
    return generate(LearnerData(seed=options.seed, batch_size=options.batch_size), options.learners)


if __name__ == "__main__":
    sys.exit(main())
