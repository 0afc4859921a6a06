"""The training-of-trainers cascade of a state: the tree, direct and downstream reach, the
levels and their coverage, the thin spots, who may see it, and its fixed number of queries."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certification.services import certificate_issue
from lms.accounts.models import Role
from lms.geography.models import District
from lms.workforce.models import PostCount
from modules.content.models import RequiredTraining
from tests.accounts.factories import (
    UserFactory,
    add_totp,
    make_district_officer,
    make_role,
    state,
)
from tests.certification.factories import completed_enrollment, staff
from tests.modules.factories import make_module
from tests.trainers.factories import coordinator, make_cohort, trainer
from trainers.cascade import FRONTLINE, state_cascade
from trainers.models import (
    Accreditation,
    AccreditationStandard,
    Cohort,
    CohortMember,
    TrainingSession,
)
from trainers.services import cohort_members_add

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def districts(code: str = "AS") -> list[District]:
    return list(District.objects.filter(state__code=code, is_active=True).order_by("name"))


def accredit(
    user,
    level: str,
    *,
    standard: AccreditationStandard,
    state_code: str | None = "AS",
    district: District | None = None,
    by=(),
    days_ago: int = 200,
    valid_days: int = 700,
    revoked: bool = False,
    superseded: bool = False,
) -> Accreditation:
    accreditation = Accreditation.objects.create(
        code=uuid.uuid4().hex[:12].upper(),
        trainer=user,
        trainer_name=user.full_name,
        standard=standard,
        level=level,
        state=state(state_code) if state_code and level != Accreditation.Level.NATIONAL else None,
        district=district,
        granted_at=timezone.now() - datetime.timedelta(days=days_ago),
        valid_until=TODAY + datetime.timedelta(days=valid_days),
        revoked_at=timezone.now() if revoked else None,
        revocation_reason="Did not meet the standard" if revoked else "",
        superseded_at=timezone.now() if superseded else None,
    )
    accreditation.trained_by.set(by)
    return accreditation


def session(cohort: Cohort, *trainers, cancelled: bool = False) -> TrainingSession:
    start = timezone.now() - datetime.timedelta(days=10)
    held = TrainingSession.objects.create(
        cohort=cohort,
        module=cohort.cohort_modules.first().module,
        title="Session",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        cancelled_at=timezone.now() if cancelled else None,
    )
    held.trainers.set(trainers)
    return held


def learners(n: int, code: str = "AS") -> list:
    return [UserFactory(state=state(code)) for _ in range(n)]


def cohort_of(module, people, code: str = "AS") -> Cohort:
    cohort = make_cohort(code, modules=[module])
    cohort_members_add(cohort=cohort, users=people, by=None)
    return cohort


@pytest.fixture
def world():
    """Two national master trainers (M1, M2); state core trainers S1 (trained by M1) and S2
    (by M1 and M2); district trainers D1 (by S1, expiring in 30 days), D2 (by S1 and S2), an
    idle D4 (by S2, accredited 200 days ago) and a new D5 (by S2, 10 days ago); D3's
    accreditation is revoked. Learners: C1 run by D1 (L1 certified, L2, L3 removed), C2 run by
    D2 (L2 again, L4; a cancelled session of D1's), C3 with no session and S1 as its trainer
    (L5), C4 run by the revoked D3 (L6). M1 also trained a Bihar trainer."""
    module = make_module(lessons=1)
    standard = AccreditationStandard.objects.create(name="Child protection basics")
    standard.modules.add(module)
    d = districts()
    users = {name: UserFactory(state=state("AS"), full_name=name) for name in (
        "M1 Master", "M2 Master", "S1 Core", "S2 Core", "D1 District", "D2 District",
        "D3 District", "D4 District", "D5 District",
    )}  # fmt: skip
    u = {name.split()[0]: user for name, user in users.items()}
    national = Accreditation.Level.NATIONAL
    accredit(u["M1"], national, standard=standard, state_code=None)
    accredit(u["M2"], national, standard=standard, state_code=None)
    accredit(u["S1"], "state", standard=standard, by=[u["M1"]])
    accredit(u["S2"], "state", standard=standard, by=[u["M1"], u["M2"]])
    accredit(u["D1"], "district", standard=standard, district=d[0], by=[u["S1"]], valid_days=30)
    accredit(u["D2"], "district", standard=standard, district=d[1], by=[u["S1"], u["S2"]])
    accredit(u["D3"], "district", standard=standard, district=d[2], by=[u["S2"]], revoked=True)
    accredit(u["D4"], "district", standard=standard, district=d[2], by=[u["S2"]])
    accredit(u["D5"], "district", standard=standard, district=d[3], by=[u["S2"]], days_ago=10)
    bihar = UserFactory(state=state("BR"), full_name="B1 Bihar")
    accredit(
        bihar, "district", standard=standard, state_code="BR",
        district=districts("BR")[0], by=[u["M1"]],
    )  # fmt: skip

    people = {f"L{n}": person for n, person in enumerate(learners(6), start=1)}
    c1 = cohort_of(module, [people["L1"], people["L2"], people["L3"]])
    session(c1, u["D1"])
    CohortMember.objects.filter(cohort=c1, user=people["L3"]).update(removed_at=timezone.now())
    c2 = cohort_of(module, [people["L2"], people["L4"]])
    session(c2, u["D2"])
    session(c2, u["D1"], cancelled=True)
    c3 = cohort_of(module, [people["L5"]])
    c3.trainers.set([u["S1"]])
    c4 = cohort_of(module, [people["L6"]])
    session(c4, u["D3"])
    # Bihar learners of the Bihar trainer count in Bihar's cascade, not Assam's.
    session(cohort_of(module, learners(2, "BR"), "BR"), bihar)
    # A training-of-trainers cohort's members are trainers, not frontline learners.
    tot = Cohort.objects.create(
        name="ToT", state=state("AS"), trainer_group=c1.trainer_group,
        starts_on=TODAY, purpose=Cohort.Purpose.TRAINERS,
        accreditation_standard=standard, trainer_level=Cohort.TrainerLevel.DISTRICT,
    )  # fmt: skip
    tot.cohort_modules.create(module=module)
    cohort_members_add(cohort=tot, users=[u["D1"], u["D2"]], by=None)
    session(tot, u["S1"])

    certificate_issue(enrollment_id=completed_enrollment(user=people["L1"], module=module).pk)
    # L6 is certified too, but only the revoked trainer reached them.
    certificate_issue(enrollment_id=completed_enrollment(user=people["L6"], module=module).pk)
    return {"u": u, "people": people, "module": module, "standard": standard, "districts": d}


def test_tree_shape(world):
    cascade = state_cascade(state("AS"))
    u = world["u"]
    assert [root.name for root in cascade.roots] == ["M1 Master", "M2 Master"]
    by_name = {node.name: node for node in cascade.nodes.values()}
    assert set(by_name) == {
        "M1 Master", "M2 Master", "S1 Core", "S2 Core",
        "D1 District", "D2 District", "D4 District", "D5 District",
    }  # fmt: skip
    # The revoked accreditation is out of the tree; the Bihar trainer is in Bihar's.
    assert u["D3"].pk not in cascade.nodes
    assert [c.name for c in by_name["M1 Master"].children] == ["S1 Core", "S2 Core"]
    assert [c.name for c in by_name["M2 Master"].children] == ["S2 Core"]
    assert [c.name for c in by_name["S1 Core"].children] == ["D1 District", "D2 District"]
    assert [p.name for p in by_name["D2 District"].parents] == ["S1 Core", "S2 Core"]
    assert by_name["M1 Master"].level == "national"
    assert by_name["D1 District"].place == world["districts"][0].display_name


def test_direct_and_downstream_reach(world):
    nodes = {node.name: node for node in state_cascade(state("AS")).nodes.values()}

    def reach(name):
        node = nodes[name]
        return (
            node.direct_trained,
            node.direct_certified,
            node.downstream_trained,
            node.downstream_certified,
        )

    # D1: L1 (certified) and L2; L3 was removed; C2's session of D1's was cancelled.
    assert reach("D1 District") == (2, 1, 2, 1)
    assert reach("D2 District") == (2, 0, 2, 0)
    # S1: L5 of the cohort without sessions; below: L1, L2 (once, though in both cohorts), L4.
    assert reach("S1 Core") == (1, 0, 4, 1)
    assert reach("S2 Core") == (0, 0, 2, 0)
    # M1's reach is Assam's only: the Bihar trainer's learners are not counted here.
    assert reach("M1 Master") == (0, 0, 4, 1)
    assert reach("M2 Master") == (0, 0, 2, 0)
    assert reach("D4 District") == (0, 0, 0, 0)


def test_levels_and_coverage(world):
    cascade = state_cascade(state("AS"))
    levels = {level.level: level for level in cascade.levels}
    assert [level.level for level in cascade.levels] == ["national", "state", "district", FRONTLINE]
    assert (levels["national"].trainers, levels["national"].trainers_trained) == (2, 2)
    assert (levels["state"].trainers, levels["state"].reached, levels["state"].certified) == (
        2,
        1,
        0,
    )
    district = levels["district"]
    assert (district.trainers, district.reached, district.certified) == (4, 3, 1)
    # D1, D2, D4, D5 cover four districts (D3's is covered by D4 despite the revocation).
    assert (district.covered, district.out_of) == (4, len(world["districts"]))
    frontline = levels[FRONTLINE]
    assert (frontline.reached, frontline.certified) == (4, 1)
    assert frontline.out_of is None  # nobody in post reported or registered in a required cadre
    assert [d.pk for d in cascade.districts_without_trainer] == [
        d.pk for d in world["districts"][4:]
    ]


def test_frontline_coverage_uses_people_in_post(world):
    module = world["module"]
    cadre = world["people"]["L1"].cadre
    RequiredTraining.objects.create(cadre=cadre, module=module)
    first, second = world["districts"][:2]
    month = TODAY.replace(day=1)
    PostCount.objects.create(
        state=state("AS"), district=first, cadre=cadre, as_of=month, sanctioned=12,
        filled=10, source=PostCount.Source.FORM,
    )  # fmt: skip
    registered_elsewhere = (
        type(world["people"]["L1"])
        .objects.filter(is_active=True, state=state("AS"), cadre=cadre)
        .exclude(district=first)
        .count()
    )
    cascade = state_cascade(state("AS"))
    frontline = cascade.levels[-1]
    # Posts filled where reported (10), people registered where not.
    assert cascade.in_post == 10 + registered_elsewhere
    assert frontline.out_of == cascade.in_post
    assert frontline.coverage_percent == round(100 * 1 / cascade.in_post)
    assert second  # the registered people of the other districts are counted


def test_thin_spots(world):
    cascade = state_cascade(state("AS"))
    assert [node.name for node in cascade.no_reach] == ["D4 District"]
    assert [(node.name, a.valid_until) for node, a in cascade.expiring] == [
        ("D1 District", TODAY + datetime.timedelta(days=30))
    ]
    by_name = {node.name: node for node in cascade.nodes.values()}
    assert not by_name["D5 District"].no_reach  # accredited ten days ago
    assert by_name["D1 District"].thin
    assert not by_name["D2 District"].thin


def test_expired_and_renewed_accreditations_keep_their_edges(world):
    u = world["u"]
    standard = AccreditationStandard.objects.create(name="Second standard")
    # D2 renewed: the old accreditation names S2 as trainer, the renewal nobody.
    Accreditation.objects.filter(trainer=u["D2"]).update(superseded_at=timezone.now())
    accredit(u["D2"], "district", standard=world["standard"], district=world["districts"][1])
    # D5 also holds an expired accreditation of another standard, trained by S1.
    accredit(
        u["D5"], "district", standard=standard, district=world["districts"][3],
        by=[u["S1"]], valid_days=-5,
    )  # fmt: skip
    nodes = {node.name: node for node in state_cascade(state("AS")).nodes.values()}
    assert [p.name for p in nodes["D2 District"].parents] == ["S1 Core", "S2 Core"]
    assert nodes["D2 District"].accreditation.superseded_at is None
    assert [p.name for p in nodes["D5 District"].parents] == ["S1 Core", "S2 Core"]
    assert nodes["D5 District"].status == "valid"


def test_an_expired_trainer_is_not_counted_valid(world):
    Accreditation.objects.filter(trainer=world["u"]["D1"]).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )
    cascade = state_cascade(state("AS"))
    node = cascade.nodes[world["u"]["D1"].pk]
    assert node.status == "expired"
    assert not node.is_valid
    assert node.thin
    assert node.downstream_trained == 2  # the people they trained still count
    assert cascade.levels[2].trainers == 3
    assert world["districts"][0] in cascade.districts_without_trainer


def test_a_loop_of_trained_by_ends(world):
    u = world["u"]
    a, b = UserFactory(full_name="Loop A"), UserFactory(full_name="Loop B")
    d = world["districts"][5]
    accredit(a, "district", standard=world["standard"], district=d, by=[b])
    accredit(b, "district", standard=world["standard"], district=d, by=[a])
    cohort = cohort_of(world["module"], learners(1))
    session(cohort, a)
    cascade = state_cascade(state("AS"))
    assert cascade.nodes[a.pk].downstream_trained == 1
    rows = [(row.node.name, row.depth) for row in cascade.rows()]
    # A starts the loop (nobody above it); B is below A, and the edge back to A is dropped.
    assert [row for row in rows if row[0].startswith("Loop")] == [("Loop A", 0), ("Loop B", 1)]
    assert u["D1"].pk in cascade.nodes


def test_rows_nest_and_close(world):
    rows = state_cascade(state("AS")).rows(open_depth=1)
    opened = sum(1 for row in rows if row.has_children)
    assert opened == sum(row.closes for row in rows)
    first = rows[0]
    assert (first.node.name, first.depth, first.has_children, first.expand) == (
        "M1 Master",
        0,
        True,
        True,
    )
    s1 = next(row for row in rows if row.node.name == "S1 Core")
    assert (s1.depth, s1.expand) == (1, False)
    # S2 is listed in full under M1 and named under M2.
    s2 = [row for row in rows if row.node.name == "S2 Core"]
    assert [(row.repeat, row.listed_under and row.listed_under.name) for row in s2] == [
        (False, None),
        (True, "M1 Master"),
    ]


# --- The page ---------------------------------------------------------------------------------


def test_coordinator_sees_their_states_tree(client, world):
    client.force_login(coordinator("AS"))
    response = client.get(reverse("trainers:cascade"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "M1 Master" in page
    assert "D2 District" in page
    assert "D3 District" not in page
    assert "Thin spot: accreditation expires within 90 days" in page
    assert "<details open>" in page
    # The nested lists close as they open.
    tree = str(response.context["tree"])
    assert tree.count("<details") == tree.count("</details>") == 4  # M1, S1, S2; M2
    assert tree.count("<ul>") == tree.count("</ul>") == 4
    assert tree.count('<li class="cascade-node') == tree.count("</li>")
    # A coordinator of one state gets no state picker, and another state is 404.
    assert 'name="state"' not in page
    assert client.get(reverse("trainers:cascade"), {"state": "BR"}).status_code == 404


def test_trainer_reads_their_states_cascade(client, world):
    client.force_login(trainer("AS"))
    assert client.get(reverse("trainers:cascade")).status_code == 200
    # The home page leads there.
    home = client.get("/").content.decode()
    assert reverse("trainers:cascade") in home
    assert "Training cascade" in home


def test_the_home_page_offers_the_cascade_only_to_those_who_read_it(client, world):
    officer = make_district_officer(_with_totp(UserFactory()), world["districts"][0])
    for person in (officer, world["people"]["L1"]):
        client.force_login(person)
        assert reverse("trainers:cascade") not in client.get("/").content.decode()


def test_national_admin_picks_a_state(client, world):
    admin = staff(Role.NATIONAL_ADMIN)
    client.force_login(admin)
    page = client.get(reverse("trainers:cascade")).content.decode()
    assert 'name="state"' in page
    assert "M1 Master" not in page
    page = client.get(reverse("trainers:cascade"), {"state": "as"}).content.decode()
    assert "M1 Master" in page
    bihar = client.get(reverse("trainers:cascade"), {"state": "BR"}).content.decode()
    assert "B1 Bihar" in bihar
    assert "M1 Master" in bihar
    assert "S1 Core" not in bihar
    assert client.get(reverse("trainers:cascade"), {"state": "ZZ"}).status_code == 404


def _with_totp(user):
    add_totp(user)
    return user


@pytest.mark.parametrize("who", ["learner", "district_officer", "bihar_coordinator"])
def test_out_of_scope_is_404(client, world, who):
    person = {
        "learner": lambda: world["people"]["L1"],
        "district_officer": lambda: make_district_officer(
            _with_totp(UserFactory()), world["districts"][0]
        ),
        "bihar_coordinator": lambda: coordinator("BR"),
    }[who]()
    client.force_login(person)
    assert client.get(reverse("trainers:cascade"), {"state": "AS"}).status_code == 404
    if who != "bihar_coordinator":
        assert client.get(reverse("trainers:cascade")).status_code == 404


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("trainers:cascade")).status_code == 302


# --- A fixed number of queries ----------------------------------------------------------------


def _grow(*, state_cores: int, per_core: int, learners_each: int) -> None:
    """A master, ``state_cores`` core trainers and ``per_core`` district trainers under each,
    each district trainer with a cohort of ``learners_each`` learners, half certified."""
    module = make_module(lessons=1)
    standard = AccreditationStandard.objects.create(name=f"Standard {uuid.uuid4().hex[:6]}")
    master = UserFactory()
    accredit(master, "national", standard=standard, state_code=None)
    d = districts()
    for core_n in range(state_cores):
        core = UserFactory()
        accredit(core, "state", standard=standard, by=[master])
        for n in range(per_core):
            trainee = UserFactory()
            accredit(
                trainee, "district", standard=standard,
                district=d[(core_n * per_core + n) % len(d)], by=[core],
            )  # fmt: skip
            people = learners(learners_each)
            session(cohort_of(module, people), trainee)
            for person in people[: learners_each // 2]:
                certificate_issue(enrollment_id=completed_enrollment(user=person, module=module).pk)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def test_the_selector_runs_a_fixed_number_of_queries():
    assam = state("AS")
    _grow(state_cores=1, per_core=1, learners_each=2)  # 3 trainers
    small = _count(lambda: state_cascade(assam))
    assert len(state_cascade(assam).nodes) == 3
    _grow(state_cores=3, per_core=2, learners_each=3)  # 10 more: 13 trainers
    cascade = state_cascade(assam)
    assert len(cascade.nodes) == 13
    assert cascade.levels[-1].reached == 2 + 6 * 3
    large = _count(lambda: state_cascade(assam))
    assert small == large == 10


def test_the_page_runs_a_fixed_number_of_queries(client):
    viewer = coordinator("AS")
    client.force_login(viewer)
    url = reverse("trainers:cascade")
    client.get(url)  # the session and the roles settle
    _grow(state_cores=1, per_core=1, learners_each=2)
    small = _count(lambda: client.get(url))
    _grow(state_cores=3, per_core=3, learners_each=2)
    response = client.get(url)
    assert response.content.decode().count('class="cascade-node') >= 14
    large = _count(lambda: client.get(url))
    assert small == large <= 16, (small, large)


def test_national_admin_page_is_fixed_too(client):
    client.force_login(make_role(staff(Role.NATIONAL_ADMIN), Role.NATIONAL_ADMIN))
    url = reverse("trainers:cascade")
    client.get(url, {"state": "AS"})
    _grow(state_cores=1, per_core=1, learners_each=1)
    small = _count(lambda: client.get(url, {"state": "AS"}))
    _grow(state_cores=2, per_core=3, learners_each=1)
    large = _count(lambda: client.get(url, {"state": "AS"}))
    assert small == large <= 16, (small, large)
