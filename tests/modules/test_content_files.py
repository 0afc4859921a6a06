"""Module content as data files: the shipped packages, the loader's validation through the
blocks, ``manage.py import_module`` and translations from PO files."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageLogEntry, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from lms.accounts.models import Role
from modules.content.assets import assets_ensure
from modules.content.blocks import LessonStreamBlock
from modules.content.loader import (
    CONTENT_DIR,
    ContentError,
    module_streams,
    read_module,
    read_translation,
    translation_template,
)
from modules.content.models import AssessmentPage, LessonPage, TrainingModulePage
from modules.content.services import module_import, module_translation_import
from tests.accounts.factories import UserFactory, make_role
from tests.modules.factories import catalogue

SHIPPED = sorted(CONTENT_DIR.glob("*.en.yaml"))
TRANSLATIONS = sorted(CONTENT_DIR.glob("*.po"))


def small_module() -> dict:
    return {
        "code": "TS-101",
        "slug": "test-module",
        "title": "A test module",
        "summary": "What the test module covers.",
        "learning_outcomes": ["Name the parts of a test."],
        "cadres": ["dcpo"],
        "competencies": ["Prepares and reviews an Individual Care Plan"],
        "lessons": [
            {
                "title": "Lesson one",
                "slug": "lesson-one",
                "estimated_minutes": 5,
                "body": [
                    {"type": "heading", "id": "b01", "value": {"text": "A heading", "level": "h2"}},
                    {"type": "text", "id": "b02", "value": "<p>Some <b>bold</b> text.</p>"},
                    {
                        "type": "knowledge_check",
                        "id": "b03",
                        "value": {
                            "question": "Which is right?",
                            "options": [
                                {"text": "This one", "correct": True},
                                {"text": "That one", "correct": False},
                            ],
                            "feedback_correct": "Yes.",
                            "feedback_incorrect": "Look again.",
                        },
                    },
                ],
            }
        ],
        "assessment": {
            "title": "Assessment",
            "slug": "assessment",
            "questions": [
                {
                    "type": "true_false",
                    "id": "q01",
                    "value": {
                        "question": "Tests help.",
                        "points": 1,
                        "explanation": "They do.",
                        "correct_answer": "true",
                    },
                }
            ],
        },
    }


def write_module(folder: Path, data: dict, name: str = "ts101.en.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "log": PageLogEntry.objects.count(),
        "workflows": WorkflowState.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "translations": StringTranslation.objects.count(),
    }


@pytest.fixture
def author():
    return make_role(UserFactory(email="author.import@example.org"), Role.AUTHOR)


# --- The shipped files ------------------------------------------------------------------------


def test_the_demo_ships_six_modules_and_a_hindi_and_an_assamese_cp101():
    assert [path.name for path in SHIPPED] == [
        *(f"cp10{n}.en.yaml" for n in range(1, 6)),
        "tot101.en.yaml",
    ]
    assert [path.name for path in TRANSLATIONS] == ["cp101.as.po", "cp101.hi.po"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_every_shipped_module_file_loads_and_validates_through_the_blocks(path):
    source = read_module(path)
    ids, _created = assets_ensure(source.assets, source.asset_names())
    values, problems = module_streams(source, ids)
    assert problems == []
    body = values["lessons[0]"]["body"]
    assert [child.id for child in body] == [
        item["id"] for item in source.data["lessons"][0]["body"]
    ]


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda path: path.name)
def test_every_shipped_translation_reads_complete(path):
    translation = read_translation(path)
    assert translation.language == path.name.split(".")[1]
    assert all(message.strip() for page in translation.pages.values() for message in page.values())


def _words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("level", "kind", "image", "document", "correct"):
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_shipped_modules_keep_the_house_style(path):
    """The demo's editorial targets (not rules for every module, so not in the blocks): 3 to 6
    lessons of 600 to 1,200 words, 4 to 6 outcomes, 8 to 15 questions of all three kinds."""
    data = read_module(path).data
    assert 3 <= len(data["lessons"]) <= 6
    assert 4 <= len(data["learning_outcomes"]) <= 6
    for lesson in data["lessons"]:
        words = sum(_words(text) for block in lesson["body"] for text in _texts(block["value"]))
        assert 600 <= words <= 1200, (lesson["slug"], words)
    questions = data["assessment"]["questions"]
    assert 8 <= len(questions) <= 15
    assert {q["type"] for q in questions} == {"single_choice", "multiple_choice", "true_false"}


# --- Validation: bad content fails loudly, naming the file and the place ---------------------


def _no_correct_option(data):
    for option in data["lessons"][0]["body"][2]["value"]["options"]:
        option["correct"] = False


def _unknown_block(data):
    data["lessons"][0]["body"][1]["type"] = "quiz"


def _missing_feedback(data):
    del data["lessons"][0]["body"][2]["value"]["feedback_correct"]


def _verdict_in_feedback(data):
    data["lessons"][0]["body"][2]["value"]["feedback_incorrect"] = "Not quite. Look again."


def _misspelt_field(data):
    value = data["lessons"][0]["body"][2]["value"]
    value["feedbak_correct"] = value.pop("feedback_correct")


def _script_in_text(data):
    data["lessons"][0]["body"][1]["value"] = "<p>Hello</p><script>alert(1)</script>"


def _law_without_section(data):
    data["lessons"][0]["body"].append(
        {
            "type": "callout",
            "id": "b04",
            "value": {"kind": "law", "title": "", "body": "<p>A duty.</p>", "act": "JJ Act"},
        }
    )


def _version_as_number(data):
    data["version"] = 1.0


def _unknown_cadre(data):
    data["cadres"].append("astronaut")


def _duplicate_id(data):
    data["lessons"][0]["body"][1]["id"] = "b01"


def _true_false_without_answer(data):
    data["assessment"]["questions"][0]["value"]["correct_answer"] = "maybe"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _no_correct_option,
            "ts101.en.yaml: lessons[0].body[2] (knowledge_check b03).options: "
            "Mark at least one option as correct.",
        ),
        (_unknown_block, "ts101.en.yaml: lessons[0].body[1] (quiz b02): unknown block type 'quiz'"),
        (
            _missing_feedback,
            "ts101.en.yaml: lessons[0].body[2] (knowledge_check b03).feedback_correct: "
            "This field is required.",
        ),
        (
            _verdict_in_feedback,
            "ts101.en.yaml: lessons[0].body[2] (knowledge_check b03).feedback_incorrect: "
            "Leave out “Not quite” at the start: the page already says it before the feedback.",
        ),
        (
            _misspelt_field,
            "ts101.en.yaml: lessons[0].body[2] (knowledge_check b03).feedbak_correct: "
            "unknown field",
        ),
        (
            _script_in_text,
            "ts101.en.yaml: lessons[0].body[1] (text b02): The tag <script> is not allowed here.",
        ),
        (
            _law_without_section,
            "ts101.en.yaml: lessons[0].body[3] (callout b04).section: "
            "Give the section for a provision of law.",
        ),
        (_version_as_number, "ts101.en.yaml: version: text expected, not a number"),
        (_unknown_cadre, "ts101.en.yaml: cadres: 'astronaut' does not exist on this site"),
        (_duplicate_id, "the id 'b01' is used twice on this page"),
        (
            _true_false_without_answer,
            "ts101.en.yaml: assessment.questions[0] (true_false q01).correct_answer: "
            "Select a valid choice.",
        ),
    ],
    ids=lambda value: value.__name__[1:] if callable(value) else "",
)
def test_a_bad_file_fails_naming_file_and_path_and_creates_nothing(
    tmp_path, author, change, message
):
    data = small_module()
    change(data)
    path = write_module(tmp_path, data)
    before = counts()
    with pytest.raises(CommandError) as raised:
        call_command("import_module", str(path), "--user", author.email, "--submit")
    assert message in str(raised.value)
    assert str(raised.value).startswith("Nothing was imported.")
    assert counts() == before


def test_rich_text_keeps_to_its_features_in_the_admin_too():
    """The rule lives in the blocks, so authors in the admin get it as well as imports."""
    block = LessonStreamBlock()
    good = block.to_python([{"type": "text", "id": "a", "value": "<p>A <b>b</b> <i>c</i></p>"}])
    block.clean(good)
    for html in (
        '<p><a href="javascript:alert(1)">x</a></p>',
        '<p onclick="alert(1)">x</p>',
        '<img src="x.png">',
        "<table><tr><td>x</td></tr></table>",
    ):
        with pytest.raises(Exception, match="Validation error") as raised:
            block.clean(block.to_python([{"type": "text", "id": "a", "value": html}]))
        assert raised.value.block_errors[0].messages, html
    linked = block.to_python(
        [{"type": "text", "id": "a", "value": '<p><a href="https://example.org/">x</a></p>'}]
    )
    block.clean(linked)


# --- The command -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_creates_drafts_submitted_to_the_review_workflow_never_live(tmp_path, author):
    path = write_module(tmp_path, small_module())
    call_command("import_module", str(path), "--user", author.email, "--submit")
    module = TrainingModulePage.objects.get(code="TS-101")
    pages = [module, *Page.objects.child_of(module).specific().order_by("path")]
    assert [type(page) for page in pages] == [TrainingModulePage, LessonPage, AssessmentPage]
    assert module.get_parent().pk == catalogue().pk
    for page in pages:
        assert not page.live
        assert page.owner == author
        state = WorkflowState.objects.for_instance(page).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == author
    lesson = pages[1]
    assert [child.id for child in lesson.body] == ["b01", "b02", "b03"]
    options = lesson.body[2].value["options"].bound_blocks
    assert [option.id for option in options] == ["b03-1", "b03-2"]
    assert PageLogEntry.objects.filter(page=module, action="modules.module.imported").exists()


@pytest.mark.django_db
def test_import_without_submit_leaves_drafts_outside_the_workflow(tmp_path, author):
    path = write_module(tmp_path, small_module())
    call_command("import_module", str(path), "--user", author.email)
    module = TrainingModulePage.objects.get(code="TS-101")
    assert not module.live
    assert not WorkflowState.objects.for_instance(module).exists()


@pytest.mark.django_db
def test_import_refuses_a_module_code_the_site_has_and_changes_nothing(tmp_path, author):
    path = write_module(tmp_path, small_module())
    call_command("import_module", str(path), "--user", author.email)
    other = small_module()
    other["slug"] = "another-slug"
    before = counts()
    with pytest.raises(CommandError, match="TS-101 already exists in this language"):
        call_command("import_module", str(write_module(tmp_path, other)), "--user", author.email)
    assert counts() == before


@pytest.mark.django_db
def test_import_refuses_a_user_who_may_not_add_modules(tmp_path):
    learner = make_role(UserFactory(), Role.LEARNER)
    path = write_module(tmp_path, small_module())
    before = counts()
    with pytest.raises(CommandError, match="may not add modules"):
        call_command("import_module", str(path), "--user", learner.email)
    assert counts() == before


@pytest.mark.django_db
def test_a_failed_import_deletes_the_asset_files_it_drew(tmp_path, author, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "assets.yaml").write_text(
        yaml.safe_dump(
            {"chart": {"kind": "image", "title": "A chart", "diagram": {"boxes": [["One"]]}}}
        ),
        encoding="utf-8",
    )
    data = small_module()
    data["lessons"][0]["body"].append(
        {"type": "image", "id": "b04", "value": {"image": "chart", "alt_text": "", "caption": ""}}
    )
    before = counts()
    with pytest.raises(CommandError, match=r"\(image b04\)\.alt_text: This field is required"):
        call_command("import_module", str(write_module(tmp_path, data)), "--user", author.email)
    assert counts() == before
    assert not [p for p in (tmp_path / "media").rglob("*") if p.is_file()]


# --- Translations from PO files --------------------------------------------------------------


def _translate(po: polib.POFile) -> polib.POFile:
    for entry in po:
        context = entry.msgctxt.split("/", 1)[1]
        entry.msgstr = entry.msgid if context in ("code", "slug") else f"हिंदी {entry.msgid}"
    return po


def _pages(module):
    return [module, *Page.objects.child_of(module).specific().order_by("path")]


@pytest.fixture
def imported(tmp_path, author):
    source = read_module(write_module(tmp_path, small_module()))
    module = module_import(source=source, catalogue=catalogue(), user=author)
    po = _translate(translation_template(_pages(module)))
    return source, module, po


@pytest.mark.django_db
def test_a_complete_po_file_makes_linked_draft_translations_in_review(imported, author):
    source, module, po = imported
    po.save(str(source.translation_path("hi")))
    translated = module_translation_import(
        module=module, source=source, language="hi", user=author, submit=True
    )
    assert translated.locale.language_code == "hi"
    assert translated.translation_key == module.translation_key
    assert translated.title == "हिंदी A test module"
    assert translated.code == "TS-101"
    lesson = Page.objects.child_of(translated).type(LessonPage).specific().get()
    source_lesson = Page.objects.child_of(module).type(LessonPage).specific().get()
    assert [c.id for c in lesson.body] == [c.id for c in source_lesson.body]
    assert lesson.body[1].value.source == "<p>हिंदी Some <b>bold</b> text.</p>"
    assert lesson.body[2].value["options"][0]["correct"] is True
    for page in [translated, *Page.objects.child_of(translated)]:
        assert not page.live
        assert WorkflowState.objects.for_instance(page).get().requested_by == author
    assert Translation.objects.filter(target_locale__language_code="hi").count() == 3


@pytest.mark.django_db
def test_a_po_file_missing_a_message_is_refused_and_changes_nothing(imported, author):
    source, module, po = imported
    missing = next(entry for entry in po if entry.msgctxt == "lesson-one/body.b03.question")
    po.remove(missing)
    po.save(str(source.translation_path("hi")))
    before = counts()
    with pytest.raises(ContentError) as raised:
        module_translation_import(module=module, source=source, language="hi", user=author)
    assert "ts101.hi.po: lesson-one/body.b03.question: no translation of 'Which is right?'" in str(
        raised.value
    )
    assert counts() == before
    assert not module.get_translations().exists()


@pytest.mark.django_db
def test_a_po_file_repeating_the_verdict_in_a_feedback_is_refused(imported, author):
    source, module, po = imported
    entry = next(e for e in po if e.msgctxt == "lesson-one/body.b03.feedback_correct")
    entry.msgstr = "सही। हाँ।"
    po.save(str(source.translation_path("hi")))
    before = counts()
    with pytest.raises(ContentError, match=r"b03\)?\.feedback_correct: Leave out “सही”"):
        module_translation_import(module=module, source=source, language="hi", user=author)
    assert counts() == before
    assert not module.get_translations().exists()


@pytest.mark.django_db
def test_a_po_file_with_a_message_the_source_lacks_is_refused(imported, author):
    source, module, po = imported
    po.append(polib.POEntry(msgctxt="lesson-one/body.b09.text", msgid="Gone", msgstr="गया"))
    po.save(str(source.translation_path("hi")))
    before = counts()
    with pytest.raises(ContentError, match=r"lesson-one/body\.b09\.text: the source has no such"):
        module_translation_import(module=module, source=source, language="hi", user=author)
    assert counts() == before


@pytest.mark.django_db
def test_a_po_file_behind_a_changed_source_text_is_refused(imported, author):
    source, module, po = imported
    stale = next(entry for entry in po if entry.msgctxt == "lesson-one/body.b01.text")
    stale.msgid = "The heading as it was before"
    po.save(str(source.translation_path("hi")))
    with pytest.raises(ContentError) as raised:
        module_translation_import(module=module, source=source, language="hi", user=author)
    assert "lesson-one/body.b01.text: no translation of 'A heading'" in str(raised.value)
    assert "the source has no such text (changed or removed): 'The heading as it" in str(
        raised.value
    )


@pytest.mark.django_db
def test_an_import_with_an_incomplete_translation_imports_nothing(tmp_path, author):
    # The PO file comes from a first import, rolled back: then import module and translation.
    source = read_module(write_module(tmp_path, small_module()))
    with transaction.atomic():
        module = module_import(source=source, catalogue=catalogue(), user=author)
        po = _translate(translation_template(_pages(module)))
        transaction.set_rollback(True)
    po.remove(next(entry for entry in po if entry.msgctxt == "assessment/title"))
    po.save(str(source.translation_path("hi")))
    before = counts()
    with pytest.raises(CommandError, match="assessment/title: no translation of 'Assessment'"):
        call_command("import_module", str(source.path), "--user", author.email, "--language", "hi")
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hi", "as"])
def test_module_po_rewrites_the_shipped_translation_unchanged(tmp_path, language):
    po_name = f"cp101.{language}.po"
    for name in ("cp101.en.yaml", "assets.yaml", po_name):
        (tmp_path / name).write_bytes((CONTENT_DIR / name).read_bytes())
    before = counts()
    call_command("module_po", str(tmp_path / "cp101.en.yaml"), language)
    assert (tmp_path / po_name).read_bytes() == (CONTENT_DIR / po_name).read_bytes()
    assert counts() == before


#: How the Assamese CP-101 names the bodies (as Assam's child-protection services do).
ASSAMESE_TERMS = {
    "Child Welfare Committee": "শিশু কল্যাণ সমিতি",
    "Juvenile Justice Board": "কিশোৰ ন্যায় পৰিষদ",
    "District Child Protection Unit": "জিলা শিশু সুৰক্ষা গোট",
    "Mission Vatsalya": "মিছন বাৎসল্য",
}
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.mark.django_db
def test_the_assamese_cp101_translates_every_message_of_the_english_package(tmp_path):
    for name in ("cp101.en.yaml", "assets.yaml"):
        (tmp_path / name).write_bytes((CONTENT_DIR / name).read_bytes())
    call_command("module_po", str(tmp_path / "cp101.en.yaml"), "as")
    expected = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / "cp101.as.po"))}
    shipped = polib.pofile(str(CONTENT_DIR / "cp101.as.po"))
    hindi = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CONTENT_DIR / "cp101.hi.po"))}
    assert [(e.msgctxt, e.msgid) for e in shipped if (e.msgctxt, e.msgid) not in expected] == []
    assert {(e.msgctxt, e.msgid) for e in shipped} == expected == hindi
    assert len(shipped) == len(expected)
    assert shipped.metadata["Language"] == "as"
    for entry in shipped:
        where = entry.msgctxt
        assert not entry.fuzzy, where
        assert not entry.obsolete, where
        assert entry.msgstr.strip(), where
        if where.rsplit("/", 1)[1] in ("code", "slug", "version"):
            assert entry.msgstr == entry.msgid, where
            continue
        # Assamese script with its own ৰ and no Bengali র or Devanagari letters.
        assert re.search("[\u0980-\u09ff]", entry.msgstr), where
        assert "\u09b0" not in entry.msgstr, where
        assert not re.search("[\u0900-\u0963\u0966-\u097f]", entry.msgstr), where
        assert _TAG.findall(entry.msgstr) == _TAG.findall(entry.msgid), where
        assert sorted(_PLACEHOLDER.findall(entry.msgstr)) == sorted(
            _PLACEHOLDER.findall(entry.msgid)
        ), where
        # Section numbers, years, ages and amounts stay as they are.
        assert set(re.findall(r"\d+", entry.msgstr)) == set(re.findall(r"\d+", entry.msgid)), where
        for english, assamese in ASSAMESE_TERMS.items():
            if english in entry.msgid:
                assert assamese in entry.msgstr, (where, english)


@pytest.mark.django_db
def test_module_po_keeps_a_changed_text_fuzzy_and_the_import_refuses_it(tmp_path, author):
    path = write_module(tmp_path, small_module())
    call_command("module_po", str(path), "hi")
    po_path = tmp_path / "ts101.hi.po"
    po = _translate(polib.pofile(str(po_path)))
    po.save(str(po_path))
    data = small_module()
    data["lessons"][0]["body"][0]["value"]["text"] = "A better heading"
    write_module(tmp_path, data)
    call_command("module_po", str(path), "hi")
    entry = next(e for e in polib.pofile(str(po_path)) if e.msgctxt == "lesson-one/body.b01.text")
    assert (entry.msgid, entry.previous_msgid, entry.msgstr) == (
        "A better heading",
        "A heading",
        "हिंदी A heading",
    )
    assert entry.fuzzy
    before = counts()
    with pytest.raises(CommandError, match=r"lesson-one/body\.b01\.text\): fuzzy"):
        call_command("import_module", str(path), "--user", author.email, "--language", "hi")
    assert counts() == before


# --- The demo ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_seeded_demo_has_the_files_modules_and_the_hindi_cp101():
    call_command("seed_demo")
    english, hindi = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="hi")
    for path in SHIPPED:
        data = read_module(path).data
        module = TrainingModulePage.objects.live().get(code=data["code"], locale=english)
        assert module.title == data["title"]
        lessons = LessonPage.objects.live().child_of(module).order_by("path")
        assert [lesson.title for lesson in lessons] == [ls["title"] for ls in data["lessons"]]
        assert [[child.id for child in lesson.body] for lesson in lessons] == [
            [block["id"] for block in ls["body"]] for ls in data["lessons"]
        ]
        assessment = AssessmentPage.objects.live().child_of(module).get()
        assert len(assessment.questions) == len(data["assessment"]["questions"])
    po = read_translation(CONTENT_DIR / "cp101.hi.po")
    source = TrainingModulePage.objects.get(code="CP-101", locale=english)
    translated = TrainingModulePage.objects.live().get(code="CP-101", locale=hindi)
    assert translated.translation_key == source.translation_key
    for lesson in LessonPage.objects.live().child_of(translated).order_by("path"):
        messages = po.pages[lesson.slug]
        assert lesson.title == messages[("title", lesson.get_translation(english).title)]
        assert [c.id for c in lesson.body] == [c.id for c in lesson.get_translation(english).body]
    first = LessonPage.objects.live().child_of(translated).order_by("path").first()
    assert first.body[0].value["text"] == "बाल संरक्षण योजना की आवश्यकता क्यों?"
    for page in Page.objects.descendant_of(translated, inclusive=True):
        state = WorkflowState.objects.for_instance(page).get()
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.requested_by.email == "author@demo.example.org"
