"""A trainer imports caregivers who have a mobile number and no email: they are invited by SMS,
and one of them follows the link, signs in with a code, completes her profile, learns, is told
of a session, gets her certificate and shares it."""

import datetime
import re

import pytest
from django.utils import timezone

from certification.models import Certificate
from lms import sms
from lms.accounts.models import Cadre, User
from lms.sms.models import SmsMessage
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_trainer_journey import staff_log_in, trainer_with_secret, upload
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, make_group
from trainers.models import CohortMember

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def code_for(phone: str) -> str:
    message = [m for m in sms.outbox if m.to == phone and m.kind == SmsMessage.Kind.CODE][-1]
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def test_caregivers_with_only_a_phone_are_imported_invited_and_learn(
    live_server, page, browser, artifacts
):
    module = make_module(code="CP-121", title="Daily care of children", lessons=1)
    group = make_group("AS", name="Assam State Core Trainer Group")
    cohort = make_cohort(group=group, modules=[module], name="Jorhat caregivers")
    trainer, secret = trainer_with_secret("AS", group)
    staff_log_in(page, live_server, trainer, secret)

    # A spreadsheet of mobile numbers only, typed as people type them.
    page.goto(f"{live_server.url}/trainers/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Import").click()
    upload(
        page,
        "caregivers.csv",
        "Full name,Mobile number,District\n"
        "Runu Bora,98640 12345,Jorhat\n"
        "Jonali Saikia,+91-98640-54321,Jorhat\n"
        "Minu Das,०९८६४० ११२२३,Jorhat\n",
    )
    assert_accessible(page, "import preview")
    preview = page.locator("main")
    assert preview.get_by_text(re.compile("0 by email, 3 by SMS")).is_visible()
    page.screenshot(path=str(artifacts / "phone-import-preview.png"), full_page=True)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text(re.compile("3 learners imported")).first.wait_for()
    assert CohortMember.objects.filter(cohort=cohort).count() == 3
    invited = {m.to: m for m in sms.outbox if m.kind == SmsMessage.Kind.INVITATION}
    assert set(invited) == {"+919864012345", "+919864054321", "+919864011223"}
    invitation = invited["+919864012345"]
    assert "Runu" in invitation.text
    assert "Bora" not in invitation.text  # a first name and a link, nothing more
    link = re.search(r"https?://\S+", invitation.text).group(0)
    assert "/accounts/login/code/" in link

    # The trainer schedules a session: the caregivers are told by SMS.
    starts = timezone.localtime() + datetime.timedelta(days=2)
    page.goto(f"{live_server.url}/trainers/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Sessions").click()
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Module").select_option(label=f"CP-121 · {module.title}")
    page.get_by_label("Title").fill("Day 1")
    page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Ends").fill(starts.strftime("%Y-%m-%dT13:00"))
    page.get_by_label("Venue").fill("Jorhat DCPU hall")
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    for _wait in range(40):
        if any(m.kind == SmsMessage.Kind.SESSION and m.to == "+919864012345" for m in sms.outbox):
            break
        page.wait_for_timeout(250)
    session_notice = [
        m for m in sms.outbox if m.kind == SmsMessage.Kind.SESSION and m.to == "+919864012345"
    ]
    assert session_notice, "no session notice by SMS"

    # Runu follows the invitation on her phone and signs in with the code sent to her.
    phone = browser.new_context(viewport={"width": 360, "height": 740})
    learner = phone.new_page()
    learner.goto(link.replace("http://testserver", live_server.url))
    learner.get_by_label("Mobile number").fill("98640 12345")
    learner.locator("main").get_by_role("button", name=re.compile("code", re.I)).click()
    learner.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    learner.get_by_label(re.compile("code", re.I)).first.fill(code_for("+919864012345"))
    learner.locator("main").get_by_role("button", name=re.compile("Sign in|Confirm", re.I)).click()
    learner.wait_for_url(re.compile(r"/accounts/profile/"))
    user = User.objects.get(phone="+919864012345")
    assert user.phone_verified  # the code sent to it proved the number
    learner.get_by_label("Cadre").select_option(value=str(Cadre.objects.get(slug="cci-staff").pk))
    learner.get_by_label("Designation").fill("Caregiver, Children's Home")
    learner.get_by_label(re.compile("I have read the data-use notice")).check()
    learner.get_by_role("button", name=re.compile("Save", re.I)).click()
    learner.wait_for_url(f"{live_server.url}/")

    # My learning shows her module and the session; she completes the lesson.
    learner.goto(f"{live_server.url}/learning/")
    assert learner.get_by_text("Day 1").first.is_visible()
    assert_accessible(learner, "my learning with a session")
    learner.goto(f"{live_server.url}{module.url}lesson-1/")
    learner.get_by_role("button", name=re.compile("Mark as complete", re.I)).click()
    learner.get_by_text(re.compile("Lesson completed", re.I)).first.wait_for()

    # The certificate is issued; she is told by SMS with its public address, and shares it.
    for _wait in range(60):
        if Certificate.objects.filter(recipient=user).exists() and any(
            m.kind == SmsMessage.Kind.CERTIFICATE and m.to == user.phone for m in sms.outbox
        ):
            break
        learner.wait_for_timeout(250)
    certificate = Certificate.objects.get(recipient=user)
    notice = [m for m in sms.outbox if m.kind == SmsMessage.Kind.CERTIFICATE][-1]
    assert f"/verify/{certificate.token}/" in notice.text
    learner.goto(f"{live_server.url}/learning/")
    share = learner.get_by_role("link", name=re.compile("WhatsApp", re.I)).first
    href = share.get_attribute("href")
    assert href.startswith("https://wa.me/?text=")
    assert certificate.token in href
    assert "/pdf" not in href
    learner.screenshot(path=str(artifacts / "phone-invitation-my-learning.png"), full_page=True)
    assert_accessible(learner, "my learning with a certificate")
    phone.close()
