import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts.validators import normalise_indian_mobile, validate_person_name


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
