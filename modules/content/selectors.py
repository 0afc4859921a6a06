"""Reads of modules for pages and for the apps above: catalogue, module, lesson, translations."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import HttpRequest
from django.utils import translation
from wagtail import hooks
from wagtail.models import Locale, Page

from lms.accounts.models import Cadre
from lms.core.cache import process_memo
from lms.core.i18n import (
    content_language_codes,
    language_name,
    live_translation,
    preferred_content_language,
    url_content_language,
)

from .grading import effective_pass_mark
from .models import (
    AssessmentPage,
    Competency,
    LessonPage,
    ModuleCataloguePage,
    RequiredTraining,
    TrainingModulePage,
)

#: Wagtail hook through which higher apps add actions to a module page (the enrol button):
#: ``fn(request, module) -> str`` (HTML, already escaped) or ``""``.
MODULE_ACTIONS_HOOK = "lms_module_actions"
#: Wagtail hook through which higher apps add to a module page (completed lessons):
#: ``fn(request, module, lessons) -> dict`` merged into the template context.
MODULE_CONTEXT_HOOK = "lms_module_context"
#: Wagtail hook through which higher apps add whole sections to a module page, below its
#: actions (the learner's in-person sessions): ``fn(request, module) -> str`` (HTML, already
#: escaped) or ``""``. ``module`` is the page shown, perhaps a translation.
MODULE_SECTIONS_HOOK = "lms_module_sections"
#: Wagtail hook through which higher apps add the learner's parts to a lesson page:
#: ``fn(request, lesson) -> dict`` with any of ``lesson_done_keys`` (translation keys of the
#: module's completed lessons, ticked in the list), ``progress`` (the module's percentage,
#: shown under the title; ``None`` for no bar) and ``lesson_actions_html`` (HTML below the
#: body, already escaped; ``modules.content.rendering.CSRF_PLACEHOLDER`` stands for the CSRF token).
#: Called on every request but previews (``learner_hooks``); the rest of the page comes from
#: ``modules.content.rendering``'s cache.
LESSON_CONTEXT_HOOK = "lms_lesson_context"
#: Wagtail hook through which higher apps add to an assessment page (start an attempt):
#: ``fn(request, assessment, module) -> dict`` merged into the template context.
ASSESSMENT_CONTEXT_HOOK = "lms_assessment_context"


def learner_hooks(name: str, request: HttpRequest) -> list:
    """The functions registered for one of the hooks above, which show the visitor's
    own records (enrolment, progress, attempts); none for a preview. A preview shows a draft
    or a revision, perhaps of a page never saved, to the person writing or reviewing it: no
    learner has records of that page, and the actions those parts offer (enrol, mark as
    complete, start an attempt) would act on the published one."""
    if getattr(request, "is_preview", False):
        return []
    return hooks.get_hooks(name)


# --- Languages ------------------------------------------------------------------------------


def missing_translation_notice(page: Page, request: HttpRequest) -> str | None:
    """The name of the preferred language when this page is shown in English because no
    translation into it is live; ``None`` otherwise."""
    language = preferred_content_language(request)
    if not language or language == page.locale.language_code:
        return None
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return None
    if live_translation(page, language, request) is not None:
        return None  # they chose to read the original
    return language_name(language)


def source_page(page: Page) -> Page:
    """The English (source) page a possibly translated page stands for: the one home of this
    rule. Progress, attempts and certificates all refer to the source."""
    default = default_locale()
    if page.locale_id == default.pk:
        return page
    return page.get_translation(default)


@process_memo
def _default_locale_id(language_code: str) -> int:
    return Locale.objects.get(language_code=language_code).pk


def default_locale() -> Locale:
    """The source language's locale (its id is read once per process)."""
    code = settings.LANGUAGE_CODE
    return Locale(pk=_default_locale_id(code), language_code=code)


def source_module(page: Page) -> TrainingModulePage:
    """The English (source) module a page belongs to. Translations of a module are the same
    module."""
    return source_page(page if isinstance(page, TrainingModulePage) else page.module)


# --- Catalogue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleCard:
    module: TrainingModulePage
    #: The page to show and link: the translation in the catalogue's language when live.
    shown: TrainingModulePage
    lesson_count: int
    minutes: int
    prerequisites: list[TrainingModulePage]

    @property
    def is_translation(self) -> bool:
        return self.shown.pk != self.module.pk


def localize_titles(pages: list[Page], language: str | None = None) -> None:
    """Give each of ``pages`` (source pages) ``display_title``, the title of its live
    translation into ``language`` (the active language by default) or else its own, and
    ``title_lang``: "en" when that is the English title shown on a page in another language
    (for ``lang="en"``), "" otherwise. One query, none in English."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    titles: dict = {}
    if language != settings.LANGUAGE_CODE and pages:
        titles = dict(
            Page.objects.live()
            .filter(
                locale__language_code=language,
                translation_key__in={page.translation_key for page in pages},
            )
            .values_list("translation_key", "title")
        )
    for page in pages:
        translated = titles.get(page.translation_key)
        page.display_title = translated or page.title
        page.title_lang = (
            settings.LANGUAGE_CODE if language != settings.LANGUAGE_CODE and not translated else ""
        )


def published_modules():
    """Live, public modules in the source language, with what the cards need prefetched."""
    return (
        TrainingModulePage.objects.live()
        .public()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .prefetch_related("prerequisites")
        .order_by("code")
    )


def _lesson_stats(modules: list[TrainingModulePage]) -> dict[str, tuple[int, int]]:
    """Number of live lessons and their minutes per module path, in one query."""
    if not modules:
        return {}
    depth = modules[0].depth + 1
    condition = Q()
    for module in modules:
        condition |= Q(path__startswith=module.path)
    stats: dict[str, tuple[int, int]] = {}
    for path, minutes in (
        LessonPage.objects.live()
        .filter(condition, depth=depth)
        .values_list("path", "estimated_minutes")
    ):
        prefix = path[: len(path) - Page.steplen]
        count, total = stats.get(prefix, (0, 0))
        stats[prefix] = (count + 1, total + minutes)
    return stats


def module_cards(
    *,
    locale: Locale,
    cadre: str = "",
    area: str = "",
    language: str = "",
    query: str = "",
) -> list[ModuleCard]:
    """The catalogue's cards, filtered, each shown in ``locale`` when translated."""
    modules = published_modules()
    if cadre:
        modules = modules.filter(cadres__slug=cadre)
    if area:
        modules = modules.filter(competencies__area=area)
    if language and language != settings.LANGUAGE_CODE:
        modules = modules.filter(
            translation_key__in=TrainingModulePage.objects.live()
            .filter(locale__language_code=language)
            .values("translation_key")
        )
    if query:
        matches = TrainingModulePage.objects.live().public().search(query, operator="or")
        keys = {page.translation_key for page in matches}
        modules = modules.filter(translation_key__in=keys)
    modules = list(modules.distinct())
    translations: dict = {}
    if locale.language_code != settings.LANGUAGE_CODE and modules:
        translations = {
            page.translation_key: page
            for page in TrainingModulePage.objects.live().filter(
                locale=locale, translation_key__in=[m.translation_key for m in modules]
            )
        }
    stats = _lesson_stats(modules)
    cards = []
    for module in modules:
        count, minutes = stats.get(module.path, (0, 0))
        cards.append(
            ModuleCard(
                module=module,
                shown=translations.get(module.translation_key, module),
                lesson_count=count,
                minutes=module.estimated_minutes or minutes,
                prerequisites=list(module.prerequisites.all()),
            )
        )
    return cards


def catalogue_context(*, catalogue: ModuleCataloguePage, request: HttpRequest) -> dict:
    params = request.GET
    cadre = params.get("cadre", "")
    area = params.get("area", "")
    language = params.get("language", "")
    query = params.get("q", "").strip()[:100]
    if area not in Competency.Area.values:
        area = ""
    if language not in content_language_codes():
        language = ""
    locale = catalogue.locale
    shown_in = url_content_language(request)
    if shown_in and shown_in != locale.language_code:
        # The English catalogue standing in for a translation (``/as/modules/``): its cards
        # show the modules translated into the address's language in that language.
        locale = Locale.objects.get(language_code=shown_in)
    cards = module_cards(locale=locale, cadre=cadre, area=area, language=language, query=query)
    return {
        "cards": cards,
        "filters": {"cadre": cadre, "area": area, "language": language, "q": query},
        "cadres": Cadre.objects.all(),
        "areas": Competency.Area.choices,
        "languages": settings.WAGTAIL_CONTENT_LANGUAGES,
        "filtered": bool(cadre or area or language or query),
    }


# --- Module, lesson, assessment pages -------------------------------------------------------


def module_lessons(module: TrainingModulePage):
    return LessonPage.objects.live().child_of(module).order_by("path")


def module_context(*, module: TrainingModulePage, request: HttpRequest) -> dict:
    lessons = list(module_lessons(module))
    assessment = AssessmentPage.objects.live().child_of(module).first()
    actions = [fn(request, module) for fn in learner_hooks(MODULE_ACTIONS_HOOK, request)]
    sections = [fn(request, module) for fn in learner_hooks(MODULE_SECTIONS_HOOK, request)]
    context = {
        "module": module,
        "catalogue": module.catalogue,
        "lessons": lessons,
        "assessment": assessment,
        "pass_mark": effective_pass_mark(assessment=assessment, module=module)
        if assessment
        else None,
        "minutes": module.estimated_minutes or sum(lesson.estimated_minutes for lesson in lessons),
        "prerequisites": module.live_prerequisites(),
        "cadre_list": list(module.cadres.all()),
        "competency_list": list(module.competencies.all()),
        "module_actions": [action for action in actions if action],
        "module_sections": [section for section in sections if section],
        "missing_language": missing_translation_notice(module, request),
        "preferred_language": preferred_content_language(request),
    }
    for fn in learner_hooks(MODULE_CONTEXT_HOOK, request):
        context.update(fn(request, module, lessons))
    return context


def lesson_context(*, lesson: LessonPage, request: HttpRequest) -> dict:
    """What a lesson page shows of its module: breadcrumbs, the list of lessons, previous and
    next. The same for every learner (``modules.content.rendering`` adds the body and their
    parts)."""
    module = lesson.module
    pages = Q(
        path__startswith=module.path,
        depth=module.depth + 1,
        content_type__in=_content_types(LessonPage, AssessmentPage),
    )
    catalogue_path = module.path[: -Page.steplen]
    if "catalogue" not in module.__dict__:
        # Routed from the cache: the catalogue (for the breadcrumbs) comes in the same query.
        pages |= Q(path=catalogue_path)
    siblings = list(
        Page.objects.live()
        .filter(pages)
        .order_by("path")
        .only(
            "id",
            "title",
            "slug",
            "url_path",
            "path",
            "depth",
            "content_type",
            "locale",
            "translation_key",
        )
    )
    if siblings and siblings[0].path == catalogue_path:
        module.catalogue = siblings.pop(0)
    # The lesson shown takes its own place in the list: in a preview it may be a draft or a
    # revision (another title), unpublished, or not saved yet (no id, a path after the rest).
    lessons = sorted(
        [
            lesson,
            *(
                page
                for page in siblings
                if page.content_type_id == _ct_id(LessonPage) and page.pk != lesson.pk
            ),
        ],
        key=lambda page: page.path,
    )
    assessment = next(
        (page for page in siblings if page.content_type_id == _ct_id(AssessmentPage)), None
    )
    index = next(i for i, page in enumerate(lessons) if page is lesson)
    return {
        "module": module,
        "catalogue": module.catalogue,
        "lessons": lessons,
        "lesson_number": index + 1,
        "previous_lesson": lessons[index - 1] if index > 0 else None,
        "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
        "assessment": assessment,
    }


def assessment_context(*, assessment: AssessmentPage, request: HttpRequest) -> dict:
    module = assessment.module
    pool = len(assessment.questions)
    context = {
        "module": module,
        "catalogue": module.catalogue,
        "question_count": min(assessment.draw_count or pool, pool),
        "pool_size": pool,
        "pass_mark": effective_pass_mark(assessment=assessment, module=module),
        "max_attempts": module.max_attempts,
        "missing_language": missing_translation_notice(assessment, request),
        "preferred_language": preferred_content_language(request),
    }
    for fn in learner_hooks(ASSESSMENT_CONTEXT_HOOK, request):
        context.update(fn(request, assessment, module))
    return context


def _ct_id(model) -> int:

    return ContentType.objects.get_for_model(model).pk


def _content_types(*models) -> list[int]:
    return [_ct_id(model) for model in models]


# --- For the apps above: modules a cohort may run, and their lessons ------------------------


def live_modules():
    """Live modules in the source language, by code: those a cohort may run (public or
    not — a trainer's cohort may run a module the catalogue does not list)."""
    return (
        TrainingModulePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("code")
    )


def live_lessons_by_module(modules: list[TrainingModulePage]) -> dict[int, list[LessonPage]]:
    """The live lessons of each of ``modules`` (source pages of one depth), in order, by
    module id — one query, with the columns a progress page needs."""
    lessons: dict[int, list[LessonPage]] = {module.pk: [] for module in modules}
    if not modules:
        return lessons
    paths = {module.path: module.pk for module in modules}
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    for lesson in (
        LessonPage.objects.live()
        .filter(condition, depth=modules[0].depth + 1)
        .order_by("path")
        .only("id", "title", "path", "depth", "estimated_minutes")
    ):
        module_id = paths.get(lesson.path[: -LessonPage.steplen])
        if module_id is not None:
            lessons[module_id].append(lesson)
    return lessons


@dataclass(frozen=True)
class Requirement:
    """A module a cadre must hold (``RequiredTraining``), with what the rules need of it."""

    cadre_id: int
    module_id: int
    module_code: str
    module_title: str
    within_months: int | None
    due_by: datetime.date | None
    renew: bool
    awards_certificate: bool


def required_training(*, cadre_ids=None) -> dict[int, list[Requirement]]:
    """The modules each cadre must hold, by cadre id, in module-code order. One query, of
    plain values (a page object costs far more to build than the row to read: the scorecard
    asks this on every completion and certificate)."""
    rows = RequiredTraining.objects.order_by("cadre_id", "module__code")
    if cadre_ids is not None:
        rows = rows.filter(cadre_id__in=cadre_ids)
    by_cadre: dict[int, list[Requirement]] = {}
    for row in rows.values_list(
        "cadre_id",
        "module_id",
        "module__code",
        "module__title",
        "within_months",
        "due_by",
        "renew",
        "module__awards_certificate",
    ):
        by_cadre.setdefault(row[0], []).append(Requirement(*row))
    return by_cadre


#: What a module's link and title need.
_LINK_FIELDS = (
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "live",
    "code",
    "locale",
    "translation_key",
)


def module_pages_in(*, module_ids, language: str) -> dict[int, TrainingModulePage]:
    """The live page to link for each of these source modules: its translation into
    ``language`` when one is live, else the module itself when live (absent when neither
    is). One query."""
    rows = (
        TrainingModulePage.objects.filter(
            Q(pk__in=module_ids)
            | Q(
                live=True,
                locale__language_code=language,
                translation_key__in=TrainingModulePage.objects.filter(pk__in=module_ids).values(
                    "translation_key"
                ),
            )
        )
        .select_related("locale")
        .only(*_LINK_FIELDS)
    )
    sources, translations = {}, {}
    for page in rows:
        if page.pk in module_ids:
            sources[page.translation_key] = page
        if page.live and page.locale.language_code == language:
            translations[page.translation_key] = page
    return {
        source.pk: translations.get(key) or source
        for key, source in sources.items()
        if key in translations or source.live
    }
