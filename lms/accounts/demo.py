"""Demo accounts: one person per role, and a dozen learners in Assam and Bihar."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from lms.core.demo import DEMO_PASSWORD, demo_seeder
from lms.geography.models import District, State

from .models import Cadre, Role, User
from .services import profile_complete, role_assign, role_grant

DEMO_DOMAIN = "demo.example.org"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    state: str
    district: str
    cadre: str
    designation: str
    roles: tuple[str, ...] = (Role.LEARNER,)
    language: str = "en"
    superuser: bool = False


STAFF = [
    DemoPerson(
        "admin",
        "Meera Raghavan",
        "DL",
        "New Delhi",
        "scps-staff",
        "National Programme Manager",
        (Role.NATIONAL_ADMIN,),
        superuser=True,
    ),
    DemoPerson(
        "author",
        "Farida Hussain",
        "DL",
        "South Delhi",
        "scps-staff",
        "Training Content Specialist",
        (Role.AUTHOR,),
    ),
    DemoPerson(
        "reviewer",
        "Vikram Sethi",
        "DL",
        "Central Delhi",
        "scps-staff",
        "Senior Child Protection Specialist",
        (Role.REVIEWER,),
    ),
    DemoPerson(
        "coordinator.assam",
        "Rupali Baruah",
        "AS",
        "Kamrup Metropolitan",
        "scps-staff",
        "Programme Manager, Assam SCPS",
        (Role.COORDINATOR,),
    ),
    DemoPerson(
        "trainer1.assam",
        "Hemanta Deka",
        "AS",
        "Kamrup Metropolitan",
        "dcpo",
        "Master Trainer, Assam State Core Trainer Group",
        (Role.TRAINER,),
    ),
    DemoPerson(
        "trainer2.assam",
        "Nilakshi Goswami",
        "AS",
        "Jorhat",
        "counsellor",
        "Master Trainer, Assam State Core Trainer Group",
        (Role.TRAINER,),
    ),
    # Trained the Assam core trainers; accredited nationally, so a trainer in Assam's group.
    DemoPerson(
        "master.trainer",
        "Kavita Menon",
        "AS",
        "Kamrup Metropolitan",
        "scps-staff",
        "National Master Trainer, NIPCCD Regional Centre, Guwahati",
        (Role.TRAINER,),
    ),
    DemoPerson(
        "trainer.bihar",
        "Shashi Bhushan Prasad",
        "BR",
        "Patna",
        "legal-probation-officer",
        "Master Trainer, Bihar State Core Trainer Group",
        (Role.TRAINER,),
        language="hi",
    ),
]

LEARNERS = [
    DemoPerson(
        "pranjal.bora",
        "Pranjal Bora",
        "AS",
        "Dibrugarh",
        "po-non-institutional",
        "Protection Officer (Non-Institutional Care)",
    ),
    DemoPerson(
        "anjali.das",
        "Anjali Das",
        "AS",
        "Kamrup Metropolitan",
        "social-worker",
        "Social Worker, DCPU",
    ),
    DemoPerson(
        "bitupan.gogoi", "Bitupan Gogoi", "AS", "Jorhat", "outreach-worker", "Outreach Worker, DCPU"
    ),
    DemoPerson(
        "nazma.begum", "Nazma Begum", "AS", "Cachar", "counsellor", "Counsellor, Children's Home"
    ),
    DemoPerson(
        "dipankar.saikia", "Dipankar Saikia", "AS", "Nagaon", "cwpo", "Child Welfare Police Officer"
    ),
    DemoPerson(
        "rimjhim.kalita",
        "Rimjhim Kalita",
        "AS",
        "Barpeta",
        "cwc-member",
        "Member, Child Welfare Committee",
        language="as",
    ),
    DemoPerson(
        "sunita.kumari",
        "Sunita Kumari",
        "BR",
        "Patna",
        "social-worker",
        "Social Worker, DCPU",
        language="hi",
    ),
    DemoPerson(
        "rakesh.ranjan",
        "Rakesh Ranjan",
        "BR",
        "Gaya",
        "dcpo",
        "District Child Protection Officer",
        language="hi",
    ),
    DemoPerson(
        "priya.sinha",
        "Priya Sinha",
        "BR",
        "Muzaffarpur",
        "legal-probation-officer",
        "Legal-cum-Probation Officer",
    ),
    DemoPerson(
        "imran.ansari",
        "Mohammad Imran Ansari",
        "BR",
        "Bhagalpur",
        "sjpu-officer",
        "Sub-Inspector, Special Juvenile Police Unit",
        language="hi",
    ),
    DemoPerson(
        "pooja.yadav",
        "Pooja Yadav",
        "BR",
        "Darbhanga",
        "child-helpline",
        "Counsellor, Child Helpline 1098",
        language="hi",
    ),
    DemoPerson(
        "amit.jha",
        "Amit Kumar Jha",
        "BR",
        "Purnia",
        "jjb-member",
        "Social Worker Member, Juvenile Justice Board",
    ),
]


#: A caregiver with a mobile phone and no email, as much of the frontline is: she signs in with
#: her number, by password or by a code the demo console shows (the SMS backend prints them).
#: +91 90000 0xxxx numbers are not allotted to any operator's subscribers in the demo's sense:
#: the console backend never sends them anywhere.
PHONE_ONLY = DemoPerson(
    "+919000000001",
    "Runu Bora",
    "AS",
    "Kamrup Metropolitan",
    "cci-staff",
    "Caregiver, Children's Home",
    language="as",
)


#: Frontline staff of Dibrugarh trained by the district's own trainer (Pranjal Bora, trained
#: in turn by Assam's core trainers): the end of the demo's training cascade.
DIBRUGARH_FRONTLINE = [
    DemoPerson(email, name, "AS", "Dibrugarh", cadre, designation)
    for email, name, cadre, designation in (
        ("jonali.gogoi", "Jonali Gogoi", "social-worker", "Social Worker, DCPU"),
        ("partha.saikia", "Partha Saikia", "outreach-worker", "Outreach Worker, DCPU"),
        ("nandita.hazarika", "Nandita Hazarika", "counsellor", "Counsellor, DCPU"),
        ("rituraj.phukan", "Rituraj Phukan", "cwpo", "Child Welfare Police Officer"),
        ("barnali.konwar", "Barnali Konwar", "cwc-member", "Member, Child Welfare Committee"),
        ("mridul.dutta", "Mridul Dutta", "po-institutional", "Protection Officer, DCPU"),
        ("lipika.sonowal", "Lipika Sonowal", "cci-staff", "Caregiver, Children's Home"),
        ("debajit.buragohain", "Debajit Buragohain", "sjpu-officer", "Sub-Inspector, SJPU"),
    )
]


def demo_email(person: DemoPerson) -> str:
    return f"{person.email}@{DEMO_DOMAIN}"


def _district(state: State, name: str) -> District:
    try:
        return District.objects.get(state=state, name__iexact=name)
    except District.DoesNotExist:
        raise LookupError(f"Demo district {name!r} is missing from {state.name}") from None


@transaction.atomic
def _ensure(person: DemoPerson) -> User:
    email = demo_email(person)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
    user.is_superuser = user.is_staff = person.superuser
    user.save(update_fields=["is_superuser", "is_staff"])
    _verified_email(user)
    state = _complete_profile(user, person)
    for role in person.roles:
        if role in (Role.TRAINER, Role.COORDINATOR):
            role_assign(user=user, role=role, state=state)
        else:
            role_grant(user=user, role=role)
    return user


@transaction.atomic
def _ensure_phone_only(person: DemoPerson) -> User:
    user = User.objects.filter(phone=person.email).first()
    if user is None:
        user = User.objects.create_user(
            email=None, password=DEMO_PASSWORD, phone=person.email, phone_verified=True
        )
        user.groups.add(Group.objects.get(name=Role.LEARNER))
    _complete_profile(user, person)
    return user


def _complete_profile(user: User, person: DemoPerson) -> State:
    """Fill in ``person``'s profile on ``user`` when it is not complete; their state."""
    state = State.objects.get(code=person.state)
    if user.needs_profile:
        profile_complete(
            user=user,
            full_name=person.full_name,
            cadre=Cadre.objects.get(slug=person.cadre),
            designation=person.designation,
            state=state,
            district=_district(state, person.district),
            preferred_language=person.language,
            notice_accepted=True,
        )
    return state


def _verified_email(user: User) -> None:

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@demo_seeder(order=20)
def seed_accounts() -> list[str]:
    Group.objects.get(name=Role.LEARNER)  # the role migration must have run
    for person in STAFF + LEARNERS + DIBRUGARH_FRONTLINE:
        _ensure(person)
    _ensure_phone_only(PHONE_ONLY)
    lines = ["", f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for person in STAFF:
        roles = ", ".join(str(Role(role).label) for role in person.roles)
        if set(person.roles) & {Role.TRAINER, Role.COORDINATOR}:
            roles += f" ({State.objects.get(code=person.state).name})"
        lines.append(f"  {roles:<34} {demo_email(person)}")
    lines.append(
        f"  {'Learners':<34} {demo_email(LEARNERS[0])} … and "
        f"{len(LEARNERS) - 1} more (see lms/accounts/demo.py)"
    )
    lines.append(
        f"  {'Learner with a mobile only':<34} {PHONE_ONLY.email[3:8]} {PHONE_ONLY.email[8:]} "
        "(or sign in with a code: the console shows the text message)"
    )
    return lines
