"""Demo modules: the packages in ``modules/content`` imported with the same service as
``manage.py import_module`` (drafts submitted for review by the demo author), then approved by
the demo reviewer, which publishes them — never by bypassing the review workflow. CP-101 is
also translated into Hindi and Assamese from its PO files, each through the same review.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page, WorkflowState

from lms.accounts.demo import STAFF, demo_email
from lms.accounts.models import Role, User
from lms.core.demo import demo_seeder

from .loader import CONTENT_DIR, load_yaml, read_module
from .models import ModuleCataloguePage, TrainingModulePage
from .services import module_import, module_translation_import, page_submit_for_review
from .workflow import review_workflow

#: Titles and introductions of the pages above the modules in each translated tree.
SITE_FILE = CONTENT_DIR / "demo-site.yaml"


def _person(role: str) -> User:
    person = next(p for p in STAFF if role in p.roles)
    return User.objects.get(email=demo_email(person))


def approve_in_review(pages: list[Page], *, reviewer: User) -> None:
    """Approve, as ``reviewer``, every task of the workflows ``pages`` are in (approving the
    last task publishes the page)."""
    for page in pages:
        state = WorkflowState.objects.active().for_instance(page).first()
        while state is not None and state.status == state.STATUS_IN_PROGRESS:
            task_state = state.current_task_state
            if task_state is None:
                break
            task_state.task.specific.on_action(task_state, reviewer, "approve")
            state.refresh_from_db()


def _tree(module: Page) -> list[Page]:
    return [module, *Page.objects.child_of(module).specific().order_by("path")]


def _translate_site_pages(language: str, titles: dict, author: User, reviewer: User) -> None:
    """Translating a module into a language makes aliases of the home page and the catalogue;
    turn them into translations with their own titles (the catalogue through review)."""
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
        page.title = page.draft_title = titles[key]["title"]
        page.intro = titles[key]["intro"]
        page.save()
        if key == "catalogue":
            page.save_revision(user=author)
            page_submit_for_review(page=page, user=author)
            approve_in_review([page], reviewer=reviewer)
        else:
            page.save_revision(user=admin).publish(user=admin)


@demo_seeder(order=30)
def seed_modules() -> list[str]:
    if review_workflow() is None:
        raise RuntimeError("The module review workflow is missing; run the migrations.")
    author, reviewer = _person(Role.AUTHOR), _person(Role.REVIEWER)
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    catalogue = ModuleCataloguePage.objects.get(depth=3, locale=locale)
    site_titles = load_yaml(SITE_FILE)
    made = []
    # File names sort in prerequisite order (CP-101 before the modules that require it).
    for path in sorted(CONTENT_DIR.glob(f"*.{locale.language_code}.yaml")):
        source = read_module(path)
        with transaction.atomic():
            module = TrainingModulePage.objects.filter(code=source.code, locale=locale).first()
            if module is None:
                module = module_import(source=source, catalogue=catalogue, user=author, submit=True)
                approve_in_review(_tree(module), reviewer=reviewer)
                made.append(source.code)
            for language in source.translation_languages():
                if module.get_translations().filter(locale__language_code=language).exists():
                    continue
                # Translating copies the catalogue, with its permissions: Wagtail caches page
                # permissions on the user object, so work with fresh ones.
                translated = module_translation_import(
                    module=module,
                    source=source,
                    language=language,
                    user=User.objects.get(pk=author.pk),
                    submit=True,
                )
                approve_in_review(_tree(translated), reviewer=User.objects.get(pk=reviewer.pk))
                _translate_site_pages(
                    language,
                    site_titles.get(language, {}),
                    User.objects.get(pk=author.pk),
                    User.objects.get(pk=reviewer.pk),
                )
    total = TrainingModulePage.objects.live().filter(locale=locale).count()
    return [
        f"Modules: {total} published in the catalogue at /modules/"
        + (f" (new: {', '.join(made)})" if made else "")
    ]
