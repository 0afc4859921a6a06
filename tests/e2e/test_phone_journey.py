"""A caregiver with a phone and no email: she signs up with her mobile number, reads the code
from the text message, completes her profile, enrols, signs out, and signs back in by a code."""

import re

import pytest

from lms import sms
from lms.accounts.models import Cadre, User
from lms.geography.models import State
from modules.learning.models import Enrollment
from tests.e2e.accessibility import assert_accessible
from tests.modules.factories import make_module, single, true_false

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long and memorable passphrase"


def last_code(phone: str) -> str:
    message = [m for m in sms.outbox if m.to == phone][-1]
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def test_a_caregiver_with_only_a_phone_signs_up_learns_and_signs_in_by_code(
    live_server, page, artifacts
):
    module = make_module(
        code="CP-111", title="Caring for children", lessons=1, questions=[single(), true_false()]
    )
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Full name").fill("Runu Bora")
    page.get_by_label("Mobile number").fill("98640 12345")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile(r"Password \(again\)")).fill(PASSWORD)
    assert_accessible(page, "sign-up")
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()

    page.wait_for_url(re.compile(r"/accounts/phone/verify/$"))
    assert_accessible(page, "enter the code")
    page.screenshot(path=str(artifacts / "phone-journey-verify.png"), full_page=True)
    page.get_by_label(re.compile("code", re.I)).first.fill(last_code("+919864012345"))
    page.locator("main").get_by_role("button", name=re.compile("Confirm|Verify", re.I)).click()

    page.wait_for_url(re.compile(r"/accounts/profile/"))
    page.get_by_label("Cadre").select_option(value=str(Cadre.objects.get(slug="cci-staff").pk))
    page.get_by_label("Designation").fill("Caregiver, Children's Home")
    assam = State.objects.get(code="AS")
    page.get_by_label("State or union territory").select_option(value=str(assam.pk))
    page.locator("#id_district option", has_text="Jorhat").wait_for(state="attached")
    page.get_by_label("District").select_option(label="Jorhat")
    assert page.locator("dd", has_text="+91 98640 12345").is_visible()
    page.get_by_label(re.compile("I have read the data-use notice")).check()
    page.get_by_role("button", name=re.compile("Save", re.I)).click()
    page.wait_for_url(f"{live_server.url}/")

    user = User.objects.get(phone="+919864012345")
    assert user.email is None
    assert user.phone_verified
    assert not user.needs_profile

    page.goto(f"{live_server.url}{module.url}")
    page.get_by_role("button", name=re.compile("Enrol", re.I)).click()
    page.wait_for_url(re.compile(r"/lesson-1/$"))
    assert Enrollment.objects.filter(user=user).exists()

    # Sign out, and back in with a code instead of the password.
    page.goto(f"{live_server.url}/accounts/logout/")
    page.locator("main").get_by_role("button", name=re.compile("Sign out", re.I)).click()
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, "sign-in")
    page.screenshot(path=str(artifacts / "phone-journey-login.png"), full_page=True)
    page.get_by_role("link", name=re.compile("code", re.I)).first.click()
    page.wait_for_url(re.compile(r"/accounts/login/code/$"))
    assert_accessible(page, "ask for a code")
    page.get_by_label("Mobile number").fill("+91 98640-12345")
    page.locator("main").get_by_role("button", name=re.compile("code", re.I)).click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/$"))
    assert_accessible(page, "enter the sign-in code")
    page.get_by_label(re.compile("code", re.I)).first.fill(last_code("+919864012345"))
    page.locator("main").get_by_role("button", name=re.compile("Sign in|Confirm", re.I)).click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/learning/")
    assert page.get_by_text("Caring for children").first.is_visible()
    page.screenshot(path=str(artifacts / "phone-journey-my-learning.png"), full_page=True)
