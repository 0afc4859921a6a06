"""The posts pages: what each viewer may reach (out of scope is 404), what the table shows for
a month, the history of a figure, and a query count that does not grow with the districts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, reverse

from lms.accounts.models import Cadre
from lms.geography.models import District
from lms.workforce import services
from lms.workforce import urls as workforce_urls
from tests.accounts.factories import UserFactory, state
from tests.helpers import captured_statements
from tests.trainers.factories import trainer
from tests.workforce.factories import coordinator, district_officer, national_admin

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2026, 10, 1)
NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 12, 7)
    )


@pytest.fixture
def figures():
    """Assam: the state's own units and two districts, in October and November."""
    assam = state("AS")
    first, second = District.objects.filter(state=assam, is_active=True).order_by("name")[:2]
    dcpo = Cadre.objects.get(slug="dcpo")
    counsellor = Cadre.objects.get(slug="counsellor")
    scps = Cadre.objects.get(slug="scps-staff")
    for month, filled in ((OCTOBER, 0), (NOVEMBER, 1)):
        services.post_count_set(
            state=assam, district=first, cadre=dcpo, month=month, sanctioned=1, filled=filled
        )
    services.post_count_set(
        state=assam, district=second, cadre=counsellor, month=OCTOBER, sanctioned=7, filled=3
    )
    services.post_count_set(
        state=assam, district=None, cadre=scps, month=OCTOBER, sanctioned=13, filled=4
    )
    return {"state": assam, "first": first, "second": second, "dcpo": dcpo, "scps": scps}


def urls(figures):
    """Every page of the app for Assam, read from the URLconf so that a new page is covered."""
    params = {
        "state_code": "AS",
        "place": str(figures["first"].pk),
        "cadre_id": figures["dcpo"].pk,
        "fmt": "csv",
    }
    found = {}
    for pattern in workforce_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = set(pattern.pattern.converters)
        assert names <= set(params), f"{pattern.name}: unknown parameters {names - set(params)}"
        found[pattern.name] = reverse(
            f"workforce:{pattern.name}", kwargs={k: params[k] for k in names}
        )
    return found


# --- Scope -----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, figures):
    for name, url in urls(figures).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("account_login")), name


@pytest.mark.parametrize(
    "make",
    [
        lambda: coordinator("MH"),
        lambda: trainer("AS"),
        lambda: UserFactory(),
        lambda: district_officer(District.objects.filter(state__code="MH").first()),
    ],
    ids=["coordinator-of-another-state", "trainer", "learner", "district-officer-elsewhere"],
)
def test_everyone_else_gets_404_everywhere(client, figures, make):
    client.force_login(make())
    for name, url in urls(figures).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"token": "x"}).status_code == 404, name


def test_unknown_state_is_404(client, figures):
    client.force_login(national_admin())
    assert client.get(reverse("workforce:posts", args=["ZZ"])).status_code == 404


@pytest.mark.parametrize("make", [lambda: coordinator("AS"), national_admin])
def test_coordinators_and_national_admins_reach_every_page(client, figures, make):
    client.force_login(make())
    for name, url in urls(figures).items():
        expected = 405 if name == "import_confirm" else 200
        assert client.get(url).status_code == expected, name


def test_district_officer_reads_only_their_district(client, figures):
    officer = district_officer(figures["first"])
    client.force_login(officer)

    response = client.get(reverse("workforce:posts", args=["AS"]))

    assert response.status_code == 200
    page = response.content.decode()
    assert figures["first"].name in page
    assert figures["second"].name not in page
    assert "the state's own units" not in page
    places = response.context["table"].places
    assert [place.district for place in places] == [figures["first"]]
    assert response.context["table"].sanctioned == 1  # not the state's 13 or the other 7
    assert "Import a spreadsheet" not in page

    history = "workforce:history"
    dcpo = figures["dcpo"].pk
    own = reverse(history, args=["AS", str(figures["first"].pk), dcpo])
    assert client.get(own).status_code == 200
    assert (
        client.get(reverse(history, args=["AS", str(figures["second"].pk), dcpo])).status_code
        == 404
    )
    assert client.get(reverse(history, args=["AS", "state", figures["scps"].pk])).status_code == 404
    assert client.get(reverse(history, args=["AS", "abc", dcpo])).status_code == 404
    for name in ("correct", "import_upload", "import_confirm"):
        assert client.get(reverse(f"workforce:{name}", args=["AS"])).status_code == 404
        assert client.post(reverse(f"workforce:{name}", args=["AS"])).status_code == 404
    assert client.get(reverse("workforce:import_template", args=["AS", "csv"])).status_code == 404


# --- What the pages show ---------------------------------------------------------------------


def test_posts_table_for_this_month_and_a_past_month(client, figures):
    client.force_login(coordinator("AS"))
    url = reverse("workforce:posts", args=["AS"])

    now = client.get(url).context["table"]
    assert now.month == datetime.date(2026, 12, 1)
    assert (now.sanctioned, now.filled, now.vacant) == (21, 8, 13)
    assert (now.places[0].district, now.places[0].sanctioned) == (None, 13)
    first = next(p for p in now.places if p.district == figures["first"])
    [(cadre, figure)] = first.rows
    assert (cadre, figure.filled, figure.as_of) == (figures["dcpo"], 1, NOVEMBER)

    october = client.get(url, {"month": "2026-10"}).context["table"]
    first = next(p for p in october.places if p.district == figures["first"])
    assert first.rows[0][1].filled == 0
    assert (october.sanctioned, october.filled) == (21, 7)

    september = client.get(url, {"month": "2026-09"})
    assert september.context["table"].sanctioned == 0
    assert "No posts have been reported" in september.content.decode()

    # A malformed month falls back to this month.
    assert client.get(url, {"month": "junk"}).context["month"] == datetime.date(2026, 12, 1)


def test_history_lists_every_month(client, figures):
    client.force_login(coordinator("AS"))
    response = client.get(
        reverse("workforce:history", args=["AS", str(figures["first"].pk), figures["dcpo"].pk])
    )
    rows = list(response.context["rows"])
    assert [(row.as_of, row.filled, row.vacant) for row in rows] == [
        (NOVEMBER, 1, 0),
        (OCTOBER, 0, 1),
    ]
    state_level = client.get(reverse("workforce:history", args=["AS", "state", figures["scps"].pk]))
    assert [row.sanctioned for row in state_level.context["rows"]] == [13]


# --- Queries ---------------------------------------------------------------------------------


def _statements(client, url) -> int:
    client.get(url)  # warm: the session's cached roles, content types
    with captured_statements() as statements:
        assert client.get(url).status_code == 200
    return len(statements)


@pytest.mark.parametrize("make", [lambda: coordinator("AS"), national_admin])
def test_posts_page_queries_do_not_grow_with_districts(client, figures, make):
    client.force_login(make())
    assam, dcpo = figures["state"], figures["dcpo"]
    url = reverse("workforce:posts", args=["AS"])
    small = _statements(client, url)

    for number in range(40):
        district = District.objects.create(state=assam, name=f"New district {number}")
        for month in (OCTOBER, NOVEMBER):
            services.post_count_set(
                state=assam, district=district, cadre=dcpo, month=month, sanctioned=2, filled=1
            )
    large = _statements(client, url)

    assert large == small
    assert small <= 12


def test_places_without_figures_are_listed_apart(client, figures):
    client.force_login(coordinator("AS"))
    response = client.get(reverse("workforce:posts", args=["AS"]))
    table = response.context["table"]
    assert [place.district for place in table.reported] == [
        None,
        figures["first"],
        figures["second"],
    ]
    assert len(table.unreported) == District.objects.filter(state__code="AS").count() - 2
    assert "places without posts reported" in response.content.decode()


def test_pages_render_in_hindi(client, figures):
    client.force_login(coordinator("AS"))
    response = client.get(reverse("workforce:posts", args=["AS"]), HTTP_ACCEPT_LANGUAGE="hi")
    assert response.status_code == 200


def test_a_district_merged_away_keeps_its_past_figures(client, figures):
    second = figures["second"]
    second.is_active = False
    second.save()
    client.force_login(coordinator("AS"))
    october = client.get(reverse("workforce:posts", args=["AS"]), {"month": "2026-10"})
    assert second in [place.district for place in october.context["table"].reported]
    form = client.get(reverse("workforce:correct", args=["AS"])).context["form"]
    assert str(second.pk) not in dict(form.fields["place"].choices)
