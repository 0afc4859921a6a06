"""Cadres as people write them: ``cadre_lookup`` and the alternative spellings seeded with the
cadres (editable in the cadre snippets)."""

import pytest
from django.core.exceptions import ValidationError

from lms.accounts.models import Cadre
from lms.accounts.selectors import cadre_lookup

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_short_forms():
    assert "CWC" in Cadre.objects.get(slug="cwc-member").aliases
    assert "Counselor" in Cadre.objects.get(slug="counsellor").aliases


@pytest.mark.parametrize(
    ("written", "slug", "how"),
    [
        ("Child Welfare Committee (CWC) member", "cwc-member", "name"),
        ("CWC Member", "cwc-member", "slug"),
        ("cwc-member", "cwc-member", "slug"),
        ("CWC", "cwc-member", "alias"),
        ("DCPO", "dcpo", "slug"),
        ("District Child Protection Officer", "dcpo", "alias"),
        ("Counselor", "counsellor", "alias"),
        ("data entry operator", "data-analyst", "alias"),
    ],
)
def test_each_way_of_writing_a_cadre(written, slug, how, django_assert_num_queries):
    with django_assert_num_queries(1):
        lookup = cadre_lookup()
    match = lookup.find(written)
    cadre = Cadre.objects.get(slug=slug)
    assert (match.pk, match.label, match.how) == (cadre.pk, cadre.name, how)


def test_an_alias_added_in_the_snippet_counts_and_one_shared_is_ambiguous():
    Cadre.objects.filter(slug__in=["cci-staff", "saa-staff"]).update(aliases=["Home staff"])
    with pytest.raises(LookupError) as raised:
        cadre_lookup().find("home staff")
    assert len(raised.value.labels) == 2
    assert cadre_lookup().find("Astronaut") is None


@pytest.mark.parametrize("aliases", ["CWC", ["CWC", "c.w.c."], [""], [1]])
def test_the_snippet_form_refuses_bad_aliases(aliases):
    cadre = Cadre.objects.get(slug="cwc-member")
    cadre.aliases = aliases
    with pytest.raises(ValidationError):
        cadre.full_clean()
