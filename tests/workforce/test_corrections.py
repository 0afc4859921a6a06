"""Correcting one figure: the service's rules, and the form's validation (nothing written when
it refuses)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.accounts.models import Cadre
from lms.geography.models import District
from lms.workforce import services
from lms.workforce.models import PostCount
from lms.workforce.selectors import posts_as_of
from tests.accounts.factories import district_of, state
from tests.workforce.factories import coordinator

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2026, 10, 1)
NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda *args, **kwargs: datetime.date(2026, 12, 7)
    )


@pytest.fixture
def user():
    return coordinator("AS")


@pytest.fixture
def dcpo():
    return Cadre.objects.get(slug="dcpo")


def test_set_creates_then_corrects_the_months_row(user, dcpo):
    assam, district = state("AS"), district_of("AS")
    first = services.post_count_set(
        state=assam, district=district, cadre=dcpo, month=datetime.date(2026, 10, 15),
        sanctioned=1, filled=0, by=user,
    )  # fmt: skip
    assert (first.as_of, first.source) == (OCTOBER, PostCount.Source.FORM)
    again = services.post_count_set(
        state=assam, district=district, cadre=dcpo, month=OCTOBER,
        sanctioned=1, filled=1, note="appointed", by=user,
    )  # fmt: skip
    assert again.pk == first.pk
    assert PostCount.objects.count() == 1
    entries = ModelLogEntry.objects.filter(action="workforce.postcount.set").order_by("pk")
    assert [entry.data["before"] for entry in entries] == [None, [1, 0]]
    assert entries.last().data["after"] == [1, 1]

    # A state-level row and a district row of the same cadre and month are distinct.
    services.post_count_set(
        state=assam, district=None, cadre=dcpo, month=OCTOBER, sanctioned=3, filled=2, by=user
    )
    assert posts_as_of(OCTOBER)[(assam.pk, None, dcpo.pk)] == (3, 2)
    assert PostCount.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sanctioned": 1, "filled": 2}, "filled"),
        ({"sanctioned": -1, "filled": 0}, "sanctioned"),
        ({"sanctioned": 10**6, "filled": 0}, "sanctioned"),
        ({"sanctioned": 1, "filled": 0, "month": datetime.date(2027, 1, 1)}, "month"),
        ({"sanctioned": 1, "filled": 0, "note": "x" * 301}, "note"),
        ({"sanctioned": 1, "filled": 0, "district": "MH"}, "district"),
    ],
)
def test_set_refuses_bad_figures(user, dcpo, fields, field):
    fields = {"month": OCTOBER, "district": district_of("AS"), **fields}
    if fields["district"] == "MH":
        fields["district"] = district_of("MH")
    with pytest.raises(ValidationError) as refused:
        services.post_count_set(state=state("AS"), cadre=dcpo, by=user, **fields)
    assert field in refused.value.message_dict
    assert PostCount.objects.count() == 0


def _form(district, dcpo, **fields):
    return {
        "place": str(district.pk),
        "cadre": str(dcpo.pk),
        "month": "2026-11",
        "sanctioned": "2",
        "filled": "1",
        "note": "",
        **fields,
    }


def test_correction_form_saves_and_returns_to_the_month(client, user, dcpo):
    district = district_of("AS")
    client.force_login(user)
    url = reverse("workforce:correct", args=["AS"])
    page = client.get(url, {"place": str(district.pk), "cadre": str(dcpo.pk), "month": "2026-10"})
    assert page.status_code == 200
    assert 'value="2026-10"' in page.content.decode()

    response = client.post(url, _form(district, dcpo))

    assert response.status_code == 302
    assert response.url == reverse("workforce:posts", args=["AS"]) + "?month=2026-11"
    assert posts_as_of(NOVEMBER)[(district.state_id, district.pk, dcpo.pk)] == (2, 1)

    client.post(url, _form(district, dcpo, place="state", sanctioned="5", filled="5"))
    assert posts_as_of(NOVEMBER)[(district.state_id, None, dcpo.pk)] == (5, 5)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"filled": "3"}, "filled"),
        ({"sanctioned": "-1"}, "sanctioned"),
        ({"sanctioned": "two"}, "sanctioned"),
        ({"sanctioned": "100000"}, "sanctioned"),
        ({"filled": ""}, "filled"),
        ({"month": "2027-01"}, "month"),
        ({"month": "2026-13"}, "month"),
        ({"month": "November"}, "month"),
        ({"place": "999999"}, "place"),
        ({"place": "OTHER"}, "place"),
        ({"cadre": "999999"}, "cadre"),
        ({"note": "x" * 301}, "note"),
    ],
)
def test_correction_form_validation_writes_nothing(client, user, dcpo, fields, field):
    client.force_login(user)
    district = district_of("AS")
    response = client.post(
        reverse("workforce:correct", args=["AS"]), _form(district, dcpo, **fields)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert PostCount.objects.count() == 0


def test_correction_form_offers_only_the_states_districts(client, user, dcpo):
    client.force_login(user)
    other = District.objects.filter(state__code="MH").first()
    response = client.post(
        reverse("workforce:correct", args=["AS"]), _form(other, dcpo)
    )  # a Maharashtra district to Assam's form
    assert response.status_code == 400
    assert "place" in response.context["form"].errors
    assert PostCount.objects.count() == 0
