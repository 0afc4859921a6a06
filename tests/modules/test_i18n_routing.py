"""Every CMS address exists in every content language: ``/as/…`` and ``/hi/…`` serve the live
translation, else the English source with the "not yet translated" notice, never a 404 for a
page whose source exists; the language switcher keeps the visitor on the same page."""

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Locale

from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single

pytestmark = pytest.mark.django_db

NOTICE = 'class="notice notice--warning" lang="{}"'


def translate(module, language="hi", mark="(हिन्दी)"):
    """Publish a translation of ``module`` and of each of its pages."""
    locale = Locale.objects.get(language_code=language)
    translated = module.copy_for_translation(locale, copy_parents=True).specific
    translated.title = f"{module.title} {mark}"
    translated.save()
    translated.save_revision().publish()
    for child in module.get_children().specific():
        copy = child.copy_for_translation(locale).specific
        copy.title = f"{child.title} {mark}"
        copy.save()
        copy.save_revision().publish()
    return translated


@pytest.fixture
def translated():
    """A module with a live Hindi translation of every page (as CP-101 in the demo)."""
    module = make_module(code="CP-901", title="Structures", lessons=2, questions=[single()])
    translate(module)
    return module


@pytest.fixture
def untranslated():
    """A module in English only (as CP-102 … CP-105 in the demo)."""
    return make_module(code="CP-902", title="Care plans", lessons=2, questions=[single()])


@pytest.fixture(params=["anonymous", "learner"])
def visitor(request):
    client = Client()
    if request.param == "learner":
        client.force_login(UserFactory(preferred_language="as"))
    return client


def module_paths(module):
    base = f"/modules/{module.slug}/"
    return {"module": base, "lesson": f"{base}lesson-2/", "assessment": f"{base}assessment/"}


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, response.content.decode()


@pytest.mark.parametrize("path", ["/as/", "/as/modules/"])
def test_the_home_page_and_the_catalogue_answer_in_assamese(
    visitor, translated, untranslated, path
):
    _response, html = get(visitor, path)
    assert '<html lang="as"' in html
    if path == "/as/modules/":
        assert "Structures" in html
        assert "Care plans" in html


@pytest.mark.parametrize("module_name", ["translated", "untranslated"])
def test_module_pages_under_as_are_english_with_the_notice(visitor, module_name, request):
    module = request.getfixturevalue(module_name)
    for kind, path in module_paths(module).items():
        response, html = get(visitor, f"/as{path}")
        page = response.context["page"]
        # The English source stands in for the translation that does not exist.
        assert page.locale.language_code == "en", kind
        assert "(हिन्दी)" not in html
        assert '<html lang="as"' in html
        assert NOTICE.format("as") in html, kind


def test_module_pages_under_hi_show_the_translation_else_english(visitor, translated, untranslated):
    for kind, path in module_paths(translated).items():
        response, html = get(visitor, f"/hi{path}")
        assert response.context["page"].locale.language_code == "hi", kind
        assert "(हिन्दी)" in html
        assert '<html lang="hi"' in html
        assert NOTICE.format("hi") not in html
    for kind, path in module_paths(untranslated).items():
        response, html = get(visitor, f"/hi{path}")
        assert response.context["page"].pk in _english_pages(untranslated), kind
        assert '<html lang="hi"' in html
        assert NOTICE.format("hi") in html, kind


def _english_pages(module):
    return {module.pk, *module.get_children().values_list("pk", flat=True)}


def test_a_draft_translation_stays_hidden_behind_its_source(client, untranslated):
    hindi = Locale.objects.get(language_code="hi")
    draft = untranslated.copy_for_translation(hindi, copy_parents=True).specific
    draft.title = "मसौदा"
    draft.save()
    assert not draft.live
    response, html = get(client, f"/hi/modules/{untranslated.slug}/")
    assert response.context["page"].pk == untranslated.pk
    assert "मसौदा" not in html
    assert NOTICE.format("hi") in html


def test_a_translation_at_another_address_is_where_its_source_sends(client, untranslated):
    translated = translate(untranslated, language="as", mark="(অসমীয়া)")
    translated.slug = "care-plans-as"
    translated.save_revision().publish()
    response = client.get(f"/as/modules/{untranslated.slug}/")
    assert response.status_code == 302
    assert response["Location"] == "/as/modules/care-plans-as/"
    _response, html = get(client, response["Location"])
    assert "(অসমীয়া)" in html


def test_the_route_cache_follows_a_new_translation(visitor, untranslated):
    path = f"/as{module_paths(untranslated)['lesson']}"
    for _ in range(2):  # routed by Wagtail, then from the route cache
        _response, html = get(visitor, path)
        assert NOTICE.format("as") in html
    translate(untranslated, language="as", mark="(অসমীয়া)")
    response, html = get(visitor, path)
    assert response.context["page"].locale.language_code == "as"
    assert "Lesson 2 (অসমীয়া)" in html
    assert NOTICE.format("as") not in html


@pytest.mark.needs_caches
def test_an_english_lesson_under_as_keeps_the_lesson_budget(
    client, untranslated, django_assert_max_num_queries
):
    client.force_login(UserFactory(preferred_language="as"))
    path = f"/as{module_paths(untranslated)['lesson']}"
    for _ in range(2):  # warm the site, route, locale and page caches
        client.get(path)
    # Session, user, the page with its route checks (the translation's too), the enrolment.
    with django_assert_max_num_queries(4):
        response = client.get(path)
    assert response.status_code == 200
    assert NOTICE.format("as") in response.content.decode()


@pytest.mark.parametrize("visitor_kind", ["anonymous", "learner"])
def test_the_switcher_keeps_the_page(client, translated, visitor_kind):
    if visitor_kind == "learner":
        client.force_login(UserFactory())
    lesson = module_paths(translated)["lesson"]

    def switch(language, page):
        response = client.post("/i18n/setlang/", {"language": language, "next": page})
        assert response.status_code == 302
        return response["Location"]

    assert switch("as", lesson) == f"/as{lesson}"
    response, html = get(client, f"/as{lesson}")
    assert response.context["page"].title == "Lesson 2"
    assert NOTICE.format("as") in html

    assert switch("hi", lesson) == f"/hi{lesson}"
    response, _html = get(client, f"/hi{lesson}")
    assert response.context["page"].title == "Lesson 2 (हिन्दी)"

    # From an address of one language to another, whatever language the visitor last chose.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert switch("hi", f"/as{lesson}") == f"/hi{lesson}"
    assert switch("en", f"/hi{lesson}?original") == f"{lesson}?original"
    # Other pages are Django's business, as before.
    assert switch("as", "/accounts/profile/") == "/accounts/profile/"
