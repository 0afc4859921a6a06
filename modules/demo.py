"""Demo modules: built from ``modules/demo_content`` and published through the module review
workflow (submitted by the demo author, approved by the demo reviewer), never by bypassing it.
CP-101 is also translated into Hindi, and the translation goes through the same review."""

from __future__ import annotations

import copy
import json
import uuid
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from lms.accounts.demo import STAFF, demo_email
from lms.accounts.models import Cadre, Role, User
from lms.core.demo import demo_seeder

from .models import (
    AssessmentPage,
    Competency,
    LessonPage,
    ModuleCataloguePage,
    TrainingModulePage,
)
from .workflow import review_workflow

MODULE_FIELDS = (
    "code",
    "version",
    "summary",
    "pass_mark",
    "max_attempts",
    "retake_cooldown_hours",
    "completion_rule",
    "required_attendance_percent",
    "awards_certificate",
    "certificate_validity_months",
)


# --- Assets ---------------------------------------------------------------------------------


def _diagram_png(rows: list[list[str]]) -> bytes:
    """Draw rows of labelled boxes, top to bottom, joined by lines: a structure chart."""
    from PIL import Image, ImageDraw, ImageFont

    width, box_h, gap = 1200, 90, 50
    height = gap + len(rows) * (box_h + gap)
    canvas = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(canvas)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 22)
    except OSError:
        font = ImageFont.load_default()
    centres_above: list[int] = []
    for index, row in enumerate(rows):
        top = gap + index * (box_h + gap)
        box_w = (width - gap * (len(row) + 1)) // len(row)
        centres = []
        for column, label in enumerate(row):
            left = gap + column * (box_w + gap)
            draw.rectangle(
                [left, top, left + box_w, top + box_h], outline="#0b3954", width=3, fill="#e8f1f6"
            )
            centre = left + box_w // 2
            centres.append(centre)
            _centred_text(draw, label, centre, top + box_h // 2, box_w - 20, font)
            for above in centres_above:
                draw.line([above, top - gap, centre, top], fill="#0b3954", width=2)
        centres_above = centres
        for centre in centres:
            draw.line([centre, top + box_h, centre, top + box_h], fill="#0b3954")
    out = BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _centred_text(draw, text: str, x: int, y: int, max_width: int, font) -> None:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= max_width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    height = 26 * len(lines)
    for number, content in enumerate(lines):
        width = draw.textlength(content, font=font)
        draw.text((x - width / 2, y - height / 2 + number * 26), content, fill="#0b3954", font=font)


def _checklist_pdf(title: str, html: str) -> bytes:
    from weasyprint import HTML

    page = (
        "<html><head><meta charset='utf-8'><style>@page{size:A4;margin:2cm}"
        "body{font-family:sans-serif;font-size:11pt;line-height:1.4}h1{font-size:18pt}"
        f"</style><title>{title}</title></head><body>{html}</body></html>"
    )
    return HTML(string=page).write_pdf()


def asset_ids(assets: dict[str, dict]) -> dict[str, int]:
    """Create (once) the images and documents the demo content refers to."""
    image_model, document_model = get_image_model(), get_document_model()
    ids: dict[str, int] = {}
    for name, spec in assets.items():
        if spec["kind"] == "image":
            image = image_model.objects.filter(title=spec["title"]).first()
            if image is None:
                png = _diagram_png(spec["diagram"]["boxes"])
                image = image_model(
                    title=spec["title"], file=ImageFile(BytesIO(png), name=f"{name}.png")
                )
                image.save()
            ids[name] = image.pk
        else:
            document = document_model.objects.filter(title=spec["title"]).first()
            if document is None:
                document = document_model(
                    title=spec["title"],
                    file=ContentFile(
                        _checklist_pdf(spec["title"], spec["html"]), name=f"{name}.pdf"
                    ),
                )
                document.save()
            ids[name] = document.pk
    return ids


# --- Content to StreamField data ------------------------------------------------------------


def _items(values: list[Any]) -> list[dict]:
    # ListBlock's JSON form: each item carries its own id (options are answered by id).
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _options(options: list[tuple[str, bool]]) -> list[dict]:
    return _items([{"text": text, "correct": correct} for text, correct in options])


def lesson_block(
    kind: str, value: Any, assets: dict[str, dict], ids: dict[str, int], hindi: bool = False
) -> dict:
    """One lesson block of the demo content as StreamField JSON."""
    if kind == "text":
        data: Any = value
    elif kind in ("case_study",):
        data = {**value, "questions": _items(value["questions"])}
    elif kind == "key_points":
        data = {**value, "points": _items(value["points"])}
    elif kind == "knowledge_check":
        data = {**value, "options": _options(value["options"])}
    elif kind == "image":
        spec = assets[value["asset"]]
        texts = value.get("asset_hi", {}) if hindi else {}
        data = {
            "image": ids[value["asset"]],
            "alt_text": texts.get("alt_text", spec["alt_text"]),
            "caption": texts.get("caption", spec.get("caption", "")),
        }
    elif kind == "document":
        data = {
            "document": ids[value["asset"]],
            "title": value["title"],
            "description": value.get("description", ""),
        }
    else:
        data = dict(value)
    return {"type": kind, "value": data}


def question_block(kind: str, value: dict) -> dict:
    data = dict(value)
    if "options" in data:
        data["options"] = _options(data["options"])
    return {"type": kind, "value": data}


def overlay_texts(source: Any, translated: Any) -> Any:
    """Put the strings of ``translated`` into ``source`` (same shape), keeping everything else
    of the source — above all the block ids, which translations share with the original."""
    if isinstance(source, dict) and isinstance(translated, dict):
        return {
            key: value
            if key in ("id", "type") or key not in translated
            else overlay_texts(value, translated[key])
            for key, value in source.items()
        }
    if isinstance(source, list) and isinstance(translated, list):
        if len(source) != len(translated):
            raise ValueError("The translation does not have the shape of the original.")
        return [overlay_texts(s, t) for s, t in zip(source, translated, strict=True)]
    if isinstance(source, str) and isinstance(translated, str):
        return translated
    return source


# --- Publishing through the workflow --------------------------------------------------------


def _person(role: str) -> User:
    person = next(p for p in STAFF if role in p.roles)
    return User.objects.get(email=demo_email(person))


def publish_through_review(page: Page, *, author: User, reviewer: User) -> None:
    """Submit ``page``'s latest revision for review as ``author``; approve it as ``reviewer``
    (which publishes it)."""
    workflow = page.get_workflow()
    if workflow is None:
        raise RuntimeError(f"No review workflow governs {page.title!r}")
    # Always submit the page as it is now (copying for translation leaves an older revision).
    page.save_revision(user=author)
    state = workflow.start(page, author)
    while state.status == state.STATUS_IN_PROGRESS and state.current_task_state:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, reviewer, "approve")
        state.refresh_from_db()


def _build_module(catalogue, data, assets, ids, author) -> TrainingModulePage:
    module = TrainingModulePage(
        title=data["title"],
        slug=data["slug"],
        live=False,
        owner=author,
        learning_outcomes=json.dumps(
            [{"type": "outcome", "value": o} for o in data["learning_outcomes"]]
        ),
        **{field: data[field] for field in MODULE_FIELDS},
    )
    module.cadres = list(Cadre.objects.filter(slug__in=data["cadres"]))
    module.competencies = list(Competency.objects.filter(name__in=data["competencies"]))
    module.prerequisites = list(
        TrainingModulePage.objects.filter(code__in=data["prerequisites"], locale=catalogue.locale)
    )
    catalogue.add_child(instance=module)
    for lesson in data["lessons"]:
        module.add_child(
            instance=LessonPage(
                title=lesson["title"],
                slug=lesson["slug"],
                live=False,
                owner=author,
                estimated_minutes=lesson["estimated_minutes"],
                body=json.dumps([lesson_block(k, v, assets, ids) for k, v in lesson["body"]]),
            )
        )
    if data.get("assessment"):
        spec = data["assessment"]
        module.add_child(
            instance=AssessmentPage(
                title=spec["title"],
                slug=spec["slug"],
                live=False,
                owner=author,
                intro=spec["intro"],
                pass_mark=spec["pass_mark"],
                draw_count=spec["draw_count"],
                shuffle_questions=spec["shuffle_questions"],
                shuffle_options=spec["shuffle_options"],
                questions=json.dumps([question_block(k, v) for k, v in spec["questions"]]),
            )
        )
    return module


def _publish_tree(module: Page, author: User, reviewer: User) -> None:
    publish_through_review(module, author=author, reviewer=reviewer)
    for child in module.get_children().specific().order_by("path"):
        publish_through_review(child, author=author, reviewer=reviewer)


def _translate_module(
    module: TrainingModulePage, language: str, data: dict, assets, ids, author: User, reviewer: User
) -> None:
    locale = Locale.objects.get(language_code=language)
    if module.get_translations().filter(locale=locale).exists():
        return
    translated = module.copy_for_translation(locale, copy_parents=True).specific
    # Copying made the translated catalogue and its permissions; Wagtail caches page
    # permissions on the user object, so work with fresh ones.
    author, reviewer = User.objects.get(pk=author.pk), User.objects.get(pk=reviewer.pk)
    translated.title = data["title"]
    translated.draft_title = data["title"]
    translated.summary = data["summary"]
    translated.learning_outcomes = json.dumps(
        overlay_texts(
            list(translated.learning_outcomes.raw_data),
            [{"type": "outcome", "value": o} for o in data["learning_outcomes"]],
        )
    )
    translated.save()
    publish_through_review(translated, author=author, reviewer=reviewer)
    lessons = list(module.get_children().type(LessonPage).specific().order_by("path"))
    for source, lesson in zip(lessons, data["lessons"], strict=True):
        copy_ = source.copy_for_translation(locale).specific
        copy_.title = copy_.draft_title = lesson["title"]
        copy_.body = json.dumps(
            overlay_texts(
                list(copy_.body.raw_data),
                [lesson_block(k, v, assets, ids, hindi=True) for k, v in lesson["body"]],
            )
        )
        copy_.save()
        publish_through_review(copy_, author=author, reviewer=reviewer)
    assessment = module.get_children().type(AssessmentPage).specific().first()
    if assessment is not None and data.get("assessment"):
        spec = data["assessment"]
        copy_ = assessment.copy_for_translation(locale).specific
        copy_.title = copy_.draft_title = spec["title"]
        copy_.intro = spec["intro"]
        copy_.questions = json.dumps(
            overlay_texts(
                list(copy_.questions.raw_data),
                [question_block(k, v) for k, v in spec["questions"]],
            )
        )
        copy_.save()
        publish_through_review(copy_, author=author, reviewer=reviewer)


#: Titles of the pages above the modules in each translated tree.
SITE_TITLES = {
    "hi": {
        "home": (
            "बाल संरक्षण प्रशिक्षण",
            "भारत में बच्चों की सुरक्षा करने वाले लोगों के लिए "
            "मानकीकृत प्रशिक्षण: ज़िला बाल संरक्षण इकाइयाँ, सामाजिक कार्यकर्ता, परामर्शदाता, "
            "बाल कल्याण समितियाँ, किशोर न्याय बोर्ड और पुलिस।",
        ),
        "catalogue": (
            "प्रशिक्षण मॉड्यूल",
            "बाल संरक्षण कार्यबल के लिए मानकीकृत मॉड्यूल। हर "
            "मॉड्यूल कुछ घंटों का है, फ़ोन पर चलता है, और एक मूल्यांकन तथा प्रमाणपत्र "
            "के साथ पूरा होता है।",
        ),
    },
}


def _translate_site_pages(language: str, author: User, reviewer: User) -> None:
    """Copying a module into a language makes aliases of the home page and the catalogue;
    turn them into translations with their own titles (the catalogue through review)."""
    from wagtail.actions.convert_alias import ConvertAliasPageAction

    titles = SITE_TITLES.get(language)
    if not titles:
        return
    catalogue = ModuleCataloguePage.objects.filter(depth=3, locale__language_code=language).first()
    if catalogue is None:
        return
    home = catalogue.get_parent().specific
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    for page, key in ((home, "home"), (catalogue, "catalogue")):
        if page.alias_of_id is None:
            continue
        ConvertAliasPageAction(page, user=admin).execute(skip_permission_checks=True)
        page = type(page).objects.get(pk=page.pk)
        page.title = page.draft_title = titles[key][0]
        page.intro = titles[key][1]
        page.save()
        if key == "catalogue":
            publish_through_review(page, author=author, reviewer=reviewer)
        else:
            page.save_revision(user=admin).publish(user=admin)


@demo_seeder(order=30)
def seed_modules() -> list[str]:
    from . import demo_content

    if review_workflow() is None:
        raise RuntimeError("The module review workflow is missing; run the migrations.")
    author, reviewer = _person(Role.AUTHOR), _person(Role.REVIEWER)
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    catalogue = ModuleCataloguePage.objects.get(depth=3, locale=locale)
    assets = getattr(demo_content, "ASSETS", {})
    ids = asset_ids(assets)
    made = []
    for data in demo_content.MODULES:
        with transaction.atomic():
            module = TrainingModulePage.objects.filter(code=data["code"], locale=locale).first()
            if module is None:
                module = _build_module(catalogue, data, assets, ids, author)
                _publish_tree(module, author, reviewer)
                made.append(data["code"])
            for language, translation in demo_content.TRANSLATIONS.get(data["code"], {}).items():
                _translate_module(
                    module, language, copy.deepcopy(translation), assets, ids, author, reviewer
                )
                _translate_site_pages(
                    language, User.objects.get(pk=author.pk), User.objects.get(pk=reviewer.pk)
                )
    total = TrainingModulePage.objects.live().filter(locale=locale).count()
    return [
        f"Modules: {total} published in the catalogue at /modules/"
        + (f" (new: {', '.join(made)})" if made else "")
    ]
