"""Demo trainer groups and cohorts: Assam and Bihar each get a blended and an online cohort with
sessions, attendance and progress at different stages."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from certification.services import certificate_issue
from lms.accounts.demo import DEMO_DOMAIN, DIBRUGARH_FRONTLINE, LEARNERS, PHONE_ONLY
from lms.accounts.models import User
from lms.core.demo import demo_seeder
from lms.geography.models import District, State
from modules.content.models import TrainingModulePage
from modules.learning.demo import advance, advance_lessons, answers_for
from modules.learning.models import Enrollment
from modules.learning.services import (
    attempt_start,
    attempt_submit,
    enrollment_create,
    pre_test_start,
)

from .accreditation import RUBRIC, accreditation_grant, observation_create
from .feedback import feedback_submit
from .models import (
    Accreditation,
    AccreditationStandard,
    Attendance,
    Cohort,
    Observation,
    TrainerGroup,
    TrainerMembership,
)
from .services import cohort_create, cohort_members_add, group_member_add
from .sessions import attendance_mark, session_create

GROUPS = {
    "AS": (
        "Assam State Core Trainer Group",
        [("trainer1.assam", TrainerMembership.Role.LEAD), ("trainer2.assam", "member")],
    ),
    "BR": ("Bihar State Core Trainer Group", [("trainer.bihar", TrainerMembership.Role.LEAD)]),
}

# (state, name, district, mode, module codes, days from today it started)
COHORTS = [
    ("AS", "Kamrup Metro DCPU — blended CP-104", "Kamrup Metropolitan", "blended",
     ["CP-104", "CP-101"], -20),
    ("AS", "Assam social workers — online CP-101 to CP-103", None, "online",
     ["CP-101", "CP-102", "CP-103"], -45),
    ("BR", "Patna DCPU — blended CP-104", "Patna", "blended", ["CP-104", "CP-101"], -10),
    ("BR", "Bihar counsellors — online CP-101 and CP-105", None, "online",
     ["CP-101", "CP-105"], -30),
]  # fmt: skip


def _user(name: str) -> User | None:
    return User.objects.filter(email=f"{name}@{DEMO_DOMAIN}").first()


def _learners(state_code: str) -> list[User]:
    """The state's demo learners, the one with a mobile number and no email included (she
    gets the session notices and reminders by SMS)."""
    emails = [f"{p.email}@{DEMO_DOMAIN}" for p in LEARNERS if p.state == state_code]
    people = Q(email__in=emails)
    if PHONE_ONLY.state == state_code:
        people |= Q(phone=PHONE_ONLY.email)
    return list(User.objects.filter(people).order_by("email", "phone"))


def _sessions(cohort: Cohort, trainers: list[User]) -> None:
    """Two past sessions with attendance and one to come, for the blended module."""
    module = TrainingModulePage.objects.get(
        code=cohort.cohort_modules.order_by("sort_order").first().module.code,
        locale__language_code=settings.LANGUAGE_CODE,
    )
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    members = list(User.objects.filter(cohort_memberships__cohort=cohort).order_by("email"))
    for number, days in enumerate((-14, -7, 7), start=1):
        starts = today + datetime.timedelta(days=days)
        session = session_create(
            cohort=cohort,
            module=module,
            # The cards that show a session name its module in the reader's language; an
            # English module title inside the session's would stay English on every page.
            title=f"Day {number}",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=5),
            venue="District Child Protection Unit training hall",
            online_link="",
            trainers=trainers,
            by=trainers[0] if trainers else None,
            # The demo's sessions were always there: telling every demo learner of them would
            # bury the demo console in notices to addresses and numbers that are not real.
            announce=False,
        )
        if days < 0:
            marks = {}
            for index, member in enumerate(members):
                if index % 4 == 3 and number == 2:
                    marks[member.pk] = Attendance.Status.ABSENT
                elif index % 5 == 4:
                    marks[member.pk] = Attendance.Status.EXCUSED
                else:
                    marks[member.pk] = Attendance.Status.PRESENT
            attendance_mark(session=session, marks=marks, by=trainers[0] if trainers else None)


@demo_seeder(order=60)
def seed_trainers() -> list[str]:
    made = 0
    for code, (name, people) in GROUPS.items():
        group, _created = TrainerGroup.objects.get_or_create(
            state=State.objects.get(code=code), name=name
        )
        for username, role in people:
            user = _user(username)
            if user is not None:
                group_member_add(group=group, user=user, role=role, by=None)
    for code, name, district, mode, module_codes, started in COHORTS:
        if Cohort.objects.filter(name=name).exists():
            continue
        state = State.objects.get(code=code)
        group = TrainerGroup.objects.get(state=state, name=GROUPS[code][0])
        trainers = [m.user for m in group.memberships.select_related("user")]
        modules = list(
            TrainingModulePage.objects.filter(
                code__in=module_codes, locale__language_code=settings.LANGUAGE_CODE, live=True
            )
        )
        modules.sort(key=lambda m: module_codes.index(m.code))
        if len(modules) != len(module_codes):
            continue
        starts_on = timezone.localdate() + datetime.timedelta(days=started)
        cohort = cohort_create(
            by=trainers[0] if trainers else None,
            name=name,
            state=state,
            district=District.objects.filter(state=state, name=district).first()
            if district
            else None,
            trainer_group=group,
            trainers=trainers,
            modules=modules,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=60),
            mode=mode,
            status=Cohort.Status.ACTIVE,
        )
        cohort_members_add(
            cohort=cohort, users=_learners(code), by=trainers[0] if trainers else None
        )
        if mode == Cohort.Mode.BLENDED:
            _sessions(cohort, trainers)
        made += 1
    total = Cohort.objects.count()
    return [
        f"Trainers: {TrainerGroup.objects.count()} trainer groups, {total} cohorts"
        + (f" ({made} new)" if made else ""),
        f"  trainer1.assam@{DEMO_DOMAIN} and trainer2.assam@{DEMO_DOMAIN} see Assam's cohorts "
        "at /trainers/; coordinator.assam also manages Assam's trainer group",
        f"  trainer.bihar@{DEMO_DOMAIN} sees only Bihar's cohorts",
    ]


# --- The training cascade ---------------------------------------------------------------------
#
# A national master trainer (Kavita Menon) trains Assam's two core trainers in a
# training-of-trainers cohort and observes each delivering a session; one of them (Hemanta
# Deka) trains Dibrugarh's district trainer (Pranjal Bora) the same way, who then trains the
# district's frontline staff on CP-101, with a pre-test and a post-test and their feedback.
# Every step goes through the services a person would use; only the dates are moved back
# afterwards, as if it had happened over the past months.

STANDARD = "Foundations of child protection (CP-101)"
TOT_CODE = "TOT-101"


def _module(code: str) -> TrainingModulePage | None:
    return TrainingModulePage.objects.filter(
        code=code, locale__language_code=settings.LANGUAGE_CODE, live=True
    ).first()


def _answers_with(attempt, right_share: float) -> dict[str, list[str]]:
    """Answers with about ``right_share`` of the attempt's questions right."""
    right = answers_for(attempt, right=True)
    wrong = answers_for(attempt, right=False)
    count = round(len(attempt.question_ids) * right_share)
    return {
        qid: (right if index < count else wrong)[qid]
        for index, qid in enumerate(attempt.question_ids)
    }


def _complete(user: User, module: TrainingModulePage) -> None:
    """``user`` completes ``module`` with full marks (if not completed already)."""
    enrollment = Enrollment.objects.filter(user=user, module=module).first()
    if enrollment is None:
        enrollment = enrollment_create(user=user, module=module, source=Enrollment.Source.ADMIN)
    if enrollment.status != Enrollment.Status.COMPLETED:
        advance(enrollment, "completed")


def _tot_cohort(
    *, name, group, standard, level, district, trainers, trainees, modules, started, reason=""
):
    starts_on = timezone.localdate() + datetime.timedelta(days=started)
    cohort = cohort_create(
        by=trainers[0],
        name=name,
        state=group.state,
        district=district,
        trainer_group=group,
        trainers=trainers,
        modules=modules,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=5),
        mode=Cohort.Mode.IN_PERSON,
        status=Cohort.Status.COMPLETED,
        purpose=Cohort.Purpose.TRAINERS,
        accreditation_standard=standard,
        trainer_level=level,
        unaccredited_reason=reason,
    )
    cohort_members_add(cohort=cohort, users=trainees, by=trainers[0])
    return cohort


def _session(cohort, module, *, title, days, trainers, present, reason=""):
    starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    starts += datetime.timedelta(days=days)
    session = session_create(
        cohort=cohort,
        module=module,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        venue="District Child Protection Unit training hall",
        online_link="",
        trainers=trainers,
        by=trainers[0],
        announce=False,
        unaccredited_reason=reason,
    )
    attendance_mark(
        session=session,
        marks={user.pk: Attendance.Status.PRESENT for user in present},
        by=trainers[0],
    )
    return session


def _observe_and_accredit(*, session, trainee, observer, standard, scores, cohort=None, by=None):
    observation_create(
        session=session,
        trainee=trainee,
        observer=observer,
        standard=standard,
        scores=dict(zip((c.key for c in RUBRIC), scores, strict=True)),
        strengths="Clear explanations grounded in cases from the district.",
        improvements="Leave more time for questions after the case study.",
    )
    return accreditation_grant(
        trainee=trainee, standard=standard, by=by or observer, tot_cohort=cohort
    )


def _backdate(accreditation, days: int) -> None:
    when = timezone.now() + datetime.timedelta(days=days)
    valid_until = accreditation.valid_until + datetime.timedelta(days=days)
    Accreditation.objects.filter(pk=accreditation.pk).update(
        granted_at=when, valid_until=valid_until
    )
    if accreditation.observation_id:
        Observation.objects.filter(pk=accreditation.observation_id).update(observed_at=when)


def _frontline(cohort, module, trainer) -> None:
    """Dibrugarh's frontline cohort: each takes the pre-test, the lessons and the post-test,
    and most give feedback on the session they attended."""
    people = list(User.objects.filter(email__in=[_email(p) for p in DIBRUGARH_FRONTLINE]))
    people.sort(key=lambda user: user.email)
    cohort_members_add(cohort=cohort, users=people, by=trainer)
    session = _session(cohort, module, title="Day 1", days=-20, trainers=[trainer], present=people)
    assessment = module.assessment
    for index, user in enumerate(people):
        enrollment = Enrollment.objects.get(user=user, module=module)
        if module.has_pre_test:
            attempt = pre_test_start(enrollment=enrollment)
            attempt_submit(attempt=attempt, answers=_answers_with(attempt, 0.2 + 0.05 * index))
        advance_lessons(enrollment)
        if assessment is not None and index < 7:  # one has not sat the post-test yet
            attempt = attempt_start(enrollment=enrollment, assessment=assessment)
            attempt_submit(attempt=attempt, answers=_answers_with(attempt, 0.6 + 0.06 * index))
        if index < 6:
            feedback_submit(
                user=user,
                session=session,
                rating=(5, 4, 5, 4, 3, 5)[index],
                will_use=("yes", "yes", "partly", "yes", "partly", "yes")[index],
                pace=("right", "right", "too_fast", "right", "right", "too_slow")[index],
            )


def _email(person) -> str:
    return f"{person.email}@{DEMO_DOMAIN}"


@demo_seeder(order=65)
@transaction.atomic
def seed_cascade() -> list[str]:
    cp101, tot101 = _module("CP-101"), _module(TOT_CODE)
    master, core1, core2 = _user("master.trainer"), _user("trainer1.assam"), _user("trainer2.assam")
    pranjal = _user("pranjal.bora")
    admin = User.objects.filter(email=f"admin@{DEMO_DOMAIN}").first()
    if None in (cp101, tot101, master, core1, core2, pranjal, admin):
        return []
    if AccreditationStandard.objects.filter(name=STANDARD).exists():
        return [_cascade_line()]
    standard = AccreditationStandard.objects.create(
        name=STANDARD, tot_module=tot101, pass_mark=85, validity_months=36
    )
    standard.modules.set([cp101])
    assam = TrainerGroup.objects.get(state__code="AS", name=GROUPS["AS"][0])
    group_member_add(group=assam, user=master, role=TrainerMembership.Role.LEAD, by=admin)
    for person in (master, core1, core2, pranjal):
        _complete(person, cp101)
        _complete(person, tot101)

    # Assam's core trainers, trained by the national master trainer; she is observed by the
    # national administrator at their first day, and accredited nationally.
    state_tot = _tot_cohort(
        name="Assam core trainers — training of trainers, CP-101",
        group=assam,
        standard=standard,
        level=Cohort.TrainerLevel.STATE,
        district=None,
        trainers=[master],
        trainees=[core1, core2],
        modules=[tot101, cp101],
        started=-120,
        reason="The national master trainer, observed at this cohort's first day for her own "
        "accreditation.",
    )
    day1 = _session(
        state_tot, tot101, title="Day 1", days=-120, trainers=[master], present=[core1, core2]
    )
    national = _observe_and_accredit(
        session=day1, trainee=master, observer=admin, standard=standard, scores=(4, 4, 4, 3, 4)
    )
    _backdate(national, -400)
    practice = _session(
        state_tot,
        cp101,
        title="Teaching practice",
        days=-118,
        trainers=[master, core1, core2],
        present=[core1, core2],
    )
    for trainee, scores in ((core1, (4, 3, 4, 4, 3)), (core2, (3, 3, 4, 3, 3))):
        accreditation = _observe_and_accredit(
            session=practice,
            trainee=trainee,
            observer=master,
            standard=standard,
            scores=scores,
            cohort=state_tot,
        )
        _backdate(accreditation, -118)

    # Dibrugarh's district trainer, trained by one of them.
    district = District.objects.get(state__code="AS", name="Dibrugarh")
    district_tot = _tot_cohort(
        name="Dibrugarh district trainers — training of trainers, CP-101",
        group=assam,
        standard=standard,
        level=Cohort.TrainerLevel.DISTRICT,
        district=district,
        trainers=[core1],
        trainees=[pranjal],
        modules=[tot101, cp101],
        started=-60,
    )
    _session(district_tot, tot101, title="Day 1", days=-60, trainers=[core1], present=[pranjal])
    practice = _session(
        district_tot,
        cp101,
        title="Teaching practice",
        days=-58,
        trainers=[core1, pranjal],
        present=[pranjal],
    )
    accreditation = _observe_and_accredit(
        session=practice,
        trainee=pranjal,
        observer=core1,
        standard=standard,
        scores=(3, 4, 3, 4, 3),
        cohort=district_tot,
    )
    _backdate(accreditation, -58)

    # And the district's frontline, trained by him.
    frontline = cohort_create(
        by=pranjal,
        name="Dibrugarh DCPU — CP-101 with pre-test",
        state=assam.state,
        district=district,
        trainer_group=assam,
        trainers=[pranjal],
        modules=[cp101],
        starts_on=timezone.localdate() - datetime.timedelta(days=21),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        mode=Cohort.Mode.BLENDED,
        status=Cohort.Status.ACTIVE,
    )
    _frontline(frontline, cp101, pranjal)
    # Certificates for what the cascade completed, as the task queue would issue them.
    completed = Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED,
        module__awards_certificate=True,
        user__in=[master, core1, core2, pranjal, *frontline.members.values_list("user", flat=True)],
    ).order_by("pk")
    for enrollment in completed:
        certificate_issue(enrollment_id=enrollment.pk)
    return [_cascade_line()]


def _cascade_line() -> str:
    return (
        f"  Training cascade: master.trainer@{DEMO_DOMAIN} → trainer1/trainer2.assam → "
        f"pranjal.bora@{DEMO_DOMAIN} (Dibrugarh) → 8 frontline learners; "
        "/trainers/cascade/ as coordinator.assam"
    )
