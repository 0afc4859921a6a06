import re

import pytest

from lms.accounts.models import Cadre
from tests.e2e.accessibility import assert_accessible
from tests.modules.factories import make_module, single

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_learner_filters_catalogue_opens_lesson_answers_check(live_server, page, artifacts):
    police = make_module(code="CP-501", title="Child-friendly policing", questions=[single()])
    police.cadres.set([Cadre.objects.get(slug="sjpu-officer")])
    police.save_revision().publish()
    care = make_module(code="CP-502", title="Foster care basics")
    care.cadres.set([Cadre.objects.get(slug="social-worker")])
    care.save_revision().publish()

    page.goto(f"{live_server.url}/modules/")
    assert page.get_by_role("link", name="Foster care basics").is_visible()
    page.get_by_label("Cadre").select_option(label="Special Juvenile Police Unit (SJPU) officer")
    # htmx replaces the results without a page load and updates the address.
    page.wait_for_url(re.compile(r"cadre=sjpu-officer"))
    page.get_by_role("link", name="Foster care basics").wait_for(state="detached")
    assert_accessible(page, "catalogue filtered")
    page.get_by_role("link", name="Child-friendly policing").click()

    page.wait_for_url(re.compile(r"/modules/cp-501/$"))
    assert page.get_by_role("heading", name=re.compile("Child-friendly policing")).is_visible()
    page.get_by_role("link", name="Lesson 1", exact=True).first.click()

    page.wait_for_url(re.compile(r"/modules/cp-501/lesson-1/$"))
    check = page.locator("form", has_text="Who heads a DCPU?")
    check.get_by_label("The CWC").check()
    check.get_by_role("button", name=re.compile("Check", re.I)).click()
    feedback = page.get_by_text(re.compile("FEEDBACK-WRONG"))
    feedback.wait_for()
    check.get_by_label("The DCPO").check()
    check.get_by_role("button", name=re.compile("Check", re.I)).click()
    page.get_by_text(re.compile("FEEDBACK-RIGHT")).wait_for()
    assert page.url.endswith("/modules/cp-501/lesson-1/")  # answered in place
    page.screenshot(path=str(artifacts / "catalogue-journey-lesson.png"), full_page=True)
    assert_accessible(page, "lesson with feedback")
