"""The scorecard's "Trainers" section: accredited trainers against the people in post, the
accreditations running out (by name only to those who may see the state's people), and what
the section costs in queries."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from modules.content.models import AssessmentPage
from modules.learning.models import AssessmentAttempt, Enrollment
from reports import selectors, trainers
from tests.accounts.factories import UserFactory
from tests.certification.factories import staff
from tests.helpers import captured_statements
from tests.modules.factories import make_module, single
from tests.reports.staff_world import build_world, district_officer
from tests.trainers.factories import make_cohort
from trainers.models import Accreditation, AccreditationStandard
from trainers.services import cohort_members_add

pytestmark = pytest.mark.django_db


def accredit(trainer, standard, *, place, days, name=None, **fields) -> Accreditation:
    """An accreditation of ``trainer`` valid for ``days`` more days: at the level of
    ``place`` (a State, a District or None for national)."""
    today = timezone.localdate()
    if place is None:
        where = {"level": Accreditation.Level.NATIONAL}
    elif hasattr(place, "state_id"):
        where = {"level": Accreditation.Level.DISTRICT, "state": place.state, "district": place}
    else:
        where = {"level": Accreditation.Level.STATE, "state": place}
    return Accreditation.objects.create(
        code=uuid.uuid4().hex[:16].upper(),
        trainer=trainer,
        trainer_name=name or trainer.full_name,
        standard=standard,
        valid_until=today + datetime.timedelta(days=days),
        **where,
        **fields,
    )


@pytest.fixture
def world():
    world = build_world()
    first = AccreditationStandard.objects.create(name="Child protection basics")
    second = AccreditationStandard.objects.create(name="Juvenile justice")
    kamrup, patna, assam = world["kamrup"], world["patna"], world["assam"]
    now = timezone.now()
    people = {name: UserFactory(full_name=name) for name in (
        "State Trainer", "Kamrup One", "Kamrup Two", "Kamrup Expired", "Kamrup Revoked",
        "Kamrup Renewed", "Patna One", "National Master",
    )}  # fmt: skip
    # Assam: one state-level trainer (last valid day exactly 90 days on: expiring).
    accredit(people["State Trainer"], first, place=assam, days=90)
    # Kamrup: three current trainers, one of them twice (two standards).
    accredit(people["Kamrup One"], first, place=kamrup, days=30)
    accredit(people["Kamrup One"], second, place=kamrup, days=200)
    accredit(people["Kamrup Two"], first, place=kamrup, days=0)  # its last valid day: today
    renewed = accredit(people["Kamrup Renewed"], first, place=kamrup, days=10,
                       superseded_at=now)  # fmt: skip
    accredit(people["Kamrup Renewed"], first, place=kamrup, days=700, renews=renewed)
    # Not counted: expired yesterday, revoked.
    accredit(people["Kamrup Expired"], first, place=kamrup, days=-1)
    accredit(people["Kamrup Revoked"], first, place=kamrup, days=300, revoked_at=now,
             revocation_reason="Left the service")  # fmt: skip
    # Bihar: one district trainer in Patna, 91 days left (not expiring). A national one.
    accredit(people["Patna One"], first, place=patna, days=91)
    accredit(people["National Master"], first, place=None, days=400)
    world["people"] = people
    return world


def _table(response, slug):
    return next(t for t in response.context["trainer_tables"] if t.slug == slug)


def _rows(table) -> dict:
    return {row.cells[0].value: [cell.value for cell in row.cells[1:]] for row in table.rows}


def test_a_state_counts_its_trainers_against_its_people_in_post(client, world):
    client.force_login(staff(Role.COORDINATOR, "AS"))
    response = client.get(reverse("reports:state", args=["AS"]))

    assert response.status_code == 200
    figures = response.context["trainers"]
    need = _rows(_table(response, "trainers"))
    # People in post, trainers, per trainer, expiring — people in post as the scorecard's.
    assert need["Whole state: state-level trainers"] == [6, 1, 6, 1]
    assert need["Kamrup"] == [5, 3, 2, 2]  # One (twice), Two, Renewed; not Expired, Revoked
    assert need["Dibrugarh"] == [1, 0, None, 0]
    assert need["Assam"] == [6, 4, 2, 3]
    districts = {row.cells[0].value: row.cells[7].value for row in next(
        t for t in response.context["tables"] if t.slug == "districts").rows}  # fmt: skip
    assert need["Kamrup"][0] == districts["Kamrup"]
    rows = {row.cells[0].value: row for row in _table(response, "trainers").rows}
    assert rows["Dibrugarh"].lagging
    assert not rows["Kamrup"].lagging
    assert rows["Kamrup"].url == reverse("reports:district", args=["AS", world["kamrup"].pk])
    assert figures.expiring == 3
    content = response.content.decode()
    assert 'id="table-trainers"' in content
    assert "No accredited trainer" in content
    # The expiring list: soonest first, names to a coordinator of the state.
    expiring = _table(response, "trainers-expiring")
    assert [row.cells[0].value for row in expiring.rows] == [
        "Kamrup Two", "Kamrup One", "State Trainer",
    ]  # fmt: skip
    assert [row.cells[1].value for row in expiring.rows][:2] == ["Child protection basics"] * 2
    assert expiring.rows[0].cells[4].value == timezone.localdate()
    assert "Kamrup Two" in content
    assert "Patna One" not in content
    assert "Kamrup Expired" not in content


def test_the_nation_counts_by_state(client, world):
    client.force_login(staff(Role.NATIONAL_ADMIN))
    response = client.get(reverse("reports:home"))

    need = _rows(_table(response, "trainers"))
    assert need["National master trainers"] == [8, 1, 8, 0]
    assert need["Assam"] == [6, 4, 2, 3]
    assert need["Bihar"] == [2, 1, 2, 0]
    assert need["India"] == [8, 6, 1, 3]
    assert need["Kerala"][1:3] == [0, None]
    rows = {row.cells[0].value: row for row in _table(response, "trainers").rows}
    assert rows["Kerala"].lagging
    assert rows["Assam"].url == reverse("reports:state", args=["AS"])
    assert response.context["trainers"].expiring == 3
    # The names are listed on a state's page only, not for the whole nation.
    assert [t.slug for t in response.context["trainer_tables"]] == ["trainers"]
    assert "State Trainer" not in response.content.decode()


def test_a_district_counts_only_its_own_trainers(client, world):
    officer = district_officer(world["kamrup"])
    client.force_login(officer)
    response = client.get(reverse("reports:district", args=["AS", world["kamrup"].pk]))

    assert response.status_code == 200
    assert _rows(_table(response, "trainers")) == {"Kamrup": [5, 3, 2, 2]}
    # A district officer is not a reader of the state's people: counts, never names.
    assert [t.slug for t in response.context["trainer_tables"]] == ["trainers"]
    content = response.content.decode()
    assert "Kamrup Two" not in content
    assert "Kamrup One" not in content
    assert response.context["trainers"].expiring == 2


def learners(cohort, place, count):
    users = [UserFactory(state=place.state, district=place) for _ in range(count)]
    cohort_members_add(cohort=cohort, users=users, by=None)
    return users


def with_tests(user, module, pre, post):
    """A pre-test at ``pre`` and a first assessment attempt at ``post``."""
    enrollment = Enrollment.objects.get(user=user, module=module)
    assessment = AssessmentPage.objects.child_of(module).get()
    for role, number, percent in (("pre_test", 0, pre), ("assessment", 1, post)):
        AssessmentAttempt.objects.create(
            enrollment=enrollment, assessment=assessment, revision=assessment.latest_revision,
            role=role, number=number, question_ids=[], seed=1, submitted_at=timezone.now(),
            percent=Decimal(percent), passed=Decimal(percent) >= 70,
        )  # fmt: skip


def results(world, trainer):
    """An Assam cohort run by ``trainer``: two Kamrup learners gaining 40 and 10 points, one of
    Dibrugarh gaining 20; one more with a pre-test only (left out)."""
    module = make_module(lessons=1, questions=[single()], has_pre_test=True)
    cohort = make_cohort("AS", modules=[module])
    cohort.trainers.add(trainer)
    one, two = learners(cohort, world["kamrup"], 2)
    (three,) = learners(cohort, world["dibrugarh"], 1)
    with_tests(one, module, "40.00", "80.00")
    with_tests(two, module, "50.00", "60.00")
    with_tests(three, module, "30.00", "50.00")
    return cohort


def test_a_state_shows_gain_by_district_and_trainer_and_its_cascade(client, world):
    results(world, world["people"]["Kamrup One"])
    client.force_login(staff(Role.COORDINATOR, "AS"))
    response = client.get(reverse("reports:state", args=["AS"]))

    by_district = _rows(_table(response, "gain-districts"))
    # Learners, before, after, gain, passed first time.
    assert by_district["Kamrup"] == [2, 45.0, 70.0, 25.0, 50.0]
    assert by_district["Dibrugarh"] == [1, 30.0, 50.0, 20.0, 0.0]
    by_trainer = _rows(_table(response, "gain-trainers"))
    assert by_trainer == {"Kamrup One": ["Yes", 3, 40.0, 63.3, 23.3, 33.3]}
    cascade = {
        row.key: [c.value for c in row.cells[1:]] for row in _table(response, "cascade").rows
    }
    assert cascade["state"][0] == 1
    assert cascade["district"][0] == 3  # valid today: not the expired one, nor the revoked
    assert cascade["frontline"][2] == 3
    content = response.content.decode()
    assert 'id="table-gain-trainers"' in content
    assert 'class="table-scroll" role="region" aria-labelledby="table-cascade"' in content


def test_gain_by_trainer_and_cascade_stay_off_other_pages(client, world):
    results(world, world["people"]["Kamrup One"])
    client.force_login(district_officer(world["kamrup"]))
    response = client.get(reverse("reports:district", args=["AS", world["kamrup"].pk]))

    assert [t.slug for t in response.context["trainer_tables"]] == ["trainers"]
    assert "Kamrup One" not in response.content.decode()
    response = client.get(
        reverse("reports:district", args=["AS", world["kamrup"].pk])
        + "?table=gain-trainers&format=csv"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["officer", "coordinator_br", "trainer"])
def test_out_of_scope_viewers_get_a_404_and_no_names(client, world, who):
    viewer = {
        "officer": lambda: district_officer(world["kamrup"]),
        "coordinator_br": lambda: staff(Role.COORDINATOR, "BR"),
        "trainer": lambda: staff(Role.TRAINER, "AS"),
    }[who]()
    client.force_login(viewer)
    before = Accreditation.objects.count()

    for url in (
        reverse("reports:state", args=["AS"]),
        reverse("reports:state", args=["AS"]) + "?table=trainers-expiring&format=csv",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Kamrup Two" not in response.content
    assert Accreditation.objects.count() == before


def test_the_expiring_list_downloads_in_scope(client, world):
    client.force_login(staff(Role.COORDINATOR, "AS"))
    url = reverse("reports:state", args=["AS"])

    response = client.get(url + "?table=trainers-expiring&format=csv")
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0] == "Trainer,Standard,Level,District,Valid until"
    assert "Kamrup Two" in body
    assert "State Trainer" in body
    assert "Patna One" not in body
    need = client.get(url + "?table=trainers&format=csv").content.decode("utf-8-sig")
    assert "Dibrugarh,1,0,,0" in need


def test_cadre_pages_have_no_trainers_section(client, world):
    client.force_login(staff(Role.COORDINATOR, "AS"))
    response = client.get(reverse("reports:state_cadre", args=["AS", "cwc-member"]))

    assert response.status_code == 200
    assert response.context["trainers"] is None
    assert 'id="trainers-section"' not in response.content.decode()


def test_the_selector_reads_the_day_in_india(world):
    card = selectors.state_scorecard(state=world["assam"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    figures = trainers.trainer_figures(scorecard=card, state=world["assam"], today=tomorrow)
    kamrup = next(p for p in figures.places if p.label == "Kamrup")
    assert kamrup.trainers == 2  # Kamrup Two's last valid day was today
    assert figures.expiring_list == []  # no names unless asked for


def _statements(client, url) -> int:
    with captured_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_the_section_costs_the_same_queries_at_any_size(client, world):
    coordinator = staff(Role.COORDINATOR, "AS")
    national = staff(Role.NATIONAL_ADMIN)
    urls = {
        "nation": (national, reverse("reports:home")),
        "state": (coordinator, reverse("reports:state", args=["AS"])),
        "district": (coordinator, reverse("reports:district", args=["AS", world["kamrup"].pk])),
    }

    def costs() -> dict[str, int]:
        counted = {}
        for name, (viewer, url) in urls.items():
            client.force_login(viewer)
            counted[name] = _statements(client, url)
        return counted

    results(world, world["people"]["Kamrup One"])
    costs()  # the first request fills the process caches (site, locales)
    small = costs()
    standard = AccreditationStandard.objects.first()
    for place in (world["kamrup"], world["dibrugarh"], world["patna"], world["assam"]):
        for days in (5, 50, 500):
            accredit(UserFactory(), standard, place=place, days=days)
    for name in ("Kamrup One", "Kamrup Two", "State Trainer"):
        results(world, world["people"][name])
    large = costs()

    assert large == small
    # The section adds one query to the nation's and a district's page (the accreditations);
    # a state's page also reads gain by district (1) and trainer (3), the trainers' names (1)
    # and the cascade (ten).
    site = 0 if settings.PAGE_CACHES_ENABLED else 1  # with the caches off, the site too
    assert large["nation"] <= 13 + site
    assert large["district"] <= 13 + site
    assert large["state"] <= 29 + site
    kamrup = client.get(urls["district"][1]).context["trainers"].total
    assert kamrup.trainers == 6


# --- The public scorecard -------------------------------------------------------------------


def test_the_public_pages_show_counts_never_names(client, world):
    results(world, world["people"]["Kamrup One"])
    response = client.get(reverse("scorecard:state", args=["AS"]))

    assert response.status_code == 200
    figures = response.context["trainers"]
    rows = {row.label: row for row in figures.rows}
    assert rows["State-level trainers"].trainers == 1
    assert rows["Kamrup"].trainers == 3
    assert rows["Dibrugarh"].per_trainer_text == "no trainer"
    assert figures.total.trainers == 4
    assert figures.expiring == 3
    # People in post per trainer only where the page shows people in post.
    public_rows = {row.label: row for row in response.context["scorecard"].rows}
    if public_rows["Kamrup"].in_post is None:
        assert rows["Kamrup"].per_trainer_text == "hidden"
    else:
        assert rows["Kamrup"].per_trainer == round(public_rows["Kamrup"].in_post / 3)
    # Gain by district: two and one learners with both tests, fewer than five: hidden.
    gains = {row.label: row for row in figures.gain_by_district}
    assert gains["Kamrup"].avg_gain_text == "hidden"
    assert gains["Kamrup"].learners is None
    content = response.content.decode()
    assert 'id="trainers-title"' in content
    for name in world["people"]:
        assert name not in content
    assert "Average gain by trainer" not in content
    assert "Cascade" not in content

    nation = client.get(reverse("scorecard:national"))
    rows = {row.label: row for row in nation.context["trainers"].rows}
    assert rows["National master trainers"].trainers == 1
    assert rows["Assam"].trainers == 4
    assert rows["Bihar"].trainers == 1
    assert nation.context["trainers"].total.trainers == 6
    assert "Kamrup One" not in nation.content.decode()


def test_the_public_gain_of_a_district_with_five_learners(client, world):
    module = make_module(lessons=1, questions=[single()], has_pre_test=True)
    cohort = make_cohort("AS", modules=[module])
    for person, (pre, post) in zip(
        learners(cohort, world["kamrup"], 5),
        [("40.00", "80.00"), ("50.00", "60.00"), ("30.00", "50.00"), ("20.00", "70.00"),
         ("60.00", "60.00")],
        strict=True,
    ):  # fmt: skip
        with_tests(person, module, pre, post)

    response = client.get(reverse("scorecard:state", args=["AS"]))

    gains = {row.label: row for row in response.context["trainers"].gain_by_district}
    assert gains["Kamrup"].learners == 5
    assert gains["Kamrup"].avg_gain_text == "24.0"  # (40 + 10 + 20 + 50 + 0) / 5
    assert gains["Dibrugarh"].avg_gain_text == "—"  # nobody with both tests
