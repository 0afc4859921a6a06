"""A learner's in-person session on a phone: My learning and the module page show it at
360 px without sideways scrolling, and "Add to calendar" downloads its calendar file; the
learner's certificate beside it can be shared."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from certification.services import certificate_issue
from modules.content.models import TrainingModulePage
from tests.accounts.factories import UserFactory
from tests.certification.factories import completed_enrollment
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_learning_journey import log_in
from tests.modules.factories import make_module
from tests.trainers.factories import make_cohort, make_group, trainer
from trainers.services import cohort_members_add
from trainers.sessions import session_create

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_learner_sees_their_session_on_a_phone_and_adds_it_to_their_calendar(live_server, page):
    group = make_group("AS")
    module = make_module(
        code="CP-901",
        lessons=1,
        completion_rule=TrainingModulePage.CompletionRule.WITH_ATTENDANCE,
        required_attendance_percent=75,
    )
    cohort = make_cohort("AS", group=group, modules=[module])
    learner = UserFactory()
    cohort_members_add(cohort=cohort, users=[learner], by=None)
    starts = (timezone.localtime() + datetime.timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    session = session_create(
        cohort=cohort,
        module=module,
        title="Case conferences with the Child Welfare Committee",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        venue="District Child Protection Unit conference hall, Kamrup Metropolitan, Guwahati",
        online_link="https://meet.example.org/cp-901/a-very-long-meeting-address-that-must-wrap",
        trainers=[trainer("AS", group=group, full_name="Anjali Das")],
        by=None,
    )
    other = make_cohort("AS", group=group, modules=[module])
    session_create(
        cohort=other,
        module=module,
        title="Another cohort's day",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        venue="Nalbari",
        by=None,
    )
    certificate = certificate_issue(enrollment_id=completed_enrollment(user=learner).pk)

    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, live_server, learner)
    page.goto(f"{live_server.url}{reverse('learning:my_learning')}")
    sessions = page.get_by_role("region", name="Upcoming sessions")
    card = sessions.get_by_role("listitem").filter(has_text=session.title)
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    assert "Anjali Das" in card.inner_text()
    assert "Another cohort's day" not in page.content()
    assert_accessible(page, "my learning with a session and a certificate")

    # The certificate is shared by its verification address; the script shows "Copy link".
    verify = f"/verify/{certificate.token}/"
    assert page.get_by_label("Link to check this certificate").first.input_value().endswith(verify)
    assert page.get_by_role("button", name="Copy link").is_visible()
    whatsapp = page.get_by_role("link", name=re.compile("Share on WhatsApp")).get_attribute("href")
    assert whatsapp.startswith("https://wa.me/?text=")
    assert "%2Fverify%2F" in whatsapp
    assert "%2Fpdf%2F" not in whatsapp

    with page.expect_download() as download:
        card.get_by_role("link", name="Add to calendar").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert f"UID:training-session-{session.pk}@".encode() in content

    # In Hindi and Assamese too, the section fits the phone's width.
    for language in ("hi", "as"):
        page.context.add_cookies(
            [{"name": "lms_language", "value": language, "url": live_server.url}]
        )
        page.goto(f"{live_server.url}{reverse('learning:my_learning')}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.get_by_text(session.title, exact=True).first.is_visible()
        assert_accessible(page, f"my learning with a session ({language})")
    page.context.add_cookies([{"name": "lms_language", "value": "en", "url": live_server.url}])

    page.goto(f"{live_server.url}{module.url}")
    section = page.get_by_role("region", name="Your in-person sessions")
    assert section.get_by_text(session.title, exact=True).is_visible()
    assert_accessible(page, "module page with a session")
