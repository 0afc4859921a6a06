"""A mobile number as an identity: sign up with it, verify it by a code sent by SMS, sign in
by password or by a one-time code; codes expire, are used once and limited in attempts, code
requests are limited per number and per client, and no page tells whether a number is
registered."""

import re
import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lms import sms
from lms.accounts.models import Role, User
from lms.accounts.validators import normalise_indian_mobile
from lms.sms.models import SmsMessage
from tests.accounts.factories import PASSWORD, UserFactory, add_totp, make_role

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
REQUEST_CODE = "/accounts/login/code/"
CONFIRM_CODE = "/accounts/login/code/confirm/"
VERIFY_PHONE = "/accounts/phone/verify/"


@pytest.fixture(autouse=True)
def _texts_go_out_on_commit(client, django_capture_on_commit_callbacks):
    """Each request's text messages are delivered when its transaction commits, as in
    production (the test's own transaction never commits)."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit


def code_in(message) -> str:
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def phone_learner(**kwargs) -> User:
    return UserFactory(email=None, phone="+919864012345", phone_verified=True, **kwargs)


@pytest.mark.parametrize(
    "typed",
    [
        "9864012345",
        "98640 12345",
        "+91-98640-12345",
        "+91 98640 12345",
        "09864012345",
        "919864012345",
        "(98640) 12345",
        "९८६४०१२३४५",  # Devanagari digits
        "৯৮৬৪০১২৩৪৫",  # Bengali-Assamese digits
        "০৯৮৬৪০ ১২৩৪৫",
    ],
)
def test_a_mobile_number_is_read_in_any_common_form(typed):
    assert normalise_indian_mobile(typed) == "+919864012345"


@pytest.mark.parametrize(
    "typed",
    [
        "0361 2345678",  # a Guwahati landline
        "011 23456789",
        "12345",
        "98640123456",  # eleven digits
        "986401234",  # nine
        "98640abcde",
        "+1 415 555 0100",
        "+44 7700 900123",
        "5864012345",  # Indian mobiles start with 6 to 9
        "٩٨٦٤٠١٢٣٤٥",  # Arabic-Indic digits are not read as Indian ones
        "",
    ],
)
def test_anything_else_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_indian_mobile(typed)


def signup(client, **overrides):
    data = {
        "full_name": "Runu Bora",
        "phone": "98640 12345",
        "email": "",
        "password1": "a long and memorable passphrase",
        "password2": "a long and memorable passphrase",
    }
    data.update(overrides)
    return client.post(SIGNUP, data)


def test_sign_up_with_a_mobile_number_only_and_verify_it_by_sms(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == VERIFY_PHONE
    user = User.objects.get(phone="+919864012345")
    assert user.email is None
    assert not user.phone_verified
    assert user.groups.filter(name=Role.LEARNER).exists()
    assert "_auth_user_id" not in client.session

    [message] = sms.outbox
    assert message.to == "+919864012345"
    assert message.kind == SmsMessage.Kind.CODE
    assert "Runu" not in message.text  # a code message carries no name

    response = client.post(VERIFY_PHONE, {"code": code_in(message)})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone_verified
    assert client.session["_auth_user_id"] == str(user.pk)
    # Signed in, the new learner completes the profile next.
    assert client.get("/")["Location"].startswith("/accounts/profile/")


def test_a_code_message_is_in_the_language_the_person_signed_up_in(client):
    client.cookies["lms_language"] = "hi"
    signup(client, full_name="रुनु बोरा")
    user = User.objects.get(phone="+919864012345")
    assert user.preferred_language == "hi"
    assert "कोड" in sms.outbox[-1].text


def test_sign_up_needs_a_mobile_number_or_an_email(client):
    response = signup(client, phone="", email="")
    assert response.status_code == 200
    assert "Enter your mobile number, your email address, or both." in response.content.decode()
    assert not User.objects.exists()
    assert sms.outbox == []


@pytest.mark.parametrize("typed", ["0361 2345678", "12345", "98640abcde", "+44 7700 900123"])
def test_sign_up_with_a_number_that_is_not_an_indian_mobile_changes_nothing(client, typed):
    response = signup(client, phone=typed)
    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."
    ]
    assert not User.objects.exists()
    assert sms.outbox == []


def test_sign_up_with_a_number_already_registered_looks_the_same_and_creates_nothing(client):
    owner = phone_learner()
    fresh = signup(client, phone="98640 99999")
    client.logout()
    sms.outbox.clear()
    before = User.objects.count()
    again = signup(client, phone="+91 98640-12345")  # the owner's number, typed differently
    assert again.status_code == fresh.status_code == 302
    assert again["Location"] == fresh["Location"]
    assert User.objects.count() == before
    # Its owner is told someone tried, and how to sign in; no code is sent.
    [message] = sms.outbox
    assert message.to == owner.phone
    assert "/accounts/login/code/" in message.text


def test_sign_in_by_password_with_the_number_typed_any_way(client):
    user = phone_learner()
    response = client.post(LOGIN, {"login": "098640-12345", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def request_code(client, phone, **extra):
    return client.post(REQUEST_CODE, {"phone": phone}, **extra)


def test_sign_in_by_a_code_sent_by_sms(client):
    user = phone_learner()
    response = request_code(client, "98640 12345")
    assert response.status_code == 302
    assert response["Location"] == CONFIRM_CODE
    [message] = sms.outbox
    assert message.to == user.phone
    assert "10 minutes" in message.text
    response = client.post(CONFIRM_CODE, {"code": code_in(message)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_code_typed_in_devanagari_or_bengali_digits_is_read(client):
    user = phone_learner()
    request_code(client, "9864012345")
    code = code_in(sms.outbox[-1])
    devanagari = "".join(chr(0x0966 + int(d)) for d in code)
    response = client.post(CONFIRM_CODE, {"code": f"{devanagari[:3]} {devanagari[3:]}"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_code_signs_in_once(client):
    phone_learner()
    request_code(client, "9864012345")
    code = code_in(sms.outbox[-1])
    client.post(CONFIRM_CODE, {"code": code})
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    replay = client.post(CONFIRM_CODE, {"code": code})
    assert "_auth_user_id" not in client.session
    assert replay.status_code in (200, 302)
    if replay.status_code == 302:
        assert replay["Location"] != "/"


def test_a_code_expires(client):
    phone_learner()
    request_code(client, "9864012345")
    code = code_in(sms.outbox[-1])
    eleven_minutes_on = time.time() + 11 * 60
    with mock.patch(
        "allauth.account.internal.flows.code_verification.time.time",
        return_value=eleven_minutes_on,
    ):
        client.post(CONFIRM_CODE, {"code": code})
    assert "_auth_user_id" not in client.session


def test_three_wrong_codes_end_the_attempt(client):
    phone_learner()
    request_code(client, "9864012345")
    code = code_in(sms.outbox[-1])
    for guess in ("000000", "111111", "222222"):
        response = client.post(CONFIRM_CODE, {"code": guess})
        assert "_auth_user_id" not in client.session
    # The right code no longer works once the attempts are spent.
    client.post(CONFIRM_CODE, {"code": code})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_a_code_for_an_unknown_number_answers_the_same_and_sends_nothing(client):
    phone_learner()
    known = request_code(client, "9864012345")
    client.cookies.clear()
    sms.outbox.clear()
    unknown = request_code(client, "9864099999")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert sms.outbox == []
    assert SmsMessage.objects.filter(to="+919864099999").count() == 0


def test_code_requests_are_limited_per_number_however_it_is_typed(client):
    phone_learner()
    forms = ["9864012345", "+91 98640 12345", "098640-12345", "९८६४०१२३४५"]
    answers = []
    for number, typed in enumerate(forms):
        # A new client each time: the limit is the number's, not the browser's or address's.
        client.cookies.clear()
        answers.append(request_code(client, typed, REMOTE_ADDR=f"10.1.0.{number}"))
    assert [a.status_code for a in answers[:3]] == [302, 302, 302]
    assert answers[3].status_code in (200, 429)
    assert len(sms.outbox) == 3


def test_code_requests_are_limited_per_client(client):
    for n in range(25):
        UserFactory(email=None, phone=f"+91986400{n:04d}", phone_verified=True)
    statuses = []
    for n in range(25):
        client.cookies.clear()  # a new sign-in each time, from the same address
        statuses.append(request_code(client, f"986400{n:04d}").status_code)
    assert statuses.count(302) == 20
    assert len(sms.outbox) == 20


def test_staff_who_sign_in_by_code_still_enter_their_authenticator_code(client):
    user = make_role(UserFactory(phone="+919864012345", phone_verified=True), Role.AUTHOR)
    add_totp(user)
    request_code(client, "9864012345")
    response = client.post(CONFIRM_CODE, {"code": code_in(sms.outbox[-1])})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


def test_an_email_sign_up_still_waits_for_the_address_to_be_confirmed(client):
    response = signup(client, phone="", email="runu@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    user = User.objects.get(email="runu@example.org")
    response = client.post(
        LOGIN, {"login": user.email, "password": "a long and memorable passphrase"}
    )
    assert "_auth_user_id" not in client.session


def test_every_account_keeps_an_email_or_a_mobile():
    user = phone_learner()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(phone=None)
    assert User.objects.get(pk=user.pk).phone == "+919864012345"


def test_a_double_clicked_sign_up_answers_too_many_attempts_and_creates_one_account(client):
    signup(client)
    client.logout()
    client.cookies.clear()
    again = signup(client)
    assert again.status_code == 429
    assert "Too many attempts" in again.content.decode()
    assert User.objects.filter(phone="+919864012345").count() == 1
    assert len(sms.outbox) == 1


def test_signing_in_again_before_the_first_code_arrived_answers_too_many_attempts(client):
    UserFactory(email=None, phone="+919864012345", phone_verified=False)
    first = client.post(LOGIN, {"login": "9864012345", "password": PASSWORD})
    assert first["Location"] == VERIFY_PHONE
    client.cookies.clear()
    again = client.post(LOGIN, {"login": "9864012345", "password": PASSWORD})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert len(sms.outbox) == 1
