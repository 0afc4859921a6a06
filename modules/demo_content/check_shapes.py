"""Self-checks for the demo training content.

Run from the project root with ``python -m modules.demo_content.check_shapes``. It checks:

* that every translation has exactly the shape of its English module (same lists, same keys,
  same non-text values), so that the two can be paired element by element;
* the field limits of the lesson and question blocks (``modules/blocks.py``);
* the editorial rules of the demo modules: lesson and question counts, lesson length, allowed
  HTML tags, option rules and prerequisites.

Everything here is plain Python: no Django settings are needed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Keys whose string values are identifiers, not text: they must be equal in a translation.
IDENTIFIER_KEYS = frozenset(
    {
        "code",
        "slug",
        "version",
        "cadres",
        "competencies",
        "prerequisites",
        "completion_rule",
        "level",
        "kind",
        "asset",
        "correct_answer",
    }
)

# A translation may carry translated asset texts for an image block under this key only.
TRANSLATION_ONLY_KEYS = frozenset({"asset_hi"})

BLOCK_TYPES = frozenset(
    {
        "heading",
        "text",
        "callout",
        "case_study",
        "key_points",
        "quote",
        "knowledge_check",
        "image",
        "document",
    }
)
QUESTION_TYPES = frozenset({"single_choice", "multiple_choice", "true_false"})

CODE_RE = re.compile(r"^[A-Z]{2,5}-\d{3}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_RE = re.compile(r"</?([a-zA-Z0-9]+)[^>]*>")

#: Tags allowed in lesson text blocks and in the short rich text of callouts and case studies.
TEXT_TAGS = frozenset({"p", "ul", "ol", "li", "b", "i", "h3"})
SHORT_TAGS = frozenset({"p", "ul", "ol", "li", "b", "i"})

CADRES = frozenset(
    {
        "dcpo",
        "po-institutional",
        "po-non-institutional",
        "legal-probation-officer",
        "counsellor",
        "social-worker",
        "outreach-worker",
        "data-analyst",
        "scps-staff",
        "cwc-member",
        "jjb-member",
        "sjpu-officer",
        "cwpo",
        "cci-superintendent",
        "cci-staff",
        "saa-staff",
        "child-helpline",
        "cpc-member",
        "other",
    }
)

COMPETENCIES = frozenset(
    {
        "Applies the Juvenile Justice Act, 2015 and its Model Rules",
        "Applies the POCSO Act, 2012 and child-friendly procedures",
        "Knows the structures and services of ICPS / Mission Vatsalya",
        "Upholds the rights of the child under the UN Convention on the Rights of the Child",
        "Assesses a child's situation and risks (social investigation)",
        "Prepares and reviews an Individual Care Plan",
        "Plans restoration, repatriation and follow-up",
        "Communicates with children in a child-friendly way",
        "Takes the child's views into account in decisions",
        "Supports children who have experienced abuse or trauma",
        "Arranges sponsorship and foster care",
        "Follows the adoption process under the Adoption Regulations",
        "Prevents unnecessary institutionalisation",
        "Works with police, health, education and legal services",
        "Engages village and block child protection committees",
        "Keeps case records and registers as the rules require",
        "Uses the tracking and management information systems",
        "Protects children's personal data and confidentiality",
        "Recognises and manages stress and secondary trauma",
        "Uses supervision and peer support",
    }
)

LESSON_WORDS = (600, 1200)
LESSON_COUNT = (3, 6)
QUESTION_COUNT = (8, 15)
OUTCOME_COUNT = (4, 6)


# --- Shape -------------------------------------------------------------------------------


def assert_same_shape(a, b, path: str = "MODULE") -> None:
    """Raise ``AssertionError`` unless ``b`` has exactly the shape of ``a``.

    Strings may differ (they are the translated texts), except under the identifier keys and
    for the block type that opens each ``(type, value)`` pair. Lists and tuples must have the
    same length, dicts the same keys, and every other value must be equal. A translation may
    add the keys in ``TRANSLATION_ONLY_KEYS`` (translated image texts).
    """
    if isinstance(a, dict):
        if not isinstance(b, dict):
            raise AssertionError(f"{path}: dict expected, got {type(b).__name__}")
        extra = set(b) - set(a) - TRANSLATION_ONLY_KEYS
        missing = set(a) - set(b)
        if extra or missing:
            raise AssertionError(
                f"{path}: keys differ (missing {sorted(missing)}, extra {sorted(extra)})"
            )
        for key, value in a.items():
            child = f"{path}[{key!r}]"
            if key in IDENTIFIER_KEYS and value != b[key]:
                raise AssertionError(f"{child}: identifier differs: {value!r} != {b[key]!r}")
            assert_same_shape(value, b[key], child)
        return
    if isinstance(a, list | tuple):
        if type(a) is not type(b):
            raise AssertionError(f"{path}: {type(a).__name__} expected, got {type(b).__name__}")
        if len(a) != len(b):
            raise AssertionError(f"{path}: length {len(a)} != {len(b)}")
        is_block = (
            isinstance(a, tuple)
            and len(a) == 2
            and isinstance(a[0], str)
            and a[0] in BLOCK_TYPES | QUESTION_TYPES
        )
        if is_block and a[0] != b[0]:
            raise AssertionError(f"{path}: block type {a[0]!r} != {b[0]!r}")
        for index, (left, right) in enumerate(zip(a, b, strict=True)):
            assert_same_shape(left, right, f"{path}[{index}]")
        return
    if isinstance(a, str):
        if not isinstance(b, str):
            raise AssertionError(f"{path}: str expected, got {type(b).__name__}")
        if bool(a.strip()) != bool(b.strip()):
            raise AssertionError(f"{path}: one text is empty and the other is not")
        return
    if type(a) is not type(b) or a != b:
        raise AssertionError(f"{path}: value differs: {a!r} != {b!r}")


# --- Limits and editorial rules -------------------------------------------------------------


def _plain(html: str) -> str:
    return TAG_RE.sub(" ", html)


def words(text: str) -> int:
    return len(_plain(text).split())


def _texts(value):
    """Every human-readable string inside a block value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in IDENTIFIER_KEYS:
                yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def lesson_words(lesson: dict) -> int:
    return sum(words(text) for _kind, value in lesson["body"] for text in _texts(value))


def _check_len(errors: list[str], where: str, text, limit: int) -> None:
    if not isinstance(text, str):
        errors.append(f"{where}: text expected")
    elif len(text) > limit:
        errors.append(f"{where}: {len(text)} characters, limit {limit}")


def _check_html(errors: list[str], where: str, html: str, allowed: frozenset[str]) -> None:
    for tag in TAG_RE.findall(html):
        if tag.lower() not in allowed:
            errors.append(f"{where}: tag <{tag}> not allowed")
    lowered = html.lower()
    for bad in ("<a ", "<img", "<script", "href=", "src=", "javascript:"):
        if bad in lowered:
            errors.append(f"{where}: {bad!r} not allowed")


def _check_options(errors: list[str], where: str, options, *, exactly_one: bool) -> None:
    if len(options) < 2:
        errors.append(f"{where}: at least two options needed")
    correct = 0
    for index, option in enumerate(options):
        if not (isinstance(option, tuple) and len(option) == 2 and isinstance(option[1], bool)):
            errors.append(f"{where}[{index}]: option must be (text, bool)")
            continue
        _check_len(errors, f"{where}[{index}]", option[0], 300)
        correct += option[1]
    if correct == 0:
        errors.append(f"{where}: no correct option")
    if exactly_one and correct != 1:
        errors.append(f"{where}: exactly one correct option needed, found {correct}")


def _check_block(errors: list[str], where: str, kind: str, value, assets: dict) -> None:
    if kind == "heading":
        _check_len(errors, f"{where}.text", value["text"], 120)
        if value["level"] not in ("h2", "h3"):
            errors.append(f"{where}.level: h2 or h3")
    elif kind == "text":
        _check_html(errors, where, value, TEXT_TAGS)
    elif kind == "callout":
        if value["kind"] not in ("note", "warning", "law"):
            errors.append(f"{where}.kind: unknown")
        _check_len(errors, f"{where}.title", value["title"], 150)
        _check_len(errors, f"{where}.act", value["act"], 200)
        _check_len(errors, f"{where}.section", value["section"], 60)
        _check_html(errors, f"{where}.body", value["body"], SHORT_TAGS)
        if value["kind"] == "law" and not (value["act"] and value["section"]):
            errors.append(f"{where}: a provision of law needs act and section")
    elif kind == "case_study":
        _check_len(errors, f"{where}.title", value["title"], 150)
        _check_html(errors, f"{where}.scenario", value["scenario"], SHORT_TAGS)
        _check_html(errors, f"{where}.discussion", value["discussion"], SHORT_TAGS)
        for index, question in enumerate(value["questions"]):
            _check_len(errors, f"{where}.questions[{index}]", question, 300)
    elif kind == "key_points":
        _check_len(errors, f"{where}.title", value["title"], 150)
        if not value["points"]:
            errors.append(f"{where}: at least one point")
        for index, point in enumerate(value["points"]):
            _check_len(errors, f"{where}.points[{index}]", point, 300)
    elif kind == "quote":
        _check_len(errors, f"{where}.attribution", value["attribution"], 150)
        _check_len(errors, f"{where}.source", value["source"], 200)
    elif kind == "knowledge_check":
        _check_options(errors, f"{where}.options", value["options"], exactly_one=False)
    elif kind in ("image", "document"):
        asset = assets.get(value["asset"])
        if asset is None or asset["kind"] != kind:
            errors.append(f"{where}: no {kind} asset named {value['asset']!r}")
        if kind == "document":
            _check_len(errors, f"{where}.title", value["title"], 150)
            _check_len(errors, f"{where}.description", value["description"], 250)
    else:
        errors.append(f"{where}: unknown block type {kind!r}")


def _check_question(errors: list[str], where: str, kind: str, value) -> None:
    if not value["question"].strip() or not value["explanation"].strip():
        errors.append(f"{where}: question and explanation are required")
    if not 1 <= value["points"] <= 100:
        errors.append(f"{where}.points: 1 to 100")
    if kind == "single_choice":
        _check_options(errors, f"{where}.options", value["options"], exactly_one=True)
    elif kind == "multiple_choice":
        _check_options(errors, f"{where}.options", value["options"], exactly_one=False)
    elif kind == "true_false":
        if value["correct_answer"] not in ("true", "false"):
            errors.append(f"{where}.correct_answer: 'true' or 'false'")
    else:
        errors.append(f"{where}: unknown question type {kind!r}")


def _between(errors: list[str], where: str, count: int, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not low <= count <= high:
        errors.append(f"{where}: {count}, expected {low} to {high}")


def check_module(module: dict, assets: dict, *, known_codes=(), translation=False) -> list[str]:
    """Return the list of problems found in one module (empty when all is well).

    ``translation`` relaxes the lesson length rule, which is written for English text.
    """
    errors: list[str] = []
    code = module["code"]
    if not CODE_RE.match(code):
        errors.append(f"{code}: code must be two to five capitals, a hyphen and three digits")
    if not SLUG_RE.match(module["slug"]):
        errors.append(f"{code}: bad slug")
    title = module["title"]
    if "<" in title or ">" in title or len(title) > 255:
        errors.append(f"{code}.title: no < or >, at most 255 characters")
    _check_len(errors, f"{code}.summary", module["summary"], 600)
    _between(errors, f"{code}.learning_outcomes", len(module["learning_outcomes"]), OUTCOME_COUNT)
    for index, outcome in enumerate(module["learning_outcomes"]):
        _check_len(errors, f"{code}.learning_outcomes[{index}]", outcome, 300)
    errors += [f"{code}: unknown cadre {c!r}" for c in module["cadres"] if c not in CADRES]
    errors += [
        f"{code}: unknown competency {c!r}" for c in module["competencies"] if c not in COMPETENCIES
    ]
    errors += [
        f"{code}: prerequisite {p!r} is not an earlier module"
        for p in module["prerequisites"]
        if p not in known_codes
    ]
    if module["completion_rule"] == "lessons_assessment_attendance":
        if not module["required_attendance_percent"]:
            errors.append(f"{code}: attendance rule needs required_attendance_percent")
    elif module["completion_rule"] != "lessons_assessment":
        errors.append(f"{code}: unknown completion rule")

    lessons = module["lessons"]
    _between(errors, f"{code}.lessons", len(lessons), LESSON_COUNT)
    slugs = [lesson["slug"] for lesson in lessons] + [module["assessment"]["slug"]]
    if len(set(slugs)) != len(slugs):
        errors.append(f"{code}: lesson slugs must be unique")
    for number, lesson in enumerate(lessons, start=1):
        where = f"{code}.lesson{number}"
        if not lesson["title"].strip() or len(lesson["title"]) > 255:
            errors.append(f"{where}: title required, at most 255 characters")
        if not SLUG_RE.match(lesson["slug"]):
            errors.append(f"{where}: bad slug")
        if not translation:
            _between(errors, f"{where} words", lesson_words(lesson), LESSON_WORDS)
        for index, (kind, value) in enumerate(lesson["body"]):
            _check_block(errors, f"{where}.body[{index}]", kind, value, assets)

    assessment = module["assessment"]
    questions = assessment["questions"]
    _between(errors, f"{code}.questions", len(questions), QUESTION_COUNT)
    kinds = {kind for kind, _value in questions}
    if kinds != QUESTION_TYPES:
        errors.append(f"{code}: use all three question types")
    for index, (kind, value) in enumerate(questions):
        _check_question(errors, f"{code}.questions[{index}]", kind, value)
    return errors


def check_assets(assets: dict) -> list[str]:
    errors: list[str] = []
    for name, asset in assets.items():
        _check_len(errors, f"asset {name}.title", asset["title"], 150)
        if asset["kind"] == "image":
            _check_len(errors, f"asset {name}.alt_text", asset["alt_text"], 250)
            _check_len(errors, f"asset {name}.caption", asset["caption"], 250)
            rows = asset["diagram"]["boxes"]
            if not rows or not all(rows):
                errors.append(f"asset {name}: every diagram row needs at least one box")
        elif asset["kind"] == "document":
            allowed = frozenset({"h1", "h2", "p", "ul", "ol", "li", "b", "i"})
            _check_html(errors, f"asset {name}.html", asset["html"], allowed)
        else:
            errors.append(f"asset {name}: unknown kind")
    return errors


def check_translated_assets(module: dict) -> list[str]:
    """Translated image texts, when a translation carries them, respect the image limits."""
    errors: list[str] = []
    for number, lesson in enumerate(module["lessons"], start=1):
        for index, (kind, value) in enumerate(lesson["body"]):
            texts = value.get("asset_hi") if kind == "image" else None
            if texts:
                where = f"{module['code']}.lesson{number}.body[{index}].asset_hi"
                _check_len(errors, f"{where}.alt_text", texts["alt_text"], 250)
                _check_len(errors, f"{where}.caption", texts["caption"], 250)
    return errors


def main() -> int:
    from modules.demo_content import MODULES, TRANSLATIONS
    from modules.demo_content.assets import ASSETS

    out = sys.stdout
    errors = check_assets(ASSETS)
    codes: list[str] = []
    for module in MODULES:
        errors += check_module(module, ASSETS, known_codes=tuple(codes))
        codes.append(module["code"])
        counts = [lesson_words(lesson) for lesson in module["lessons"]]
        out.write(
            f"{module['code']}  {module['title']}\n"
            f"    lessons {len(counts)}, questions {len(module['assessment']['questions'])}, "
            f"words per lesson {counts}, total {sum(counts)}\n"
        )
    by_code = {module["code"]: module for module in MODULES}
    for code, languages in TRANSLATIONS.items():
        for language, translated in languages.items():
            try:
                assert_same_shape(by_code[code], translated)
            except AssertionError as exc:
                errors.append(f"{code} [{language}] shape: {exc}")
            errors += check_module(translated, ASSETS, known_codes=tuple(codes), translation=True)
            errors += check_translated_assets(translated)
            out.write(f"{code} [{language}]  same shape as the English module\n")
    for error in errors:
        out.write(f"ERROR {error}\n")
    out.write("all checks passed\n" if not errors else f"{len(errors)} problem(s)\n")
    return 1 if errors else 0


if __name__ == "__main__":
    if not __package__:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
