"""Previews and revisions of every page type in the Wagtail admin, for the people who write
and review them: the preview of an edit and of a new page, a revision on its own, two
revisions compared, and a page awaiting review. Each shows the content asked for (the draft,
not the published page), and none of it reaches the caches that serve learners."""

import json

import pytest
from django.core.cache import caches
from django.test import Client
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from lms.accounts.models import Role
from lms.home.models import HomePage
from modules.content.models import (
    AssessmentPage,
    LessonPage,
    ModuleCataloguePage,
    TrainingModulePage,
)
from modules.learning.models import Enrollment, LessonProgress
from modules.learning.services import enrollment_create, lesson_complete
from tests.accounts.factories import UserFactory, add_totp, make_role
from tests.modules.factories import catalogue, make_module, single

pytestmark = pytest.mark.django_db

KINDS = ("home", "catalogue", "module", "lesson", "assessment")
#: Who edits each page type: national administrators the pages outside the catalogue, module
#: authors and reviewers (the review task's moderators) the catalogue and everything in it.
EDITORS = [
    ("home", Role.NATIONAL_ADMIN),
    *((kind, role) for kind in KINDS[1:] for role in (Role.AUTHOR, Role.REVIEWER)),
]
#: Who adds each page type (reviewers add nothing).
CREATORS = [
    ("home", Role.NATIONAL_ADMIN),
    ("catalogue", Role.NATIONAL_ADMIN),
    ("module", Role.AUTHOR),
    ("lesson", Role.AUTHOR),
    ("assessment", Role.AUTHOR),
]
#: The parts of each page type that its page shows, each holding the test's text.
SHOWN = {
    "home": ("title", "intro", "body"),
    "catalogue": ("title", "intro"),
    "module": ("title", "summary", "outcome"),
    "lesson": ("title", "heading", "body"),
    "assessment": ("title", "intro"),
}
MODELS = {
    "home": HomePage,
    "catalogue": ModuleCataloguePage,
    "module": TrainingModulePage,
    "lesson": LessonPage,
    "assessment": AssessmentPage,
}
LIVE_LESSON_TEXT = "Children have rights."  # the body make_module publishes


def shown(kind: str, text: str) -> list[str]:
    return [f"{text} {part}" for part in SHOWN[kind]]


def edit_form(kind: str, text: str, *, slug: str, code: str = "") -> dict:
    """What the page editor posts for a page of ``kind`` whose parts hold ``text``."""
    fields: dict = {"title": f"{text} title", "slug": slug}
    if kind == "home":
        fields |= {"intro": f"{text} intro", "body": rich_text(f"<p>{text} body</p>")}
    elif kind == "catalogue":
        fields |= {"intro": f"{text} intro"}
    elif kind == "module":
        fields |= {
            "code": code,
            "version": "1.0",
            "summary": f"{text} summary",
            "learning_outcomes": streamfield([("outcome", f"{text} outcome")]),
            "pass_mark": "70",
            "max_attempts": "3",
            "retake_cooldown_hours": "0",
            "min_reading_share": "50",
            "completion_rule": "lessons_assessment",
            "awards_certificate": "on",
        }
    elif kind == "lesson":
        fields |= {
            "estimated_minutes": "12",
            "body": streamfield(
                [
                    ("heading", {"text": f"{text} heading", "level": "h2"}),
                    ("text", rich_text(f"<p>{text} body</p>")),
                ]
            ),
        }
    else:
        fields |= {
            "intro": f"{text} intro",
            "shuffle_questions": "on",
            "questions": streamfield(
                [
                    (
                        "true_false",
                        {
                            "question": "A CWC is a bench of magistrates.",
                            "points": "1",
                            "explanation": "It is a bench of social workers.",
                            "correct_answer": "false",
                        },
                    )
                ]
            ),
        }
    fields["comments"] = inline_formset([])
    return nested_form_data(fields)


def revise(page: Page, text: str, user) -> Revision:
    """Save (not publish) a revision of ``page`` whose shown parts hold ``text``."""
    page = type(page).objects.get(pk=page.pk)
    page.title = f"{text} title"
    if isinstance(page, HomePage):
        page.intro, page.body = f"{text} intro", f"<p>{text} body</p>"
    elif isinstance(page, TrainingModulePage):
        page.summary = f"{text} summary"
        page.learning_outcomes = json.dumps([{"type": "outcome", "value": f"{text} outcome"}])
    elif isinstance(page, LessonPage):
        page.body = json.dumps(
            [
                {"type": "heading", "value": {"text": f"{text} heading", "level": "h2"}},
                {"type": "text", "value": f"<p>{text} body</p>"},
            ]
        )
    else:  # the catalogue and assessments
        page.intro = f"{text} intro"
    return page.save_revision(user=user)


def person(role: str):
    user = make_role(UserFactory(), role)
    add_totp(user)  # staff roles need two-factor authentication before anything else
    return user


@pytest.fixture
def sign_in(client):
    def sign_in(role: str):
        user = person(role)
        client.force_login(user)
        return user

    return sign_in


@pytest.fixture
def pages():
    module = make_module(lessons=2, questions=[single()])
    return {
        "home": HomePage.objects.get(),
        "catalogue": catalogue(),
        "module": module,
        "lesson": LessonPage.objects.child_of(module).order_by("path").first(),
        "assessment": AssessmentPage.objects.child_of(module).get(),
    }


@pytest.fixture
def cache_writes(monkeypatch):
    """Every value written to any cache while the test runs."""
    writes: list[str] = []

    def recording(write, values):
        def record(*args, **kwargs):
            writes.extend(str(value) for value in values(*args))
            return write(*args, **kwargs)

        return record

    for store in caches.all():
        for name in ("set", "add"):
            monkeypatch.setattr(
                store, name, recording(getattr(store, name), lambda key, value, *_: [value])
            )
        monkeypatch.setattr(
            store, "set_many", recording(store.set_many, lambda data, *_: data.values())
        )
    return writes


def preview(client, url: str, data: dict) -> str:
    """Post the editor's form to a preview URL as the editor does, then open the preview."""
    posted = client.post(url, data)
    assert posted.status_code == 200
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def parent_for_new(kind: str) -> Page:
    """Where a new page of ``kind`` may be added. The site has one home page and one catalogue
    (``max_count``), so a new one can be added only where the old one is gone."""
    if kind == "home":
        HomePage.objects.get().delete()
        return Page.objects.get(depth=1)
    if kind == "catalogue":
        home = HomePage.objects.get()
        catalogue().delete()
        return home
    if kind == "module":
        return catalogue()
    return make_module(lessons=2)  # lessons and assessments: a module that has no assessment


# --- Previews of an edit and of a new page ---------------------------------------------------


@pytest.mark.parametrize(("kind", "role"), EDITORS)
def test_preview_of_an_edit_shows_the_changes(client, pages, sign_in, kind, role):
    page = pages[kind]
    sign_in(role)
    revisions = Revision.objects.count()
    data = edit_form(kind, "Edited", slug=page.slug, code=getattr(page, "code", ""))
    html = preview(client, f"/admin/pages/{page.pk}/edit/preview/", data)
    for text in shown(kind, "Edited"):
        assert text in html
    # Previewing saves nothing.
    assert Revision.objects.count() == revisions
    assert type(page).objects.get(pk=page.pk).title == page.title


@pytest.mark.parametrize(("kind", "role"), CREATORS)
def test_preview_of_a_new_page_shows_it(client, sign_in, kind, role):
    parent = parent_for_new(kind)
    sign_in(role)
    pages_before = Page.objects.count()
    model = MODELS[kind]
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/preview/"
    html = preview(client, url, edit_form(kind, "New", slug=f"new-{kind}", code="NW-101"))
    for text in shown(kind, "New"):
        assert text in html
    if kind == "lesson":
        # The new lesson takes its place after the module's two published lessons.
        assert "Lesson 3 of 3" in html
    assert Page.objects.count() == pages_before


# --- Revisions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "role"), EDITORS)
def test_a_revision_shows_its_own_content(client, pages, sign_in, kind, role):
    page = pages[kind]
    user = sign_in(role)
    first = revise(page, "First", user)
    second = revise(page, "Second", user)
    for revision, text, other in ((first, "First", "Second"), (second, "Second", "First")):
        response = client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
        assert response.status_code == 200
        html = response.content.decode()
        for part in shown(kind, text):
            assert part in html
        assert f"{other} title" not in html


@pytest.mark.parametrize(("kind", "role"), EDITORS)
def test_two_revisions_compared(client, pages, sign_in, kind, role):
    page = pages[kind]
    user = sign_in(role)
    first = revise(page, "First", user)
    second = revise(page, "Second", user)
    response = client.get(f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/")
    assert response.status_code == 200
    # The title's words compared: one taken out, one put in.
    assert (
        '<span class="deletion">First</span><span class="addition">Second</span> title'
        in response.content.decode()
    )


@pytest.mark.parametrize("kind", KINDS[1:])
def test_reviewer_previews_a_page_awaiting_review(client, pages, sign_in, kind):
    page = pages[kind]
    author = person(Role.AUTHOR)
    revise(page, "Submitted", author)
    state = page.get_workflow().start(page, author)
    sign_in(Role.REVIEWER)
    task = state.current_task_state.task
    response = client.get(f"/admin/pages/workflow/preview/{page.pk}/{task.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in shown(kind, "Submitted"):
        assert text in html


# --- What a preview shows and leaves behind --------------------------------------------------


def test_a_lesson_preview_shows_the_draft_and_never_reaches_the_learners_cache(
    client, pages, sign_in, cache_writes
):
    lesson = pages["lesson"]
    learner = Client()
    learner.force_login(UserFactory())
    assert LIVE_LESSON_TEXT in learner.get(lesson.url).content.decode()  # now cached

    author = sign_in(Role.AUTHOR)
    data = edit_form("lesson", "Unpublished", slug=lesson.slug)
    html = preview(client, f"/admin/pages/{lesson.pk}/edit/preview/", data)
    assert "Unpublished body" in html
    assert LIVE_LESSON_TEXT not in html
    draft = revise(lesson, "Saved draft", author)
    for url in (
        f"/admin/pages/{lesson.pk}/revisions/{draft.pk}/view/",
        f"/admin/pages/{lesson.pk}/view_draft/",
    ):
        html = client.get(url).content.decode()
        assert "Saved draft body" in html
        assert LIVE_LESSON_TEXT not in html

    assert not [value for value in cache_writes if "Unpublished" in value or "Saved draft" in value]
    html = learner.get(lesson.url).content.decode()
    assert LIVE_LESSON_TEXT in html
    assert "Unpublished" not in html
    assert "Saved draft" not in html


def test_an_unpublished_lesson_is_previewed_in_its_place(client, sign_in):
    module = make_module(lessons=2)
    draft = LessonPage(title="Draft lesson", slug="draft-lesson", live=False, body="[]")
    module.add_child(instance=draft)
    author = sign_in(Role.AUTHOR)
    revision = revise(draft, "Unpublished", author)
    for url in (
        f"/admin/pages/{draft.pk}/view_draft/",
        f"/admin/pages/{draft.pk}/revisions/{revision.pk}/view/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Lesson 3 of 3" in html
        assert "Unpublished body" in html
    data = edit_form("lesson", "Edited", slug=draft.slug)
    html = preview(client, f"/admin/pages/{draft.pk}/edit/preview/", data)
    assert "Lesson 3 of 3" in html
    assert "Edited body" in html
    # Learners still find no such lesson.
    learner = Client()
    learner.force_login(UserFactory())
    assert learner.get(f"{module.url}{draft.slug}/").status_code == 404


def test_a_module_preview_lists_its_published_prerequisites(client, sign_in):
    published = make_module(lessons=1, code="PR-101", title="Published prerequisite")
    unpublished = make_module(lessons=0, code="PR-102", title="Draft prerequisite", publish=False)
    module = make_module(lessons=1)
    sign_in(Role.AUTHOR)
    data = edit_form("module", "Edited", slug=module.slug, code=module.code)
    data["prerequisites"] = [str(published.pk), str(unpublished.pk)]
    html = preview(client, f"/admin/pages/{module.pk}/edit/preview/", data)
    assert "Published prerequisite" in html
    assert "Draft prerequisite" not in html


def test_a_preview_shows_none_of_the_previewers_own_learning(client, pages, sign_in):
    """A preview shows a draft, which no learner has records of: the previewer's enrolment,
    progress and attempts stay on the published pages."""
    module, lesson = pages["module"], pages["lesson"]
    author = sign_in(Role.AUTHOR)
    enrollment = enrollment_create(user=author, module=module, source="self")
    lesson_complete(enrollment=enrollment, lesson=lesson)
    live = client.get(lesson.url).content.decode()
    assert "% complete" in live  # the published lesson shows their progress

    counts = (Enrollment.objects.count(), LessonProgress.objects.count())
    for kind in ("module", "lesson", "assessment"):
        page = pages[kind]
        data = edit_form(kind, "Edited", slug=page.slug, code=getattr(page, "code", ""))
        html = preview(client, f"/admin/pages/{page.pk}/edit/preview/", data)
        assert "% complete" not in html
        assert "Leave this module" not in html
    assert (Enrollment.objects.count(), LessonProgress.objects.count()) == counts


def test_a_home_page_preview_shows_what_visitors_see(client, pages, sign_in):
    """The home page's text is what visitors see before they sign in; signed-in people see
    their roles' entry points instead. Its preview shows the text being edited."""
    home = pages["home"]
    sign_in(Role.NATIONAL_ADMIN)
    data = edit_form("home", "Edited", slug=home.slug)
    html = preview(client, f"/admin/pages/{home.pk}/edit/preview/", data)
    assert "Edited intro" in html
    assert "Welcome," not in html
    assert "Welcome," in client.get(home.url).content.decode()  # the live page, signed in


# --- The admin's other pages of each page type -----------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_history_usage_and_live_page_answer(client, pages, sign_in, kind):
    page = pages[kind]
    sign_in(Role.NATIONAL_ADMIN if kind == "home" else Role.AUTHOR)
    for url in (f"/admin/pages/{page.pk}/history/", f"/admin/pages/{page.pk}/usage/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert page.title in response.content.decode()
    response = client.get(page.url)
    assert response.status_code == 200
    if kind != "home":  # signed in, the home page shows the entry points, not its title
        assert page.title in response.content.decode()
