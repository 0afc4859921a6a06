"""Numbers too large to be a row id (2**70) in URLs, forms and hidden fields answer 404 or a
form error, never a 500: SQLite cannot even be asked about them (OverflowError), PostgreSQL
finds nothing. The suite runs on both."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.urls.converters import IntConverter
from django.utils import timezone

from certification.models import CertificateBatch
from lms.accounts.models import Role, User
from lms.core.ids import MAX_ID, IdConverter, parse_id
from modules.content.models import LessonPage
from modules.learning.models import Enrollment, LessonProgress
from tests.accounts.factories import UserFactory, add_totp, district_of, state
from tests.core.urlwalk import resolver_converters, routes, sample_url
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, make_group, trainer
from trainers.models import (
    Attendance,
    Cohort,
    CohortMember,
    TrainerMembership,
    TrainingSession,
)
from trainers.services import cohort_modules

pytestmark = pytest.mark.django_db

BIG = 2**70
PROJECT = ("lms.", "modules.", "certification.", "trainers.")


def test_parse_id():
    assert parse_id("42") == 42
    assert parse_id(7) == 7
    assert parse_id(str(MAX_ID)) == MAX_ID
    for bad in (str(MAX_ID + 1), str(BIG), BIG, -1, "-1", "", "4 2", "٤٢", "1e3", None, True):
        assert parse_id(bad) is None, bad


def test_the_projects_url_patterns_take_ids_with_the_bounded_converter():
    """Every integer in the project's own URLs is an ``<id:…>`` (a new ``<int:…>`` fails)."""
    unbounded = [
        f"{route} ({name})"
        for route, name, converter, entry in resolver_converters()
        if type(converter) is IntConverter
        and getattr(getattr(entry, "callback", None), "__module__", "").startswith(PROJECT)
    ]
    assert not unbounded, f"use <id:…> instead of <int:…>: {unbounded}"
    assert any(isinstance(c, IdConverter) for _r, _n, c, _e in resolver_converters())


def big_urls(*, project: bool) -> list[str]:
    """Every pattern with a whole-number parameter, each such parameter 2**70."""
    urls = []
    for route in routes():
        kinds = set(re.findall(r"<(\w+):\w+>", route.route))
        if not kinds & {"int", "id"}:
            continue
        if route.callback.__module__.startswith(PROJECT) != project:
            continue
        urls.append(
            sample_url(route.route, lambda kind: str(BIG) if kind in ("int", "id") else None)
        )
    return urls


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    add_totp(user)
    client.force_login(user)
    return client


def test_every_project_url_answers_404_to_a_huge_id(client, admin_client):
    """As a superuser (past every role check) and as a learner, GET and POST."""
    urls = big_urls(project=True)
    assert len(urls) > 30
    learner = client.__class__()
    learner.force_login(UserFactory())
    counts = (Enrollment.objects.count(), Cohort.objects.count(), User.objects.count())
    for who in (admin_client, learner):
        for url in urls:
            # follow: a URL that matches no pattern may first get its slash appended (301).
            assert who.get(url, follow=True).status_code in (404, 405), url
            posted = who.post(url, {"user": str(BIG)}, follow=True)
            assert posted.status_code in (404, 405), url
    assert (Enrollment.objects.count(), Cohort.objects.count(), User.objects.count()) == counts


@pytest.mark.parametrize(
    "path",
    [
        "/_util/authenticate_with_password/{big}/{big}/",
        "/hi/_util/authenticate_with_password/{big}/{big}/",
        "/documents/authenticate_with_password/{big}/",
        "/documents/{big}/report.pdf",
        "/admin/pages/{big}/",
        "/admin/pages/{big}/edit/",
        "/admin/pages/{big}/delete/",
        "/admin/pages/add/modules/trainingmodulepage/{big}/",
        "/admin/images/{big}/",
        "/admin/documents/edit/{big}/",
        "/admin/snippets/certification/certificatetemplate/edit/{big}/",
        "/admin/users/edit/{big}/",
        "/admin/groups/edit/{big}/",
        "/admin/certification/templates/{big}/preview.pdf",
        "/django-admin/accounts/user/{big}/change/",
    ],
)
def test_wagtail_and_django_admin_urls_answer_404_to_a_huge_id(admin_client, path):
    """Wagtail's and Django's own URLs: their ``pk=`` lookups are guarded by Django."""
    url = path.format(big=BIG)
    # The Django admin answers a missing object with a redirect to its index; elsewhere a URL
    # that matches no pattern may first get its slash appended (301).
    django_admin = url.startswith("/django-admin/")
    missing = (302, 404) if django_admin else (404,)
    follow = not django_admin
    assert admin_client.get(url, follow=follow).status_code in missing
    posted = admin_client.post(url, {"password": "x"}, follow=follow)
    assert posted.status_code in (*missing, 405)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/bulk/wagtailcore/page/delete/",
        "/admin/images/chooser/chosen-multiple/",
        "/admin/documents/chooser/chosen-multiple/",
    ],
)
def test_wagtail_lists_of_ids_with_a_huge_one_never_fail(admin_client, path):
    assert admin_client.get(path, {"id": [BIG]}).status_code < 500


# --- Forms and the ids views read themselves ------------------------------------------------


@pytest.fixture
def world():
    group = make_group("AS")
    cohort = make_cohort("AS", group=group, learners=2)
    owner = trainer("AS", group=group)
    member = CohortMember.objects.filter(cohort=cohort).first()
    starts = timezone.now() - datetime.timedelta(days=1)
    session = TrainingSession.objects.create(
        cohort=cohort,
        module=cohort_modules(cohort)[0],
        title="Day 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    return {"group": group, "cohort": cohort, "owner": owner, "member": member, "session": session}


def snapshot() -> tuple:
    return (
        Cohort.objects.count(),
        CohortMember.objects.filter(removed_at__isnull=True).count(),
        TrainerMembership.objects.count(),
        TrainingSession.objects.count(),
        Attendance.objects.count(),
        CertificateBatch.objects.count(),
    )


def test_cohort_form_with_huge_ids_is_invalid(client, world):
    client.force_login(world["owner"])
    before = snapshot()
    data = {
        "name": "Kamrup batch",
        "state": state("AS").pk,
        "district": district_of("AS").pk,
        "trainer_group": world["group"].pk,
        "trainers": [world["owner"].pk],
        "modules": [cohort_modules(world["cohort"])[0].pk],
        "starts_on": "2026-12-01",
        "mode": "blended",
        "status": "planned",
    }
    for field, value in [
        ("state", BIG),
        ("district", BIG),
        ("trainer_group", BIG),
        ("trainers", [BIG]),
        ("modules", [BIG]),
        ("modules", [cohort_modules(world["cohort"])[0].pk, BIG]),
    ]:
        response = client.post(reverse("trainers:cohort_create"), {**data, field: value})
        assert response.status_code == 200, field
        assert field in response.context["form"].errors, field
    assert snapshot() == before


def test_session_form_with_a_huge_module_is_invalid(client, world):
    client.force_login(world["owner"])
    before = snapshot()
    response = client.post(
        reverse("trainers:session_create", args=[world["cohort"].pk]),
        {
            "module": BIG,
            "title": "Day 2",
            "starts_at": "2026-12-01T10:00",
            "ends_at": "2026-12-01T13:30",
            "trainers": [BIG],
        },
    )
    assert response.status_code == 200
    assert "module" in response.context["form"].errors
    assert snapshot() == before


def test_hidden_ids_in_trainer_actions_answer_404(client, world):
    client.force_login(world["owner"])
    cohort, session = world["cohort"], world["session"]
    before = snapshot()
    for url, data in [
        (reverse("trainers:learners_add", args=[cohort.pk]), {"user": [str(BIG)]}),
        (reverse("trainers:remind", args=[cohort.pk]), {"user": [str(BIG)]}),
        (
            reverse("trainers:session_detail", args=[cohort.pk, session.pk]),
            {f"status-{BIG}": "present"},
        ),
        (
            reverse("trainers:group_detail", args=[world["group"].pk]),
            {"action": "remove", "user": str(BIG)},
        ),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert snapshot() == before


def test_huge_filters_in_the_cohort_list_find_nothing(client, world):
    client.force_login(world["owner"])
    response = client.get(reverse("trainers:cohort_list"), {"district": BIG, "module": BIG})
    assert response.status_code == 200
    assert world["cohort"].name not in response.content.decode()


def test_huge_filters_in_the_progress_matrix_are_ignored(client, world):
    client.force_login(world["owner"])
    cohort = world["cohort"]
    filters = {"district": BIG, "cadre": BIG, "module": BIG}
    for name in ("progress", "progress_export"):
        kwargs = {"cohort_id": cohort.pk} | ({"fmt": "csv"} if name == "progress_export" else {})
        response = client.get(reverse(f"trainers:{name}", kwargs=kwargs), filters)
        assert response.status_code == 200, name


def test_district_options_for_a_huge_state_are_empty(client):
    response = client.get(reverse("accounts:district_options"), {"state": BIG})
    assert response.status_code == 200
    assert b"<option" not in response.content.replace(b'<option value="">', b"")


def test_profile_form_with_huge_ids_is_invalid(client):
    user = UserFactory()
    before = (user.cadre_id, user.state_id, user.district_id)
    client.force_login(user)
    for field in ("cadre", "state", "district"):
        data = {
            "full_name": user.full_name,
            "cadre": user.cadre_id,
            "designation": user.designation,
            "state": user.state_id,
            "district": user.district_id,
            "preferred_language": "en",
            "accept_notice": "on",
            field: BIG,
        }
        response = client.post(reverse("accounts:profile"), data)
        assert response.status_code == 200, field
        assert field in response.context["form"].errors, field
    user.refresh_from_db()
    assert (user.cadre_id, user.state_id, user.district_id) == before


def test_a_certificate_batch_for_a_huge_module_answers_404(client):
    admin = UserFactory()
    admin.groups.add(Group.objects.get(name=Role.NATIONAL_ADMIN))
    add_totp(admin)
    client.force_login(admin)
    before = snapshot()
    assert client.post(reverse("certification:batch_create"), {"module": BIG}).status_code == 404
    assert snapshot() == before


def test_a_huge_time_report_counts_no_more_than_a_minute(client):
    module = make_module(lessons=1)
    lesson = LessonPage.objects.child_of(module).live().get()
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("learning:enroll", args=[module.pk]))
    url = reverse("learning:lesson_beacon", args=[lesson.pk])
    assert client.post(url, {"seconds": "0"}).status_code == 200
    response = client.post(url, {"seconds": str(BIG)})
    assert response.status_code in (200, 400)
    assert LessonProgress.objects.get(enrollment__user=user).seconds_spent <= 60
