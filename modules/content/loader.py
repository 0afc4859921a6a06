"""Module content as data files: reading them, checking their shape, and turning them into page
field values through the StreamField blocks' own ``to_python`` and ``clean``.

A module package is

* ``<name>.<language>.yaml``: the module in its source language, with its lessons and its
  assessment. Every lesson block and question carries a stable ``id``; list items (options,
  points, reflection questions) and learning outcomes take their parent's id and their position
  (``b04-2``, ``outcome-3``). Translations refer to these ids.
* ``assets.yaml`` beside it: the images and documents that image and document blocks name.
* ``<name>.<language>.po`` beside it for each translation: wagtail-localize's PO messages of every
  page of the module, each ``msgctxt`` prefixed with the page's slug (``<slug>/<context>``).

Nothing here writes to the database: ``modules.content.services`` does (``module_import``,
``module_translation_import``), and ``manage.py module_po`` writes a translation's PO file.
Every problem is reported as a ``ContentError`` that names the file and the place inside it,
e.g. ``cp102.en.yaml: lessons[3].body[5] (knowledge_check b06).options: Mark at least one
option as correct.``
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
import yaml
from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from lms.core.i18n import content_language_codes

from .blocks import rich_text_problems
from .models import AssessmentPage, LessonPage, TrainingModulePage

#: Where the platform's own module packages (the demo's) live.
CONTENT_DIR = Path(__file__).resolve().parent / "packages"

_FILE_NAME = re.compile(r"^(?P<name>[a-z0-9][a-z0-9_-]*)\.(?P<language>[a-z]{2,3}(?:-[a-z0-9]+)?)$")
#: Block ids end up in wagtail-localize's dotted context paths and in URLs: no dots, no slashes.
_BLOCK_ID = re.compile(r"^[A-Za-z0-9_-]{1,48}$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: What a document asset's HTML (printed to PDF, never shown as HTML) may use, besides <h1>.
DOCUMENT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul"]


class ContentError(Exception):
    """A content file cannot be used; ``problems`` are ``"<path inside the file>: <what>"``."""

    def __init__(self, file: str | Path, problems: list[str]):
        self.file = Path(file).name
        self.problems = list(problems)
        super().__init__("\n".join(f"{self.file}: {problem}" for problem in self.problems))


# --- The shape of a module file --------------------------------------------------------------

# Each key: (accepted types, required). ``int`` never accepts a bool here.
_MODULE_KEYS: dict[str, tuple[tuple[type, ...], bool]] = {
    "code": ((str,), True),
    "slug": ((str,), True),
    "title": ((str,), True),
    "version": ((str,), False),
    "summary": ((str,), True),
    "learning_outcomes": ((list,), False),
    "cadres": ((list,), False),
    "competencies": ((list,), False),
    "prerequisites": ((list,), False),
    "estimated_minutes": ((int, type(None)), False),
    "pass_mark": ((int,), False),
    "max_attempts": ((int,), False),
    "retake_cooldown_hours": ((int,), False),
    "min_reading_share": ((int,), False),
    "has_pre_test": ((bool,), False),
    "completion_rule": ((str,), False),
    "required_attendance_percent": ((int, type(None)), False),
    "awards_certificate": ((bool,), False),
    "certificate_validity_months": ((int, type(None)), False),
    "lessons": ((list,), True),
    "assessment": ((dict, type(None)), False),
}
_LESSON_KEYS = {
    "title": ((str,), True),
    "slug": ((str,), True),
    "estimated_minutes": ((int,), False),
    "body": ((list,), True),
}
_ASSESSMENT_KEYS = {
    "title": ((str,), True),
    "slug": ((str,), True),
    "intro": ((str,), False),
    "pass_mark": ((int, type(None)), False),
    "draw_count": ((int, type(None)), False),
    "shuffle_questions": ((bool,), False),
    "shuffle_options": ((bool,), False),
    "show_answers": ((str,), False),
    "questions": ((list,), True),
}
#: Page fields set from the file, by page type (StreamFields and relations are built apart).
MODULE_FIELDS = (
    "title",
    "slug",
    "code",
    "version",
    "summary",
    "estimated_minutes",
    "pass_mark",
    "max_attempts",
    "retake_cooldown_hours",
    "min_reading_share",
    "has_pre_test",
    "completion_rule",
    "required_attendance_percent",
    "awards_certificate",
    "certificate_validity_months",
)
LESSON_FIELDS = ("title", "slug", "estimated_minutes")
ASSESSMENT_FIELDS = (
    "title",
    "slug",
    "intro",
    "pass_mark",
    "draw_count",
    "shuffle_questions",
    "shuffle_options",
    "show_answers",
)


_TYPE_NAMES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _check_keys(data: Any, spec: dict, where: str, problems: list[str]) -> bool:
    prefix = f"{where}." if where else ""
    if not isinstance(data, dict):
        problems.append(f"{where or 'the file'}: a mapping of keys was expected")
        return False
    problems += [f"{prefix}{key}: unknown key" for key in data if key not in spec]
    for key, (types, required) in spec.items():
        if key not in data:
            if required:
                problems.append(f"{prefix}{key}: missing")
            continue
        value = data[key]
        # YAML reads 1.0 as a number and yes as true: say so rather than convert.
        if isinstance(value, types) and not (isinstance(value, bool) and bool not in types):
            continue
        wanted = " or ".join(_TYPE_NAMES[t] for t in types)
        hint = (
            ' (put it in quotes, e.g. "1.0")'
            if str in types and type(value) in (int, float)
            else ""
        )
        problems.append(f"{prefix}{key}: {wanted} expected, not {_type_name(value)}{hint}")
    return True


def _check_strings(values: Any, where: str, problems: list[str]) -> None:
    for index, value in enumerate(values or []):
        if not isinstance(value, str):
            problems.append(f"{where}[{index}]: text expected, not {_type_name(value)}")


def _check_stream_shape(
    stream_block: blocks.StreamBlock, items: list, where: str, problems: list[str]
) -> None:
    """Each item is ``{type, id, value}`` with a known type, a unique id and a value of the
    block's shape. Whether the values are *valid* is for the blocks' ``clean()`` to say."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        here = f"{where}[{index}]"
        if not isinstance(item, dict) or set(item) != {"type", "id", "value"}:
            problems.append(f"{here}: a block is a mapping of type, id and value")
            continue
        kind, block_id = item["type"], item["id"]
        here = f"{here} ({kind} {block_id})"
        if kind not in stream_block.child_blocks:
            known = ", ".join(stream_block.child_blocks)
            problems.append(f"{here}: unknown block type {kind!r} (known: {known})")
            continue
        if not isinstance(block_id, str) or not _BLOCK_ID.match(block_id):
            problems.append(f"{here}: the id must be up to 48 letters, digits, - or _")
        elif block_id in seen:
            problems.append(f"{here}: the id {block_id!r} is used twice on this page")
        seen.add(str(block_id))
        _check_value_shape(stream_block.child_blocks[kind], item["value"], here, problems)


def _check_value_shape(block: blocks.Block, value: Any, where: str, problems: list[str]) -> None:
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict):
            problems.append(f"{where}: a mapping of {', '.join(block.child_blocks)} expected")
            return
        for key, child_value in value.items():
            if key not in block.child_blocks:
                problems.append(f"{where}.{key}: unknown field")
            else:
                _check_value_shape(block.child_blocks[key], child_value, f"{where}.{key}", problems)
    elif isinstance(block, blocks.ListBlock):
        if not isinstance(value, list):
            problems.append(f"{where}: a list expected, not {_type_name(value)}")
            return
        for index, child_value in enumerate(value):
            _check_value_shape(block.child_block, child_value, f"{where}[{index}]", problems)
    elif isinstance(block, blocks.StreamBlock):
        if not isinstance(value, list):
            problems.append(f"{where}: a list of blocks expected")
        else:
            _check_stream_shape(block, value, where, problems)
    elif isinstance(block, ImageChooserBlock | DocumentChooserBlock):
        if not isinstance(value, str):
            problems.append(f"{where}: the name of an asset in assets.yaml expected")
    elif isinstance(value, dict | list):
        problems.append(f"{where}: a single value expected, not {_type_name(value)}")


def _stream_block(model: type[models.Model], field_name: str) -> blocks.StreamBlock:
    return model._meta.get_field(field_name).stream_block


def _chooser_kind(block: blocks.Block) -> str | None:
    if isinstance(block, ImageChooserBlock):
        return "image"
    if isinstance(block, DocumentChooserBlock):
        return "document"
    return None


def _asset_names(block: blocks.Block, value: Any) -> list[tuple[str, str]]:
    """(kind, name) of every asset a block value names."""
    kind = _chooser_kind(block)
    if kind:
        return [(kind, value)] if isinstance(value, str) else []
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return [
            name
            for key, child_value in value.items()
            if key in block.child_blocks
            for name in _asset_names(block.child_blocks[key], child_value)
        ]
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        return [name for item in value for name in _asset_names(block.child_block, item)]
    return []


# --- Reading files ---------------------------------------------------------------------------


def load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(path, [f"cannot be read ({exc.strerror})"]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(path, [f"{where}: {problem}"]) from exc


@dataclass(frozen=True)
class ModuleSource:
    """A module file that has the right shape (its values are checked when built)."""

    path: Path
    language: str
    data: dict
    assets: dict = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.data["code"]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        """``cp101`` for ``cp101.en.yaml``: the name its translation files share."""
        return _FILE_NAME.match(self.path.stem)["name"]

    def pages(self) -> list[tuple[str, dict]]:
        """(where, data) of every page below the module, in order: lessons, then assessment."""
        pages = [(f"lessons[{i}]", lesson) for i, lesson in enumerate(self.data["lessons"])]
        if self.data.get("assessment"):
            pages.append(("assessment", self.data["assessment"]))
        return pages

    def translation_path(self, language: str) -> Path:
        return self.path.with_name(f"{self.stem}.{language}.po")

    def translation_languages(self) -> list[str]:
        """The languages of the PO files beside the module file."""
        return sorted(
            path.stem.split(".")[-1] for path in self.path.parent.glob(f"{self.stem}.*.po")
        )

    def asset_names(self) -> set[tuple[str, str]]:
        body = _stream_block(LessonPage, "body")
        return {
            name
            for _where, lesson in self.pages()
            for item in lesson.get("body", [])
            if item.get("type") in body.child_blocks
            for name in _asset_names(body.child_blocks[item["type"]], item.get("value"))
        }


def read_assets(path: Path) -> dict:
    """The asset descriptions in ``path`` (``assets.yaml``), checked for shape."""
    data = load_yaml(path) or {}
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ContentError(path, ["a mapping of asset names expected"])
    for name, spec in data.items():
        if not isinstance(spec, dict):
            problems.append(f"{name}: a mapping expected")
            continue
        kind = spec.get("kind")
        if kind == "image":
            keys = {"kind": ((str,), True), "title": ((str,), True), "diagram": ((dict,), True)}
            if _check_keys(spec, keys, name, problems) and isinstance(spec.get("diagram"), dict):
                rows = spec["diagram"].get("boxes")
                if (
                    set(spec["diagram"]) != {"boxes"}
                    or not isinstance(rows, list)
                    or not rows
                    or not all(isinstance(row, list) and row for row in rows)
                    or not all(isinstance(box, str) for row in rows for box in row)
                ):
                    problems.append(
                        f"{name}.diagram.boxes: rows (lists) of one or more labels expected"
                    )
        elif kind == "document":
            keys = {"kind": ((str,), True), "title": ((str,), True), "html": ((str,), True)}
            if _check_keys(spec, keys, name, problems):
                problems += [
                    f"{name}.html: {problem}"
                    for problem in rich_text_problems(
                        spec.get("html", ""), DOCUMENT_FEATURES, extra_tags={"h1"}
                    )
                ]
        else:
            problems.append(f"{name}.kind: image or document expected")
        if isinstance(spec.get("title"), str) and not 0 < len(spec["title"]) <= 255:
            problems.append(f"{name}.title: one to 255 characters")
    if problems:
        raise ContentError(path, problems)
    return data


def read_module(path: str | Path, *, language: str | None = None) -> ModuleSource:
    """Read and shape-check the module file at ``path`` (``<name>.<language>.yaml``) and the
    ``assets.yaml`` beside it. Raises ``ContentError`` listing every problem found."""
    path = Path(path)
    match = (
        _FILE_NAME.match(path.name.rsplit(".", 1)[0]) if path.suffix in (".yaml", ".yml") else None
    )
    if match is None:
        raise ContentError(path, ["name the file <name>.<language>.yaml, e.g. cp101.en.yaml"])
    language = language or match["language"]
    if language not in content_language_codes():
        raise ContentError(path, [f"{language!r} is not one of the site's content languages"])
    data = load_yaml(path)
    problems: list[str] = []
    if not _check_keys(data, _MODULE_KEYS, "", problems):
        raise ContentError(path, problems)
    for key in ("learning_outcomes", "cadres", "competencies", "prerequisites"):
        _check_strings(data.get(key), key, problems)
    lessons = data.get("lessons") if isinstance(data.get("lessons"), list) else []
    body = _stream_block(LessonPage, "body")
    questions = _stream_block(AssessmentPage, "questions")
    for index, lesson in enumerate(lessons):
        where = f"lessons[{index}]"
        if _check_keys(lesson, _LESSON_KEYS, where, problems) and isinstance(
            lesson.get("body"), list
        ):
            _check_stream_shape(body, lesson["body"], f"{where}.body", problems)
    assessment = data.get("assessment")
    if (
        isinstance(assessment, dict)
        and _check_keys(assessment, _ASSESSMENT_KEYS, "assessment", problems)
        and isinstance(assessment.get("questions"), list)
    ):
        _check_stream_shape(questions, assessment["questions"], "assessment.questions", problems)
    slugs = [data.get("slug")] + [
        page.get("slug") for page in [*lessons, assessment] if isinstance(page, dict)
    ]
    for slug in slugs:
        if isinstance(slug, str) and not SLUG_PATTERN.match(slug):
            problems.append(f"slug {slug!r}: use small letters a-z, digits and single hyphens")
        elif isinstance(slug, str) and slugs.count(slug) > 1:
            problems.append(f"slug {slug!r}: every page of the module needs its own slug")
    if problems:
        raise ContentError(path, sorted(set(problems), key=problems.index))

    source = ModuleSource(path=path, language=language, data=data)
    names = source.asset_names()
    assets: dict = {}
    if names:
        assets_path = path.with_name("assets.yaml")
        if not assets_path.exists():
            raise ContentError(path, ["its image and document blocks need assets.yaml beside it"])
        described = read_assets(assets_path)
        for kind, name in sorted(names):
            spec = described.get(name)
            if spec is None or spec["kind"] != kind:
                problems.append(f"names the {kind} {name!r}, which assets.yaml does not describe")
            else:
                assets[name] = spec
    if problems:
        raise ContentError(path, problems)
    return ModuleSource(path=path, language=language, data=data, assets=assets)


# --- Building field values through the blocks ------------------------------------------------


def _raw_value(block: blocks.Block, value: Any, block_id: str, asset_ids: Mapping) -> Any:
    """A file value in StreamField's stored (JSON) form: list items get ids derived from their
    block's id and position, chooser fields the database id of the asset they name."""
    kind = _chooser_kind(block)
    if kind:
        return asset_ids[(kind, value)]
    if isinstance(block, blocks.StructBlock):
        return {
            key: _raw_value(block.child_blocks[key], child_value, block_id, asset_ids)
            for key, child_value in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [
            {
                "type": "item",
                "id": f"{block_id}-{number}",
                "value": _raw_value(block.child_block, item, f"{block_id}-{number}", asset_ids),
            }
            for number, item in enumerate(value, start=1)
        ]
    if isinstance(block, blocks.StreamBlock):
        return raw_stream(block, value, asset_ids)
    return value


def raw_stream(stream_block: blocks.StreamBlock, items: list, asset_ids: Mapping) -> list[dict]:
    return [
        {
            "type": item["type"],
            "id": item["id"],
            "value": _raw_value(
                stream_block.child_blocks[item["type"]], item["value"], item["id"], asset_ids
            ),
        }
        for item in items
    ]


def error_lines(error: ValidationError, where: str, raw: Any = None) -> list[str]:
    """Flatten a (nested) block validation error into ``"<path>: <message>"`` lines; ``raw``
    is the stored form that was validated, used to name each stream child's type and id."""
    lines: list[str] = []
    if isinstance(error, StreamBlockValidationError):
        for index, child_error in sorted(error.block_errors.items()):
            child = raw[index] if isinstance(raw, list) and index < len(raw) else {}
            label = f" ({child.get('type')} {child.get('id')})" if child else ""
            lines += error_lines(child_error, f"{where}[{index}]{label}", child.get("value"))
        lines += [f"{where}: {m}" for e in error.non_block_errors.as_data() for m in e.messages]
    elif isinstance(error, ListBlockValidationError):
        for index, child_error in sorted(error.block_errors.items()):
            item = raw[index] if isinstance(raw, list) and index < len(raw) else {}
            lines += error_lines(child_error, f"{where}[{index}]", (item or {}).get("value"))
        lines += [f"{where}: {m}" for e in error.non_block_errors.as_data() for m in e.messages]
    elif isinstance(error, StructBlockValidationError):
        for name, child_error in error.block_errors.items():
            child_raw = raw.get(name) if isinstance(raw, dict) else None
            lines += error_lines(child_error, f"{where}.{name}", child_raw)
        lines += [f"{where}: {m}" for e in error.non_block_errors.as_data() for m in e.messages]
    else:
        lines += [f"{where}: {message}" for message in error.messages]
    return lines


def clean_stream(stream_block: blocks.StreamBlock, raw: list[dict], where: str):
    """``raw`` (stored form) through the block's ``to_python`` and ``clean``: the value authors
    in the admin would have saved, or a list of problems."""
    try:
        return stream_block.clean(stream_block.to_python(raw)), []
    except ValidationError as error:
        return None, error_lines(error, where, raw)


def module_streams(source: ModuleSource, asset_ids: Mapping) -> tuple[dict, list[str]]:
    """Every StreamField value of the module's pages, keyed by ``where`` (``module``,
    ``lessons[i]``, ``assessment``), and the problems found."""
    values: dict[str, dict] = {}
    problems: list[str] = []
    outcomes = _stream_block(TrainingModulePage, "learning_outcomes")
    raw = [
        {"type": "outcome", "id": f"outcome-{number}", "value": text}
        for number, text in enumerate(source.data.get("learning_outcomes", []), start=1)
    ]
    value, found = clean_stream(outcomes, raw, "learning_outcomes")
    values["module"] = {"learning_outcomes": value}
    problems += found
    body, questions = _stream_block(LessonPage, "body"), _stream_block(AssessmentPage, "questions")
    for where, page in source.pages():
        if where == "assessment":
            field_name, stream_block, items = "questions", questions, page["questions"]
        else:
            field_name, stream_block, items = "body", body, page["body"]
        value, found = clean_stream(
            stream_block, raw_stream(stream_block, items, asset_ids), f"{where}.{field_name}"
        )
        values[where] = {field_name: value}
        problems += found
    return values, problems


def field_length_problems(page: models.Model, fields: tuple[str, ...], where: str) -> list[str]:
    """Length limits the admin's form fields enforce but model validation does not (a
    ``TextField``'s ``max_length``)."""
    problems = []
    for name in fields:
        model_field = page._meta.get_field(name)
        value = getattr(page, name)
        if (
            model_field.max_length
            and isinstance(value, str)
            and len(value) > model_field.max_length
        ):
            problems.append(
                f"{where}{name}: {len(value)} characters, at most {model_field.max_length}"
            )
    return problems


def validation_lines(error: ValidationError, where: str) -> list[str]:
    """A model's ``ValidationError`` as ``"<where><field>: <message>"`` lines."""
    if hasattr(error, "error_dict"):
        return [
            f"{where}{name}: {message}"
            for name, errors in error.error_dict.items()
            for item in errors
            for message in item.messages
        ]
    return [f"{where.rstrip('.') or 'page'}: {message}" for message in error.messages]


# --- Translations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationFile:
    """A module's PO file: for each page slug, its wagtail-localize messages
    ``{(context, source text): translation}``."""

    path: Path
    language: str
    pages: dict[str, dict[tuple[str, str], str]]


def read_translation(path: str | Path) -> TranslationFile:
    path = Path(path)
    match = _FILE_NAME.match(path.stem) if path.suffix == ".po" else None
    if match is None:
        raise ContentError(path, ["name the file <name>.<language>.po, e.g. cp101.hi.po"])
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise ContentError(path, [f"not a readable PO file ({exc})"]) from exc
    pages: dict[str, dict[tuple[str, str], str]] = {}
    problems: list[str] = []
    for entry in po:
        if entry.obsolete:
            continue
        slug, _sep, context = (entry.msgctxt or "").partition("/")
        where = f"line {entry.linenum} ({entry.msgctxt})"
        if not slug or not context:
            problems.append(f"{where}: msgctxt must be <page slug>/<context>")
            continue
        if entry.fuzzy:
            problems.append(f"{where}: fuzzy: check the translation and remove the flag")
        elif not entry.msgstr.strip():
            problems.append(f"{where}: not translated")
        messages = pages.setdefault(slug, {})
        if (context, entry.msgid) in messages:
            problems.append(f"{where}: given twice")
        messages[(context, entry.msgid)] = entry.msgstr
    if problems:
        raise ContentError(path, problems)
    return TranslationFile(path=path, language=match["language"], pages=pages)


def build_pages(source: ModuleSource, streams: dict, **attrs) -> list[tuple[str, Page]]:
    """The module's pages, unsaved, from ``source`` and its built ``streams``: ``(where,
    page)`` with the module first (``where`` prefixes error paths: ``""``, ``"lessons[0]."``).
    ``attrs`` (owner, live) are set on every page."""
    data = source.data
    module = TrainingModulePage(
        **attrs, **{name: data[name] for name in MODULE_FIELDS if name in data}, **streams["module"]
    )
    pages: list[tuple[str, Page]] = [("", module)]
    for where, spec in source.pages():
        model, names = (
            (AssessmentPage, ASSESSMENT_FIELDS)
            if where == "assessment"
            else (LessonPage, LESSON_FIELDS)
        )
        fields = {name: spec[name] for name in names if name in spec}
        pages.append((f"{where}.", model(**attrs, **fields, **streams[where])))
    return pages


def translation_template(pages: list[Page]) -> polib.POFile:
    """The PO file a translator of a module fills in: every wagtail-localize message of its
    ``pages`` (the module, its lessons and assessment, saved or not), each ``msgctxt``
    prefixed with its page's slug, ``msgstr`` empty."""
    po = polib.POFile(wrapwidth=96)
    po.metadata = {"Content-Type": "text/plain; charset=utf-8", "Content-Transfer-Encoding": "8bit"}
    for page in pages:
        seen = set()
        for segment in extract_segments(page):
            if not isinstance(segment, StringSegmentValue):
                continue  # templates of rich text, images and documents are not translated
            key = (segment.path, segment.string.data)
            if key not in seen:
                seen.add(key)
                po.append(polib.POEntry(msgctxt=f"{page.slug}/{key[0]}", msgid=key[1]))
    return po


def translation_merge(template: polib.POFile, previous: TranslationFile | None) -> polib.POFile:
    """``template`` with the translations of ``previous`` kept where context and source text
    are unchanged; where only the source text changed, the old translation is kept marked
    fuzzy with the old text as ``#| msgid`` (as gettext's msgmerge does), which the loader
    refuses until a translator has checked it. Messages the source no longer has are dropped."""
    old = previous.pages if previous else {}
    for entry in template:
        slug, _sep, context = entry.msgctxt.partition("/")
        messages = old.get(slug, {})
        if (context, entry.msgid) in messages:
            entry.msgstr = messages[(context, entry.msgid)]
            continue
        changed = [(text, message) for (ctx, text), message in messages.items() if ctx == context]
        if len(changed) == 1:
            entry.previous_msgid, entry.msgstr = changed[0]
            entry.flags.append("fuzzy")
    return template
