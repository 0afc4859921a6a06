"""The caches behind module pages: routes (``lms.core.routing``), lesson pages and bodies
(``modules.content.rendering``) and parsed assessment revisions
(``modules.content.grading.assessment_at``).
Each must follow publication, unpublication, moves and restrictions at once, never show a
draft, and never show one learner's state to another. Tests marked ``needs_caches`` count hits
or saved queries; the others hold with the caches off too (``LMS_CACHES=off``)."""

import json
import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from lms.accounts.models import Role
from lms.core.middleware import SiteCacheMiddleware
from modules.content.grading import assessment_at
from modules.content.models import AssessmentPage, LessonPage
from modules.content.rendering import CSRF_PLACEHOLDER
from modules.learning.services import enrollment_create, lesson_complete
from tests.accounts.factories import UserFactory, add_totp, make_role
from tests.helpers import captured_statements
from tests.modules.factories import make_module, single

pytestmark = pytest.mark.django_db

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def listed(html: str) -> list[str]:
    """The titles in a lesson page's list of lessons."""
    part = html[html.index('class="lesson-list"') :]
    part = part[: part.index("</ol>")]
    return re.findall(r'<li><a href="[^"]+"(?: aria-current="page")?>([^<]+)', part)


def lessons(module):
    return list(LessonPage.objects.child_of(module).order_by("path"))


def publish_body(lesson, text: str) -> None:
    lesson = LessonPage.objects.get(pk=lesson.pk)
    raw = list(lesson.body.raw_data)
    raw[1] = {"type": "text", "value": f"<p>{text}</p>"}
    lesson.body = json.dumps(raw)
    lesson.save_revision().publish()


def test_a_new_publication_shows_at_once(client, learner):
    module = make_module(lessons=2)
    lesson = lessons(module)[0]
    assert "Children have rights." in client.get(lesson.url).content.decode()
    publish_body(lesson, "Every child has the right to be heard.")
    html = client.get(lesson.url).content.decode()
    assert "Every child has the right to be heard." in html
    assert "Children have rights." not in html


def test_a_draft_is_not_shown_but_its_preview_is(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    client.get(lesson.url)  # the live body is now cached
    raw = list(lesson.body.raw_data)
    raw[1] = {"type": "text", "value": "<p>DRAFT-ONLY TEXT</p>"}
    lesson.body = json.dumps(raw)
    lesson.save_revision()  # saved, not published
    assert "DRAFT-ONLY TEXT" not in client.get(lesson.url).content.decode()

    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    preview = draft.make_preview_request()
    assert "DRAFT-ONLY TEXT" in preview.content.decode()
    # The preview left nothing behind for the live page.
    html = client.get(lesson.url).content.decode()
    assert "DRAFT-ONLY TEXT" not in html
    assert "Children have rights." in html


def test_no_script_feedback_does_not_stick_to_the_cached_body(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    client.get(lesson.url)
    block = next(b for b in lesson.body if b.block_type == "knowledge_check")
    right = next(b.id for b in block.value["options"].bound_blocks if b.value["correct"])
    answered = client.post(f"/modules/lessons/{lesson.pk}/checks/{block.id}/", {"option": right})
    assert "FEEDBACK-RIGHT" in answered.content.decode()
    assert "FEEDBACK-" not in client.get(lesson.url).content.decode()


def test_learners_never_see_each_others_progress_or_tokens(learner):
    module = make_module(lessons=3)
    first, second, _third = lessons(module)
    other = UserFactory()
    enrollment_create(user=other, module=module, source="self")
    mine = enrollment_create(user=learner, module=module, source="self")
    lesson_complete(enrollment=mine, lesson=first)
    lesson_complete(enrollment=mine, lesson=second)

    me = Client(enforce_csrf_checks=True)
    me.force_login(learner)
    my_html = me.get(second.url).content.decode()
    assert my_html.count('class="done-mark"') == 2
    assert "Module 66% complete" in my_html

    them = Client(enforce_csrf_checks=True)
    them.force_login(other)
    their_html = them.get(second.url).content.decode()
    assert 'class="done-mark"' not in their_html
    assert "Module 0% complete" in their_html
    assert "Mark as complete" in their_html
    assert CSRF_PLACEHOLDER not in their_html

    # The knowledge check's form carries the visitor's own token, which the server accepts.
    token = CSRF_INPUT.findall(their_html)[-1]
    assert token not in my_html
    block = next(b for b in second.body if b.block_type == "knowledge_check")
    option = block.value["options"].bound_blocks[0].id
    response = them.post(
        f"/modules/lessons/{second.pk}/checks/{block.id}/",
        {"option": option, "csrfmiddlewaretoken": token},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200


#: The learner's own parts of a lesson page, and what they are replaced by to compare pages.
LEARNER_PARTS = [
    (re.compile(r'<div id="module-progress".*?</div>', re.DOTALL), "[progress]"),
    (re.compile(r'<div class="lesson__actions">.*?</script>\s*</div>', re.DOTALL), "[actions]"),
    (re.compile(r'&nbsp;<span class="done-mark">.*?</span></span>', re.DOTALL), ""),
]


def without_learner_parts(html: str) -> str:
    token = CSRF_INPUT.search(html)[1]
    html = html.replace(token, "[csrf]")
    for pattern, stand_in in LEARNER_PARTS:
        html = pattern.sub(stand_in, html)
    return html


@pytest.mark.needs_caches
def test_two_learners_share_one_shell_each_with_their_own_parts():
    module = make_module(lessons=3)
    first, second, _third = lessons(module)
    asha, ravi = UserFactory(full_name="Asha Devi"), UserFactory(full_name="Ravi Kumar")
    ashas = enrollment_create(user=asha, module=module, source="self")
    enrollment_create(user=ravi, module=module, source="self")
    lesson_complete(enrollment=ashas, lesson=first)
    lesson_complete(enrollment=ashas, lesson=second)

    pages = {}
    for user in (asha, ravi):
        browser = Client()
        browser.force_login(user)
        browser.get(second.url)  # routed by Wagtail: the shell is not kept yet
        response = browser.get(second.url)
        pages[user] = response
    # Ravi's page was filled in from the shell Asha's request kept: no template made it.
    assert "modules/lesson_page.html" not in [t.name for t in pages[ravi].templates]
    ashas_html, ravis_html = (pages[user].content.decode() for user in (asha, ravi))
    assert ashas_html != ravis_html
    assert without_learner_parts(ashas_html) == without_learner_parts(ravis_html)

    # Each sees their own progress, ticks, actions and token; neither sees the other's name.
    assert ashas_html.count('class="done-mark"') == 2
    assert "Module 66% complete" in ashas_html
    assert "Mark as complete" not in ashas_html
    assert 'class="done-mark"' not in ravis_html
    assert "Module 0% complete" in ravis_html
    assert "Mark as complete" in ravis_html
    assert CSRF_INPUT.search(ashas_html)[1] not in ravis_html
    for html, other in ((ashas_html, ravi), (ravis_html, asha)):
        assert other.full_name not in html
        assert other.email not in html


def test_anonymous_visitors_get_the_body_without_progress(client):
    module = make_module(lessons=2)
    lesson = lessons(module)[0]
    for _ in range(2):
        html = client.get(lesson.url).content.decode()
        assert "Children have rights." in html
        assert "Mark as complete" not in html
        assert CSRF_PLACEHOLDER not in html


def test_the_route_follows_unpublishing(client, learner):
    module = make_module(lessons=2)
    first, second = lessons(module)
    assert client.get(first.url).status_code == 200
    assert client.get(second.url).status_code == 200
    first.unpublish()
    assert client.get(first.url).status_code == 404
    module.unpublish()  # the lessons stay live, the module does not
    assert client.get(second.url).status_code == 404
    assert client.get(module.url).status_code == 404


def test_the_route_follows_moves_and_renames(client, learner):
    module = make_module(lessons=2)
    other = make_module(lessons=0)
    lesson = lessons(module)[0]
    old_url = lesson.url
    assert client.get(old_url).status_code == 200
    lesson.move(other, pos="last-child")
    lesson = LessonPage.objects.get(pk=lesson.pk)
    moved = client.get(old_url)  # not the cached page: Wagtail's redirect to where it went
    assert moved.status_code == 301
    assert moved["Location"].endswith(lesson.url)
    assert client.get(lesson.url).status_code == 200

    # A new page at an old address is found, not the one that used to be there.
    second = lessons(module)[0]
    second.slug = "lesson-1"
    second.title = "Now the first lesson"
    second.save_revision().publish()
    response = client.get(old_url)
    assert response.status_code == 200
    assert "Now the first lesson" in response.content.decode()


def test_the_route_follows_a_new_view_restriction(client):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    assert client.get(lesson.url).status_code == 200
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_routes_are_kept_per_language(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    hindi = Locale.objects.get(language_code="hi")
    translated_module = module.copy_for_translation(hindi, copy_parents=True)
    translated_module.save_revision().publish()
    translated = lesson.copy_for_translation(hindi).specific
    translated.title = "पाठ एक"
    translated.save()
    translated.save_revision().publish()
    for _ in range(2):
        english = client.get(lesson.url)
        assert english.status_code == 200
        assert "Lesson 1" in english.content.decode()
        hindi_page = client.get(translated.url)
        assert hindi_page.status_code == 200
        assert "पाठ एक" in hindi_page.content.decode()
        assert 'lang="hi"' in hindi_page.content.decode()


@pytest.mark.needs_caches
def test_the_cached_route_saves_queries(client, learner, django_assert_max_num_queries):
    module = make_module(lessons=3)
    url = lessons(module)[1].url
    client.get(url)  # routed by Wagtail; the route is kept
    client.get(url)  # routed from the cache; the page is kept
    # Session, user, the page (route cache), the learner's enrolment (none here).
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    # A first visit with empty caches: Wagtail's walk as before, plus its site root paths
    # (kept in the default cache) and the ancestors of the page for the new route entry.
    for cache in caches.all():
        cache.clear()
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.needs_caches
def test_one_rendering_of_the_body_serves_every_kind_of_visitor(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]

    def templates(response) -> set[str]:
        assert "Children have rights." in response.content.decode()
        return {template.name for template in response.templates}

    assert "modules/includes/lesson_body.html" in templates(Client().get(lesson.url))
    # A learner's shell, then another for visitors who are not signed in (the first request
    # was routed by Wagtail, so its page was not kept): each renders the page around the body
    # that Wagtail's {% wagtailpagecache %} kept.
    for response in (client.get(lesson.url), Client().get(lesson.url)):
        assert "modules/lesson_page.html" in templates(response)
        assert "modules/includes/lesson_body.html" not in templates(response)


@pytest.mark.needs_caches
def test_each_module_page_type_comes_from_the_route_cache(client, learner):
    module = make_module(lessons=1, questions=[single(question="Who decides?")])
    pages = [module.get_parent(), module, lessons(module)[0], AssessmentPage.objects.get()]
    for page in pages:
        first = client.get(page.url)
        with captured_statements() as statements:
            again = client.get(page.url)
        assert first.status_code == again.status_code == 200
        assert sum("EXISTS (SELECT 1 FROM" in sql for sql in statements) == 1, page
        assert page.title in again.content.decode()


@pytest.mark.needs_caches
def test_the_route_cache_does_not_wait_for_the_site_cache(client, learner):
    module = make_module(lessons=2)
    url = lessons(module)[0].url
    client.get(url)  # routed by Wagtail; the route is kept
    client.get(url)  # routed from the cache; the page is kept
    SiteCacheMiddleware.clear()  # as when the site row's minute is up
    with captured_statements() as statements:
        assert client.get(url).status_code == 200
    # Session, user, the site (looked up again), the page from the route cache, the enrolment.
    assert len(statements) <= 5, "\n".join(statements)
    assert sum("EXISTS (SELECT 1 FROM" in sql for sql in statements) == 1


@pytest.mark.needs_caches
def test_an_assessment_revision_is_parsed_once(django_assert_num_queries):
    make_module(lessons=1, questions=[single(question="Who decides?")])
    assessment = AssessmentPage.objects.get()
    version = assessment_at(assessment.live_revision_id)
    assert [q.text for q in version.questions] == ["Who decides?"]
    with django_assert_num_queries(0):
        assert assessment_at(assessment.live_revision_id) == version
    # A new revision is another entry; the old one keeps what it was.
    raw = list(assessment.questions.raw_data)
    raw[0]["value"]["question"] = "Who decides now?"
    assessment.questions = json.dumps(raw)
    revision = assessment.save_revision()
    revision.publish()
    assert assessment_at(revision.pk).questions[0].text == "Who decides now?"
    assert assessment_at(version.revision_id).questions[0].text == "Who decides?"


def test_a_sibling_renamed_unpublished_or_moved_shows_at_once(client, learner):
    module = make_module(lessons=3)
    first, second, third = lessons(module)
    html = client.get(second.url).content.decode()
    assert "Lesson 3" in html
    assert len(listed(html)) == 3

    third.title = "Working with the Child Welfare Committee"
    third.save_revision().publish()
    html = client.get(second.url).content.decode()
    assert "Working with the Child Welfare Committee" in html  # the list and "Next lesson"

    LessonPage.objects.get(pk=first.pk).unpublish()
    html = client.get(second.url).content.decode()
    assert listed(html) == ["Lesson 2", "Working with the Child Welfare Committee"]
    assert "Lesson 1 of 2" in html
    assert 'rel="prev"' not in html

    # The third lesson moved before the second: the second's previous and next follow.
    LessonPage.objects.get(pk=third.pk).move(LessonPage.objects.get(pk=second.pk), pos="left")
    html = client.get(second.url).content.decode()
    assert "Lesson 2 of 2" in html
    prev = html[html.index('rel="prev"') :]
    assert "Working with the Child Welfare Committee" in prev[: prev.index("</a>")]


def test_a_new_module_title_shows_in_the_breadcrumbs_at_once(client, learner):
    module = make_module(lessons=2)
    lesson = lessons(module)[0]
    client.get(lesson.url)
    module.title = "Juvenile Justice in practice"
    module.save_revision().publish()
    assert "Juvenile Justice in practice" in client.get(lesson.url).content.decode()


def test_flash_messages_show_once_on_a_cached_lesson_page(client, learner):
    module = make_module(lessons=2)
    first, second = lessons(module)
    enrollment_create(user=learner, module=module, source="self")
    for _ in range(2):
        assert "Lesson completed." not in client.get(second.url).content.decode()
    # Without scripts, "Mark as complete" moves on to the next lesson with a message.
    response = client.post(reverse("learning:complete_lesson", args=[first.pk]), follow=True)
    assert response.redirect_chain[-1][0] == second.url
    html = response.content.decode()
    assert "Lesson completed." in html
    assert 'role="status"' in html
    assert "Lesson completed." not in client.get(second.url).content.decode()


def test_the_admin_link_is_never_shared_between_visitors(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    editor = make_role(UserFactory(), Role.AUTHOR)
    add_totp(editor)
    as_editor = Client()
    as_editor.force_login(editor)
    for _ in range(2):
        assert 'href="/admin/"' in as_editor.get(lesson.url).content.decode()
        assert 'href="/admin/"' not in client.get(lesson.url).content.decode()
        assert "Log out" not in Client().get(lesson.url).content.decode()


def test_the_language_switcher_returns_to_the_address_asked_for(client, learner):
    module = make_module(lessons=1)
    lesson = lessons(module)[0]
    client.get(lesson.url)
    html = client.get(f"{lesson.url}?original=1").content.decode()
    assert f'name="next" value="{lesson.url}?original=1"' in html
    html = client.get(lesson.url).content.decode()
    assert f'name="next" value="{lesson.url}"' in html
