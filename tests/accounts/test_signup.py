import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from lms.accounts.models import Cadre, Consent, Role, User
from lms.geography.models import District, State
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"


def signup_data(**overrides):
    data = {
        "full_name": "Anjali Das",
        "email": "anjali@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def profile_data(**overrides):
    assam = State.objects.get(code="AS")
    district = District.objects.filter(state=assam).first()
    data = {
        "full_name": "Anjali Das",
        "cadre": "6",
        "designation": "Social Worker, DCPU",
        "organisation": "DCPU Kamrup Metropolitan",
        "state": str(assam.pk),
        "district": str(district.pk),
        "preferred_language": "hi",
        "accept_notice": "on",
    }

    data["cadre"] = str(Cadre.objects.get(slug="social-worker").pk)
    data.update(overrides)
    return data


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_signup_verify_profile_home(client):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="anjali@example.org")
    assert user.full_name == "Anjali Das"
    assert user.groups.filter(name=Role.LEARNER).exists()
    assert len(mail.outbox) == 1

    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    # Signed in by the confirmation, the learner is sent to complete the profile.
    response = client.get("/", follow=False)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/profile/")

    response = client.post("/accounts/profile/", profile_data())
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == "/"
    user.refresh_from_db()
    assert user.phone is None  # a number is added, and verified, on its own page
    assert user.state.code == "AS"
    assert user.preferred_language == "hi"
    assert user.profile_completed_at is not None
    consent = Consent.objects.get(user=user)
    assert consent.notice_version == user.consent_version

    response = client.get("/")
    assert response.status_code == 200
    assert "Anjali" in response.content.decode()


def test_signup_with_existing_email_creates_nothing_and_looks_the_same(client):
    existing = UserFactory(email="taken@example.org")
    new = client.post(SIGNUP, signup_data(email="fresh@example.org"))
    client.logout()
    users_before = User.objects.count()
    again = client.post(SIGNUP, signup_data(email="TAKEN@example.org"))
    assert User.objects.count() == users_before
    # Same answer as a fresh address: no enumeration of accounts.
    assert again.status_code == new.status_code == 302
    assert again["Location"] == new["Location"]
    # The owner of the address is told someone tried to sign up with it.
    assert mail.outbox[-1].to == [existing.email]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", "<script>alert(1)</script>"),
        ("full_name", "A" * 151),
        ("full_name", "   "),
        ("email", "not-an-email"),
    ],
)
def test_signup_rejects_bad_input(client, field, value):
    before = User.objects.count()
    response = client.post(SIGNUP, signup_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert User.objects.count() == before
    assert mail.outbox == []


def test_learner_group_exists_for_signups():
    assert Group.objects.filter(name=Role.LEARNER).exists()
