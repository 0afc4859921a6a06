import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from lms.accounts.models import Cadre
from modules.content.models import Competency, LessonPage, TrainingModulePage
from modules.content.selectors import source_module
from tests.accounts.factories import UserFactory
from tests.modules.factories import make_module, single

pytestmark = pytest.mark.django_db

CATALOGUE = "/modules/"


def publish_translation(page, language="hi", title=None):
    translated = page.copy_for_translation(
        Locale.objects.get(language_code=language), copy_parents=True
    ).specific
    translated.title = title or f"{page.title} (हिन्दी)"
    translated.save()
    translated.save_revision().publish()
    return translated


@pytest.fixture
def modules():
    legal = Competency.objects.filter(area=Competency.Area.LEGAL).first()
    case = Competency.objects.filter(area=Competency.Area.CASE).first()
    first = make_module(
        code="CP-301",
        title="Juvenile justice basics",
        questions=[single()],
        summary="Definitions and principles of the Act.",
    )
    first.cadres.set([Cadre.objects.get(slug="social-worker")])
    first.competencies.set([legal])
    first.save_revision().publish()
    second = make_module(
        code="CP-302",
        title="Care plans",
        lessons=2,
        summary="Writing an Individual Care Plan with the family.",
    )
    second.cadres.set([Cadre.objects.get(slug="dcpo")])
    second.competencies.set([case])
    second.prerequisites.set([first])
    second.save_revision().publish()
    return TrainingModulePage.objects.get(pk=first.pk), TrainingModulePage.objects.get(pk=second.pk)


def english(name) -> str:
    """A language's name (a lazy string), in English whatever language a request left active."""
    with translation.override("en"):
        return str(name)


def codes(response):
    return [card.module.code for card in response.context["cards"]]


def test_catalogue_lists_published_modules_with_facts(client, modules):
    draft = make_module(code="CP-399", publish=False)
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    assert codes(response) == ["CP-301", "CP-302"]
    assert draft.code not in codes(response)
    first, second = response.context["cards"]
    assert (first.lesson_count, first.minutes) == (3, 30)
    assert [p.code for p in second.prerequisites] == ["CP-301"]
    html = response.content.decode()
    assert "Juvenile justice basics" in html
    assert "Care plans" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"cadre": "social-worker"}, ["CP-301"]),
        ({"cadre": "dcpo"}, ["CP-302"]),
        ({"area": "case"}, ["CP-302"]),
        ({"area": "legal"}, ["CP-301"]),
        ({"q": "care plan"}, ["CP-302"]),
        ({"q": "juvenile"}, ["CP-301"]),
        ({"cadre": "no-such-cadre"}, []),
        ({"area": "'; DROP TABLE"}, ["CP-301", "CP-302"]),  # ignored, never an error
        ({"language": "xx"}, ["CP-301", "CP-302"]),
    ],
)
def test_filters_and_search(client, modules, query, expected):
    response = client.get(CATALOGUE, query)
    assert response.status_code == 200
    assert codes(response) == expected


def test_language_filter(client, modules):
    publish_translation(modules[0])
    assert codes(client.get(CATALOGUE, {"language": "hi"})) == ["CP-301"]
    assert codes(client.get(CATALOGUE, {"language": "as"})) == []


def test_htmx_gets_only_the_results(client, modules):
    response = client.get(
        CATALOGUE, {"cadre": "dcpo"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Care plans" in html
    assert "Juvenile justice basics" not in html


@pytest.mark.needs_caches
def test_catalogue_query_count_does_not_grow(client, modules, django_assert_max_num_queries):
    client.get(CATALOGUE)  # warm the site and content type caches
    with django_assert_max_num_queries(12):
        client.get(CATALOGUE)
    for number in range(5):
        make_module(code=f"CP-31{number}", lessons=4)
    with django_assert_max_num_queries(12):
        response = client.get(CATALOGUE)
    assert len(response.context["cards"]) == 7


def test_preferred_translation_is_shown(client, modules):
    translated = publish_translation(modules[0])
    user = UserFactory(preferred_language="hi")
    client.force_login(user)
    response = client.get(f"/modules/{modules[0].slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/hi/modules/{modules[0].slug}/"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert translated.title in response.content.decode()


def test_english_with_a_notice_when_no_translation(client, modules):
    client.force_login(UserFactory(preferred_language="hi"))
    response = client.get(f"/modules/{modules[1].slug}/")
    assert response.status_code == 200
    assert response.context["missing_language"] == "Hindi"


def test_a_draft_translation_is_never_shown(client, modules):
    draft = modules[0].copy_for_translation(
        Locale.objects.get(language_code="hi"), copy_parents=True
    )
    assert not draft.live
    client.force_login(UserFactory(preferred_language="hi"))
    response = client.get(f"/modules/{modules[0].slug}/")
    assert response.status_code == 200
    # At the Hindi address the English source stands in for the draft, with the notice.
    response = client.get(f"/hi/modules/{modules[0].slug}/")
    assert response.status_code == 200
    assert response.context["page"].pk == modules[0].pk
    assert english(response.context["missing_language"]) == "Hindi"


def test_other_language_urls_show_the_source_else_404(client, modules):
    publish_translation(modules[0])
    for url, source, language in (
        (f"/hi/modules/{modules[1].slug}/", modules[1], "Hindi"),
        (f"/as/modules/{modules[0].slug}/", modules[0], "Assamese"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["page"].pk == source.pk
        assert english(response.context["missing_language"]) == language
    assert client.get("/as/modules/no-such-module/").status_code == 404
    assert client.get(f"/hi/modules/{modules[1].slug}/no-such-lesson/").status_code == 404
    assert client.get("/xx/modules/").status_code == 404


def test_translations_share_their_source(modules):

    translated = publish_translation(modules[0])
    lesson = LessonPage.objects.child_of(modules[0]).first()
    translated_lesson = lesson.copy_for_translation(translated.locale).specific
    assert source_module(translated).pk == modules[0].pk
    assert source_module(translated_lesson).pk == modules[0].pk
    assert translated.code == modules[0].code
    assert settings.LANGUAGE_CODE == "en"


def test_the_notice_is_in_the_language_asked_for(client, modules):
    client.force_login(UserFactory(preferred_language="hi"))
    html = client.get(f"/modules/{modules[1].slug}/").content.decode()
    assert 'lang="hi"' in html
    assert "हिन्दी में उपलब्ध नहीं" in html
