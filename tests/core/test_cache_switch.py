"""One switch for every cache that only saves work: ``LMS_CACHES=off`` (``PAGE_CACHES_ENABLED``)
turns off the route cache, the lesson shells and bodies, the progress bars and lesson actions,
the parsed assessments, the site rows and Wagtail's site root paths, the renditions and the
in-process lookups, and each request then goes to the database and renders afresh."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.images.models import Image as WagtailImage
from wagtail.models import Locale, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from lms.core.cache import caches_enabled, process_memo, reset_process_caches
from lms.core.health import readiness_checks
from lms.core.i18n import locale_by_id
from lms.core.middleware import SiteCacheMiddleware
from lms.settings.env import DUMMY_CACHE, switchable_caches
from modules.content.grading import assessment_at
from modules.content.models import AssessmentPage, LessonPage
from modules.learning.services import enrollment_create
from tests.accounts.factories import UserFactory
from tests.helpers import captured_statements
from tests.modules.factories import make_module, single
from tests.servers import ROOT

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
SHOW = (
    "import json; from django.conf import settings; print(json.dumps({"
    "'enabled': settings.PAGE_CACHES_ENABLED,"
    "'caches': {alias: c['BACKEND'] for alias, c in settings.CACHES.items()}}))"
)


def shown(settings_module: str, **env) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "LMS_CACHES", "DEBUG"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="a-throwaway-secret-key-that-is-long-and-random-enough-0123456789",
        ALLOWED_HOSTS="training.example.org",
        DATABASE_URL="postgres://lms@db.example.org:5432/lms",
        **env,
    )
    result = subprocess.run(  # noqa: S603 - our own arguments
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("settings_module", ["lms.settings.production", "lms.settings.test"])
def test_lms_caches_off_puts_the_work_saving_aliases_on_the_dummy_cache(settings_module):
    on = shown(settings_module)
    assert on["enabled"] is True
    assert on["caches"]["pages"] == LOCMEM
    off = shown(settings_module, LMS_CACHES="off")
    assert off["enabled"] is False
    assert off["caches"]["pages"] == off["caches"]["renditions"] == DUMMY_CACHE
    # The shared cache holds state (rate limits, lock-outs), not copies: it stays.
    assert off["caches"]["default"] == on["caches"]["default"] != DUMMY_CACHE


def test_without_redis_or_with_it_only_the_work_saving_aliases_change():
    caches_on = {
        "default": {"BACKEND": "lms.core.cache.FailoverRedisCache", "LOCATION": "redis://x"},
        "renditions": {"BACKEND": "lms.core.cache.FailoverRedisCache", "LOCATION": "redis://x"},
        "pages": {"BACKEND": LOCMEM, "LOCATION": "pages"},
    }
    assert switchable_caches(caches_on, enabled=True) is caches_on
    off = switchable_caches(caches_on, enabled=False)
    assert off == {
        **caches_on,
        "renditions": {"BACKEND": DUMMY_CACHE},
        "pages": {"BACKEND": DUMMY_CACHE},
    }


@pytest.fixture
def caches_off(settings):
    """The caches switched off as ``LMS_CACHES=off`` switches them off."""
    settings.PAGE_CACHES_ENABLED = False
    settings.CACHES = switchable_caches(settings.CACHES, enabled=False)
    assert not caches_enabled()


def test_process_memo_keeps_answers_only_while_the_caches_are_on(settings):
    calls = []

    @process_memo
    def double(number):
        calls.append(number)
        return number * 2

    settings.PAGE_CACHES_ENABLED = True
    assert [double(2), double(2)] == [4, 4]
    assert calls == [2]
    reset_process_caches()
    assert double(2) == 4
    assert calls == [2, 2]
    calls.clear()
    settings.PAGE_CACHES_ENABLED = False
    assert [double(2), double(2)] == [4, 4]
    assert calls == [2, 2]


def test_reset_process_caches_empties_the_site_rows():
    SiteCacheMiddleware._rows[("example.org", 80)] = (0.0, {}, Site)
    reset_process_caches()
    assert not SiteCacheMiddleware._rows


def test_off_every_lesson_page_is_routed_and_rendered_afresh(client, caches_off):
    module = make_module(lessons=2)
    lesson = LessonPage.objects.child_of(module).order_by("path").first()
    learner = UserFactory()
    enrollment_create(user=learner, module=module, source="self")
    client.force_login(learner)
    assert isinstance(caches["pages"], DummyCache)
    client.get(lesson.url)
    counts = []
    for _ in range(2):
        with captured_statements() as statements:
            response = client.get(lesson.url)
        assert response.status_code == 200
        counts.append(len(statements))
        # Wagtail routed it (no route query) and the site was looked up.
        assert not any("EXISTS (SELECT 1 FROM" in sql for sql in statements)
        assert any('FROM "wagtailcore_site"' in sql for sql in statements)
        # The shell, the body (no {% wagtailpagecache %}), the progress bar and the actions
        # were rendered for this request.
        rendered = {template.name for template in response.templates}
        assert {
            "modules/lesson_page.html",
            "modules/includes/lesson_body.html",
            "modules/includes/module_progress.html",
            "learning/includes/lesson_actions.html",
        } <= rendered
        html = response.content.decode()
        assert "Children have rights." in html
        assert "Module 0% complete" in html
    assert counts[0] == counts[1] > 4
    assert not SiteCacheMiddleware._rows


def test_off_wagtails_site_root_paths_are_read_from_the_database_each_time(client, caches_off):
    cache = caches["default"]
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, ["stale"], version=SITE_ROOT_PATHS_CACHE_VERSION)
    client.get("/")
    kept = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    assert kept != ["stale"]


def test_off_assessments_are_parsed_from_their_revision_each_time(caches_off):
    make_module(lessons=1, questions=[single(question="Who decides?")])
    revision_id = AssessmentPage.objects.get().live_revision_id
    for _ in range(2):
        with captured_statements() as statements:
            assert assessment_at(revision_id).questions[0].text == "Who decides?"
        assert statements


def test_off_locales_are_read_each_time(caches_off, django_assert_num_queries):
    english = Locale.objects.get(language_code="en")
    for _ in range(2):
        with django_assert_num_queries(1):
            assert locale_by_id(english.pk).language_code == "en"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 40, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def test_off_renditions_are_read_from_the_database_each_time(caches_off):
    image = WagtailImage.objects.create(
        title="logo", file=ContentFile(png(), name="logo.png"), width=40, height=20
    )
    image.get_rendition("width-10")
    for _ in range(2):
        image = WagtailImage.objects.get(pk=image.pk)
        with captured_statements() as statements:
            image.get_rendition("width-10")
        assert any("wagtailimages_rendition" in sql for sql in statements)


@pytest.mark.needs_caches
def test_on_the_same_lookups_come_from_the_caches(client, django_assert_num_queries):
    english = Locale.objects.get(language_code="en")
    locale_by_id(english.pk)
    with django_assert_num_queries(0):
        locale_by_id(english.pk)
    image = WagtailImage.objects.create(
        title="logo", file=ContentFile(png(), name="logo.png"), width=40, height=20
    )
    image.get_rendition("width-10")
    image = WagtailImage.objects.get(pk=image.pk)
    with django_assert_num_queries(0):
        image.get_rendition("width-10")
    client.get("/")
    assert SiteCacheMiddleware._rows


def test_off_readiness_leaves_out_the_caches_switched_off(caches_off):
    checks = readiness_checks()
    assert "cache" in checks
    assert "cache:pages" not in checks
    assert "cache:renditions" not in checks
