"""Demo trainer groups and cohorts: Assam and Bihar each get a blended and an online cohort with
sessions, attendance and progress at different stages."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from lms.accounts.demo import DEMO_DOMAIN, LEARNERS, PHONE_ONLY
from lms.accounts.models import User
from lms.core.demo import demo_seeder
from lms.geography.models import District, State
from modules.content.models import TrainingModulePage

from .models import Attendance, Cohort, TrainerGroup, TrainerMembership
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
