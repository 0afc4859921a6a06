"""A level's delivery page: sessions and trainers, pass rates, time to certificate and
languages, in scope, with downloads and a bounded number of queries."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role, User
from reports.services import scorecard_rebuild
from tests.certification.factories import staff
from tests.helpers import captured_statements
from tests.reports.staff_world import add_people, build_world, district_officer
from tests.trainers.factories import make_cohort, trainer
from trainers.models import TrainingSession
from trainers.services import cohort_modules

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_world()
    cohort = make_cohort("AS", learners=1)
    session = TrainingSession.objects.create(
        cohort=cohort, module=cohort_modules(cohort)[0], title="Day 1",
        starts_at=timezone.now() - datetime.timedelta(minutes=30), ends_at=timezone.now(),
    )  # fmt: skip
    session.trainers.add(trainer("AS", group=cohort.trainer_group))
    scorecard_rebuild()
    return world


def tables(response):
    return {table.slug: table for table in response.context["tables"]}


def test_the_nation_and_a_state_show_their_delivery(client, world):
    placed = User.objects.filter(is_active=True, state__isnull=False).count()  # when counted
    client.force_login(staff(Role.NATIONAL_ADMIN))
    response = client.get(reverse("reports:nation_delivery"))
    assert response.status_code == 200
    delivery = tables(response)["delivery"]
    assert [cell.value for cell in delivery.rows[0].cells] == ["Sessions held", 1]
    assert [cell.value for cell in delivery.rows[1].cells] == ["Trainers who ran them", 1]
    durations = tables(response)["time-to-certificate"]
    assert durations.rows[0].cells[0].value == "CP-101"
    assert durations.rows[0].cells[2].value == 3  # three certificates in the world
    languages = {
        row.cells[0].value: row.cells[1].value for row in tables(response)["languages"].rows
    }
    assert languages == {"English": placed}

    bihar = client.get(reverse("reports:state_delivery", args=["BR"]))
    assert tables(bihar)["delivery"].rows[0].cells[1].value == 0


def test_a_table_downloads_with_the_screens_header(client, world):
    client.force_login(staff(Role.NATIONAL_ADMIN))
    response = client.get(
        reverse("reports:state_delivery", args=["AS"]), {"table": "languages", "format": "csv"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Language", "People"]


def test_a_district_officer_reads_their_district_only(client, world):
    client.force_login(district_officer(world["kamrup"]))
    own = client.get(reverse("reports:district_delivery", args=["AS", world["kamrup"].pk]))
    assert own.status_code == 200
    for url in (
        reverse("reports:district_delivery", args=["AS", world["dibrugarh"].pk]),
        reverse("reports:state_delivery", args=["AS"]),
        reverse("reports:nation_delivery"),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("month", ["2026-13", "1999-01", "x", "99999999-01"])
def test_a_bad_month_or_table_is_404(client, world, month):
    client.force_login(staff(Role.NATIONAL_ADMIN))
    url = reverse("reports:nation_delivery")
    assert client.get(url, {"month": month}).status_code == 404
    assert client.get(url, {"table": "nothing", "format": "csv"}).status_code == 404


def test_the_page_costs_a_fixed_number_of_queries(client, world):
    client.force_login(staff(Role.NATIONAL_ADMIN))
    url = reverse("reports:state_delivery", args=["AS"])
    client.get(url)
    with captured_statements() as small:
        client.get(url)
    add_people(module=world["module"], cadre=world["dcpo"], place=world["patna"], trained=2)
    make_cohort("AS", learners=3)
    scorecard_rebuild()
    with captured_statements() as larger:
        client.get(url)
    assert len(small) == len(larger) <= 12
