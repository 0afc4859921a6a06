import io
import re
from collections import defaultdict

import pytest
from django.db import OperationalError
from pypdf import PdfReader

from certification.models import Certificate
from modules.learning.models import Enrollment, LessonProgress
from tests.accounts.factories import PASSWORD, UserFactory
from tests.e2e.accessibility import assert_accessible
from tests.modules.factories import make_module, single, true_false

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(f"{live_server.url}/")


def answer(page, right: bool):
    # The factory's questions: "Right" is the correct single choice; the statement is false.
    page.get_by_label("Right" if right else "Wrong 1", exact=True).check()
    page.get_by_label("False" if right else "True", exact=True).check()
    page.get_by_role("button", name=re.compile("Submit answers", re.I)).click()


def seconds_recorded(enrollment) -> int:
    """The seconds the page's beacons have stored so far. The live server shares SQLite's
    in-memory database through its shared cache, where a read while the server's beacon write
    holds the table fails at once ("database table is locked") instead of waiting: that counts
    as nothing stored yet, and the caller asks again."""
    try:
        return sum(
            LessonProgress.objects.filter(enrollment=enrollment).values_list(
                "seconds_spent", flat=True
            )
        )
    except OperationalError:
        return 0


def test_learner_takes_a_module_end_to_end(live_server, page, artifacts):
    module = make_module(
        code="CP-601",
        title="Working with the CWC",
        lessons=2,
        questions=[single(), true_false()],
        max_attempts=3,
        # A lesson of 10 minutes may be marked complete after 6 seconds on it: the rule at
        # work without the test waiting minutes.
        min_reading_share=1,
    )
    user = UserFactory()
    log_in(page, live_server, user)

    # The seconds each report of the lesson pages' beacon claimed, by lesson id, in order.
    reports = defaultdict(list)

    def reported(request):
        lesson = re.search(r"/lessons/(\d+)/time/$", request.url)
        seconds = re.search(r'name="seconds"\s+(-?\d+)', request.post_data or "")
        if lesson and seconds:
            reports[int(lesson[1])].append(int(seconds[1]))

    page.on("request", reported)
    page.goto(f"{live_server.url}{module.url}")
    page.get_by_role("button", name=re.compile("Enrol", re.I)).click()
    page.wait_for_url(re.compile(r"/lesson-1/$"))
    for number in (1, 2):
        if number == 2:
            page.goto(f"{live_server.url}{module.url}lesson-2/")
        button = page.get_by_role("button", name=re.compile("Mark as complete", re.I))
        # Disabled until the beacon has reported the minimum reading time, then enabled by
        # the page's script.
        assert button.is_disabled()
        assert page.get_by_text(re.compile("after about 1 more minute", re.I)).is_visible()
        page.wait_for_function(
            "() => !document.querySelector('#lesson-actions button').disabled",
            timeout=30000,
        )
        # The page reported when the 6 seconds were up (the opening's answer said how long
        # was left), neither on its minute's clock nor on the old 15 seconds': the opening,
        # one report, and the button enabled.
        lesson_id = int(
            page.locator("#lesson-actions").get_attribute("data-beacon-url").split("/")[-3]
        )
        opened, *times = reports[lesson_id]
        assert opened == 0
        assert len(times) == 1
        assert 6 <= times[0] < 15
        button.click()
        page.get_by_text(re.compile("Lesson completed", re.I)).first.wait_for()
        assert_accessible(page, f"lesson {number}")
    # Time on the page is reported by the beacon; leaving the page sends the last report.
    page.wait_for_timeout(2500)
    page.goto(f"{live_server.url}/learning/")
    enrollment = Enrollment.objects.get(user=user)
    for _wait in range(20):
        if seconds_recorded(enrollment) > 0:
            break
        page.wait_for_timeout(250)
    rows = LessonProgress.objects.filter(enrollment=enrollment)
    assert rows.count() == 2
    assert all(row.completed_at for row in rows)

    page.goto(f"{live_server.url}{module.url}assessment/")
    page.get_by_role("button", name=re.compile("Start attempt", re.I)).click()
    answer(page, right=False)
    page.get_by_text(re.compile("Not passed", re.I)).first.wait_for()
    # Attempts remain: which answers were wrong, but not the right ones.
    assert "EXPLANATION-TEXT" not in page.content()
    assert page.get_by_text("Correct answer", exact=True).count() == 0
    assert_accessible(page, "failed attempt")

    page.goto(f"{live_server.url}{module.url}assessment/")
    page.get_by_role("button", name=re.compile("Start attempt 2", re.I)).click()
    answer(page, right=True)
    page.get_by_text(re.compile("Passed", re.I)).first.wait_for()
    assert "EXPLANATION-TEXT" in page.content()
    assert_accessible(page, "passed attempt")

    page.goto(f"{live_server.url}/learning/")
    completed = page.locator("section", has_text="Completed").filter(
        has_text="Working with the CWC"
    )
    completed.first.wait_for()
    page.screenshot(path=str(artifacts / "learning-journey-my-learning.png"), full_page=True)
    assert_accessible(page, "my learning")
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.progress == 100
    assert sum(row.seconds_spent for row in rows.all()) >= 2

    # The certificate was issued seconds after the pass: download it and check it by its QR
    # link, as an employer would.
    certificate = Certificate.objects.get(enrollment=enrollment)
    card = completed.first
    download = card.get_by_role("link", name=re.compile("Download PDF", re.I))
    pdf = page.request.get(live_server.url + download.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert certificate.serial in text
    assert user.full_name in text
    qr_path = re.search(r"/verify/[A-Za-z0-9_-]+/", text.replace("\n", "")).group(0)
    assert qr_path == f"/verify/{certificate.token}/"
    page.goto(live_server.url + qr_path)
    page.get_by_text("This certificate is valid").wait_for()
    assert page.get_by_text(certificate.serial).is_visible()
    page.screenshot(path=str(artifacts / "learning-journey-verified.png"), full_page=True)
    assert_accessible(page, "verification")
