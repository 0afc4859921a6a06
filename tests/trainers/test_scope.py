"""The scope matrix: every URL of the trainers app, for people who must not reach another
state's cohort. The URL list is read from the app's URLconf, so a new page is covered the day
it is added (a parameter this test does not know fails it)."""

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from certification.models import Certificate, CertificateBatch
from lms.geography.models import District
from tests.accounts.factories import (
    UserFactory,
    add_totp,
    district_of,
    make_district_officer,
    state,
)
from tests.helpers import captured_statements
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers import urls as trainer_urls
from trainers.models import (
    Accreditation,
    AccreditationStandard,
    Attendance,
    Cohort,
    CohortImport,
    CohortMember,
    TrainerMembership,
    TrainingSession,
)
from trainers.services import cohort_members_add, cohort_modules

pytestmark = pytest.mark.django_db

#: Pages that are not about one cohort or group: they answer, but only with the viewer's own
#: state's data (checked separately below).
UNSCOPED = {
    "cohort_list",
    "cohort_create",
    "group_list",
    "group_create",
    "cascade",
    "accreditation_list",
    "evidence",
}
#: Pages of the state's coordinators (and accredited lead trainers), not of a cohort's
#: trainers.
COORDINATOR_PAGES = {
    "group_detail",
    "accreditation_detail",
    "accreditation_renew",
    "accreditation_revoke",
}

#: The pages that only show a cohort: a district officer of its district reads them. Every
#: other URL of the app changes something (or leads to a change: the import's pages, the
#: learner search of "Add learners", the session form) and is 404 to them.
READ_PAGES = {
    "cohort_detail",
    "progress",
    "learner_detail",
    "session_list",
    "session_detail",
    "attendance_sheet",
    "progress_export",
    "certificates_export",
    "attendance_export",
    "cohort_evidence",
}


@dataclass(frozen=True)
class Route:
    name: str
    #: The URL's parameters, those of the includes it sits in with its own.
    params: frozenset[str]


def patterns(urlpatterns=None, params: frozenset[str] = frozenset()) -> list[Route]:
    """Every named URL of the app, the cohort's pages included below their prefix."""
    routes = []
    for entry in trainer_urls.urlpatterns if urlpatterns is None else urlpatterns:
        found = params | set(entry.pattern.converters)
        if isinstance(entry, URLResolver):
            routes += patterns(entry.url_patterns, found)
        elif isinstance(entry, URLPattern) and entry.name:
            routes.append(Route(entry.name, found))
    return routes


@pytest.fixture
def assam():
    """An Assam cohort of one district with a member, a session with attendance and an
    import."""
    group = make_group("AS")
    cohort = make_cohort("AS", group=group, learners=2, district=district_of("AS"))
    member = CohortMember.objects.filter(cohort=cohort).first()
    starts = timezone.now() - datetime.timedelta(days=1)
    session = TrainingSession.objects.create(
        cohort=cohort,
        module=cohort_modules(cohort)[0],
        title="Day 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    Attendance.objects.create(session=session, user=member.user, status="present")
    owner = trainer("AS", group=group)
    upload = CohortImport.objects.create(cohort=cohort, created_by=owner, filename="x.csv")
    standard = AccreditationStandard.objects.create(name="Scope standard")
    accredited = Accreditation.objects.create(
        code="0123456789ABCDEF",
        trainer=owner,
        trainer_name="Owner",
        standard=standard,
        level=Accreditation.Level.STATE,
        state=cohort.state,
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    return {
        "accreditation": accredited,
        "group": group,
        "cohort": cohort,
        "member": member,
        "session": session,
        "import": upload,
        "owner": owner,
    }


def district_officer_of(district):
    officer = make_district_officer(UserFactory(state=district.state), district)
    add_totp(officer)
    return officer


def kwargs_for(pattern: Route, objects) -> dict:
    values = {
        "cohort_id": objects["cohort"].pk,
        "group_id": objects["group"].pk,
        "session_id": objects["session"].pk,
        "user_id": objects["member"].user_id,
        "import_id": objects["import"].pk,
        "accreditation_id": objects["accreditation"].pk,
        "fmt": "csv",
        "kind": "progress",
    }
    names = sorted(pattern.params)
    unknown = set(names) - set(values)
    assert not unknown, f"{pattern.name}: teach this test the parameters {unknown}"
    return {name: values[name] for name in names}


def snapshot() -> dict:
    """What a write URL could change."""
    return {
        "members": CohortMember.objects.filter(removed_at__isnull=True).count(),
        "attendance": list(Attendance.objects.values_list("user_id", "status")),
        "sessions": list(TrainingSession.objects.values_list("pk", "title", "starts_at")),
        "cohorts": list(Cohort.objects.order_by("pk").values_list("pk", "name", "status")),
        "imports": list(CohortImport.objects.values_list("pk", "status")),
        "certificates": Certificate.objects.count(),
        "batches": CertificateBatch.objects.count(),
        "trainers": TrainerMembership.objects.count(),
        "accreditations": list(
            Accreditation.objects.values_list("pk", "revoked_at", "superseded_at")
        ),
    }


#: What every POST of the matrix sends: enough for any of the app's forms to act.
POSTED_FIELDS = {
    "status": "absent",
    "reason": "x",
    "name": "Changed",
    "action": "remove",
    "email": "someone@example.org",
    "title": "Changed",
    "all_at_risk": "1",
}


def posted(objects) -> dict:
    user_id = objects["member"].user_id
    return {**POSTED_FIELDS, "user": [user_id], f"status-{user_id}": "absent"}


def scoped_urls(objects) -> list[tuple[str, str]]:
    return [
        (p.name, reverse(f"trainers:{p.name}", kwargs=kwargs_for(p, objects)))
        for p in patterns()
        if p.name not in UNSCOPED
    ]


@pytest.mark.parametrize(
    "who", ["bihar_trainer", "bihar_coordinator", "learner", "district_officer_elsewhere"]
)
def test_every_cohort_url_is_404_out_of_scope(client, assam, who):
    person = {
        "bihar_trainer": lambda: trainer("BR"),
        "bihar_coordinator": lambda: coordinator("BR"),
        "learner": lambda: assam["member"].user,
        "district_officer_elsewhere": lambda: district_officer_of(
            District.objects.filter(state__code="AS", is_active=True)
            .exclude(pk=assam["cohort"].district_id)
            .first()
        ),
    }[who]()
    client.force_login(person)
    before = snapshot()
    urls = scoped_urls(assam)
    assert len(urls) >= 8
    for name, url in urls:
        # A POST-only action answers GET with 405 (and a GET-only page answers POST with
        # 405) whatever the id: that tells nothing. Every URL answers 404 to one of the two.
        got = client.get(url).status_code
        sent = client.post(url, posted(assam)).status_code
        assert {got, sent} <= {404, 405}, f"{name}: GET {got}, POST {sent}"
        assert 404 in (got, sent), f"{name}: GET {got}, POST {sent}"
    assert snapshot() == before


def test_the_cohorts_own_trainer_and_coordinator_reach_every_page(client, assam):
    for person in (assam["owner"], coordinator("AS")):
        client.force_login(person)
        for name, url in scoped_urls(assam):
            if name in COORDINATOR_PAGES and person == assam["owner"]:
                continue  # coordinators manage groups; trainers only see them listed
            response = client.get(url)  # POST-only actions answer 405
            assert response.status_code in (200, 302, 405), f"GET {name}: {response.status_code}"


def test_unscoped_pages_show_only_the_viewers_state(client, assam):
    bihar = make_cohort("BR", name="Patna batch")
    client.force_login(trainer("BR"))
    page = client.get(reverse("trainers:cohort_list")).content.decode()
    assert "Patna batch" in page
    assert assam["cohort"].name not in page
    groups = client.get(reverse("trainers:group_list")).content.decode()
    assert assam["group"].name not in groups
    assert bihar.trainer_group.name in groups


def test_learners_and_visitors_have_no_workspace(client, assam):
    for name in UNSCOPED:
        url = reverse(f"trainers:{name}")
        client.force_login(UserFactory())
        assert client.get(url).status_code == 404
        client.logout()
        assert client.get(url).status_code == 302  # to the login page


def test_an_import_of_another_cohort_is_404(client, assam):
    mine = make_cohort("AS", group=assam["group"])
    client.force_login(assam["owner"])
    names = [p.name for p in patterns() if "import_id" in p.params]
    for name in names:
        url = reverse(
            f"trainers:{name}", kwargs={"cohort_id": mine.pk, "import_id": assam["import"].pk}
        )
        assert client.get(url).status_code in (404, 405)
        url = reverse(f"trainers:{name}", kwargs={"cohort_id": mine.pk, "import_id": uuid.uuid4()})
        assert client.get(url).status_code in (404, 405)


def test_a_session_of_another_cohort_is_404(client, assam):
    mine = make_cohort("AS", group=assam["group"])
    client.force_login(assam["owner"])
    names = [p.name for p in patterns() if "session_id" in p.params]
    assert names
    for name in names:
        url = reverse(
            f"trainers:{name}", kwargs={"cohort_id": mine.pk, "session_id": assam["session"].pk}
        )
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {f"status-{assam['member'].user_id}": "absent"}).status_code in (
            404,
            405,
        )
    assert Attendance.objects.get().status == "present"


def test_a_learner_of_another_cohort_is_404(client, assam):
    other = make_cohort("AS", group=assam["group"], learners=1)
    stranger = CohortMember.objects.get(cohort=other).user
    client.force_login(assam["owner"])
    names = [p.name for p in patterns() if "user_id" in p.params]
    assert names
    for name in names:
        url = reverse(
            f"trainers:{name}", kwargs={"cohort_id": assam["cohort"].pk, "user_id": stranger.pk}
        )
        assert client.get(url).status_code in (404, 405)
        assert client.post(url).status_code == 404
    assert CohortMember.objects.get(cohort=other).removed_at is None
    assert state("AS") == assam["cohort"].state


# --- A district officer reads their district's cohorts, and changes nothing -------------------


def write_urls(objects) -> list[tuple[str, str]]:
    """Every URL of the app but the read pages (the unscoped ones included)."""
    return [
        (p.name, reverse(f"trainers:{p.name}", kwargs=kwargs_for(p, objects)))
        for p in patterns()
        if p.name not in READ_PAGES and p.name not in {"cohort_list", "evidence"}
    ]


def test_the_district_officer_of_the_cohorts_district_reads_it_and_changes_nothing(
    client, assam, mailoutbox
):
    officer = district_officer_of(assam["cohort"].district)
    client.force_login(officer)
    before = snapshot()
    reads = [(name, url) for name, url in scoped_urls(assam) if name in READ_PAGES]
    assert {name for name, _url in reads} == READ_PAGES
    for name, url in reads:
        assert client.get(url).status_code == 200, f"GET {name}"
        # A read page changes nothing when posted to: the attendance grid refuses (404), the
        # drill-down answers 405, the others show the page again.
        sent = client.post(url, posted(assam)).status_code
        assert sent in (200, 404, 405), f"POST {name}: {sent}"
        if name == "session_detail":
            assert sent == 404
    writes = write_urls(assam)
    assert len(writes) >= 15
    for name, url in writes:
        got = client.get(url).status_code
        sent = client.post(url, posted(assam)).status_code
        assert {got, sent} <= {404, 405}, f"{name}: GET {got}, POST {sent}"
        assert 404 in (got, sent), f"{name}: GET {got}, POST {sent}"
    assert snapshot() == before
    assert mailoutbox == []


def test_read_pages_offer_no_write_action_to_a_district_officer(client, assam):
    reads = [(name, url) for name, url in scoped_urls(assam) if name in READ_PAGES]
    pages = [url for name, url in reads if "export" not in name]
    writes = {url for _name, url in write_urls(assam) if "group" not in _name}

    def offered(person) -> set[str]:
        client.force_login(person)
        found = set()
        for url in pages:
            content = client.get(url).content.decode()
            found |= {write for write in writes if f'"{write}' in content}
        return found

    # The cohort's own trainer is offered the actions (so this test can fail) ...
    assert {
        reverse("trainers:cohort_edit", args=[assam["cohort"].pk]),
        reverse("trainers:remind", args=[assam["cohort"].pk]),
        reverse("trainers:issue_certificates", args=[assam["cohort"].pk]),
        reverse("trainers:session_edit", args=[assam["cohort"].pk, assam["session"].pk]),
    } <= offered(assam["owner"])
    # ... the district officer none of them, nor the attendance grid's radio buttons.
    officer = district_officer_of(assam["cohort"].district)
    assert offered(officer) == set()
    client.force_login(officer)
    session = reverse("trainers:session_detail", args=[assam["cohort"].pk, assam["session"].pk])
    content = client.get(session).content.decode()
    assert 'type="radio"' not in content
    assert "Present" in content  # the mark, read only
    assert "Read only" in content


def test_a_district_officer_reaches_no_cohort_without_their_district(client, assam):
    """A cohort of their state that names no district, or another district, is 404."""
    officer = district_officer_of(assam["cohort"].district)
    elsewhere = (
        District.objects.filter(state__code="AS", is_active=True)
        .exclude(pk=assam["cohort"].district_id)
        .first()
    )
    unplaced = make_cohort("AS", group=assam["group"])
    other = make_cohort("AS", group=assam["group"], district=elsewhere)
    client.force_login(officer)
    for cohort in (unplaced, other):
        for name in ("cohort_detail", "progress", "session_list", "attendance_sheet"):
            assert client.get(reverse(f"trainers:{name}", args=[cohort.pk])).status_code == 404


def test_a_district_officer_lists_only_their_districts_cohorts(client, assam):
    district = assam["cohort"].district
    elsewhere = (
        District.objects.filter(state__code="AS", is_active=True).exclude(pk=district.pk).first()
    )
    make_cohort("AS", group=assam["group"], name="Unplaced batch")
    make_cohort("AS", group=assam["group"], name="Elsewhere batch", district=elsewhere)
    make_cohort("BR", name="Patna batch")
    mine = make_cohort("AS", group=assam["group"], name="Second batch", district=district)
    client.force_login(district_officer_of(district))

    response = client.get(reverse("trainers:cohort_list"))

    assert response.status_code == 200
    assert {c.pk for c in response.context["page"].object_list} == {assam["cohort"].pk, mine.pk}
    assert list(response.context["districts"]) == [district]
    assert response.context["totals"]["cohorts"] == 2
    content = response.content.decode()
    for name in ("Unplaced batch", "Elsewhere batch", "Patna batch"):
        assert name not in content
    assert reverse("trainers:cohort_create") not in content
    assert reverse("trainers:group_list") not in content
    # Filtering by another district finds nothing.
    other = client.get(reverse("trainers:cohort_list"), {"district": elsewhere.pk})
    assert list(other.context["page"].object_list) == []


def test_the_cohort_list_of_a_district_officer_runs_a_fixed_number_of_queries(client, assam):
    district = assam["cohort"].district
    officer = district_officer_of(district)
    client.force_login(officer)
    url = reverse("trainers:cohort_list")
    client.get(url)  # the session's first request primes its caches

    def statements() -> int:
        with captured_statements() as found:
            assert client.get(url).status_code == 200
        return len(found)

    small = statements()
    for _ in range(6):
        make_cohort("AS", group=assam["group"], learners=2, district=district)
    large = statements()

    assert len(client.get(url).context["page"].object_list) == 7
    assert large == small
    assert small <= 15


def test_a_district_officer_reads_only_the_people_of_their_district_in_its_cohorts(client, assam):
    """A cohort held in the officer's district may train people of other districts of the
    state: every list, count, drill-down and download of theirs leaves those people out."""
    cohort = assam["cohort"]
    elsewhere = (
        District.objects.filter(state__code="AS", is_active=True)
        .exclude(pk=cohort.district_id)
        .first()
    )
    visitor = UserFactory(state=cohort.state, district=elsewhere, full_name="Outsider Borah")
    cohort_members_add(cohort=cohort, users=[visitor], by=None)
    mine = CohortMember.objects.filter(cohort=cohort, user__district=cohort.district)
    names = [m.user.full_name for m in mine.select_related("user")]
    assert len(names) == 2
    args = [cohort.pk]
    pages = {
        "cohort_detail": reverse("trainers:cohort_detail", args=args),
        "progress": reverse("trainers:progress", args=args),
        "attendance_sheet": reverse("trainers:attendance_sheet", args=args),
        "progress_export": reverse("trainers:progress_export", args=[cohort.pk, "csv"]),
        "attendance_export": reverse("trainers:attendance_export", args=[cohort.pk, "csv"]),
    }
    drill_down = reverse("trainers:learner_detail", args=[cohort.pk, visitor.pk])

    def read(person) -> dict[str, str]:
        client.force_login(person)
        return {name: client.get(url).content.decode() for name, url in pages.items()}

    # The cohort's trainer sees the visitor everywhere (so this test can fail) ...
    for name, content in read(assam["owner"]).items():
        assert "Outsider Borah" in content, name
    assert client.get(drill_down).status_code == 200
    listed = client.get(reverse("trainers:cohort_list")).context
    assert listed["page"].object_list[0].learners == 3
    # ... the district officer nowhere, and the drill-down of the visitor is 404.
    officer = district_officer_of(cohort.district)
    for name, content in read(officer).items():
        assert "Outsider Borah" not in content, name
        for own in names:
            assert own in content, (name, own)
    assert client.get(drill_down).status_code == 404
    mine_drill_down = reverse("trainers:learner_detail", args=[cohort.pk, mine[0].user_id])
    assert client.get(mine_drill_down).status_code == 200
    listed = client.get(reverse("trainers:cohort_list")).context
    assert listed["page"].object_list[0].learners == 2
    assert listed["totals"]["people"] == 2
