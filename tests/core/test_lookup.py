"""The one rule of which spellings of a name are the same."""

import pytest

from lms.core.lookup import AmbiguousName, NameLookup, lookup_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CWC Member", "cwc-member"),
        ("C.W.C. member", "cwc_member"),
        ("Kamrup  Metro", "kamrup-metro"),
        ("Mahé", "Mahe"),
        ("Chümoukedima", "chumoukedima"),
        ("Daman & Diu", "Daman and Diu"),
        ("ज़िला", "ज़िला"),  # nukta precomposed and decomposed
    ],
)
def test_the_same_name(a, b):
    assert lookup_key(a) == lookup_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("किला", "कीला"),  # vowel signs are part of Indian words, not accents
        ("অনামিকা", "অনামিক"),
        ("Kamrup", "Kamrup Metro"),
    ],
)
def test_different_names(a, b):
    assert lookup_key(a) != lookup_key(b)


def test_names_first_then_aliases_and_never_a_guess():
    lookup = NameLookup()
    lookup.add(pk=1, label="Alpha", spelling="Alpha", how="name")
    lookup.add(pk=2, label="Beta", spelling="Beta", how="name")
    lookup.add(pk=2, label="Beta", spelling="Alpha", how="alias")  # a misleading alias
    lookup.add(pk=1, label="Alpha", spelling="AB", how="alias")
    lookup.add(pk=2, label="Beta", spelling="A.B.", how="alias")
    assert lookup.find("alpha").pk == 1
    assert lookup.find("alpha").how == "name"
    with pytest.raises(AmbiguousName) as raised:
        lookup.find("ab")
    assert raised.value.labels == ["Alpha", "Beta"]
    assert lookup.find("") is None
    assert lookup.find("...") is None
