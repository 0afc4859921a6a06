"""Inviting people known by a mobile number alone: the account (no email, the number not yet
verified, no usable password, a learner), the invitation by SMS in their language (first name,
site name, a link to sign in by code: nothing else), matching by email then number, bulk
invitations, and every bad input refused by line and field with nothing written."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from lms import sms
from lms.accounts import services
from lms.accounts.models import Role, User
from lms.accounts.services import (
    Invitee,
    invitation_send,
    invitations_send_many,
    user_invite,
    users_invite_many,
)
from lms.sms.models import SmsMessage
from tests.accounts.factories import UserFactory, district_of, state
from tests.helpers import captured_statements

pytestmark = pytest.mark.django_db

LOGIN_BY_CODE = "http://testserver/accounts/login/code/"
CONFIRM_CODE = "/accounts/login/code/confirm/"


def counts() -> dict:
    """Everything an invitation writes or sends."""
    return {
        "users": User.objects.count(),
        "addresses": EmailAddress.objects.count(),
        "learners": User.groups.through.objects.filter(group__name=Role.LEARNER).count(),
        "invited": ModelLogEntry.objects.filter(action="accounts.user.invited").count(),
        "texts": SmsMessage.objects.count(),
        "sms_outbox": len(sms.outbox),
        "mail": len(mail.outbox),
    }


def phone_learner(phone: str, **fields) -> User:
    """An account known by its mobile number alone."""
    fields.setdefault("full_name", "Mitali Bora")
    fields.setdefault("state", state("AS"))
    return User.objects.create(email=None, phone=phone, **fields)


def invite(**fields) -> tuple[User, bool]:
    fields.setdefault("full_name", "Runa Begum Choudhury")
    fields.setdefault("state", state("AS"))
    fields.setdefault("district", district_of("AS"))
    fields.setdefault("by", None)
    return user_invite(**fields)


# --- One person -----------------------------------------------------------------------------


def test_someone_with_only_a_mobile_number_gets_an_account_and_an_sms(
    django_capture_on_commit_callbacks,
):
    trainer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        # Devanagari digits with a trunk 0, as a phone set to Hindi types them.
        user, created = invite(email="", phone="०९८७६५ ४३२१०", by=trainer)
    assert created
    user.refresh_from_db()
    assert user.email is None
    assert (user.phone, user.phone_verified) == ("+919876543210", False)
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [Role.LEARNER]
    assert (user.state, user.district) == (state("AS"), district_of("AS"))
    assert not EmailAddress.objects.filter(user=user).exists()
    entry = ModelLogEntry.objects.get(action="accounts.user.invited")
    assert (entry.object_id, entry.user_id) == (str(user.pk), trainer.pk)

    assert mail.outbox == []
    [message] = sms.outbox
    assert (message.to, message.kind, message.status) == ("+919876543210", "invitation", "sent")
    assert message.text == (
        "Runa, you are invited to Child Protection Training. Sign in with a code sent to "
        f"this number: {LOGIN_BY_CODE}"
    )
    for private in ("Begum", "Choudhury", "@", str(user.district)):
        assert private not in message.text


def test_the_invitation_sms_is_in_the_persons_language(django_capture_on_commit_callbacks):
    user = phone_learner("+919876543210", preferred_language="hi", full_name="अनीता शर्मा")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(user=user, invited_by=None)
    [message] = sms.outbox
    assert "बाल संरक्षण प्रशिक्षण" in message.text  # the site's name in Hindi
    assert "invited" not in message.text  # and the message too
    assert message.text.startswith("अनीता, ")
    assert "शर्मा" not in message.text
    assert LOGIN_BY_CODE in message.text


def test_someone_with_an_email_gets_the_mail_and_an_sms_only_when_they_asked(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="asha@example.org", phone="+919876543210", full_name="Asha Das")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(user=user, invited_by=None)
    assert [m.to for m in mail.outbox] == [["asha@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert sms.outbox == []
    assert not SmsMessage.objects.exists()

    User.objects.filter(pk=user.pk).update(notices_by_sms=True)
    user.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(user=user, invited_by=None)
    assert len(mail.outbox) == 2
    [message] = sms.outbox
    assert message.to == "+919876543210"
    assert message.text.startswith("Asha, you are invited")


def test_an_existing_account_is_matched_by_email_then_by_number():
    by_email = UserFactory(email="known@example.org", phone="+919876543211")
    by_phone = phone_learner("+919876543210")
    before = counts()
    # The address decides, even with another account's number beside it.
    assert invite(email="KNOWN@example.org", phone="98765 43210") == (by_email, False)
    assert invite(email="new.person@example.org", phone="+91-98765-43210") == (by_phone, False)
    assert invite(email="", phone="098765 43210") == (by_phone, False)
    assert counts() == before


@pytest.mark.parametrize(
    ("email", "phone", "field", "message"),
    [
        ("", "", "email", "Give an email address or a mobile number."),
        ("", "12345", "phone", "Enter a 10-digit Indian mobile number"),
        ("", "0361 234 5678", "phone", "Enter a 10-digit Indian mobile number"),  # a landline
        ("", "+1 415 555 0100", "phone", "Enter a 10-digit Indian mobile number"),
        ("not-an-address", "9876543210", "email", "Enter a valid email address."),
    ],
)
def test_bad_contact_details_are_refused_by_field_and_write_nothing(
    email, phone, field, message, django_capture_on_commit_callbacks
):
    before = counts()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        invite(email=email, phone=phone)
    assert list(error.value.message_dict) == [field]
    assert message in error.value.message_dict[field][0]
    assert counts() == before


def test_a_number_registered_meanwhile_is_refused_by_the_unique_index(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Between the look-up and the write another sign-up takes the number: the database
    refuses the second account, and nothing of the invitation is left."""
    real = services.validate_person_name

    def sign_up_meanwhile(name):
        phone_learner("+919876543210", full_name="Somebody Else")
        return real(name)

    monkeypatch.setattr(services, "validate_person_name", sign_up_meanwhile)
    before = counts()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        invite(email="", phone="9876543210")
    assert error.value.code == "exists"
    assert "registered meanwhile" in error.value.messages[0]
    assert User.objects.filter(phone="+919876543210").get().full_name == "Somebody Else"
    after = counts()
    assert after["users"] == before["users"] + 1  # the other sign-up only
    assert {k: v for k, v in after.items() if k != "users"} == {
        k: v for k, v in before.items() if k != "users"
    }


def test_signing_in_with_a_code_verifies_the_invited_number(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user, _created = invite(email="", phone="98640 12345")
    invitation = sms.outbox[-1]
    assert LOGIN_BY_CODE in invitation.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            LOGIN_BY_CODE.removeprefix("http://testserver"), {"phone": "9864012345"}
        )
    assert response.status_code == 302
    code = re.search(r"\b([A-Z0-9]{6,8})\b", sms.outbox[-1].text).group(1)
    response = client.post(CONFIRM_CODE, {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.phone_verified


# --- Many people ----------------------------------------------------------------------------


def _letters(number: int) -> str:
    """A number written in letters, as names have no digits: 12 → "bc"."""
    return "".join(chr(ord("a") + int(digit)) for digit in str(number))


def _people(n: int, *, start: int = 0) -> list[Invitee]:
    """``n`` people: every third by email alone, every third by number alone, the rest both."""
    people = []
    for i in range(start, start + n):
        email = f"learner{i}@example.org" if i % 3 != 1 else ""
        phone = f"98765{i:05d}" if i % 3 != 0 else ""
        people.append(
            Invitee(
                email=email,
                phone=phone,
                full_name=f"Learner{_letters(i)} Surname",
                district_id=district_of("AS").pk,
                line=i + 2,
            )
        )
    return people


def test_many_people_are_invited_by_their_channels(django_capture_on_commit_callbacks):
    trainer = UserFactory()
    people = _people(6)
    with django_capture_on_commit_callbacks(execute=True):
        users = users_invite_many(people=people, state=state("AS"), by=trainer)
    assert [(u.email, u.phone) for u in users] == [
        ("learner0@example.org", None),
        (None, "+919876500001"),
        ("learner2@example.org", "+919876500002"),
        ("learner3@example.org", None),
        (None, "+919876500004"),
        ("learner5@example.org", "+919876500005"),
    ]
    stored = User.objects.filter(pk__in=[u.pk for u in users])
    assert not any(u.has_usable_password() or u.phone_verified for u in stored)
    assert set(EmailAddress.objects.filter(user__in=users).values_list("email", "verified")) == {
        (u.email, True) for u in users if u.email
    }
    assert stored.filter(groups__name=Role.LEARNER).count() == 6
    invited = ModelLogEntry.objects.filter(action="accounts.user.invited")
    assert sorted(invited.values_list("object_id", flat=True)) == sorted(str(u.pk) for u in users)
    assert set(invited.values_list("user_id", flat=True)) == {trainer.pk}
    # Mails to every address; text messages to the numbers without one.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users if u.email)
    assert sorted(m.to for m in sms.outbox) == ["+919876500001", "+919876500004"]
    assert {m.kind for m in sms.outbox} == {"invitation"}
    assert sms.outbox[0].text.startswith("Learnerb, you are invited")
    assert "Surname" not in sms.outbox[0].text


def test_bulk_invitations_take_a_fixed_number_of_statements():
    def statements(people) -> int:
        with captured_statements() as captured:
            users_invite_many(people=people, state=state("AS"), by=None, send=False)
        return len(captured)

    assert statements(_people(3)) == statements(_people(24, start=100))


def test_invitations_send_many_counts_mails_and_texts(django_capture_on_commit_callbacks):
    users = users_invite_many(people=_people(6), state=state("AS"), by=None, send=False)
    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations_send_many(user_ids=[u.pk for u in users], invited_by=None, chunk_size=4)
    assert sent == 6  # four mails, two text messages
    assert (len(mail.outbox), len(sms.outbox)) == (4, 2)


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            {"phone": "+91 98765-00010"},  # the first person's number, written otherwise
            "Line 3, mobile number “+91 98765-00010”: the same mobile number is on line 2.",
        ),
        (
            {"email": "FIRST@example.org"},
            "Line 3, email address “FIRST@example.org”: the same address is on line 2.",
        ),
        ({"phone": "+1 415 555 0100"}, "Line 3, mobile number “+1 415 555 0100”: Enter a 10-digit"),
        ({"phone": "022 2345 6789"}, "Line 3, mobile number “022 2345 6789”: Enter a 10-digit"),
        ({}, "Line 3, email address “”: Give an email address or a mobile number."),
        ({"phone": "9876500099", "full_name": "<b>x</b>"}, "Line 3, name “<b>x</b>”: A name"),
        (
            {"phone": "9123456789"},  # an account's number
            "Line 3, mobile number “+919123456789”: an account with this mobile number",
        ),
        (
            {"email": "taken@example.org"},
            "Line 3, email address “taken@example.org”: an account with this address",
        ),
    ],
)
def test_a_bad_line_in_a_bulk_invitation_is_named_and_nothing_is_written(
    second, message, django_capture_on_commit_callbacks
):
    phone_learner("+919123456789")
    UserFactory(email="taken@example.org")
    people = [
        Invitee(email="first@example.org", phone="9876500010", full_name="First One", line=2),
        Invitee(**{"full_name": "Second One", **second, "line": 3}),
        Invitee(phone="9876500011", full_name="Third One", line=4),
    ]
    before = counts()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        users_invite_many(people=people, state=state("AS"), by=None)
    assert error.value.messages[0].startswith(message), error.value.messages
    assert counts() == before


def test_without_lines_a_bad_person_is_named_by_their_place_in_the_list():
    people = [Invitee(phone="9876500010", full_name="First One"), Invitee(full_name="Nobody")]
    with pytest.raises(ValidationError, match="Line 2, email address"):
        users_invite_many(people=people, state=state("AS"), by=None)
    assert not User.objects.filter(phone="+919876500010").exists()


def test_a_number_registered_meanwhile_fails_the_bulk_write_on_the_unique_index(
    monkeypatch, django_capture_on_commit_callbacks
):
    """The check for taken numbers passed (a concurrent sign-up came just after it): the unique
    index refuses the insert, and nothing of the whole list is written."""
    monkeypatch.setattr(services, "_refuse_taken", lambda *args: None)
    phone_learner("+919876500004")
    before = counts()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        users_invite_many(people=_people(6), state=state("AS"), by=None)
    assert error.value.code == "exists"
    assert counts() == before
