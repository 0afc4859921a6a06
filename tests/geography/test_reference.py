import json

import pytest

from lms.geography.models import District, State
from lms.geography.services import (
    REFERENCE_PATH,
    geography_load_reference,
    reference_read,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    return list(District.objects.order_by("pk").values_list("pk", "state_id", "name", "lgd_code"))


def test_all_28_states_and_8_union_territories_are_loaded_by_migrate():
    assert State.objects.count() == 36
    assert State.objects.filter(kind=State.Kind.STATE).count() == 28
    uts = set(State.objects.filter(kind=State.Kind.UNION_TERRITORY).values_list("name", flat=True))
    assert uts == {
        "Andaman and Nicobar Islands",
        "Chandigarh",
        "Dadra and Nagar Haveli and Daman and Diu",
        "Delhi",
        "Jammu and Kashmir",
        "Ladakh",
        "Lakshadweep",
        "Puducherry",
    }


@pytest.mark.parametrize(
    ("code", "name", "lgd_code"),
    [
        ("AS", "Assam", 18),
        ("BR", "Bihar", 10),
        ("DL", "Delhi", 7),
        ("JK", "Jammu and Kashmir", 1),
        ("TG", "Telangana", 36),
        ("LA", "Ladakh", 37),
        ("DH", "Dadra and Nagar Haveli and Daman and Diu", 38),
    ],
)
def test_states_carry_their_code_and_lgd_code(code, name, lgd_code):
    state = State.objects.get(code=code)
    assert (state.name, state.lgd_code) == (name, lgd_code)


def test_every_state_has_an_lgd_code_and_a_two_letter_code():
    codes = list(State.objects.values_list("lgd_code", flat=True))
    assert None not in codes
    # 25 and 26 belonged to Daman and Diu and to Dadra and Nagar Haveli before their merger.
    assert sorted(codes) == [c for c in range(1, 39) if c not in (25, 26)]
    assert all(len(c) == 2 and c.isupper() for c in State.objects.values_list("code", flat=True))


def test_district_count_is_plausible_and_every_state_has_districts():
    assert 750 <= District.objects.count() <= 850
    assert not State.objects.filter(districts__isnull=True).exists()
    assert not District.objects.filter(is_active=False).exists()


@pytest.mark.parametrize(
    ("state_code", "district"),
    [
        ("AS", "Kamrup Metropolitan"),
        ("AS", "Sribhumi"),
        ("BR", "Patna"),
        ("AP", "Sri Sathya Sai"),
        ("AP", "YSR Kadapa"),
        ("AP", "Sri Potti Sriramulu Nellore"),
        ("DL", "New Delhi"),
        ("DL", "South Delhi"),
        ("DL", "Central Delhi"),
        ("KA", "Bengaluru Urban"),
        ("MH", "Chhatrapati Sambhajinagar"),
        ("RJ", "Balotra"),
        ("CH", "Chandigarh"),
        ("LA", "Leh"),
    ],
)
def test_known_districts_are_in_the_right_state(state_code, district):
    assert District.objects.get(name=district).state.code == state_code


def test_names_are_clean():
    names = list(District.objects.values_list("name", flat=True))
    assert all(name == " ".join(name.split()) and name.isascii() for name in names)
    assert not District.objects.filter(name__in=["Sri SathyaYSR", "Didihat", "Nagda"]).exists()
    assert District.objects.filter(state__code="UK").count() == 13


def test_reference_file_records_its_source():
    source = json.loads(REFERENCE_PATH.read_text(encoding="utf-8"))["source"]
    assert source["package"] == "india-state-district"
    assert source["version"] == "1.0.5"
    assert source["retrieved"] == "2026-11-22"
    assert "Apache-2.0" in source["licence"]
    assert source["corrections"]
    assert source["refresh"]


def test_reference_districts_are_sorted_by_name():
    for state in reference_read():
        names = [d.name for d in state.districts]
        assert names == sorted(names), state.code


def test_loading_again_creates_and_changes_nothing(django_assert_max_num_queries):
    before = _snapshot()
    with django_assert_max_num_queries(10):
        result = geography_load_reference()
    assert (result.states_created, result.states_updated) == (0, 0)
    assert (result.districts_created, result.districts_updated) == (0, 0)
    assert _snapshot() == before
    assert State.objects.count() == 36


def test_loading_restores_missing_rows_and_deletes_nothing():
    assam = State.objects.get(code="AS")
    extra = District.objects.create(state=assam, name="Not In The Reference")
    District.objects.filter(name="Patna").delete()

    result = geography_load_reference()

    assert result.districts_created == 1
    assert District.objects.filter(name="Patna", state__code="BR").exists()
    assert District.objects.filter(pk=extra.pk).exists()


def test_loading_a_file_updates_states_and_attaches_district_codes(tmp_path):
    goa = State.objects.get(code="GA")
    north_goa = District.objects.get(state=goa, name="North Goa")
    reference = {
        "source": {},
        "states": [
            {
                "code": "GA",
                "name": "Goa",
                "kind": "state",
                "lgd_code": 30,
                "districts": [
                    {"name": "NORTH GOA", "lgd_code": 5501},
                    {"name": "Brand New", "lgd_code": None},
                ],
            },
            {"code": "ZZ", "name": "Testland", "kind": "ut", "lgd_code": None, "districts": []},
        ],
    }
    path = tmp_path / "reference.json"
    path.write_text(json.dumps(reference), encoding="utf-8")

    result = geography_load_reference(path=path)

    assert (result.states_created, result.districts_created, result.districts_updated) == (1, 1, 1)
    north_goa.refresh_from_db()
    assert (north_goa.name, north_goa.lgd_code) == ("North Goa", 5501)
    assert District.objects.filter(state=goa).count() == 4


def test_uncoded_names_are_not_added_to_a_state_governed_by_lgd_codes(tmp_path):
    District.objects.filter(state__code="GA", name="North Goa").update(
        name="Uttar Goa", lgd_code=5501
    )

    result = geography_load_reference()

    assert result.districts_skipped == 1
    assert not District.objects.filter(state__code="GA", name="North Goa").exists()


def test_a_malformed_reference_file_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "states": [
                    {
                        "code": "GA",
                        "name": "Goa",
                        "kind": "state",
                        "lgd_code": 30,
                        "districts": [{"name": "North Goa"}, {"name": "north  goa"}],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    before = _snapshot()
    with pytest.raises(ValueError, match="distinct"):
        geography_load_reference(path=path)
    assert _snapshot() == before
