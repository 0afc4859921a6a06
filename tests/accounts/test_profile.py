import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from lms.accounts.models import Consent, User
from lms.accounts.services import profile_complete, user_invite, user_name_set
from lms.geography.models import District, State
from tests.accounts.factories import UserFactory
from tests.accounts.test_signup import profile_data

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


@pytest.fixture
def newcomer(client):
    user = UserFactory(
        full_name="",
        cadre=None,
        designation="",
        state=None,
        district=None,
        profile_completed_at=None,
        consent_version="",
    )
    Consent.objects.filter(user=user).delete()
    client.force_login(user)
    return user


def snapshot(user):
    user.refresh_from_db()
    return (
        user.full_name,
        user.phone,
        user.state_id,
        user.district_id,
        user.profile_completed_at,
        user.consent_version,
        Consent.objects.filter(user=user).count(),
    )


def test_learner_pages_redirect_until_profile_complete(client, newcomer):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{PROFILE}?next=%2F"
    # The account pages themselves stay open, and so do help, contact and accessibility.
    assert client.get(PROFILE).status_code == 200
    for path in ("/help/", "/contact/", "/accessibility/"):
        assert client.get(path).status_code == 200, path
    assert client.get("/learning/").status_code == 302


def test_the_profile_form_cannot_set_a_mobile_number(client, newcomer):
    """A number is an identity: it is added or changed only through the page that verifies it
    by a code, never by typing it into the profile (where anyone could claim another's)."""
    response = client.post(PROFILE, profile_data(phone="98640 12345"))
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.phone is None
    assert not newcomer.needs_profile
    page = client.get(PROFILE)
    assert b'href="/accounts/phone/change/"' in page.content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"full_name": "<b>Anjali</b>"}, "full_name"),
        ({"full_name": "x" * 151}, "full_name"),
        ({"accept_notice": ""}, "accept_notice"),
        ({"cadre": "999999"}, "cadre"),
    ],
)
def test_bad_profile_input_changes_nothing(client, newcomer, overrides, field):
    before = snapshot(newcomer)
    response = client.post(PROFILE, profile_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert snapshot(newcomer) == before


def test_district_of_another_state_is_refused(client, newcomer):
    bihar_district = District.objects.filter(state__code="BR").first()
    before = snapshot(newcomer)
    response = client.post(PROFILE, profile_data(district=str(bihar_district.pk)))
    assert response.status_code == 200
    assert "district" in response.context["form"].errors
    assert snapshot(newcomer) == before


def test_districts_follow_the_state(client, newcomer):
    bihar = State.objects.get(code="BR")
    response = client.get("/accounts/districts/", {"state": bihar.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Patna" in body
    assert "Dibrugarh" not in body
    assert client.get("/accounts/districts/", {"state": "nonsense"}).status_code == 200


def test_refresh_districts_without_javascript_saves_nothing(client, newcomer):
    before = snapshot(newcomer)
    response = client.post(PROFILE, {**profile_data(), "refresh_districts": "1"})
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert snapshot(newcomer) == before


def test_consent_is_recorded_with_version(client, newcomer):
    client.post(PROFILE, profile_data())
    consent = Consent.objects.get(user=newcomer)
    assert consent.notice_version == settings.LMS_DATA_USE_NOTICE_VERSION
    assert consent.accepted_at is not None


def test_new_notice_version_asks_again(client, settings):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/").status_code == 200
    settings.LMS_DATA_USE_NOTICE_VERSION = "2099-01"
    assert client.get("/")["Location"].startswith(PROFILE)
    client.post(PROFILE, profile_data())
    assert Consent.objects.filter(user=user).count() == 2
    assert client.get("/").status_code == 200


def test_next_is_followed_only_when_safe(client, newcomer):
    response = client.post(PROFILE, {**profile_data(), "next": "https://evil.example.com/"})
    assert response["Location"] == "/"
    User.objects.filter(pk=newcomer.pk).update(profile_completed_at=None)
    response = client.post(PROFILE, {**profile_data(), "next": "/accounts/email/"})
    assert response["Location"] == "/accounts/email/"


@pytest.mark.parametrize(
    "name",
    ["A" * 400, "Anita " * 30, "Anil \u202eDas", "\u2067Anil\u2069", "Anil\u200fDas", "Anil\u3164"],
    ids=["400-letters", "180-with-spaces", "rlo", "isolate", "rlm", "filler"],
)
def test_the_services_refuse_a_long_or_invisible_name_and_change_nothing(name):
    user = UserFactory(full_name="Anjali Das")
    before = snapshot(user)
    entries = ModelLogEntry.objects.count()
    assam = State.objects.get(code="AS")
    with pytest.raises(ValidationError):
        user_name_set(user=user, full_name=name)
    with pytest.raises(ValidationError):
        profile_complete(
            user=User.objects.get(pk=user.pk),
            full_name=name,
            cadre=user.cadre,
            designation="Social Worker",
            state=assam,
            district=District.objects.filter(state=assam).first(),
            preferred_language="en",
            notice_accepted=True,
        )
    with pytest.raises(ValidationError):
        user_invite(email="new.person@example.org", full_name=name, state=assam, by=None)
    assert snapshot(user) == before
    assert ModelLogEntry.objects.count() == entries
    assert not User.objects.filter(email="new.person@example.org").exists()
