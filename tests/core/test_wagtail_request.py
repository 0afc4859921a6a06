"""``lms.core.wagtail_request``, the one place that sets Wagtail's private per-request
attributes, pinned to the Wagtail release it was written for: Wagtail takes the site and the
route it is handed, without a query."""

import pytest
import wagtail
from wagtail.models import Page, Site

from lms.core.wagtail_request import (
    WRITTEN_FOR,
    request_route,
    set_request_route,
    set_request_site,
)
from modules.content.models import LessonPage
from tests.modules.factories import make_module

pytestmark = pytest.mark.django_db


def test_written_for_this_wagtail():
    assert wagtail.VERSION[:2] == WRITTEN_FOR == (8, 0), (
        "Wagtail's version changed: read Site.find_for_request and Page.route_for_request "
        "again, check lms.core.wagtail_request against them, then move WRITTEN_FOR and this test"
    )


def test_wagtail_takes_the_site_and_the_route_it_is_handed(rf, django_assert_num_queries):
    lesson = LessonPage.objects.child_of(make_module(lessons=1)).get()
    site = Site.objects.get(is_default_site=True)
    request = rf.get(lesson.url)
    assert request_route(request) is None
    set_request_site(request, site)
    set_request_route(request, lesson)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is site
        page, args, kwargs = Page.route_for_request(request, lesson.url.strip("/") + "/")
    assert page is lesson
    assert (args, kwargs) == ([], {})
    assert request_route(request).page is lesson


def test_the_route_wagtail_found_is_read_back(rf):
    lesson = LessonPage.objects.child_of(make_module(lessons=1)).get()
    request = rf.get(lesson.url)
    request.is_cms_page = True
    result = Page.route_for_request(request, lesson.url.strip("/") + "/")
    assert result is not None
    assert request_route(request) is result
