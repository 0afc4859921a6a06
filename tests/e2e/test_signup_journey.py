import re

import pytest
from django.core import mail

from lms.accounts.models import User
from lms.geography.models import State
from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long and memorable passphrase"


def test_new_learner_signs_up_confirms_completes_profile(live_server, page, artifacts):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Full name").fill("Bitupan Gogoi")
    page.get_by_label("Email").fill("bitupan@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile(r"Password \(again\)")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    assert_accessible(page, "check your email")

    body = mail.outbox[-1].body
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", body).group(1)
    page.goto(f"{live_server.url}{link}")
    assert_accessible(page, "confirm the address")
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()

    page.wait_for_url(re.compile(r"/accounts/profile/"))
    page.get_by_label("Cadre").select_option(label="Outreach Worker")
    page.get_by_label("Designation").fill("Outreach Worker, DCPU Jorhat")
    assam = State.objects.get(code="AS")
    page.get_by_label("State or union territory").select_option(value=str(assam.pk))
    # The district list follows the state without a page reload.
    district = page.get_by_label("District")
    page.locator("#id_district option", has_text="Jorhat").wait_for(state="attached")
    district.select_option(label="Jorhat")
    page.get_by_label(re.compile("I have read the data-use notice")).check()
    assert_accessible(page, "profile")
    page.get_by_role("button", name=re.compile("Save", re.I)).click()

    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name=re.compile("Welcome")).is_visible()
    page.screenshot(path=str(artifacts / "signup-journey-home.png"), full_page=True)
    assert_accessible(page, "home")

    user = User.objects.get(email="bitupan@example.org")
    assert user.district.name == "Jorhat"
    assert user.phone is None
    assert not user.needs_profile
