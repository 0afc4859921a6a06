import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from lms.home.models import HomePage
from modules.content.blocks import (
    CalloutBlock,
    KnowledgeCheckBlock,
    MultipleChoiceQuestionBlock,
    SingleChoiceQuestionBlock,
)
from modules.content.models import (
    AssessmentPage,
    LessonPage,
    ModuleCataloguePage,
    TrainingModulePage,
)
from tests.modules.factories import catalogue, make_module, single

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    home = HomePage.objects.get(depth=2)
    cat = catalogue()
    module = make_module(lessons=1, questions=[single()])
    assert ModuleCataloguePage.can_create_at(home) is False  # one catalogue per parent
    assert TrainingModulePage.can_create_at(cat)
    assert not TrainingModulePage.can_create_at(home)
    assert not LessonPage.can_create_at(cat)
    assert not LessonPage.can_create_at(home)
    assert LessonPage.can_create_at(module)
    assert not AssessmentPage.can_create_at(module)  # it already has one
    assert AssessmentPage.can_create_at(make_module(lessons=0))
    lesson = module.get_children().type(LessonPage).first()
    assert not LessonPage.can_create_at(lesson)


def module_page(**overrides):
    cat = catalogue()
    fields = {
        "title": "Child rights",
        "slug": "child-rights",
        "code": "CR-101",
        "summary": "S",
        "locale": cat.locale,
    }
    fields.update(overrides)
    page = TrainingModulePage(**fields)
    page.path, page.depth = cat.path + "ZZZZ", cat.depth + 1
    return page


@pytest.mark.parametrize("code", ["cp101", "CP101", "C-101", "CPABCD-101", "CP-10", "<b>-101"])
def test_module_code_format(code):
    with pytest.raises(ValidationError) as error:
        module_page(code=code).full_clean()
    assert "code" in error.value.message_dict


def test_module_code_is_upper_cased_and_unique_per_language():
    make_module(code="CP-900")
    page = module_page(code="cp-900")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Another module already uses this code." in error.value.message_dict["code"]
    page = module_page(code="cp-901")
    page.full_clean()
    assert page.code == "CP-901"


def test_database_refuses_a_duplicate_code_in_one_language():

    first = make_module(code="CP-902")
    second = make_module(code="CP-903")
    assert first.code_in_locale == "CP-902@en"
    # Two requests that both passed validation cannot both store the code.
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingModulePage.objects.filter(pk=second.pk).update(code_in_locale=first.code_in_locale)


@pytest.mark.parametrize("title", ["<script>alert(1)</script>", "Rights <b>now</b>"])
def test_markup_in_titles_is_refused(title):
    with pytest.raises(ValidationError) as error:
        module_page(title=title).full_clean()
    assert "title" in error.value.message_dict


def test_cover_image_needs_alt_text():
    image = get_image_model().objects.create(title="cover", file=get_test_image_file())
    with pytest.raises(ValidationError) as error:
        module_page(cover_image=image, cover_image_alt="  ").full_clean()
    assert "cover_image_alt" in error.value.message_dict
    module_page(cover_image=image, cover_image_alt="Children in a classroom").full_clean()


def test_blended_rule_needs_attendance_share():
    rule = TrainingModulePage.CompletionRule.WITH_ATTENDANCE
    with pytest.raises(ValidationError) as error:
        module_page(completion_rule=rule).full_clean()
    assert "required_attendance_percent" in error.value.message_dict
    module_page(completion_rule=rule, required_attendance_percent=75).full_clean()
    with pytest.raises(ValidationError):
        module_page(required_attendance_percent=75).full_clean()


def options(*flags):
    return [{"text": f"Option {i}", "correct": flag} for i, flag in enumerate(flags)]


def question(block, *flags):
    return block.to_python(
        {"question": "Q", "points": 1, "explanation": "E", "options": options(*flags)}
    )


@pytest.mark.parametrize(
    ("block", "flags", "message"),
    [
        (SingleChoiceQuestionBlock(), (False, False), "Mark at least one option as correct."),
        (SingleChoiceQuestionBlock(), (True, True), "Mark exactly one option as correct."),
        (SingleChoiceQuestionBlock(), (True,), "options"),
        (
            MultipleChoiceQuestionBlock(),
            (False, False, False),
            "Mark at least one option as correct.",
        ),
        (KnowledgeCheckBlock(), (False, False), "Mark at least one option as correct."),
    ],
)
def test_question_rules(block, flags, message):
    if isinstance(block, KnowledgeCheckBlock):
        value = block.to_python(
            {
                "question": "Q",
                "options": options(*flags),
                "feedback_correct": "y",
                "feedback_incorrect": "n",
            }
        )
    else:
        value = question(block, *flags)
    with pytest.raises((StructBlockValidationError, ValidationError)) as error:
        block.clean(value)
    assert message in str(
        error.value.block_errors if hasattr(error.value, "block_errors") else error.value
    )


def test_good_questions_pass():
    SingleChoiceQuestionBlock().clean(question(SingleChoiceQuestionBlock(), True, False))
    MultipleChoiceQuestionBlock().clean(question(MultipleChoiceQuestionBlock(), True, True, False))


def test_law_callout_needs_act_and_section():
    block = CalloutBlock()
    value = block.to_python(
        {"kind": "law", "title": "", "body": "<p>x</p>", "act": "", "section": ""}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert set(error.value.block_errors) == {"act", "section"}


def test_assessment_rules():
    module = make_module(lessons=0)
    empty = AssessmentPage(title="A", slug="a", questions=json.dumps([]), locale=module.locale)
    with pytest.raises(ValidationError) as error:
        empty.full_clean()
    assert "questions" in error.value.message_dict
    too_many = AssessmentPage(
        title="A",
        slug="a",
        locale=module.locale,
        draw_count=3,
        questions=json.dumps([single(), single()]),
    )
    too_many.path, too_many.depth = module.path + "0009", module.depth + 1
    with pytest.raises(ValidationError) as error:
        too_many.full_clean()
    assert "draw_count" in error.value.message_dict
