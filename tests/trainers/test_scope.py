"""The scope matrix: every URL of the trainers app, for people who must not reach another
state's cohort. The URL list is read from the app's URLconf, so a new page is covered the day
it is added (a parameter this test does not know fails it)."""

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from lms.geography.models import District
from tests.accounts.factories import UserFactory, add_totp, make_district_officer, state
from tests.trainers.factories import coordinator, make_cohort, make_group, trainer
from trainers import urls as trainer_urls
from trainers.models import Attendance, CohortImport, CohortMember, TrainingSession
from trainers.services import cohort_modules

pytestmark = pytest.mark.django_db

#: Pages that are not about one cohort or group: they answer, but only with the viewer's own
#: state's data (checked separately below).
UNSCOPED = {"cohort_list", "cohort_create", "group_list", "group_create"}


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
    """An Assam cohort with a member, a session with attendance and an import."""
    group = make_group("AS")
    cohort = make_cohort("AS", group=group, learners=2)
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
    return {
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
        "fmt": "csv",
        "kind": "progress",
    }
    names = sorted(pattern.params)
    unknown = set(names) - set(values)
    assert not unknown, f"{pattern.name}: teach this test the parameters {unknown}"
    return {name: values[name] for name in names}


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
    before = {
        "members": CohortMember.objects.filter(removed_at__isnull=True).count(),
        "attendance": list(Attendance.objects.values_list("user_id", "status")),
        "sessions": TrainingSession.objects.count(),
    }
    urls = scoped_urls(assam)
    assert len(urls) >= 8
    for name, url in urls:
        # A POST-only action answers GET with 405 (and a GET-only page answers POST with
        # 405) whatever the id: that tells nothing. Every URL answers 404 to one of the two.
        got = client.get(url).status_code
        response = client.post(
            url,
            {
                "user": [assam["member"].user_id],
                "status": "absent",
                f"status-{assam['member'].user_id}": "absent",
                "reason": "x",
                "name": "Changed",
                "action": "remove",
            },
        )
        posted = response.status_code
        assert {got, posted} <= {404, 405}, f"{name}: GET {got}, POST {posted}"
        assert 404 in (got, posted), f"{name}: GET {got}, POST {posted}"
    after = {
        "members": CohortMember.objects.filter(removed_at__isnull=True).count(),
        "attendance": list(Attendance.objects.values_list("user_id", "status")),
        "sessions": TrainingSession.objects.count(),
    }
    assert after == before


def test_the_cohorts_own_trainer_and_coordinator_reach_every_page(client, assam):
    for person in (assam["owner"], coordinator("AS")):
        client.force_login(person)
        for name, url in scoped_urls(assam):
            if name == "group_detail" and person == assam["owner"]:
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
