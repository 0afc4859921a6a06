""" "In this role since" on the profile: the date required training is due from. A new cadre
without a date starts today (in India); an unchanged cadre keeps its date; never a future
date."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.accounts.models import Cadre, User
from lms.accounts.services import profile_complete
from tests.accounts.factories import UserFactory
from tests.accounts.test_signup import profile_data

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def cwc():
    return Cadre.objects.get(slug="cwc-member")


def stored(user):
    user.refresh_from_db()
    return (user.cadre_id, user.cadre_since)


def _fields(user, **overrides):
    fields = {
        "full_name": user.full_name,
        "cadre": user.cadre,
        "designation": user.designation,
        "state": user.state,
        "district": user.district,
        "preferred_language": "en",
    }
    fields.update(overrides)
    return fields


def test_the_form_shows_the_date_as_optional(client, today):
    user = UserFactory(cadre_since=today - datetime.timedelta(days=30))
    client.force_login(user)
    html = client.get(PROFILE).content.decode()
    assert "In this role since" in html
    assert 'type="date"' in html
    assert f'value="{user.cadre_since:%Y-%m-%d}"' in html
    assert 'name="cadre_since"' in html
    assert "(optional)" in html


def test_a_date_given_is_kept(client, cwc, today):
    user = UserFactory()
    client.force_login(user)
    since = today - datetime.timedelta(days=200)
    response = client.post(PROFILE, profile_data(cadre=str(cwc.pk), cadre_since=since.isoformat()))
    assert response.status_code == 302
    assert stored(user) == (cwc.pk, since)


def test_a_new_cadre_without_a_date_starts_today(client, cwc, today):
    user = UserFactory(cadre_since=today - datetime.timedelta(days=500))
    client.force_login(user)
    response = client.post(PROFILE, profile_data(cadre=str(cwc.pk), cadre_since=""))
    assert response.status_code == 302
    assert stored(user) == (cwc.pk, today)


def test_a_new_cadre_with_the_old_posts_date_left_as_shown_starts_today(client, cwc, today):
    old = today - datetime.timedelta(days=500)
    user = UserFactory(cadre_since=old)
    client.force_login(user)
    response = client.post(PROFILE, profile_data(cadre=str(cwc.pk), cadre_since=old.isoformat()))
    assert response.status_code == 302
    assert stored(user) == (cwc.pk, today)


def test_a_first_cadre_without_a_date_starts_today(client, cwc, today):
    user = UserFactory(cadre=None, cadre_since=None)
    client.force_login(user)
    client.post(PROFILE, profile_data(cadre=str(cwc.pk)))
    assert stored(user) == (cwc.pk, today)


def test_the_same_cadre_without_a_date_keeps_its_date(client, today):
    since = today - datetime.timedelta(days=500)
    user = UserFactory(cadre_since=since)
    client.force_login(user)
    response = client.post(PROFILE, profile_data(cadre=str(user.cadre_id), cadre_since=""))
    assert response.status_code == 302
    assert stored(user) == (user.cadre_id, since)


def test_today_is_the_day_in_india(cwc):
    # 20:00 UTC on 31 March is already 1 April in India.
    evening = datetime.datetime(2026, 3, 31, 20, 0, tzinfo=datetime.UTC)
    user = UserFactory()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: evening)
        profile_complete(user=user, notice_accepted=True, **_fields(user, cadre=cwc))
    assert stored(user) == (cwc.pk, datetime.date(2026, 4, 1))


def test_a_future_date_is_refused_and_changes_nothing(client, cwc, today):
    since = today - datetime.timedelta(days=30)
    user = UserFactory(cadre_since=since)
    client.force_login(user)
    entries = ModelLogEntry.objects.count()
    tomorrow = today + datetime.timedelta(days=1)

    response = client.post(
        PROFILE, profile_data(cadre=str(cwc.pk), cadre_since=tomorrow.isoformat())
    )

    assert response.status_code == 200
    assert "cadre_since" in response.context["form"].errors
    assert "The date cannot be in the future." in response.content.decode()
    assert stored(user) == (Cadre.objects.get(slug="social-worker").pk, since)
    assert ModelLogEntry.objects.count() == entries


def test_the_service_refuses_a_future_date_too(cwc, today):
    since = today - datetime.timedelta(days=30)
    user = UserFactory(cadre_since=since)
    entries = ModelLogEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        profile_complete(
            user=User.objects.get(pk=user.pk),
            notice_accepted=True,
            cadre_since=today + datetime.timedelta(days=1),
            **_fields(user, cadre=cwc),
        )
    assert "cadre_since" in error.value.message_dict
    assert stored(user) == (user.cadre_id, since)
    assert ModelLogEntry.objects.count() == entries


def test_not_a_date_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(PROFILE, profile_data(cadre_since="31/02/2026"))
    assert response.status_code == 200
    assert "cadre_since" in response.context["form"].errors
