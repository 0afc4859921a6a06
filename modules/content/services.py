"""Writes of the modules app: importing a module package from its data files.

An import creates the module, its lessons and its assessment as drafts (never live), each
field value built and validated by the StreamField blocks and the page models as in the admin,
and can submit every page to the module review workflow; reviewers publish by approving. A
translation is made with wagtail-localize's own machinery from the package's PO file, so the
translated pages stay linked to their source and can be synchronised from the admin later.
"""

from __future__ import annotations

from collections.abc import Sequence

import polib
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from lms.accounts.models import Cadre, User
from lms.core.audit import audit

from .assets import assets_ensure
from .loader import (
    SLUG_PATTERN,
    ContentError,
    ModuleSource,
    TranslationFile,
    build_pages,
    clean_stream,
    field_length_problems,
    module_streams,
    read_translation,
    validation_lines,
)
from .models import AssessmentPage, Competency, LessonPage, ModuleCataloguePage, TrainingModulePage

#: The StreamFields of each page type, checked again after a translation is made.
STREAM_FIELDS = {
    TrainingModulePage: ("learning_outcomes",),
    LessonPage: ("body",),
    AssessmentPage: ("questions",),
}


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _references(source: ModuleSource, locale: Locale) -> tuple[dict, list[str]]:
    """The cadres, competencies and prerequisite modules the file names, or what is missing."""
    data, problems = source.data, []
    modules = TrainingModulePage.objects.filter(locale=locale)
    wanted = {
        "cadres": (Cadre.objects.filter(slug__in=data.get("cadres", [])), "slug"),
        "competencies": (Competency.objects.filter(name__in=data.get("competencies", [])), "name"),
        "prerequisites": (modules.filter(code__in=data.get("prerequisites", [])), "code"),
    }
    found = {}
    for key, (queryset, attribute) in wanted.items():
        rows = list(queryset)
        known = {getattr(row, attribute) for row in rows}
        problems += [
            f"{key}: {name!r} does not exist on this site"
            + (" in this language" if key == "prerequisites" else "")
            for name in data.get(key, [])
            if name not in known
        ]
        found[key] = rows
    return found, problems


def _add_page(parent: Page, page: Page, source: ModuleSource, where: str, user: User) -> Page:
    """Add ``page`` below ``parent`` (``full_clean()`` runs as it is saved) with a first draft
    revision by ``user``."""
    try:
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action="wagtail.create")
    except ValidationError as error:
        raise ContentError(source.path, validation_lines(error, where)) from error
    return page


def _create_pages(
    *, source: ModuleSource, catalogue: ModuleCataloguePage, user: User, streams: dict, refs: dict
) -> list[Page]:
    pages = build_pages(source, streams, owner=user, live=False)
    module = pages[0][1]
    module.cadres, module.competencies = refs["cadres"], refs["competencies"]
    module.prerequisites = refs["prerequisites"]
    problems = [
        problem
        for where, page in pages
        for problem in field_length_problems(
            page, ("title", "summary") if page is module else ("title",), where
        )
    ]
    if problems:
        raise ContentError(source.path, problems)
    _add_page(catalogue, module, source, "", user)
    for where, page in pages[1:]:
        _add_page(module, page, source, where, user)
    return [page for _where, page in pages]


def _translation_sources(pages: list[Page], translation: TranslationFile) -> tuple[dict, list[str]]:
    """A wagtail-localize source for each page, and how the PO file differs from them: every
    message of the source translated, none that the source lacks."""
    by_slug = {page.slug: page for page in pages}
    problems = [
        f"{slug}/: no page of the module has this slug"
        for slug in translation.pages
        if slug not in by_slug
    ]
    sources = {}
    for page in pages:
        source, _created = TranslationSource.update_or_create_from_instance(
            page.get_latest_revision_as_object()
        )
        expected = {
            (segment.context.path, segment.string.data)
            for segment in StringSegment.objects.filter(source=source).select_related(
                "context", "string"
            )
        }
        given = translation.pages.get(page.slug, {})
        problems += [
            f"{page.slug}/{context}: no translation of {_short(text)!r}"
            for context, text in sorted(expected - given.keys())
        ]
        problems += [
            f"{page.slug}/{context}: the source has no such text (changed or removed): "
            f"{_short(text)!r}"
            for context, text in sorted(given.keys() - expected)
        ]
        for (context, text), translated in given.items():
            if context == "code" and translated != text:
                problems.append(f"{page.slug}/code: the module code is {text} in every language")
            if context == "slug" and not SLUG_PATTERN.match(translated):
                problems.append(f"{page.slug}/slug: use small letters a-z, digits and hyphens")
        sources[page.slug] = source
    return sources, problems


def _translate_pages(
    *, pages: list[Page], translation: TranslationFile, locale: Locale, user: User
) -> list[Page]:
    sources, problems = _translation_sources(pages, translation)
    if problems:
        raise ContentError(translation.path, problems)
    translated = []
    for page in pages:
        source = sources[page.slug]
        target, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        po = polib.POFile()
        for (context, text), message in translation.pages[page.slug].items():
            po.append(polib.POEntry(msgctxt=context, msgid=text, msgstr=message))
        warnings = target.import_po(po, user=user, tool_name="PO file")
        if warnings:  # the comparison above leaves none; refuse rather than lose a message
            raise ContentError(translation.path, [f"{page.slug}/: {w!r}" for w in warnings])
        try:
            # Parents missing in the language (the catalogue, the home page) are copied as
            # aliases, as Wagtail does when translating a page.
            copy, _new = source.create_or_update_translation(
                locale, user=user, publish=False, copy_parent_pages=True, fallback=False
            )
        except ValidationError as error:
            lines = validation_lines(error, f"{page.slug}/")
            raise ContentError(translation.path, lines) from error
        copy = copy.specific
        # A new page holds the translated content in its draft revision only: check that.
        draft = copy.get_latest_revision_as_object()
        problems = field_length_problems(draft, ("title",), f"{page.slug}/")
        for name in STREAM_FIELDS[type(copy)]:
            stream_block = copy._meta.get_field(name).stream_block
            _value, found = clean_stream(
                stream_block, list(getattr(draft, name).raw_data), f"{page.slug}/{name}"
            )
            problems += found
        if problems:
            raise ContentError(translation.path, problems)
        translated.append(copy)
    return translated


def _target_locale(translation: TranslationFile, source_locale: Locale) -> Locale:
    target = Locale.objects.filter(language_code=translation.language).first()
    if target is None or target == source_locale:
        raise ContentError(translation.path, ["not a language this module can be translated to"])
    return target


def _module_pages(module: TrainingModulePage) -> list[Page]:
    return [module, *Page.objects.child_of(module).specific().order_by("path")]


def page_submit_for_review(*, page: Page, user: User) -> WorkflowState:
    """Submit ``page``'s latest revision to the workflow that governs it, as ``user``."""
    workflow = page.get_workflow()
    if workflow is None:
        raise RuntimeError(f"No review workflow governs {page.title!r}; run the migrations.")
    return workflow.start(page, user)


@transaction.atomic
def module_import(
    *,
    source: ModuleSource,
    catalogue: ModuleCataloguePage,
    user: User,
    languages: Sequence[str] = (),
    submit: bool = False,
) -> TrainingModulePage:
    """Create the module described by ``source`` in ``catalogue`` as drafts: the module page,
    its lessons and its assessment, and their translations into ``languages`` from the PO
    files beside the source file. With ``submit``, every page is submitted to the review
    workflow as ``user``; nothing is ever published here.

    Refuses (``ContentError``, nothing written) a module whose code the catalogue's language
    already has, a file whose content fails the blocks' or the pages' validation, unknown
    cadres, competencies or prerequisites, and translations out of step with the source.
    """
    locale = catalogue.locale
    problems = []
    if source.language != locale.language_code:
        problems.append(
            f"the file is in {source.language!r}, the catalogue in {locale.language_code!r}"
        )
    if TrainingModulePage.objects.filter(code=source.code, locale=locale).exists():
        problems.append(
            f"code: {source.code} already exists in this language; an import never changes an "
            "existing module (edit it in the admin, or give the new module a code of its own)"
        )
    if not catalogue.permissions_for_user(user).can_add_subpage():
        problems.append(f"{user.email} may not add modules to {catalogue.title!r}")
    refs, found = _references(source, locale)
    problems += found
    if problems:
        raise ContentError(source.path, problems)
    translations = [read_translation(source.translation_path(language)) for language in languages]
    locales = {t.language: _target_locale(t, locale) for t in translations}

    created_assets: list = []
    try:
        ids, created_assets = assets_ensure(source.assets, source.asset_names())
        streams, problems = module_streams(source, ids)
        if problems:
            raise ContentError(source.path, problems)
        pages = _create_pages(
            source=source, catalogue=catalogue, user=user, streams=streams, refs=refs
        )
        translated = [
            page
            for translation in translations
            for page in _translate_pages(
                pages=pages,
                translation=translation,
                locale=locales[translation.language],
                user=user,
            )
        ]
    except BaseException:
        # The rows go with the transaction; the files of images drawn for it must go too.
        for asset in created_assets:
            asset.file.delete(save=False)
        raise
    module = pages[0]
    audit(
        instance=module,
        action="modules.module.imported",
        user=user,
        data={"file": source.name, "languages": list(languages), "submitted": submit},
    )
    if submit:
        for page in pages + translated:
            page_submit_for_review(page=page, user=user)
    return module


@transaction.atomic
def module_translation_import(
    *,
    module: TrainingModulePage,
    source: ModuleSource,
    language: str,
    user: User,
    submit: bool = False,
) -> TrainingModulePage:
    """Translate ``module`` (made from ``source``) into ``language`` from the PO file beside
    ``source``: drafts, made by wagtail-localize, submitted for review with ``submit``.
    Refuses (``ContentError``, nothing written) a module already translated into that
    language and a PO file out of step with the module."""
    translation = read_translation(source.translation_path(language))
    locale = _target_locale(translation, module.locale)
    if module.get_translations().filter(locale=locale).exists():
        raise ContentError(translation.path, [f"{module.code} is already translated"])
    pages = _translate_pages(
        pages=_module_pages(module), translation=translation, locale=locale, user=user
    )
    audit(
        instance=pages[0],
        action="modules.module.translation_imported",
        user=user,
        data={"file": translation.path.name, "language": language, "submitted": submit},
    )
    if submit:
        for page in pages:
            page_submit_for_review(page=page, user=user)
    return pages[0]
