"""A small workforce for the staff scorecard's tests: Assam (Kamrup, Dibrugarh) and Bihar,
their people, and one member of staff of each kind."""

from __future__ import annotations

import datetime

from django.utils import timezone

from certification.services import certificate_issue
from lms.accounts.models import Cadre, Role
from lms.accounts.services import role_assign
from lms.geography.models import District
from lms.workforce.models import PostCount
from modules.content.models import RequiredTraining
from modules.learning.models import Enrollment
from modules.learning.services import enrollment_create
from reports.services import scorecard_rebuild
from tests.accounts.factories import UserFactory, add_totp, state
from tests.certification.factories import completed_enrollment, staff
from tests.modules.factories import make_module


def district(state_code: str, name: str) -> District:
    return District.objects.get(state__code=state_code, name=name)


def district_officer(place: District, **user_fields):
    user = UserFactory(state=place.state, district=place, **user_fields)
    role_assign(user=user, role=Role.DISTRICT_OFFICER, district=place)
    add_totp(user)
    return user


def add_people(*, module, cadre, place, trained=0, started=0, idle=0, joined_days_ago=400):
    """People of ``cadre`` in ``place``: some trained, some started, some who did nothing."""
    joined = timezone.localdate() - datetime.timedelta(days=joined_days_ago)
    people = []
    for _ in range(trained):
        person = UserFactory(cadre=cadre, state=place.state, district=place, cadre_since=joined)
        certificate_issue(enrollment_id=completed_enrollment(user=person, module=module).pk)
        people.append(person)
    for _ in range(started):
        person = UserFactory(cadre=cadre, state=place.state, district=place, cadre_since=joined)
        enrollment_create(user=person, module=module, source=Enrollment.Source.SELF)
        people.append(person)
    for _ in range(idle):
        people.append(
            UserFactory(cadre=cadre, state=place.state, district=place, cadre_since=joined)
        )
    return people


def build_world() -> dict:
    cwc = Cadre.objects.get(slug="cwc-member")
    dcpo = Cadre.objects.get(slug="dcpo")
    module = make_module(lessons=1, code="CP-101", certificate_validity_months=24)
    RequiredTraining.objects.create(cadre=cwc, module=module, within_months=2)
    RequiredTraining.objects.create(cadre=dcpo, module=module, within_months=2)
    kamrup = district("AS", "Kamrup")
    dibrugarh = district("AS", "Dibrugarh")
    patna = district("BR", "Patna")
    month = timezone.localdate().replace(day=1)
    PostCount.objects.create(
        state=kamrup.state, district=kamrup, cadre=cwc, as_of=month, sanctioned=5, filled=4,
        source=PostCount.Source.FORM,
    )  # fmt: skip
    # Kamrup: CWC 4 in post (reported), 2 trained, 1 started, 1 idle and overdue; DCPO 1
    # started (no posts reported: estimated from registrations).
    add_people(module=module, cadre=cwc, place=kamrup, trained=2, started=1, idle=1)
    add_people(module=module, cadre=dcpo, place=kamrup, started=1)
    # Dibrugarh: 1 CWC trained. Patna: 2 CWC idle.
    add_people(module=module, cadre=cwc, place=dibrugarh, trained=1)
    add_people(module=module, cadre=cwc, place=patna, idle=2)
    scorecard_rebuild()
    return {
        "module": module,
        "cwc": cwc,
        "dcpo": dcpo,
        "kamrup": kamrup,
        "dibrugarh": dibrugarh,
        "patna": patna,
        "assam": state("AS"),
        "bihar": state("BR"),
        "month": month,
    }


def staff_of_every_kind(world: dict) -> dict:
    return {
        "national": staff(Role.NATIONAL_ADMIN),
        "coordinator_as": staff(Role.COORDINATOR, "AS"),
        "coordinator_br": staff(Role.COORDINATOR, "BR"),
        "officer_kamrup": district_officer(world["kamrup"]),
        "trainer": staff(Role.TRAINER, "AS"),
        "learner": UserFactory(state=world["assam"]),
        "anonymous": None,
    }
