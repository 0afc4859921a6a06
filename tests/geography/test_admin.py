import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware

from lms.geography.models import District, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_request(rf):
    def make(path, **params):
        request = rf.get(path, params)
        SessionMiddleware(lambda r: None).process_request(request)
        request._messages = FallbackStorage(request)
        request.user = get_user_model().objects.create_superuser(
            email=f"root{get_user_model().objects.count()}@example.org", password="x"
        )
        return request

    return make


def test_state_list_shows_district_counts(admin_request, django_assert_max_num_queries):
    model_admin = admin.site._registry[State]
    request = admin_request("/django-admin/geography/state/")
    assam = model_admin.get_queryset(request).get(code="AS")
    assert model_admin.district_count(assam) == 35
    assert model_admin.active_district_count(assam) == 35
    response = model_admin.changelist_view(request)
    with django_assert_max_num_queries(15):
        response.render()
    assert "Assam" in response.rendered_content


def test_state_page_lists_its_districts(admin_request):
    model_admin = admin.site._registry[State]
    bihar = State.objects.get(code="BR")
    response = model_admin.change_view(admin_request("/"), str(bihar.pk))
    response.render()
    assert "Patna" in response.rendered_content


def test_districts_can_be_searched_and_filtered_by_state(admin_request):
    model_admin = admin.site._registry[District]
    assam = State.objects.get(code="AS")
    response = model_admin.changelist_view(
        admin_request("/django-admin/geography/district/", q="kamrup", state__id__exact=assam.pk)
    )
    response.render()
    assert response.context_data["cl"].result_count == 2  # Kamrup and Kamrup Metropolitan


def test_nothing_can_be_deleted_from_the_admin(admin_request):
    request = admin_request("/")
    assert not admin.site._registry[State].has_delete_permission(request)
    assert not admin.site._registry[District].has_delete_permission(request)
