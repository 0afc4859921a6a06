import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts.models import User
from lms.accounts.validators import (
    NAME_MAX_LENGTH,
    normalise_indian_mobile,
    validate_person_name,
)


@pytest.mark.parametrize(
    "raw",
    [
        "9864012345",
        "98640 12345",
        "+91 98640 12345",
        "+91-9864012345",
        "09864012345",
        "919864012345",
        "(+91) 98640-12345",
    ],
)
def test_mobile_numbers_are_normalised(raw):
    assert normalise_indian_mobile(raw) == "+919864012345"


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "5864012345", "98640123456", "+1 415 555 0100", "98640abcde", "+92 3001234567"],
)
def test_bad_mobile_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_indian_mobile(raw)


@pytest.mark.parametrize(
    "name", ["Anjali Das", "Md. Imran Ansari", "D'Souza-Pereira", "सुनीता कुमारी", "ৰূপালী বৰুৱা"]
)
def test_real_names_in_any_script_are_accepted(name):
    validate_person_name(name)


@pytest.mark.parametrize(
    "name", ["<script>", "Anjali<b>", "a@b.com", "Robert'); DROP TABLE", "...", "   ", "Agent 007"]
)
def test_markup_and_junk_are_refused(name):
    with pytest.raises(ValidationError):
        validate_person_name(name)


@given(st.text(max_size=40))
def test_no_accepted_name_contains_markup(text):
    try:
        validate_person_name(text)
    except ValidationError:
        return
    assert not set(text) & set('<>&"/\\=;@')


# Zero-width joiner and non-joiner, as Indic spelling uses them: a Devanagari half form
# (श्‍याम, श्याम with the joiner), an explicit virama (पद्‌मा, पद्मा with the non-joiner) and
# a Bengali/Assamese ya-phala after a vowel (অ‍্যানা, "Anna").
INDIC_NAMES_WITH_JOINERS = [
    "श्\u200dयाम सुंदर",
    "पद्\u200cमा देवी",
    "অ\u200d্যানা বৰুৱা",
    "ৰ\u200d্যাবিন দাস",
]


@pytest.mark.parametrize("name", INDIC_NAMES_WITH_JOINERS)
def test_indic_names_with_joiners_are_accepted(name):
    validate_person_name(name)


DIRECTION_AND_INVISIBLE = [
    "\u202a",  # left-to-right embedding
    "\u202b",  # right-to-left embedding
    "\u202c",  # pop directional formatting
    "\u202d",  # left-to-right override
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2067",  # right-to-left isolate
    "\u2068",  # first strong isolate
    "\u2069",  # pop directional isolate
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
    "\u200b",  # zero-width space
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\u0000",
    "\u0007",
    "\u009b",  # control sequence introducer, a C1 control
    "\u034f",  # combining grapheme joiner: a mark that draws nothing
    "\ufe0f",  # variation selector 16
    "\u3164",  # Hangul filler: a letter that draws nothing
]


@pytest.mark.parametrize("char", DIRECTION_AND_INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_direction_controls_and_invisible_characters_are_refused(char):
    for name in (f"Anil {char}Das", f"{char}सुनीता", f"ৰূপালী{char}"):
        with pytest.raises(ValidationError) as refused:
            validate_person_name(name)
        assert refused.value.code == "invisible_in_name"
        assert "invisible characters" in refused.value.messages[0]


@pytest.mark.parametrize("name", ["\u200dश्याम", "श्याम\u200c", "Anil \u200d Das", "\u200c"])
def test_joiners_are_refused_outside_a_word(name):
    with pytest.raises(ValidationError) as refused:
        validate_person_name(name)
    assert refused.value.code == "invisible_in_name"


def test_names_are_limited_to_150_characters_as_stored():
    assert NAME_MAX_LENGTH == User._meta.get_field("full_name").max_length == 150
    validate_person_name("A" * 150)
    validate_person_name("सु" * 75)  # code points, as the database column counts them
    # Spaces are normalised before the name is stored, so they count once.
    validate_person_name("A" * 74 + " " * 300 + "B" * 75)
    for name in ("A" * 151, "Anil " * 80, "সু" * 200):
        with pytest.raises(ValidationError) as refused:
            validate_person_name(name)
        assert refused.value.code == "name_too_long"
        length = len(" ".join(name.split()))
        assert refused.value.messages == [
            f"A name may be at most 150 characters long (this one has {length})."
        ]


@given(st.text(max_size=40))
def test_no_accepted_name_holds_a_control_or_format_character_but_a_joiner(text):
    try:
        validate_person_name(text)
    except ValidationError:
        return
    for char in text.strip():
        assert unicodedata.category(char) not in {"Cc", "Cf"} or char in "\u200c\u200d"
