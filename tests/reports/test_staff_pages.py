"""The staff scorecard pages: the figures each level shows, its tables and their downloads,
the month, the people behind a number, and what a page costs in queries."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from openpyxl import load_workbook

from lms.accounts.models import Role, User
from lms.core.dates import add_months
from lms.geography.models import District
from reports.models import Snapshot
from reports.services import scorecard_rebuild
from tests.accounts.factories import UserFactory
from tests.certification.factories import staff
from tests.helpers import captured_statements
from tests.reports.staff_world import add_people, build_world, district_officer
from tests.trainers.factories import make_cohort
from trainers.services import cohort_members_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def national(client):
    user = staff(Role.NATIONAL_ADMIN)
    client.force_login(user)
    return user


def headline(response) -> dict[str, str]:
    return {figure["label"]: figure["cell"].text for figure in response.context["headline"]}


def table(response, slug):
    return next(t for t in response.context["tables"] if t.slug == slug)


def row_of(table, label):
    return next(row for row in table.rows if row.cells[0].value == label)


def values(row) -> list:
    return [cell.value for cell in row.cells]


def screen_headings(content: str, slug: str) -> list[str]:
    """The column headings of one table as the page shows them."""
    section = content.split(f'id="table-{slug}"', 1)[1]
    thead = section.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return [html.unescape(text) for text in re.findall(r"<th[^>]*>([^<]*)</th>", thead)]


# --- The levels -----------------------------------------------------------------------------


def test_the_nation_shows_every_state_and_the_totals(client, world, national):
    response = client.get(reverse("reports:home"))

    assert response.status_code == 200
    assert headline(response) == {
        "People in post": "8",
        "Registered": "8",
        "Trained": "3",
        "Coverage": "38 %",
        "Expiring in 90 days": "0",
        "Overdue": "5",
    }
    states = table(response, "states")
    assert len(states.rows) >= 36
    assert values(row_of(states, "Assam"))[3] == 6  # registered
    assert values(row_of(states, "Bihar"))[6:9] == [0, 2, 0]  # trained, in post, coverage
    assert row_of(states, "Bihar").lagging
    assert row_of(states, "Assam").url == reverse("reports:state", args=["AS"])
    content = response.content.decode()
    assert "Figures as of" in content
    assert 'href="/reports/states/AS/"' in content
    assert "Lagging" in content
    cadres = table(response, "cadres")
    assert row_of(cadres, world["cwc"].name).url == reverse(
        "reports:nation_cadre", args=["cwc-member"]
    )
    assert [t.slug for t in response.context["tables"]] == ["states", "cadres", "trend"]
    assert len(table(response, "trend").rows) == 12


def test_a_state_shows_its_districts(client, world, national):
    response = client.get(reverse("reports:state", args=["as"]))  # the code in any case

    assert response.status_code == 200
    assert headline(response)["Coverage"] == "50 %"
    assert headline(response)["Trained"] == "3"
    districts = table(response, "districts")
    kamrup = row_of(districts, "Kamrup")
    assert values(kamrup)[1:9] == [5, 4, 5, 4, 2, 2, 5, 40]
    assert kamrup.lagging
    assert kamrup.url == reverse("reports:district", args=["AS", world["kamrup"].pk])
    dibrugarh = row_of(districts, "Dibrugarh")
    assert values(dibrugarh)[6:10] == [1, 1, 100, "No posts reported; estimated from registrations"]
    assert not dibrugarh.lagging
    assert 'href="/reports/states/AS/scorecard.pdf"' in response.content.decode()


def test_a_district_shows_its_cadres_and_the_basis_of_coverage(client, world, national):
    response = client.get(reverse("reports:district", args=["AS", world["kamrup"].pk]))

    assert response.status_code == 200
    assert headline(response) == {
        "People in post": "5",
        "Registered": "5",
        "Trained": "2",
        "Coverage": "40 %",
        "Expiring in 90 days": "0",
        "Overdue": "3",
    }
    assert response.context["headline"][3]["note"] == "Partly estimated from registrations"
    cadres = table(response, "cadres")
    cwc = row_of(cadres, world["cwc"].name)
    assert values(cwc)[1:10] == [5, 4, 4, 3, 2, 2, 4, 50, "Reported posts"]
    dcpo = row_of(cadres, world["dcpo"].name)
    assert values(dcpo)[1:3] == [None, None]  # no posts reported: shown as "—", not 0
    assert values(dcpo)[9] == "No posts reported; estimated from registrations"
    assert dcpo.url == reverse("reports:district_cadre", args=["AS", world["kamrup"].pk, "dcpo"])
    content = response.content.decode()
    assert "estimated from registrations" in content
    assert 'class="lagging"' in content
    # The same district by its LGD code.
    District.objects.filter(pk=world["kamrup"].pk).update(lgd_code=990001)
    by_lgd = client.get(reverse("reports:district", args=["AS", "lgd-990001"]))
    assert by_lgd.status_code == 200
    assert headline(by_lgd) == headline(response)


def test_cadre_pages_at_each_level(client, world, national):
    nation = client.get(reverse("reports:nation_cadre", args=["cwc-member"]))
    state = client.get(reverse("reports:state_cadre", args=["AS", "cwc-member"]))
    district = client.get(
        reverse("reports:district_cadre", args=["AS", world["kamrup"].pk, "cwc-member"])
    )

    assert headline(nation)["Registered"] == "7"
    assert [row.cells[0].value for row in table(nation, "states").rows] == ["Assam", "Bihar"]
    assert table(nation, "states").rows[0].url == reverse(
        "reports:state_cadre", args=["AS", "cwc-member"]
    )
    assert headline(state)["Registered"] == "5"
    kamrup = row_of(table(state, "districts"), "Kamrup")
    assert kamrup.url == reverse(
        "reports:district_cadre", args=["AS", world["kamrup"].pk, "cwc-member"]
    )
    assert headline(district)["Coverage"] == "50 %"
    assert [t.slug for t in district.context["tables"]] == ["modules", "trend"]
    module = table(district, "modules").rows[0]
    assert values(module) == ["CP-101 " + world["module"].title, 3, 2, 2, 0, 2]
    assert "Child Welfare Committee (CWC) member in Kamrup, Assam" in district.content.decode()


def test_sorting_by_coverage_puts_the_lagging_first(client, world, national):
    response = client.get(reverse("reports:state", args=["AS"]), {"sort": "coverage"})

    labels = [row.cells[0].value for row in table(response, "districts").rows]
    assert labels[:2] == ["Kamrup", "Dibrugarh"]  # 40 %, then 100 %; nobody in post last
    by_name = client.get(reverse("reports:state", args=["AS"]))
    names = [row.cells[0].value for row in table(by_name, "districts").rows]
    assert names == sorted(names)


# --- The month --------------------------------------------------------------------------------


def test_a_past_month_shows_its_own_figures(client, world, national):
    last_month = add_months(world["month"], -1)
    scorecard_rebuild(month=last_month)

    response = client.get(reverse("reports:home"), {"month": f"{last_month:%Y-%m}"})

    assert response.status_code == 200
    assert response.context["scorecard"].month == last_month
    # Last month's figures end on its last day (before every certificate of the world).
    expected = Snapshot.objects.get(month=last_month).as_of
    assert expected.day >= 28
    assert f"Figures as of {expected.day} {expected:%B %Y}" in response.content.decode()
    options = response.context["months"]
    assert [value for value, _label in options] == [
        f"{world['month']:%Y-%m}",
        f"{last_month:%Y-%m}",
    ]
    # Links down keep the month.
    assert f'href="/reports/states/AS/?month={last_month:%Y-%m}"' in response.content.decode()


@pytest.mark.parametrize(
    "month",
    [
        "2026-13",
        "2026-00",
        "26-01",
        "2026-1",
        "2026-01-01",
        "abc",
        "0000-01",
        "99999999999999999999-01",
        "\u0661\u0662\u0663\u0664-\u0660\u0661",  # Arabic-Indic digits
        "2026-01\n",
        "1999-01",  # well formed, but no figures
    ],
)
def test_a_month_without_figures_or_malformed_is_404(client, world, national, month):
    snapshots = Snapshot.objects.count()
    for url in (
        reverse("reports:home"),
        reverse("reports:state", args=["AS"]),
        reverse("reports:district_people", args=["AS", world["kamrup"].pk]),
    ):
        assert client.get(url, {"month": month}).status_code == 404
    assert Snapshot.objects.count() == snapshots


# --- Downloads --------------------------------------------------------------------------------


def test_csv_download_has_the_screens_header_and_rows(client, world, national):
    url = reverse("reports:state", args=["AS"])
    page = client.get(url)

    response = client.get(url, {"table": "districts", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    month = f"{world['month']:%Y-%m}"
    assert f'filename="scorecard-as-{month}-districts.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == screen_headings(page.content.decode(), "districts")
    assert rows[0][:4] == ["District", "Posts sanctioned", "Posts filled", "Registered"]
    kamrup = next(row for row in rows if row[0] == "Kamrup")
    assert kamrup[1:9] == ["5", "4", "5", "4", "2", "2", "5", "40"]
    assert len(rows) == 1 + len(table(page, "districts").rows)


def test_xlsx_download_has_a_named_sheet_and_typed_cells(client, world, national):
    url = reverse("reports:district", args=["AS", world["kamrup"].pk])
    page = client.get(url)

    response = client.get(url, {"table": "cadres", "format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    month = f"{world['month']:%Y-%m}"
    assert f"scorecard-as-kamrup-{month}-cadres.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["By cadre"]
    rows = list(workbook["By cadre"].iter_rows(values_only=True))
    assert list(rows[0]) == screen_headings(page.content.decode(), "cadres")
    cwc = next(row for row in rows if row[0] == world["cwc"].name)
    assert cwc[1:10] == (5, 4, 4, 3, 2, 2, 4, 50, "Reported posts")
    assert all(isinstance(value, int) for value in cwc[1:9])
    dcpo = next(row for row in rows if row[0] == world["dcpo"].name)
    assert dcpo[1:3] == (None, None)  # empty cells, not zero and not text


def test_every_table_of_a_page_downloads(client, world, national):
    url = reverse("reports:state_cadre", args=["AS", "cwc-member"])
    page = client.get(url)
    content = page.content.decode()
    for each in page.context["tables"]:
        response = client.get(url, {"table": each.slug, "format": "xlsx"})
        assert response.status_code == 200, each.slug
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [cell.value for cell in sheet[1]] == screen_headings(content, each.slug)
        assert sheet.max_row == 1 + len(each.rows)
    trend = client.get(url, {"table": "trend", "format": "csv"})
    last = list(csv.reader(io.StringIO(trend.content.decode("utf-8-sig"))))[-1]
    assert last[0] == f"{world['month']:%Y-%m}"


@pytest.mark.parametrize(
    "query",
    [
        {"table": "districts", "format": "pdf"},
        {"table": "nothing", "format": "csv"},
        {"format": "csv"},
        {"table": "states", "format": "xlsx"},  # a state page has no states table
    ],
)
def test_unknown_download_is_404(client, world, national, query):
    assert client.get(reverse("reports:state", args=["AS"]), query).status_code == 404


def test_a_cell_that_looks_like_a_formula_is_neutralised(client, world, national):
    cadre = world["cwc"]
    cadre.name = "=HYPERLINK(1)"
    cadre.save(update_fields=["name"])
    response = client.get(reverse("reports:home"), {"table": "cadres", "format": "csv"})
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


# --- People -----------------------------------------------------------------------------------


def test_people_behind_a_number(client, world, national):
    url = reverse("reports:district_people", args=["AS", world["kamrup"].pk])

    overdue = client.get(url, {"show": "overdue"})
    trained = client.get(url, {"show": "trained"})

    assert overdue.status_code == 200
    assert overdue.context["page"].paginator.count == 3
    assert trained.context["page"].paginator.count == 2
    assert len(overdue.context["table"].rows) == 3
    assert "Figures as of" in overdue.content.decode()
    assert client.get(url, {"show": "everyone"}).status_code == 404
    # A page number beyond the last is the last page, never an error.
    assert client.get(url, {"show": "overdue", "page": "99999999999999999999"}).status_code == 200


def test_people_link_to_the_learner_record_only_for_viewers_who_may_open_it(client, world):
    kamrup = world["kamrup"]
    people = add_people(module=world["module"], cadre=world["cwc"], place=kamrup, idle=2)
    scorecard_rebuild()
    cohort = make_cohort("AS", modules=[world["module"]], district=kamrup)
    cohort_members_add(cohort=cohort, users=[people[0]], by=None)
    url = reverse("reports:district_people", args=["AS", kamrup.pk])
    record = reverse("trainers:learner_detail", args=[cohort.pk, people[0].pk])

    client.force_login(staff(Role.COORDINATOR, "AS"))
    response = client.get(url, {"show": "registered"})
    assert f'href="{record}"' in response.content.decode()
    assert client.get(record).status_code == 200
    linked = [row for row in response.context["table"].rows if row.url]
    assert [row.cells[0].value for row in linked] == [people[0].full_name]

    # A district officer reads the cohorts of their district: the record too.
    client.force_login(district_officer(kamrup))
    response = client.get(url, {"show": "registered"})
    assert response.status_code == 200
    assert f'href="{record}"' in response.content.decode()
    assert client.get(record).status_code == 200

    cohort.district = District.objects.filter(state=kamrup.state).exclude(pk=kamrup.pk).first()
    cohort.save(update_fields=["district"])
    response = client.get(url, {"show": "registered"})
    assert response.status_code == 200
    assert record not in response.content.decode()
    assert people[0].full_name in response.content.decode()
    assert client.get(record).status_code == 404


def test_people_download_in_scope(client, world, national):
    url = reverse("reports:state_cadre_people", args=["AS", "cwc-member"])
    page = client.get(url, {"show": "overdue"})

    response = client.get(url, {"show": "overdue", "format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == screen_headings(page.content.decode(), "people")
    assert len(rows) == 1 + 2  # Kamrup's two overdue CWC members; Bihar's are not here
    assert {row[2] for row in rows[1:]} == {"Kamrup"}
    assert "people-overdue" in response["Content-Disposition"]
    workbook = client.get(url, {"show": "overdue", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.title == "People"
    assert sheet.max_row == 3


def test_people_without_email_are_shown_by_their_mobile_number(client, world, national):
    url = reverse("reports:state_cadre_people", args=["AS", "cwc-member"])
    person = client.get(url, {"show": "overdue"}).context["page"].object_list[0].user
    EmailAddress.objects.filter(user=person).delete()
    User.objects.filter(pk=person.pk).update(email=None, phone="+919876543210")

    page = client.get(url, {"show": "overdue"}).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(url, {"show": "overdue", "format": "csv"}).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:2] == ["Name", "Email or mobile number"]
    # A leading "+" is what a spreadsheet would read as a formula: the export neutralises it.
    assert [person.full_name, "'+91 98765 43210"] in [row[:2] for row in rows[1:]]
    assert "+91 98765 43210" in page
    assert "None" not in page
    assert "None" not in {cell for row in rows for cell in row}


# --- Where /reports/ leads, and the navigation ----------------------------------------------------


def test_home_leads_each_reader_to_their_scorecard(client, world):
    client.force_login(staff(Role.COORDINATOR, "AS"))
    response = client.get(reverse("reports:home"), {"month": f"{world['month']:%Y-%m}"})
    assert response.status_code == 302
    assert response["Location"] == f"/reports/states/AS/?month={world['month']:%Y-%m}"

    client.force_login(district_officer(world["kamrup"]))
    response = client.get(reverse("reports:home"))
    assert response["Location"] == reverse("reports:district", args=["AS", world["kamrup"].pk])

    client.force_login(staff(Role.COORDINATOR, "AS", "BR"))
    response = client.get(reverse("reports:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="/reports/states/AS/"' in content
    assert 'href="/reports/states/BR/"' in content

    client.force_login(UserFactory())
    assert client.get(reverse("reports:home")).status_code == 404


def test_the_navigation_offers_the_scorecard_to_its_readers_only(client, world):
    link = f'href="{reverse("reports:home")}"'
    client.force_login(district_officer(world["kamrup"]))
    assert link in client.get(reverse("accounts:profile")).content.decode()
    client.force_login(staff(Role.TRAINER, "AS"))
    assert link not in client.get(reverse("accounts:profile")).content.decode()
    client.force_login(UserFactory())
    assert link not in client.get(reverse("accounts:profile")).content.decode()


# --- Cost ---------------------------------------------------------------------------------------


def _statements(client, url) -> int:
    client.get(url)  # the session's roles are cached from the first request on
    with captured_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements)


def test_pages_cost_a_fixed_number_of_queries(client, world):
    """The national, a state and a district page in ≤ 12 queries (a cadre's in ≤ 13), the
    same at two sizes."""
    coordinator = staff(Role.COORDINATOR, "AS")
    urls = {
        "nation": reverse("reports:home"),
        "state": reverse("reports:state", args=["AS"]),
        "district": reverse("reports:district", args=["AS", world["kamrup"].pk]),
        "cadre": reverse("reports:state_cadre", args=["AS", "cwc-member"]),
    }
    viewers = {"nation": staff(Role.NATIONAL_ADMIN)}

    def costs() -> dict[str, int]:
        counted = {}
        for name, url in urls.items():
            client.force_login(viewers.get(name, coordinator))
            counted[name] = _statements(client, url)
        return counted

    small = costs()
    for place in (world["kamrup"], world["dibrugarh"], world["patna"]):
        add_people(module=world["module"], cadre=world["cwc"], place=place, trained=2, idle=3)
        add_people(module=world["module"], cadre=world["dcpo"], place=place, started=2)
    scorecard_rebuild(month=add_months(world["month"], -1))
    scorecard_rebuild()
    large = costs()

    assert large == small
    # The Trainers section reads the accreditations (one query), and on a state's page also
    # gain by district and trainer and the cascade (``test_trainer_figures``).
    assert large["nation"] <= 13
    assert large["state"] <= 29
    assert large["district"] <= 13
    assert large["cadre"] <= 13


def test_charts_show_the_tables_figures(client, world, national):
    nation = client.get(reverse("reports:home"))
    states = table(nation, "states")
    ((kind, tile_map, chart_id),) = states.charts
    assert kind == "map"
    tiles = {tile.code: tile.text for tile in tile_map.tiles}
    assert tiles["AS"] == row_of(states, "Assam").cells[8].text == "50 %"
    content = nation.content.decode()
    assert f'id="{chart_id}-title"' in content
    assert "<svg" in content

    state = client.get(reverse("reports:state", args=["AS"]))
    ((kind, bars, _id),) = table(state, "districts").charts
    assert kind == "bars"
    assert {bar.label: bar.text for bar in bars.bars}["Kamrup"] == "40 %"
    trend = table(state, "trend")
    coverage, certificates = (chart for _kind, chart, _id in trend.charts)
    assert [point.text for point in coverage.points] == [row.cells[1].text for row in trend.rows]
    assert certificates.points[-1].text == "3"  # this month's three certificates in Assam


def test_a_page_in_hindi(client, world):
    client.force_login(staff(Role.NATIONAL_ADMIN, preferred_language="hi"))
    response = client.get(reverse("reports:state", args=["AS"]))
    assert response.status_code == 200
    assert '<html lang="hi"' in response.content.decode()
    download = client.get(
        reverse("reports:state", args=["AS"]), {"table": "districts", "format": "xlsx"}
    )
    assert download.status_code == 200


def test_breadcrumbs_lead_only_where_the_reader_may_go(client, world):
    url = reverse("reports:district_cadre", args=["AS", world["kamrup"].pk, "cwc-member"])
    client.force_login(staff(Role.COORDINATOR, "AS"))
    crumbs = client.get(url).context["breadcrumbs"]
    assert [label for label, _url in crumbs] == ["Assam", "Kamrup"]
    client.force_login(district_officer(world["kamrup"]))
    response = client.get(url)
    assert [label for label, _url in response.context["breadcrumbs"]] == ["Kamrup"]
    assert 'href="/reports/states/AS/"' not in response.content.decode()
    assert '<span aria-current="page">' in response.content.decode()


def test_a_rows_numbers_lead_to_its_people(client, world, national):
    response = client.get(reverse("reports:state", args=["AS"]))
    people = reverse("reports:district_people", args=["AS", world["kamrup"].pk])

    assert f'href="{people}?show=overdue"' in response.content.decode()
    assert f'href="{people}?show=trained"' in response.content.decode()
    listed = client.get(people, {"show": "overdue"})
    assert listed.context["page"].paginator.count == 3
    assert headline(client.get(people.removesuffix("people/")))["Overdue"] == "3"


def test_a_people_list_costs_the_same_at_any_size(client, world):
    kamrup = world["kamrup"]
    make_cohort("AS", modules=[world["module"]], district=kamrup)
    client.force_login(staff(Role.COORDINATOR, "AS"))
    url = reverse("reports:district_people", args=["AS", kamrup.pk]) + "?show=registered"
    small = _statements(client, url)
    people = add_people(module=world["module"], cadre=world["cwc"], place=kamrup, idle=60)
    cohort = make_cohort("AS", modules=[world["module"]], district=kamrup)
    cohort_members_add(cohort=cohort, users=people[:30], by=None)
    scorecard_rebuild()
    large = _statements(client, url)
    assert large == small
    assert large <= 12
