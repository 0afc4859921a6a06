"""The staff certificate list's state and district filters, limited to the viewer's scope."""

import re

import pytest
from django.urls import reverse

from certification import services
from certification.services import certificate_issue
from lms.geography.models import District, State
from tests.accounts.factories import UserFactory, state
from tests.certification.factories import completed_enrollment, staff

pytestmark = pytest.mark.django_db

MANAGE = reverse("certification:manage")


def issue_to(user):
    return certificate_issue(enrollment_id=completed_enrollment(user=user).pk)


@pytest.fixture
def places():
    assam = list(District.objects.filter(state__code="AS", is_active=True).order_by("name")[:2])
    bihar = District.objects.filter(state__code="BR", is_active=True).order_by("name").first()
    return assam, bihar


@pytest.fixture
def certificates(places):
    (first, second), bihar = places
    return {
        "first": issue_to(UserFactory(state=state("AS"), district=first)),
        "second": issue_to(UserFactory(state=state("AS"), district=second)),
        "bihar": issue_to(UserFactory(state=state("BR"), district=bihar)),
    }


def optgroups(page):
    return re.findall(r'<optgroup label="([^"]+)">', page)


def test_the_national_administrator_filters_by_state_and_by_grouped_district(
    client, certificates, places, assert_max_statements
):
    (first, _), _bihar = places
    client.force_login(staff("National administrator"))
    with assert_max_statements(25):
        page = client.get(MANAGE).content.decode()
    assert 'name="state"' in page
    assert page.count("<option") >= State.objects.count() + 1
    groups = optgroups(page)
    assert "Assam" in groups
    assert "Bihar" in groups
    assert groups == sorted(groups)
    assert len(groups) == len(set(groups))  # each state's districts together, once

    page = client.get(MANAGE, {"state": state("BR").pk}).content.decode()
    assert certificates["bihar"].serial in page
    assert certificates["first"].serial not in page
    assert optgroups(page) == ["Bihar"]

    page = client.get(MANAGE, {"district": first.pk}).content.decode()
    assert certificates["first"].serial in page
    assert certificates["second"].serial not in page
    assert certificates["bihar"].serial not in page

    # A district of another state than the one chosen shows nothing.
    page = client.get(MANAGE, {"state": state("BR").pk, "district": first.pk}).content.decode()
    assert "No certificates found." in page


def test_a_coordinator_of_one_state_gets_its_districts_and_no_state_filter(
    client, certificates, places
):
    (_first, second), bihar = places
    client.force_login(staff("State coordinator", "AS"))
    page = client.get(MANAGE).content.decode()
    assert 'name="state"' not in page
    assert optgroups(page) == ["Assam"]
    assert f'value="{bihar.pk}"' not in page
    page = client.get(MANAGE, {"district": second.pk}).content.decode()
    assert certificates["second"].serial in page
    assert certificates["first"].serial not in page


def test_a_coordinator_of_two_states_gets_a_state_filter(client, certificates):
    client.force_login(staff("State coordinator", "AS", "BR"))
    page = client.get(MANAGE).content.decode()
    assert 'name="state"' in page
    assert optgroups(page) == ["Assam", "Bihar"]


@pytest.mark.parametrize(
    "params",
    [
        {"state": "BR"},
        {"state": "abc"},
        {"state": "-1"},
        {"state": str(2**70)},
        {"district": "x"},
        {"district": str(2**63)},
        {"district": "999999"},
    ],
)
def test_tampered_filter_values_are_not_found(client, certificates, params):
    client.force_login(staff("National administrator"))
    assert client.get(MANAGE, params).status_code == 404


def test_out_of_scope_filter_values_are_not_found(client, certificates, places):
    _, bihar = places
    client.force_login(staff("State coordinator", "AS"))
    assert client.get(MANAGE, {"state": state("BR").pk}).status_code == 404
    assert client.get(MANAGE, {"district": bihar.pk}).status_code == 404
    assert client.get(MANAGE, {"state": state("AS").pk}).status_code == 200


def test_pages_keep_the_filters(client, places, monkeypatch):
    (first, _), _ = places
    monkeypatch.setattr(services, "certificate_pdf_store", lambda **kwargs: None)
    for _ in range(51):
        issue_to(UserFactory(state=state("AS"), district=first))
    client.force_login(staff("State coordinator", "AS"))
    page = client.get(MANAGE, {"district": first.pk, "q": ""}).content.decode()
    assert f"district={first.pk}" in page
    assert "page=2" in page
