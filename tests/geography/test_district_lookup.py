"""Districts as people write them: ``district_lookup`` and the alternative spellings that the
reference data brings (former names, short forms)."""

import json

import pytest

from lms.core.lookup import AmbiguousName
from lms.geography.models import District, State
from lms.geography.selectors import district_lookup
from lms.geography.services import REFERENCE_PATH, geography_load_reference, reference_read

pytestmark = pytest.mark.django_db


def test_the_migration_loads_former_names_and_short_forms():
    assert District.objects.get(name="Sribhumi").aliases == ["Karimganj"]
    assert District.objects.get(name="Kamrup Metropolitan").aliases == ["Kamrup Metro"]
    assert District.objects.get(name="Chhatrapati Sambhajinagar").aliases == ["Aurangabad"]
    assert District.objects.exclude(aliases=[]).count() == sum(
        1 for state in reference_read() for d in state.districts if d.aliases
    )


@pytest.mark.parametrize(
    ("written", "name", "how"),
    [
        ("Kamrup Metropolitan", "Kamrup Metropolitan", "name"),
        ("  kamrup   METROPOLITAN ", "Kamrup Metropolitan", "name"),
        ("Kamrup Metropolitan District", "Kamrup Metropolitan", "name"),
        ("Kamrup-Metro", "Kamrup Metropolitan", "alias"),
        ("Kamrup.Metro", "Kamrup Metropolitan", "alias"),
        ("karimganj", "Sribhumi", "alias"),
    ],
)
def test_a_states_districts_by_name_and_alternative_spelling(written, name, how):
    match = district_lookup(state=State.objects.get(code="AS")).find(written)
    assert (match.label, match.how, match.context) == (name, how, "Assam")
    assert match.pk == District.objects.get(name=name).pk


def test_codes_and_unknown_names(django_assert_num_queries):
    district = District.objects.select_related("state").get(name="Barpeta")
    district.lgd_code = 4321
    district.save(update_fields=["lgd_code"])
    with django_assert_num_queries(1):
        lookup = district_lookup(state=district.state)
    assert lookup.find("4321").how == "code"
    for nothing in ("Patna", "", "—", "अनीता"):  # of Bihar; blank; no letters; no such place
        assert lookup.find(nothing) is None


def test_a_spelling_of_two_districts_is_ambiguous_never_a_guess():
    with pytest.raises(AmbiguousName) as raised:
        district_lookup(state=State.objects.get(code="MH")).find("Mumbai")
    assert raised.value.labels == ["Mumbai City", "Mumbai Suburban"]


def test_a_name_beats_an_alternative_spelling_and_the_country_lookup_names_states():
    country = district_lookup()
    # Aurangabad is a district of Bihar and the former name of one of Maharashtra.
    assert (country.find("Aurangabad").label, country.find("Aurangabad").context) == (
        "Aurangabad",
        "Bihar",
    )
    in_maharashtra = district_lookup(state=State.objects.get(code="MH")).find("Aurangabad")
    assert (in_maharashtra.label, in_maharashtra.how) == ("Chhatrapati Sambhajinagar", "alias")
    with pytest.raises(AmbiguousName):  # Hamirpur: Himachal Pradesh and Uttar Pradesh
        country.find("Hamirpur")


def test_inactive_districts_are_not_found():
    District.objects.filter(name="Sribhumi").update(is_active=False)
    assert district_lookup(state=State.objects.get(code="AS")).find("Karimganj") is None


def test_loading_the_reference_again_keeps_aliases_added_in_the_admin():
    district = District.objects.get(name="Sribhumi")
    district.aliases = ["Karimganj", "Sreebhumi"]
    district.save(update_fields=["aliases"])
    result = geography_load_reference()
    assert result.districts_updated == 0
    assert District.objects.get(pk=district.pk).aliases == ["Karimganj", "Sreebhumi"]
    District.objects.filter(pk=district.pk).update(aliases=["Sreebhumi"])
    assert geography_load_reference().districts_updated == 1
    assert District.objects.get(pk=district.pk).aliases == ["Sreebhumi", "Karimganj"]


@pytest.mark.parametrize(
    ("aliases", "error"),
    [
        (["Baksa"], "an alias is the name of a district"),
        (["Kamrup Metro", "kamrup-metro"], "aliases must contain letters and differ"),
        (["--"], "aliases must contain letters and differ"),
        ("Kamrup Metro", "aliases must be a list"),
    ],
)
def test_the_reference_file_refuses_aliases_that_would_mislead(tmp_path, aliases, error):
    data = json.loads(REFERENCE_PATH.read_text(encoding="utf-8"))
    assam = next(s for s in data["states"] if s["code"] == "AS")
    next(d for d in assam["districts"] if d["name"] == "Kamrup Metropolitan")["aliases"] = aliases
    path = tmp_path / "india.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        reference_read(path)
