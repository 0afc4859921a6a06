"""Demo workforce for the scorecard: the training each cadre must hold, several hundred staff of
Assam's and Bihar's districts and SCPS at every stage of it, two district officers, and the
scorecard rebuilt for the last twelve months and this one.

The staff are made in bulk (a few statements per table, whatever their number): accounts as
``users_invite_many`` makes an import's (no usable password, so nobody can sign in as them; no
mail), then their enrolments, lesson progress and certificates. Certificates are real rows with
serials from the issuing state's counter and fresh tokens and codes, as ``certificate_issue``
makes them; their PDF is rendered when first downloaded. Completed enrolments have their
assessment attempts, graded as submitting grades them. Who is made comes from fixed seeds, so
every run plans the same people and adds only those missing.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone

from certification.models import Certificate, SerialCounter
from certification.rendering import design_snapshot
from certification.services import new_code, new_token, template_for
from lms.accounts.demo import (
    DEMO_DOMAIN,
    DIBRUGARH_FRONTLINE,
    LEARNERS,
    STAFF,
    DemoPerson,
    demo_email,
)
from lms.accounts.models import Cadre, Consent, Role, User
from lms.accounts.services import profile_complete, role_assign
from lms.accounts.validators import validate_person_name
from lms.core.audit import audit_many
from lms.core.dates import add_months, local_midnight
from lms.core.demo import DEMO_PASSWORD, demo_seeder
from lms.geography.models import District, State
from lms.workforce.demo import STATES, district_posts
from modules.content.grading import assessment_at, draw_questions, effective_pass_mark, grade
from modules.content.models import AssessmentPage, LessonPage, RequiredTraining, TrainingModulePage
from modules.learning.models import AssessmentAttempt, Enrollment, LessonProgress

from .models import Snapshot
from .services import current_month, scorecard_rebuild

#: cadre slug → (module code, due within months, renewed on expiry) for each required module.
REQUIREMENTS = {
    "dcpo": [("CP-101", 6, False), ("CP-104", 6, False)],
    "po-institutional": [("CP-101", 6, False), ("CP-104", 6, False)],
    "po-non-institutional": [("CP-101", 6, False), ("CP-105", 6, True)],
    "legal-probation-officer": [("CP-101", 6, False), ("CP-102", 6, False)],
    "counsellor": [("CP-101", 6, False), ("CP-103", 6, False)],
    "data-analyst": [("CP-101", 6, False)],
    "social-worker": [("CP-101", 12, False), ("CP-105", 12, True)],
    "outreach-worker": [("CP-103", 12, False), ("CP-105", 12, True)],
    "cwc-member": [("CP-101", 2, False), ("CP-102", 2, False)],
    "jjb-member": [("CP-102", 2, False)],
    "sjpu-officer": [("CP-102", 6, False), ("CP-103", 6, False)],
    "cwpo": [("CP-103", 6, False)],
    "scps-staff": [("CP-101", 6, False)],
}

#: cadre slug → (designation, at most this many registered per district)
DISTRICT_STAFF = {
    "dcpo": ("District Child Protection Officer", 1),
    "po-institutional": ("Protection Officer (Institutional Care), DCPU", 3),
    "po-non-institutional": ("Protection Officer (Non-Institutional Care), DCPU", 1),
    "legal-probation-officer": ("Legal-cum-Probation Officer, DCPU", 1),
    "counsellor": ("Counsellor, DCPU", 2),
    "social-worker": ("Social Worker, DCPU", 3),
    "outreach-worker": ("Outreach Worker, DCPU", 2),
    "data-analyst": ("Data Analyst, DCPU", 1),
    "cwc-member": ("Member, Child Welfare Committee", 5),
    "jjb-member": ("Social Worker Member, Juvenile Justice Board", 2),
    "sjpu-officer": ("Sub-Inspector, Special Juvenile Police Unit", 1),
    "cwpo": ("Child Welfare Police Officer", 3),
}
#: State-level staff registered per state (the SCPS: no district).
SCPS_STAFF = 8
SCPS_DESIGNATIONS = ("Programme Officer, SCPS", "Programme Manager, SCPS", "Accountant, SCPS")

#: Per state, groups of (men's first names, women's first names, surnames) that go together.
NAMES = {
    "AS": (
        (
            "Anupam Bhaskar Bidyut Debajit Dhruba Hemen Jayanta Kaushik Manash Nayan Partha "
            "Pranab Rajib Rituraj Sanjib Tapan Utpal Dipjyoti Himangshu Mridul",
            "Anamika Bandana Chayanika Dipali Gitanjali Jonali Kakoli Lipika Mousumi Nandita "
            "Pallavi Rashmi Sewali Tultul Urmila Jyotirupa Bhanita Madhurima Priyanka Barnali",
            "Barman Baruah Bora Borah Bhuyan Choudhury Das Deka Gogoi Hazarika Kalita Mahanta "
            "Medhi Nath Phukan Rabha Saikia Sarma Talukdar Goswami",
        ),
        (
            "Abdul Aminul Ashraful Jahirul Mofidul Nurul Rafiqul Saidur Anwar Jamal Mizanur "
            "Shahjahan",
            "Anowara Hasina Jesmin Nasima Rashida Rumana Sahnaz Taslima Rehana Salma Nilufa Mamoni",
            "Ahmed Ali Barbhuiya Choudhury Hussain Islam Laskar Mazumder Rahman Sheikh",
        ),
    ),
    "BR": (
        (
            "Abhishek Ajay Alok Ashutosh Manoj Mukesh Pankaj Prabhat Rajesh Ranjit Santosh "
            "Shailendra Sudhir Umesh Vivek Ravi Dilip Nitish Arvind Sanjay",
            "Anita Archana Babita Kiran Manju Neha Nisha Poonam Rekha Renu Rinki Sangeeta Shweta "
            "Sunaina Usha Vandana Khushboo Rubi Priyanka Pinki",
            "Choudhary Jha Kumar Mishra Mandal Paswan Prasad Rai Ram Sahni Sharma Singh Sinha "
            "Thakur Yadav Pandey Tiwari Manjhi Mehta Srivastava",
        ),
        (
            "Mohammad Arshad Irfan Javed Naushad Shahid Tabrez Zafar Imtiaz Nadeem Sarfaraz Wasim",
            "Afsana Farhat Nazia Rukhsana Shabnam Shagufta Tabassum Yasmin Nikhat Gulnaz Sabiha "
            "Rizwana",
            "Alam Ansari Hasan Khan Qureshi Siddiqui Rizvi Haque Imam Akhtar",
        ),
    ),
}
#: Preferred languages and their weights per state.
LANGUAGES = {"AS": (("en", 4), ("as", 5), ("hi", 1)), "BR": (("en", 3), ("hi", 7))}

#: Stages and their weights: for cadres whose required training includes a certificate that
#: expires (CP-105), and for the others.
STAGES = ("not_started", "in_progress", "completed", "trained", "expiring", "expired")
STAGE_WEIGHTS = {True: (16, 20, 6, 26, 16, 16), False: (18, 22, 6, 54, 0, 0)}

DISTRICT_OFFICERS = [
    DemoPerson(
        "officer.kamrupmetro",
        "Bhaskar Jyoti Sarma",
        "AS",
        "Kamrup Metropolitan",
        "dcpo",
        "District Child Protection Officer, Kamrup Metropolitan",
        (Role.DISTRICT_OFFICER,),
    ),
    DemoPerson(
        "officer.patna",
        "Anita Kumari Singh",
        "BR",
        "Patna",
        "dcpo",
        "District Child Protection Officer, Patna",
        (Role.DISTRICT_OFFICER,),
        language="hi",
    ),
]

#: Months of history the scorecard is rebuilt for, before the current one.
HISTORY_MONTHS = 12


@dataclass
class PlannedEnrollment:
    module_code: str
    enrolled: datetime.datetime
    completed: datetime.datetime | None = None
    certified: bool = False
    #: The share of lessons done, for one not completed.
    progress: int = 0


@dataclass
class PlannedPerson:
    email: str
    full_name: str
    state: str
    district_id: int | None
    cadre: str
    designation: str
    language: str
    stage: str
    cadre_since: datetime.date
    joined: datetime.datetime
    enrollments: list[PlannedEnrollment] = field(default_factory=list)


# --- Required training ----------------------------------------------------------------------


def _modules() -> dict[str, TrainingModulePage]:
    return {
        module.code: module
        for module in TrainingModulePage.objects.live().filter(
            code__in={code for reqs in REQUIREMENTS.values() for code, _m, _r in reqs},
            locale__language_code=settings.LANGUAGE_CODE,
        )
    }


def _required_training(modules: dict[str, TrainingModulePage], cadres: dict[str, int]) -> int:
    """The demo's required training (rows an administrator has since edited are left alone)."""
    existing = set(RequiredTraining.objects.values_list("cadre_id", "module_id"))
    rows = [
        RequiredTraining(
            cadre_id=cadres[slug], module=modules[code], within_months=months, renew=renew
        )
        for slug, reqs in REQUIREMENTS.items()
        for code, months, renew in reqs
        if code in modules and (cadres[slug], modules[code].pk) not in existing
    ]
    RequiredTraining.objects.bulk_create(rows)
    return len(rows)


# --- Planning the people --------------------------------------------------------------------


def _moment(rng: random.Random, day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    """A working-hours moment on ``day``, never after ``now``."""
    moment = local_midnight(day) + datetime.timedelta(
        hours=rng.randint(9, 17), minutes=rng.randint(0, 59)
    )
    return min(moment, now - datetime.timedelta(minutes=rng.randint(5, 120)))


def _day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return last
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _plan_training(rng: random.Random, person: PlannedPerson, today, now) -> None:
    """Enrolments that put ``person`` at their stage; may change their join date (an
    expiring or expired certificate was earned three years ago)."""
    codes = [code for code, _months, _renew in REQUIREMENTS[person.cadre]]
    renewing = next((code for code, _months, renew in REQUIREMENTS[person.cadre] if renew), None)
    if person.stage == "not_started":
        return
    joined_day = timezone.localdate(person.joined)
    first_day = joined_day + datetime.timedelta(days=1)
    yesterday = today - datetime.timedelta(days=1)

    def enrolment(code, done_day, *, certified=True):
        start = _day_between(rng, max(joined_day, done_day - datetime.timedelta(days=40)), done_day)
        return PlannedEnrollment(
            code,
            enrolled=_moment(rng, start, now),
            completed=_moment(rng, done_day, now),
            certified=certified,
        )

    if person.stage in ("expiring", "expired"):
        if person.stage == "expiring":
            ends = today + datetime.timedelta(days=rng.randint(7, 85))
        else:
            ends = today - datetime.timedelta(days=rng.randint(3, 240))
        issued_day = add_months(ends, -36)
        # They joined the platform in an earlier post, before this certificate.
        joined_day = issued_day - datetime.timedelta(days=rng.randint(20, 60))
        person.joined = _moment(rng, joined_day, now)
        for code in codes:
            if code == renewing:
                person.enrollments.append(enrolment(code, issued_day))
            else:
                done = _day_between(rng, issued_day, yesterday)
                person.enrollments.append(enrolment(code, done))
    elif person.stage == "trained":
        for code in codes:
            person.enrollments.append(enrolment(code, _day_between(rng, first_day, yesterday)))
    elif person.stage == "completed":
        # Everything completed; the last certificate is still to be issued.
        for index, code in enumerate(codes):
            last = index == len(codes) - 1
            day = yesterday if last else _day_between(rng, first_day, yesterday)
            person.enrollments.append(enrolment(code, day, certified=not last))
    else:  # in progress: the first modules done, one under way
        under_way = rng.randint(0, len(codes) - 1)
        for code in codes[:under_way]:
            person.enrollments.append(enrolment(code, _day_between(rng, first_day, yesterday)))
        start = _day_between(rng, joined_day, today)
        person.enrollments.append(
            PlannedEnrollment(
                codes[under_way],
                enrolled=_moment(rng, start, now),
                progress=rng.choice((0, 20, 25, 40, 50, 60, 75, 80)),
            )
        )


def _person(rng, state_code, district_id, cadre, designation, taken, today, now):
    female = rng.random() < 0.45
    group = NAMES[state_code][0 if rng.random() < 0.85 else 1]
    male_names, female_names, surnames = (part.split() for part in group)
    first = rng.choice(female_names if female else male_names)
    last = rng.choice(surnames)
    if state_code == "BR" and female and last in ("Kumar",):
        last = "Kumari"
    full_name = f"{first} {last}"
    base = f"{first}.{last}".lower()
    email, number = f"{base}@{DEMO_DOMAIN}", 1
    while email in taken:
        number += 1
        email = f"{base}{number}@{DEMO_DOMAIN}"
    taken.add(email)
    # The rest is drawn for the person alone: dates differ from day to day, names never.
    rng = random.Random(f"staff/{email}")  # noqa: S311 - demo data
    languages, weights = zip(*LANGUAGES[state_code], strict=True)
    renews = any(renew for _code, _months, renew in REQUIREMENTS[cadre])
    stage = rng.choices(STAGES, weights=STAGE_WEIGHTS[renews])[0]
    if stage in ("not_started", "in_progress") and rng.random() < 0.35:
        # Recently in post: their training is not due yet.
        since = today - datetime.timedelta(days=rng.randint(5, 50))
    else:
        since = today - datetime.timedelta(days=rng.randint(60, 3 * 365))
    joined_day = min(since + datetime.timedelta(days=rng.randint(0, 40)), today)
    person = PlannedPerson(
        email=email,
        full_name=full_name,
        state=state_code,
        district_id=district_id,
        cadre=cadre,
        designation=designation,
        language=rng.choices(languages, weights=weights)[0],
        stage=stage,
        cadre_since=since,
        joined=_moment(rng, joined_day, now),
    )
    _plan_training(rng, person, today, now)
    _in_order(person, now)
    return person


def _in_order(person: PlannedPerson, now: datetime.datetime) -> None:
    """Each enrolment after the account was made, each completion after its enrolment."""
    for planned in person.enrollments:
        planned.enrolled = max(planned.enrolled, person.joined + datetime.timedelta(minutes=10))
        if planned.completed is not None:
            latest = now - datetime.timedelta(minutes=5)
            planned.enrolled = min(planned.enrolled, latest - datetime.timedelta(hours=1))
            planned.completed = min(
                max(planned.completed, planned.enrolled + datetime.timedelta(hours=1)), latest
            )


def plan_staff(today: datetime.date, now: datetime.datetime) -> list[PlannedPerson]:
    """Every demo staff member, in a fixed order: per district, up to the posts filled for
    each cadre (fewer where staff have not registered), then each state's SCPS staff."""
    taken = {demo_email(p) for p in STAFF + LEARNERS + DIBRUGARH_FRONTLINE + DISTRICT_OFFICERS}
    people = []
    districts = District.objects.filter(state__code__in=STATES, is_active=True).order_by(
        "state__code", "name"
    )
    for district_id, state_code, name in districts.values_list("pk", "state__code", "name"):
        rng = random.Random(f"staff/{state_code}/{name}")  # noqa: S311 - demo data
        registering = rng.uniform(0.35, 0.85)
        posts = district_posts(state_code, name)
        for cadre, (designation, most) in DISTRICT_STAFF.items():
            _sanctioned, filled = posts[cadre][-1]
            for _slot in range(min(filled, most)):
                if rng.random() < registering:
                    people.append(
                        _person(rng, state_code, district_id, cadre, designation, taken,
                                today, now)
                    )  # fmt: skip
    for state_code in STATES:
        rng = random.Random(f"staff/{state_code}/scps")  # noqa: S311 - demo data
        for _slot in range(SCPS_STAFF):
            designation = rng.choice(SCPS_DESIGNATIONS)
            people.append(
                _person(rng, state_code, None, "scps-staff", designation, taken, today, now)
            )
    return people


# --- Writing them ---------------------------------------------------------------------------


def _create_accounts(people: list[PlannedPerson], cadres: dict[str, int]) -> dict[str, User]:
    """The accounts as ``users_invite_many`` makes an import's (no usable password, a verified
    address, the Learner role, an audit entry each; no mail), with what the people said on
    their profiles (the date they took up their post, their language) and their consent, all
    in one set of bulk statements."""
    states = dict(State.objects.filter(code__in=STATES).values_list("code", "pk"))
    version = settings.LMS_DATA_USE_NOTICE_VERSION
    unusable = make_password(None)
    users = {}
    for person in people:
        validate_person_name(person.full_name)
        users[person.email] = User(
            email=person.email,
            full_name=person.full_name,
            state_id=states[person.state],
            district_id=person.district_id,
            cadre_id=cadres[person.cadre],
            cadre_since=person.cadre_since,
            designation=person.designation,
            preferred_language=person.language,
            # Like set_unusable_password(): nobody can sign in as them.
            password=unusable,
            date_joined=person.joined,
            profile_completed_at=person.joined,
            consent_version=version,
        )
    User.objects.bulk_create(users.values(), batch_size=500)
    if any(user.pk is None for user in users.values()):  # no INSERT … RETURNING
        ids = dict(User.objects.filter(email__in=users).values_list("email", "pk"))
        for user in users.values():
            user.pk = ids[user.email]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users.values()],
        batch_size=1000,
    )
    learners = Group.objects.get(name=Role.LEARNER)
    membership = User.groups.through
    membership.objects.bulk_create(
        [membership(user_id=u.pk, group_id=learners.pk) for u in users.values()], batch_size=1000
    )
    Consent.objects.bulk_create(
        [
            Consent(user=u, notice_version=version, accepted_at=u.date_joined)
            for u in users.values()
        ],
        batch_size=1000,
    )
    audit_many(instances=users.values(), action="accounts.user.invited")
    return users


def _lessons(modules) -> dict[int, list[LessonPage]]:
    lessons = defaultdict(list)
    for module in modules.values():
        lessons[module.pk] = list(LessonPage.objects.live().child_of(module).order_by("path"))
    return lessons


def _create_enrollments(people, users, modules, rng) -> list[tuple[Enrollment, PlannedPerson]]:
    """Enrolments with the lessons done so far (all of them when completed), each lesson
    opened and finished in turn between the enrolment and its completion (or now)."""
    lessons = _lessons(modules)
    now = timezone.now()
    pairs, progress = [], []
    for person in people:
        for planned in person.enrollments:
            module = modules.get(planned.module_code)
            if module is None:
                continue
            done = planned.completed is not None
            count = len(lessons[module.pk])
            finished = count if done else round(count * planned.progress / 100)
            span = ((planned.completed or now) - planned.enrolled) / max(finished, 1)
            moment, views = planned.enrolled, []
            for lesson in lessons[module.pk][:finished]:
                views.append((lesson, moment, moment + min(span, datetime.timedelta(hours=1))))
                moment += span
            enrollment = Enrollment(
                user=users[person.email],
                module=module,
                source=Enrollment.Source.IMPORT,
                status=Enrollment.Status.COMPLETED if done else Enrollment.Status.ACTIVE,
                enrolled_at=planned.enrolled,
                completed_at=planned.completed,
                last_activity_at=planned.completed or (views[-1][2] if views else None),
                progress=round(100 * finished / count) if count else (100 if done else 0),
                attendance_share=(
                    rng.choice((80, 90, 100)) if module.required_attendance is not None else None
                ),
                last_lesson=views[-1][0] if views else None,
            )
            pairs.append((enrollment, planned))
            progress.extend(
                LessonProgress(
                    enrollment=enrollment,
                    lesson=lesson,
                    first_viewed_at=opened,
                    completed_at=finished_at,
                    seconds_spent=rng.randint(300, 1500),
                )
                for lesson, opened, finished_at in views
            )
    Enrollment.objects.bulk_create([e for e, _p in pairs], batch_size=1000)
    for row in progress:
        row.enrollment_id = row.enrollment.pk
    LessonProgress.objects.bulk_create(progress, batch_size=2000)
    return pairs


def _answers(rng, questions, *, right_share: float) -> dict[str, list[str]]:
    answers = {}
    for question in questions:
        if rng.random() < right_share:
            answers[question.id] = sorted(question.correct_ids)
        else:
            wrong = [option.id for option in question.options if not option.correct]
            answers[question.id] = wrong[:1] if question.takes_one else wrong
    return answers


def _graded_attempt(rng, version, *, passed: bool, pass_mark: int, **fields) -> AssessmentAttempt:
    """An attempt at ``version`` whose answers pass (or fail), graded as submitting grades."""
    seed = rng.randrange(2**31)
    question_ids = draw_questions(
        version.questions,
        draw_count=version.draw_count,
        shuffle=version.shuffle_questions,
        seed=seed,
    )
    by_id = {question.id: question for question in version.questions}
    questions = [by_id[qid] for qid in question_ids]
    for _try in range(20):
        share = rng.uniform(0.75, 1.0) if passed else rng.uniform(0.2, 0.6)
        result = grade(questions=questions, answers=_answers(rng, questions, right_share=share))
        if result.passed(pass_mark) == passed:
            break
    else:
        answers = _answers(rng, questions, right_share=1.0 if passed else 0.0)
        result = grade(questions=questions, answers=answers)
    attempt = AssessmentAttempt(
        revision_id=version.revision_id, question_ids=question_ids, seed=seed, **fields
    )
    attempt.set_grade(result, pass_mark=pass_mark)
    return attempt


def _create_attempts(pairs, modules, rng) -> dict[int, Decimal]:
    """A passed attempt for each completed enrolment in a module with an assessment, after a
    failed one for about a quarter of them. Returns each enrolment's passing percentage."""
    assessments = {}
    for module in modules.values():
        page = AssessmentPage.objects.live().child_of(module).first()
        if page is not None:
            version = assessment_at(page.live_revision_id or page.latest_revision_id)
            pass_mark = effective_pass_mark(assessment=version, module=module)
            assessments[module.pk] = (page, version, pass_mark)
    attempts, percents = [], {}
    for enrollment, planned in pairs:
        if planned.completed is None or enrollment.module_id not in assessments:
            continue
        page, version, pass_mark = assessments[enrollment.module_id]
        submitted = planned.completed - datetime.timedelta(minutes=1)
        started = submitted - datetime.timedelta(minutes=rng.randint(8, 25))
        failed_at = started - datetime.timedelta(days=rng.randint(1, 5))
        tries = []
        if rng.random() < 0.25 and failed_at > planned.enrolled:
            tries.append((False, failed_at))
        tries.append((True, submitted))
        for number, (passed, at) in enumerate(tries, start=1):
            attempt = _graded_attempt(
                rng,
                version,
                passed=passed,
                pass_mark=pass_mark,
                enrollment=enrollment,
                assessment=page,
                number=number,
                cycle=enrollment.cycle,
                started_at=at - datetime.timedelta(minutes=rng.randint(8, 25)),
                submitted_at=at,
            )
            attempts.append(attempt)
        percents[enrollment.pk] = attempt.percent
    AssessmentAttempt.objects.bulk_create(attempts, batch_size=1000)
    return percents


def _serials(certificates: list[Certificate]) -> None:
    """Give each certificate the next serial of its issuing state and year, in order of issue,
    taking the numbers from ``SerialCounter`` in one update per state and year."""
    by_counter = defaultdict(list)
    for certificate in sorted(certificates, key=lambda c: c.issued_at):
        key = (certificate.issuing_state.code, timezone.localdate(certificate.issued_at).year)
        by_counter[key].append(certificate)
    for (prefix, year), batch in by_counter.items():
        counter, _created = SerialCounter.objects.get_or_create(prefix=prefix, year=year)
        SerialCounter.objects.filter(pk=counter.pk).update(last=F("last") + len(batch))
        counter.refresh_from_db()
        first = counter.last - len(batch) + 1
        for number, certificate in enumerate(batch, start=first):
            certificate.serial = f"{prefix}-{year}-{number:06d}"


def _create_certificates(pairs, modules, percents, rng) -> int:
    states = {state.pk: state for state in State.objects.filter(code__in=STATES)}
    minutes = {module.pk: module.duration_minutes for module in modules.values()}
    designs: dict[tuple[int, int], tuple] = {}
    certificates = []
    for enrollment, planned in pairs:
        if not planned.certified or planned.completed is None:
            continue
        module, user = enrollment.module, enrollment.user
        key = (module.pk, user.state_id)
        if key not in designs:
            template = template_for(module_id=module.pk, state_id=user.state_id)
            designs[key] = (template, design_snapshot(template))
        template, design = designs[key]
        issued_at = planned.completed + datetime.timedelta(minutes=rng.randint(1, 3))
        validity = module.certificate_validity_months
        state = states[user.state_id]
        certificates.append(
            Certificate(
                enrollment=enrollment,
                cycle=enrollment.cycle,
                recipient=user,
                recipient_name=user.full_name,
                module=module,
                module_code=module.code,
                module_title=module.title,
                module_version=module.version,
                module_minutes=minutes[module.pk],
                issuing_state=state,
                issuing_state_name=state.name,
                score=percents.get(enrollment.pk),
                issued_at=issued_at,
                valid_until=add_months(timezone.localdate(issued_at), validity)
                if validity
                else None,
                token=new_token(),
                code=new_code(),
                template=template,
                design=design,
            )
        )
    _serials(certificates)
    Certificate.objects.bulk_create(certificates, batch_size=500)
    return len(certificates)


# --- District officers ----------------------------------------------------------------------


def _district_officer(person: DemoPerson) -> User:
    """A named account with the demo password, made as the other demo staff accounts are
    (a verified address, a completed profile), with the role in its one district."""
    email = demo_email(person)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    state = State.objects.get(code=person.state)
    district = District.objects.get(state=state, name=person.district)
    if user.needs_profile:
        profile_complete(
            user=user,
            full_name=person.full_name,
            cadre=Cadre.objects.get(slug=person.cadre),
            designation=person.designation,
            state=state,
            district=district,
            preferred_language=person.language,
            notice_accepted=True,
        )
    role_assign(user=user, role=Role.DISTRICT_OFFICER, district=district)
    return user


# --- The seeder -----------------------------------------------------------------------------


@demo_seeder(order=90)
def seed_scorecard() -> list[str]:
    today, now = timezone.localdate(), timezone.now()
    cadres = dict(Cadre.objects.values_list("slug", "pk"))
    modules = _modules()
    required = _required_training(modules, cadres)
    planned = plan_staff(today, now)
    existing = set(
        User.objects.filter(email__in=[p.email for p in planned]).values_list("email", flat=True)
    )
    people = [p for p in planned if p.email not in existing]
    made_certificates = 0
    if people:
        rng = random.Random(f"training/{today:%Y-%m-%d}")  # noqa: S311 - demo data
        users = _create_accounts(people, cadres)
        pairs = _create_enrollments(people, users, modules, rng)
        percents = _create_attempts(pairs, modules, rng)
        made_certificates = _create_certificates(pairs, modules, percents, rng)
    officers = [_district_officer(person) for person in DISTRICT_OFFICERS]

    this_month = current_month()
    months = [add_months(this_month, -back) for back in range(HISTORY_MONTHS, 0, -1)]
    rebuilt = set(Snapshot.objects.filter(month__in=months).values_list("month", flat=True))
    for month in months:
        # A month that ended keeps its figures, unless new staff changed its history.
        if people or required or month not in rebuilt:
            scorecard_rebuild(month=month)
    scorecard_rebuild(month=this_month)

    lines = [
        f"Scorecard: {len(planned)} demo staff in Assam and Bihar at every stage of their "
        f"required training"
        + (f" ({len(people)} new, {made_certificates} certificates)" if people else "")
        + f"; rebuilt for {months[0]:%b %Y} to {this_month:%b %Y}",
        f"  District officers (password: {DEMO_PASSWORD}):",
    ]
    for person, user in zip(DISTRICT_OFFICERS, officers, strict=True):
        place = f"{person.district}, {State.objects.get(code=person.state).name}"
        lines.append(f"  {place:<34} {user.email}")
    return lines
