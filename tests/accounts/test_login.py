import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail

from lms.accounts.models import Role
from tests.accounts.factories import PASSWORD, UserFactory, add_totp, make_role

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def login(client, email, password):
    return client.post(LOGIN, {"login": email, "password": password})


def test_login_and_logout(client):
    user = UserFactory()
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_twenty_failed_logins_lock_the_account(client):
    user = UserFactory()
    for _attempt in range(20):
        assert login(client, user.email, "wrong password").status_code == 200
    response = login(client, user.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_lock_holds_for_the_account_from_another_address(client):
    user = UserFactory()
    for attempt in range(20):
        client.post(
            LOGIN, {"login": user.email, "password": "wrong"}, REMOTE_ADDR=f"10.0.0.{attempt}"
        )
    client.post(LOGIN, {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9")
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_reveal_accounts(client):
    user = UserFactory()
    known = client.post("/accounts/password/reset/", {"email": user.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert {tuple(m.to) for m in mail.outbox} == {(user.email,), ("nobody@example.org",)}


def test_login_errors_do_not_reveal_accounts(client):
    user = UserFactory()
    known = login(client, user.email, "wrong password")
    unknown = login(client, "nobody@example.org", "wrong password")
    assert known.context["form"].errors == unknown.context["form"].errors


def test_password_change_ends_sessions(client):
    user = UserFactory()
    other = client.__class__()
    other.force_login(user)
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a new long passphrase",
            "password2": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert other.get("/accounts/profile/").status_code == 302  # the other device is signed out


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.REVIEWER, Role.NATIONAL_ADMIN])
def test_admin_roles_must_set_up_mfa(client, role):
    user = make_role(UserFactory(), role)
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    assert client.get("/admin/")["Location"].startswith("/accounts/2fa/totp/activate/")


@pytest.mark.parametrize("role", [Role.TRAINER, Role.COORDINATOR])
def test_state_roles_must_set_up_mfa(client, role):
    user = make_role(UserFactory(), role, "AS")
    client.force_login(user)
    assert client.get("/")["Location"].startswith("/accounts/2fa/totp/activate/")


def test_learners_are_not_forced_into_mfa(client):
    client.force_login(UserFactory())
    assert client.get("/").status_code == 200


def test_mfa_can_be_switched_off_for_the_demo(client, settings):
    settings.LMS_REQUIRE_MFA = False
    user = make_role(UserFactory(), Role.AUTHOR)
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_staff_with_totp_must_enter_a_code_to_log_in(client):
    user = make_role(UserFactory(), Role.AUTHOR)
    secret = add_totp(user)
    response = login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    counter = next(iter(yield_hotp_counters_from_time()))
    code = format_hotp_value(hotp_value(secret, counter))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/").status_code == 200
