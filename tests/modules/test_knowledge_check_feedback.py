"""A knowledge check's feedback follows the verdict the page prints ("Correct." / "Not quite."),
so the block refuses feedback that begins with that verdict again, in any content language."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from modules.content.blocks import KnowledgeCheckBlock


def check(*, right="Yes, the DCPO.", wrong="The DCPO heads it.", correct=(True, False)):
    return KnowledgeCheckBlock().to_python(
        {
            "question": "Who heads a DCPU?",
            "options": [
                {"text": "The DCPO", "correct": correct[0]},
                {"text": "The CWC", "correct": correct[1]},
            ],
            "feedback_correct": right,
            "feedback_incorrect": wrong,
        }
    )


def errors(value) -> dict[str, str]:
    with pytest.raises(StructBlockValidationError) as raised:
        KnowledgeCheckBlock().clean(value)
    return {name: " ".join(error.messages) for name, error in raised.value.block_errors.items()}


@pytest.mark.parametrize(
    ("field", "text", "word"),
    [
        ("feedback_correct", "Correct. Section 2(13) looks at the date of the offence.", "Correct"),
        ("feedback_correct", "  correct! The DCPO heads it.", "Correct"),
        ("feedback_correct", "Correct.", "Correct"),
        ("feedback_correct", "Correct", "Correct"),
        ("feedback_incorrect", "Not quite. The DCPO heads it.", "Not quite"),
        ("feedback_incorrect", "Not quite — the DCPO heads it.", "Not quite"),
        ("feedback_correct", "सही। योजना दोनों को अंतिम उपाय मानती है।", "सही"),
        ("feedback_incorrect", "पूरी तरह सही नहीं। बाल गृह अंतिम उपाय है।", "पूरी तरह सही नहीं"),
        ("feedback_correct", "শুদ্ধ। জিলা শিশু সুৰক্ষা বিষয়াই নেতৃত্ব দিয়ে।", "শুদ্ধ"),
        ("feedback_incorrect", "সম্পূৰ্ণ শুদ্ধ নহয়। DCPOয়ে নেতৃত্ব দিয়ে।", "সম্পূৰ্ণ শুদ্ধ নহয়"),
    ],
)
def test_feedback_repeating_the_verdict_is_refused_naming_the_field_and_the_word(field, text, word):
    value = check(**{"right" if field == "feedback_correct" else "wrong": text})
    found = errors(value)
    assert list(found) == [field]
    assert found[field] == (
        f"Leave out “{word}” at the start: the page already says it before the feedback."
    )


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ("Correctly placed children stay with their families.", "Not quietly: report it."),
        ("The correct body is the CWC.", "Not the CWC: the DCPO heads it."),
        ("सही उत्तर ज़िला बाल संरक्षण अधिकारी है।", "Quite the opposite: the DCPO heads it."),
        ("Not quite. (This is the feedback when right.)", "Correct. (When wrong.)"),
    ],
)
def test_feedback_that_only_resembles_a_verdict_or_uses_the_other_one_passes(right, wrong):
    value = check(right=right, wrong=wrong)
    cleaned = KnowledgeCheckBlock().clean(value)
    assert (cleaned["feedback_correct"], cleaned["feedback_incorrect"]) == (right, wrong)


def test_the_verdict_error_comes_with_the_other_errors_of_the_block():
    found = errors(check(right="Correct. It is the DCPO.", wrong=""))
    assert found["feedback_correct"].startswith("Leave out “Correct”")
    assert found["feedback_incorrect"] == "This field is required."
    found = errors(check(right="Correct. It is the DCPO.", correct=(False, False)))
    assert found["options"] == "Mark at least one option as correct."
    assert found["feedback_correct"].startswith("Leave out “Correct”")
