"""The public scorecard: anonymous pages and open data, with small numbers hidden so that no
hidden number can be worked out from the numbers shown."""

from __future__ import annotations

import csv
import io
import random
from fractions import Fraction
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone

from certification.services import certificate_issue
from lms.accounts.models import Cadre
from lms.core.dates import add_months
from lms.geography.models import District, State
from lms.workforce.models import PostCount
from modules.content.models import RequiredTraining
from reports import charts, public, selectors
from reports.models import CadreCell, Snapshot
from reports.services import cell_key, scorecard_rebuild
from tests.accounts.factories import UserFactory
from tests.certification.factories import completed_enrollment
from tests.helpers import captured_statements
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db

MEASURES = ("people_in_post", "trained")


# --- Data -------------------------------------------------------------------------------------


@pytest.fixture
def people():
    """Real people, trained and not, in Assam and Bihar: some cells of 1 to 4."""
    rng = random.Random(5)
    cadres = list(Cadre.objects.filter(slug__in=["cwc-member", "dcpo", "social-worker"]))
    module = make_module(lessons=1, code="CP-101", certificate_validity_months=12)
    for cadre in cadres:
        RequiredTraining.objects.create(cadre=cadre, module=module, within_months=2)
    districts = list(District.objects.filter(state__code__in=["AS", "BR"], is_active=True)[:4])
    month = timezone.localdate().replace(day=1)
    PostCount.objects.create(
        state_id=districts[0].state_id, district=districts[0], cadre=cadres[0], as_of=month,
        sanctioned=12, filled=9, source=PostCount.Source.FORM,
    )  # fmt: skip
    everyone = []
    for number in range(24):
        district = districts[number % 3] if number < 21 else districts[3]
        person = UserFactory(
            full_name=f"Zebediah Quux{number}",
            email=f"secret.person{number}@example.org",
            cadre=cadres[number % len(cadres)],
            state=district.state,
            district=district,
        )
        everyone.append(person)
        if rng.random() < 0.5:
            certificate_issue(enrollment_id=completed_enrollment(user=person, module=module).pk)
    scorecard_rebuild()
    return everyone


def generate_cells(*, seed: int, states: int = 6, districts: int = 4, months: int = 2):
    """Rollup cells straight away (what the rebuild would write), sized at will: many cells
    of 1 to 4 people, some of none, some with posts reported."""
    rng = random.Random(seed)
    cadres = list(Cadre.objects.order_by("pk")[:4])
    chosen = list(State.objects.filter(districts__isnull=False).distinct().order_by("code"))
    chosen = chosen[:states]
    this_month = timezone.localdate().replace(day=1)
    now = timezone.now()
    cells = []
    for back in range(months):
        month = add_months(this_month, -back)
        Snapshot.objects.create(month=month, rebuilt_at=now, as_of=month, updated_at=now)
        for state in chosen:
            places = [*state.districts.order_by("pk")[:districts], None]
            for district in places:
                for cadre in cadres:
                    if rng.random() < 0.2:
                        continue
                    registered = rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 14, 30])
                    filled = rng.choice([None, None, registered, registered + rng.randint(0, 3)])
                    cells.append(
                        CadreCell(
                            key=cell_key(month, (state.pk, district and district.pk, cadre.pk)),
                            month=month, state=state, district=district, cadre=cadre,
                            posts_sanctioned=None if filled is None else filled + 1,
                            posts_filled=filled, required_modules=1, registered=registered,
                            started=registered, trained=rng.randint(0, registered),
                        )
                    )  # fmt: skip
    CadreCell.objects.bulk_create(cells)
    return chosen


# --- Reading the open data back ---------------------------------------------------------------


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows
    assert list(rows[0]) == list(public.CSV_COLUMNS)
    return rows


def sums_of(rows: list[dict]) -> list[tuple[tuple, list[tuple]]]:
    """Every sum the CSV's rows make, read from the CSV alone: (total, [parts]) by row ids.
    A state's cadres and its districts each add up to the state; the states and the cadres to
    the nation; each cadre of the nation is the sum of that cadre in every state."""
    ids = {}
    for index, row in enumerate(rows):
        ids.setdefault(row["level"], {})
        ids[row["level"]][(row["state_code"], row["district_id"], row["cadre_code"])] = index
    nation = next(iter(ids.get("nation", {}).values()), None)
    sums = []
    states = ids.get("state", {})
    if nation is not None:
        sums.append((nation, list(states.values())))
        sums.append((nation, list(ids.get("cadre", {}).values())))
        for (_s, _d, cadre), index in ids.get("cadre", {}).items():
            parts = [i for (s, d, c), i in ids.get("state_cadre", {}).items() if c == cadre]
            sums.append((index, parts))
    for (state, _d, _c), index in states.items():
        for level in ("state_cadre", "district"):
            parts = [i for (s, d, c), i in ids.get(level, {}).items() if s == state]
            sums.append((index, parts))
    return [(total, parts) for total, parts in sums if parts]


def determined(sums, unknown: set[int]) -> set[int]:
    """The unknowns that the sums fix exactly (exact rational Gauss-Jordan elimination,
    written apart from the code under test)."""
    order = sorted(unknown)
    matrix = []
    for total, parts in sums:
        row = {i: Fraction(0) for i in order}
        for part in parts:
            if part in unknown:
                row[part] += 1
        if total in unknown:
            row[total] -= 1
        if any(row.values()):
            matrix.append([row[i] for i in order])
    pivot_rows = []
    rank = 0
    for col in range(len(order)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [v / lead for v in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col]:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivot_rows.append(rank)
        rank += 1
    return {order[row.index(1)] for row in matrix[:rank] if sum(1 for v in row if v) == 1}


def assert_nothing_recoverable(rows: list[dict]) -> int:
    """No hidden count can be worked out from the shown counts and the sums between them:
    not by subtracting from one total (no sum lacks exactly one number) nor by combining
    sums (the exact solution of the whole system fixes none). Returns how many are hidden."""
    sums = sums_of(rows)
    hidden_count = 0
    for measure in MEASURES:
        unknown = {i for i, row in enumerate(rows) if row[measure] == public.HIDDEN}
        hidden_count += len(unknown)
        for total, parts in sums:
            missing = [i for i in (total, *parts) if i in unknown]
            assert len(missing) != 1, (measure, rows[missing[0]])
            if not missing:  # the sums are real: shown numbers add up
                assert int(rows[total][measure]) == sum(int(rows[i][measure]) for i in parts)
        assert not determined(sums, unknown), measure
        for row in rows:  # no shown count describes 1 to 4 people
            if row[measure] != public.HIDDEN:
                assert not 0 < int(row[measure]) < public.THRESHOLD, row
    for row in rows:
        if row["coverage_percent"] not in ("", public.HIDDEN):
            assert row["people_in_post"] != public.HIDDEN
            assert row["trained"] != public.HIDDEN
            assert int(row["people_in_post"]) >= public.THRESHOLD
    return hidden_count


class Tables(HTMLParser):
    """The page's table rows as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_rows(response) -> list[list[str]]:
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.rows


def as_page_text(value: str, *, coverage: bool = False) -> str:
    if value == public.HIDDEN:
        return "hidden"
    if coverage:
        return f"{value}%" if value else None
    return value


# --- Tests --------------------------------------------------------------------------------------


def test_the_page_opens_for_anyone_and_the_footer_links_to_it(client, people):
    response = client.get("/scorecard/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Child-protection workforce: India" in body
    assert 'href="/scorecard/AS/"' in body  # the tile of Assam, and its row
    assert "<svg" in body
    assert "<title>" in body
    assert 'href="/scorecard/data.csv?month=' in body
    assert 'href="/scorecard/"' in client.get("/accounts/login/").content.decode()
    state = client.get("/scorecard/AS/")
    assert state.status_code == 200
    assert "Child-protection workforce: Assam" in state.content.decode()


def test_no_name_or_email_anywhere(client, people):
    addresses = [
        "/scorecard/", "/scorecard/data.csv", "/scorecard/data.json",
        "/scorecard/AS/", "/scorecard/AS/data.csv", "/scorecard/AS/data.json",
        "/scorecard/BR/", "/scorecard/BR/data.csv", "/scorecard/BR/data.json",
    ]  # fmt: skip
    for address in addresses:
        body = client.get(address).content.decode()
        for person in people:
            assert person.full_name not in body, address
            assert person.email not in body, address
        assert "Zebediah" not in body
        assert "secret.person" not in body
        assert "@" not in body


def test_small_cells_are_hidden_on_real_data(client, people):
    rows = read_csv(client.get("/scorecard/data.csv"))
    assert assert_nothing_recoverable(rows) > 0
    # Every count of 1 to 4 people (as the staff scorecard counts it) is hidden.
    for state_row in selectors.national().rows:
        if state_row.obj is None or not state_row.figures.registered:
            continue
        for cadre_row in selectors.state_scorecard(state=state_row.obj).by_cadre:
            published = next(
                row for row in rows
                if row["level"] == "state_cadre" and row["state_code"] == state_row.key
                and row["cadre_code"] == cadre_row.key
            )  # fmt: skip
            if 0 < cadre_row.figures.in_post < public.THRESHOLD:
                assert published["people_in_post"] == published["trained"] == public.HIDDEN
            if 0 < cadre_row.figures.trained < public.THRESHOLD:
                assert published["trained"] == public.HIDDEN


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_no_hidden_number_can_be_worked_out_from_the_csv(client, seed):
    generate_cells(seed=seed)
    rows = read_csv(client.get("/scorecard/data.csv"))
    assert {row["level"] for row in rows} == {
        "nation", "cadre", "state", "state_cadre", "district"
    }  # fmt: skip
    assert assert_nothing_recoverable(rows) > 0
    for state in {row["state_code"] for row in rows if row["level"] == "state"}:
        state_rows = read_csv(client.get(f"/scorecard/{state}/data.csv"))
        # A state's file shows exactly what the nation's shows of that state.
        assert state_rows == [
            row for row in rows if row["state_code"] == state and row["level"] != "nation"
        ]


def test_a_past_month_hides_the_same_numbers_on_its_page_and_in_the_trend(client):
    generate_cells(seed=8, months=3)
    this_month = timezone.localdate().replace(day=1)
    past = add_months(this_month, -1)
    past_rows = read_csv(client.get(f"/scorecard/data.csv?month={past:%Y-%m}"))
    assert {row["month"] for row in past_rows} == {f"{past:%Y-%m}"}
    assert_nothing_recoverable(past_rows)
    document = client.get("/scorecard/data.json").json()
    no_figures = [p for p in document["nation"]["trend"] if p["people_in_post"] is None]
    assert len(no_figures) == 12 - 3  # months before the first figures: nothing hidden there
    assert all(p["suppressed"] == [] for p in no_figures)
    for state in document["states"]:
        point = next(p for p in state["trend"] if p["code"] == f"{past:%Y-%m}")
        published = next(
            row
            for row in past_rows
            if row["level"] == "state" and row["state_code"] == state["code"]
        )
        for measure in MEASURES:
            expected = None if published[measure] == public.HIDDEN else int(published[measure])
            assert point[measure] == expected


def test_csv_json_and_page_show_the_same_figures(client):
    generate_cells(seed=11)
    rows = read_csv(client.get("/scorecard/data.csv"))
    document = client.get("/scorecard/data.json").json()
    assert document["as_of"] == rows[0]["as_of"]
    page = page_rows(client.get("/scorecard/"))
    by_label = {row[0]: row[1:] for row in page}

    def same(csv_row, json_row):
        for measure in MEASURES:
            value = csv_row[measure]
            assert json_row[measure] == (None if value == public.HIDDEN else int(value))
        coverage = csv_row["coverage_percent"]
        assert json_row["coverage_percent"] == (int(coverage) if coverage.isdigit() else None)
        shown = by_label.get(json_row["name"])
        if shown is not None:
            assert shown[0] == as_page_text(csv_row["people_in_post"])
            assert shown[1] == as_page_text(csv_row["trained"])
            if coverage.isdigit():
                assert shown[2] == f"{coverage}%"
            elif coverage == public.HIDDEN:
                assert shown[2] == "hidden"

    state_rows = {row["state_code"]: row for row in rows if row["level"] == "state"}
    for state in document["nation"]["by_state"]:
        if state["code"] in state_rows:
            same(state_rows[state["code"]], state)
    cadre_rows = {row["cadre_code"]: row for row in rows if row["level"] == "cadre"}
    for cadre in document["nation"]["by_cadre"]:
        same(cadre_rows[cadre["code"]], cadre)
    assert len(document["nation"]["by_cadre"]) == len(cadre_rows)
    # A state's page, CSV and JSON.
    code = next(iter(state_rows))
    state_csv = read_csv(client.get(f"/scorecard/{code}/data.csv"))
    state_json = client.get(f"/scorecard/{code}/data.json").json()["state"]
    page = page_rows(client.get(f"/scorecard/{code}/"))
    by_label = {row[0]: row[1:] for row in page}
    districts = {row["district_id"]: row for row in state_csv if row["level"] == "district"}
    assert len(state_json["by_district"]) == len(districts)
    for district in state_json["by_district"]:
        same(districts[district["code"]], district)
    assert by_label  # the page has tables


@pytest.mark.parametrize(
    "address",
    [
        "/scorecard/ZZ/", "/scorecard/zz/data.csv", "/scorecard/ZZ/data.json",
        "/scorecard/ASSAM/", "/scorecard/?month=2026-13", "/scorecard/?month=abc",
        "/scorecard/data.csv?month=1999-01", "/scorecard/data.json?month=2026-1",
        "/scorecard/AS/?month=", "/scorecard/AS/data.csv?month=2001-01",
        "/scorecard/AS/data.json?month=99999-01", "/scorecard/data.xml",
    ],
)  # fmt: skip
def test_unknown_addresses_are_404(client, address):
    generate_cells(seed=3, states=2, districts=1, months=1)
    before = (Snapshot.objects.count(), CadreCell.objects.count())
    response = client.get(address)
    assert response.status_code == 404
    assert (Snapshot.objects.count(), CadreCell.objects.count()) == before


@pytest.mark.parametrize("address", ["/scorecard/", "/scorecard/AS/", "/scorecard/data.csv"])
def test_pages_take_the_same_queries_at_any_size(client, assert_max_statements, address):
    generate_cells(seed=21, states=3, districts=1, months=1)
    client.get(address)  # the site's caches warm up
    caches["pages"].clear()  # the figures are counted afresh
    # Ten on a state's page: its trainers and their gain by district read two more; with the
    # caches off, the site is looked up too.
    limit = 10 if settings.PAGE_CACHES_ENABLED else 11
    with assert_max_statements(limit) as small:
        assert client.get(address).status_code == 200
    CadreCell.objects.all().delete()
    Snapshot.objects.all().delete()
    assert len(generate_cells(seed=22, states=12, districts=6, months=3)) == 12
    with assert_max_statements(limit) as large:
        assert client.get(address).status_code == 200
    assert len(small) == len(large)
    with captured_statements() as kept:
        assert client.get(address).status_code == 200
    if settings.PAGE_CACHES_ENABLED:  # the months' figures were kept: two queries fewer
        assert len(kept) == len(large) - 2


def test_a_change_to_the_cells_shows_at_once(client):
    generate_cells(seed=4, states=2, districts=1, months=1)
    before = client.get("/scorecard/data.json").json()["nation"]
    cell = CadreCell.objects.order_by("pk").first()
    CadreCell.objects.filter(pk=cell.pk).update(registered=cell.registered + 50, posts_filled=None)
    unchanged = client.get("/scorecard/data.json").json()["nation"]
    if settings.PAGE_CACHES_ENABLED:  # kept until the month says its cells changed
        assert unchanged["people_in_post"] == before["people_in_post"]
    Snapshot.objects.filter(month=cell.month).update(updated_at=timezone.now())
    after = client.get("/scorecard/data.json").json()["nation"]
    assert after["people_in_post"] != before["people_in_post"]
    assert after["people_in_post"] == selectors.national().total.in_post


def test_protect_hides_a_second_number_where_one_would_be_given_away():
    # A state of three cadres: 3 (hidden), 10, 20; total 33 shown.
    groups = [(("t",), [("a",), ("b",), ("c",)])]
    values = {("t",): 33, ("a",): 3, ("b",): 10, ("c",): 20}
    assert public.protect(groups, {("a",)}, values) == {("a",), ("b",)}
    # Two sums sharing parts: hiding b leaves a fixed by the second sum, so more goes.
    groups.append((("u",), [("a",), ("d",)]))
    values.update({("u",): 9, ("d",): 6})
    hidden = public.protect(groups, {("a",)}, values)
    assert ("d",) in hidden or ("u",) in hidden
    assert not public._determined(groups, hidden)


def _contrast(one: str, two: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(one), luminance(two)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_charts_are_generic_includes_with_their_figures_as_text_and_tables():
    items = [
        {"code": "AS", "label": "Assam", "value": 42, "text": "42%", "url": "/x/AS/"},
        {"code": "BR", "label": "Bihar", "value": None, "text": "hidden", "url": "/x/BR/"},
        {"code": "ZZ", "label": "Elsewhere", "value": 80, "text": "80%"},
    ]
    tiles = charts.tile_map(items, title="Map")
    assert [tile.code for tile in tiles.tiles] == ["AS", "BR"]  # ZZ has no place on the grid
    assert len(charts.TILE_GRID) == 36
    assert set(charts.TILE_GRID) == set(State.objects.values_list("code", flat=True))
    assert len(set(charts.TILE_GRID.values())) == 36  # one square per place
    for band in (*charts.BANDS, charts.NOT_SHOWN):
        assert _contrast(band.fill, band.ink) >= 4.5, band.key
    html = render_to_string("reports/includes/tile_map.html", {"chart": tiles, "chart_id": "m"})
    assert '<a href="/x/AS/"><title>Assam: 42%</title>' in html  # the link's name
    assert ">42%</text>" in html  # the value is written on the tile
    assert '<td class="num">hidden</td>' in html  # and the table carries the same figures
    assert "Elsewhere" in html  # only in the table
    bars = charts.bar_chart(items, title="Bars", max_value=100)
    assert [bar.width for bar in bars.bars] == [round(330 * 0.42, 1), 0, 264.0]
    html = render_to_string(
        "reports/includes/bar_chart.html",
        {"chart": bars, "chart_id": "b", "label_heading": "State"},
    )
    assert html.count("<tr>") == 4
    assert 'aria-labelledby="b-title"' in html
    line = charts.line_chart(items, title="Trend", max_value=100, unit="%")
    assert len(line.lines) == 0  # a hidden point breaks the line: no two shown neighbours
    html = render_to_string("reports/includes/line_chart.html", {"chart": line, "chart_id": "t"})
    assert "<title>Bihar: hidden</title>" in html
    assert ">100%</text>" in html
